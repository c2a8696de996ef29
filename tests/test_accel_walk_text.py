"""The compiled walk's folded blocks: their normalised text, made straight from libxml2's
UTF-8 (``_ctree._decode_normal``), is ``normalize_block`` of their text as lxml gives it.

A folded block whose white space is not all single spaces between characters has its
text normalised while it is decoded (runs of white space collapsed, a line break between
CJK characters removed, the ends stripped), with no whole text made first. These
properties walk paragraphs of such text on both paths and compare the blocks.
"""

from __future__ import annotations

import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse._context import Context
from newsparse._text import normalize_block_py
from newsparse.body._tree import _parse
from newsparse.body.walker import _Walker
from newsparse.model import Format

from .test_accel import PARITY, needs_extension, pure_path

SPACES = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
"""Every character ``str.isspace`` calls white space."""
TEXT = st.text(
    st.sampled_from(SPACES)
    | st.sampled_from("汉字中文、。「」（）ーカ한글\u2e80\u3041\uff01")  # CJK classes
    | st.sampled_from("\u2018\u2019\u201c\u201d\u2014\u2015\u2026\u00b7")  # ambiguous
    | st.sampled_from("aZ.,\xe9\xff\u0100\u0394\U0001f389\U00020000")
    | st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>&"),
    max_size=16,
)
WRAPS = st.sampled_from(["", "b", "a", "span", "em", "small"])


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    """A ``<p>`` of text pieces, some inside inline elements (a block the walk folds)."""
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        text = draw(TEXT)
        tag = draw(WRAPS)
        attrs_ = ' href="/x"' if tag == "a" else ""
        parts.append(f"<{tag}{attrs_}>{text}</{tag}>" if tag else text)
    return "<p>" + "".join(parts) + "</p>"


def _blocks(html: str) -> list[tuple[object, ...]]:
    root, _ = _parse(html)
    walker = _Walker(Context(Format.COMMENT_HEADER), "https://o.com/", decodes_invisible=False)
    for item in list(root.find("body")):
        walker.walk(item)
        walker.finish()
    return [attrs.astuple(block) for block in walker.blocks]


@needs_extension
@PARITY
@given(st.lists(paragraph(), min_size=1, max_size=3))
def test_a_folded_block_is_normalised_as_python_normalises_it(paragraphs: list[str]) -> None:
    html = "<html><body><div>" + "".join(paragraphs) + "</div></body></html>"
    compiled = _blocks(html)
    with pure_path():
        pure = _blocks(html)
    assert compiled == pure
    for text, *_ in compiled:
        assert isinstance(text, str)
        # The decoder made the narrowest str: as wide as a copy made by str itself.
        for line in text.split("\n"):
            assert normalize_block_py(line) == line
            assert sys.getsizeof(line) == sys.getsizeof("".join(list(line)))


@needs_extension
def test_white_space_between_cjk_characters_goes_only_with_a_line_break() -> None:
    html = (
        "<html><body><div><p>汉\n字 \t中<b>文</b>\u3000\n字 a\nb 汉\n\u201c</p></div></body></html>"
    )
    compiled = _blocks(html)
    with pure_path():
        pure = _blocks(html)
    assert compiled == pure
    assert compiled[0][0] == "汉字 中文 字 a b 汉\u201c"


@needs_extension
@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("a b ", "a b"),
        ("a <b>b</b> ", "a b"),
        (" a\u3000b\u3000", "a b"),
        ("汉 字 ", "汉 字"),
        ("a\n", "a"),
    ],
)
def test_a_folded_block_loses_its_closing_white_space(inner: str, expected: str) -> None:
    html = f"<html><body><div><p>{inner}</p><p>x</p></div></body></html>"
    compiled = _blocks(html)
    with pure_path():
        pure = _blocks(html)
    assert compiled == pure
    assert compiled[0][0] == expected
