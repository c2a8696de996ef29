"""Line bookkeeping: skip a BOM and blank lines, and know which line an offset is on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

_NON_SPACE: Final = re.compile(r"\S")
r"""A character ``str.strip`` keeps (``\s`` is the same set as ``str.isspace``)."""


def strip_bom(text: str) -> str:
    """Drop leading byte-order marks (a file may carry one, or even two after re-encoding)."""
    return text.lstrip("\ufeff")


def first_non_space(text: str, start: int = 0) -> int | None:
    """Where the first character ``str.strip`` would keep is, from ``start``; ``None`` when
    there is none. Unlike ``text[start:].strip()``, it copies nothing."""
    m = _NON_SPACE.search(text, start)
    return None if m is None else m.start()


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line ends into LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


_LINE_END: Final = re.compile(r"\r\n?|\n")


def original_offset(original: str, normalized: str, offset: int) -> int:
    """Map ``offset`` in ``normalized = normalize_newlines(original)`` back to ``original``.

    Each CRLF before the offset is one character longer in ``original``. The cost is one
    step per line before the offset (the parsers ask for the start of the body, which is
    near the top), and nothing when ``original`` has no CR.
    """
    if "\r" not in original:
        return offset
    breaks = normalized.count("\n", 0, offset)
    extra = 0
    for count, end in enumerate(_LINE_END.finditer(original)):
        if count == breaks:
            break
        extra += end.end() - end.start() - 1
    return offset + extra


def iter_lines(text: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, line)`` for each line from offset ``start`` (``end`` past the newline)."""
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl == -1:
            yield pos, n, text[pos:]
            return
        yield pos, nl + 1, text[pos:nl]
        pos = nl + 1


def first_lines(text: str, count: int) -> list[str]:
    """Return up to ``count`` non-blank lines from the start (cheap: stops early)."""
    out: list[str] = []
    pos, size = 0, len(text)
    while pos < size:  # iter_lines without a generator
        newline = text.find("\n", pos)
        line = text[pos:] if newline < 0 else text[pos:newline]
        if line and not line.isspace():  # ``line.strip()`` is not empty
            out.append(line)
            if len(out) >= count:
                break
        if newline < 0:
            break
        pos = newline + 1
    return out
