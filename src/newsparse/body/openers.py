"""Which characters can open a match: a set test that spares most lines an anchored regex.

::

    _END_MARK = re.compile(r"^[（(【—-]*\\s*(?:完|END)…$")   its openers: （ ( 【 — - 完 E e
    opening("（完）") in openers      True: the regex decides
    opening("Today we…") in openers  False: no match can start with "T"

A pattern anchored at the start of a text (``^…`` or ``re.match``) matches only a text
whose first character can open one of its alternatives. :func:`openers` takes those
characters, as written in the pattern, and adds the other case of an ASCII letter. A first
character that is printable ASCII (not a space) or a CJK ideograph (U+4E00 to U+9FFF) and
not in the set opens no match, even case-insensitively: such a character equals, ignoring
case, only itself and its ASCII other case (a cased letter outside ASCII, which may equal
an ASCII one, as ``ſ`` does ``s``, is refused as an opener). Any other first character (a
space, a symbol, another script) is left to the regex: :func:`opening` gives it as ``""``,
which every set of openers holds.
"""

from __future__ import annotations

from collections.abc import Iterable


def openers(chars: Iterable[str]) -> frozenset[str]:
    """The characters that may open a match: ``chars`` with each one's other case."""
    found: set[str] = {""}
    for char in chars:
        if len(char) != 1 or (not char.isascii() and char.lower() != char.upper()):
            raise ValueError(f"not one ASCII or caseless character: {char!r}")
        found.update((char, char.lower(), char.upper()))
    return frozenset(found)


def opening(text: str) -> str:
    """The first character of ``text`` when a set of :func:`openers` can rule on it, else
    ``""`` (the regex decides): ``opening(text) in chars`` is False only for a text that
    opens no match of a pattern whose matches open with ``chars``."""
    first = text[:1]
    return first if "!" <= first <= "~" or "\u4e00" <= first <= "\u9fff" else ""


def may_open(text: str, chars: frozenset[str]) -> bool:
    """``opening(text) in chars``: whether ``text`` may open a match."""
    return opening(text) in chars
