"""The one translation catalogue (English and Danish) and the one place that formats numbers,
dates and weeks for a language.

Pure Python (no Streamlit), so pages, the CLI, services and tests share the same strings. Danish uses
the domain's own words (driftstavle, målstyringstavle, forbedringstavle, beholdning, …).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Final
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import (
    NumberFormatError,
    NumberPattern,
    format_decimal,
    format_percent,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
    parse_pattern,
)

from driftboard.i18n_feeds import FEEDS_CATALOGUE
from driftboard.i18n_forecast import FORECAST_CATALOGUE
from driftboard.i18n_history import HISTORY_CATALOGUE
from driftboard.i18n_maturity import MATURITY_CATALOGUE
from driftboard.i18n_scale import SCALE_CATALOGUE
from driftboard.i18n_settings import SETTINGS_CATALOGUE
from driftboard.i18n_setup import SETUP_CATALOGUE

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
    "error.not_found": {
        "en": "That no longer exists; reload the page.",
        "da": "Det findes ikke længere; genindlæs siden.",
    },
    "error.no_team": {"en": "There is no such team.", "da": "Det team findes ikke."},
    "error.row_gone": {
        "en": "A row you edited no longer exists; reload the page.",
        "da": "En række, du redigerede, findes ikke længere; genindlæs siden.",
    },
    "error.task_not_in_team": {
        "en": "A task does not belong to this team; reload the page.",
        "da": "En opgave hører ikke til dette team; genindlæs siden.",
    },
    "error.refused_by_database": {
        "en": "The database refused the change; nothing was saved.",
        "da": "Databasen afviste ændringen; intet blev gemt.",
    },
    # --- trust: access, sign-in, screen links, history (issue #11)
    "error.access_denied": {
        "en": "You may not make this change here: it needs the {access} role for this team or unit. Nothing was saved.",
        "da": "Du må ikke foretage denne ændring her: den kræver rollen {access} for dette team eller denne enhed. Intet blev gemt.",
    },
    "access.viewer": {"en": "viewer", "da": "læser"},
    "access.member": {"en": "member", "da": "medlem"},
    "access.improvement_supporter": {"en": "improvement supporter", "da": "forbedringssupporter"},
    "access.leader": {"en": "leader", "da": "leder"},
    "access.admin": {"en": "admin", "da": "administrator"},
    "identity.open_mode": {
        "en": "Open mode: no sign-in. Anyone can say who they are and change the boards — for trying Driftboard and closed team networks only.",
        "da": "Åben tilstand: ingen login. Alle kan sige, hvem de er, og ændre tavlerne — kun til afprøvning og lukkede teamnetværk.",
    },
    "identity.admin_token": {"en": "Admin token", "da": "Administratornøgle"},
    "identity.admin_on": {
        "en": "Admin work unlocked for this session.",
        "da": "Administration låst op i denne session.",
    },
    "identity.admin_wrong": {"en": "That admin token is not valid.", "da": "Den administratornøgle er ikke gyldig."},
    "identity.signed_in": {"en": "Signed in as {who}", "da": "Logget ind som {who}"},
    "identity.signed_out": {"en": "You are not signed in.", "da": "Du er ikke logget ind."},
    "identity.sign_in": {"en": "Sign in", "da": "Log ind"},
    "identity.sign_out": {"en": "Sign out", "da": "Log ud"},
    "identity.please_sign_in": {
        "en": "Sign in to see your team's boards.",
        "da": "Log ind for at se dit teams tavler.",
    },
    "identity.screen_revoked": {
        "en": "This screen link is not valid (revoked or mistyped). Ask an administrator for a new one.",
        "da": "Dette skærmlink er ikke gyldigt (tilbagekaldt eller forkert). Bed en administrator om et nyt.",
    },
    "users.err.email": {"en": "{email} is not an e-mail address.", "da": "{email} er ikke en e-mailadresse."},
    "error.busy": {
        "en": "The database is busy; nothing was saved. Try again in a moment.",
        "da": "Databasen er optaget; intet blev gemt. Prøv igen om et øjeblik.",
    },
    "error.text_too_long": {
        "en": "{field} is too long: at most {limit} characters.",
        "da": "{field} er for lang: højst {limit} tegn.",
    },
    "md.err.parent_level": {
        "en": "A {level} cannot sit under a {parent}.",
        "da": "En {level} kan ikke ligge under en {parent}.",
    },
    "users.err.username": {"en": "A user needs a username.", "da": "En bruger skal have et brugernavn."},
    "users.err.taken": {"en": "The username {username} is taken.", "da": "Brugernavnet {username} er optaget."},
    "cli.err.no_file": {
        "en": "{path} does not exist or is not a file.",
        "da": "{path} findes ikke eller er ikke en fil.",
    },
    "admin.err.exists": {
        "en": "{path} already exists; choose a new file name.",
        "da": "{path} findes allerede; vælg et nyt filnavn.",
    },
    "admin.err.pg_dump": {
        "en": "pg_dump is not installed; install the PostgreSQL client tools.",
        "da": "pg_dump er ikke installeret; installér PostgreSQL-klientværktøjerne.",
    },
    "admin.err.backup_failed": {
        "en": "The backup failed: {reason}",
        "da": "Sikkerhedskopien mislykkedes: {reason}",
    },
    "admin.err.backup": {
        "en": "Backup is not supported for {dialect}.",
        "da": "Sikkerhedskopi understøttes ikke for {dialect}.",
    },
    "admin.err.not_empty": {
        "en": "The database already holds data; use --replace to wipe it and load the demo unit.",
        "da": "Databasen indeholder allerede data; brug --replace for at slette dem og indlæse demo-enheden.",
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
    "md.tab.people_of": {"en": "People · {team}", "da": "Personer · {team}"},
    "md.tab.tasks_of": {"en": "Tasks · {team}", "da": "Opgaver · {team}"},
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
    "col.employee_id": {"en": "Employee no.", "da": "Medarbejdernr."},
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
    "v.file_type": {"en": "“{name}” is not a CSV or XLSX file", "da": "“{name}” er ikke en CSV- eller XLSX-fil"},
    "v.empty_file": {"en": "the file has no data rows", "da": "filen har ingen datarækker"},
    "v.bad_xlsx": {"en": "the Excel file cannot be read ({detail})", "da": "Excel-filen kan ikke læses ({detail})"},
    "v.file_too_large": {
        "en": "the file is {size}; an import may be at most {limit} (split it, or ask an administrator to raise DRIFTBOARD_IMPORT_MAX_BYTES)",
        "da": "filen fylder {size}; en import må højst fylde {limit} (del den op, eller bed en administrator hæve DRIFTBOARD_IMPORT_MAX_BYTES)",
    },
    "v.too_many_rows": {
        "en": "the file has {rows} rows; an import may have at most {limit} (split it, or ask an administrator to raise DRIFTBOARD_IMPORT_MAX_ROWS)",
        "da": "filen har {rows} rækker; en import må højst have {limit} (del den op, eller bed en administrator hæve DRIFTBOARD_IMPORT_MAX_ROWS)",
    },
    "v.not_text": {
        "en": "the file is not text: save it from Excel as CSV or XLSX",
        "da": "filen er ikke tekst: gem den fra Excel som CSV eller XLSX",
    },
    "imports.err.changed": {
        "en": "Teams, tasks or measures changed while the file was being checked; nothing was imported. Import it again.",
        "da": "Teams, opgaver eller målinger blev ændret, mens filen blev kontrolleret; intet blev importeret. Importér den igen.",
    },
    "admin.err.restore_not_empty": {
        "en": "The database holds data; add --force to replace it (a backup of it is taken first).",
        "da": "Databasen indeholder data; tilføj --force for at erstatte dem (der tages først en sikkerhedskopi).",
    },
    "admin.err.not_backup": {
        "en": "{path} is not a Driftboard backup: {reason}",
        "da": "{path} er ikke en Driftboard-sikkerhedskopi: {reason}",
    },
    "v.not_table": {"en": "the file is not a table ({detail})", "da": "filen er ikke en tabel ({detail})"},
    "error.unexpected": {
        "en": "Something went wrong and nothing was saved. Error id {error_id}: give it to your administrator, who finds the details in the server log.",
        "da": "Noget gik galt, og intet blev gemt. Fejl-id {error_id}: giv det til din administrator, som finder detaljerne i serverloggen.",
    },
    "v.missing_column": {
        "en": "column missing; the file needs the columns {columns}",
        "da": "kolonnen mangler; filen skal have kolonnerne {columns}",
    },
    "v.unknown_ref": {"en": "there is no team “{value}”", "da": "der findes intet team “{value}”"},
    "v.unknown_task": {"en": "team “{team}” has no task “{value}”", "da": "teamet “{team}” har ingen opgave “{value}”"},
    "v.future_date": {"en": "{value} is in the future", "da": "{value} ligger i fremtiden"},
    "v.duplicate_row": {
        "en": "the same team, task and date as row {row}",
        "da": "samme team, opgave og dato som række {row}",
    },
    "v.unknown_org": {
        "en": "there is no unit, department or team “{value}”",
        "da": "der findes ingen enhed, afdeling eller team “{value}”",
    },
    "v.unknown_measure": {"en": "“{unit}” has no measure “{value}”", "da": "“{unit}” har ingen måling “{value}”"},
    "v.period": {
        "en": "“{value}” is not a period of the measure (use 2026-W47, 2026-11 or a date)",
        "da": "“{value}” er ikke en periode for målingen (brug 2026-W47, 2026-11 eller en dato)",
    },
    "v.profile": {"en": "the target profile cannot be read: {detail}", "da": "målprofilen kan ikke læses: {detail}"},
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
    "card.err.team_only": {
        "en": "Improvement cards belong to a team, not to a department or division.",
        "da": "Forbedringskort hører til et team, ikke til en afdeling eller et område.",
    },
    "card.err.unknown_fields": {
        "en": "These card fields cannot be edited: {fields}.",
        "da": "Disse felter på kortet kan ikke redigeres: {fields}.",
    },
    "card.err.impact_range": {
        "en": "Impact must be a whole number from 1 to 5.",
        "da": "Gevinst skal være et helt tal fra 1 til 5.",
    },
    "card.err.effort_range": {
        "en": "Effort must be a whole number from 1 to 5.",
        "da": "Indsats skal være et helt tal fra 1 til 5.",
    },
    "card.err.self_link": {
        "en": "A card cannot be related to itself.",
        "da": "Et kort kan ikke være relateret til sig selv.",
    },
    "card.err.not_found": {"en": "There is no card #{id}.", "da": "Der er intet kort #{id}."},
    "imp.err.needs_category": {
        "en": "Choose or type the error category.",
        "da": "Vælg eller skriv fejlkategorien.",
    },
    "imp.err.count": {
        "en": "The error count must be a whole number greater than 0.",
        "da": "Antallet af fejl skal være et helt tal større end 0.",
    },
    # where a card came from (origin_kind with origin_params)
    "card.origin.pareto": {
        "en": "From the error Pareto: “{category}”, {start}–{end}",
        "da": "Fra fejl-Pareto: “{category}”, {start}–{end}",
    },
    "card.origin.goal_action": {
        "en": "From goal-steering action #{id}: {measure}, {org} {period}",
        "da": "Fra målstyringshandling #{id}: {measure}, {org} {period}",
    },
    "card.origin.ops_meeting": {"en": "Raised at the daily board meeting", "da": "Rejst på det daglige tavlemøde"},
    # operations board: log texts and errors
    "ops.unplanned": {"en": "unplanned hours", "da": "uplanlagte timer"},
    "change.event.sick": {"en": "{name} is sick; freed: {tasks}.", "da": "{name} er syg; frigivet: {tasks}."},
    "change.event.sick_nothing_planned": {"en": "{name} is sick.", "da": "{name} er syg."},
    # units of measure the product knows: a measure whose unit label is one of these reads in
    # the viewer's language; any other label is the unit's own text and shows as written
    "uom.days": {"en": "days", "da": "dage"},
    "uom.cases": {"en": "cases", "da": "sager"},
    "uom.hours": {"en": "hours", "da": "timer"},
    "uom.points": {"en": "points", "da": "point"},
    "uom.fte": {"en": "FTE", "da": "årsværk"},
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
    "ops.err.overtime_cap": {
        "en": "{name} has only {left} h of overtime left this week.",
        "da": "{name} har kun {left} t overarbejde tilbage i denne uge.",
    },
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
    "page.measures": {"en": "Measures", "da": "Målinger"},
    "error.unknown_unit": {
        "en": "There is no unit, department or team “{slug}”. Pick one of: {choices}.",
        "da": "Der findes ingen enhed, afdeling eller team “{slug}”. Vælg en af: {choices}.",
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
    "period.week": {"en": "Week", "da": "Uge"},
    "period.month": {"en": "Month", "da": "Måned"},
    "direction.higher": {"en": "Higher is better", "da": "Højere er bedre"},
    "direction.lower": {"en": "Lower is better", "da": "Lavere er bedre"},
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
    "card.add_comment": {"en": "Add comment", "da": "Tilføj kommentar"},
    "card.caption": {
        "en": "{stage} · proposed by {proposer} · owner {owner}",
        "da": "{stage} · foreslået af {proposer} · ejer {owner}",
    },
    "card.col.field": {"en": "Field", "da": "Felt"},
    "card.col.from": {"en": "From", "da": "Fra"},
    "card.col.to": {"en": "To", "da": "Til"},
    "card.col.what": {"en": "What", "da": "Hvad"},
    "card.col.when": {"en": "When", "da": "Hvornår"},
    "card.col.who": {"en": "Who", "da": "Hvem"},
    "card.comment": {"en": "Comment", "da": "Kommentar"},
    "card.comment_added": {"en": "Comment added.", "da": "Kommentar tilføjet."},
    "card.dialog_title": {"en": "Improvement card", "da": "Forbedringskort"},
    "card.duplicates": {"en": "Possibly the same problem in other teams:", "da": "Måske samme problem i andre teams:"},
    "card.effort": {"en": "Effort (1–5)", "da": "Indsats (1–5)"},
    "card.err.already_owner": {"en": "{name} already owns the card.", "da": "{name} ejer allerede kortet."},
    "card.err.empty_comment": {"en": "A comment needs text.", "da": "En kommentar skal have tekst."},
    "card.err.who": {"en": "Choose who you are in the sidebar first.", "da": "Vælg først hvem du er i sidepanelet."},
    "card.idea": {"en": "Idea", "da": "Idé"},
    "card.impact": {"en": "Impact (1–5)", "da": "Gevinst (1–5)"},
    "card.no_related": {
        "en": "No related cards, and no likely duplicates in other teams.",
        "da": "Ingen relaterede kort og ingen sandsynlige dubletter i andre teams.",
    },
    "card.scores": {"en": "impact {impact}, effort {effort}", "da": "gevinst {impact}, indsats {effort}"},
    "unit.hours_short": {"en": "h", "da": "t"},
    "card.link": {"en": "Link as related", "da": "Markér som relateret"},
    "card.linked": {"en": "The cards are linked as related.", "da": "Kortene er markeret som relaterede."},
    "card.move": {"en": "Move", "da": "Flyt"},
    "card.move_to": {"en": "Move to", "da": "Flyt til"},
    "card.moved": {"en": "“{title}” moved to {stage}.", "da": "“{title}” flyttet til {stage}."},
    "card.needs_it": {
        "en": "Needs an IT change (becomes a user story)",
        "da": "Kræver en IT-ændring (bliver en user story)",
    },
    "card.new_standard": {"en": "New standard", "da": "Ny standard"},
    "card.no_owner": {"en": "no owner", "da": "ingen ejer"},
    "card.now": {
        "en": "The card now: “{title}” in {stage}, owner {owner}.",
        "da": "Kortet nu: “{title}” i {stage}, ejer {owner}.",
    },
    "card.open": {"en": "Open", "da": "Åbn"},
    "card.owner": {"en": "Owner", "da": "Ejer"},
    "card.problem": {"en": "Problem", "da": "Problem"},
    "card.rejection_reason": {"en": "Reason for rejecting", "da": "Begrundelse for afvisning"},
    "card.save": {"en": "Save", "da": "Gem"},
    "card.saved": {"en": "Card saved.", "da": "Kortet er gemt."},
    "card.scored": {"en": "Scored", "da": "Scoret"},
    "card.tab.a3": {"en": "A3", "da": "A3"},
    "card.tab.card": {"en": "Card", "da": "Kort"},
    "card.tab.history": {"en": "History and comments", "da": "Historik og kommentarer"},
    "card.tab.related": {"en": "Related cards", "da": "Relaterede kort"},
    "card.take": {"en": "Take ownership", "da": "Tag ejerskab"},
    "card.taken": {"en": "You own “{title}” now.", "da": "Du ejer nu “{title}”."},
    "card.title": {"en": "Title", "da": "Titel"},
    "card.wip_confirm": {
        "en": "{stage} already holds {count} cards (limit {limit}). Move the card anyway?",
        "da": "{stage} har allerede {count} kort (grænse {limit}). Flyt kortet alligevel?",
    },
    "card.wip_no": {"en": "No, keep it", "da": "Nej, lad det blive"},
    "card.wip_yes": {"en": "Move anyway", "da": "Flyt alligevel"},
    "event.created": {"en": "Created", "da": "Oprettet"},
    "event.moved": {"en": "Moved", "da": "Flyttet"},
    "event.edited": {"en": "Edited", "da": "Redigeret"},
    "event.owner_taken": {"en": "Ownership taken", "da": "Ejerskab taget"},
    "event.comment": {"en": "Comment", "da": "Kommentar"},
    "event.linked": {"en": "Linked", "da": "Relateret"},
    "a3.background": {"en": "Background", "da": "Baggrund"},
    "a3.current_state": {"en": "Current state", "da": "Nuværende tilstand"},
    "a3.goal": {"en": "Goal", "da": "Mål"},
    "a3.root_cause": {"en": "Root cause", "da": "Grundårsag"},
    "a3.countermeasures": {"en": "Countermeasures", "da": "Modforanstaltninger"},
    "a3.plan": {"en": "Plan", "da": "Plan"},
    "a3.follow_up": {"en": "Follow-up", "da": "Opfølgning"},
    "imp.all_tasks": {"en": "All tasks", "da": "Alle opgaver"},
    "imp.card": {"en": "Card", "da": "Kort"},
    "imp.card_from_pareto": {
        "en": "Create an improvement card for this category",
        "da": "Opret et forbedringskort for denne kategori",
    },
    "imp.category": {"en": "Category", "da": "Kategori"},
    "imp.category_new": {"en": "Pick or type a new category", "da": "Vælg eller skriv en ny kategori"},
    "imp.coordination_help": {
        "en": "Active cards of all teams in the unit. Pairs that probably describe the same problem are listed first — link them so two teams don't solve it twice.",
        "da": "Aktive kort i alle enhedens teams. Par der sandsynligvis beskriver samme problem vises først — markér dem som relaterede, så to teams ikke løser det samme.",
    },
    "imp.count": {"en": "Count", "da": "Antal"},
    "imp.create": {"en": "Create card", "da": "Opret kort"},
    "imp.created": {"en": "Card “{title}” is in Intake.", "da": "Kortet “{title}” ligger i indbakken."},
    "imp.cumulative": {"en": "Cumulative %", "da": "Akkumuleret %"},
    "imp.drag_help": {
        "en": "Drag a card to another column to move it; click a card to open it. On a touch screen, use “Move with buttons”.",
        "da": "Træk et kort til en anden kolonne for at flytte det; klik på et kort for at åbne det. På en touchskærm: brug “Flyt med knapper”.",
    },
    "imp.duplicates_found": {
        "en": "“{title}” may already be solved elsewhere — look at these cards:",
        "da": "“{title}” bliver måske allerede løst andetsteds — se disse kort:",
    },
    "imp.from": {"en": "From", "da": "Fra"},
    "imp.matrix_empty": {
        "en": "No scored cards in Intake or Prioritisation.",
        "da": "Ingen scorede kort i indbakke eller prioritering.",
    },
    "imp.matrix_help": {
        "en": "Cards in Intake and Prioritisation by impact and effort. Click a dot to open its card.",
        "da": "Kort i indbakke og prioritering efter gevinst og indsats. Klik på en prik for at åbne kortet.",
    },
    "imp.mode": {"en": "Board", "da": "Tavle"},
    "imp.mode.drag": {"en": "Drag and drop", "da": "Træk og slip"},
    "imp.mode.buttons": {"en": "Move with buttons", "da": "Flyt med knapper"},
    "imp.new_card": {"en": "New improvement card", "da": "Nyt forbedringskort"},
    "imp.no_duplicates": {
        "en": "No likely duplicates between the teams' active cards.",
        "da": "Ingen sandsynlige dubletter mellem teamenes aktive kort.",
    },
    "imp.pairs_shown": {
        "en": "Showing the {shown} most alike of {total} likely duplicate pairs.",
        "da": "Viser de {shown} mest ens af {total} sandsynlige dubletpar.",
    },
    "imp.show_more_pairs": {"en": "Show more pairs", "da": "Vis flere par"},
    "goals.actions_shown": {
        "en": "Showing {shown} of {total} actions: overdue and open first, then the most recently due closed ones.",
        "da": "Viser {shown} af {total} handlinger: forfaldne og åbne først, derefter de senest forfaldne lukkede.",
    },
    "goals.more_actions": {"en": "Show more actions", "da": "Vis flere handlinger"},
    "home.more_teams": {
        "en": "Showing the first {shown} of {total} teams: choose a department or search to find the others.",
        "da": "Viser de første {shown} af {total} teams: vælg en afdeling eller søg for at finde de andre.",
    },
    "imp.no_errors": {"en": "No errors registered in the period.", "da": "Ingen fejl registreret i perioden."},
    "imp.no_standards": {"en": "No new standards in the last 8 weeks.", "da": "Ingen nye standarder de sidste 8 uger."},
    "imp.pareto_help": {
        "en": "Bars: errors per category, largest first; line: cumulative share; dashed: 80 %. Faded bars are outside the vital few.",
        "da": "Søjler: fejl pr. kategori, største først; linje: akkumuleret andel; stiplet: 80 %. Blege søjler er uden for de vitale få.",
    },
    "imp.pareto_problem": {
        "en": "{count} of {total} registered errors ({share} %) were “{category}” ({task}, {period}).",
        "da": "{count} af {total} registrerede fejl ({share} %) var “{category}” ({task}, {period}).",
    },
    "imp.pareto_title": {"en": "Reduce errors: {category}", "da": "Færre fejl: {category}"},
    "imp.prefilled": {
        "en": "The new-card form is filled in with the Pareto numbers: check it and create the card.",
        "da": "Formularen til nyt kort er udfyldt med Pareto-tallene: tjek den og opret kortet.",
    },
    "imp.register": {"en": "Register errors", "da": "Registrér fejl"},
    "imp.register_button": {"en": "Register", "da": "Registrér"},
    "imp.registered": {"en": "Registered {count} × {category}.", "da": "Registreret {count} × {category}."},
    "imp.set_scores": {"en": "Set impact and effort", "da": "Sæt gevinst og indsats"},
    "imp.stage": {"en": "Stage", "da": "Fase"},
    "imp.standard_by": {"en": "Owner: {owner}", "da": "Ejer: {owner}"},
    "imp.tab.board": {"en": "PDCA board", "da": "PDCA-tavle"},
    "imp.tab.coordination": {"en": "All teams", "da": "Alle teams"},
    "imp.tab.errors": {"en": "Errors and Pareto", "da": "Fejl og Pareto"},
    "imp.tab.matrix": {"en": "Prioritisation matrix", "da": "Prioriteringsmatrix"},
    "imp.tab.standards": {"en": "New standards", "da": "Nye standarder"},
    "imp.to": {"en": "To", "da": "Til"},
    "quadrant.big_projects": {"en": "Big projects", "da": "Store projekter"},
    "quadrant.fill_ins": {"en": "Fill-ins", "da": "Småopgaver"},
    "quadrant.quick_wins": {"en": "Quick wins", "da": "Hurtige gevinster"},
    "quadrant.thankless": {"en": "Thankless tasks", "da": "Utaknemmelige opgaver"},
    "kiosk.stale": {
        "en": "Not updated since {time} — the screen may show old figures. Check the connection.",
        "da": "Ikke opdateret siden {time} — skærmen kan vise gamle tal. Tjek forbindelsen.",
    },
    "kiosk.updated": {"en": "Updated {time}", "da": "Opdateret {time}"},
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
    "week.label": {"en": "week {week}", "da": "uge {week}"},
    "week.label_year": {"en": "week {week}, {year}", "da": "uge {week}, {year}"},
    # how numbers and dates are written: a Babel locale and CLDR date patterns per language
    "fmt.locale": {"en": "en_GB", "da": "da_DK"},
    "fmt.date": {"en": "yyyy-MM-dd", "da": "dd.MM.yyyy"},
    "fmt.day": {"en": "EEE dd.MM", "da": "EEE dd.MM"},
    "num.err.ambiguous": {
        "en": "“{value}” can be read two ways: write {whole} for a whole number or {decimal} for a decimal number.",
        "da": "“{value}” kan læses på to måder: skriv {whole} for et helt tal eller {decimal} for et decimaltal.",
    },
    "num.err.format": {
        "en": "“{value}” is not a number: use “{decimal}” before the decimals, as in {example}.",
        "da": "“{value}” er ikke et tal: brug “{decimal}” foran decimalerne, som i {example}.",
    },
}
CATALOGUE.update(SETUP_CATALOGUE)  # the set-up page, unit settings and master-data workbook
CATALOGUE.update(SETTINGS_CATALOGUE)  # the unit's settings, job roles, borrowed people, import choices
CATALOGUE.update(HISTORY_CATALOGUE)  # conflicts that say when, recent changes and undo, access settings
CATALOGUE.update(MATURITY_CATALOGUE)  # the maturity self-assessment
CATALOGUE.update(FEEDS_CATALOGUE)  # the ingest API, API tokens, intake and robots
CATALOGUE.update(FORECAST_CATALOGUE)  # the intake forecast, fill from forecast, office days
CATALOGUE.update(SCALE_CATALOGUE)  # a whole organisation: generate, migrate-data, the organisation level


def normalise_language(value: str | None) -> str | None:
    """Return ``"en"``/``"da"`` for a supported language code, else None."""
    if not value:
        return None
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else None


def uom_text(label: str, lang: str) -> str:
    """A measure's unit label in ``lang`` when it is a unit the catalogue knows ("days" →
    "dage"); the unit's own text otherwise."""
    key = f"uom.{label.strip().casefold()}"
    return t(key, lang) if key in CATALOGUE else label


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """Translate ``key`` into ``lang``; a missing key raises, so gaps fail the tests, not users."""
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


