"""Catalogue entries of the feeds features. Merged into ``driftboard.i18n.CATALOGUE``."""

from __future__ import annotations

FEEDS_CATALOGUE: dict[str, dict[str, str]] = {}
