"""Entering numbers: why a typed number is refused, what a field holds now, and the second look
at a number far outside the plausible (the shared number entry, imports and the API)."""

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
    "num.err.required": {"en": "enter a number.", "da": "skriv et tal."},
    # the shared number entry (driftboard.ui.number_entry)
    "num.field": {"en": "{field}: {problem}", "da": "{field}: {problem}"},
    "num.now": {"en": "now: {value}", "da": "nu: {value}"},
    "num.save_anyway": {"en": "Save anyway", "da": "Gem alligevel"},
    # the second look (driftboard.plausibility)
    "num.doubt.plan": {
        "en": "{value} against a plan of {reference}",
        "da": "{value} mod en plan på {reference}",
    },
    "num.doubt.holdings": {
        "en": "{value} against {reference} open cases",
        "da": "{value} mod {reference} åbne sager",
    },
    "num.doubt.previous": {
        "en": "{value} open cases against {reference} at the last count",
        "da": "{value} åbne sager mod {reference} ved sidste optælling",
    },
    "num.doubt.target": {
        "en": "{value} against a target of {reference}",
        "da": "{value} mod et mål på {reference}",
    },
    "num.ask": {"en": "{what}: {doubt} — save anyway?", "da": "{what}: {doubt} — gem alligevel?"},
    "num.warning": {
        "en": "{doubt}: saved, check that it is right",
        "da": "{doubt}: gemt, tjek at det er rigtigt",
    },
    "num.row_doubt": {"en": "row {row} ({field}): {doubt}", "da": "række {row} ({field}): {doubt}"},
    "num.import_doubts.one": {
        "en": "Saved, but 1 row looks far from the plausible; check it:",
        "da": "Gemt, men 1 række ser langt fra sandsynlig ud; tjek den:",
    },
    "num.import_doubts": {
        "en": "Saved, but {count} rows look far from the plausible; check them:",
        "da": "Gemt, men {count} rækker ser langt fra sandsynlige ud; tjek dem:",
    },
}
