"""Text normalisation shared by every format: whitespace, invisible characters, CJK line breaks."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from typing import Final

import attrs

from newsparse import _accel

# Characters between which a source line break is no space at all (CSS Text 3 segment-break
# rule for CJK): Han, kana, Hangul, CJK and full-width punctuation; and the East-Asian
# ambiguous quotes and dashes these texts use, when a real CJK character is on the other side.
_CJK_CORE: Final = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
)
_AMBIGUOUS: Final = "\u2018\u2019\u201c\u201d\u2014\u2015\u2026\u00b7"
_CJK_CLASS: Final = _CJK_CORE + _AMBIGUOUS
CJK_CHAR: Final = re.compile(f"[{_CJK_CLASS}]")
# A run of white space holding a line break. It goes when the characters on either side are
# CJK: a core character before and a CJK-class one after, or an ambiguous one before and a
# core one after. The run is found first and its neighbours looked at after (see
# _join_cjk_break): a look-behind tried at every position of the text is much slower.
_BREAK_RUN: Final = re.compile("[ \t\r\f]*\n[ \t\r\f\n]*")
_CJK_CORE_CHAR: Final = re.compile(f"[{_CJK_CORE}]")
_AMBIGUOUS_CHAR: Final = re.compile(f"[{_AMBIGUOUS}]")
# Zero-width and byte-order marks vanish; other control characters (not tab/newline) too.
INVISIBLE_CHARS: Final = "[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
"""The characters :func:`clean_invisible` removes, as a regex character class."""
_INVISIBLE: Final = re.compile(INVISIBLE_CHARS)
_WS: Final = re.compile(r"\s+")

BR_MARK: Final = "\x0b"
"""Stands for a ``<br>`` inside a block while text is gathered: a space that the CJK
segment-break rule must not remove. Removed from real input before it can clash."""


def char_class(chars: Iterable[str]) -> str:
    """A regex character class of ``chars`` (escaped, each once, in a stable order)."""
    return "[" + "".join(re.escape(ch) for ch in sorted(set(chars))) + "]"


def clean_invisible(text: str) -> str:
    """Remove zero-width characters, stray BOMs and control characters (not ``\\t``/``\\n``)."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.clean_invisible(text)
    return _INVISIBLE.sub("", text)


def normalize_block(text: str) -> str:
    """Collapse whitespace as a browser would render a block of text.

    A line break between two CJK characters disappears (pretty-printed HTML puts inline
    tags on their own lines); every other run of whitespace, ``<br>`` marks and U+00A0
    included, becomes one space; the ends are stripped. Computed by the compiled
    accelerator when it runs (same result as :func:`normalize_block_py`).
    """
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.normalize_block(text)
    return normalize_block_py(text)


def normalize_block_py(text: str) -> str:
    """:func:`normalize_block` in Python: the reference of the compiled version."""
    # The ends go first: they are dropped anyway, and pretty-printed HTML puts most of its
    # line breaks there. A break run never borders on white space, so no decision changes.
    text = text.strip()
    if "\n" in text:
        text = _BREAK_RUN.sub(_join_cjk_break, text)
    # BR_MARK is whitespace to str.split, which splits where \s matches: this is
    # _WS.sub(" ", text).strip(), faster.
    return " ".join(text.split())


def _join_cjk_break(m: re.Match[str]) -> str:
    """The replacement of one line-break run: nothing between CJK characters, else itself."""
    start, end = m.span()
    text = m.string
    if start and end < len(text):
        before, after = text[start - 1], text[end]
        if (_CJK_CORE_CHAR.match(before) and CJK_CHAR.match(after)) or (
            _AMBIGUOUS_CHAR.match(before) and _CJK_CORE_CHAR.match(after)
        ):
            return ""
    return m.group()


