"""The compiled walk's blocks are the pure walk's: text, ``<br>`` runs, bold-only first
lines, nested links and styles, marked elements, small print, pictures and their captions.

The compiled walk folds a block of text, links and styled elements into one event with
its facts (its normalised text, link and style counts); these properties compare whole
extractions on both paths on HTML made of such blocks (see ``test_accel`` for the rest).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from .test_accel import CTREE, PARITY, _body_dict, needs_extension, pure_path

INLINE_TEXTS = st.sampled_from([
    "", " ", "\n  ", "\t\n", "&nbsp;", "&#11;", "&#x3000;", "&#8203;", "&#1;", "&amp;",
    "汉\n字", "字\n\n汉", "”\n―", "Plain text. ", "A sub-heading", "华盛顿 —", "（美联社）",
    "Photo: Reuters", "word " * 12, "&lt;b&gt;", "© 2024 Example Media",
])  # fmt: skip
INLINE_TAGS = st.sampled_from([
    "b", "strong", "em", "i", "small", "cite", "a", "span", "font", "sup",
])  # fmt: skip
INLINE_ATTRS = st.sampled_from([
    "", ' href="/x"', ' href="https://elsewhere.net/y"', ' href="#n"', ' class="caption"',
    ' class="credit"', ' id="k"', ' class="note"',
])  # fmt: skip


@st.composite
def inline(draw: st.DrawFn, depth: int = 0) -> str:
    """The inside of a block: text, <br> runs and nested inline elements."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 5))
        if kind <= 1 or depth >= 3:
            parts.append(draw(INLINE_TEXTS))
        elif kind == 2:
            parts.append("<br>" * draw(st.integers(1, 3)) + draw(INLINE_TEXTS))
        else:
            tag = draw(INLINE_TAGS)
            attrs = draw(INLINE_ATTRS)
            parts.append(f"<{tag}{attrs}>{draw(inline(depth + 1))}</{tag}>{draw(INLINE_TEXTS)}")
    return "".join(parts)


@st.composite
def blocks_html(draw: st.DrawFn) -> str:
    """Blocks of inline content, bold-only first lines, pictures and captions between."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 9))):
        kind = draw(st.integers(0, 5))
        tag = draw(
            st.sampled_from(["p", "div", "li", "h2", "blockquote", "td", "dd", "figcaption"])
        )
        attrs = draw(
            st.sampled_from(
                ["", ' class="caption"', ' style="text-align:center"', ' class=""', ' id="c"']
            )
        )
        if kind == 0:
            parts.append('<img src="https://example.org/p.jpg">')
        elif kind == 1:
            parts.append(f"<p><b>{draw(INLINE_TEXTS)}</b><br>{draw(inline())}</p>")
        else:
            parts.append(f"<{tag}{attrs}>{draw(inline())}</{tag}>{draw(INLINE_TEXTS)}")
    return "".join(parts)


@needs_extension
@PARITY
@given(blocks_html(), st.sampled_from([None, "A sub-heading"]))
def test_blocks_are_the_same_on_both_paths(html: str, title: str | None) -> None:
    compiled = _body_dict(html, title)
    with pure_path():
        pure = _body_dict(html, title)
    assert compiled == pure


def test_small_print_in_a_styled_block_goes_on_both_paths() -> None:
    # Not among the last blocks: only its look (all of it in <small>) makes it small print.
    story = "".join(f"<p>Paragraph {n} of the story, long enough to be one.</p>" for n in range(6))
    for small in (
        "<small>© 2024 Example Media</small>",
        '<em><small class="note">© 2024 Example <b>Media</b></small></em>',
    ):
        html = f"<div><p>{small}</p>{story}</div>"
        body, _ = _body_dict(html, None)
        assert not any("2024" in p for p in body.paragraphs)
        if CTREE is not None:
            with pure_path():
                assert _body_dict(html, None) == (body, _)
        styled = html.replace("<small", "<em").replace("</small>", "</em>")
        assert any("2024" in p for p in _body_dict(styled, None)[0].paragraphs)


def test_pure_walk_does_not_depend_on_which_proxies_live() -> None:
    """The pure walk remembers the elements whose subtree it consumed, not their ``id()``:
    walked without ``measure`` (which keeps a proxy of every element alive), a freed
    proxy's id came back for a later element, whose end then counted as consumed, and an
    emphasis depth stuck (the next paragraph read as the picture's caption)."""
    from newsparse._context import Context
    from newsparse.body._tree import _parse
    from newsparse.body.walker import _Walker
    from newsparse.model import Format

    html = (
        "<div><p><img src='/i.jpg'></p><p><em>e</em><em>e</em><span>s</span></p>"
        "<p><span>s</span></p></div>"
    )
    seen = set()
    for k in range(60):
        heap = [object() for _ in range(k % 7)]  # a slightly different heap each time
        root, _ = _parse(html)
        walker = _Walker(Context(Format.COMMENT_HEADER), "https://o.com/", decodes_invisible=False)
        walker.walk_py(root.find("body"))
        seen.add((tuple(b.text for b in walker.blocks), walker.images[0].caption))
        del heap
    assert seen == {(("ees", "s"), None)}


@needs_extension
def test_the_compiled_walk_asks_about_captions_only_where_one_can_be() -> None:
    """While a picture waits for its caption, an element without a class or id is no
    caption unless it is a ``<figcaption>`` or ``<small>``, or a block without text of its
    own whose one child is a ``<small>`` (``<p><small>…</small></p>``): the compiled walk
    does not ask about the others."""
    from newsparse._context import Context
    from newsparse.body._tree import _parse
    from newsparse.body.walker import _Walker
    from newsparse.model import Format

    html = (
        "<div><img src='/a.jpg'><p>Plain <b>text</b> <a href='/x'>here</a>.</p>"
        "<img src='/b.jpg'><p><small>The second picture.</small></p>"
        "<img src='/c.jpg'><p class='note'>A note.</p><img src='/d.jpg'><p><em>Em.</em> x</p>"
        "<img src='/e.jpg'><figcaption>The fifth.</figcaption>"
        "<img src='/f.jpg'><h2>Heading <small id='s'>small</small></h2></div>"
    )

    class Counting(_Walker):
        asked: list[str]

        def _decide(self, el: object, tag: str, buf: list[str]) -> bool:
            self.asked.append(tag)
            return super()._decide(el, tag, buf)

    results = []
    for compiled in (True, False):
        root, _ = _parse(html)
        walker = Counting(Context(Format.COMMENT_HEADER), "https://o.com/", decodes_invisible=False)
        walker.asked = []
        if compiled:
            walker.walk(root.find("body"))
        else:
            walker.walk_py(root.find("body"))
        walker.finish()
        results.append(([b.text for b in walker.blocks], walker.images, walker.asked))
    (blocks, images, asked), (pure_blocks, pure_images, pure_asked) = results
    assert (blocks, images) == (pure_blocks, pure_images)
    assert [image.caption for image in images] == [
        None, "The second picture.", None, None, "The fifth.", None,
    ]  # fmt: skip
    # The pure walk asks about every element while a picture waits (and the <div>); the
    # compiled one about the pictures, the block whose one child is a <small> with a blank
    # tail, the marked <p>, the figcaption and the marked <small> only.
    assert pure_asked == [
        "div", "img", "p", "b", "a", "img", "p", "img", "p", "img", "p", "em", "img",
        "figcaption", "img", "h2", "small",
    ]  # fmt: skip
    assert asked == [
        "img", "img", "p", "img", "p", "img", "img", "figcaption", "img", "small",
    ]  # fmt: skip
