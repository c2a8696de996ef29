"""The facts a decision reads, gathered in one compiled call, are the pure ones.

``_ctree.climb_marks`` reads the marks above a picture for
:func:`~newsparse.body.images._is_furniture`, ``_ctree.shape_picks`` the elements the
rules of :mod:`~newsparse.body.structure` read; each is compared with its reference
(:func:`~newsparse.body.images.climb_marks_py`,
:func:`~newsparse.body.structure.shape_picks_py`) on generated and mutated HTML, on
attribute values of every kind (entities, non-ASCII, huge ones) and on trees built by
hand with namespaced elements and comments.
"""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree, html

from newsparse.body import images
from newsparse.body.images import _CLIMB, _FURNITURE_STOP_NAMES, climb_marks_py
from newsparse.body.structure import _PICKED, shape_picks_py

from .test_accel import CTREE, PARITY, _tree, mutated_html, needs_extension, pure_path


def _climbs(root: Any) -> None:
    """Every node of ``root``'s tree gets the same climb on both paths."""
    assert CTREE is not None
    for node in root.iter():
        assert CTREE.climb_marks(node, _CLIMB, _FURNITURE_STOP_NAMES) == climb_marks_py(node)
        for levels in (0, 1, 9):
            got = CTREE.climb_marks(node, levels, (b"div", b"figure"))
            marks, hrefs = _climb_reference(node, levels, {"div", "figure"})
            assert got == (marks, hrefs)


def _climb_reference(node: Any, levels: int, stop: set[str]) -> tuple[str, list[str]]:
    """:func:`climb_marks_py` with other levels and stop tags."""
    marks: list[str] = []
    hrefs: list[str] = []
    el = node
    for _ in range(levels):
        if el is None:
            break
        if isinstance(el.tag, str):
            if el is not node and el.tag in stop:
                break
            marks.extend(v for v in (el.get("class"), el.get("id")) if v is not None)
            if el.tag == "a" and el.get("href") is not None:
                hrefs.append(el.get("href"))
        el = el.getparent()
    return " ".join(marks), hrefs


@needs_extension
@PARITY
@given(mutated_html())
def test_climb_marks_match_the_reference(text: str) -> None:
    _climbs(_tree(text))


_VALUES = st.one_of(
    st.sampled_from([
        "", " ", "author-avatar", "a&amp;b", "&#20013;&#25991;", "x&nbsp;y", "İcon", "ı",
        "\u3000logo\u3000", "badge\n", "中文 头像", "/tag/x/", "&lt;a&gt;", "x" * 5000,
    ]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
)  # fmt: skip


@needs_extension
@PARITY
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["div", "a", "span", "figure", "section", "p", "main", "img"]),
            st.sampled_from(["class", "id", "href", "title"]),
            _VALUES,
        ),
        min_size=1,
        max_size=6,
    )
)
@example([("a", "href", "&#47;tag&#47;x&#47;"), ("img", "class", "x&amp;avatar")])
@example([("div", "class", ""), ("img", "id", "x" * 5000)])
def test_climb_marks_read_values_as_lxml_gives_them(nest: list[tuple[str, str, str]]) -> None:
    # Written as HTML: entities and character references become parts of the values.
    opening = "".join(
        f'<{tag} {name}="{value.replace(chr(34), "&quot;").replace("<", "&lt;")}">'
        for tag, name, value in nest
    )
    closing = "".join(f"</{tag}>" for tag, _, _ in reversed(nest))
    _climbs(html.fromstring(f"<html><body>{opening}x{closing}</body></html>"))


@needs_extension
def test_climb_marks_pass_namespaced_elements_and_comments() -> None:
    root = etree.Element("body")
    figure = etree.SubElement(root, "{urn:x}figure", {"class": "ns-figure"})
    link = etree.SubElement(figure, "{urn:x}a", {"href": "/tag/x/", "class": "link"})
    plain = etree.SubElement(link, "a", {"href": "/author/y/", "id": "logo"})
    comment = etree.Comment("c")
    plain.append(comment)
    img = etree.SubElement(plain, "img", {"class": "pic"})
    img.set("{urn:x}class", "avatar")  # a namespaced class is not el.get("class")
    for node in (img, comment, plain, link, figure):
        assert CTREE is not None
        assert CTREE.climb_marks(node, _CLIMB, _FURNITURE_STOP_NAMES) == climb_marks_py(node)
    # A namespaced figure stops nothing, a namespaced <a> gives no link.
    assert climb_marks_py(img) == ("pic logo link ns-figure", ["/author/y/"])
    assert climb_marks_py(comment) == ("logo link ns-figure", ["/author/y/"])


