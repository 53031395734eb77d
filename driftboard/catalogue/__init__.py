"""The one translation catalogue, English and Danish, one module per screen or concept.

Where a new text goes: the module whose ``PREFIXES`` hold the first part of its key — an
operations-board text is ``ops.…`` in ``operations.py``, a refusal shared by forms and workbooks
``v.…`` in ``errors.py``. Each module's keys start with one of its own prefixes and no prefix
belongs to two modules (``tests/test_i18n.py``), so a key names its file.
"""

from __future__ import annotations

from types import ModuleType
from typing import Final

from driftboard.catalogue import (
    access,
    errors,
    feeds,
    goals,
    history,
    improvement,
    interfaces,
    maturity,
    numbers,
    operations,
    planning,
    screen,
    settings,
    shell,
    standards,
    tiers,
)

MODULES: Final[tuple[ModuleType, ...]] = (
    shell,
    numbers,
    operations,
    planning,
    goals,
    improvement,
    maturity,
    standards,
    screen,
    feeds,
    settings,
    access,
    history,
    interfaces,
    tiers,
    errors,
)


def _merged() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in MODULES:
        clash = merged.keys() & module.TEXTS.keys()
        if clash:
            raise ValueError(f"catalogue keys defined twice: {sorted(clash)}")
        merged.update(module.TEXTS)
    return merged


# key -> {language -> text}. Parameters use str.format syntax: "{team}".
CATALOGUE: Final[dict[str, dict[str, str]]] = _merged()
