"""Whitespace normalisation (newsparse._text): the fast code against the rule it implements."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse._text import (
    _AMBIGUOUS,
    _CJK_CLASS,
    _CJK_CORE,
    _ODD_CASE,
    Caseless,
    char_class,
    normalize_block,
)
from newsparse.body import description, images

# The CSS Text 3 segment-break rule as one declarative pattern: a run of white space holding
# a line break disappears between a CJK character and a CJK-class one (or an ambiguous mark
# and a CJK character). normalize_block finds the runs first and looks at their neighbours,
# which is faster; the two must agree on every text.
_BREAK = "[ \t\r\f]*\n[ \t\r\f\n]*"
_RULE = re.compile(
    f"(?<=[{_CJK_CORE}]){_BREAK}(?=[{_CJK_CLASS}])|(?<=[{_AMBIGUOUS}]){_BREAK}(?=[{_CJK_CORE}])"
)


def _by_the_rule(text: str) -> str:
    return " ".join(_RULE.sub("", text).split())


_PIECES = st.sampled_from(
    [
        "中",
        "文",
        "。",
        "\u201c",
        "\u201d",
        "\u2014",
        "a",
        "B",
        "1",
        " ",
        "\t",
        "\n",
        "\r",
        "\u3000",
        "\xa0",
        "\x0b",
        "\f",
        "カ",
        "한",
        "\uff01",
        "·",
    ]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_normalize_block_follows_the_segment_break_rule(text: str) -> None:
    assert normalize_block(text) == _by_the_rule(text)


@given(st.text(max_size=60))
def test_normalize_block_follows_the_rule_on_any_text(text: str) -> None:
    assert normalize_block(text) == _by_the_rule(text)


def test_examples() -> None:
    assert normalize_block("  中文\n  段落 \n") == "中文段落"
    assert normalize_block("English\nline") == "English line"
    assert normalize_block("\u201d\n\u2014") == "\u201d \u2014"  # two ambiguous marks: a space
    assert normalize_block("中\n\u201c") == "中\u201c"
    assert normalize_block("a\n\n中") == "a 中"


def test_lower_casing_keeps_matches() -> None:
    """Caseless lower-cases text to search it case-sensitively: exact unless the text holds
    one of _ODD_CASE, which this checks over every code point."""
    word = re.compile(r"\w")
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or _ODD_CASE.match(char):
            continue
        lower = char.lower()
        assert len(lower) == 1, hex(code)  # offsets are kept
        assert bool(word.match(char)) == bool(word.match(lower)), hex(code)  # \w, \b are kept
        if code >= 128:
            # No other character matches an ASCII letter case-insensitively.
            assert not letter.match(char), hex(code)


_WORDS = st.sampled_from(
    [
        "subscribe",
        "SUBSCRIBE",
        "Ｆacebook",
        "ſubscribe",
        "İnstagram",
        "訂閱",
        "#標籤",
        "bgm",
        "BGM",
        "x",
        " ",
        "@",
        "a@b.cd",
        "K",
        "k",
        "ı",
        "i",
        "\n",
        "。",
        "会员",
        "国",
    ]
)


@given(st.lists(_WORDS, max_size=12).map("".join))
def test_caseless_agrees_with_the_case_insensitive_pattern(text: str) -> None:
    for source in (description._PROMO_WORDS, description._PROMO_SENTENCE, images._TRACKER_URL):
        haystack, pattern = source.haystack(text)
        found = [m.span() for m in pattern.finditer(haystack)]
        assert found == [m.span() for m in source.pattern.finditer(text)], text
        assert source.search(text) == (source.pattern.search(text) is not None)


def test_caseless_refuses_upper_case_escapes() -> None:
    with pytest.raises(ValueError, match="upper-case escape"):
        Caseless.compile(r"\S+")


@given(st.sets(st.characters(codec="utf-8"), min_size=1, max_size=8))
def test_char_class_matches_exactly_its_characters(chars: set[str]) -> None:
    pattern = re.compile(char_class(chars))
    assert all(pattern.fullmatch(ch) for ch in chars)
    assert all(pattern.fullmatch(ch) is None for ch in "]^-\\[ab" if ch not in chars)


_FURNITURE_LIKE = Caseless.compile(
    r"(?:^|[/_.-])(?:icons?|logos?|kb)(?:[/_.-]|$)", needles=("icon", "logo", "kb")
)


@given(st.text(alphabet=st.sampled_from("/_.-abcgiklnoIKLOGſıİKé 1"), max_size=30))
def test_caseless_search_and_search_lowered_agree_with_the_plain_pattern(text: str) -> None:
    """``Caseless.search`` (ASCII texts skip the odd-character search) and
    ``search_lowered`` (a caller's own lower case of a text without odd characters) find
    a match exactly where the case-insensitive pattern does."""
    expected = _FURNITURE_LIKE.pattern.search(text) is not None
    assert _FURNITURE_LIKE.search(text) is expected
    if text.isascii():
        assert _FURNITURE_LIKE.search_lowered(text.lower()) is expected
