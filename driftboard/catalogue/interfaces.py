"""Messages of the ingest API and the command line (imports, generate, migrate-data)."""

from __future__ import annotations

PREFIXES = ("api", "cli", "imports", "generate", "migrate")

TEXTS: dict[str, dict[str, str]] = {
    "cli.err.no_file": {
        "en": "{path} does not exist or is not a file.",
        "da": "{path} findes ikke eller er ikke en fil.",
    },
    "imports.err.changed": {
        "en": "Teams, tasks or measures changed while the file was being checked; nothing was imported. Import it again.",
        "da": "Teams, opgaver eller målinger blev ændret, mens filen blev kontrolleret; intet blev importeret. Importér den igen.",
    },
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
    "api.err.method": {
        "en": "this address takes {allow} only",
        "da": "denne adresse tager kun imod {allow}",
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
    "migrate.err.not_empty": {
        "en": "the target database holds data; add --replace to replace it (a backup of it is taken first)",
        "da": "måldatabasen indeholder data; tilføj --replace for at erstatte dem (der tages først en sikkerhedskopi)",
    },
    "migrate.err.open": {
        "en": "{side}: {reason}",
        "da": "{side}: {reason}",
    },
    "migrate.err.same": {
        "en": "the source and the target are the same database",
        "da": "kilden og målet er den samme database",
    },
    "migrate.err.source_schema": {
        "en": "the source database is at schema {current}, the code expects {head}; run init-db on it first",
        "da": "kildedatabasen har skema {current}, koden forventer {head}; kør init-db på den først",
    },
    "generate.err.not_empty": {
        "en": "The database already holds data; use --replace to wipe it and generate an organisation.",
        "da": "Databasen indeholder allerede data; brug --replace for at slette dem og generere en organisation.",
    },
    "generate.err.size": {
        "en": "--teams and --years must be at least 1.",
        "da": "--teams og --years skal være mindst 1.",
    },
}
