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
        """Whether ``number`` misses the low end (reaches no higher than ``low`` itself when
        ``low_exclusive``). Asked as "does not meet it", so NaN, which compares false with
        everything, misses both ends."""
        if self.low is None:
            return False
        low = _alike(self.low, number)
        return not (number > low if self.low_exclusive else number >= low)

    def above(self, number: float | Decimal) -> bool:
        """Whether ``number`` misses the high end."""
        return self.high is not None and not number <= _alike(self.high, number)

    def __contains__(self, number: float | Decimal) -> bool:
        return not (self.below(number) or self.above(number))

    @property
    def open(self) -> bool:
        """Whether the range has no end at all."""
        return self.low is None and self.high is None


ANY = Bounds()  # no end: every number


def _alike(bound: float, number: float | Decimal) -> float | Decimal:
    """``bound`` as the kind of number it is compared with: as a decimal it is read as written."""
    return Decimal(str(bound)) if isinstance(number, Decimal) else bound
