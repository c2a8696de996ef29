"""Exit statuses of the ``newsparse`` command and the two errors that end a run early."""

from __future__ import annotations

from typing import Final

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "OutputError",
    "UsageError",
]

EXIT_OK: Final = 0
"""Every input parsed (for ``detect``: recognised)."""
EXIT_FAILED: Final = 1
"""Some inputs failed; their error records say why. The output itself is complete."""
EXIT_USAGE: Final = 2
"""A mistake in the command line: nothing was parsed."""
EXIT_OUTPUT: Final = 74
"""The output could not be written (a full disk, a lost network share, …): ``EX_IOERR``
of ``sysexits.h``. What was written before ends at the last complete record."""
EXIT_INTERRUPTED: Final = 130
"""Ctrl-C (128 + SIGINT)."""
EXIT_BROKEN_PIPE: Final = 141
"""The reader of standard output went away (128 + SIGPIPE), as in ``newsparse … | head``."""


class UsageError(Exception):
    """A mistake in the command line: reported on stderr, exit status 2."""


class OutputError(Exception):
    """Writing the output failed: reported on stderr, exit status 74.

    Args:
        target: the file (or ``"standard output"``) that could not be written.
        cause: the :class:`OSError` behind it.
    """

    def __init__(self, target: str, cause: OSError) -> None:
        self.target = target
        self.cause = cause
        reason = cause.strerror or str(cause) or type(cause).__name__
        super().__init__(f"cannot write {target}: {reason}")
