"""Fed numbers: intake, robots and the API tokens that feed them."""

from __future__ import annotations

PREFIXES = ("feeds",)

TEXTS: dict[str, dict[str, str]] = {
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
