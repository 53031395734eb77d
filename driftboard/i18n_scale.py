"""Catalogue entries of the scale features. Merged into ``driftboard.i18n.CATALOGUE``."""

from __future__ import annotations

SCALE_CATALOGUE: dict[str, dict[str, str]] = {}
