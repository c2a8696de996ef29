"""Compiled scans of the whole HTML body, and the shortcuts that read them, against plain rules.

Every body pays for a few whole-text scans before lxml parses it: the tags to limit
(:func:`newsparse.body._tree.limit_attributes`), the character references that may decode
to invisible characters, the invisible characters themselves. The compiled scans must
give what their references give on generated text of all three string widths, hostile
shapes included (tags of thousands of attributes, ``>`` inside quoted values, white space
of every kind, controls), and the shortcuts must not change what the functions return.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsparse._context import Context
from newsparse._text import INVISIBLE_CHARS, clean_invisible, normalize_line
from newsparse.body import (
    _ENTITY_RISK,
    _ENTITY_WORDS,
    _SCANNED_TAGS,
    extract_html,
    html_facts_py,
)
from newsparse.body._tree import (
    _LONG_TAG,
    LONG_TAG_WIDTH,
    MAX_ATTRIBUTES,
    _parse,
    limit_attributes,
    long_tag_py,
)
from newsparse.model import Format

from .test_accel import CTREE, PARITY, needs_extension, pure_path

# Pieces near every boundary the tag scan tests: brackets, ASCII letters and what is not
# one (digits, "ſ", "K" which case-fold to letters), white space of every kind str.split
# knows (NEL, NBSP, U+3000, the information separators), quoted values holding ">" and
# spaces, and runs long enough to cross blocks of 32 units and the limit of 256 attributes.
TAG_PIECES = st.sampled_from([
    "<", ">", "<a", "<P", "<1", "<ſ", "<\u212a", "</a>", "<br/>", "a", "Z", "=", '"', "'",
    " ", "\t", "\n", "\x0b", "\x1c", "\x1f", "\x85", "\xa0", "\u3000", "\u2028", "中",
    "\U0001f600", "\x00", ' x="1 > 2"', " b='c d'", " a" * 40, " a" * 130, "x" * 200,
    "中" * 100, "\U0001f600" * 70, '"' + " " * 300 + '"', "\u3000" * 270, "<img" + " a" * 260,
])  # fmt: skip
TAG_TEXTS = st.lists(st.one_of(TAG_PIECES, st.text(max_size=4)), max_size=30).map("".join)


def _long_tag_reference(text: str, width: int, spaces: int) -> bool:
    """Whether some ``<[A-Za-z][^>]{width}`` holds ``spaces`` white-space characters from
    the letter to its run's end (the next ``>``), tried at every position."""
    opening = re.compile(rf"<[A-Za-z][^>]{{{width}}}")
    for start in range(len(text)):
        if opening.match(text, start):
            end = text.find(">", start)
            end = len(text) if end < 0 else end
            if sum(ch.isspace() for ch in text[start + 1 : end]) >= spaces:
                return True
    return False


