"""Catalogue entries of the maturity features. Merged into ``driftboard.i18n.CATALOGUE``."""

from __future__ import annotations

MATURITY_CATALOGUE: dict[str, dict[str, str]] = {}
