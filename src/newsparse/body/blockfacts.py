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

import re
import types
from collections.abc import Sequence
from typing import Final

from newsparse import _accel
from newsparse.body.blocks import Block
from newsparse.body.description import rule_start_py
from newsparse.dates import MAX_DATE_LINE

DATE: Final = 1
"""Stripped, 1 to :data:`~newsparse.dates.MAX_DATE_LINE` characters long, with four
decimal digits in a row: what :func:`~newsparse.dates.parse_date_line` needs."""
FEED: Final = 2
"""Opens with ``c`` or ``C``, or is :data:`FEED_MIN` to :data:`FEED_MAX` characters long
with :data:`FEED_PHRASE` (ignoring case) starting at most :data:`FEED_PHRASE_START`
characters in: what a :data:`~newsparse.body.cleaners._FEED_FOOTER` match needs."""

RULE: Final = 4
"""Holds a drawn rule (:data:`~newsparse.body.description._RULE_RUN`): what the
promotional tail (:func:`~newsparse.body.cleaners._cut_promo_tail`) starts at
(:func:`survey` only)."""

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


# ---------------------------------------------------------------------------- a survey

_RULED: Final = re.compile(rb"[\x04-\x07]")
"""A flags byte with :data:`RULE` set (the flags are below 8)."""

AFTER_RULE: Final = 1
"""A block's mark (:func:`marks_py`): its ``after_rule`` is true."""
SMALL: Final = 2
"""A block's mark: its ``small`` is true."""
INTERNAL: Final = 4
"""A block's mark: its ``internal`` is not 0 (a link of it points within the site)."""


def marks_py(blocks: Sequence[Block]) -> bytes:
    """For each block its marks (one byte each: :data:`AFTER_RULE`, :data:`SMALL`,
    :data:`INTERNAL`, each set when that field is true)."""
    return bytes(
        (AFTER_RULE if b.after_rule else 0)
        | (SMALL if b.small else 0)
        | (INTERNAL if b.internal else 0)
        for b in blocks
    )


def _marked(mark: int) -> re.Pattern[bytes]:
    """A marks byte (below 8) with ``mark`` set."""
    return re.compile(b"[" + re.escape(bytes(b for b in range(8) if b & mark)) + b"]")


MARKED_AFTER_RULE: Final = _marked(AFTER_RULE)
MARKED_SMALL: Final = _marked(SMALL)
MARKED_INTERNAL: Final = _marked(INTERNAL)


def survey_blocks_py(blocks: Sequence[Block]) -> tuple[bytes, str, str, str, bytes]:
    """:func:`survey_py` of the blocks' texts, then their marks (:func:`marks_py`)."""
    return (*survey_py([b.text for b in blocks]), marks_py(blocks))


def _slots(cls: type, names: tuple[str, ...]) -> tuple[types.MemberDescriptorType, ...] | None:
    """The slot descriptors of ``names`` in ``cls`` (``None`` unless each is one)."""
    found = tuple(vars(cls).get(name) for name in names)
    if all(type(slot) is types.MemberDescriptorType for slot in found):
        return found  # type: ignore[return-value]
    return None


_FIELDS: Final = _slots(Block, ("text", "after_rule", "small", "internal"))
"""Where a :class:`~newsparse.body.blocks.Block` keeps what the compiled survey reads of
it (``survey_blocks``), in its order."""


def survey_py(texts: Sequence[str]) -> tuple[bytes, str, str, str]:
    """For each text its flags (:func:`block_facts_py`'s, and :data:`RULE` when it holds a
    drawn rule), then as strings its first alphanumeric character, its first character and
    its lead (:func:`block_facts_py`, :func:`heads_py`, :func:`leads_py`)."""
    flags, keys = block_facts_py(texts)
    ruled = bytes(
        flag | (RULE if rule_start_py(text, 0) >= 0 else 0)
        for flag, text in zip(flags, texts, strict=True)
    )
    return ruled, keys, heads_py(texts), leads_py(texts)


