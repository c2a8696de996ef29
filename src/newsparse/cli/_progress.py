"""What ``parse`` tells a person while it runs and when it is done.

On a terminal, a bar on standard error: files done out of the total (counted first, in a
cheap pass over the directories), percent, rate, time left, and the counts parsed and
failed. At the end, when some inputs failed, a summary: how many, the first few failing
files with their error codes, and the count per code. ``-q`` shows neither; ``-v`` also
prints each failure as it happens and the summary of a run with no failure.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import Any, Final

from newsparse import ParseResult
from newsparse.cli._console import say

__all__ = ["FIRST_FAILURES", "Progress"]

FIRST_FAILURES: Final = 5
"""How many failing files the summary names."""


class Progress:
    """Counts results, draws the bar and writes the summary.

    Args:
        bar: draw a progress bar (standard error is a terminal and ``-q`` was not given).
        verbosity: ``-1`` quiet, ``0`` normal, ``1`` verbose.
        total: the number of inputs, when known.
        desc: a label in front of the bar (which pass of two this is).
    """

    def __init__(
        self, *, bar: bool, verbosity: int = 0, total: int | None = None, desc: str | None = None
    ) -> None:
        self.parsed = 0
        self.failed = 0
        self.verbosity = verbosity
        self.first_failures: list[tuple[str, str]] = []
        self.codes: Counter[str] = Counter()
        self._started = time.monotonic()
        self._bar: Any = None
        if bar:
            from tqdm import tqdm

            class Bar(tqdm):  # type: ignore[type-arg]
                # No monitor thread: a process that runs a single thread starts its worker
                # processes by forking, which is fastest and needs no main-module guard.
                monitor_interval = 0

            self._bar = Bar(
                file=sys.stderr,
                total=total,
                unit=" files",
                dynamic_ncols=True,
                leave=True,
                desc=desc,
            )

    @property
    def done(self) -> int:
        """Results seen so far."""
        return self.parsed + self.failed

    def update(self, result: ParseResult) -> None:
        """Count one result."""
        if result.ok:
            self.parsed += 1
        else:
            self.failed += 1
            code = (result.error.code if result.error is not None else None) or "unknown"
            self.codes[code] += 1
            if len(self.first_failures) < FIRST_FAILURES:
                self.first_failures.append((result.path, code))
            if self.verbosity > 0:
                self._note(f"newsparse: failed: {result.path} [{code}]: {result.error}")
        if self._bar is not None:
            self._bar.set_postfix(parsed=self.parsed, failed=self.failed, refresh=False)
            self._bar.update(1)

    def _note(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=sys.stderr)
        else:
            say(message)

    def close(self) -> None:
        """Take the bar down (it stays on screen with its final counts)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def summary(self) -> list[str]:
        """The lines printed at the end (empty when there is nothing to say)."""
        if self.verbosity < 0 or (not self.failed and self.verbosity == 0):
            return []
        seconds = time.monotonic() - self._started
        rate = f", {self.done / seconds:.0f} files/s" if seconds > 0 and self.done else ""
        if not self.failed:
            return [f"newsparse: all {self.done} inputs parsed in {seconds:.1f} s{rate}"]
        lines = [f"newsparse: {self.failed} of {self.done} inputs failed to parse"]
        lines.append("  first failures:")
        lines += [f"    {path} [{code}]" for path, code in self.first_failures]
        if self.failed > len(self.first_failures):
            lines.append(f"    … and {self.failed - len(self.first_failures)} more")
        by_code = ", ".join(f"{code} {n}" for code, n in self.codes.most_common())
        lines.append(f"  by error code: {by_code}")
        return lines
