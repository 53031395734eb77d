"""The one translation catalogue (English and Danish) and the one place that formats numbers,
dates and weeks for a language.

Pure Python (no Streamlit), so pages, the CLI, services and tests share the same strings. Danish uses
the domain's own words (driftstavle, målstyringstavle, forbedringstavle, beholdning, …).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Final

LANGUAGES: Final = ("en", "da")
DEFAULT_LANGUAGE: Final = "en"

# key -> {language -> text}. Parameters use str.format syntax: "{team}".
CATALOGUE: Final[dict[str, dict[str, str]]] = {
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
    # errors shared by pages
    "error.unknown_team": {
        "en": "There is no team “{slug}”. Pick one of: {choices}.",
        "da": "Der findes intet team “{slug}”. Vælg et af: {choices}.",
    },
    "error.conflict": {
        "en": "{entity} was changed by {who} ({fields}) while you were editing. Nothing was overwritten; the current values are shown — make your change again.",
        "da": "{entity} blev ændret af {who} ({fields}), mens du redigerede. Intet blev overskrevet; de aktuelle værdier vises — foretag din ændring igen.",
    },
    "error.invalid_rows": {
        "en": "Nothing was saved: {count} row(s) are invalid.",
        "da": "Intet blev gemt: {count} række(r) er ugyldige.",
    },
    "error.row": {"en": "Row {row}, {field}: {message}", "da": "Række {row}, {field}: {message}"},
    # master data page
    "md.intro": {
        "en": "Teams, people, tasks and planning factors of {unit}. Edit the table, then save: every row is checked and the whole table is saved in one go, or nothing is.",
        "da": "Teams, personer, opgaver og planlægningsfaktorer for {unit}. Redigér tabellen og gem: alle rækker kontrolleres, og hele tabellen gemmes samlet — eller intet gemmes.",
    },
    "md.tab.teams": {"en": "Teams", "da": "Teams"},
    "md.tab.people": {"en": "People", "da": "Personer"},
    "md.tab.tasks": {"en": "Tasks", "da": "Opgaver"},
    "md.tab.factors": {"en": "Planning factors", "da": "Planlægningsfaktorer"},
    "md.save": {"en": "Save changes", "da": "Gem ændringer"},
    "md.saved": {"en": "Saved: {summary}.", "da": "Gemt: {summary}."},
    "md.reload": {
        "en": "Load the current values (drops your edits)",
        "da": "Hent de aktuelle værdier (dine ændringer forkastes)",
    },
    "md.no_changes": {"en": "No changes to save.", "da": "Ingen ændringer at gemme."},
    "md.summary": {
        "en": "{added} added, {updated} changed, {removed} removed",
        "da": "{added} tilføjet, {updated} ændret, {removed} fjernet",
    },
    "md.factors_help": {
        "en": "The unit's row applies to every team; a team row overrides the values it sets (empty = use the unit's).",
        "da": "Enhedens række gælder alle teams; en teamrække overskriver de værdier, den angiver (tom = brug enhedens).",
    },
    "md.deactivate_hint": {
        "en": "People and tasks with history cannot be deleted; untick “Active” instead.",
        "da": "Personer og opgaver med historik kan ikke slettes; fjern i stedet fluebenet i “Aktiv”.",
    },
    # column labels
    "col.row": {"en": "Row", "da": "Række"},
    "col.field": {"en": "Field", "da": "Felt"},
    "col.problem": {"en": "Problem", "da": "Problem"},
    "col.name": {"en": "Name", "da": "Navn"},
    "col.slug": {"en": "Address (slug)", "da": "Adresse (slug)"},
    "col.department": {"en": "Department", "da": "Afdeling"},
    "col.team": {"en": "Team", "da": "Team"},
    "col.level": {"en": "Level", "da": "Niveau"},
    "col.roles": {"en": "Roles", "da": "Roller"},
    "col.daily_hours": {"en": "Daily hours", "da": "Daglige timer"},
    "col.active": {"en": "Active", "da": "Aktiv"},
    "col.process_group": {"en": "Process group", "da": "Procesgruppe"},
    "col.minutes_per_case": {"en": "Minutes per case", "da": "Minutter pr. sag"},
    "col.service_goal_days": {"en": "Service goal (days)", "da": "Servicemål (dage)"},
    "col.expected_daily_volume": {"en": "Expected daily volume", "da": "Forventet dagsvolumen"},
    "col.input_error_rate_pct": {"en": "Input error rate %", "da": "Inputfejlrate %"},
    "col.customer_facing_hours": {"en": "Customer-facing hours", "da": "Kundevendte timer"},
    "col.board_leader_load_pct": {"en": "Board leader load %", "da": "Tavleførerens belastning %"},
    "col.development_reserve_pct": {"en": "Development reserve %", "da": "Udviklingsreserve %"},
    "col.overtime_cap_hours_per_week": {"en": "Overtime cap h/week", "da": "Overarbejdsloft t/uge"},
    "col.org_unit": {"en": "Applies to", "da": "Gælder for"},
    # validation messages (the domain raises them with these keys)
    "v.required": {"en": "is required", "da": "skal udfyldes"},
    "v.range": {"en": "must be between {low} and {high}", "da": "skal være mellem {low} og {high}"},
    "v.positive": {"en": "must be greater than 0", "da": "skal være større end 0"},
    "v.nonneg": {"en": "must be 0 or more", "da": "skal være 0 eller mere"},
    "v.integer": {"en": "must be a whole number", "da": "skal være et helt tal"},
    "v.number": {"en": "must be a number", "da": "skal være et tal"},
    "v.duplicate": {"en": "“{value}” appears more than once", "da": "“{value}” forekommer mere end én gang"},
    "v.slug": {
        "en": "may only hold lowercase letters, digits and hyphens",
        "da": "må kun indeholde små bogstaver, tal og bindestreger",
    },
    "v.unknown": {"en": "“{value}” is not one of: {choices}", "da": "“{value}” er ikke en af: {choices}"},
    "v.date": {
        "en": "“{value}” is not a date (use 2026-11-28 or 28-11-2026)",
        "da": "“{value}” er ikke en dato (brug 2026-11-28 eller 28-11-2026)",
    },
    "v.cf_exceeds_daily": {
        "en": "customer-facing hours cannot exceed daily hours ({daily})",
        "da": "kundevendte timer kan ikke overstige de daglige timer ({daily})",
    },
    "v.in_use": {
        "en": "cannot be removed: it has {what}; untick Active instead",
        "da": "kan ikke fjernes: den har {what}; fjern i stedet fluebenet i Aktiv",
    },
    # enum labels
    "level.unit": {"en": "Unit", "da": "Enhed"},
    "level.department": {"en": "Department", "da": "Afdeling"},
    "level.team": {"en": "Team", "da": "Team"},
    "role.head": {"en": "Head", "da": "Chef"},
    "role.team_leader": {"en": "Team leader", "da": "Teamleder"},
    "role.mortgage_case_handler": {"en": "Mortgage case handler", "da": "Realkreditsagsbehandler"},
    "role.loans_case_handler": {"en": "Other-loans case handler", "da": "Sagsbehandler, øvrige lån"},
    "role.customer_contact": {"en": "Customer contact", "da": "Kundekontakt"},
    "role.follow_up": {"en": "Follow-up", "da": "Opfølgning"},
    "role.board_leader": {"en": "Board leader", "da": "Tavlefører"},
    "role.improvement_supporter": {"en": "Improvement supporter", "da": "Forbedringssupporter"},
    # improvement stages and move rules
    "stage.intake": {"en": "Intake", "da": "Indbakke"},
    "stage.prioritisation": {"en": "Prioritisation", "da": "Prioritering"},
    "stage.plan": {"en": "Plan", "da": "Planlæg"},
    "stage.do": {"en": "Do", "da": "Udfør"},
    "stage.check": {"en": "Check", "da": "Tjek"},
    "stage.act": {"en": "Act", "da": "Handl"},
    "stage.standard": {"en": "New standard", "da": "Ny standard"},
    "stage.parked": {"en": "Parked", "da": "Parkeret"},
    "stage.rejected": {"en": "Rejected", "da": "Afvist"},
    "card.refuse.same_stage": {"en": "The card is already in {stage}.", "da": "Kortet er allerede i {stage}."},
    "card.refuse.needs_scores": {
        "en": "To enter {stage} the card needs an impact and an effort score (1–5).",
        "da": "For at komme i {stage} skal kortet have en gevinst- og en indsatsscore (1–5).",
    },
    "card.refuse.needs_owner": {
        "en": "To enter {stage} the card needs an owner: someone must take ownership first.",
        "da": "For at komme i {stage} skal kortet have en ejer: nogen skal først tage ejerskab.",
    },
    "card.refuse.needs_standard": {
        "en": "To enter {stage} the card needs the new-standard text.",
        "da": "For at komme i {stage} skal kortet have teksten til den nye standard.",
    },
    "card.refuse.needs_reason": {
        "en": "A card can only be rejected with a reason.",
        "da": "Et kort kan kun afvises med en begrundelse.",
    },
    "card.refuse.needs_title": {"en": "A card needs a title.", "da": "Et kort skal have en titel."},
    "week.label": {"en": "week {week}", "da": "uge {week}"},
    "week.label_year": {"en": "week {week}, {year}", "da": "uge {week}, {year}"},
}


def normalise_language(value: str | None) -> str | None:
    """Return ``"en"``/``"da"`` for a supported language code, else None."""
    if not value:
        return None
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else None


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """Translate ``key`` into ``lang``; a missing key raises, so gaps fail the tests, not users."""
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def fmt_number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """``1,234.5`` in English, ``1.234,5`` in Danish; None and NaN become an en dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def fmt_percent(value: float | None, lang: str, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{fmt_number(value, lang, decimals)} %"


def fmt_date(value: dt.date, lang: str) -> str:
    """``28.11.2026`` in Danish, ISO ``2026-11-28`` in English."""
    return value.strftime("%d.%m.%Y") if lang == "da" else value.isoformat()


WEEKDAYS: Final = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "da": ("man", "tir", "ons", "tor", "fre", "lør", "søn"),
}


def fmt_day(value: dt.date, lang: str) -> str:
    """Short weekday and day, e.g. ``Mon 23.11`` / ``man 23.11``."""
    return f"{WEEKDAYS[lang][value.weekday()]} {value.day:02d}.{value.month:02d}"


def fmt_week(value: dt.date, lang: str, *, with_year: bool = False) -> str:
    """The ISO week of ``value``: ``week 48`` / ``uge 48``."""
    year, week, _ = value.isocalendar()
    if with_year:
        return t("week.label_year", lang, week=week, year=year)
    return t("week.label", lang, week=week)


def fmt_time(value: dt.datetime, lang: str) -> str:
    return value.strftime("%H:%M") if lang == "en" else value.strftime("%H.%M")
