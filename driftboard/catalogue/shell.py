"""The frame every page shares: app, navigation, home page, languages, levels, statuses, number and unit words."""

from __future__ import annotations

PREFIXES = (
    "app",
    "page",
    "nav",
    "lang",
    "home",
    "fmt",
    "uom",
    "unit",
    "period",
    "week",
    "level",
    "direction",
    "status",
)

TEXTS: dict[str, dict[str, str]] = {
    # app and navigation
    "app.name": {"en": "Driftboard", "da": "Driftboard"},
    "app.tagline": {
        "en": "The team's operations, goal-steering and improvement boards on one screen.",
        "da": "Teamets driftstavle, målstyringstavle og forbedringstavle på én skærm.",
    },
    "page.home": {"en": "Home", "da": "Forside"},
    "page.operations": {"en": "Operations board", "da": "Driftstavle"},
    "page.goals": {"en": "Goal-steering board", "da": "Målstyringstavle"},
    "page.improvement": {"en": "Improvement board", "da": "Forbedringstavle"},
    "page.standards": {"en": "Standards and confirmation", "da": "Standarder og konfirmering"},
    "page.master_data": {"en": "Master data", "da": "Stamdata"},
    "nav.boards": {"en": "Boards", "da": "Tavler"},
    "nav.settings": {"en": "Settings", "da": "Indstillinger"},
    "nav.language": {"en": "Language", "da": "Sprog"},
    "nav.team": {"en": "Team", "da": "Team"},
    "nav.acting_as": {"en": "You are", "da": "Du er"},
    "nav.guest": {"en": "Guest", "da": "Gæst"},
    "lang.en": {"en": "English", "da": "Engelsk"},
    "lang.da": {"en": "Danish", "da": "Dansk"},
    # home
    "home.title": {"en": "Teams", "da": "Teams"},
    "home.intro": {
        "en": "Pick your team's board. Add ?kiosk=1 to a board's address for the shared screen.",
        "da": "Vælg dit teams tavle. Tilføj ?kiosk=1 til tavlens adresse til fællesskærmen.",
    },
    "home.people_tasks": {"en": "{people} people · {tasks} tasks", "da": "{people} personer · {tasks} opgaver"},
    "home.no_teams": {
        "en": "There are no teams yet. Add them under Master data.",
        "da": "Der er endnu ingen teams. Opret dem under Stamdata.",
    },
    "home.demo_loaded": {
        "en": "The database was empty, so the demo unit “{unit}” was loaded. Replace it under Master data or with `python -m driftboard seed --replace`.",
        "da": "Databasen var tom, så demo-enheden “{unit}” blev indlæst. Erstat den under Stamdata eller med `python -m driftboard seed --replace`.",
    },
    # enum labels
    "level.unit": {"en": "Unit", "da": "Enhed"},
    "level.department": {"en": "Department", "da": "Afdeling"},
    "level.team": {"en": "Team", "da": "Team"},
    # units of measure the product knows: a measure whose unit label is one of these reads in
    # the viewer's language; any other label is the unit's own text and shows as written
    "uom.days": {"en": "days", "da": "dage"},
    "uom.cases": {"en": "cases", "da": "sager"},
    "uom.hours": {"en": "hours", "da": "timer"},
    "uom.points": {"en": "points", "da": "point"},
    "uom.fte": {"en": "FTE", "da": "årsværk"},
    "page.planning": {"en": "Week planning", "da": "Ugeplanlægning"},
    "status.green": {"en": "On plan", "da": "På plan"},
    "status.red": {"en": "Behind", "da": "Bagud"},
    "status.grey": {"en": "Not registered", "da": "Ikke registreret"},
    "status.none": {"en": "Nothing planned", "da": "Intet planlagt"},
    "status.not_started": {"en": "Not started", "da": "Ikke startet"},
    "status.team.not_started": {"en": "On plan · not started", "da": "På plan · ikke startet"},
    "status.team.green": {"en": "Team on plan", "da": "Teamet er på plan"},
    "status.team.red": {"en": "Team behind plan", "da": "Teamet er bagud"},
    "status.team.grey": {"en": "Production not registered", "da": "Produktion ikke registreret"},
    "status.team.none": {"en": "Nothing planned", "da": "Intet planlagt"},
    "page.measures": {"en": "Measures", "da": "Målinger"},
    "period.week": {"en": "Week", "da": "Uge"},
    "period.month": {"en": "Month", "da": "Måned"},
    "direction.higher": {"en": "Higher is better", "da": "Højere er bedre"},
    "direction.lower": {"en": "Lower is better", "da": "Lavere er bedre"},
    "unit.hours_short": {"en": "h", "da": "t"},
    "home.more_teams": {
        "en": "Showing the first {shown} of {total} teams: choose a department or search to find the others.",
        "da": "Viser de første {shown} af {total} teams: vælg en afdeling eller søg for at finde de andre.",
    },
    "week.label": {"en": "week {week}", "da": "uge {week}"},
    "week.label_year": {"en": "week {week}, {year}", "da": "uge {week}, {year}"},
    # how numbers and dates are written: a Babel locale and CLDR date patterns per language
    "fmt.locale": {"en": "en_GB", "da": "da_DK"},
    "fmt.date": {"en": "yyyy-MM-dd", "da": "dd.MM.yyyy"},
    "fmt.day": {"en": "EEE dd.MM", "da": "EEE dd.MM"},
    "page.setup": {"en": "Set up your unit", "da": "Opret jeres enhed"},
    "page.unit_settings": {"en": "Unit settings", "da": "Enhedsindstillinger"},
    "home.setup": {"en": "Set up your own unit", "da": "Opret jeres egen enhed"},
    "home.search": {"en": "Find a team", "da": "Find et team"},
    "home.unit_teams": {"en": "{unit}", "da": "{unit}"},
    "home.moved": {
        "en": "The team “{old}” is now called “{name}”: the link was updated.",
        "da": "Teamet “{old}” hedder nu “{name}”: linket er opdateret.",
    },
    "page.history": {"en": "Recent changes", "da": "Seneste ændringer"},
    # admin settings: users, grants, screen links
    "page.access": {"en": "Users and screens", "da": "Brugere og skærme"},
    "page.maturity": {"en": "Maturity self-assessment", "da": "Modenhedsvurdering"},
    # The organisation level above units (a bank, a municipality).
    "level.organisation": {"en": "Organisation", "da": "Organisation"},
}
