"""Catalogue entries of the feeds features (the ingest API, API tokens, intake and robots).
Merged into ``driftboard.i18n.CATALOGUE``."""

from __future__ import annotations

FEEDS_CATALOGUE: dict[str, dict[str, str]] = {
    # validation of fed rows (shared with the file imports)
    "v.rows_shape": {
        "en": "rows must be a list of objects, one per row",
        "da": "rows skal være en liste af objekter, ét pr. række",
    },
    "v.moment": {
        "en": "{value} is not a time; write e.g. 2026-11-27T09:41:00Z",
        "da": "{value} er ikke et tidspunkt; skriv fx 2026-11-27T09:41:00Z",
    },
    "v.moment_future": {
        "en": "{value} is in the future; send the time in UTC (…Z) or with its offset (e.g. …+01:00)",
        "da": "{value} ligger i fremtiden; send tidspunktet i UTC (…Z) eller med forskydning (fx …+01:00)",
    },
    # what a conflict message and the history view call the feeds' rows and fields
    "entity.intake": {"en": "Intake", "da": "Tilgang"},
    "entity.robots": {"en": "Robot", "da": "Robot"},
    "entity.robot_runs": {"en": "Robot run", "da": "Robotkørsel"},
    "entity.robot_tasks": {"en": "Robot task", "da": "Robotopgave"},
    "entity.intake_measures": {"en": "Measure fed by intake", "da": "Måling fra tilgang"},
    "field.received": {"en": "received", "da": "modtaget"},
    "field.target_share": {"en": "target share handled fully", "da": "mål for færdigbehandlet andel"},
    "field.handled": {"en": "handled fully", "da": "færdigbehandlet"},
    "field.handed_over": {"en": "handed to a person", "da": "overdraget til en medarbejder"},
    "field.failed": {"en": "failed", "da": "fejlet"},
    "field.measure_id": {"en": "measure", "da": "måling"},
    "field.last_run_at": {"en": "last run", "da": "seneste kørsel"},
    # the ingest API's refusals
    "api.err.token": {
        "en": "missing, unknown or revoked API token (send Authorization: Bearer <token>)",
        "da": "API-nøglen mangler, er ukendt eller tilbagekaldt (send Authorization: Bearer <nøgle>)",
    },
    "api.err.scope": {
        "en": "this API token may not write numbers of that team",
        "da": "denne API-nøgle må ikke skrive tal for det team",
    },
    "api.err.too_large": {
        "en": "the request body is larger than {limit} bytes; send fewer rows per request",
        "da": "forespørgslen er større end {limit} bytes; send færre rækker ad gangen",
    },
    "api.err.not_json": {"en": "the body is not JSON (UTF-8)", "da": "indholdet er ikke JSON (UTF-8)"},
    "api.err.not_finite": {
        "en": "{value} is not a JSON number; send a number or leave the field out",
        "da": "{value} er ikke et JSON-tal; send et tal eller udelad feltet",
    },
    "api.err.no_rows": {
        "en": 'the body must be an object with "rows": a list of rows',
        "da": 'indholdet skal være et objekt med "rows": en liste af rækker',
    },
    "api.err.rows": {
        "en": "some rows are invalid; nothing was saved",
        "da": "nogle rækker er ugyldige; intet blev gemt",
    },
    "api.err.conflict": {
        "en": "the numbers changed meanwhile; send them again",
        "da": "tallene blev ændret imens; send dem igen",
    },
    "api.err.refused": {"en": "the request was refused", "da": "forespørgslen blev afvist"},
    "api.err.internal": {
        "en": "unexpected error {error_id}; nothing was saved (the server log has the details)",
        "da": "uventet fejl {error_id}; intet blev gemt (serverloggen har detaljerne)",
    },
    # robots and tokens: refusals
    "feeds.err.slug_taken": {
        "en": "the robot slug {slug} is taken",
        "da": "robot-koden {slug} er allerede i brug",
    },
    "feeds.err.robot_name": {"en": "a robot needs a name", "da": "en robot skal have et navn"},
    "feeds.err.robot_slug": {
        "en": "{slug} is not a slug: lower-case letters, digits and hyphens",
        "da": "{slug} er ikke en kode: små bogstaver, tal og bindestreger",
    },
    "feeds.err.target_share": {
        "en": "the target share is between {low} and {high} %",
        "da": "målandelen ligger mellem {low} og {high} %",
    },
    "feeds.err.robot_measure": {
        "en": "a robot feeds a measure of its own team, department or unit",
        "da": "en robot leverer til en måling for sit eget team, sin afdeling eller enhed",
    },
    "feeds.err.measure_fed_by_robot": {
        "en": "{measure} already takes its value from the robot {robot}; a measure is fed by one robot",
        "da": "{measure} får allerede sin værdi fra robotten {robot}; en måling får værdier fra én robot",
    },
    "feeds.err.robot_measure_not_yours": {
        "en": "you may not link a robot to {measure}: only a leader of its team, department or unit may",
        "da": "du må ikke koble en robot til {measure}: det må kun en leder af dens team, afdeling eller enhed",
    },
    "feeds.robot.measure": {
        "en": "Goal-board measure it feeds (share handled fully, %)",
        "da": "Måling på målstyringstavlen den leverer til (færdigbehandlet andel, %)",
    },
    "feeds.robot.no_measure": {"en": "none", "da": "ingen"},
    "feeds.err.intake_measure": {
        "en": "only the team's own operational measures can take their values from intake",
        "da": "kun teamets egne driftsmålinger kan hente deres værdier fra tilgangen",
    },
    "feeds.intake.measures": {
        "en": "Goal-board measures that take the week's (or month's) intake",
        "da": "Målinger på målstyringstavlen der henter ugens (eller månedens) tilgang",
    },
    "feeds.intake.measures_help": {
        "en": "An operational measure of the team chosen here gets the sum of cases received on the team's "
        "tasks per period, whenever intake is typed, imported or fed.",
        "da": "En driftsmåling for teamet valgt her får summen af modtagne sager på teamets opgaver pr. periode, "
        "når tilgangen tastes, importeres eller sendes ind via API'et.",
    },
    "feeds.intake.measures_save": {"en": "Save measures fed by intake", "da": "Gem målinger fra tilgang"},
    "feeds.intake.measures_saved": {
        "en": "Saved; {changed} measure values filled from intake.",
        "da": "Gemt; {changed} måleværdier udfyldt fra tilgangen.",
    },
    "feeds.err.no_robot": {"en": "there is no robot {slug}", "da": "der findes ingen robot {slug}"},
    "feeds.err.token_name": {"en": "an API token needs a name", "da": "en API-nøgle skal have et navn"},
    "feeds.err.no_unit": {"en": "there is no org unit {slug}", "da": "der findes ingen enhed {slug}"},
    # intake on the operations board
    "feeds.tab.intake": {"en": "Enter intake", "da": "Indtast tilgang"},
    "feeds.intake.title": {"en": "Incoming and produced", "da": "Indgået og produceret"},
    "feeds.intake.none": {
        "en": "No incoming cases registered this week.",
        "da": "Ingen indgåede sager registreret i denne uge.",
    },
    "feeds.col.received_today": {"en": "In today", "da": "Indgået i dag"},
    "feeds.col.produced_today": {"en": "Produced today", "da": "Produceret i dag"},
    "feeds.col.received_week": {"en": "In this week", "da": "Indgået i ugen"},
    "feeds.col.produced_week": {"en": "Produced this week", "da": "Produceret i ugen"},
    "feeds.intake.help": {
        "en": "Cases received per task on the day (core systems can send them through the API).",
        "da": "Modtagne sager pr. opgave på dagen (kernesystemer kan sende dem via API'et).",
    },
    "feeds.intake.save": {"en": "Save intake", "da": "Gem tilgang"},
    "feeds.intake.saved": {"en": "Intake saved for {day}.", "da": "Tilgang gemt for {day}."},
    "feeds.intake.import": {
        "en": "Or import a file with the columns date, team, task, received.",
        "da": "Eller importér en fil med kolonnerne dato, team, opgave, modtaget.",
    },
    "feeds.intake.imported": {
        "en": "{rows} rows imported: {changed} changed, {unchanged} unchanged.",
        "da": "{rows} rækker importeret: {changed} ændret, {unchanged} uændret.",
    },
    # robots on the board
    "feeds.robots.title": {"en": "Robots", "da": "Robotter"},
    "feeds.col.robot": {"en": "Robot", "da": "Robot"},
    "feeds.col.state": {"en": "Running", "da": "Kører"},
    "feeds.col.today": {"en": "Today", "da": "I dag"},
    "feeds.col.week": {"en": "This week", "da": "Ugen"},
    "feeds.robot.up": {"en": "up", "da": "kører"},
    "feeds.robot.down": {"en": "down since {time}", "da": "nede siden {time}"},
    "feeds.robot.down_day": {"en": "down since {day} {time}", "da": "nede siden {day} kl. {time}"},
    "feeds.robot.never": {"en": "no run yet", "da": "ingen kørsel endnu"},
    "feeds.robot.share": {
        "en": "{share} of {total} (target {target})",
        "da": "{share} af {total} (mål {target})",
    },
    "feeds.robot.no_cases": {"en": "no cases (target {target})", "da": "ingen sager (mål {target})"},
    # robots in master data
    "feeds.robots.master": {"en": "Robots and intake", "da": "Robotter og tilgang"},
    "feeds.robots.master_help": {
        "en": "A robot is a virtual colleague: the tasks it works and the share of its cases it "
        "should handle fully. Its runs come from the API (POST /api/v1/robots/<slug>/runs).",
        "da": "En robot er en virtuel kollega: de opgaver den arbejder på og den andel af sagerne "
        "den skal færdigbehandle. Dens kørsler kommer via API'et (POST /api/v1/robots/<kode>/runs).",
    },
    "feeds.robot.pick": {"en": "Robot", "da": "Robot"},
    "feeds.robot.new": {"en": "New robot", "da": "Ny robot"},
    "feeds.robot.name": {"en": "Name", "da": "Navn"},
    "feeds.robot.slug": {"en": "Slug (used by the API)", "da": "Kode (bruges af API'et)"},
    "feeds.robot.tasks": {"en": "Tasks it works", "da": "Opgaver den arbejder på"},
    "feeds.robot.target": {"en": "Target share handled fully (%)", "da": "Mål for færdigbehandlet andel (%)"},
    "feeds.robot.active": {"en": "Active", "da": "Aktiv"},
    "feeds.robot.save": {"en": "Save robot", "da": "Gem robot"},
    "feeds.robot.saved": {"en": "Robot {name} saved.", "da": "Robotten {name} er gemt."},
    # API tokens on the access page
    "feeds.tokens.tab": {"en": "API tokens", "da": "API-nøgler"},
    "feeds.tokens.help": {
        "en": "A token lets a core system send numbers of one org unit's teams through the API. "
        "It is shown once; only its hash is kept.",
        "da": "En nøgle lader et kernesystem sende tal for én enheds teams via API'et. "
        "Den vises én gang; kun dens hash gemmes.",
    },
    "feeds.tokens.made": {
        "en": "Copy the token now; it is not shown again.",
        "da": "Kopiér nøglen nu; den vises ikke igen.",
    },
    "feeds.tokens.none": {"en": "No API tokens yet.", "da": "Ingen API-nøgler endnu."},
    "feeds.tokens.name": {"en": "System name", "da": "Systemets navn"},
    "feeds.tokens.unit": {"en": "May write for", "da": "Må skrive for"},
    "feeds.tokens.create": {"en": "Create token", "da": "Opret nøgle"},
    "feeds.tokens.pick": {"en": "Token", "da": "Nøgle"},
}
