"""One status line for long PDF builds, on a terminal only.

On a terminal the line is rewritten in place: how many PDFs are done, which are
being written and the time so far. In a log (not a TTY, or `CI` set) nothing is
written, so CI output stays short and diffable.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


def wanted(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("CI")


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, *, show: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.show = wanted(self.stream) if show is None else show
        self.total = total
        self.done = 0
        self.cached = 0
        self.writing: list[str] = []
        self.start = time.monotonic()

    def from_cache(self, name: str) -> None:
        self.done += 1
        self.cached += 1
        self._draw()

    def begin(self, name: str) -> None:
        self.writing.append(name)
        self._draw()

    def end(self, name: str) -> None:
        if name in self.writing:
            self.writing.remove(name)
        self.done += 1
        self._draw()

    def close(self) -> None:
        if self.show and self.total:
            elapsed = time.monotonic() - self.start
            self.stream.write(
                f"\r\x1b[KPDFs: {self.total} ready ({self.cached} from the cache) "
                f"in {elapsed:.1f} s\n"
            )
            self.stream.flush()

    def line(self) -> str:
        elapsed = time.monotonic() - self.start
        left = self.total - self.done
        now = f"; writing {', '.join(self.writing)}" if self.writing else ""
        return f"PDFs: {self.done} of {self.total} done, {left} to go{now} ({elapsed:.0f} s)"

    def _draw(self) -> None:
        if self.show:
            self.stream.write("\r\x1b[K" + self.line())
            self.stream.flush()
