"""Fast paths against the plain code they stand in for: each must give the same answer.

The speed work of issue 5 put cheap pre-checks and direct readers in front of slower,
obviously correct code. These tests generate inputs around the edges of each shortcut and
compare it with the plain version, written out here.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsparse import byline, dates
from newsparse._text import clean_invisible
from newsparse.body import _tree, cleaners, description, walker
from newsparse.formats import _BINARY_SHARE, _REPLACED_SHARE, _SAMPLE, _blank, _looks_binary
from newsparse.formats._flatyaml import load_flat
from newsparse.formats._frontmatter import (
    FrontMatter,
    _closed_block,
    _Loader,
    _scan_block,
    split_front_matter,
)
from newsparse.formats._lines import first_non_space, normalize_newlines, original_offset

# ------------------------------------------------------------------ flat front matter

_KEYS = st.sampled_from(["title", "date", "author", "tags", "layout", "x-y", "k_2", "on", "Yes"])
_SCALARS = st.sampled_from(
    [
        "post", "true", "False", "yes", "No", "on", "OFF", "y", "n", "null", "~", "Null",
        "12", "0x1F", "0o17", "1_000", "3.5", ".inf", "-.Inf", ".nan", "1e3", "+1",
        "2024-05-15", "2024-05-15 08:00:00 +0800", "2024-5-1", "12:30", "1:20:30",
        "燕京书评", "RFA 自由亚洲", "a: b", "a:b", "a #b", "a#b", "#x", "- x", "-x", "?x",
        "x:", "@x", "`x", "%x", "!x", "&x", "*x", "|", ">", "'quoted'", '"quoted"',
        '"with \\" escape"', '"a: b"', "[a, b]", "[ 燕京书评 ]", "[]", "[ ]", "[a, [b]]",
        "[a,, b]", "[yes, no]", "[1, 2]", "{a: b}", "[a: b]", "<<", "=", "", "x  ", "é",
    ]
)  # fmt: skip


def _line(key: str, value: str) -> str:
    return f"{key}: {value}" if value else f"{key}:"


_FLAT_BLOCKS = st.lists(st.tuples(_KEYS, _SCALARS), min_size=1, max_size=6).map(
    lambda pairs: "\n".join(_line(k, v) for k, v in pairs) + "\n"
)


@given(_FLAT_BLOCKS)
@settings(max_examples=400)
@example("layout: post\nlayout: post\n")
@example("tags: [a, b]\ntags: [a, b]\n")
def test_flat_reader_reads_as_yaml_does(text: str) -> None:
    flat = load_flat(text, _Loader.yaml_implicit_resolvers)
    if flat is None:
        return  # left to YAML
    assert flat == yaml.load(text, Loader=_Loader)


def test_flat_reader_takes_the_common_front_matter() -> None:
    text = "layout: post\ntitle: 标题\ncomments: true\ntags: [ 燕京书评 ]\ndate: x\n"
    assert load_flat(text, _Loader.yaml_implicit_resolvers) == {
        "layout": "post",
        "title": "标题",
        "comments": True,
        "tags": ["燕京书评"],
        "date": "x",
    }


def test_each_result_owns_its_lists() -> None:
    text = "tags: [a, b]\n"
    first = load_flat(text, _Loader.yaml_implicit_resolvers)
    first["tags"].append("changed")
    second = load_flat(text, _Loader.yaml_implicit_resolvers)
    assert second == {"tags": ["a", "b"]}


def test_plain_scalars_are_typed_by_the_given_resolvers() -> None:
    text = "flag: yes\n"
    assert load_flat(text, _Loader.yaml_implicit_resolvers) == {"flag": True}
    assert load_flat(text, {}) == {"flag": "yes"}  # no resolvers: every plain scalar is a str


# ------------------------------------------------------------------ the front matter block


_FM_LINES = st.sampled_from(
    ["---", "----", "--- ", "---\t", "---x", "...", ".... ", "..", "--", " ---", "---\r",
     "title: a", "tags:", "  - x", "-", "", " ", "body <p>x</p>", "\u3000", "key : v"]
)  # fmt: skip


@given(st.lists(_FM_LINES, max_size=10), st.booleans())
@settings(max_examples=500)
def test_closing_line_search_finds_the_block_the_line_scan_finds(
    lines: list[str], newline: bool
) -> None:
    text = "---\n" + "\n".join(lines) + ("\n" if newline else "")
    scanned = _scan_block(text, 4, 2)
    assert _closed_block(text, 4, 2) == (scanned if scanned.closed else None)
    assert split_front_matter(text) == scanned


def test_an_opening_line_at_the_very_end_opens_an_empty_unclosed_block() -> None:
    assert split_front_matter("\n---") == FrontMatter("", 3, 4, 3, closed=False)


# ------------------------------------------------------------------ format detection


def _looks_binary_plain(text: str) -> bool:
    sample = text[:_SAMPLE]
    if not sample:
        return False
    controls = len(re.findall("[\x00-\x08\x0e-\x1f]", sample))
    replaced = sample.count("\ufffd")
    return controls / len(sample) > _BINARY_SHARE or replaced / len(sample) > _REPLACED_SHARE


_MIXED = st.text(
    st.sampled_from(["a", "中", " ", "\t", "\n", "\x00", "\x08", "\x0b", "\x0e", "\x1f", "\x7f",
                     "\ufffd", "\u200b", "\u3000", "\xa0", "\x85", "\ufeff", "\u2028"]),
    max_size=60,
)  # fmt: skip


@given(_MIXED)
@settings(max_examples=400)
def test_binary_check_counts_controls_as_the_regex_did(text: str) -> None:
    assert _looks_binary(text) == _looks_binary_plain(text)


@given(_MIXED)
@settings(max_examples=400)
def test_blank_check_is_strip_then_clean(text: str) -> None:
    assert _blank(text) == (not clean_invisible(text.strip()).strip())


# ------------------------------------------------------------------ dates and bylines


def _date_line_plain(text: str) -> Any:
    line = text.strip()
    if not line or len(line) > dates.MAX_DATE_LINE or not re.search(r"\d", line):
        return None
    prefix = dates._LINE_PREFIX.match(line)
    if prefix:
        line = line[prefix.end() :].strip()
    try:
        return dates._read_date_line(line)
    except (dates.DateError, ValueError, OverflowError):
        return None


_DATE_PIECES = st.sampled_from(
    ["2023", "12", "7", "06", "/", "-", " ", ":", "年", "月", "日", "Wed, ", "15 May ",
     "May ", "GMT", "发布时间：", "Published: ", "(", "（", "星期四", "T", "Z", "+0800",
     "at ", "pm", "ſ", "K", "x", "—", "."]
)  # fmt: skip


@given(st.lists(_DATE_PIECES, max_size=12).map("".join))
@settings(max_examples=600)
@example("Wed, 15 May 2024 00:48:57 GMT")
@example("12/06/2023 - 17:21")
@example("发布时间：2023年7月6日 08:30")
@example("Published: May 15, 2024")
def test_date_line_prechecks_reject_only_non_dates(text: str) -> None:
    assert dates.parse_date_line(text) == _date_line_plain(text)


def _byline_plain(line: str) -> str | None:
    if len(line) > byline.MAX_LINE or byline._BOOK_LINE.search(line):
        return None
    m = byline._REPORTER.match(line)
    if m and byline.clean_name(m["names"]):
        return byline.clean_name(m["names"])
    m = byline._LABELLED.search(line)
    if m:
        return byline.clean_name(m["names"])
    m = byline._ENGLISH.match(line)
    return byline.clean_name(m["names"]) if m else None


_BYLINE_PIECES = st.sampled_from(
    ["记者", "記者", "驻京", "本台", "作者", "撰稿", "文字", "文案策划", "文", "：", ":", "／", "/", "丨", "|",
     " ", "\u3000", "张三", "李四", "（", "）", "By ", "By", "John Smith", " and ", "编辑",
     "出版社", "。", "，", "x"]
)  # fmt: skip


@given(st.lists(_BYLINE_PIECES, max_size=10).map("".join))
@settings(max_examples=600)
@example("记者：张三")
@example("文／李四")
@example("By John Smith and Jane Doe")
def test_byline_precheck_rejects_only_lines_without_a_byline(line: str) -> None:
    assert byline.byline_in(line) == _byline_plain(line)


def test_first_non_space_skips_what_strip_strips_on_every_code_point() -> None:
    stripped = [ch for ch in map(chr, range(0x110000)) if not ch.strip()]
    skipped = [ch for ch in map(chr, range(0x110000)) if first_non_space(ch) is None]
    assert stripped == skipped
    assert first_non_space(" \u3000\xa0x y", 0) == 3
    assert first_non_space("x  ", 1) is None


@given(st.text(alphabet="\r\na ", max_size=40))
def test_original_offset_maps_every_normalised_offset_back(original: str) -> None:
    normalized = normalize_newlines(original)
    for offset in range(len(normalized) + 1):
        back = original_offset(original, normalized, offset)
        assert normalize_newlines(original[:back]) == normalized[:offset]
        # The mapped offset never splits a CRLF pair.
        assert not (0 < back < len(original) and original[back - 1 : back + 1] == "\r\n")


# ------------------------------------------------------------------ promotional tail


def _cut_promo_tail_plain(blocks: list[walker.Block]) -> list[walker.Block]:
    """Every rule of every block, each with its whole rest built: the definition."""
    texts = [b.text for b in blocks]
    for i, block in enumerate(blocks):
        for m in description._RULE_RUN.finditer(block.text):
            if description._PROMO_WORDS.search(block.text[m.end() :] + " ".join(texts[i + 1 :])):
                head = block.text[: m.start()].strip()
                if head:
                    return [*blocks[:i], attrs.evolve(block, text=head, size=_tree._nonspace(head))]
                return blocks[:i]
    return blocks


_PROMO_PIECES = st.sampled_from(
    [
        "———",
        "— — —",
        "=====",
        "-----",
        "--",
        "订阅",
        "訂閱",
        "Subscribe",
        "#tag",
        "# x",
        "正文",
        "text",
        " ",
        "。",
    ]
)
_BLOCK_TEXTS = st.lists(st.lists(_PROMO_PIECES, min_size=1, max_size=8).map("".join), max_size=6)


@given(_BLOCK_TEXTS)
@example(["正文——— x ——— 订阅"])
@example(["正文 ——— x ——— y", "订阅"])
def test_cut_promo_tail_checks_each_blocks_first_rule_only(texts: list[str]) -> None:
    blocks = [walker.Block(t, i, "p", _tree._nonspace(t), 0, 0) for i, t in enumerate(texts)]
    assert cleaners._cut_promo_tail(blocks) == _cut_promo_tail_plain(blocks)


# ------------------------------------------------------------------ attribute limit


_TAG_PIECES = st.sampled_from(
    ["<p ", "<img ", "a=1 ", "b ", 'c="x y z" ', "d='>' ", ">", "text ", "<", "  ", 'e="', "/"]
)


@settings(max_examples=300)
@given(st.lists(_TAG_PIECES, max_size=400).map("".join))
def test_limit_attributes_cuts_only_tags_over_the_limit(html: str) -> None:
    out, cut = _tree.limit_attributes(html)
    if cut == 0:
        assert out is html
        return
    # Every tag the plain definition finds over the limit lost its attributes, and the
    # text outside tags is unchanged.
    assert len(out) < len(html)
    assert out.count(">") == html.count(">")
    for m in _tree._LONG_TAG_PARTS.finditer(out):
        assert len(_tree._QUOTED.sub("", m[2]).split()) <= _tree.MAX_ATTRIBUTES
