"""The compiled walk asks about a block after a picture only when it may be its caption.

While a picture waits for its caption, a block without a class or id is a caption only in
one shape (``walker._Walker._is_small_caption``): no text of its own and one child
element, a ``<small>`` whose tail is blank (VOA's ``<div><small>caption</small></div>``);
a ``<div>`` or ``<blockquote>`` without one is no figure box or embedded post either.
The compiled walk checks that shape itself (``_one_small_child``) and does not call the
walker's decision about any other such block. These properties prove the check exact:
every block the pure walk takes as a caption is one the compiled walk asked about, and
both walks leave the same state.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse._context import Context
from newsparse.body._tree import _parse
from newsparse.body.walker import _Walker
from newsparse.model import Format

from .test_accel import PARITY, needs_extension, pure_path
from .test_accel_walk import _walks

# The pieces of a block after a picture: its own text (blank or not), <small> and other
# children, their tails, comments and processing instructions (no elements), and
# namespaced or upper-case names as the parser keeps them.
INSIDE = st.sampled_from([
    "", " ", "\n\t", "\u3000", "\xa0", "text", "<small>A caption</small>", "<small></small>",
    "<small> <b>bold</b> </small>", "<SMALL>Upper</SMALL>", "<small>x</small>tail",
    "<small>x</small>\u3000", "<b>bold</b>", "<i>it</i>", "<span>s</span>", "<!-- c -->",
    "<?pi x?>", "<br>", "<img src='https://example.org/in.jpg'>", "<o:small>ns</o:small>",
    "<smallx>no</smallx>", "&amp;", "&#32;",
])  # fmt: skip
BLOCKS = st.sampled_from(["div", "p", "li", "h2", "td", "section", "blockquote", "figure"])
MARKS = st.sampled_from([
    "", "", "", ' class="note"', ' id="x"', ' class=""', ' class="caption"', ' class="figure"',
    ' class="twitter-tweet"',
])  # fmt: skip


@st.composite
def after_picture(draw: st.DrawFn) -> str:
    """A body whose roots hold a picture, then blocks of the pieces above."""
    roots = []
    for _ in range(draw(st.integers(1, 3))):
        parts = ['<img src="https://example.org/p.jpg">']
        for _ in range(draw(st.integers(1, 4))):
            tag = draw(BLOCKS)
            inside = "".join(draw(st.lists(INSIDE, max_size=4)))
            parts.append(f"<{tag}{draw(MARKS)}>{inside}</{tag}>{draw(INSIDE)}")
        roots.append("<div>" + "".join(parts) + "</div>")
    return "<html><body>" + "".join(roots) + "</body></html>"


def _decisions(html: str) -> list[tuple[str, bool]]:
    """Each element the walk asks the walker's decision about (by its path) and the answer."""
    root, _ = _parse(html)
    walker = _Walker(Context(Format.COMMENT_HEADER), None, decodes_invisible=False)
    seen: list[tuple[str, bool]] = []
    own = walker._decide

    def decide(el: Any, tag: str, buf: list[str]) -> bool:
        taken = own(el, tag, buf)
        seen.append((el.getroottree().getpath(el), taken))
        return taken

    walker._decide = decide  # type: ignore[method-assign]
    for item in list(root.find("body")):
        walker.walk(item)
    return seen


@needs_extension
@PARITY
@given(after_picture())
def test_every_block_the_pure_walk_takes_is_asked_about(html: str) -> None:
    compiled = _decisions(html)
    with pure_path():
        pure = _decisions(html)
    taken = [path for path, yes in pure if yes]
    assert [path for path, yes in compiled if yes] == taken
    asked = {path for path, _ in compiled}
    assert all(path in asked for path in taken)
    assert _walks(html, finish=True, decodes_invisible=False) == _pure_walks(html)


def _pure_walks(html: str) -> list[tuple[Any, ...]]:
    with pure_path():
        return _walks(html, finish=True, decodes_invisible=False)


@needs_extension
@pytest.mark.parametrize(
    ("block", "asked"),
    [
        ("<div><small>A caption</small></div>", True),
        ("<p> <small>A caption</small>\n</p>", True),
        ("<p><!-- c --><small>A caption</small><?pi x?></p>", True),
        ("<p><small>A caption</small> tail</p>", False),
        ("<p><small>One</small><small>Two</small></p>", False),
        ("<p><b>Bold</b></p>", False),
        ("<p></p>", False),
        ("<div><b>Bold</b></div>", False),  # no box without a mark
        ("<blockquote><p>Quoted</p></blockquote>", False),
        ('<div class="figure"><b>Bold</b></div>', True),
        ("<figure><b>Bold</b></figure>", True),
        ("<hr>", True),
        ("<p>Own text<small>x</small></p>", False),
        ('<p class="note"><b>Marked</b></p>', True),  # a mark: the walker reads its classes
    ],
)
def test_an_unmarked_block_is_asked_about_in_one_shape(block: str, asked: bool) -> None:
    html = f"<html><body><div><img src='https://example.org/p.jpg'>{block}</div></body></html>"
    paths = [path for path, _ in _decisions(html)]
    assert paths[0] == "/html/body/div/img"
    tag = block[1 : block.index(">")].split()[0]
    assert (f"/html/body/div/{tag}" in paths) is asked
