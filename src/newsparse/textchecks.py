"""Checks of a decoded text before parsing: lone surrogates, runs of control characters.

Text reaches :func:`newsparse.parse` decoded from bytes (:mod:`newsparse.encoding`) or
given as ``str``. Either may hold what no text field should:

- **lone surrogates** (from ``surrogateescape`` or a broken JSON file), which no encoding
  can write, so YAML, lxml and ``Article.to_json`` consumers would fail on them:
  :func:`repair_text` replaces them with U+FFFD, as decoding does for bytes;
- **runs of control characters** (:data:`CONTROL_RUN` or more in a row: a damaged
  sector, junk an archiver wrote), which are no reason to call the file binary:
  :func:`control_runs` counts them for the warning, and :func:`without_control_runs`
  takes them out of what format detection and the text fields read.

Each scan has a pure-Python reference (``*_py``) of a compiled version in
``_ctree_scan.pxi``; on the compiled path :func:`newsparse.parse` looks at a ``str`` once
(``text_scan``, whose reference is :func:`text_scan_py`) instead of once per question.
"""

from __future__ import annotations

import re
from typing import Final

from newsparse import _accel
from newsparse._text import INVISIBLE_CHARS

__all__ = [
    "CONTROL_RUN",
    "control_runs",
    "control_runs_py",
    "has_surrogates_py",
    "repair_text",
    "text_scan_py",
    "without_control_runs",
]

_SURROGATE: Final = re.compile("[\ud800-\udfff]")
CONTROL_RUN: Final = 4
"""Control characters in a row (not tab, LF, VT, FF, CR) that make a run (see
:func:`control_runs`): a block of binary junk inside a text file, not the file's nature."""
_CONTROL_RUNS: Final = re.compile(f"[\x00-\x08\x0e-\x1f]{{{CONTROL_RUN},}}")
_CONTROL_CHARS: Final = tuple(chr(code) for code in (*range(0x09), *range(0x0E, 0x20)))
"""The characters of :data:`_CONTROL_RUNS`, one by one."""


def _has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a surrogate, computed by the compiled accelerator when it
    runs (same result as :func:`has_surrogates_py`)."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.has_surrogates(text)
    return has_surrogates_py(text)


def has_surrogates_py(text: str) -> bool:
    """Whether ``text`` holds a surrogate: UTF-32 cannot encode one, and encoding is
    several times faster than a regex search (done in slices to bound the memory).

    ASCII text (a flag CPython keeps, so ``isascii`` costs nothing) holds none. Otherwise
    UTF-32 is the cheapest strict encoder for CJK text: a widening copy with a check,
    where UTF-8 computes three bytes per character. The reference of the compiled version.
    """
    if text.isascii():
        return False
    step = 1 << 20
    try:
        for start in range(0, len(text), step):
            text[start : start + step].encode("utf-32-le")
    except UnicodeEncodeError:
        return True
    return False


def repair_text(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Replace lone surrogates in ``text`` with U+FFFD, as :func:`decode` does for bytes.

    A Python ``str`` may hold lone surrogates (from ``surrogateescape`` or a broken JSON
    file); no encoding can write them, so YAML, lxml and ``Article.to_json`` consumers
    would fail on them. Text without any is returned unchanged (one linear scan).

    Returns:
        The repaired text and the problems met: ``("lone-surrogates", message)`` when
        any were replaced.

    .. versionadded:: 0.1.0
    """
    if not _has_surrogates(text):
        return text, ()
    repaired, count = _SURROGATE.subn("\ufffd", text)
    if not count:
        return text, ()
    plural = "" if count == 1 else "s"
    return repaired, (("lone-surrogates", f"{count} lone surrogate{plural} replaced with U+FFFD"),)


def control_runs(text: str) -> tuple[int, int | None]:
    """Count the characters in runs of :data:`CONTROL_RUN` or more control characters.

    A run of NULs or other controls inside a normal document (a damaged sector, junk an
    archiver wrote) is no reason to call the file binary: format detection looks past
    them, every text field drops them, and :attr:`Article.html` keeps the input as found.

    Returns:
        How many characters the runs hold, and the 1-based line of the first run
        (``(0, None)`` when there is none).
    """
    compiled = _accel.CTREE
    if compiled is not None:
        count, first = compiled.control_runs(text, CONTROL_RUN)
    elif any(char in text for char in _CONTROL_CHARS):
        count, first = control_runs_py(text)
    else:
        # One fast ``in`` scan per control character: several times faster than the
        # regex, which cannot skip ahead to where a run of them may start.
        return 0, None
    if not count:
        return 0, None
    return count, text.count("\n", 0, first) + 1


def control_runs_py(text: str) -> tuple[int, int]:
    """How many characters the runs of :data:`CONTROL_RUN` or more control characters
    hold, and the index where the first run starts (-1 when there is none): the reference
    of the compiled version, which :func:`control_runs` reports from."""
    first = _CONTROL_RUNS.search(text)
    if first is None:
        return 0, -1
    count = sum(m.end() - m.start() for m in _CONTROL_RUNS.finditer(text, first.start()))
    return count, first.start()


_CONTROL_CHAR: Final = re.compile("[\x00-\x08\x0e-\x1f]")
_INVISIBLE: Final = re.compile(INVISIBLE_CHARS)


def text_scan_py(
    text: str, shortest: int, sample: int
) -> tuple[bool, int, int, bool, bool, int, int]:
    """What :func:`newsparse.parse` reads of a text before detecting its format, as one
    tuple: ``(surrogates, run_count, run_first, crs, invisible, sample_controls,
    sample_replaced)``, that is whether ``text`` holds a surrogate
    (:func:`has_surrogates_py`), how many characters its runs of at least ``shortest``
    control characters hold and the index where the first starts, -1 when there is none
    (:func:`control_runs_py`), whether it holds a CR and an invisible character (one that
    :func:`newsparse._text.clean_invisible` removes), and how many control characters and
    U+FFFD its first ``sample`` characters hold: the reference of the compiled
    ``text_scan``, which finds them all in one pass over the text (the parse's first look
    at it).

    Raises:
        ValueError: ``shortest`` is below 1.
    """
    if shortest < 1:
        raise ValueError(f"a run is at least one character long, not {shortest}")
    runs = [m.span() for m in re.finditer(f"[\x00-\x08\x0e-\x1f]{{{shortest},}}", text)]
    end = min(max(sample, 0), len(text))
    return (
        _SURROGATE.search(text) is not None,
        sum(stop - start for start, stop in runs),
        runs[0][0] if runs else -1,
        "\r" in text,
        _INVISIBLE.search(text) is not None,
        len(_CONTROL_CHAR.findall(text, 0, end)),
        text.count("\ufffd", 0, end),
    )


def without_control_runs(text: str) -> str:
    """``text`` without its runs of :data:`CONTROL_RUN` or more control characters."""
    return _CONTROL_RUNS.sub("", text)
