"""Text for a person, written so that no terminal encoding can make a command crash.

A stream that cannot encode a character (a ``LANG=C`` terminal, a Windows console
redirected to a file) gets it as a Python escape (``\\u6a19``), as ``parse`` writes JSON
with ``\\uXXXX`` escapes on such a stream.
"""

from __future__ import annotations

import sys
from typing import IO

__all__ = ["encodable", "say", "utf8"]


def utf8(stream: IO[str]) -> bool:
    """Whether ``stream`` encodes text as UTF-8."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    return encoding in {"utf-8", "utf8", "utf-8-sig"}


def encodable(text: str, stream: IO[str]) -> str:
    """``text`` with whatever ``stream`` cannot encode replaced by backslash escapes."""
    encoding = getattr(stream, "encoding", None)
    if not encoding or utf8(stream):
        return text
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:  # a stream that names no real codec
        return text.encode("ascii", "backslashreplace").decode("ascii")
    return text


def say(message: str, stream: IO[str] | None = None) -> None:
    """Print ``message`` on ``stream`` (default: standard error), whatever its encoding."""
    out = sys.stderr if stream is None else stream
    print(encodable(message, out), file=out)
