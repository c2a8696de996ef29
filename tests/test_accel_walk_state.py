"""The compiled walk keeps nothing from one walk to the next (no module-level state): its
plan is read once into an immutable ``WalkPlan`` at import, its player and scratch space
live for one walk. So a walk inside another's decision, or a walk after one that raised,
is the pure walk's, and a large document leaves no memory behind."""

from __future__ import annotations

import gc
import tracemalloc
from typing import Any

import attrs
import pytest

from newsparse._context import Context
from newsparse.body._tree import _parse
from newsparse.body.walker import _Walker
from newsparse.model import Format

from .test_accel import needs_extension, pure_path

_PAGE = (
    "<html><body><div><p>alpha <b>beta</b></p><figure><img src='/a.jpg'><figcaption>Cap"
    "</figcaption></figure><p>gamma <a href='https://x.net/'>link</a></p><img src='/b.jpg'>"
    "<p>汉\n字 after</p></div></body></html>"
)


def _blocks(html: str, decide: Any = None) -> list[tuple[object, ...]]:
    root, _ = _parse(html)
    walker = _Walker(Context(Format.COMMENT_HEADER), "https://o.com/", decodes_invisible=False)
    if decide is not None:
        own = walker._decide
        walker._decide = lambda el, tag, buf: decide(own, el, tag, buf)  # type: ignore[method-assign]
    for item in list(root.find("body")):
        walker.walk(item)
        walker.finish()
    return [attrs.astuple(block) for block in walker.blocks]


@needs_extension
def test_a_walk_inside_a_decision_and_after_a_failed_one_is_the_pure_walk() -> None:
    with pure_path():
        expected = _blocks(_PAGE)
    inner: list[list[tuple[object, ...]]] = []

    def nested(own: Any, el: Any, tag: str, buf: list[str]) -> bool:
        inner.append(_blocks(_PAGE))
        return bool(own(el, tag, buf))

    assert _blocks(_PAGE, nested) == expected
    assert inner and all(blocks == expected for blocks in inner)

    def failing(own: Any, el: Any, tag: str, buf: list[str]) -> bool:
        raise LookupError("a decision that fails")

    with pytest.raises(LookupError):
        _blocks(_PAGE, failing)
    assert _blocks(_PAGE) == expected


@needs_extension
def test_a_large_walk_leaves_no_memory_behind() -> None:
    html = "<html><body><div><p>" + "<b>字</b> \n" * 50_000 + "</p></div></body></html>"
    _blocks("<html><body><div><p>warm</p></div></body></html>")
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        assert len(_blocks(html)) == 1
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # A player kept between walks would hold its node arrays (about 2 MB here).
    assert after - before < 256 * 1024