# Formatting and reading numbers, dates and weeks: Babel's CLDR data for the language's locale
# (the catalogue's "fmt.locale"), so a third language is catalogue entries, not code.
MISSING: Final = "–"
_NUMBER_TEXT: Final = re.compile(r"[+-]?[\d.,]+")


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(t("fmt.locale", lang))


@functools.cache
def _pattern(decimals: int, *, trim: bool = False) -> NumberPattern:
    """``#,##0.00`` for two fixed decimals; ``#,##0.##`` when trailing zeros are dropped."""
    return parse_pattern("#,##0" + ("." + ("#" if trim else "0") * decimals if decimals else ""))


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return not math.isfinite(value)  # type: ignore[arg-type]
    except TypeError:
        return False


def _rounded(value: float | int | Decimal, decimals: int) -> Decimal:
    """Half away from zero, as people round on a board (2.5 → 3), and never ``-0``."""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number if number else Decimal(0)


def fmt_number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """``1,234.5`` in English, ``1.234,5`` in Danish; None and NaN become an en dash."""
    if _missing(value):
        return MISSING
    return format_decimal(_rounded(value, decimals), format=_pattern(decimals), locale=_locale(lang))  # type: ignore[arg-type]


def fmt_hours(value: float, lang: str) -> str:
    """Hours with up to two decimals and no trailing zeros: ``7.5`` / ``7,5``, ``3.75``, ``8``."""
    if _missing(value):
        return MISSING
    return format_decimal(_rounded(value, 2), format=_pattern(2, trim=True), locale=_locale(lang))