def normalize_line(text: str) -> str:
    """Normalise a one-line field (a title, an author): invisible characters out, spaces collapsed."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.normalize_line(text)
    return _WS.sub(" ", _INVISIBLE.sub("", text)).strip()


def unescape(text: str) -> str:
    """Decode HTML character references (``&amp;``, ``&#38;``, ``&#x6881;``) safely.

    Out-of-range and surrogate references become U+FFFD, as browsers do.
    """
    if "&" not in text:
        return text
    return html.unescape(text)


_ODD_CASE: Final = re.compile("[\u0130\u0131\u017f\u212a]")
"""The only characters that match an ASCII letter case-insensitively without lower-casing
to it (İ ı ſ K); İ is also the only one whose lower case is longer than itself."""
_UPPER_ESCAPE: Final = re.compile(r"\\[A-Z]")


@attrs.frozen
class Caseless:
    """A case-insensitive regex, searched about five times faster on most texts.

    Python's ``re`` is slow with ``IGNORECASE``. Lower-cased, a text holds a match of the
    lower-cased pattern (case-sensitive) exactly where it holds one of the original, at the
    same offsets, unless it holds an :data:`_ODD_CASE` character: such texts are searched
    with the original. The pattern may use no upper-case escape (``\\S``, ``\\W``…), which
    lower-casing would change.

    ``needles``, when given, are lower-case strings one of which every match holds: a
    lower-cased text holding none of them (a few fast ``in`` scans) holds no match, and
    the regex is not run on it.
    """

    pattern: re.Pattern[str]
    """The case-insensitive pattern."""
    lowered: re.Pattern[str]
    """Its case-sensitive twin, for lower-cased text."""
    needles: tuple[str, ...] | None = None
    """Lower-case strings one of which every match holds (None: not known)."""
    held: Callable[[str], bool] | None = attrs.field(default=None, eq=False, repr=False)
    """The accelerator's scan for :attr:`needles` (``_ctree.needles``: whether a text
    holds one, in one pass), when it ran as the pattern was compiled."""

    @classmethod
    def compile(cls, source: str, needles: tuple[str, ...] | None = None) -> Caseless:
        if _UPPER_ESCAPE.search(source):
            raise ValueError(f"an upper-case escape does not survive lower-casing: {source!r}")
        if needles is not None and any(n != n.lower() or not n for n in needles):
            raise ValueError(f"needles must be lower-case and not empty: {needles!r}")
        compiled = _accel.CTREE
        held = None if needles is None or compiled is None else compiled.needles(needles)
        return cls(re.compile(source, re.IGNORECASE), re.compile(source.lower()), needles, held)

    @classmethod
    def of_words(cls, *words: str) -> Caseless:
        """The pattern of any of ``words``, literal and lower-case, in any case: each word
        is declared once, as the regex's alternative and as its own needle."""
        return cls.compile("|".join(re.escape(word) for word in words), needles=words)

    def haystack(self, text: str) -> tuple[str, re.Pattern[str]]:
        """What to search for this pattern in ``text`` (same offsets), and with which pattern."""
        # The odd characters are not ASCII: an ASCII text needs no search for them.
        if text.isascii() or _ODD_CASE.search(text) is None:
            return text.lower(), self.lowered
        return text, self.pattern

    def search(self, text: str) -> bool:
        """Whether ``text`` holds a match (``pattern.search(text) is not None``)."""
        haystack, pattern = self.haystack(text)
        if pattern is self.lowered:
            return self.search_lowered(haystack)
        return pattern.search(haystack) is not None

    def _search_lowered_py(self, lowered: str) -> bool:
        """:meth:`search` of a text without odd characters (an ASCII text, say), given its
        lower case ``lowered``: for a caller that searches one text for several patterns
        and lower-cases it once (:meth:`search_lowered`; this one looks for the needles
        one by one)."""
        needles = self.needles
        if needles is not None:
            for needle in needles:
                if needle in lowered:
                    break
            else:
                return False
        return self.lowered.search(lowered) is not None

    def _search_lowered_held(self, lowered: str) -> bool:
        """:meth:`_search_lowered_py` with the needles looked for in one compiled pass
        (:attr:`held`), while the accelerator runs."""
        held = self.held
        if held is None or _accel.CTREE is None:
            return self._search_lowered_py(lowered)
        if not held(lowered):
            return False
        return self.lowered.search(lowered) is not None

    search_lowered = _search_lowered_py if _accel.CTREE is None else _search_lowered_held
    """:meth:`search` of a text without odd characters given its lower case (see
    :meth:`_search_lowered_py`), chosen at import: the pure path runs the Python loop
    as it is, without a check for the accelerator."""
