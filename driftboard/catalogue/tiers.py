"""The meetings above the team: the department's and unit's operations board, escalations and answers."""

from __future__ import annotations

PREFIXES = ("tier", "esc")

TEXTS: dict[str, dict[str, str]] = {
    # the department's and unit's board
    "tier.title": {"en": "{name} · Operations board", "da": "{name} · Driftstavle"},
    "tier.level.department": {"en": "the department", "da": "afdelingen"},
    "tier.level.unit": {"en": "the unit", "da": "enheden"},
    "tier.meeting_at": {"en": "Meeting at {time}", "da": "Tavlemøde kl. {time}"},
    "tier.totals": {
        "en": "{teams} teams · {red} behind · produced {produced} of {planned} due so far · gap {gap} h · "
        "{absent} absent · {overdue} overdue · {robots} robots down",
        "da": "{teams} teams · {red} bagud · produceret {produced} af {planned} hidtil · mangler {gap} t · "
        "{absent} fraværende · {overdue} over servicemål · {robots} robotter nede",
    },
    "tier.teams": {"en": "The teams today, worst first", "da": "Teamene i dag, de dårligste først"},
    "tier.col.team": {"en": "Team", "da": "Team"},
    "tier.col.department": {"en": "Department", "da": "Afdeling"},
    "tier.col.today": {"en": "Today", "da": "I dag"},
    "tier.col.week": {"en": "Week so far", "da": "Ugen hidtil"},
    "tier.col.produced": {"en": "Produced / due", "da": "Prod. / forfaldent"},
    "tier.col.gap": {"en": "Gap (h)", "da": "Mangler (t)"},
    "tier.col.absent": {"en": "Absent", "da": "Fravær"},
    "tier.col.overdue": {"en": "Overdue", "da": "Over mål"},
    "tier.col.robots": {"en": "Robots down", "da": "Robot nede"},
    "tier.col.escalations": {"en": "Escalated", "da": "Eskaleret"},
    "tier.col.days": {"en": "Day by day", "da": "Dag for dag"},
    "tier.spare": {"en": "Spare capacity in the unit", "da": "Ledig kapacitet i enheden"},
    "tier.spare.help": {
        "en": "Short tasks today and the people elsewhere in the unit who are competent on them and have free hours.",
        "da": "Opgaver der mangler timer i dag, og hvem andre steder i enheden der er kompetente og har ledige timer.",
    },
    "tier.answered_today": {"en": "Answered today", "da": "Besvaret i dag"},
    "tier.spare.none": {"en": "No team is short of hours today.", "da": "Intet team mangler timer i dag."},
    "tier.spare.line": {"en": "{team} · {task}: short {hours} h", "da": "{team} · {task}: mangler {hours} t"},
    "tier.spare.person": {"en": "{name} ({team}, {hours} h free)", "da": "{name} ({team}, {hours} t ledig)"},
    "tier.spare.nobody": {"en": "no one competent is free", "da": "ingen kompetente er ledige"},
    "tier.meeting": {"en": "Meeting view", "da": "Mødevisning"},
    "tier.meeting.escalations": {"en": "Escalations", "da": "Eskaleringer"},
    "tier.meeting.exceptions": {"en": "The teams' exceptions", "da": "Teamenes afvigelser"},
    "tier.meeting.kpis": {"en": "Our own KPIs", "da": "Vores egne KPI'er"},
    "tier.meeting.no_exceptions": {"en": "No team has an exception today.", "da": "Ingen teams har afvigelser i dag."},
    "tier.meeting.no_kpis": {"en": "No KPIs of our own yet.", "da": "Ingen egne KPI'er endnu."},
    "tier.err.not_a_level": {
        "en": "There is no department or unit “{slug}” you may see.",
        "da": "Der er ingen afdeling eller enhed “{slug}”, du kan se.",
    },
    "tier.open_board": {"en": "Department and unit boards", "da": "Afdelingers og enhedens tavler"},
    "tier.screen.escalations": {"en": "{name} · open escalations", "da": "{name} · åbne eskaleringer"},
    # escalations
    "esc.kind.capacity_gap": {"en": "Capacity gap", "da": "Manglende kapacitet"},
    "esc.kind.blocker": {"en": "Blocker", "da": "Forhindring"},
    "esc.kind.improvement": {"en": "Improvement beyond our mandate", "da": "Forbedring ud over vores mandat"},
    "esc.kind.kpi_action": {"en": "KPI action needing a decision", "da": "KPI-handling der kræver en beslutning"},
    "esc.title": {"en": "Escalations", "da": "Eskaleringer"},
    "esc.none": {"en": "No open escalations.", "da": "Ingen åbne eskaleringer."},
    "esc.form": {"en": "Escalate to the department", "da": "Eskalér til afdelingen"},
    "esc.form.help": {
        "en": "Hand up what the team cannot solve itself; the department answers on this board.",
        "da": "Send det videre, teamet ikke selv kan løse; afdelingen svarer her på tavlen.",
    },
    "esc.form.kind": {"en": "What", "da": "Hvad"},
    "esc.form.note": {"en": "Note", "da": "Bemærkning"},
    "esc.form.hours": {"en": "Hours", "da": "Timer"},
    "esc.form.hours_gap": {"en": "empty: the task's gap on the board", "da": "tom: opgavens manglende timer"},
    "esc.form.amount": {"en": "Number (cases, people …)", "da": "Antal (sager, personer …)"},
    "esc.form.task": {"en": "Task", "da": "Opgave"},
    "esc.form.no_task": {"en": "– no task –", "da": "– ingen opgave –"},
    "esc.form.submit": {"en": "Escalate", "da": "Eskalér"},
    "esc.raised": {"en": "Escalated: {kind}.", "da": "Eskaleret: {kind}."},
    "esc.line": {"en": "{kind} · {team}: {note}", "da": "{kind} · {team}: {note}"},
    "esc.carries": {"en": "{hours} h", "da": "{hours} t"},
    "esc.amount": {"en": "number {amount}", "da": "antal {amount}"},
    "esc.waiting": {
        "en": "Waiting for {level} since {time} ({age} min)",
        "da": "Venter på {level} siden kl. {time} ({age} min)",
    },
    "esc.late": {
        "en": "Not answered by the team's meeting {due}",
        "da": "Ikke besvaret inden teamets møde {due}",
    },
    "esc.answer.borrow": {
        "en": "Answered by {level}: {people} people from {lenders}, {hours} h",
        "da": "Besvaret af {level}: {people} personer fra {lenders}, {hours} t",
    },
    "esc.answer.borrow_one": {
        "en": "Answered by {level}: 1 person from {lenders}, {hours} h",
        "da": "Besvaret af {level}: 1 person fra {lenders}, {hours} t",
    },
    "esc.answer.overtime": {
        "en": "Answered by {level}: overtime approved, {hours} h",
        "da": "Besvaret af {level}: overarbejde godkendt, {hours} t",
    },
    "esc.answer.temporary_staff": {
        "en": "Answered by {level}: temporary staff approved, {hours} h",
        "da": "Besvaret af {level}: vikarer godkendt, {hours} t",
    },
    "esc.answer.note": {"en": "Answered by {level}: {note}", "da": "Besvaret af {level}: {note}"},
    "esc.answer": {"en": "Answer", "da": "Svar"},
    # one line each on the team's shared screen
    "tier.short.department": {"en": "Department", "da": "Afdelingen"},
    "tier.short.unit": {"en": "Unit", "da": "Enheden"},
    "esc.short.borrow": {
        "en": "{level}: {people} people from {lenders}, {hours} h",
        "da": "{level}: {people} personer fra {lenders}, {hours} t",
    },
    "esc.short.overtime": {
        "en": "{level}: overtime approved, {hours} h",
        "da": "{level}: overarbejde godkendt, {hours} t",
    },
    "esc.short.temporary_staff": {
        "en": "{level}: temporary staff, {hours} h",
        "da": "{level}: vikarer godkendt, {hours} t",
    },
    "esc.short.note": {"en": "{level}: {note}", "da": "{level}: {note}"},
    "esc.short.waiting": {"en": "{kind} · with {level} since {time}", "da": "{kind} · hos {level} siden {time}"},
    "esc.short.late": {"en": "{kind} · not answered by {time}", "da": "{kind} · ikke besvaret kl. {time}"},
    "esc.answer.kind": {"en": "Decision", "da": "Beslutning"},
    "esc.answer.kind.borrow": {"en": "Lend people", "da": "Lån folk ud"},
    "esc.answer.kind.overtime": {"en": "Approve overtime", "da": "Godkend overarbejde"},
    "esc.answer.kind.temporary_staff": {"en": "Approve temporary staff", "da": "Godkend vikarer"},
    "esc.answer.kind.note": {"en": "Answer with a note", "da": "Svar med en note"},
    "esc.answer.people": {"en": "People to lend today", "da": "Folk der lånes ud i dag"},
    "esc.answer.hours_each": {"en": "Hours each", "da": "Timer hver"},
    "esc.answer.hours": {"en": "Hours approved", "da": "Godkendte timer"},
    "esc.answer.note_label": {"en": "Note to the team", "da": "Note til teamet"},
    "esc.answer.submit": {"en": "Send the answer", "da": "Send svaret"},
    "esc.answer.done": {"en": "Answered: {team}.", "da": "Besvaret: {team}."},
    "esc.answer.nobody": {
        "en": "Nobody in the unit outside the team has free hours today.",
        "da": "Ingen i enheden uden for teamet har ledige timer i dag.",
    },
    "esc.escalate": {"en": "Take it to the unit", "da": "Send videre til enheden"},
    "esc.escalated": {"en": "Taken to the unit: {team}.", "da": "Sendt videre til enheden: {team}."},
    "esc.close": {"en": "Close", "da": "Luk"},
    "esc.closed": {"en": "Closed.", "da": "Lukket."},
    "esc.err.hours": {
        "en": "Say how many hours the escalation carries.",
        "da": "Skriv hvor mange timer det drejer sig om.",
    },
    "esc.err.hours_range": {
        "en": "Hours must be more than 0 and at most {high}.",
        "da": "Timer skal være over 0 og højst {high}.",
    },
    "esc.err.note": {"en": "Write what the escalation is about.", "da": "Skriv hvad eskaleringen handler om."},
    "esc.err.amount": {
        "en": "The number must be a whole number of 0 or more.",
        "da": "Antallet skal være et helt tal på 0 eller mere.",
    },
    "esc.err.gone": {
        "en": "The escalation no longer exists; reload the page.",
        "da": "Eskaleringen findes ikke længere; genindlæs siden.",
    },
    "esc.err.not_waiting": {
        "en": "The escalation has been answered already; nothing was changed.",
        "da": "Eskaleringen er allerede besvaret; intet blev ændret.",
    },
    "esc.err.no_people": {"en": "Choose the people to lend.", "da": "Vælg hvem der skal lånes ud."},
    "esc.err.task": {"en": "Choose the task the people help on.", "da": "Vælg den opgave, folkene skal hjælpe med."},
    "esc.err.twice": {"en": "Each person can be lent once.", "da": "Hver person kan kun lånes ud én gang."},
    "esc.err.at_top": {"en": "The escalation is with the unit already.", "da": "Eskaleringen er allerede hos enheden."},
    "esc.err.not_answered": {
        "en": "Only an answered escalation can be closed.",
        "da": "Kun en besvaret eskalering kan lukkes.",
    },
}
