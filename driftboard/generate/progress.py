"""The progress bar of ``python -m driftboard generate``."""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """A one-line progress bar on a stream (standard error): rows written of the estimate."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream
        self.start = time.monotonic()
        self._last = 0.0

    def __call__(self, table: str, rows: int) -> None:
        self.done += rows
        now = time.monotonic()
        if self.stream is None or now - self._last < 0.5:
            return
        self._last = now
        self._draw(table)

    def _draw(self, table: str) -> None:
        share = min(1.0, self.done / self.total)
        bar = "#" * int(share * 30)
        elapsed = time.monotonic() - self.start
        line = f"\r[{bar:<30}] {share * 100:5.1f}% {self.done:>11,} rows {elapsed:6.0f}s  {table:<22}"
        assert self.stream is not None
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None:
            self.done = max(self.done, self.total)
            self._draw("done")
            self.stream.write("\n")
            self.stream.flush()
