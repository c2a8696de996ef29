"""The body's parse (``body._tree._parse``) against lxml's parse of the ``str``.

Issue 17: the body goes to libxml2 as UTF-8 bytes with the parser's encoding stated,
which libxml2 reads as it is (a ``str`` is converted from UCS-2 or UCS-4 first). The tree
must be the one the ``str`` gives, whatever the body declares (``<meta charset>``) or
holds (NUL, CR, a byte-order mark, characters beyond the BMP, deep nesting).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsparse.body._tree import _PARSER_OPTIONS, _parse

_PIECES = st.sampled_from([
    "<p>", "</p>", "<div class='a'>", "</div>", "<b>", "</b>", "<br>", "<img src='x.jpg'>",
    "中文", "é", "ß", "\U0001f600", "\x00", "\r", "\r\n", "\ufeff", "\u2028", "\xa0", "&amp;",
    "&#0;", "&#xD800;", "&#x1F600;", "&", "<", ">", "<!-- c -->", "<!--", "-->", "<?pi x?>",
    '<meta charset="gbk">', "<meta http-equiv='Content-Type' content='text/html; charset=big5'>",
    '<meta charset="utf-16">', "<script>", "</script>", "<![CDATA[x]]>", "<!DOCTYPE html>",
    " ", "\t", "a", "Z", "<table><tr><td>", "</td></tr></table>",
])  # fmt: skip


def _str_tree(html: str) -> tuple[str | None, bool]:
    """What lxml gives for the ``str``: the serialised tree, and whether nesting was too deep."""
    parser = etree.HTMLParser(**_PARSER_OPTIONS)
    root = etree.HTML(html, parser)
    deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return (None if root is None else etree.tostring(root, encoding="unicode")), deep


def _body_tree(html: str) -> tuple[str | None, bool]:
    root, deep = _parse(html)
    return (None if root is None else etree.tostring(root, encoding="unicode")), deep


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_tree_is_the_strs(html: str) -> None:
    assert _body_tree(html) == _str_tree(html)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        '<meta charset="gbk"><p>中文正文。</p>',
        '<meta charset="iso-8859-1"><p>Zażółć gęślą jaźń \U0001f600</p>',
        "<p>a\x00b</p>",
        "\ufeff<p>x</p>",
        "<div>" * 300 + "深",
        "<b>" * 3000,
    ],
    ids=["empty", "blank", "meta-gbk", "meta-latin1", "nul", "bom", "deep-300", "deep-3000"],
)
def test_the_tree_is_the_strs_on_edges(html: str) -> None:
    assert _body_tree(html) == _str_tree(html)


def test_too_deep_nesting_is_told() -> None:
    root: Any
    root, deep = _parse("<div>" * 5000 + "x")
    assert deep
    assert root is not None


def test_an_xml_declaration_naming_an_encoding_is_read_as_utf8() -> None:
    # lxml refuses this str ("Unicode strings with encoding declaration are not supported").
    html = '<?xml version="1.0" encoding="gbk"?><p>正文</p>'
    with pytest.raises(ValueError, match="encoding declaration"):
        etree.HTML(html, etree.HTMLParser(**_PARSER_OPTIONS))
    root, deep = _parse(html)
    assert not deep
    assert "".join(root.itertext()) == "正文"
