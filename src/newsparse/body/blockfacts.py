"""Which blocks the first look of block cleaning must ask, read in one compiled scan.

::

    "2019年12月17日"                   DATE   short, with four digits in a row: maybe a date line
    "Story… was originally published"  FEED   the phrase near its start: maybe a feed footer
    "“Hello”, she said."               first alphanumeric character: "H", maybe the title

:func:`~newsparse.body.cleaners.clean_blocks` takes date lines, title repeats and feed
footers out of the walked blocks. Each flag here is a necessary condition of one of those
rules, never its decision: a block without it is one the rule refuses, so the rule is
asked only about the blocks with it (most have none). The compiled accelerator reads
every text once (:func:`block_facts`); :func:`block_facts_py` is its reference. On the
pure-Python path the rules are asked about every block instead (reading each character
in Python would cost more than the rules it spares).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from newsparse import _accel
from newsparse.dates import MAX_DATE_LINE

DATE: Final = 1
"""Stripped, 1 to :data:`~newsparse.dates.MAX_DATE_LINE` characters long, with four
decimal digits in a row: what :func:`~newsparse.dates.parse_date_line` needs."""
FEED: Final = 2
"""Opens with ``c`` or ``C``, or is :data:`FEED_MIN` to :data:`FEED_MAX` characters long
with :data:`FEED_PHRASE` (ignoring case) starting at most :data:`FEED_PHRASE_START`
characters in: what a :data:`~newsparse.body.cleaners._FEED_FOOTER` match needs."""

FEED_PHRASE: Final = " was originally published in "
"""The phrase of a feed footer's second form (lower case, ASCII)."""
FEED_ANCHOR: Final = FEED_PHRASE.index("y")
"""Where the compiled scan looks for the phrase first: at a ``y`` (rare, and only ``y``
and ``Y`` equal it ignoring case)."""
FEED_PHRASE_START: Final = 300
"""How far into a feed footer its phrase may start (``.{0,300}`` before it)."""
FEED_END: Final = " on Medium"
FEED_MIN: Final = len(FEED_PHRASE) + len(FEED_END)
FEED_MAX: Final = FEED_PHRASE_START + FEED_MIN + 200 + 200 + 1
"""The shortest and longest texts of the second form (its ``$`` also matches before a
closing line break)."""

NO_KEY: Final = "\0"
"""The first alphanumeric character :func:`block_facts` gives a text that has none."""

_ASCII_EQUAL: Final = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
"""The characters other than ASCII letters that equal one ignoring case (İ ı ſ K)."""


def _fold(char: str) -> str:
    """What ``char`` equals ignoring case among ASCII characters (lower case), or ``""``."""
    if char.isascii():
        return char.lower()
    return _ASCII_EQUAL.get(char, "")


def _has_phrase(text: str) -> bool:
    last = min(FEED_PHRASE_START, len(text) - len(FEED_PHRASE))
    return any(
        all(_fold(text[at + j]) == c for j, c in enumerate(FEED_PHRASE)) for at in range(last + 1)
    )


def _facts(text: str) -> tuple[int, str]:
    flags = 0
    stripped = text.strip()
    if 0 < len(stripped) <= MAX_DATE_LINE:
        run = 0
        for char in stripped:
            run = run + 1 if char.isdecimal() else 0
            if run >= 4:
                flags |= DATE
                break
    if text[:1] in ("c", "C") or (FEED_MIN <= len(text) <= FEED_MAX and _has_phrase(text)):
        flags |= FEED
    return flags, next((char for char in text if char.isalnum()), NO_KEY)


def block_facts_py(texts: Sequence[str]) -> tuple[bytes, str]:
    """For each text its flags (one byte each: :data:`DATE`, :data:`FEED`) and its first
    alphanumeric character (``str.isalnum``; :data:`NO_KEY` when it has none), as one
    string."""
    facts = [_facts(text) for text in texts]
    return bytes(flags for flags, _ in facts), "".join(first for _, first in facts)


def block_facts(texts: list[str]) -> tuple[bytes, str] | None:
    """:func:`block_facts_py` computed by the compiled accelerator, or ``None`` on the
    pure-Python path."""
    compiled = _accel.CTREE
    if compiled is None:
        return None
    return compiled.block_facts(
        texts, MAX_DATE_LINE, FEED_PHRASE, FEED_ANCHOR, FEED_PHRASE_START, FEED_MIN, FEED_MAX
    )


def first_keys_py(texts: Sequence[str]) -> str:
    """The first alphanumeric character of each text (``str.isalnum``; :data:`NO_KEY` when
    it has none), as one string (what :func:`block_facts_py` gives after the flags)."""
    return "".join(next((char for char in text if char.isalnum()), NO_KEY) for text in texts)


def first_keys(texts: list[str]) -> str | None:
    """:func:`first_keys_py` read by the compiled accelerator, or ``None`` on the
    pure-Python path."""
    compiled = _accel.CTREE
    return None if compiled is None else compiled.first_keys(texts)


def heads_py(texts: Sequence[str]) -> str:
    """The first character of each text (:data:`NO_KEY` for an empty one), as one string."""
    return "".join(text[:1] or NO_KEY for text in texts)


def heads(texts: list[str]) -> str | None:
    """:func:`heads_py` read by the compiled accelerator, or ``None`` on the pure-Python
    path."""
    compiled = _accel.CTREE
    return None if compiled is None else compiled.heads(texts)


LINE_MARK: Final = "\n"
"""What :func:`leads` gives a text that holds a line break or ``://`` (a link written out)."""


def leads_py(texts: Sequence[str]) -> str:
    """For each text :data:`LINE_MARK` when it holds a line break or ``://``, else its first
    character that is not white space (``text.lstrip()[:1]``; :data:`NO_KEY` when it has
    none), as one string."""
    return "".join(
        LINE_MARK if "\n" in text or "://" in text else text.lstrip()[:1] or NO_KEY
        for text in texts
    )


def leads(texts: list[str]) -> str | None:
    """:func:`leads_py` read by the compiled accelerator, or ``None`` on the pure-Python
    path."""
    compiled = _accel.CTREE
    return None if compiled is None else compiled.leads(texts)
