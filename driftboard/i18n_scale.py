"""Catalogue entries of the scale features. Merged into ``driftboard.i18n.CATALOGUE``."""

from __future__ import annotations

SCALE_CATALOGUE: dict[str, dict[str, str]] = {
    "generate.err.not_empty": {
        "en": "The database already holds data; use --replace to wipe it and generate an organisation.",
        "da": "Databasen indeholder allerede data; brug --replace for at slette dem og generere en organisation.",
    },
    "generate.err.size": {
        "en": "--teams and --years must be at least 1.",
        "da": "--teams og --years skal være mindst 1.",
    },
}
