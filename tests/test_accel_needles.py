"""The compiled needle scan (``_ctree.needles``) gives the verdict of ``Caseless``' loop of
``in`` scans: whether a text holds one of a few strings.

The needles and texts are drawn from pieces that share first characters and low bytes
(``a`` and ``ā``, ``中`` and ``丠``…), in all three string widths, so that every bucket
of the scan and every pairing of text and needle widths is tried. The tests that need
the extension skip when it is not built (or runs with ``NEWSPARSE_PURE=1``).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse._text import Caseless

from .test_accel import CTREE, PARITY, needs_extension, pure_path

# "a" (U+0061), "ġ" (U+0121) and "š" (U+0161) share their low byte with "a"/"!"; "中"
# (U+4E2D) and "丠" (U+4E20) differ in it; the astral pieces are a third width.
PIECES = st.sampled_from([
    "a", "b", "ab", "ba", "aab", "\u0161", "a\u0161", "\u0121", "!", "é", "\xff", "中",
    "\u4e20", "中文", "\U0001f600", "\U0001f600a", "\U00010061", ".gif", "/", " ",
])  # fmt: skip
NEEDLES = st.lists(st.lists(PIECES, min_size=1, max_size=3).map("".join), max_size=6)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=30).map("".join)


def _holds_any(text: str, needles: tuple[str, ...]) -> bool:
    """The reference: ``Caseless.search_lowered``'s loop."""
    return any(needle in text for needle in needles)


@needs_extension
@PARITY
@given(NEEDLES, TEXTS)
def test_needles_match_the_reference(needles: list[str], text: str) -> None:
    assert CTREE is not None
    scan = CTREE.needles(tuple(needles))
    assert scan(text) is _holds_any(text, tuple(needles))
    # Each needle is found where it is, at either end of the text.
    for needle in needles:
        assert scan(needle) is True
        assert scan(text + needle) is True
        assert scan(needle + text) is True


@needs_extension
def test_needles_refuse_an_empty_one_and_take_none() -> None:
    assert CTREE is not None
    with pytest.raises(ValueError, match="empty"):
        CTREE.needles(("a", ""))
    assert CTREE.needles(())("anything") is False
    assert CTREE.needles(("ab",))("a") is False  # a needle longer than what is left


@PARITY
@given(NEEDLES.filter(bool), TEXTS)
def test_caseless_gives_one_verdict_on_both_paths(needles: list[str], text: str) -> None:
    # A pattern that matches wherever one of its needles is: its verdict is the scan's.
    lowered = tuple(needle.lower() for needle in needles if needle.lower() == needle)
    if not lowered:
        return
    source = "|".join(f"(?:{''.join(f'[{c}]' for c in needle)})" for needle in lowered)
    caseless = Caseless.compile(source, needles=lowered)
    expected = _holds_any(text, lowered)
    assert caseless.search_lowered(text) is expected
    with pure_path():
        assert caseless.search_lowered(text) is expected
