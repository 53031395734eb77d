"""Catalogue entries of the scale features. Merged into ``driftboard.i18n.CATALOGUE``."""

from __future__ import annotations

SCALE_CATALOGUE: dict[str, dict[str, str]] = {
    # The organisation level above units (a bank, a municipality).
    "level.organisation": {"en": "Organisation", "da": "Organisation"},
    "us.add_organisation": {
        "en": "Put all units under one organisation named",
        "da": "Saml alle enheder under én organisation med navnet",
    },
    "us.organisation_added": {
        "en": "The organisation {name} now holds every unit; its goal board rolls up over all of them.",
        "da": "Organisationen {name} samler nu alle enheder; dens målstyringstavle samler dem alle.",
    },
    "v.ambiguous_person": {
        "en": "“{value}” is the name of {count} people of the unit; give them different names first",
        "da": "“{value}” er navnet på {count} personer i enheden; giv dem først forskellige navne",
    },
    "us.err.unit_has_organisation": {
        "en": "The unit {unit} is already under the organisation {organisation}.",
        "da": "Enheden {unit} ligger allerede under organisationen {organisation}.",
    },
    "ops.err.not_in_unit": {
        "en": "{person} works in another unit; only people of this team's unit can be borrowed.",
        "da": "{person} arbejder i en anden enhed; kun medarbejdere i teamets egen enhed kan lånes.",
    },
    "error.not_a_unit": {
        "en": "There is no unit {slug}. Units: {choices}.",
        "da": "Der er ingen enhed {slug}. Enheder: {choices}.",
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
