"""The compiled walk (``_ctree.walk_blocks``) leaves the walker as the pure walk does.

The compiled walk plays the gatherer's mechanics itself (the text buffer, ``<br>`` rules,
the bold sub-heading split, the block stack, link and style counters) and calls the
walker's decisions (``_decide``, ``_loose_caption``, ``_is_internal``) where the pure walk
does. These properties walk the same HTML, root after root, with and without finishing
between them, on both paths and compare every piece of the walker's state after each
walk, not only the finished article.
"""

from __future__ import annotations

import copy
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse._context import Context
from newsparse.body._tree import _parse
from newsparse.body.blocks import _HOST, _SCHEME, Block, _Gatherer, _stored_slots
from newsparse.body.captions import _is_figure_box
from newsparse.body.media import social_post
from newsparse.body.walker import _FIGURE_BOX, _WALK_PLAN, _Walker
from newsparse.model import Format
from newsparse.sites import registered_domain

from .test_accel import PARITY, needs_extension, pure_path
from .test_accel_blocks import INLINE_TEXTS, inline

HREFS = st.sampled_from([
    "/x", " /y ", "#n", "", " ", "//o.com/z", "//elsewhere.net/z", "https://o.com/a",
    "HTTP://WWW.O.COM/b", "https://news.o.com/c", "https://elsewhere.net/d", "mailto:a@o.com",
    "/wiki/File:x.jpg", "\u212a:x", "\u017fttps://o.com/e", "\u3000/f", "javascript:void(0)",
    "https://o.com:8080/g", "https://user@o.com/h", "?q=1", "ftp://o.com/i",
    "https://a[b@www.o.com/j", "https://WWW.O.COM", "https://www.o.com?k", "http://www.o.com:80",
    "https://sub.www.o.com#l", "\u212attp://www.o.com/m", "https://www.o.com./n", "//www.o.com",
    "https://bbc.co.uk/o", "https://news.bbc.co.uk/p", "https://co.uk/q", "https://www.\u00f6.com/",
])  # fmt: skip

PIECES = st.sampled_from([
    '<img src="https://example.org/p.jpg">', '<img src="https://example.org/q.jpg" alt="A q">',
    '<figure><img src="https://example.org/f.jpg"><figcaption>A fig. Photo: AP</figcaption>'
    "</figure>",
    "<figure><figcaption>Caption of the picture before it</figcaption></figure>",
    '<iframe src="https://www.youtube.com/embed/abc"></iframe>', "<hr>", "<br>", "<br><br>",
    "<div><small>A small caption</small></div>", '<p class="wp-caption-text">The caption.</p>',
    "<p>华盛顿 —</p>", "<p>By the sea — </p>", "<small>Credit line</small>",
    '<span class="credit">Photo: Reuters</span>', "<blockquote><p>A quotation.</p></blockquote>",
    '<p style="text-align:center"><em>A centred caption</em></p>', "<ul><li>One</li><li>Two",
    "</li></ul>", "<p><b>Bold head</b><br>Plain text after it.</p>", "<table><tr><td>Cell",
    "</td></tr></table>", "<!-- a comment -->tail", "<p>&#11;vertical&#11;tab</p>",
    '<div class="Figure-sc-6a3dhy-0"><img src="https://example.org/b.jpg">A box caption</div>',
    '<div id="ARTICLE-FIGURE"><img src="https://example.org/c.jpg"></div>',
    '<div class="f\u0130gure"><img src="https://example.org/d.jpg"></div>',
    '<div class="fig&#117;re x"><img src="https://example.org/e.jpg"></div>',
    '<div class="figures">Text, no picture</div>', '<div class="note">A note</div>',
])  # fmt: skip


@st.composite
def linked(draw: st.DrawFn) -> str:
    return f'<a href="{draw(HREFS)}">{draw(INLINE_TEXTS)}</a>'


