"""Catalogue entries of the forecast features. Merged into ``driftboard.i18n.CATALOGUE``."""

from __future__ import annotations

FORECAST_CATALOGUE: dict[str, dict[str, str]] = {
    # the unit setting
    "set.office_days_per_week": {
        "en": "Office days required per person and week (0: no rule)",
        "da": "Krævede kontordage pr. medarbejder og uge (0: ingen regel)",
    },
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
    # a refused save names the row and the fields changed (ui.page.conflict_text)
    "entity.work_places": {"en": "Workplace", "da": "Arbejdssted"},
    "field.place": {"en": "place", "da": "sted"},
    "field.office_days_per_week": {"en": "office days per week", "da": "kontordage pr. uge"},
}
