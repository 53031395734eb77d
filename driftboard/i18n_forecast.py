"""Catalogue entries of the forecast features. Merged into ``driftboard.i18n.CATALOGUE``."""

from __future__ import annotations

FORECAST_CATALOGUE: dict[str, dict[str, str]] = {}