@st.composite
def document(draw: st.DrawFn) -> str:
    """A body of several roots (its top-level divs), each of blocks, pictures and text."""
    roots = []
    for _ in range(draw(st.integers(1, 3))):
        parts: list[str] = []
        for _ in range(draw(st.integers(0, 8))):
            kind = draw(st.integers(0, 4))
            if kind == 0:
                parts.append(draw(PIECES))
            elif kind == 1:
                parts.append(draw(linked()))
            elif kind == 2:
                tag = draw(st.sampled_from(["p", "div", "li", "h2", "td", "dd", "figure"]))
                parts.append(f"<{tag}>{draw(inline())}{draw(linked())}</{tag}>")
            else:
                parts.append(draw(inline()))
        roots.append("<div>" + "".join(parts) + "</div>")
    return "<html><body>" + "".join(roots) + "</body></html>"


_STATE = (
    "_buf", "_buf_links", "_buf_anchors", "_buf_internal", "_bold_depth", "_link_depth",
    "_bold_only", "_pending_split", "_prefix", "_serial", "_stack", "_style_depth",
    "_small_depth", "_styled_only", "_small_only", "_captionable", "_fresh", "_after_rule",
)  # fmt: skip


def _state(walker: _Walker) -> tuple[Any, ...]:
    """Everything the walk changes, the block element by its path in the tree."""
    block_el = walker._block_el
    where = None if block_el is None else block_el.getroottree().getpath(block_el)
    return (
        [attrs.astuple(b) for b in walker.blocks],
        [attrs.astuple(i) for i in walker.images],
        [attrs.astuple(m) for m in walker.media],
        [copy.copy(getattr(walker, name)) for name in _STATE],  # lists go on changing
        where,
    )


def _walks(html: str, *, finish: bool, decodes_invisible: bool) -> list[tuple[Any, ...]]:
    root, _ = _parse(html)
    body = root.find("body")
    walker = _Walker(
        Context(Format.COMMENT_HEADER), "https://www.o.com/p", decodes_invisible=decodes_invisible
    )
    states = []
    for item in list(body):
        walker.walk(item)
        states.append(_state(walker))
        if finish:
            walker.finish()
            states.append(_state(walker))
    return states


@needs_extension
@PARITY
@given(document(), st.booleans(), st.booleans())
def test_the_walker_state_is_the_same_on_both_paths(
    html: str, finish: bool, decodes_invisible: bool
) -> None:
    compiled = _walks(html, finish=finish, decodes_invisible=decodes_invisible)
    with pure_path():
        pure = _walks(html, finish=finish, decodes_invisible=decodes_invisible)
    assert compiled == pure


@needs_extension
def test_the_compiled_walk_plays_the_mechanics_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text, ``<br>`` runs, a bold sub-heading, links and block elements never reach the
    Python gatherer's mechanics on the compiled path; the decisions still run."""
    html = (
        "<html><body><div><p>One <a href='/x'>link</a> and <a href='https://o.com/y'>two"
        "</a>.</p><p><b>Head</b><br>Text<br><br>More</p><div>Loose <i>text</i></div>"
        "<img src='https://example.org/p.jpg'><p>A harbour at dawn.（美联社）</p></div></body></html>"
    )

    def refuse(*args: Any) -> None:
        raise AssertionError("the compiled walk called the Python gatherer")

    for name in ("_add", "_flush", "_br", "_push", "_block"):
        monkeypatch.setattr(_Gatherer, name, refuse)
    monkeypatch.setattr(_Walker, "_start", refuse)
    monkeypatch.setattr(_Walker, "_end", refuse)
    root, _ = _parse(html)
    walker = _Walker(Context(Format.COMMENT_HEADER), "https://o.com/", decodes_invisible=False)
    walker.walk(root.find("body"))
    texts = ["One link and two.", "Head", "Text", "More", "Loose text"]
    assert [b.text for b in walker.blocks] == texts
    assert [(b.anchors, b.internal) for b in walker.blocks] == [(2, 2)] + [(0, 0)] * 4
    assert [b.kind for b in walker.blocks] == ["p"] * 4 + ["div"]
    assert (walker.images[0].caption, walker.images[0].credit) == ("A harbour at dawn.", "美联社")