_SCAN_SETTINGS: Final = (
    MAX_DATE_LINE, FEED_PHRASE, FEED_ANCHOR, FEED_PHRASE_START, FEED_MIN, FEED_MAX,
)  # fmt: skip
"""What the compiled survey reads the blocks with (``survey`` and ``survey_blocks``)."""


class Survey:
    """The facts of a list of blocks (:func:`survey_py`), read in one compiled pass and
    handed on from one cleaning step to the next.

    Most steps give back the blocks they were given, or the first of them: their facts
    are these, or a prefix of these, and need not be read again (:meth:`of`). Facts
    depend only on a block's text, so a list equal to the one read has the same ones.
    Only the compiled accelerator makes one (:meth:`read`); on the pure-Python path each
    step asks its own questions.
    """

    __slots__ = ("blocks", "flags", "heads", "keys", "leads", "marks")

    def __init__(
        self, blocks: list[Block], flags: bytes, keys: str, heads: str, leads: str, marks: bytes
    ) -> None:
        self.blocks = blocks
        self.flags = flags
        """:func:`block_facts`' flags, with :data:`RULE`."""
        self.keys = keys
        """:func:`first_keys`."""
        self.heads = heads
        """:func:`heads`."""
        self.leads = leads
        """:func:`leads`."""
        self.marks = marks
        """:func:`marks_py`."""

    @classmethod
    def read(cls, blocks: list[Block]) -> Survey | None:
        """The facts of ``blocks`` read by the compiled accelerator (``None`` on the
        pure-Python path)."""
        compiled = _accel.CTREE
        if compiled is None:
            return None
        if _FIELDS is None:  # a Block without slots: its fields read here
            facts = compiled.survey([b.text for b in blocks], *_SCAN_SETTINGS)
            return cls(blocks, *facts, marks_py(blocks))
        return cls(
            blocks,
            *compiled.survey_blocks(blocks, _FIELDS, *_SCAN_SETTINGS),
        )

    def of(self, blocks: list[Block]) -> Survey:
        """The facts of ``blocks``: these for the same blocks, a prefix of them for the
        first few, else read anew."""
        known = self.known(blocks)
        if known is not None:
            return known
        found = Survey.read(blocks)
        if found is None:  # the accelerator made this one: it is in use
            raise RuntimeError("a survey without the compiled accelerator")
        return found

    def known(self, blocks: list[Block]) -> Survey | None:
        """The facts of ``blocks`` when they are these blocks or the first few of them
        (``None`` otherwise: :meth:`of` reads them anew)."""
        mine = self.blocks
        if blocks is mine:
            return self
        count = len(blocks)
        if count <= len(mine) and blocks == mine[:count]:
            if count == len(mine):
                return self
            return Survey(
                blocks,
                self.flags[:count],
                self.keys[:count],
                self.heads[:count],
                self.leads[:count],
                self.marks[:count],
            )
        return None

    def without(self, gone: Sequence[int], blocks: list[Block]) -> Survey:
        """The facts of ``blocks``, which are these blocks but those at the indices
        ``gone`` (in order)."""
        if not gone:
            return Survey(blocks, self.flags, self.keys, self.heads, self.leads, self.marks)
        spans: list[tuple[int, int]] = []
        start = 0
        for index in gone:
            spans.append((start, index))
            start = index + 1
        spans.append((start, len(self.blocks)))
        return Survey(
            blocks,
            b"".join(self.flags[a:b] for a, b in spans),
            "".join(self.keys[a:b] for a, b in spans),
            "".join(self.heads[a:b] for a, b in spans),
            "".join(self.leads[a:b] for a, b in spans),
            b"".join(self.marks[a:b] for a, b in spans),
        )

    @property
    def ruled(self) -> bool:
        """Whether some block holds a drawn rule."""
        return _RULED.search(self.flags) is not None