@needs_extension
@PARITY
@given(TAG_TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_long_tag_matches_the_reference(text: str, width: int, spaces: int) -> None:
    assert CTREE is not None
    assert CTREE.long_tag(text, width, spaces) is _long_tag_reference(text, width, spaces)


@PARITY
@given(TAG_TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_the_long_tag_reference_tries_every_position(text: str, width: int, spaces: int) -> None:
    assert long_tag_py(text, width, spaces) is _long_tag_reference(text, width, spaces)


@needs_extension
@PARITY
@given(TAG_TEXTS)
def test_long_tag_without_spaces_is_the_regex(text: str) -> None:
    assert CTREE is not None
    for width in (0, 1, 31, 32, 33, 2 * MAX_ATTRIBUTES):
        expected = re.search(rf"<[A-Za-z][^>]{{{width}}}", text) is not None
        assert CTREE.long_tag(text, width, 0) is expected
    assert CTREE.long_tag(text, 2 * MAX_ATTRIBUTES, 0) is (_LONG_TAG.search(text) is not None)


@needs_extension
def test_long_tag_reads_every_string_width() -> None:
    assert CTREE is not None
    for filler in ("a", "é", "中", "\U0001f600"):
        tag = "<img" + " a" * 300
        assert CTREE.long_tag(f"{filler}>{tag}>{filler}", 511, 256) is True
        assert CTREE.long_tag(f"{filler}>{tag}", 511, 256) is True  # to the end
        assert CTREE.long_tag(f"{filler}>{tag}", 511, 301) is False  # 300 spaces
        assert CTREE.long_tag(f"{filler}<img {filler * 600}>", 511, 2) is False
        assert CTREE.long_tag(f"{filler}<img {filler * 600}>", 511, 1) is True
        assert CTREE.long_tag(f"{filler}<9 {' ' * 600}>", 0, 0) is False
    with pytest.raises(ValueError, match="at least 0"):
        CTREE.long_tag("<a", -1, 0)


@PARITY
@given(TAG_TEXTS)
def test_limit_attributes_is_the_same_on_both_paths(html: str) -> None:
    limited = limit_attributes(html)
    with pure_path():
        assert limit_attributes(html) == limited


def test_limit_attributes_cuts_only_absurd_tags_on_both_paths() -> None:
    absurd = "<p>a</p><img" + " x" * (MAX_ATTRIBUTES + 1) + "><p>b</p>"
    quoted = '<img srcset="' + " 1x," * 400 + '" alt="c"><p>d</p>'
    cases = {absurd: ("<p>a</p><img><p>b</p>", 1), quoted: (quoted, 0)}
    for html, expected in cases.items():
        assert limit_attributes(html) == expected
        with pure_path():
            assert limit_attributes(html) == expected


# ---------------------------------------------------------------------------- the facts in one pass

# Tags, long tags, character references and marks on their own, to be cut by the edges of
# the blocks of 32 units the scan tests at once (the fillers move them across).
_FACT_PIECES = st.sampled_from([
    "<time>", "<TIME ", "<tim", "<script>", "<sCrIpT", "<noscript>", "<article", "<ARTICLE>",
    "<svg", "<button>", "<iframe>", "<", ">", "&", "&#", "&#8203;", "&shy;", "&ZWJ", "&ſhy",
    "&\U0001f600", "&nbsp;", "&amp;", "&zw", "<a", "<1", "<ſ", "<\u212a", " ", "\t", "\u3000",
    "\x85", "中", "\U0001f600", "x" * 31, "y" * 33, "中" * 20, "<img" + " a" * 40,
    "<img" + " a" * 300, '"' + " " * 60 + '"',
])  # fmt: skip
_FACT_TEXTS = st.lists(st.one_of(_FACT_PIECES, st.text(max_size=3)), max_size=30).map("".join)
_FACT_NAMES = st.sampled_from([_SCANNED_TAGS, ("time",), ("t", "ti", "time"), ("a",) * 64])
_FACT_WORDS = st.sampled_from([_ENTITY_WORDS, ("#",), ("shy", "zwj"), ("x" * 64,)])


@needs_extension
@PARITY
@given(_FACT_TEXTS, st.integers(0, 40), st.integers(0, 40), _FACT_NAMES, _FACT_WORDS)
@example(
    "<img" + " a" * 300 + ">&shy;<time>",
    LONG_TAG_WIDTH,
    MAX_ATTRIBUTES,
    _SCANNED_TAGS,
    _ENTITY_WORDS,
)
@example("<a" + "b" * 40, 39, 0, ("a",), ("#",))
@example("<a" + "b" * 40, 40, 0, ("a",), ("#",))
def test_html_facts_match_the_references(
    text: str, width: int, spaces: int, names: tuple[str, ...], words: tuple[str, ...]
) -> None:
    assert CTREE is not None
    expected = html_facts_py(text, width, spaces, names, words)
    assert CTREE.html_facts(text, width, spaces, names, words) == expected
    assert expected == (
        CTREE.long_tag(text, width, spaces),
        CTREE.tag_marks(text, names),
        CTREE.word_after(text, "&", words, 0),
    )


@needs_extension
def test_html_facts_find_marks_at_every_offset_of_every_width() -> None:
    assert CTREE is not None
    for filler in ("a", "é", "中", "\U0001f600"):
        for offset in range(70):
            text = filler * offset + "<TIME>" + filler * 3 + "&shy;" + filler * offset
            facts = CTREE.html_facts(text, 3, 0, ("p", "time"), _ENTITY_WORDS)
            assert facts == (True, 2, offset + 9)
            assert facts == html_facts_py(text, 3, 0, ("p", "time"), _ENTITY_WORDS)
            text = filler * offset + "<p" + filler * 40
            assert CTREE.html_facts(text, 40, 0, ("p",), ("#",)) == (True, 1, -1)
            assert CTREE.html_facts(text, 41, 0, ("p",), ("#",)) == (False, 1, -1)


@needs_extension
def test_html_facts_refuse_what_they_cannot_read() -> None:
    assert CTREE is not None
    with pytest.raises(ValueError, match="at least 0"):
        CTREE.html_facts("<a", -1, 0, ("a",), ("#",))
    with pytest.raises(ValueError, match="lower-case ASCII letters"):
        CTREE.html_facts("<a", 0, 0, ("A",), ("#",))
    with pytest.raises(ValueError, match="ASCII"):
        CTREE.html_facts("<a", 0, 0, ("a",), ("Shy",))


@PARITY
@given(_FACT_TEXTS)
@example("<p>a&shy;b</p><img" + " x" * (MAX_ATTRIBUTES + 1) + "><time>2020-10-12</time>")
@example("<div" + " x" * (MAX_ATTRIBUTES + 1) + " <time>&#8203;" + "<p>a</p>")
def test_bodies_read_with_the_facts_are_the_same_on_both_paths(text: str) -> None:
    body = extract_html(text, Context(format=Format.JEKYLL))
    with pure_path():
        assert extract_html(text, Context(format=Format.JEKYLL)) == body


# ---------------------------------------------------------------------------- shortcuts

_ENTITY_PIECES = st.sampled_from([
    "&", "&#", "&#x200b;", "&shy;", "&SHY;", "&ſhy;", "&zwj;", "&zwnj;", "&ZeroWidthSpace;",
    "&NegativeMediumSpace;", "&nobreak;", "&amp;", "&nbsp;", "a", "中", " ", "\u200b",
])  # fmt: skip


@given(st.lists(_ENTITY_PIECES, max_size=12).map("".join))
def test_the_entity_shortcut_is_the_regex(html: str) -> None:
    assert ("&" in html and _ENTITY_RISK.search(html) is not None) is (
        _ENTITY_RISK.search(html) is not None
    )


@given(st.text(alphabet=st.sampled_from(" \t\n\x0b\x1c\x85\xa0\u3000\u200bx中")))
def test_the_blank_shortcut_is_strip(html: str) -> None:
    assert (not html or html.isspace()) is (not html.strip())
    cleaned = clean_invisible(html)
    assert cleaned == re.sub(INVISIBLE_CHARS, "", html)


_WORDS = st.text(
    st.sampled_from(list("ab字。“—\U0001f600\xa0\u3000\u200b\xad\x0b\t\x1c\x85\ufeff")),
    min_size=1,
    max_size=4,
)


@needs_extension
@PARITY
@given(st.lists(_WORDS, max_size=6).map(" ".join), st.sampled_from(["", " ", "  ", "\n"]))
def test_normalize_line_keeps_a_normal_line_as_it_is(line: str, edge: str) -> None:
    assert CTREE is not None
    for text in (line, edge + line, line + edge, line.replace(" ", edge or " ")):
        with pure_path():
            expected = normalize_line(text)
        got = CTREE.normalize_line(text)
        assert got == expected
        if got == text:
            assert got is text  # nothing to change: the text itself, no copy


# ---------------------------------------------------------------------------- <time> tags

_TIME_PIECES = st.sampled_from([
    "<time>", "<TIME datetime='2020-10-12'>", "<tImE>", "</time>", "<time\n>", "<time/>",
    "<tİme>", "<ti me>", "< time>", "<ti\x00me>", "&lt;time&gt;", "<!--<time>-->",
    "<noscript><time>", "<svg><time>", "<textarea><time>", "<xmp><time>", "<![CDATA[<time>]]>",
    "<p>", "</p>", "<div class='time'>", "2020-10-12", "24 分钟前", "time", "<", "<t", "<ti",
    "<tim", "中", "\U0001f600", " ", "\n",
])  # fmt: skip
_TIME_HTML = st.lists(st.one_of(_TIME_PIECES, st.text(max_size=3)), max_size=12).map("".join)


@needs_extension
@PARITY
@given(_TIME_HTML, st.sampled_from(["time", "t", "p", "timeline"]))
def test_tag_opens_matches_the_regex(text: str, name: str) -> None:
    assert CTREE is not None
    pattern = "<" + "".join(f"[{ch}{ch.upper()}]" for ch in name)
    assert CTREE.tag_opens(text, name) is (re.search(pattern, text) is not None)


@needs_extension
def test_tag_opens_refuses_other_names() -> None:
    assert CTREE is not None
    for name in ("", "Time", "h1", "x" * 17, "tíme"):
        with pytest.raises(ValueError, match="lower-case ASCII letters"):
            CTREE.tag_opens("<time>", name)


@needs_extension
@PARITY
@given(_TIME_HTML)
@example("<p>a</p><TIME datetime='2020-10-12'>24 分钟前</TIME>")
def test_no_time_tag_means_no_time_element(text: str) -> None:
    assert CTREE is not None
    html = clean_invisible(text)
    if not html or html.isspace():
        return
    root, _ = _parse(limit_attributes(html)[0])
    if root is not None and not CTREE.tag_opens(html, "time"):
        assert not list(root.iter("time"))


@PARITY
@given(_TIME_HTML)
@example("<div><p>正文</p><time datetime='2020-10-12'>24 分钟前</time></div>")
def test_time_dates_are_the_same_on_both_paths(text: str) -> None:
    body = extract_html(text, Context(format=Format.JEKYLL))
    with pure_path():
        assert extract_html(text, Context(format=Format.JEKYLL)) == body
