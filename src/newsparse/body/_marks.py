"""Rules over an element's marks (its class and id tokens, some attribute values) as data.

A rule that reads marks is declared once, here or next to the step that uses it, as a
:class:`MarkRules`: a predicate per kind of class/id token and per attribute value, each
giving one bit of a mask. Both paths read an element's mask through it::

    <div class="share-bar post_x" style="display:none">   tokens share-bar, post_x: the
                                                          "chrome" bit; the style: "hidden"

- the pure path asks :meth:`MarkRules.mask_of` of each element;
- the compiled path (``_ctree.flagged``) reads the attribute values in C, looks each up
  in a memo of its own (:meth:`MarkRules.new_memos`, made for that one pass over one
  page) and asks :meth:`MarkRules.judge` only about a value it has not met, so that the
  predicates (the decisions) stay in Python and are the only definition.

The rules are frozen module data: no memo outlives the selection that filled it, so no
state of the module grows as pages are parsed.

:func:`flagged` picks, in one pass, the elements whose mask is not zero (or whose tag is
one of some tags), the way chrome removal, the byline and the standfirst read a page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

import attrs
from lxml import etree

from newsparse import _accel

TOKEN_ATTRIBUTES: Final = ("class", "id")
"""The attributes whose white-space separated tokens the token rules judge."""


@attrs.frozen(eq=False)
class MarkRules:
    """Predicates over class/id tokens and over attribute values, one mask bit each.

    Bit ``i`` (``1 << i``) is set when a class or id token (of
    :attr:`token_attributes`) satisfies ``tokens[i]``; bit ``len(tokens) + j`` when the
    attribute ``values[j][0]`` is present and its value satisfies ``values[j][1]``.
    """

    tokens: tuple[Callable[[str], bool], ...]
    values: tuple[tuple[str, Callable[[str], bool]], ...] = ()
    token_attributes: tuple[str, ...] = TOKEN_ATTRIBUTES
    """The attributes whose tokens the token rules judge (``class`` and ``id``, or one)."""
    names: tuple[str, ...] = attrs.field(init=False)
    """The attributes read, in order: :attr:`token_attributes`, then those of ``values``
    (each attribute once)."""
    encoded: tuple[bytes, ...] = attrs.field(init=False)
    """:attr:`names` as the compiled ``flagged`` takes them (UTF-8)."""
    index_of: dict[str, int] = attrs.field(init=False)
    """The position of each attribute in :attr:`names`."""

    def __attrs_post_init__(self) -> None:
        names = (*self.token_attributes, *(name for name, _ in self.values))
        if len(set(names)) < len(names):
            raise ValueError(f"an attribute is read twice: {names}")
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "encoded", tuple(name.encode() for name in names))
        object.__setattr__(self, "index_of", {name: i for i, name in enumerate(names)})

    def new_memos(self) -> tuple[dict[str, int], ...]:
        """Fresh memos for one pass over one page: per attribute of :attr:`names`, the
        mask of each value met (the token attributes share one: a token is judged alike
        in ``class`` and ``id``)."""
        shared: dict[str, int] = {}
        return (*(shared for _ in self.token_attributes), *({} for _ in self.values))

    def bit(self, predicate: Callable[[str], bool]) -> int:
        """The mask bit of one of the rules' predicates."""
        rules = [*self.tokens, *(judge for _, judge in self.values)]
        return 1 << next(i for i, rule in enumerate(rules) if rule is predicate)

    def judge(self, index: int, value: str) -> int:
        """The mask of ``value`` as the attribute ``names[index]``."""
        mask = 0
        first_value = len(self.token_attributes)
        if index < first_value:
            for token in value.split():
                for i, rule in enumerate(self.tokens):
                    if rule(token):
                        mask |= 1 << i
        elif self.values[index - first_value][1](value):
            mask = 1 << (len(self.tokens) + index - first_value)
        return mask

    def mask_of(self, el: Any, memos: tuple[dict[str, int], ...] | None = None) -> int:
        """The mask of ``el``'s marks (0 when no rule holds), each value looked up in
        ``memos`` (from :meth:`new_memos`) when given and remembered there."""
        mask = 0
        index_of = self.index_of
        for name, value in el.items():  # most elements have none
            index = index_of.get(name)
            if index is not None:
                if memos is None:
                    mask |= self.judge(index, value)
                    continue
                memo = memos[index]
                known = memo.get(value)
                if known is None:
                    known = memo[value] = self.judge(index, value)
                mask |= known
        return mask


