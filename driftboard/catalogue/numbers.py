"""Entering numbers: why a written number is refused (the shared parser, ``i18n.parse_number``,
for forms, files and the API)."""

from __future__ import annotations

PREFIXES = ("num",)

TEXTS: dict[str, dict[str, str]] = {
    # refusals of the shared parser (driftboard.i18n.parse_number)
    "num.err.ambiguous": {
        "en": "“{value}” can be read two ways: write {whole} for a whole number or {decimal} for a decimal number.",
        "da": "“{value}” kan læses på to måder: skriv {whole} for et helt tal eller {decimal} for et decimaltal.",
    },
    "num.err.format": {
        "en": "“{value}” is not a number: use “{decimal}” before the decimals, as in {example}.",
        "da": "“{value}” er ikke et tal: brug “{decimal}” foran decimalerne, som i {example}.",
    },
    "num.err.whole": {
        "en": "“{value}” is not a whole number.",
        "da": "“{value}” er ikke et helt tal.",
    },
    "num.err.range": {
        "en": "{value} is outside the allowed range, {low} to {high}.",
        "da": "{value} ligger uden for det tilladte område, {low} til {high}.",
    },
    "num.err.at_least": {
        "en": "{value} is below the smallest allowed value, {low}.",
        "da": "{value} er mindre end den mindste tilladte værdi, {low}.",
    },
    "num.err.at_most": {
        "en": "{value} is above the largest allowed value, {high}.",
        "da": "{value} er større end den største tilladte værdi, {high}.",
    },
    "num.err.above": {
        "en": "{value} is not allowed: the value must be above {low} and at most {high}.",
        "da": "{value} er ikke tilladt: værdien skal være over {low} og højst {high}.",
    },
}
