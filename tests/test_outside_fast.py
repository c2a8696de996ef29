"""Shortcuts of the per-document work outside the body, against the plain rules.

Issue 17's third step cut what every document pays before and after its body: the flat
front matter split into lines by a compiled scan and typed with resolvers prepared once,
and the header and date steps read without copies. Each shortcut must give what the plain
rule gives, on both paths, for generated input: hostile shapes included (broken YAML,
controls, odd line breaks and white space, astral characters, huge lines).
"""

from __future__ import annotations

import re

import attrs
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

import newsparse
from newsparse import dates
from newsparse.body import _HTML_START, looks_like_html
from newsparse.dates import parse_date_line
from newsparse.formats import _looks_binary, count_controls_py
from newsparse.formats._archive_header import (
    _RULE,
    _STAMP,
    _STAMP_UNCLOSED,
    Header,
    _date_line,
    date_text,
    parse_link_line,
    read_header,
)
from newsparse.formats._article_fields import merge_tags
from newsparse.formats._flatyaml import (
    _COMMON_KEYS,
    _NUMBER_CHARS,
    FlatReader,
    flat_lines_py,
    load_flat,
)
from newsparse.formats._frontmatter import (
    _FLAT,
    _OPEN,
    _TOML_CLOSE_LINE,
    _TOML_OPEN,
    KEY_LINE,
    FrontMatter,
    _closed_block,
    _Loader,
    _scan_block,
    split_front_matter,
)
from newsparse.formats._lines import (
    first_lines,
    iter_lines,
    normalize_newlines,
    original_offset,
    strip_bom,
)
from newsparse.formats.jekyll import _key_line
from newsparse.titles import unescape_markdown

from .test_accel import CTREE, PARITY, needs_extension, pure_path

# ---------------------------------------------------------------------------- flat lines

_LINE_PIECES = st.sampled_from([
    "title", "date", "on", "Yes", "_k", "k-2", "9k", "-k", "x" * 99, "x" * 100, "x" * 101,
    ":", ": ", ":  ", " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\x00", "\x0b", "\x1f",
    "\x7f", "\x85", "\xa0", "\u2028", "\u2029", "\ud800", "\ufeff", "\ufffe", "\uffff",
    "\ue000", "\ufefe", "\uff00", "\ufffd", "\U0001f600", "\U0010ffff", "中", "é", "'", '"',
    "[", "]", "{", "#", " #", "&", "*", "!", "|", ">", "-", "?", ",", "a", "1", "2024-05-15",
    "true", "~", "null", '"a"', "[ a, b ]", " " * 300, "y" * 5000,
])  # fmt: skip
_LINE_TEXTS = st.lists(st.one_of(_LINE_PIECES, st.text(max_size=4)), max_size=24).map("".join)

_KEYS = st.sampled_from([*_COMMON_KEYS, "on", "Yes", "NULL", "n", "x-y", "k_2", "True"])
_SCALARS = st.sampled_from([
    "post", "true", "False", "yes", "No", "on", "OFF", "y", "null", "~", "12", "0x1F", "3.5",
    ".inf", "2024-05-15", "2024-05-15T08:00:00.000Z", "12:30", "燕京书评", "a: b", "a #b",
    "#x", "- x", "x:", "@x", "'q'", '"q"', '"a \\" b"', '"a: b"', "[a, b]", "[ 燕京书评 ]",
    "[]", "[ ]", "[a, [b]]", "[a,, b]", "[yes, no]", "[1, 2]", "[~]", "{a: b}", "<<", "=",
    "", "x  ", "https://example.com/a?b=c#d", "\U0001f600", "a\tb", "1_000", "0b101", "0o17",
    "017", "-.5", "+1", "1e+5", "1.0e+5", "1:30:00", "1:30.5", "2020-10-02 10:24:13", ".nan",
    "-.INF", "0x", "2020-10-02T10:24:13Z", "1.5Z", "-", "+.", "12abc", "1 2",
])  # fmt: skip
_FLAT_BLOCKS = st.lists(st.tuples(_KEYS, _SCALARS), min_size=1, max_size=8).map(
    lambda pairs: "".join(f"{k}: {v}\n" if v else f"{k}:\n" for k, v in pairs)
)


@needs_extension
@PARITY
@given(_LINE_TEXTS)
@example("title: a\n\nx" + "y" * 99 + ": b  \n")
@example("k:  \n")
@example("k: \t\n")
def test_flat_lines_match_the_reference(text: str) -> None:
    assert CTREE is not None
    assert CTREE.flat_lines(text) == flat_lines_py(text)