Flagged = tuple[Any, str, int]
"""An element :func:`flagged` picks: the element, its tag and its mask."""


def flagged(
    root: Any,
    rules: MarkRules,
    tags: frozenset[str] = frozenset(),
    among: frozenset[str] | None = None,
    *,
    below: bool = False,
) -> tuple[list[Flagged], list[int]]:
    """The elements of ``root.iter()`` (without ``root`` itself when ``below``) whose tag
    is in ``tags`` or whose mask under ``rules`` is not zero (only those of ``among``
    when given are asked), in document order; and for each, the position in that list of
    the first one after its subtree (to pass a subtree over). Computed in C when the
    accelerator runs (the same as :func:`flagged_py`)."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.flagged(root, rules, _encoded(tags), _encoded(among), below)
    return flagged_py(root, rules, tags, among, below=below)


def picked(root: Any, rules: MarkRules, among: frozenset[str] | None = None) -> Iterable[Flagged]:
    """The elements of ``root.iter(*among)`` (every element when ``among`` is None) whose
    mask under ``rules`` is not zero, as :func:`flagged` picks them (lazily on the pure
    path: a reader may stop early)."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.flagged(root, rules, None, _encoded(among), False)[0]
    return _picked_py(root, rules, among)


def _picked_py(root: Any, rules: MarkRules, among: frozenset[str] | None) -> Iterator[Flagged]:
    mask_of = rules.mask_of
    memos = rules.new_memos()
    for el in root.iter(*among) if among is not None else root.iter(etree.Element):
        mask = mask_of(el, memos)
        if mask:
            yield el, el.tag, mask


def flagged_py(
    root: Any,
    rules: MarkRules,
    tags: frozenset[str] = frozenset(),
    among: frozenset[str] | None = None,
    *,
    below: bool = False,
) -> tuple[list[Flagged], list[int]]:
    """:func:`flagged` in Python: the reference of the compiled version."""
    found: list[Flagged] = []
    after: list[int] = []
    # The picked elements whose subtree holds el, each with the first element after its
    # subtree (None: the end), innermost last: that element closes it.
    open_at: list[tuple[Any, int]] = []
    memos = rules.new_memos()
    for el in root.iter(etree.Element):
        while open_at and open_at[-1][0] is el:
            after[open_at.pop()[1]] = len(found)
        if below and el is root:
            continue
        tag = el.tag
        mask = rules.mask_of(el, memos) if among is None or tag in among else 0
        if mask or tag in tags:
            open_at.append((_next_after(el, root), len(found)))
            after.append(0)
            found.append((el, tag, mask))
    while open_at:
        after[open_at.pop()[1]] = len(found)
    return found, after


def _next_after(el: Any, stop: Any) -> Any:
    """The first element after ``el``'s subtree in document order, within ``stop``."""
    node = el
    while node is not None and node is not stop:
        following = next(node.itersiblings(etree.Element), None)
        if following is not None:
            return following
        node = node.getparent()
    return None


@functools.lru_cache(maxsize=64)
def _encoded(tags: frozenset[str] | None) -> tuple[bytes, ...] | None:
    """Tag names as the compiled ``flagged`` takes them (UTF-8). Remembered: the callers
    pass only the modules' constant tag sets, never a page's data (see ``_tree._names``)."""
    if tags is None:
        return None
    return tuple(sorted(tag.encode() for tag in tags))
