"""Catalogue entries of "your own unit": the set-up page, the unit settings page, the
master-data workbook and the holdings import. Merged into ``driftboard.i18n.CATALOGUE``."""

from __future__ import annotations

SETUP_CATALOGUE: dict[str, dict[str, str]] = {
    "page.setup": {"en": "Set up your unit", "da": "Opret jeres enhed"},
    "page.unit_settings": {"en": "Unit settings", "da": "Enhedsindstillinger"},
    "setup.intro": {
        "en": "Driftboard is empty. Create your operations unit with a department and its first teams; "
        "people, tasks and competences can then be imported from an Excel workbook.",
        "da": "Driftboard er tom. Opret jeres driftsenhed med en afdeling og de første teams; "
        "medarbejdere, opgaver og kompetencer kan derefter importeres fra en Excel-projektmappe.",
    },
    "setup.unit": {"en": "Unit name", "da": "Enhedens navn"},
    "setup.department": {"en": "Department", "da": "Afdeling"},
    "setup.teams": {"en": "Teams (one per line)", "da": "Teams (ét pr. linje)"},
    "setup.language": {"en": "Language of the boards", "da": "Tavlernes sprog"},
    "setup.create": {"en": "Create the unit", "da": "Opret enheden"},
    "setup.created": {
        "en": "{unit} was created with {teams} team(s).",
        "da": "{unit} er oprettet med {teams} team(s).",
    },
    "setup.slugs": {"en": "Web addresses: {slugs}", "da": "Webadresser: {slugs}"},
    "setup.next": {
        "en": "Next: download the master-data workbook, fill in people, tasks and competences, and upload it on "
        "the unit settings page.",
        "da": "Næste skridt: hent stamdata-projektmappen, udfyld medarbejdere, opgaver og kompetencer, og upload "
        "den på siden Enhedsindstillinger.",
    },
    "setup.other_unit": {"en": "Add another unit", "da": "Tilføj en enhed mere"},
    "setup.template": {"en": "Download the master-data workbook", "da": "Hent stamdata-projektmappen"},
    "home.setup": {"en": "Set up your own unit", "da": "Opret jeres egen enhed"},
    "home.search": {"en": "Find a team", "da": "Find et team"},
    "home.unit_teams": {"en": "{unit}", "da": "{unit}"},
    "home.moved": {
        "en": "The team “{old}” is now called “{name}”: the link was updated.",
        "da": "Teamet “{old}” hedder nu “{name}”: linket er opdateret.",
    },
    "us.import": {"en": "Import master data", "da": "Importér stamdata"},
    "us.import.help": {
        "en": "An Excel workbook with the sheets org, job_roles, people, tasks, competences and factors "
        "(Danish sheet names and headers accepted). Rows are matched by name, slug and employee id; "
        "any bad row rejects the whole workbook.",
        "da": "En Excel-projektmappe med arkene organisation, jobroller, medarbejdere, opgaver, kompetencer og "
        "faktorer (engelske navne accepteres også). Rækker matches på navn, webadresse og medarbejdernr.; "
        "én forkert række afviser hele projektmappen.",
    },
    "us.import.button": {"en": "Import the workbook", "da": "Importér projektmappen"},
    "us.import.done": {
        "en": "Imported: {created} created, {updated} updated, {unchanged} unchanged.",
        "da": "Importeret: {created} oprettet, {updated} ændret, {unchanged} uændret.",
    },
    "us.import.nothing": {
        "en": "Nothing changed: every row ({unchanged}) was already so.",
        "da": "Intet ændret: alle rækker ({unchanged}) var allerede sådan.",
    },
    "us.export": {"en": "Export master data", "da": "Eksportér stamdata"},
    "us.tree": {"en": "Units, departments and teams", "da": "Enheder, afdelinger og teams"},
    "us.rename": {"en": "Rename", "da": "Omdøb"},
    "us.new_name": {"en": "New name", "da": "Nyt navn"},
    "us.slug": {"en": "Web address (slug)", "da": "Webadresse (slug)"},
    "us.renamed": {"en": "Renamed; the address is now “{slug}”.", "da": "Omdøbt; adressen er nu “{slug}”."},
    "us.add": {"en": "Add", "da": "Tilføj"},
    "us.add_team": {"en": "New team in {department}", "da": "Nyt team i {department}"},
    "us.add_department": {"en": "New department in {unit}", "da": "Ny afdeling i {unit}"},
    "us.added": {"en": "Added “{name}”.", "da": "“{name}” er tilføjet."},
    "us.move": {"en": "Move to", "da": "Flyt til"},
    "us.moved": {"en": "Moved.", "da": "Flyttet."},
    "us.deactivate": {"en": "Deactivate", "da": "Deaktivér"},
    "us.activate": {"en": "Activate", "da": "Aktivér"},
    "us.active_changed": {"en": "Saved.", "da": "Gemt."},
    "us.org": {"en": "Org unit", "da": "Organisationsenhed"},
    "us.remove": {"en": "Remove a unit", "da": "Fjern en enhed"},
    "us.remove.help": {
        "en": "Removes the unit with its departments, teams, people, tasks, plans and boards. A backup of the "
        "database is taken first, and the removal is recorded in the audit log.",
        "da": "Fjerner enheden med afdelinger, teams, medarbejdere, opgaver, planer og tavler. Der tages først en "
        "sikkerhedskopi af databasen, og fjernelsen registreres i ændringsloggen.",
    },
    "us.remove.confirm": {
        "en": "Type the unit's name to confirm: {unit}",
        "da": "Skriv enhedens navn for at bekræfte: {unit}",
    },
    "us.remove.button": {"en": "Remove the unit", "da": "Fjern enheden"},
    "us.remove.done": {
        "en": "{unit} was removed (backup: {backup}).",
        "da": "{unit} er fjernet (sikkerhedskopi: {backup}).",
    },
    "us.err.confirm": {
        "en": "Type the unit's name exactly to confirm the removal.",
        "da": "Skriv enhedens navn præcist for at bekræfte fjernelsen.",
    },
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
        "en": "Holdings saved for {day}: {tasks} task(s).",
        "da": "Beholdning gemt for {day}: {tasks} opgave(r).",
    },
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
    "v.no_sheets": {
        "en": "the workbook has none of the sheets {sheets}",
        "da": "projektmappen har ingen af arkene {sheets}",
    },
    "v.unknown_person": {
        "en": "there is no person with employee id “{value}” (add them on the people sheet)",
        "da": "der er ingen medarbejder med medarbejdernr. “{value}” (tilføj dem på arket medarbejdere)",
    },
    "v.other_unit": {
        "en": "team “{value}” belongs to another unit than the person",
        "da": "teamet “{value}” hører til en anden enhed end medarbejderen",
    },
    "v.holdings_sum": {
        "en": "due today plus over the service goal ({sum}) is more than the open cases ({open})",
        "da": "skal løses i dag plus over servicemål ({sum}) er flere end de åbne sager ({open})",
    },
    "setup.workbook.line1": {
        "en": "Driftboard master data: fill in the sheets and import with the unit settings page or "
        "`python -m driftboard import masterdata FILE.xlsx`.",
        "da": "Driftboard stamdata: udfyld arkene og importér på siden Enhedsindstillinger eller med "
        "`python -m driftboard import masterdata FIL.xlsx`.",
    },
    "setup.workbook.line2": {
        "en": "org: one row per team (unit, department, team); a row without team creates a department; language "
        "da or en; slug: the row's code in links (a known slug with a new name renames and keeps the slug); "
        "active no deactivates.",
        "da": "organisation: én række pr. team (enhed, afdeling, team); en række uden team opretter en afdeling; "
        "sprog da eller en; kode: rækkens kode i links (en kendt kode med et nyt navn omdøber og beholder koden); "
        "aktiv nej deaktiverer.",
    },
    "setup.workbook.line3": {
        "en": "job_roles: the unit's own job roles (the Danish name, and the English name).",
        "da": "jobroller: enhedens egne jobroller (det danske navn og det engelske navn).",
    },
    "setup.workbook.line4": {
        "en": "people: team, name, employee_id (unique), daily_hours, job_role (from job_roles), team_leader and "
        "board_leader (yes/no), active.",
        "da": "medarbejdere: team, navn, medarbejdernr (entydigt), timer_pr_dag, jobrolle (fra jobroller), "
        "teamleder og tavlefoerer (ja/nej), aktiv.",
    },
    "setup.workbook.line5": {
        "en": "tasks: team, task, minutes_per_case, service_goal_days, expected_daily_volume, error_rate_pct, active.",
        "da": "opgaver: team, opgave, minutter_pr_sag, servicemaal_dage, forventet_antal_pr_dag, fejlprocent, aktiv.",
    },
    "setup.workbook.line6": {
        "en": "competences: employee_id, team, task: the person is competent on the task (also another team's "
        "task in the same unit: borrowing candidates come from here).",
        "da": "kompetencer: medarbejdernr, team, opgave: medarbejderen er kompetent på opgaven (også et andet "
        "teams opgave i samme enhed: lånekandidater findes herfra).",
    },
    "setup.workbook.line7": {
        "en": "factors: planning factors per unit, department or team; empty cells inherit from the level above.",
        "da": "faktorer: planlægningsfaktorer pr. enhed, afdeling eller team; tomme felter arves fra niveauet over.",
    },
    "setup.workbook.line8": {
        "en": "All rows or none: a bad row rejects the workbook and is named with sheet, row and reason. "
        "Importing the same file twice changes nothing.",
        "da": "Alle rækker eller ingen: en forkert række afviser projektmappen og nævnes med ark, række og "
        "årsag. Samme fil importeret to gange ændrer intet.",
    },
}