def fmt_percent(value: float | None, lang: str, decimals: int = 0) -> str:
    """A percentage given in points (``97.5``): ``97,5 %`` in Danish, ``97.5%`` in English."""
    if _missing(value):
        return MISSING
    locale = _locale(lang)
    pattern = locale.percent_formats[None].pattern.replace("#,##0", _pattern(decimals).pattern, 1)
    return format_percent(_rounded(value, decimals) / 100, format=pattern, locale=locale)  # type: ignore[arg-type]


def parse_number(text: str, lang: str) -> float:
    """Read a number as it is written in ``lang``: ``1.234,5`` in Danish, ``1,234.5`` in English.

    A lone thousands separator before three digits (``1.234`` in Danish, ``1,234`` in English)
    is refused: in a Danish workplace it is as often a decimal written the other way round.
    The ValueError's message, in ``lang``, says how to write the number instead."""
    locale = _locale(lang)
    group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)
    shown = text.strip()
    cleaned = shown.replace("\u2212", "-")  # a typographic minus, as pasted from documents
    unsigned = cleaned.lstrip("+-")
    if re.fullmatch(rf"\d{{1,3}}{re.escape(group)}\d{{3}}", unsigned):
        raise ValueError(
            t(
                "num.err.ambiguous",
                lang,
                value=shown,
                whole=unsigned.replace(group, ""),
                decimal=unsigned.replace(group, decimal),
            )
        )
    try:
        if not _NUMBER_TEXT.fullmatch(cleaned):
            raise NumberFormatError(cleaned)
        return float(parse_decimal(cleaned, locale=locale, strict=True))
    except NumberFormatError:
        example = fmt_number(1234.5, lang, 1)
        raise ValueError(t("num.err.format", lang, value=shown, decimal=decimal, example=example)) from None


