"""The second look at a number far outside the plausible (pure).

A comma lost on the way turns 7,5 into 75 and a finger on the wrong key turns 76 into 766; such
a number is not refused (a busy Monday is real), but the person is asked before it is saved, and
an import or a core system gets it back as a warning. One rule, used by the forms, the grids,
the file imports and the ingest API:

- a production or intake count more than 3× the day's plan, or production above the open
  holdings counted for the day;
- open holdings more than 3× the previous count;
- a measure value more than 5× its target (the far end of its target range, by size).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from driftboard.i18n import fmt_exact, t

PLAN_FACTOR = 3  # production or intake above 3× the day's plan
PREVIOUS_FACTOR = 3  # open holdings above 3× the previous count
TARGET_FACTOR = 5  # a measure value above 5× its target, either sign


class Basis(enum.StrEnum):
    """What a number is judged against (``num.doubt.<basis>`` in the catalogue)."""

    PLAN = "plan"  # the day's planned volume
    HOLDINGS = "holdings"  # the open cases counted for the day
    PREVIOUS = "previous"  # the previous count of open cases
    TARGET = "target"  # the measure's target


@dataclass(frozen=True)
class Doubt:
    """A number far from what it is judged against: the value, the basis and its reference."""

    value: float
    basis: Basis
    reference: float

    def text(self, lang: str) -> str:
        """``766 against a plan of 24`` / ``766 mod en plan på 24``."""
        return t(
            f"num.doubt.{self.basis.value}",
            lang,
            value=fmt_exact(self.value, lang),
            reference=fmt_exact(self.reference, lang),
        )


def second_look(
    value: float,
    *,
    plan: float | None = None,
    open_cases: int | None = None,
    previous: int | None = None,
    target: tuple[float, float] | None = None,
) -> Doubt | None:
    """The doubt about ``value``, or None when it is plausible against every reference given:
    ``plan`` (the day's planned volume; 0 or None: nothing to judge against), ``open_cases``
    (the open holdings counted for the day), ``previous`` (the previous count of open cases) and
    ``target`` (a measure's target range, low and high)."""
    if plan and value > PLAN_FACTOR * plan:
        return Doubt(value, Basis.PLAN, plan)
    if open_cases is not None and value > open_cases:
        return Doubt(value, Basis.HOLDINGS, open_cases)
    if previous and value > PREVIOUS_FACTOR * previous:
        return Doubt(value, Basis.PREVIOUS, previous)
    if target is not None:
        far = max(target, key=abs)
        if far and abs(value) > TARGET_FACTOR * abs(far):
            return Doubt(value, Basis.TARGET, far)
    return None


@dataclass(frozen=True)
class RowDoubt:
    """A row of a file or an API call, saved, that deserves a second look."""

    row: int  # as the file counts it (the header is row 1)
    field: str
    doubt: Doubt

    def text(self, lang: str) -> str:
        """``766 against a plan of 24: saved, check that it is right``."""
        return t("num.warning", lang, doubt=self.doubt.text(lang))
