"""Shortcuts of the per-document work outside the body, against the plain rules.

Issue 17's third step cut what every document pays before and after its body: the flat
front matter split into lines by a compiled scan and typed with resolvers prepared once,
and the header and date steps read without copies. Each shortcut must give what the plain
rule gives, on both paths, for generated input: hostile shapes included (broken YAML,
controls, odd line breaks and white space, astral characters, huge lines).
"""

from __future__ import annotations

import re

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from newsparse.formats._flatyaml import _COMMON_KEYS, FlatReader, flat_lines_py, load_flat
from newsparse.formats._frontmatter import _FLAT, _Loader

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
    "", "x  ", "https://example.com/a?b=c#d", "\U0001f600", "a\tb",
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