@PARITY
@given(st.one_of(_FLAT_BLOCKS, _LINE_TEXTS))
@example("title: x\ntags: [a, b]\ncategories: [a, b]\n")
def test_the_prepared_reader_reads_as_yaml_on_both_paths(text: str) -> None:
    flat = _FLAT.load(text)
    assert flat == load_flat(text, _Loader.yaml_implicit_resolvers)
    with pure_path():
        assert _FLAT.load(text) == flat
    if flat is not None:
        assert flat == yaml.load(text, Loader=_Loader)
        lists = [v for v in flat.values() if isinstance(v, list)]
        assert len({id(v) for v in lists}) == len(lists)  # each key its own list


def test_the_common_keys_are_typed_by_the_resolvers() -> None:
    assert _FLAT.str_keys == {
        k for k in _COMMON_KEYS if _FLAT.plain_tag(k) == "tag:yaml.org,2002:str"
    }
    boolean = {"o": [("tag:yaml.org,2002:bool", _Loader.yaml_implicit_resolvers["o"][0][1])]}
    loose = FlatReader.of({**boolean, "d": [("tag:yaml.org,2002:int", re.compile("date"))]})
    assert "date" not in loose.str_keys and "layout" in loose.str_keys
    assert loose.load("date: x\n") is None  # a key typed other than str goes to YAML
    assert loose.load("layout: on\n") == {"layout": True}


# ---------------------------------------------------------------------------- header lines

_HEADER_PIECES = st.sampled_from([
    "<!--1715734743000-->", "<!-- NaN -->", "<!--NaN", "<!--", "-->", "<!-- wp:p -->",
    "[Title](https://a.example/x)", "[a [b]](<https://x>)", "[t](x y)", "[t]", "(u)",
    "------", "===", "--", "- - -", "日期：2020-09-14", "**2020-09-14**", "*Mon, 14 Sep 2020*",
    "2024-05-16", "`2020-1-2`", "<div>", "*<p>", "正文", "text", "\n", "\n\n", " ", "\t",
    "\u3000", "\x1c", "\x85", "\u2028", "\r", "title: x", "---", "x" * 250, "中" * 201,
])  # fmt: skip
_HEADER_TEXTS = st.lists(st.one_of(_HEADER_PIECES, st.text(max_size=3)), max_size=14).map(
    lambda parts: "\n".join(parts)
)


def _date_line_reference(
    text: str, start: int, start_line: int
) -> tuple[str, int, int, int] | None:
    """The date line read line by line (the code before issue 17's third step)."""
    line_no = start_line - 1
    for _begin, end, line in iter_lines(text, start):
        line_no += 1
        if not line.strip():
            continue
        if len(line) > 200:
            return None
        candidate = date_text(line)
        if candidate.startswith("<") or parse_date_line(candidate) is None:
            return None
        return candidate, line_no, end, line_no + 1
    return None


def _key_line_reference(text: str, key: str, first_line: int) -> int:
    for offset, line in enumerate(text.split("\n", 400)[first_line - 1 :], start=first_line):
        if line.startswith(f"{key}:"):
            return offset
        if line.strip() == "---" and offset > first_line:
            break
    return first_line


def _read_header_reference(text: str, start: int, start_line: int) -> Header:
    """read_header over :func:`iter_lines` and the reference date line."""
    fields: dict[str, object] = {}
    line_no = start_line - 1
    body_offset, body_line = start, start_line
    stage = 0
    for _begin, end, line in iter_lines(text, start):
        line_no += 1
        stripped = line.strip()
        if not stripped:
            continue
        if stage == 0:
            m = _STAMP.match(stripped)
            if m and m.end() == len(stripped):
                fields.update(stamp=m[1], stamp_line=line_no)
                stage, body_offset, body_line = 1, end, line_no + 1
                continue
            m = _STAMP_UNCLOSED.match(stripped)
            if m:
                fields.update(stamp=m[1], stamp_line=line_no, stamp_closed=False)
                stage, body_offset, body_line = 1, end, line_no + 1
                continue
            stage = 1
        if stage == 1:
            link = parse_link_line(stripped)
            if link is not None:
                fields.update(title=unescape_markdown(link[0]), url=link[1], link_line=line_no)
                stage, body_offset, body_line = 2, end, line_no + 1
                continue
            if not fields:
                break
            stage = 2
        if stage == 2 and _RULE.fullmatch(line) and fields:
            fields.update(rule_line=line_no)
            body_offset, body_line = end, line_no + 1
        break
    content_offset, content_line = body_offset, body_line
    if "link_line" in fields:
        found = _date_line_reference(text, body_offset, body_line)
        if found is not None:
            date, date_line, content_offset, content_line = found
            fields.update(date=date, date_line=date_line)
    return Header(
        body_offset=body_offset,
        body_line=body_line,
        content_offset=content_offset,
        content_line=content_line,
        **fields,  # type: ignore[arg-type]
    )


