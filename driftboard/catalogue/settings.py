"""Unit settings, set-up of a new unit and master data (page and workbook columns)."""

from __future__ import annotations

PREFIXES = ("set", "setup", "us", "md", "col")

TEXTS: dict[str, dict[str, str]] = {
    "md.err.parent_level": {
        "en": "A {level} cannot sit under a {parent}.",
        "da": "En {level} kan ikke ligge under en {parent}.",
    },
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
        "en": "{unit} was created with {teams} teams.",
        "da": "{unit} er oprettet med {teams} teams.",
    },
    "setup.created.one": {"en": "{unit} was created with 1 team.", "da": "{unit} er oprettet med 1 team."},
    "setup.slugs": {"en": "Web addresses: {slugs}", "da": "Webadresser: {slugs}"},
    "setup.next": {
        "en": "Next: download the master-data workbook, fill in people, tasks and competences, and upload it on "
        "the unit settings page.",
        "da": "Næste skridt: hent stamdata-projektmappen, udfyld medarbejdere, opgaver og kompetencer, og upload "
        "den på siden Enhedsindstillinger.",
    },
    "setup.other_unit": {"en": "Add another unit", "da": "Tilføj en enhed mere"},
    "setup.template": {"en": "Download the master-data workbook", "da": "Hent stamdata-projektmappen"},
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
    "us.import.empty": {
        "en": "Nothing changed: the workbook holds no rows to import, only headers (the examples on the "
        "instructions sheet are never imported). Fill in the sheets and import it again.",
        "da": "Intet ændret: projektmappen har ingen rækker at importere, kun overskrifter (eksemplerne på "
        "vejledningsarket importeres aldrig). Udfyld arkene, og importér den igen.",
    },
    "us.import.cli_done": {
        "en": "Imported master data: created {created}; updated {updated}; {unchanged} unchanged.",
        "da": "Stamdata importeret: oprettet {created}; ændret {updated}; {unchanged} uændret.",
    },
    "us.import.cli_none": {"en": "nothing", "da": "intet"},
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
        "en": "people: team, name, employee_id (unique), daily_hours (empty: the daily hours of the person's "
        "team, from its planning factors), job_role (from job_roles), team_leader and board_leader (yes/no), "
        "active.",
        "da": "medarbejdere: team, navn, medarbejdernr (entydigt), timer_pr_dag (tom: de daglige timer for "
        "medarbejderens team, fra dets planlægningsfaktorer), jobrolle (fra jobroller), teamleder og "
        "tavlefoerer (ja/nej), aktiv.",
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
    "setup.workbook.examples": {
        "en": "Examples: a row of each sheet as it could be filled in. They are here only; the sheets after "
        "this one start empty, and this sheet is never imported. A formula is read as the result Excel saved "
        "with it.",
        "da": "Eksempler: en række fra hvert ark, som den kunne udfyldes. De står kun her; arkene efter dette "
        "starter tomme, og dette ark importeres aldrig. En formel læses som det resultat, Excel gemte med den.",
    },
    "setup.workbook.line8": {
        "en": "All rows or none: a bad row rejects the workbook and is named with sheet, row and reason. "
        "Importing the same file twice changes nothing.",
        "da": "Alle rækker eller ingen: en forkert række afviser projektmappen og nævnes med ark, række og "
        "årsag. Samme fil importeret to gange ændrer intet.",
    },
    "us.settings": {"en": "Settings", "da": "Indstillinger"},
    "us.job_roles": {"en": "Job roles", "da": "Jobroller"},
    "set.help_unit": {
        "en": "The unit's settings hold for its departments and teams unless they override them.",
        "da": "Enhedens indstillinger gælder for dens afdelinger og teams, medmindre de tilsidesætter dem.",
    },
    "set.help_override": {
        "en": "Switch “Own value” on to override a setting here; off, it is inherited from above.",
        "da": "Slå “Egen værdi” til for at tilsidesætte en indstilling her; fra arves den ovenfra.",
    },
    "set.override": {"en": "Own value", "da": "Egen værdi"},
    "set.own": {"en": "set by {name}", "da": "sat af {name}"},
    "set.inherited": {"en": "inherited from {source}", "da": "arvet fra {source}"},
    "set.default": {"en": "the product's default", "da": "produktets standard"},
    "set.save": {"en": "Save settings", "da": "Gem indstillinger"},
    "set.saved": {"en": "Settings of {name} saved.", "da": "Indstillingerne for {name} er gemt."},
    "set.save_factors": {"en": "Save planning factors", "da": "Gem planlægningsfaktorer"},
    "set.factors_saved": {
        "en": "Planning factors of {name} saved.",
        "da": "Planlægningsfaktorerne for {name} er gemt.",
    },
    "set.language": {"en": "Language", "da": "Sprog"},
    "set.language.da": {"en": "Danish", "da": "Dansk"},
    "set.language.en": {"en": "English", "da": "Engelsk"},
    "set.status_tolerance_pct": {"en": "Status tolerance (%)", "da": "Statustolerance (%)"},
    "set.refresh_seconds": {"en": "Screen refresh (seconds)", "da": "Skærmopdatering (sekunder)"},
    "set.meeting_time": {"en": "Board meeting at", "da": "Tavlemøde kl."},
    "set.department_meeting_time": {"en": "Department's board meeting at", "da": "Afdelingens tavlemøde kl."},
    "set.unit_meeting_time": {"en": "Unit's board meeting at", "da": "Enhedens tavlemøde kl."},
    "set.meeting_minutes": {"en": "Board meeting length (minutes)", "da": "Tavlemødets længde (minutter)"},
    "set.competence_margin_fte": {
        "en": "Competence margin (FTE)",
        "da": "Kompetencemargin (årsværk)",
    },
    "set.wip_limits": {"en": "WIP limits per stage", "da": "WIP-grænser pr. fase"},
    "set.wip_none": {"en": "no limit", "da": "ingen grænse"},
    "set.wip_help": {
        "en": "The most cards in the stage; 0 takes the limit away.",
        "da": "Højst så mange kort i fasen; 0 fjerner grænsen.",
    },
    "set.escalation_order": {"en": "Escalation order", "da": "Eskaleringsrækkefølge"},
    "set.escalation_help": {
        "en": "The steps in the order they are tried: remove a step and pick it again to move it last.",
        "da": "Trinene i den rækkefølge, de prøves: fjern et trin og vælg det igen for at flytte det sidst.",
    },
    "set.today_rule": {"en": "Today's status", "da": "Dagens status"},
    "set.today_rule.pro_rata": {
        "en": "Against the plan pro-rated to the hour",
        "da": "Mod planen forholdsmæssigt til timen",
    },
    "set.today_rule.end_of_day": {"en": "Only after the working day", "da": "Først efter arbejdsdagen"},
    "set.work_day_start": {"en": "Working day starts", "da": "Arbejdsdagen starter"},
    "set.work_day_end": {"en": "Working day ends", "da": "Arbejdsdagen slutter"},
    "set.card_moves": {"en": "Who moves improvement cards", "da": "Hvem flytter forbedringskort"},
    "set.card_moves.team": {"en": "Anyone in the team", "da": "Alle i teamet"},
    "set.card_moves.owner": {
        "en": "The card's owner, the improvement supporter and leaders",
        "da": "Kortets ejer, forbedringssupporteren og ledere",
    },
    "set.err.time": {"en": "“{value}” is not a time of day", "da": "“{value}” er ikke et klokkeslæt"},
    "set.err.day_order": {
        "en": "the working day must end after it starts ({start})",
        "da": "arbejdsdagen skal slutte, efter den starter ({start})",
    },
    "set.roles_help": {
        "en": "The unit's own job roles, named in both languages. A role people hold cannot be removed: "
        "untick Active instead.",
        "da": "Enhedens egne jobroller, navngivet på begge sprog. En rolle, som medarbejdere har, kan ikke "
        "fjernes: fjern fluebenet i Aktiv i stedet.",
    },
    "set.role_da": {"en": "Name in Danish", "da": "Navn på dansk"},
    "set.role_en": {"en": "Name in English", "da": "Navn på engelsk"},
    "col.job_role": {"en": "Job role", "da": "Jobrolle"},
    # the unit setting
    "set.first_day": {
        "en": "First day: production, intake, holdings, measure values and absences dated before it are refused",
        "da": "Første dag: produktion, tilgang, beholdning, måleværdier og fravær dateret før den afvises",
    },
    "set.office_days_per_week": {
        "en": "Office days required per person and week (0: no rule)",
        "da": "Krævede kontordage pr. medarbejder og uge (0: ingen regel)",
    },
    "us.add_organisation": {
        "en": "Put all units under one organisation named",
        "da": "Saml alle enheder under én organisation med navnet",
    },
    "us.organisation_added": {
        "en": "The organisation {name} now holds every unit; its goal board rolls up over all of them.",
        "da": "Organisationen {name} samler nu alle enheder; dens målstyringstavle samler dem alle.",
    },
    "us.err.unit_has_organisation": {
        "en": "The unit {unit} is already under the organisation {organisation}.",
        "da": "Enheden {unit} ligger allerede under organisationen {organisation}.",
    },
}
