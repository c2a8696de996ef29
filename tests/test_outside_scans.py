"""Compiled pre-checks of the work around the body, against the rules they stand in for.

Each compiled scan answers a necessary condition (where a regex *can* match) and Python
confirms; the tests check the scan against its pure reference on generated text of all
three string widths, hostile shapes included, and the shortcut against the unfiltered rule.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from newsparse._context import Context
from newsparse._text import clean_invisible
from newsparse.body import (
    _DROP_MASK,
    _ENTITY_RISK,
    _ENTITY_WORDS,
    _RESCUE_MASK,
    _SCANNED_TAGS,
    _entity_risk,
    extract_html,
    word_after_py,
)
from newsparse.body._marks import marks_of
from newsparse.body._tree import _has_token, _parse, limit_attributes, tag_marks_py
from newsparse.body.chrome import _COMMENTS_TOKEN, CHROME_MARKS, _is_chrome_element
from newsparse.body.content import _FURNITURE_MASK
from newsparse.body.drop import DROP_TAGS, RESCUE_TAGS, _prepare
from newsparse.formats._flatyaml import (
    _BOOLS,
    _DOUBLE_QUOTED,
    _FLOW_LIST,
    _INDICATORS,
    _STR,
    FlatReader,
    flat_lines_py,
    flat_pairs_py,
)
from newsparse.formats._frontmatter import _FLAT, MAX_NODES, FrontMatterError, _flat_result
from newsparse.model import Format

from .test_accel import CTREE, PARITY, needs_extension, pure_path
from .test_outside_fast import _FLAT_BLOCKS, _LINE_TEXTS

# Marks and words near every boundary: "&" at the end, words cut short, every ASCII case,
# characters that case-fold to ASCII letters under re.IGNORECASE ("ſ" to "s", "K" to "k",
# "ı" and "İ" to "i"), astral and wide characters to widen the string, controls.
_ENTITY_PIECES = st.sampled_from([
    "&", "&#", "&#x200b;", "&#8203;", "&shy;", "&SHY;", "&sHy", "&ſhy;", "&zwj;", "&ZWJ",
    "&zwnj;", "&zw", "&z", "&ZeroWidthSpace;", "&zerowidth", "&NegativeMediumSpace;",
    "&negativ", "&nobreak;", "&noBreaK", "&nobrea\u212a", "&\u0131", "&\u0130", "&amp;",
    "&nbsp;", "&lt;", "&&", "a", "s", "中", " ", "\u200b", "\U0001f600", "\x00", "\n",
    "&\U0001f600", "&中", "#", "shy", "&" * 40, "x" * 70,
])  # fmt: skip
_ENTITY_TEXT = st.lists(st.one_of(_ENTITY_PIECES, st.text(max_size=3)), max_size=16).map("".join)
_WORD_LISTS = st.sampled_from([
    _ENTITY_WORDS, ("#",), ("shy",), ("zwj", "zwnj"), ("a", "ab", "abc"), ("x" * 64,),
])  # fmt: skip


@needs_extension
@PARITY
@given(_ENTITY_TEXT, _WORD_LISTS, st.sampled_from(["&", "#", "a", "<"]), st.integers(-3, 90))
@example("&ſhy;", _ENTITY_WORDS, "&", 0)
@example("ab&", ("a",), "&", 0)
@example("&" + "x" * 64, ("x" * 64,), "&", 0)
@example("&" + "x" * 63, ("x" * 64,), "&", 0)
def test_word_after_matches_the_reference(
    text: str, words: tuple[str, ...], lead: str, start: int
) -> None:
    assert CTREE is not None
    assert CTREE.word_after(text, lead, words, start) == word_after_py(text, lead, words, start)


@needs_extension
def test_word_after_refuses_what_it_cannot_read() -> None:
    assert CTREE is not None
    for lead, words in (
        ("", ("a",)),
        ("&&", ("a",)),
        ("中", ("a",)),
        ("&", ()),
        ("&", ("",)),
        ("&", ("A",)),
        ("&", ("é",)),
        ("&", ("x" * 65,)),
        ("&", ("x" * 40, "y" * 30)),
    ):
        with pytest.raises(ValueError, match="ASCII"):
            CTREE.word_after("&a", lead, words, 0)


def test_ascii_case_is_all_that_ascii_text_folds_to() -> None:
    """What the pre-check assumes of re.IGNORECASE: an ASCII character matches an ASCII
    letter of the pattern only when it is that letter in either case."""
    letters = set("".join(_ENTITY_WORDS))
    for letter in letters:
        pattern = re.compile(re.escape(letter), re.IGNORECASE)
        for code in range(0x80):
            char = chr(code)
            assert (pattern.fullmatch(char) is not None) is (char.lower() == letter)


@PARITY
@given(_ENTITY_TEXT)
@example("&ſhy;")
@example("&nbsp;&amp;&#8203;")
def test_the_entity_check_is_the_regex_on_both_paths(html: str) -> None:
    expected = _ENTITY_RISK.search(html) is not None
    assert _entity_risk(html) is expected
    assert (re.search(r"&(?:#|shy|zwn?j|zerowidth|negative|nobreak)", html, re.I) is not None) is (
        expected
    )
    with pure_path():
        assert _entity_risk(html) is expected


# ---------------------------------------------------------------------------- flat front matter

_NOT_FLAT = object()


def _value_reference(reader: FlatReader, raw: str) -> Any:
    """One value as :meth:`FlatReader.load` typed it line by line before the shapes."""
    first = raw[:1]
    if first == '"':
        quoted = _DOUBLE_QUOTED.fullmatch(raw)
        return _NOT_FLAT if quoted is None else quoted[1]
    if first == "[":
        listed = _FLOW_LIST.fullmatch(raw)
        if listed is None:
            return _NOT_FLAT
        inner = listed[1]
        if not inner.strip(" "):
            return []
        items = [item.strip(" ") for item in inner.split(",")]
        for item in items:
            if not item or item[0] in _INDICATORS:
                return _NOT_FLAT
            if reader.by_first.get(item[0], reader.anywhere) and reader.plain_tag(item) != _STR:
                return _NOT_FLAT
        return items
    if raw and (first in _INDICATORS or raw[-1] == ":" or ": " in raw or " #" in raw):
        return _NOT_FLAT
    if not reader.by_first.get(first, reader.anywhere):
        return raw
    tag = reader.plain_tag(raw)
    if tag == _STR:
        return raw
    if tag == "tag:yaml.org,2002:bool":
        return _BOOLS.get(raw.lower(), _NOT_FLAT)
    return None if tag == "tag:yaml.org,2002:null" and not raw else _NOT_FLAT


def _load_reference(reader: FlatReader, text: str) -> Any:
    """:meth:`FlatReader.load` over :func:`flat_lines_py`, each value typed on its own."""
    lines = flat_lines_py(text)
    if lines is None:
        return None
    loaded: dict[str, Any] = {}
    for key, raw in lines:
        if reader.by_first.get(key[0], reader.anywhere) and reader.plain_tag(key) != _STR:
            return None
        value = _value_reference(reader, raw or "")
        if value is _NOT_FLAT:
            return None
        loaded[key] = value
    return loaded or None


@needs_extension
@PARITY
@given(st.one_of(_FLAT_BLOCKS, _LINE_TEXTS))
@example('title: "a"\ntags: [ a ]\nk:\nd: 2024-05-15\n')
@example('t: "\n')
@example("t: [\n")
@example("t: a: b\n")
@example("t: a #b\n")
@example("t: a:\n")
def test_flat_pairs_match_the_reference(text: str) -> None:
    assert CTREE is not None
    assert CTREE.flat_pairs(text) == flat_pairs_py(text)


@PARITY
@given(st.one_of(_FLAT_BLOCKS, _LINE_TEXTS))
@example("title: x\ntags: [a, b]\ncategories: [a, b]\ncomments: True\nk:\n")
def test_the_shaped_reader_reads_as_each_line_typed_alone(text: str) -> None:
    expected = _load_reference(_FLAT, text)
    assert _FLAT.load(text) == expected
    with pure_path():
        assert _FLAT.load(text) == expected
    loose = FlatReader.of({"": [("tag:yaml.org,2002:str", re.compile(""))]})
    assert loose.load(text) == _load_reference(loose, text)


_LIST_ITEMS = st.sampled_from(["a", "bc", "中", " a ", "", "x" * 30])


def _flow_line(items: list[str]) -> str:
    return "tags: [" + ",".join(items) + "]\nk:\n"


@PARITY
@given(st.one_of(_FLAT_BLOCKS, _LINE_TEXTS, st.lists(_LIST_ITEMS, max_size=40).map(_flow_line)))
def test_a_flat_block_holds_no_more_values_than_characters(text: str) -> None:
    """What lets :func:`_flat_result` skip counting below MAX_NODES characters."""
    flat = _FLAT.load(text)
    if flat is None:
        return
    values = len(flat) + sum(len(v) for v in flat.values() if isinstance(v, list))
    assert values <= len(text)


def test_a_huge_flow_list_is_still_refused() -> None:
    for items in (MAX_NODES - 2, MAX_NODES - 1, MAX_NODES):
        text = "tags: [" + ",".join("a" * items) + "]\n"
        flat = _FLAT.load(text)
        assert flat is not None
        if 1 + 1 + items > MAX_NODES:
            with pytest.raises(FrontMatterError, match="more than"):
                _flat_result(flat, len(text))
        else:
            assert _flat_result(flat, len(text)) is flat


# ---------------------------------------------------------------------------- tags the HTML opens

# Tags of every name scanned for (and near misses), in every ASCII case, with characters
# that case-fold to ASCII letters in Unicode but not for libxml2 ("ſ", "K", "İ", "ı"),
# NULs inside names, tags only a parser's rules could imply or rename (<image>, <isindex>,
# head elements that imply a <head>), tags inside comments, CDATA and raw-text elements.
_TAG_PIECES = st.sampled_from([
    *(f"<{tag}>" for tag in _SCANNED_TAGS), *(f"<{tag.upper()} a=1>" for tag in _SCANNED_TAGS),
    "<sCrIpT>x</script>", "<ſcript>", "<ſtyle>", "<\u212aeygen>", "<tİme>", "<tıme>",
    "<scr\x00ipt>", "<no\x00script>", "<image src=a>", "<isindex>", "<keygen>", "<embed>",
    "<frameset><frame>", "<noframes>", "<plaintext>", "<xmp><script>", "<!--<script>-->",
    "<![CDATA[<style>]]>", "<textarea><button></textarea>", "<title>t", "<base href=x>",
    "<meta charset=utf-8>", "<link rel=a>", "<p>", "</p>", "<div class='nav'>", "<time",
    "< script>", "<", "<s", "<sc", "script", "<scripts>", "<buttonx>", "<formx>", "<img src=a>",
    "<html>", "<head>", "<body>", "</head><body>", "中", "\U0001f600", " ", "\n", "&lt;script",
    "<article>", "<ARTICLE class=x>", "<articles>", "<ar\x00ticle>", "<artİcle>", "<main>",
])  # fmt: skip
_TAG_HTML = st.lists(st.one_of(_TAG_PIECES, st.text(max_size=3)), max_size=12).map("".join)
_NAME_LISTS = st.sampled_from([
    _SCANNED_TAGS, ("time",), ("t", "ti", "tim", "time", "timex"), ("a",) * 64,
    tuple(f"{a}{b}" for a in "abcdefgh" for b in "abcdefgh"),
])  # fmt: skip


@needs_extension
@PARITY
@given(_TAG_HTML, _NAME_LISTS)
@example("<TIME>", ("time",))
@example("<tim", ("time",))
def test_tag_marks_match_the_reference(text: str, names: tuple[str, ...]) -> None:
    assert CTREE is not None
    assert CTREE.tag_marks(text, names) == tag_marks_py(text, names)


@needs_extension
def test_tag_marks_refuse_other_names() -> None:
    assert CTREE is not None
    for names in ((), ("",), ("Time",), ("h1",), ("tíme",), ("a",) * 65, ("x" * 600,) * 2):
        with pytest.raises(ValueError, match="lower-case ASCII letters"):
            CTREE.tag_marks("<time>", names)


@PARITY
@given(_TAG_HTML)
@example("<title>t</title><p>a</p>")
@example("<meta charset=utf-8><p>a</p>")
@example("<isindex><image src=a>")
@example("<base href=x><p>a</p>")
def test_no_tag_of_a_name_means_no_element_of_it(text: str) -> None:
    """What lets extract_html skip searching a tree: the parser makes no element of a
    name whose tag the text does not open (a <head> only from the tags that go in it)."""
    html = limit_attributes(clean_invisible(text))[0]
    if not html or html.isspace():
        return
    root, _ = _parse(html)
    if root is None:
        return
    opened = tag_marks_py(html, _SCANNED_TAGS)
    for k, name in enumerate(_SCANNED_TAGS):
        if not opened >> k & 1 and name != "head":
            assert next(root.iter(name), None) is None, name
    # A <head> the parser implies comes with one of the tags that go in it (all dropped).
    if next(root.iter("head"), None) is not None:
        assert opened & _DROP_MASK
    if not opened & _DROP_MASK:
        assert next(root.iter(*DROP_TAGS), None) is None
    if not opened & _RESCUE_MASK:
        assert next(root.iter(*RESCUE_TAGS), None) is None


@PARITY
@given(_TAG_HTML)
@example("<img src=lazy.gif><noscript><img src=a.jpg></noscript><p>b<button>x</button></p>")
def test_preparing_with_the_scan_is_preparing_every_tree(text: str) -> None:
    html = limit_attributes(clean_invisible(text))[0]
    if not html or html.isspace():
        return
    root, _ = _parse(html)
    if root is None:
        return
    _prepare(root)
    expected = etree.tostring(root)
    scanned, _ = _parse(html)
    opened = tag_marks_py(html, _SCANNED_TAGS)
    _prepare(scanned, rescue=bool(opened & _RESCUE_MASK), drop=bool(opened & _DROP_MASK))
    assert etree.tostring(scanned) == expected


@PARITY
@given(_TAG_HTML)
@example("<div><p>正文</p><time datetime='2020-10-12'>24 分钟前</time><script>x</script></div>")
def test_bodies_are_the_same_on_both_paths(text: str) -> None:
    body = extract_html(text, Context(format=Format.JEKYLL))
    with pure_path():
        assert extract_html(text, Context(format=Format.JEKYLL)) == body


# ---------------------------------------------------------------------------- the content root

_MARK_VALUES = st.sampled_from([
    "comment", "Comments", "COMMENT-list", "x-comment", "comment_box", "comments-x", "commentary",
    "reader-comment", "comment-no", "nocomment", "share", "ad-slot", "sr-only", "hidden", "k",
    "ſhare", "\u212aomment", "Commént", "評論", "comment\u00a0list", "", " ", "a b", "中",
])  # fmt: skip
_MARKED_ELEMENTS = st.lists(
    st.tuples(
        st.one_of(st.none(), st.lists(_MARK_VALUES, max_size=3).map(" ".join)),
        st.one_of(st.none(), _MARK_VALUES),
        st.sampled_from([None, "display:none", "color:red"]),
    ),
    min_size=1,
    max_size=6,
)


def _old_furniture(el: Any) -> bool:
    """The furniture verdict of _widen before it read the marks once."""
    return bool(
        el.tag in {"header", "footer", "aside", "nav"}
        or _is_chrome_element(el)
        or _has_token(el, _COMMENTS_TOKEN)
    )


@PARITY
@given(_MARKED_ELEMENTS, st.sampled_from(["div", "section", "nav", "span"]))
def test_the_furniture_verdict_reads_the_marks_once(
    marks: list[tuple[str | None, str | None, str | None]], tag: str
) -> None:
    root = etree.Element("body")
    for cls, ident, style in marks:
        el = etree.SubElement(root, tag)
        for name, value in (("class", cls), ("id", ident), ("style", style)):
            if value is not None:
                el.set(name, value)
    for el in root:
        combined = el.tag in {"header", "footer", "aside", "nav"} or bool(
            marks_of(el, CHROME_MARKS) & _FURNITURE_MASK
        )
        assert combined is _old_furniture(el)
        with pure_path():
            assert (
                el.tag in {"header", "footer", "aside", "nav"}
                or bool(marks_of(el, CHROME_MARKS) & _FURNITURE_MASK)
            ) is _old_furniture(el)
