"""Credits written as text at the body's edges: an author/date lockup opening it and
contributors' notes closing it.

::

    MICHAEL M. GRYNBAUM<br>2020-10-13 14:38       a lockup: the name kept, the date read
    …
    某某是时报驻华盛顿记者。                        a contributor's note: cut, the name kept

:func:`take_lockup` and :func:`cut_bios` are applied by
:func:`~newsparse.body.leftovers.clean_leftovers`; :func:`split_lines` (a block keeping
some of its lines) and :data:`_NAME_SPLIT` (between credited names) serve its credit lines
too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Final

import attrs

from newsparse.body._tree import _nonspace
from newsparse.body.walker import Block
from newsparse.byline import clean_name

_NAME_SPLIT: Final = re.compile(r"\s*[/／、,，]\s*")
"""What stands between two credited names (``甲/乙``, ``A, B``)."""


def split_lines(block: Block, keep: Sequence[str]) -> Block | None:
    """``block`` holding only the lines ``keep`` (``None`` when none is left)."""
    if not keep:
        return None
    text = "\n".join(keep)
    return attrs.evolve(block, text=text, size=_nonspace(text))


_NAME_LINE: Final = re.compile(
    r"^[^\W\d_][\w .'’·・-]{0,38}(?:\s*[,，、/]\s*[^\W\d_][\w .'’·・-]{0,38}){0,3}$"
)
"""A short line of names only (``MICHAEL M. GRYNBAUM``, ``甲, 乙``)."""


_CLOCK: Final = re.compile(r"\b\d{1,2}[:：]\d{2}\b")
"""A time of day: a lockup's date line carries one (``2020-10-13 14:38``)."""
_HAN_NAME: Final = re.compile(
    r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}[·・][\u4e00-\u9fff·・]{1,10}$"
)
_CAPITALISED: Final = re.compile(r"^[A-Z][\w.'’-]*$")


def _looks_like_person(name: str) -> bool:
    """A person's name: 2-4 Han characters (or a transliteration with ``·``), two or more
    capitalised words, or a name in capitals (``MICHAEL M. GRYNBAUM``)."""
    cleaned = clean_name(name)
    if cleaned is None or cleaned != name:
        return False
    if _HAN_NAME.match(name):
        return True
    words = name.split()
    if len(words) < 2 or len(words) > 5:
        return False
    return name.isupper() or all(_CAPITALISED.match(w) for w in words)


def take_lockup(
    blocks: list[Block], is_date: Callable[[str], dt.datetime | None]
) -> tuple[list[Block], list[str], list[dt.datetime], str]:
    """An author/date lockup opening the body: a block of a name line and a date line
    with a time (``NAME<br>2020-10-13 14:38``), the names a person's
    (:func:`_looks_like_person`). Returns the blocks without it, the names, the date
    and the lockup's text."""
    for i, block in enumerate(blocks[:2]):
        lines = [line.strip() for line in block.text.split("\n") if line.strip()]
        if len(lines) < 2 or len(lines) > 3:
            continue
        found = [is_date(line) for line in lines]
        when = [w for w in found if w is not None]
        names = [line for line, w in zip(lines, found, strict=True) if w is None]
        if len(when) != 1 or not names or not all(_NAME_LINE.match(n) for n in names):
            continue
        if not any(_CLOCK.search(line) for line, w in zip(lines, found, strict=True) if w):
            continue  # "Breaking news<br>March 3, 2020": a heading and a date, no lockup
        people = [p.strip() for n in names for p in _NAME_SPLIT.split(n) if p.strip()]
        if not people or not all(_looks_like_person(p) for p in people):
            continue
        return [*blocks[:i], *blocks[i + 1 :]], list(dict.fromkeys(people)), when, block.text
    return blocks, [], [], ""


_BIO: Final = re.compile(
    r"^(?P<name>[^，。,.]{1,40}?)(?:是|为|為|\s+is\s+an?\s+|\s+covers\s+)[^。.]{0,40}?"
    r"(?:记者|記者|编辑|編輯|作者|撰稿人|专栏作家|專欄作家|通讯员|通訊員|特派员|特派員|主编|主編|"
    r"reporter|correspondent|editor|writer|columnist)",
    re.IGNORECASE,
)
"""A line introducing a contributor (``某某是时报驻华盛顿记者``, ``X is a reporter``)."""
MAX_BIO: Final = 400
"""Longest line read as a contributor's note."""
_INTRODUCES: Final = re.compile(
    r"\s*(?:[（(][^）)]{0,40}[）)])?\s*(?:是|为|為|系|现为|現為|现任|現任|报道|報道|负责|負責|"
    r"is\b|was\b|covers\b|writes\b|reports\b)",
    re.IGNORECASE,
)
"""What follows a credited name opening a contributor's note (``是…``, ``(Austin Ramzy)是…``)."""


def cut_bios(blocks: list[Block], names: Sequence[str]) -> tuple[list[Block], list[str]]:
    """Lines of the last block that introduce a credited writer (``NAME是…记者``, ``NAME is a
    reporter…``): an author box written as text. Returns the blocks and the lines cut."""
    keys = [n.casefold() for n in names if len(n) >= 2]
    if not blocks or not keys:
        return blocks, []
    last = blocks[-1]
    lines = last.text.split("\n")
    kept: list[str] = []
    cut: list[str] = []
    for line in lines:
        folded = line.casefold()
        if len(line) <= MAX_BIO and any(
            folded.startswith(k) and _INTRODUCES.match(folded, len(k)) for k in keys
        ):
            cut.append(line)
        else:
            kept.append(line)
    if not cut:
        return blocks, []
    # Another contributor's note just before a credited one: the same author box.
    while kept and len(kept[-1]) <= MAX_BIO and _BIO.match(kept[-1]):
        cut.insert(0, kept.pop())
    rest = split_lines(last, kept)
    return [*blocks[:-1], *([rest] if rest is not None else [])], cut


def bio_name(line: str) -> str | None:
    """The contributor a note introduces (``Ana Swanson是…记者`` gives ``Ana Swanson``)."""
    m = _BIO.match(line)
    return clean_name(m["name"]) if m else None