def _internal_reference(href: str, home: str | None) -> bool:
    """``_Gatherer._is_internal`` as first written: the scheme test, then the host."""
    href = href.strip()
    if not href or href.startswith("#"):
        return False
    if not _SCHEME.match(href):
        return True
    if home is None:
        return False
    m = _HOST.match(href)
    if m is None:
        return False
    host = m.group(1).lower()
    return (host == home or host.endswith("." + home)) and registered_domain(href) == home


URLS = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["http://", "https://", "HTTPS://", "hTtP://", "http:/", "httpx://", " "]),
        st.sampled_from(
            ["o.com", "O.COM", "www.o.com", "xo.com", "o.com.", "news.O.com", "", "co.uk"]
        )
        | st.sampled_from(["bbc.co.uk", "a.bbc.co.uk", "\u00f6.com", "x.\u00f6.com", "o.c\u00f6m"])
        | st.text(st.sampled_from("abo.cmwBOC-_@:\u00f6"), max_size=12),
        st.sampled_from(["", "/", "/p", "?q", "#f", ":8/", " "]),
    ),
)


@PARITY
@given(
    st.lists(
        HREFS | URLS | st.text(st.sampled_from("/:#.aoOcm \u3000@\u212a?h-"), max_size=12),
        max_size=4,
    ),
    st.sampled_from(["https://www.o.com/p", "https://bbc.co.uk/", "https://\u00f6.com/", None]),
)
def test_internal_links_are_counted_as_the_rule_says(hrefs: list[str], base: str | None) -> None:
    """On both paths: the compiled walk takes a link without a colon (or ``//``) as
    relative and asks the walker about the others; the walker tests the host first."""
    home = registered_domain(base)
    links = "".join(f'<a href="{h}">x</a>' for h in hrefs)
    html = f"<html><body><div><p>{links} text</p><div>{links}<br>more</div></div></body></html>"
    for pure in (False, True):
        root, _ = _parse(html)
        parsed = [a.get("href") for a in root.iter("a")][: len(hrefs)]
        expected = sum(_internal_reference(h, home) for h in parsed)
        walker = _Walker(Context(Format.COMMENT_HEADER), base, decodes_invisible=False)
        if pure:
            with pure_path():
                walker.walk(root.find("body"))
        else:
            walker.walk(root.find("body"))
        walker.finish()
        # The folded paragraph, then the links the walk meets one by one.
        assert [b.internal for b in walker.blocks][:2] == [expected, expected]


@given(
    st.text(st.sampled_from("fFiIgGuUrReE\u0130\u0131\u017f\u212a -_x"), max_size=14),
    st.text(st.sampled_from("fFiIgGuUrReE\u0130 -_"), max_size=10) | st.none(),
)
def test_a_figure_box_names_its_word(cls: str, ident: str | None) -> None:
    """The compiled walk asks about a ``<div>`` (while no picture waits) only when its
    class or id holds the word of ``_FIGURE_BOX`` in some ASCII case: no figure box is
    without it."""
    tag, word = _FIGURE_BOX
    attrs_html = f' class="{cls}"' + ("" if ident is None else f' id="{ident}"')
    root, _ = _parse(f'<html><body><{tag}{attrs_html}><img src="/a.jpg"></{tag}></body></html>')
    el = root.find("body")[0]
    values = (el.get("class") or "") + " " + (el.get("id") or "")
    named = word.decode() in "".join(c.lower() if c.isascii() else c for c in values)
    assert _is_figure_box(el) <= named


