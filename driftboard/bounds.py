"""A number's allowed range: the one rule every check of a typed, imported or set number uses.

A range is at least ``low`` (above it, when ``low_exclusive``: hours a day are more than 0) and
at most ``high``; either end may be open. A typed number is compared as the decimal it was
written as, with the bounds read as written too: "0,1" meets "at least 0.1", which the binary
float 0.1 (a hair above one tenth) would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bounds:
    low: float | None = None
    high: float | None = None
    low_exclusive: bool = False

    def below(self, number: float | Decimal) -> bool:
        """Whether ``number`` lies under the range (at ``low`` itself when ``low_exclusive``)."""
        if self.low is None:
            return False
        low = _alike(self.low, number)
        return number <= low if self.low_exclusive else number < low

    def above(self, number: float | Decimal) -> bool:
        """Whether ``number`` lies over the range."""
        return self.high is not None and number > _alike(self.high, number)

    def __contains__(self, number: float | Decimal) -> bool:
        # Asked as "meets each end" rather than "neither below nor above": NaN meets no end.
        low = None if self.low is None else _alike(self.low, number)
        high = None if self.high is None else _alike(self.high, number)
        meets_low = low is None or (number > low if self.low_exclusive else number >= low)
        return meets_low and (high is None or number <= high)

    @property
    def open(self) -> bool:
        """Whether the range has no end at all."""
        return self.low is None and self.high is None


ANY = Bounds()  # no end: every number


def _alike(bound: float, number: float | Decimal) -> float | Decimal:
    """``bound`` as the kind of number it is compared with: as a decimal it is read as written."""
    return Decimal(str(bound)) if isinstance(number, Decimal) else bound
