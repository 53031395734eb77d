"""Week planning: the week plan, planning factors and their page."""

from __future__ import annotations

PREFIXES = ("plan",)

TEXTS: dict[str, dict[str, str]] = {
    "plan.absences": {"en": "Absences", "da": "Fravær"},
    "plan.absences_saved": {"en": "Absences saved: {summary}.", "da": "Fravær gemt: {summary}."},
    "plan.absences_freed": {
        "en": "Absences saved: {summary}. {hours} h taken off the plan; see the capacity above.",
        "da": "Fravær gemt: {summary}. {hours} t taget af planen; se kapaciteten ovenfor.",
    },
    "plan.cap.over": {
        "en": "{day}: {planned} h planned but only {available} h of capacity.",
        "da": "{day}: {planned} t planlagt, men kun {available} t kapacitet.",
    },
    "plan.cap.over_short": {"en": "Over capacity", "da": "Over kapacitet"},
    "plan.cap.ok": {"en": "Within capacity", "da": "Inden for kapacitet"},
    "plan.err.nothing_to_publish": {
        "en": "There is no plan for that week to publish.",
        "da": "Der er ingen plan for den uge at offentliggøre.",
    },
    "plan.cap.available": {"en": "Capacity (h)", "da": "Kapacitet (t)"},
    "plan.cap.needed": {"en": "Needed (h)", "da": "Behov (t)"},
    "plan.cap.planned": {"en": "Planned (h)", "da": "Planlagt (t)"},
    "plan.capacity": {"en": "Capacity after planning factors", "da": "Kapacitet efter planlægningsfaktorer"},
    "plan.capacity_help": {
        "en": "Enter paid hours in the plan. Hours on cases count {cf} of every {daily} paid hours (customer-facing), the board leader's at {leader} %, and a team leader who does not run the board is not counted; {reserve} % of capacity is the development reserve.",
        "da": "Angiv betalte timer i planen. Timer på sager tæller {cf} af hver {daily} betalte timer (kundevendt), tavleførerens med {leader} %, og en teamleder, der ikke fører tavlen, tælles ikke med; {reserve} % af kapaciteten er udviklingsreserve.",
    },
    "plan.competences": {"en": "Competence matrix", "da": "Kompetencematrix"},
    "plan.competences_help": {
        "en": "Who can do which task. A task under 1 FTE a day needs at least 3 competent people.",
        "da": "Hvem kan løse hvilken opgave. En opgave under 1 årsværk pr. dag kræver mindst 3 kompetente.",
    },
    "plan.competences_saved": {"en": "Competences saved: {summary}.", "da": "Kompetencer gemt: {summary}."},
    "plan.copied": {
        "en": "Copied {copied} assignments from last week ({skipped} skipped for absence).",
        "da": "Kopieret {copied} tildelinger fra sidste uge ({skipped} sprunget over pga. fravær).",
    },
    "plan.copy": {"en": "Copy last week's plan", "da": "Kopiér sidste uges plan"},
    "plan.date": {"en": "Date", "da": "Dato"},
    "plan.err.exists": {
        "en": "This week already has a plan, made by {who}; edit it instead.",
        "da": "Ugen har allerede en plan, lavet af {who}; redigér den i stedet.",
    },
    "plan.err.no_source": {"en": "Last week has no plan to copy.", "da": "Sidste uge har ingen plan at kopiere."},
    "plan.err.reason": {
        "en": "The plan is published: say why it changes.",
        "da": "Planen er offentliggjort: angiv hvorfor den ændres.",
    },
    "plan.grid": {"en": "Week plan", "da": "Ugeplan"},
    "plan.grid_help": {
        "en": "One row per person and task; hours per work day. Add a row to give someone another task.",
        "da": "Én række pr. person og opgave; timer pr. arbejdsdag. Tilføj en række for at give en person en opgave mere.",
    },
    "plan.kind": {"en": "Kind", "da": "Type"},
    "plan.not_competent": {
        "en": "{person} is not competent on {task} ({day}). The plan is saved.",
        "da": "{person} er ikke kompetent på {task} ({day}). Planen er gemt.",
    },
    "plan.publish": {"en": "Publish", "da": "Offentliggør"},
    "plan.published": {
        "en": "The plan is published: the board shows it now.",
        "da": "Planen er offentliggjort: tavlen viser den nu.",
    },
    "plan.published_by": {"en": "Published by {who}.", "da": "Offentliggjort af {who}."},
    "plan.reason": {"en": "Why does the published plan change?", "da": "Hvorfor ændres den offentliggjorte plan?"},
    "plan.save": {"en": "Save plan", "da": "Gem plan"},
    "plan.save_absences": {"en": "Save absences", "da": "Gem fravær"},
    "plan.save_competences": {"en": "Save competences", "da": "Gem kompetencer"},
    "plan.saved": {"en": "Plan saved.", "da": "Planen er gemt."},
    "plan.status.none": {"en": "no plan yet", "da": "ingen plan endnu"},
    "plan.status.draft": {"en": "draft", "da": "kladde"},
    "plan.status.published": {"en": "published", "da": "offentliggjort"},
    "plan.rule.need": {"en": "Need (FTE/day)", "da": "Behov (årsværk/dag)"},
    "plan.rule.competent": {"en": "Competent", "da": "Kompetente"},
    "plan.rule.required": {"en": "Rule requires", "da": "Reglen kræver"},
    "plan.rule.ok": {"en": "Enough", "da": "Nok"},
    "plan.rule.short": {"en": "Too few", "da": "For få"},
    "plan.week": {"en": "Week of", "da": "Uge med"},
    # borrowed people in the competence matrix
    "plan.borrow_help": {
        "en": "Add someone from another team of the unit who is competent on one of this team's tasks: "
        "they join the matrix and are offered as a borrowing candidate when the team is short.",
        "da": "Tilføj en fra et andet team i enheden, som er kompetent i en af teamets opgaver: personen "
        "kommer med i matricen og foreslås til lån, når teamet mangler kapacitet.",
    },
    "plan.borrow_person": {"en": "Person from another team", "da": "Person fra et andet team"},
    "plan.borrow_add": {"en": "Add to the matrix as competent", "da": "Tilføj til matricen som kompetent"},
    "plan.borrow_added": {
        "en": "{person} is now competent on {task} in this team's matrix.",
        "da": "{person} er nu kompetent i {task} i teamets matrice.",
    },
}