def _asked_about(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The elements the walk asks :meth:`_Walker._decide` about, as ``tag.class``, in order
    (the list fills as walks run)."""
    asked: list[str] = []
    decide = _Walker._decide

    def spy(self: _Walker, el: Any, tag: str, buf: list[str]) -> bool:
        asked.append(f"{tag}.{el.get('class')}")
        return decide(self, el, tag, buf)

    monkeypatch.setattr(_Walker, "_decide", spy)
    return asked


@needs_extension
def test_the_compiled_walk_asks_only_about_possible_figure_boxes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = _asked_about(monkeypatch)
    html = (
        "<html><body><div class='note'><p>Text</p></div><div class='x-FIGURE'><p>Not one"
        "</p></div><div>Plain</div><div id='figure-1'><img src='https://example.org/a.jpg'>"
        "</div></body></html>"
    )
    root, _ = _parse(html)
    walker = _Walker(Context(Format.COMMENT_HEADER), None, decodes_invisible=False)
    walker.walk(root.find("body"))
    assert asked == ["div.x-FIGURE", "div.None"]  # the second: the figure box, its picture
    assert len(walker.images) == 1


@given(
    st.sampled_from(["", " ", "twitter-tweet", "note", "\u3000", "&#32;", "a&amp;b"]) | st.none(),
    st.sampled_from(["", "twitter-tweet", "x"]) | st.none(),
)
def test_an_embedded_post_has_a_class_or_id(cls: str | None, ident: str | None) -> None:
    """The compiled walk asks about a ``<blockquote>`` (while no picture waits) only when
    its class or id is not empty (``_SOCIAL_BOX``): no embedded post is without one, and
    the walk is the same on both paths."""
    attrs_html = ("" if cls is None else f' class="{cls}"') + (
        "" if ident is None else f' id="{ident}"'
    )
    html = (
        f"<html><body><blockquote{attrs_html}><p>The post.</p>"
        '<a href="https://twitter.com/a/status/1">link</a></blockquote><p>After.</p></body></html>'
    )
    found = []
    for pure in (False, True):
        root, _ = _parse(html)
        el = root.find("body")[0]
        if not (el.get("class") or el.get("id")):
            assert social_post(el, None, Context(Format.COMMENT_HEADER)) is None
        walker = _Walker(Context(Format.COMMENT_HEADER), None, decodes_invisible=False)
        if pure:
            with pure_path():
                walker.walk(root.find("body"))
        else:
            walker.walk(root.find("body"))
        walker.finish()
        found.append(([b.text for b in walker.blocks], walker.media))
    assert found[0] == found[1]


@needs_extension
def test_the_compiled_walk_asks_only_about_possible_posts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = _asked_about(monkeypatch)
    post = "<p>The post.</p><a href='https://twitter.com/a/status/1'>link</a>"
    html = (
        f"<html><body><blockquote>{post}</blockquote><blockquote class=''>{post}</blockquote>"
        f"<blockquote class='twitter-tweet'>{post}</blockquote>"
        f"<blockquote id='q'><p>A quotation.</p></blockquote></body></html>"
    )
    root, _ = _parse(html)
    walker = _Walker(Context(Format.COMMENT_HEADER), None, decodes_invisible=False)
    walker.walk(root.find("body"))
    assert asked == ["blockquote.twitter-tweet", "blockquote.None"]
    assert [m.kind for m in walker.media] == ["embed"]
    assert [b.text for b in walker.blocks] == ["The post.", "link"] * 2 + ["A quotation."]


def test_a_home_host_is_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A link whose authority is only its host asks for the host's site once a walker."""
    from newsparse.body import blocks

    asked: list[str] = []

    def domain(url: str | None) -> str | None:
        asked.append(url or "")
        return registered_domain(url)

    walker = _Walker(Context(Format.COMMENT_HEADER), "https://www.o.com/", decodes_invisible=False)
    assert walker._home == "o.com"  # the page's own site, read once (before the spy)
    monkeypatch.setattr(blocks, "registered_domain", domain)
    hrefs = [
        "https://www.o.com/a",
        "https://WWW.o.com/b?c",
        "https://news.o.com",
        "https://x.o.com:1/",
    ]
    found = [walker._is_internal(h) for h in hrefs * 2]
    assert found == [True] * 8
    # www.o.com and news.o.com once each; the one with a port every time.
    assert asked == ["https://www.o.com/a", "https://news.o.com", hrefs[3], hrefs[3]]


def test_only_a_class_whose_init_stores_its_fields_gets_its_slots_filled() -> None:
    @attrs.define
    class Plain:
        a: int
        b: str = ""

    @attrs.define
    class Checked:
        a: int = attrs.field(validator=attrs.validators.instance_of(int))

    @attrs.define
    class Converted:
        a: int = attrs.field(converter=int)

    @attrs.define(slots=False)
    class Unslotted:
        a: int

    @attrs.define
    class Hooked:
        a: int

        def __attrs_post_init__(self) -> None:
            self.a += 1

    @attrs.define(unsafe_hash=True, cache_hash=True)
    class CachedHash:  # a hidden slot that __init__ fills and a made object would not
        a: int

    assert _stored_slots(Plain) == (vars(Plain)["a"], vars(Plain)["b"])
    assert [_stored_slots(c) for c in (Checked, Converted, Unslotted, Hooked)] == [None] * 4
    assert _stored_slots(CachedHash) is None
    assert _stored_slots(Block) is not None


@needs_extension
def test_the_compiled_walk_fills_only_slots_of_the_block_class() -> None:
    from newsparse import _accel

    compiled = _accel.CTREE
    assert compiled is not None

    class Tiny:  # smaller than a Block: Block's slot offsets lie outside it
        __slots__ = ()

    @attrs.define
    class Other:  # as big as a Block, but the descriptors are Block's
        text: str
        source: int
        kind: str
        size: int
        links: int
        anchors: int
        internal: int
        after_rule: bool
        small: bool

    root, _ = _parse("<p>some text</p>")
    slots = _WALK_PLAN[-1][1]
    assert slots is not None
    for cls in (Tiny, Other):
        walker = _Walker(Context(Format.COMMENT_HEADER), None, decodes_invisible=False)
        with pytest.raises(TypeError, match="does not belong to the block class"):
            compiled.walk_blocks(root.find("body"), walker, (*_WALK_PLAN[:-1], (cls, slots)))
        assert walker.blocks == []


@needs_extension
@PARITY
@given(document())
def test_blocks_made_by_filling_slots_are_those_the_class_makes(html: str) -> None:
    from newsparse import _accel

    compiled = _accel.CTREE
    assert compiled is not None
    made = []
    for plan in (_WALK_PLAN, (*_WALK_PLAN[:-1], (Block, None))):
        root, _ = _parse(html)
        walker = _Walker(Context(Format.COMMENT_HEADER), "https://o.com/", decodes_invisible=False)
        compiled.walk_blocks(root.find("body"), walker, plan)
        walker.finish()
        made.append(walker.blocks)
    assert made[0] == made[1]
    assert all(type(b) is Block and attrs.evolve(b) == b for b in made[0])


PIECE_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="<>&",
    )
    | st.sampled_from("\xa0\xe9\xff\u0100\u4e2d\u3000\U0001f389 \n\t"),
    max_size=12,
)