def test_furniture_reads_the_marks_above_a_picture_on_both_paths() -> None:
    page = html.fromstring(
        '<html><body><div class="x"><p><span class="site-LOGO"><img src="/a.jpg"></span>'
        '</p></div><figure class="logo"><p><img src="/b.jpg"></p></figure>'
        '<div class="author\u3000box"><p><span><b><img src="/c.jpg"></b></span></p></div>'
        '<a href="/Tags/x/"><img src="/d.jpg"></a></body></html>'
    )
    a, b, c, d = page.iter("img")
    for run in (pure_path, contextlib.nullcontext):
        with run():
            assert images._is_furniture(a, "/a.jpg")
            assert not images._is_furniture(b, "/b.jpg")  # the figure stops the climb
            assert not images._is_furniture(c, "/c.jpg")  # four levels up: too far
            assert images._is_furniture(d, "/d.jpg")


def _same_picks(root: Any) -> None:
    assert CTREE is not None
    # (lxml elements compare by identity: the same elements, in the same order)
    assert CTREE.shape_picks(root, *_PICKED) == shape_picks_py(root)


@needs_extension
@PARITY
@given(mutated_html())
@example('<h2 data-np-button="1"><time>x</time></h2><!-- c --><H3>y</H3>')
def test_shape_picks_match_the_reference(text: str) -> None:
    tree = _tree(text)
    for root in [tree, *tree.iter("div", "p", "section", "h2", "time")]:
        _same_picks(root)


@needs_extension
def test_shape_picks_pass_namespaced_elements_and_comments() -> None:
    root = etree.Element("div", {"data-np-button": "1"})
    other = etree.SubElement(root, "{urn:x}h2", {"data-np-button": ""})
    root.append(etree.Comment("h2"))
    time = etree.SubElement(root, "time")
    heading = etree.SubElement(time, "h2")
    heading.set("{urn:x}data-np-button", "1")  # in a namespace: not the attribute
    etree.SubElement(heading, "h")
    etree.SubElement(heading, "h22")
    _same_picks(root)
    _same_picks(heading)
    assert shape_picks_py(root) == ([heading], [time], [root, other])


_SPACES = st.sampled_from([" ", "  ", "\n", " \n ", "\t", "\xa0", "\u3000", "\u2028", "\x85"])
_WORDS = st.sampled_from(["a", "字", "汉字", "word", "é", "😀", "—", "”", "―"])


@needs_extension
@PARITY
@given(st.lists(st.one_of(_SPACES, _WORDS), max_size=12), st.lists(st.integers(0, 12), max_size=3))
@example([" ", "a", " ", "b", " "], [])
@example(["\n", "字", " ", "字", "\u3000"], [2])
@example(["a", " ", " ", "b"], [])
@example(["字", "\n", "字"], [1])
def test_a_folded_block_is_its_text_normalised(pieces: list[str], cuts: list[int]) -> None:
    # Pieces of text and white space, some in inline elements (a text run of its own):
    # white space at the ends of the block, single spaces and other runs between words.
    from newsparse._text import normalize_block
    from newsparse.body._tree import BLOCK_TAGS
    from newsparse.body.walker import _WALK_FOLD, _WALK_MARKS, _WALK_TAGS

    assert CTREE is not None
    parts = list(pieces)
    for at in sorted(set(cuts), reverse=True):
        parts.insert(min(at, len(parts)), "<b>")
    html_text = "".join(parts).replace("<b>", "<b>x</b>")
    body = _tree(f"<p>{html_text}</p>", clean=False)
    events = CTREE.walk_events(body, _WALK_TAGS, _WALK_MARKS, BLOCK_TAGS, _WALK_FOLD)
    folded = [item for item in events if isinstance(item, tuple) and len(item) == 10]
    assert len(folded) == 1
    raw, total, text = folded[0][2], folded[0][4], folded[0][6]
    assert raw == "".join(body.find("p").itertext())
    assert text == (normalize_block(raw) if total else None)
