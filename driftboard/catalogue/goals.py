"""The goal-steering board: measures, KPI values, verdicts, roll-up, actions and the intake forecast."""

from __future__ import annotations

PREFIXES = ("goals", "measures", "kind", "action", "rollup", "verdict", "fc")

TEXTS: dict[str, dict[str, str]] = {
    "goals.err.name": {"en": "A measure needs a name.", "da": "En måling skal have et navn."},
    "goals.err.kpi_fields": {
        "en": "A KPI needs a direction, a baseline with its date and a target with its date.",
        "da": "En KPI skal have en retning, en baseline med dato og et mål med dato.",
    },
    "goals.err.flat": {
        "en": "A KPI's target must differ from its baseline: KPIs never have flat targets.",
        "da": "En KPI's mål skal være forskelligt fra baseline: KPI'er har aldrig flade mål.",
    },
    "goals.err.dates": {
        "en": "A KPI's target date must come after its baseline date.",
        "da": "En KPI's måldato skal ligge efter baselinedatoen.",
    },
    "goals.err.direction": {
        "en": "The target moves against the KPI's direction (higher or lower is better).",
        "da": "Målet går imod KPI'ens retning (højere eller lavere er bedre).",
    },
    "goals.err.control": {
        "en": "A control measure needs a comparator and a threshold, e.g. > 98.",
        "da": "En kontrolmåling skal have en sammenligning og en grænse, fx > 98.",
    },
    "goals.err.tolerance": {
        "en": "Tolerance must be between 0 and 100 %.",
        "da": "Tolerancen skal være mellem 0 og 100 %.",
    },
    "goals.err.decimals": {
        "en": "Decimals must be a whole number from 0 to 4.",
        "da": "Decimaler skal være et helt tal fra 0 til 4.",
    },
    "goals.err.stray_value": {
        "en": "A value belongs to a measure of another unit; reload the page.",
        "da": "En værdi hører til en måling i en anden enhed; genindlæs siden.",
    },
    "goals.err.action_text": {"en": "An action needs a text.", "da": "En handling skal have en tekst."},
    "goals.err.action_owner": {"en": "An action needs an owner.", "da": "En handling skal have en ejer."},
    "goals.err.already_moved": {
        "en": "The action is already on the improvement board.",
        "da": "Handlingen er allerede på forbedringstavlen.",
    },
    "verdict.on_track": {"en": "On track", "da": "På sporet"},
    "verdict.behind": {"en": "Behind", "da": "Bagud"},
    "verdict.within": {"en": "Within", "da": "Overholdt"},
    "verdict.breached": {"en": "Breached", "da": "Brudt"},
    "verdict.not_registered": {"en": "Not registered", "da": "Ikke registreret"},
    "verdict.none": {"en": "No verdict", "da": "Ingen vurdering"},
    "kind.one.kpi": {"en": "KPI", "da": "KPI"},
    "kind.one.control": {"en": "control measure", "da": "kontrolmåling"},
    "kind.one.operational": {"en": "operational measure", "da": "driftsmåling"},
    "kind.kpi": {"en": "KPIs", "da": "KPI'er"},
    "kind.control": {"en": "Control measures", "da": "Kontrolmålinger"},
    "kind.operational": {"en": "Operational measures", "da": "Driftsmålinger"},
    "rollup.none": {"en": "Not rolled up", "da": "Rulles ikke op"},
    "rollup.sum": {"en": "sum", "da": "sum"},
    "rollup.mean": {"en": "mean", "da": "gennemsnit"},
    "rollup.weighted_mean": {"en": "volume-weighted mean", "da": "volumenvægtet gennemsnit"},
    "rollup.worst": {"en": "worst of", "da": "dårligste"},
    "action.open": {"en": "Open", "da": "Åben"},
    "action.done": {"en": "Done", "da": "Udført"},
    "action.cancelled": {"en": "Cancelled", "da": "Annulleret"},
    "action.moved": {"en": "Moved to the improvement board", "da": "Flyttet til forbedringstavlen"},
    "goals.action.add": {"en": "Add action", "da": "Tilføj handling"},
    "goals.action.added": {"en": "Action added.", "da": "Handlingen er tilføjet."},
    "goals.action.cancel": {"en": "Cancel action", "da": "Annullér handling"},
    "goals.action.cancelled": {"en": "Action cancelled.", "da": "Handlingen er annulleret."},
    "goals.action.done": {"en": "Mark done", "da": "Markér som udført"},
    "goals.action.marked_done": {"en": "Action marked done.", "da": "Handlingen er markeret som udført."},
    "goals.action.move": {"en": "Move to the improvement board", "da": "Flyt til forbedringstavlen"},
    "goals.action.moved": {
        "en": "Moved: improvement card #{card} is in the team's intake.",
        "da": "Flyttet: forbedringskort #{card} ligger i teamets indbakke.",
    },
    "goals.action.only_behind": {
        "en": "Actions are added to measures that are behind or breached — none are this period.",
        "da": "Handlinger tilføjes målinger, der er bagud eller brudt — ingen er det i denne periode.",
    },
    "goals.action.overdue": {"en": "Overdue", "da": "Forfalden"},
    "goals.action.open": {"en": "Open", "da": "Åben"},
    "goals.action.to_team": {"en": "Team", "da": "Team"},
    "goals.actions": {"en": "Actions", "da": "Handlinger"},
    "goals.chart.control": {
        "en": "Values and threshold (dashed); breached weeks in red",
        "da": "Værdier og grænse (stiplet); brudte uger i rødt",
    },
    "goals.chart.kpi": {
        "en": "Actual (blue) and target curve (dashed); weeks behind in red",
        "da": "Faktisk (blå) og målkurve (stiplet); uger bagud i rødt",
    },
    "goals.chart.operational": {"en": "Trend (no verdict)", "da": "Udvikling (ingen vurdering)"},
    "goals.charts": {"en": "Over the year", "da": "Hen over året"},
    "goals.col.action": {"en": "Action", "da": "Handling"},
    "goals.col.due": {"en": "Due", "da": "Frist"},
    "goals.col.entered_by": {"en": "Entered by", "da": "Indtastet af"},
    "goals.col.measure": {"en": "Measure", "da": "Måling"},
    "goals.col.owner": {"en": "Owner", "da": "Ejer"},
    "goals.col.previous": {"en": "Previous period", "da": "Forrige periode"},
    "goals.col.status": {"en": "Status", "da": "Status"},
    "goals.col.unit": {"en": "Unit", "da": "Enhed"},
    "goals.col.weight": {"en": "Weight (volume)", "da": "Vægt (volumen)"},
    "goals.entered_by": {"en": "Entered by {who}, {when}", "da": "Indtastet af {who}, {when}"},
    "goals.gap_help": {
        "en": "How far the value is from this period's target, in the KPI's good direction.",
        "da": "Hvor langt værdien er fra periodens mål, i KPI'ens gode retning.",
    },
    "goals.gap.ahead": {"en": "{amount} better than target", "da": "{amount} bedre end målet"},
    "goals.gap.behind": {"en": "{amount} behind target", "da": "{amount} bagud i forhold til målet"},
    "goals.gap.on_target": {"en": "On target", "da": "Præcis på målet"},
    "goals.import_help": {
        "en": "Columns: period, unit, measure, value. Period as 2026-W47, 2026-11 or a date; unit and measure by address (slug) or name. One bad row rejects the whole file.",
        "da": "Kolonner: period, unit, measure, value. Periode som 2026-W47, 2026-11 eller en dato; enhed og måling ved adresse (slug) eller navn. Én fejl afviser hele filen.",
    },
    "goals.imported": {"en": "Imported {count} values.", "da": "Importeret {count} værdier."},
    "goals.imported.one": {"en": "Imported 1 value.", "da": "Importeret 1 værdi."},
    "goals.level": {"en": "Unit, department or team", "da": "Enhed, afdeling eller team"},
    "goals.meeting.behind": {"en": "Behind or breached", "da": "Bagud eller brudt"},
    "goals.meeting.none_behind": {
        "en": "Nothing is behind or breached this period.",
        "da": "Intet er bagud eller brudt i denne periode.",
    },
    "goals.meeting.other_actions": {"en": "Other open actions", "da": "Andre åbne handlinger"},
    "goals.meeting.rest": {"en": "On track", "da": "På sporet"},
    "goals.meeting.not_registered": {"en": "Not registered", "da": "Ikke registreret"},
    "goals.meeting_view": {"en": "Meeting view", "da": "Mødevisning"},
    "goals.no_actions": {"en": "No actions.", "da": "Ingen handlinger."},
    "goals.no_measures": {
        "en": "No measures here yet. Define them under Measures.",
        "da": "Ingen målinger her endnu. Opret dem under Målinger.",
    },
    "goals.no_own_measures": {
        "en": "This level has no measures of its own (its figures are rolled up from below).",
        "da": "Dette niveau har ingen egne målinger (tallene rulles op nedefra).",
    },
    "goals.no_values": {"en": "No values yet.", "da": "Ingen værdier endnu."},
    "goals.operational": {"en": "Operational measure: no verdict.", "da": "Driftsmåling: ingen vurdering."},
    "goals.period": {"en": "Period", "da": "Periode"},
    "goals.rolled_up": {
        "en": "Rolled up from {count} units ({method}).",
        "da": "Rullet op fra {count} enheder ({method}).",
    },
    "goals.save_values": {"en": "Save values", "da": "Gem værdier"},
    "goals.series.actual": {"en": "Actual", "da": "Faktisk"},
    "goals.summary": {
        "en": "{total} measures · {problems} behind or breached",
        "da": "{total} målinger · {problems} bagud eller brudt",
    },
    "goals.summary.not_registered": {"en": "{count} not registered", "da": "{count} ikke registreret"},
    "goals.tab.add_action": {"en": "Add an action", "da": "Tilføj handling"},
    "goals.tab.follow": {"en": "Follow up actions", "da": "Følg op på handlinger"},
    "goals.tab.import": {"en": "Import values", "da": "Importér værdier"},
    "goals.tab.values": {"en": "Enter values", "da": "Indtast værdier"},
    "goals.target_is": {"en": "Target this period: {target}", "da": "Mål i perioden: {target}"},
    "goals.threshold_is": {
        "en": "Must hold: {comparator} {threshold}",
        "da": "Skal overholde: {comparator} {threshold}",
    },
    "goals.value": {"en": "Value", "da": "Værdi"},
    "goals.values_help": {
        "en": "Values for {period}. Empty cells are not saved. Who entered what, and when, is kept.",
        "da": "Værdier for {period}. Tomme celler gemmes ikke. Hvem der indtastede hvad og hvornår gemmes.",
    },
    "goals.values_saved": {"en": "Saved {count} values.", "da": "Gemt {count} værdier."},
    "goals.values_saved.one": {"en": "Saved 1 value.", "da": "Gemt 1 værdi."},
    "goals.weight_help": {
        "en": "The volume behind the value, used when the measure is rolled up as a volume-weighted mean.",
        "da": "Volumen bag værdien; bruges når målingen rulles op som volumenvægtet gennemsnit.",
    },
    "measures.baseline": {"en": "Baseline", "da": "Baseline"},
    "measures.baseline_date": {"en": "Baseline date", "da": "Baselinedato"},
    "measures.comparator": {"en": "Comparator", "da": "Sammenligning"},
    "measures.direction": {"en": "Direction", "da": "Retning"},
    "measures.intro": {
        "en": "KPIs have a rising or falling target curve (never flat); control measures a threshold that must hold; operational measures no verdict. A measure on teams can be rolled up to their department and unit.",
        "da": "KPI'er har en stigende eller faldende målkurve (aldrig flad); kontrolmålinger en grænse der skal overholdes; driftsmålinger ingen vurdering. En måling på teams kan rulles op til afdeling og enhed.",
    },
    "measures.kind": {"en": "Kind", "da": "Type"},
    "measures.decimals": {"en": "Decimals", "da": "Decimaler"},
    "measures.decimals_help": {
        "en": "How many decimals the board shows (0–4). Empty: what the value needs, at most 2.",
        "da": "Hvor mange decimaler tavlen viser (0–4). Tom: hvad værdien kræver, højst 2.",
    },
    "measures.profile": {"en": "Target profile", "da": "Målprofil"},
    "measures.profile_help": {
        "en": "Optional targets at dates, e.g. “2026-03: 1.5; 2026-06: 3” (a month means its last day); the curve passes through them.",
        "da": "Valgfrie mål på datoer, fx “2026-03: 1,5; 2026-06: 3” (en måned betyder dens sidste dag); kurven går gennem dem.",
    },
    "measures.rollup": {"en": "Roll-up", "da": "Oprulning"},
    "measures.target": {"en": "Target", "da": "Mål"},
    "measures.target_date": {"en": "Target date", "da": "Måldato"},
    "measures.threshold": {"en": "Threshold", "da": "Grænse"},
    "measures.tolerance": {"en": "Tolerance %", "da": "Tolerance %"},
    "goals.actions_shown": {
        "en": "Showing {shown} of {total} actions: overdue and open first, then the most recently due closed ones.",
        "da": "Viser {shown} af {total} handlinger: forfaldne og åbne først, derefter de senest forfaldne lukkede.",
    },
    "goals.more_actions": {"en": "Show more actions", "da": "Vis flere handlinger"},
    # the forecast on the planning page
    "fc.title": {
        "en": "Forecast intake → hours needed → hours planned",
        "da": "Prognose for tilgang → timer behov → timer planlagt",
    },
    "fc.help": {
        "en": "Cases expected per task and day from the intake history (weekday pattern, time of year, trend, "
        "holidays). Hours needed = cases × minutes per case, in hours on cases; hours planned = the grid's "
        "hours after the planning factors. A backtest over the last weeks compares the model with last week's "
        "same weekday; the model is used only where it is more accurate.",
        "da": "Forventede sager pr. opgave og dag ud fra historikken over tilgang (ugedagsmønster, årstid, tendens, "
        "helligdage). Timer behov = sager × minutter pr. sag, i sagstimer; timer planlagt = gitterets timer "
        "efter planlægningsfaktorerne. En efterprøvning over de seneste uger sammenligner modellen med samme "
        "ugedag sidste uge; modellen bruges kun, hvor den rammer bedst.",
    },
    "fc.col.row": {"en": "Figure", "da": "Tal"},
    "fc.row.cases": {"en": "Forecast cases", "da": "Prognose, sager"},
    "fc.row.needed": {"en": "Hours needed", "da": "Timer behov"},
    "fc.row.planned": {"en": "Hours planned", "da": "Timer planlagt"},
    "fc.col.method": {"en": "Forecast from", "da": "Prognose fra"},
    "fc.col.model_error": {"en": "Model error (MAE · MAPE)", "da": "Modellens fejl (MAE · MAPE)"},
    "fc.col.baseline_error": {
        "en": "Same weekday last week (MAE · MAPE)",
        "da": "Samme ugedag sidste uge (MAE · MAPE)",
    },
    "fc.error": {"en": "{mae} cases · {mape} %", "da": "{mae} sager · {mape} %"},
    "fc.method.model": {"en": "Model (beats last week)", "da": "Model (bedre end sidste uge)"},
    "fc.method.baseline": {"en": "Last week's same weekday", "da": "Samme ugedag sidste uge"},
    "fc.method.fallback": {
        "en": "Expected daily volume: only {weeks} weeks of history (needs {needed})",
        "da": "Forventet dagsvolumen: kun {weeks} ugers historik (kræver {needed})",
    },
    "fc.short": {
        "en": "{task} on {day}: {needed} hours needed, {planned} planned",
        "da": "{task} {day}: {needed} timer behov, {planned} planlagt",
    },
    "fc.short_title": {
        "en": "Planned below the forecast need: {count} task days",
        "da": "Planlagt under prognosens behov: {count} opgavedage",
    },
    "fc.chart": {"en": "Intake history and forecast", "da": "Historik og prognose for tilgang"},
    "fc.chart.date": {"en": "Date", "da": "Dato"},
    "fc.chart.cases": {"en": "Cases received", "da": "Modtagne sager"},
    "fc.chart.series": {"en": "Series", "da": "Serie"},
    "fc.chart.history": {"en": "Received", "da": "Modtaget"},
    "fc.chart.forecast": {"en": "Forecast", "da": "Prognose"},
    "fc.fill": {"en": "Fill from forecast", "da": "Udfyld fra prognose"},
    "fc.fill_help": {
        "en": "Replaces the draft with a proposal: each present person up to their hours (less absence and the "
        "development reserve), only on tasks they are competent on, largest forecast need first.",
        "da": "Erstatter kladden med et forslag: hver tilstedeværende medarbejder op til sine timer (minus fravær "
        "og udviklingsreserve), kun på opgaver de er kompetente til, største behov først.",
    },
    "fc.filled": {
        "en": "Draft filled from the forecast: {count} assignments",
        "da": "Kladden er udfyldt fra prognosen: {count} tildelinger",
    },
    "fc.no_people": {
        "en": "Nobody in the team can be planned on these tasks.",
        "da": "Ingen i teamet kan planlægges på disse opgaver.",
    },
}