@needs_extension
@PARITY
@given(st.lists(PIECE_TEXT, min_size=1, max_size=4))
def test_a_folded_block_reads_its_text_as_python_does(pieces: list[str]) -> None:
    """Its text, decoded from libxml2's UTF-8 into a str of the width its widest
    character needs, is the text lxml gives (equal, hence of the same width)."""
    from newsparse import _accel

    compiled = _accel.CTREE
    assert compiled is not None
    html = "<html><body><p>" + "<b>".join(pieces) + "</p></body></html>"
    root, _ = _parse(html)
    p = root.find("body/p")
    raw = "".join(p.itertext())
    events = compiled.walk_events(
        p, _WALK_PLAN[0], _WALK_PLAN[1], _WALK_PLAN[2], _WALK_PLAN[3], _WALK_PLAN[4], _WALK_PLAN[5]
    )
    assert events[0][2] == raw
    assert type(events[0][2]) is str and events[0][2].isascii() == raw.isascii()


@needs_extension
def test_the_compiled_walk_asks_only_about_links_it_cannot_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Relative links, fragments and plain ``http(s)://host`` links to the home host or to
    another site are counted in C; a subdomain, a port, a user or another scheme is the
    walker's to judge."""
    asked: list[str] = []
    is_internal = _Gatherer._is_internal

    def spy(self: _Gatherer, href: str) -> bool:
        asked.append(href)
        return is_internal(self, href)

    monkeypatch.setattr(_Gatherer, "_is_internal", spy)
    hrefs = [
        "/a", "#b", "https://o.com/c", "HTTP://O.COM", "https://elsewhere.net/d",
        "https://news.o.com/e", "https://o.com:8/f", "mailto:g@o.com", "//o.com/h",
    ]  # fmt: skip
    links = "".join(f'<a href="{h}">x</a>' for h in hrefs)
    root, _ = _parse(f"<html><body><p>{links}</p></body></html>")
    walker = _Walker(Context(Format.COMMENT_HEADER), "https://o.com/", decodes_invisible=False)
    walker.walk(root.find("body"))
    assert asked == hrefs[5:]
    assert walker.blocks[0].internal == 6  # /a, o.com twice, news.o.com, :8, //o.com


