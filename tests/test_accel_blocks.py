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
        tag = draw(st.sampled_from(["p", "div", "li", "h2", "blockquote", "td", "dd"]))
        attrs = draw(st.sampled_from(["", ' class="caption"', ' style="text-align:center"']))
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
