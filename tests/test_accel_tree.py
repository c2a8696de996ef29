"""The compiled tree facts are the pure ones: text sizes kept in the nodes.

On the compiled path :func:`~newsparse.body._tree.measure` keeps each element's sizes
in its node (``_ctree.Sizes``) instead of a dict keyed by element proxies; these tests
compare what it reads with the reference dict on generated and mutated HTML (see
``test_accel`` for the other facts).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from lxml import etree

from newsparse.body._tree import _names, measure_py, sized_py

from .test_accel import CTREE, PARITY, _tree, mutated_html, needs_extension


def _read(sizes: Any, root: Any) -> list[Any]:
    """What ``sizes`` holds for each element-like node of ``root`` (None when absent)."""
    return [sizes.get(el) for el in root.iter()]


@needs_extension
@PARITY
@given(mutated_html())
def test_measure_matches_the_reference(html: str) -> None:
    assert CTREE is not None
    tree = _tree(html)
    sizes = CTREE.measure(tree)
    assert type(sizes).__name__ == "Sizes" and not isinstance(sizes, dict)
    assert _read(sizes, tree) == _read(measure_py(tree), tree)


@needs_extension
@PARITY
@given(mutated_html())
def test_measure_of_a_subtree_matches(html: str) -> None:
    assert CTREE is not None
    for el in _tree(html).iter(etree.Element):
        assert _read(CTREE.measure(el), el) == _read(measure_py(el), el)


@needs_extension
def test_measure_counts_what_str_split_calls_white_space() -> None:
    assert CTREE is not None
    spaces = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
    tree = _tree(f"<p>a{spaces}b<a href=x>字{spaces}</a>\U0001f600\x85</p>")
    p = tree.find(".//p")
    assert CTREE.measure(tree).get(p) == measure_py(tree)[p] == (4, 1)  # a b 字 😀


@needs_extension
def test_sizes_read_only_what_was_measured() -> None:
    assert CTREE is not None
    tree = _tree("<div><p>one two</p></div><p>three</p>")
    first, second = tree.iter("p")
    sizes = CTREE.measure(first.getparent())
    assert sizes.get(first) == (6, 0)
    # Outside the measured subtree, in another document, or not an element: absent.
    assert sizes.get(second) is None
    assert sizes.get(second, (0, 0)) == (0, 0)
    assert sizes.get(_tree("<p>three</p>").find(".//p"), "absent") == "absent"
    assert sizes.get("p") is None
    # An element made after measuring was not measured.
    added = etree.SubElement(first, "span")
    added.text = "four"
    assert sizes.get(added) is None


@needs_extension
@PARITY
@given(mutated_html())
def test_sized_reads_the_sizes_kept_in_the_nodes(html: str) -> None:
    assert CTREE is not None
    for index in range(4):
        # A fresh tree per measured root: measuring again rewrites what the nodes hold.
        tree = _tree(html)
        roots = [tree, *tree.iter("div", "p", "section")]
        if index >= len(roots):
            break
        root = roots[index]
        compiled, pure = CTREE.measure(root), measure_py(root)
        for tags in [None, ("span", "div", "a", "p"), ("p", "h2", "strong")]:
            for low, high in [(2, 24), (0, 0), (4, 20), (0, 10**9), (1, 3)]:
                assert CTREE.sized(tree, compiled, low, high, _names(tags)) == list(
                    sized_py(tree, pure, low, high, tags)
                )