@given(_HEADER_TEXTS, st.integers(0, 40), st.integers(1, 5))
@example("<!--1-->\n[t](https://x)\n---\n\n  **2020-09-14**  \nbody", 0, 1)
@example("[t](https://x)\n\n\u3000\n" + "x" * 201, 0, 3)
def test_the_header_is_read_as_line_by_line(text: str, start: int, start_line: int) -> None:
    start = min(start, len(text))
    assert read_header(text, start, start_line) == _read_header_reference(text, start, start_line)
    assert _date_line(text, start, start_line) == _date_line_reference(text, start, start_line)


@given(_HEADER_TEXTS, st.sampled_from(["title", "date", "x"]), st.integers(1, 6))
@example("---\ntitle: a\n---\n", "title", 2)
@example("a\n" * 405 + "title: x", "title", 1)
def test_the_key_line_is_the_split_reading(text: str, key: str, first_line: int) -> None:
    assert _key_line(text, key, first_line) == _key_line_reference(text, key, first_line)


@given(
    st.lists(
        st.sampled_from(
            [
                " ",
                "\n",
                "\u3000",
                "\x1c",
                "<p>",
                "<!-- x -->",
                "<!DOCTYPE html>",
                "<ſpan>",
                "<a\n",
                "a",
                "x" * 199,
                "# t",
            ]
        ),
        max_size=8,
    ).map("".join)
)
def test_looks_like_html_reads_the_stripped_head(text: str) -> None:
    assert looks_like_html(text) is bool(_HTML_START.match(text.lstrip()[:200]))


# ---------------------------------------------------------------------------- detection


def _first_lines_reference(text: str, count: int) -> list[str]:
    out: list[str] = []
    for _, _, line in iter_lines(text):
        if line.strip():
            out.append(line)
            if len(out) >= count:
                break
    return out


def _split_reference(text: str) -> FrontMatter | None:
    """split_front_matter over :func:`iter_lines` (before issue 17's third step)."""
    line_no = 0
    for _begin, end, line in iter_lines(text):
        line_no += 1
        if not line.strip():
            continue
        if _TOML_OPEN.fullmatch(line):
            block = _closed_block(text, end, line_no + 1, _TOML_CLOSE_LINE) or _scan_block(
                text, end, line_no + 1, _TOML_OPEN, KEY_LINE
            )
            return attrs.evolve(block, syntax="toml")
        if not _OPEN.fullmatch(line):
            return None
        return _closed_block(text, end, line_no + 1) or _scan_block(text, end, line_no + 1)
    return None


_DETECT_PIECES = st.sampled_from([
    "---", "+++", "--- ", "...", "title: x", "a = 1", "[t]", "", " ", "\t", "\u3000", "\x1c",
    "\x85", "\ufeff", "<!--1-->", "text", "\x00\x01\x02\x03", "\ufffd", "\ufffd" * 40,
    "\x00" * 50, "中" * 30, "\U0001f600",
])  # fmt: skip
_DETECT_TEXTS = st.lists(st.one_of(_DETECT_PIECES, st.text(max_size=3)), max_size=12).map(
    lambda parts: "\n".join(parts)
)


@given(_DETECT_TEXTS, st.integers(0, 3))
def test_first_lines_are_the_line_by_line_reading(text: str, count: int) -> None:
    assert first_lines(text, count) == _first_lines_reference(text, count)


@given(_DETECT_TEXTS)
@example("\n \n---\ntitle: x\n---\nbody")
@example("\u3000\n+++\na = 1\n")
def test_the_front_matter_is_split_as_line_by_line(text: str) -> None:
    assert split_front_matter(text) == _split_reference(text)


@PARITY
@given(_DETECT_TEXTS)
def test_looks_binary_is_the_two_shares(text: str) -> None:
    size = min(len(text), 4096)
    expected = bool(size) and (
        count_controls_py(text, size) / size > 0.10 or text.count("\ufffd", 0, size) / size > 0.30
    )
    assert _looks_binary(text) is expected
    with pure_path():
        assert _looks_binary(text) is expected


# ---------------------------------------------------------------------------- the article