@needs_extension
def test_the_compiled_walk_asks_about_a_subdomain_once_a_walk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The walker's verdict on a link to a subdomain of its site depends on the host alone
    (``_Gatherer._home_hosts``): the compiled walk asks once per host (in any ASCII case)
    and counts its other links as the answer said, on both paths alike."""
    asked: list[str] = []
    is_internal = _Gatherer._is_internal

    def spy(self: _Gatherer, href: str) -> bool:
        asked.append(href)
        return is_internal(self, href)

    monkeypatch.setattr(_Gatherer, "_is_internal", spy)
    hrefs = [
        "https://www.o.com/a", "https://WWW.O.com/b?x", " https://www.o.com ", "https://co.o.com/c",
        "http://www.o.com#f", "https://co.O.COM/d", "https://www.o.com:8/e", "https://a.co.uk/",
    ]  # fmt: skip
    links = "".join(f'<a href="{h}">x</a>' for h in hrefs)
    html = f"<html><body><p>{links}</p><div>{links}<br>more</div></body></html>"
    counts = []
    for pure in (False, True):
        root, _ = _parse(html)
        walker = _Walker(Context(Format.COMMENT_HEADER), "https://o.com/", decodes_invisible=False)
        if pure:
            with pure_path():
                walker.walk(root.find("body"))
        else:
            walker.walk(root.find("body"))
        walker.finish()
        counts.append([b.internal for b in walker.blocks])
        if not pure:
            # www.o.com and co.o.com once each, the port every time.
            assert asked == [hrefs[0], hrefs[3], hrefs[6], hrefs[6]]
    assert counts[0] == counts[1] == [7, 7]  # all but a.co.uk


@pytest.mark.parametrize("compiled", [True, False])
def test_the_page_site_is_read_only_for_a_link_that_needs_it(
    monkeypatch: pytest.MonkeyPatch, compiled: bool
) -> None:
    """Relative links and fragments need no site; the first absolute link reads it, once."""
    from newsparse.body import blocks

    asked: list[str] = []

    def domain(url: str | None) -> str | None:
        asked.append(url or "")
        return registered_domain(url)

    monkeypatch.setattr(blocks, "registered_domain", domain)
    walker = _Walker(Context(Format.COMMENT_HEADER), "https://www.o.com/p", decodes_invisible=False)
    html = '<html><body><div><p><a href="/x">One</a> <a href="#n">two</a></p></div>'
    html += '<div><p><a href="https://elsewhere.net/y">Three</a> <a href="//o.com/z">four</a></p>'
    html += "</div></body></html>"
    root, _ = _parse(html)
    first, second = list(root.find("body"))
    if compiled:
        walker.walk(first)
    else:
        with pure_path():
            walker.walk(first)
    walker.finish()
    assert asked == []
    assert [(b.anchors, b.internal) for b in walker.blocks] == [(2, 1)]
    if compiled:
        walker.walk(second)
    else:
        with pure_path():
            walker.walk(second)
    walker.finish()
    assert asked[0] == "https://www.o.com/p"
    assert asked.count("https://www.o.com/p") == 1
    assert [(b.anchors, b.internal) for b in walker.blocks] == [(2, 1), (2, 1)]
