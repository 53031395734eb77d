"""The operations board: production, capacity, absences, plan changes, competence, escalation, work places."""

from __future__ import annotations

PREFIXES = ("ops", "absence", "change", "competence", "comp", "escalation", "wp", "mine")

TEXTS: dict[str, dict[str, str]] = {
    # operations board: log texts and errors
    "ops.unplanned": {"en": "unplanned hours", "da": "uplanlagte timer"},
    "change.event.sick": {"en": "{name} is sick; freed: {tasks}.", "da": "{name} er syg; frigivet: {tasks}."},
    "change.event.sick_nothing_planned": {"en": "{name} is sick.", "da": "{name} er syg."},
    "change.event.absence": {
        "en": "{name}: {absence}; {hours} h taken off the plan ({tasks}).",
        "da": "{name}: {absence}; {hours} t taget af planen ({tasks}).",
    },
    "change.event.move": {
        "en": "{name}: {hours} h moved from {source} to {target}.",
        "da": "{name}: {hours} t flyttet fra {source} til {target}.",
    },
    "change.event.borrow": {
        "en": "{name} of {lender} lent to the team for {hours} h on {target}.",
        "da": "{name} fra {lender} udlånt til teamet i {hours} t på {target}.",
    },
    "change.event.lent": {
        "en": "{name} lent to {borrower} for {hours} h on {target}.",
        "da": "{name} udlånt til {borrower} i {hours} t på {target}.",
    },
    "change.event.overtime": {
        "en": "{name}: {hours} h overtime on {target}.",
        "da": "{name}: {hours} t overarbejde på {target}.",
    },
    "change.event.plan_edited": {
        "en": "The published plan was changed.",
        "da": "Den offentliggjorte plan blev ændret.",
    },
    "change.task_hours": {"en": "{task} {hours} h", "da": "{task} {hours} t"},
    "ops.err.already_sick": {
        "en": "{name} is already registered sick that day.",
        "da": "{name} er allerede meldt syg den dag.",
    },
    "ops.err.not_own_person": {
        "en": "Only the team's own people can be marked sick here.",
        "da": "Kun teamets egne medarbejdere kan meldes syge her.",
    },
    "ops.err.note": {
        "en": "Say what changed and why.",
        "da": "Skriv hvad der blev ændret og hvorfor.",
    },
    "ops.err.volume": {
        "en": "The planned volume must be a whole number of 0 or more.",
        "da": "Den planlagte volumen skal være et helt tal på 0 eller mere.",
    },
    "ops.err.reason": {
        "en": "Say why the planned volume is overridden.",
        "da": "Angiv hvorfor den planlagte volumen ændres.",
    },
    "ops.err.no_plan": {
        "en": "The week has no published plan to change.",
        "da": "Ugen har ingen offentliggjort plan at ændre.",
    },
    "ops.err.hours": {"en": "Hours must be more than 0 and at most 24.", "da": "Timer skal være over 0 og højst 24."},
    "ops.err.not_enough_hours": {
        "en": "The person has fewer hours planned on that task today.",
        "da": "Personen har færre timer planlagt på den opgave i dag.",
    },
    "ops.err.person_absent": {
        "en": "{person} is registered absent that day and cannot be planned.",
        "da": "{person} er registreret fraværende den dag og kan ikke planlægges.",
    },
    "ops.err.more_than_free": {
        "en": "{person} has only {free} h free that day, not {hours} h (the rest is planned or absent; more is overtime).",
        "da": "{person} har kun {free} t fri den dag, ikke {hours} t (resten er planlagt eller fravær; mere er overarbejde).",
    },
    "ops.err.overtime_cap": {
        "en": "{name} has only {left} h of overtime left this week.",
        "da": "{name} har kun {left} t overarbejde tilbage i denne uge.",
    },
    "absence.vacation": {"en": "Vacation", "da": "Ferie"},
    "absence.sick": {"en": "Sick", "da": "Syg"},
    "absence.training": {"en": "Training", "da": "Kursus"},
    "absence.lent_out": {"en": "Lent out", "da": "Udlånt"},
    "absence.development_project": {"en": "Development project", "da": "Udviklingsprojekt"},
    "change.sickness": {"en": "Sickness", "da": "Sygdom"},
    "change.volume_high": {"en": "Volume higher than planned", "da": "Volumen højere end planlagt"},
    "change.needed_elsewhere": {"en": "Needed elsewhere", "da": "Skal bruges andetsteds"},
    "change.borrowed": {"en": "Borrowed from another team", "da": "Lånt fra andet team"},
    "change.overtime": {"en": "Overtime", "da": "Overarbejde"},
    "change.other": {"en": "Other", "da": "Andet"},
    "escalation.short.borrow_unit": {"en": "Borrow", "da": "Lån"},
    "escalation.short.overtime": {"en": "Overtime", "da": "Overarbejde"},
    "escalation.short.borrow_departments": {"en": "Other departments", "da": "Andre afdelinger"},
    "escalation.short.temporary_staff": {"en": "Temporary staff", "da": "Vikarer"},
    "escalation.borrow_unit": {"en": "Borrow from other teams in the unit", "da": "Lån fra andre teams i enheden"},
    "escalation.overtime": {
        "en": "Overtime (max 2 h per person per week)",
        "da": "Overarbejde (maks. 2 t pr. person pr. uge)",
    },
    "escalation.borrow_departments": {"en": "Borrow from other departments", "da": "Lån fra andre afdelinger"},
    "escalation.temporary_staff": {"en": "Temporary staff", "da": "Vikarer"},
    "competence.in_training": {"en": "In training", "da": "Under oplæring"},
    "competence.competent": {"en": "Competent", "da": "Kompetent"},
    "competence.expert": {"en": "Expert", "da": "Ekspert"},
    "ops.board_day": {"en": "Board day", "da": "Tavledag"},
    "ops.borrowed_from": {"en": "from {team}", "da": "fra {team}"},
    "ops.candidate": {"en": "{name} ({team}, {hours} h)", "da": "{name} ({team}, {hours} t)"},
    "ops.candidate_own": {"en": "{name} ({hours} h left)", "da": "{name} ({hours} t tilbage)"},
    "ops.capacity": {"en": "Capacity warnings", "da": "Kapacitetsadvarsler"},
    "ops.cell_help": {
        "en": "Cells show produced / planned; the week column, produced / the plan due so far (today's plan counts by the hour once today's production is entered). Green: production reaches it (tolerance {tolerance} %); red: behind; grey: not registered; blue: nothing due yet.",
        "da": "Cellerne viser produceret / planlagt; ugekolonnen produceret / den plan, der er forfalden indtil nu (dagens plan tæller time for time, når dagens produktion er indtastet). Grøn: produktionen når den (tolerance {tolerance} %); rød: bagud; grå: ikke registreret; blå: intet forfaldent endnu.",
    },
    "ops.changes": {"en": "Plan changes this week", "da": "Planændringer i ugen"},
    "ops.chart_title": {"en": "Cumulated produced vs planned", "da": "Akkumuleret produceret mod planlagt"},
    "ops.col.due_today": {"en": "Due today", "da": "Udløber i dag"},
    "ops.col.open": {"en": "Open", "da": "Åbne"},
    "ops.col.overdue": {"en": "Overdue", "da": "Over servicemål"},
    "ops.col.person": {"en": "Person", "da": "Person"},
    "ops.col.status": {"en": "Status", "da": "Status"},
    "ops.col.task": {"en": "Task", "da": "Opgave"},
    "ops.col.today": {"en": "Today", "da": "I dag"},
    "ops.col.week": {"en": "Week", "da": "Ugen"},
    "ops.col.what": {"en": "What changed", "da": "Hvad er ændret"},
    "ops.col.when": {"en": "When", "da": "Hvornår"},
    "ops.col.who": {"en": "By", "da": "Af"},
    "ops.col.why": {"en": "Why", "da": "Hvorfor"},
    "ops.competence_flag": {
        "en": "{competent} competent people; the rule needs {required} (need {fte} FTE a day).",
        "da": "{competent} kompetente personer; reglen kræver {required} (behov {fte} årsværk pr. dag).",
    },
    "ops.entry_day": {"en": "Day", "da": "Dag"},
    "ops.entry_help": {
        "en": "One number per task: cases finished that day. Leave a task empty if it is not counted yet.",
        "da": "Ét tal pr. opgave: færdige sager den dag. Lad en opgave stå tom, hvis den ikke er talt endnu.",
    },
    "ops.holdings": {"en": "Holdings", "da": "Beholdning"},
    "ops.holdings_as_of": {"en": "Holdings as of {day}.", "da": "Beholdning pr. {day}."},
    "ops.hours": {"en": "Hours", "da": "Timer"},
    "ops.import.button": {"en": "Import", "da": "Importér"},
    "ops.import.done": {
        "en": "Imported {rows} rows: {added} new, {replaced} replaced.",
        "da": "Importeret {rows} rækker: {added} nye, {replaced} erstattet.",
    },
    "ops.import.file": {"en": "CSV or XLSX file", "da": "CSV- eller XLSX-fil"},
    "ops.import.help": {
        "en": "Columns: date, team, task, produced. Team and task by address (slug) or name; dates as 2026-11-28 or 28-11-2026. One bad row rejects the whole file.",
        "da": "Kolonner: date, team, task, produced. Team og opgave ved adresse (slug) eller navn; datoer som 2026-11-28 eller 28-11-2026. Én fejl afviser hele filen.",
    },
    "ops.move.button": {"en": "Move hours", "da": "Flyt timer"},
    "ops.move.done": {"en": "Plan changed and logged.", "da": "Planen er ændret og logget."},
    "ops.move.from": {"en": "From", "da": "Fra"},
    "ops.move.title": {"en": "Move a person to another task", "da": "Flyt en person til en anden opgave"},
    "ops.move.to": {"en": "To task", "da": "Til opgave"},
    "ops.no_candidates": {"en": "no one available", "da": "ingen ledige"},
    "ops.no_changes": {"en": "No changes to the plan this week.", "da": "Ingen ændringer i planen denne uge."},
    "ops.no_holdings": {"en": "No holdings registered.", "da": "Ingen beholdning registreret."},
    "ops.no_plan": {
        "en": "There is no published plan for this week.",
        "da": "Der er ingen offentliggjort plan for denne uge.",
    },
    "ops.no_tasks": {"en": "The team has no tasks yet.", "da": "Teamet har endnu ingen opgaver."},
    "ops.no_warnings": {"en": "No task is short of capacity today.", "da": "Ingen opgave mangler kapacitet i dag."},
    "ops.not_planned": {"en": "Not planned", "da": "Ikke planlagt"},
    "ops.not_registered": {"en": "not registered", "da": "ikke registreret"},
    "ops.note": {"en": "Note", "da": "Bemærkning"},
    "ops.nothing_entered": {"en": "Enter at least one number.", "da": "Indtast mindst ét tal."},
    "ops.override.done": {"en": "Planned volume overridden.", "da": "Planlagt volumen overskrevet."},
    "ops.override.help": {
        "en": "Lower (or raise) a task's planned volume for a day, e.g. when cases risk breaking the service goal. The reason is shown on the board.",
        "da": "Sænk (eller hæv) en opgaves planlagte volumen for en dag, fx når sager risikerer at bryde servicemålet. Begrundelsen vises på tavlen.",
    },
    "ops.override.reason": {"en": "Reason", "da": "Begrundelse"},
    "ops.override.remove": {"en": "Use the plan's volume again", "da": "Brug planens volumen igen"},
    "ops.override.removed": {"en": "Override removed.", "da": "Overskrivning fjernet."},
    "ops.override.set": {"en": "Override", "da": "Overskriv"},
    "ops.override.volume": {"en": "Planned volume", "da": "Planlagt volumen"},
    "ops.override_note": {
        "en": "{task}, {day}: planned volume set to {volume} — {reason}",
        "da": "{task}, {day}: planlagt volumen sat til {volume} — {reason}",
    },
    "ops.overtime.button": {"en": "Plan overtime", "da": "Planlæg overarbejde"},
    "ops.overtime.done": {"en": "Overtime planned for {name}.", "da": "Overarbejde planlagt for {name}."},
    "ops.overtime.title": {"en": "Overtime", "da": "Overarbejde"},
    "ops.plan_draft": {
        "en": "This week's plan is a draft: publish it under Week planning.",
        "da": "Ugens plan er en kladde: offentliggør den under Ugeplanlægning.",
    },
    "ops.produced_vs_planned": {"en": "Produced vs planned", "da": "Produceret mod planlagt"},
    "ops.last_week": {"en": "Last week ({week})", "da": "Sidste uge ({week})"},
    "ops.production_saved": {
        "en": "Production for {day} saved. Now: {statuses}.",
        "da": "Produktion for {day} gemt. Nu: {statuses}.",
    },
    "ops.save_production": {"en": "Save production", "da": "Gem produktion"},
    "ops.series.cases": {"en": "Cases", "da": "Sager"},
    "ops.series.planned": {"en": "Planned", "da": "Planlagt"},
    "ops.series.produced": {"en": "Produced", "da": "Produceret"},
    "ops.short_by": {"en": "is {hours} h short today.", "da": "mangler {hours} t i dag."},
    "ops.sick.button": {"en": "Mark sick", "da": "Meld syg"},
    "ops.sick.done": {"en": "{name} is marked sick; the log says so.", "da": "{name} er meldt syg; det står i loggen."},
    "ops.sick.title": {"en": "Sick today", "da": "Syg i dag"},
    "ops.tab.change": {"en": "Change today's plan", "da": "Ændr dagens plan"},
    "ops.tab.import": {"en": "Import production", "da": "Importér produktion"},
    "ops.tab.override": {"en": "Override planned volume", "da": "Overskriv planlagt volumen"},
    "ops.tab.production": {"en": "Enter production", "da": "Indtast produktion"},
    "ops.chart_legend": {
        "en": "Dashed grey: cumulated plan · solid blue: cumulated production.",
        "da": "Stiplet grå: akkumuleret plan · fuldt optrukket blå: akkumuleret produktion.",
    },
    "ops.weekend": {"en": "Weekend: no work is planned today.", "da": "Weekend: der er intet arbejde planlagt i dag."},
    "ops.today": {"en": "Today", "da": "I dag"},
    "ops.decide.action": {"en": "Start an action", "da": "Start en handling"},
    "ops.decide.card": {"en": "New improvement card", "da": "Nyt forbedringskort"},
    "ops.decide.plan": {"en": "Change the plan", "da": "Ændr planen"},
    "ops.meeting": {"en": "Meeting view (9 o'clock)", "da": "Mødevisning (kl. 9)"},
    "ops.meeting.capacity": {"en": "Capacity warnings", "da": "Kapacitetsadvarsler"},
    "ops.meeting.decisions": {"en": "Decisions", "da": "Beslutninger"},
    "ops.meeting.decisions_help": {
        "en": "Each decision is one click and lands in the same log as elsewhere.",
        "da": "Hver beslutning er ét klik og havner i samme log som andre steder.",
    },
    "ops.meeting.exceptions": {
        "en": "Exceptions first (only red and grey)",
        "da": "Undtagelser først (kun rødt og gråt)",
    },
    "ops.meeting.holdings": {
        "en": "Holdings due today and overdue",
        "da": "Beholdning der udløber i dag eller er over servicemål",
    },
    "ops.meeting.left": {"en": "Time left", "da": "Tid tilbage"},
    "ops.meeting.origin": {"en": "Raised at the daily board meeting", "da": "Rejst på det daglige tavlemøde"},
    "ops.meeting.restart": {"en": "Restart the countdown", "da": "Genstart nedtællingen"},
    "ops.meeting.today": {"en": "Today's plan and absences", "da": "Dagens plan og fravær"},
    "ops.meeting.yesterday": {"en": "Result {day}", "da": "Resultat {day}"},
    "ops.no_exceptions": {"en": "Nothing red or grey here.", "da": "Intet rødt eller gråt her."},
    "ops.tab.holdings": {"en": "Holdings", "da": "Beholdning"},
    "ops.holdings.help": {
        "en": "Open cases per task at the start of the day, those due today and those already over the service goal.",
        "da": "Åbne sager pr. opgave ved dagens start, dem der skal løses i dag, og dem der allerede er over "
        "servicemålet.",
    },
    "ops.holdings.open": {"en": "Open", "da": "Åbne"},
    "ops.holdings.due": {"en": "Due today", "da": "Skal løses i dag"},
    "ops.holdings.overdue": {"en": "Over service goal", "da": "Over servicemål"},
    "ops.holdings.save": {"en": "Save holdings", "da": "Gem beholdning"},
    "ops.holdings.saved": {
        "en": "Holdings saved for {day}: {tasks} tasks.",
        "da": "Beholdning gemt for {day}: {tasks} opgaver.",
    },
    "ops.holdings.saved.one": {"en": "Holdings saved for {day}: 1 task.", "da": "Beholdning gemt for {day}: 1 opgave."},
    "ops.holdings.import": {
        "en": "Or import a file with the columns date, team, task, open, due_today, overdue (Danish: dato, team, "
        "opgave, åbne, forfalder_i_dag, over_servicemål).",
        "da": "Eller importér en fil med kolonnerne dato, team, opgave, åbne, forfalder_i_dag, over_servicemål "
        "(engelsk: date, team, task, open, due_today, overdue).",
    },
    "ops.holdings.imported": {
        "en": "Imported {rows} holdings rows: {changed} changed, {unchanged} unchanged.",
        "da": "Importeret {rows} beholdningsrækker: {changed} ændret, {unchanged} uændret.",
    },
    "comp.err.not_in_unit": {
        "en": "Only people of the unit's teams can be added to the matrix.",
        "da": "Kun medarbejdere i enhedens teams kan tilføjes til matricen.",
    },
    # where people work
    "wp.title": {"en": "Where people work", "da": "Hvor medarbejderne arbejder"},
    "wp.help": {
        "en": "Office, home or elsewhere per person and day; the unit requires {required} office days a week.",
        "da": "Kontor, hjemme eller andetsteds pr. medarbejder og dag; enheden kræver {required} kontordage om ugen.",
    },
    "wp.help_none": {
        "en": "Office, home or elsewhere per person and day; the unit has no office-day rule.",
        "da": "Kontor, hjemme eller andetsteds pr. medarbejder og dag; enheden har ingen regel om kontordage.",
    },
    "wp.save": {"en": "Save where people work", "da": "Gem hvor medarbejderne arbejder"},
    "wp.saved": {"en": "Saved where people work: {summary}", "da": "Gemt, hvor medarbejderne arbejder: {summary}"},
    "wp.short": {
        "en": "{person} has {office} office days this week; the unit requires {required}.",
        "da": "{person} har {office} kontordage i ugen; enheden kræver {required}.",
    },
    "wp.office": {"en": "Office", "da": "Kontor"},
    "wp.home": {"en": "Home", "da": "Hjemme"},
    "wp.elsewhere": {"en": "Elsewhere", "da": "Andetsteds"},
    "ops.col.place": {"en": "Works from", "da": "Arbejder fra"},
    "ops.err.not_in_unit": {
        "en": "{person} works in another unit; only people of this team's unit can be borrowed.",
        "da": "{person} arbejder i en anden enhed; kun medarbejdere i teamets egen enhed kan lånes.",
    },
    # A person's own tasks today (``?me=``), first on the operations page.
    "mine.title": {"en": "My tasks today · {name}", "da": "Mine opgaver i dag · {name}"},
    "mine.unknown": {
        "en": "No one called “{me}” works on this board; the whole team is shown. Choose yourself under "
        "“Enter production”.",
        "da": "Ingen ved navn “{me}” arbejder på denne tavle; hele teamet vises. Vælg dig selv under "
        "“Indtast produktion”.",
    },
    "mine.none": {
        "en": "The plan gives you no tasks on this board today.",
        "da": "Planen giver dig ingen opgaver på denne tavle i dag.",
    },
    "mine.absent": {
        "en": "You are registered as absent today: there is nothing to record.",
        "da": "Du er registreret som fraværende i dag: der er intet at registrere.",
    },
    "mine.pick": {"en": "My tasks first", "da": "Mine opgaver først"},
    "mine.pick_placeholder": {"en": "Choose yourself", "da": "Vælg dig selv"},
    "mine.pick_help": {
        "en": "The page then opens on your tasks; bookmark it (or add it to your phone's home screen) to come "
        "straight back.",
        "da": "Siden åbner så med dine opgaver; gem den som bogmærke (eller på telefonens hjemmeskærm) for at "
        "komme direkte tilbage.",
    },
    "ops.skip_to_entry": {"en": "Skip to the production entry", "da": "Gå til registrering af produktion"},
}