@given(
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from(["", "日期：2020-09-14", "**2020-09-14**", "<p>a</p>"]),
    st.sampled_from(["<p>正文 body</p>", "<div>\n<p>x</p>\n</div>", "plain *text*"]),
    st.booleans(),
)
def test_the_html_is_the_body_as_found(newline: str, date: str, body: str, bom: bool) -> None:
    lines = ["---", "title: T", "---", "<!--1715734743000-->", "[T](https://a.example/x)", "------"]
    raw = ("\ufeff" if bom else "") + newline.join([*lines, date, body]) + newline
    text = normalize_newlines(strip_bom(raw))
    block = split_front_matter(text)
    assert block is not None
    header = read_header(text, block.body_offset, block.body_line)
    stripped = strip_bom(raw)
    expected = stripped[original_offset(stripped, text, header.body_offset) :]
    assert newsparse.parse(raw).html == expected
    with pure_path():
        assert newsparse.parse(raw).html == expected


@given(st.lists(st.sampled_from(["a", "b", "a b", "", "中"]), max_size=4))
def test_merged_tags_keep_the_declared_ones_first(found: list[str]) -> None:
    declared = ("a", "c")
    known = set(declared)
    expected = (*declared, *(t for t in dict.fromkeys(found) if t not in known))
    assert merge_tags(declared, found) == expected
    assert merge_tags(list(declared), found) == expected


_URL_PIECES = st.sampled_from([
    "https://", "a.example", "/", "?", "#", "-", "_", "2020", "20", "19", "05", "1", "12",
    "20240515", "202405150042", "9b", "\u0662\u0660\u0662\u0660", "\uff12\uff10", "x", "中",
])  # fmt: skip


@given(st.lists(_URL_PIECES, max_size=10).map("".join))
def test_url_dates_need_four_digits_in_a_row(url: str) -> None:
    if dates._DIGIT_RUN.search(url) is not None:
        return
    for start in range(len(url) + 1):  # any part of it, as the path is
        for end in range(start, len(url) + 1):
            part = url[start:end]
            assert dates._URL_YMD_SEP.search(part) is None
            assert dates._URL_DIGITS.search(part) is None
    assert dates.date_from_url(url) is None


# ---------------------------------------------------------------------------- session 9


_BYLINE_PIECES = st.sampled_from([
    "记者", "記者", "作者", "撰稿", "文", "写", "寫", "字", "案", "划", "劃", "稿", "者", "记", "記",
    "：", ":", "／", "/", "丨", "|", "｜", "︱", "∣", " ", "\u3000", "\t", "\n", "By ", "(", "正文", "a",
])  # fmt: skip


@given(st.lists(st.one_of(_BYLINE_PIECES, st.text(max_size=2)), max_size=12).map("".join))
@example("记者 王某")
@example("文／甲")
@example("者\u3000：")
def test_the_byline_hint_is_the_two_it_stands_for(line: str) -> None:
    from newsparse import byline

    either = (
        byline._LABEL_END.search(line) is not None or byline._REPORTER_HINT.search(line) is not None
    )
    assert (byline._HINT.search(line) is not None) is either


@given(
    st.one_of(
        st.text(alphabet="0123456789٣+-. \t", max_size=24),
        st.sampled_from(
            ["NaN", "nan", "", "null", "none", "1715734743000", "1" * 21, "١٧١٥٧٣٤٧٤٣٠٠٠"]
        ),
    )
)
def test_a_stamp_of_digits_is_read_as_the_pattern_reads_it(raw: str) -> None:
    value = raw.strip()
    if value.isdecimal() and len(value) <= 20:
        # The fast path's condition: the pattern matches, no placeholder does, and the
        # number is the int the pattern's branch makes of it (no ".").
        assert dates._EPOCH_NUMBER.fullmatch(value)
        assert value.lower() not in {"nan", "", "null", "undefined", "none"}
        assert "." not in value
    try:
        found: object = dates.from_epoch_ms(raw)
    except dates.DateError as exc:
        found = str(exc)
    if value.lower() in {"nan", "", "null", "undefined", "none"}:
        assert found is None
    elif not dates._EPOCH_NUMBER.fullmatch(value):
        assert isinstance(found, str)
        assert "is not a number of milliseconds" in found
    else:
        assert not isinstance(found, str) or "is not a number" not in found


@given(st.text(alphabet=_NUMBER_CHARS + "TZz :é\t", max_size=14))
@example("2024-05-16T07:34:54.218Z")
@example("1\n")
def test_a_number_holds_only_number_characters(text: str) -> None:
    """The reader's shortcut: a plain scalar holding a character outside _NUMBER_CHARS is
    matched by none of the resolvers of the first characters it takes it for (those of
    PyYAML's integers and floats)."""
    assert _FLAT.numeric == set("0123456789+-.")
    for first in _FLAT.numeric:
        resolvers = _FLAT.by_first[first]
        assert {tag for tag, _ in resolvers} <= {
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
        }
        if text.strip(_NUMBER_CHARS):
            assert not any(regexp.match(text) for _, regexp in resolvers)
            assert not any(regexp.match(first + text) for _, regexp in resolvers)