def fmt_date(value: dt.date, lang: str) -> str:
    """``28.11.2026`` in Danish, ISO ``2026-11-28`` in English (the catalogue's "fmt.date")."""
    return format_date(value, t("fmt.date", lang), locale=_locale(lang))


# Monday first, as ``date.weekday()`` counts: ("man.", "tirs.", …) / ("Mon", "Tue", …).
WEEKDAYS: Final = {lang: tuple(_locale(lang).days["format"]["abbreviated"][i] for i in range(7)) for lang in LANGUAGES}


def fmt_day(value: dt.date, lang: str) -> str:
    """Short weekday and day, e.g. ``Mon 23.11`` / ``man. 23.11``."""
    return format_date(value, t("fmt.day", lang), locale=_locale(lang))


def fmt_week(value: dt.date, lang: str, *, with_year: bool = False) -> str:
    """The ISO week of ``value``: ``week 48`` / ``uge 48``."""
    year, week, _ = value.isocalendar()
    if with_year:
        return t("week.label_year", lang, week=week, year=year)
    return t("week.label", lang, week=week)


def local_time(value: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) timestamp in the unit's time zone (``DRIFTBOARD_TIMEZONE``,
    default Europe/Copenhagen)."""
    zone = ZoneInfo(os.environ.get("DRIFTBOARD_TIMEZONE", "Europe/Copenhagen"))
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone)


def fmt_time(value: dt.datetime, lang: str) -> str:
    """``09:05`` / ``09.05`` in local time for a stored UTC timestamp."""
    return format_time(local_time(value).time(), "short", locale=_locale(lang))
