"""``flag_walk``: ``flagged``'s picks one at a time, a subtree passed over on request.

The compiled ``FlagWalk`` must give what the reference ``FlagWalkPy`` gives for every
way of skipping, and without skips exactly what ``flagged`` picks; chrome removal by
name must remove the same elements on both paths.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsparse.body._marks import FlagWalkPy, MarkRules, flag_walk, flagged_py
from newsparse.body._tree import measure
from newsparse.body.chrome import _CHROME_SUSPECTS, CHROME_MARKS, remove_chrome_by_name
from newsparse.body.content import _BYLINE_MARKS, _CONTENT_MARKS

from .test_accel import CTREE, PARITY, _tree, needs_extension, pure_path
from .test_mark_words import marked_html

Skip = Callable[[int, Any, str, int], bool]
"""Whether to pass over a pick's subtree, from its position, element, tag and mask."""


def _walked(walk: Any, root: Any, skip: Skip) -> list[tuple[str, str, int]]:
    """The picks a walk gives (each element as its path, so that trees compare) when
    ``skip`` says which subtrees to pass over."""
    tree = root.getroottree()
    given_: list[tuple[str, str, int]] = []
    for k, (el, tag, mask) in enumerate(walk):
        given_.append((tree.getpath(el), tag, mask))
        if skip(k, el, tag, mask):
            walk.skip()
    return given_


_SKIPS: list[Skip] = [
    lambda k, el, tag, mask: False,
    lambda k, el, tag, mask: True,
    lambda k, el, tag, mask: k % 2 == 0,
    lambda k, el, tag, mask: k % 3 == 1,
    lambda k, el, tag, mask: bool(mask & 1),
    lambda k, el, tag, mask: tag in {"div", "aside"},
    lambda k, el, tag, mask: len(el) > 1,
]
_RULES: list[tuple[MarkRules, frozenset[str]]] = [
    (CHROME_MARKS, _CHROME_SUSPECTS),
    (CHROME_MARKS, frozenset()),
    (_BYLINE_MARKS, frozenset({"p", "section"})),
    (_CONTENT_MARKS, frozenset()),
]


def _agree(html: str, *, clean: bool) -> None:
    assert CTREE is not None
    tree = _tree(html, clean=clean)
    for rules, tags in _RULES:
        for root in [tree, *tree.iter("div", "section")][:3]:
            for below in (True, False):
                found, _ = flagged_py(root, rules, tags, below=below)
                paths = [(root.getroottree().getpath(el), tag, mask) for el, tag, mask in found]
                for skip in _SKIPS:
                    compiled = CTREE.FlagWalk(
                        root, rules, tuple(t.encode() for t in sorted(tags)), None, below
                    )
                    pure = FlagWalkPy(root, rules, tags, below=below)
                    walked = _walked(compiled, root, skip)
                    assert walked == _walked(pure, root, skip)
                    if skip is _SKIPS[0]:
                        assert walked == paths


@needs_extension
@PARITY
@given(marked_html())
def test_the_compiled_walk_is_the_pure_one(html: str) -> None:
    _agree(html, clean=True)


@needs_extension
@PARITY
@given(marked_html(), st.data())
def test_chrome_by_name_removes_the_same_on_both_paths(html: str, data: st.DataObject) -> None:
    keep = data.draw(st.booleans())
    compiled_tree = _tree(f"<div>{html}</div>")
    pure_tree = _tree(f"<div>{html}</div>")
    remove_chrome_by_name(compiled_tree, measure(compiled_tree), keep_comments=keep)
    with pure_path():
        remove_chrome_by_name(pure_tree, measure(pure_tree), keep_comments=keep)
    assert etree.tostring(compiled_tree) == etree.tostring(pure_tree)


@pytest.mark.parametrize("compiled", [True, False])
def test_a_skipped_subtree_is_not_read(compiled: bool) -> None:
    if compiled and CTREE is None:
        pytest.skip("no extension")
    html = (
        '<div><aside class="share"><p class="ad-slot">x</p></aside>'
        '<p class="promo">y</p><header><span class="sr-only">z</span></header></div>'
    )
    root = _tree(html)
    body = next(root.iter("div"))

    def walk() -> list[str]:
        got = []
        walker = flag_walk(body, CHROME_MARKS, _CHROME_SUSPECTS, below=True)
        for el, _, _ in walker:
            got.append(el.get("class") or el.tag)
            if el.tag in {"aside", "header"}:
                walker.skip()
        return got

    if compiled:
        assert walk() == ["share", "promo", "header"]
    else:
        with pure_path():
            assert walk() == ["share", "promo", "header"]


def test_skip_before_any_pick_and_after_the_end_does_nothing() -> None:
    root = _tree('<div><p class="promo">y</p><p class="ad-slot">z</p></div>')
    body = next(root.iter("div"))
    walkers: list[Any] = [FlagWalkPy(body, CHROME_MARKS, below=True)]
    if CTREE is not None:
        walkers.append(CTREE.FlagWalk(body, CHROME_MARKS, (), None, True))
    for walker in walkers:
        walker.skip()
        assert [el.get("class") for el, _, _ in walker] == ["promo", "ad-slot"]
        walker.skip()
        assert list(walker) == []


_CHANGE_DURING_THE_WALK = """
import sys
from lxml import html
from newsparse import _accel
from newsparse.body.chrome import _CHROME_SUSPECTS, CHROME_MARKS
from newsparse.body._marks import _encoded

CHANGE = sys.argv[1]
root = html.fromstring('<div><aside class="share">x<b>y</b></aside><p class="promo">z</p></div>')
other = html.fromstring("<div></div>")
walk = _accel.CTREE.FlagWalk(root, CHROME_MARKS, _encoded(_CHROME_SUSPECTS), None, True)
try:
    for el, tag, mask in walk:
        if CHANGE == "remove":
            el.getparent().remove(el)
        elif CHANGE == "clear":
            root.clear()
        elif CHANGE == "move":
            other.append(el)
        walk.skip()
except RuntimeError as exc:
    print("RuntimeError", exc)
else:
    print("no error")
print(next(walk, "ended"))
"""


@needs_extension
@pytest.mark.parametrize("change", ["remove", "clear", "move"])
def test_a_tree_changed_during_the_compiled_walk_is_an_error_not_a_crash(change: str) -> None:
    """The walk climbs from the last element it gave: one taken out of the tree (removed,
    its parent cleared, moved to another document) has no parent to climb to. The walk
    says so instead of reading freed or foreign nodes (it crashed before). In a child
    process, so that a crash fails this test only."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _CHANGE_DURING_THE_WALK, change],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "RuntimeError the tree changed during a FlagWalk: an element it gave left it",
        "ended",
    ]
