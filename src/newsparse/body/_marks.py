"""Rules over an element's marks (its class and id tokens, some attribute values) as data.

A rule that reads marks is declared once, here or next to the step that uses it, as a
:class:`MarkRules`: a predicate per kind of class/id token and per attribute value, each
giving one bit of a mask. Both paths read an element's mask through it::

    <div class="share-bar post_x" style="display:none">   tokens share-bar, post_x: the
                                                          "chrome" bit; the style: "hidden"

- the pure path asks :meth:`MarkRules.mask_of` of each element;
- the compiled path (``_ctree.flagged``, ``_ctree.marks_of``) reads the attribute values
  in C and judges there each that the rules' data decide (below); any other it looks up
  in a memo of its own (:meth:`MarkRules.new_memos`, made for that one pass over one
  page) and asks :meth:`MarkRules.judge` only about a value it has not met, so that the
  predicates (the decisions) stay in Python and are the only definition.

Most rules are the same kind of rule, declared as data: a class/id token rule as
:class:`Words` (whole words, whole tokens, substrings and flag endings, lower-case
ASCII), an id rule as :class:`ExactValue`. Each is the predicate itself (its regular
expressions, built from the data, are the reference), and the compiled pass reads the
same data (:attr:`MarkRules.table`, built once with the rules) to judge an ASCII value
byte by byte, without calling Python; a value with any other character is judged by the
predicate, so that Unicode case folding (``ſ``, the Kelvin sign, dotless ``ı``) stays
exactly that of :mod:`re`::

    Words(words=("share", "ad-slot"))   share, post_share-bar, AD-SLOT-2; not shared

The rules are frozen module data: no memo outlives the selection that filled it, so no
state of the module grows as pages are parsed.

:func:`flagged` picks, in one pass, the elements whose mask is not zero (or whose tag is
one of some tags), the way chrome removal, the byline and the standfirst read a page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final, Protocol

import attrs
from lxml import etree

from newsparse import _accel

TOKEN_ATTRIBUTES: Final = ("class", "id")
"""The attributes whose white-space separated tokens the token rules judge."""

_NEVER: Final = re.compile(r"(?!)")
"""A pattern that matches nothing (the words of a rule that has none)."""
_ASCII_SPACE: Final = r"\t\n\x0b\x0c\r\x1c-\x1f "
"""The ASCII characters that ``str.split`` splits at (a character class's body)."""


def _literals(kind: str, words: Iterable[str]) -> None:
    """Refuse a word that is not non-empty lower-case ASCII without white space (what the
    compiled pass compares byte by byte, an ASCII token lower-cased)."""
    for word in words:
        if not word or not word.isascii() or word != word.lower() or len(word.split()) != 1:
            raise ValueError(f"{kind} {word!r}: a word is non-empty lower-case ASCII")


@attrs.frozen
class Words:
    """A rule over one class/id token, as data, case-insensitive::

        Words(words=("share", "ad-slot"))      share, post_share-bar, AD-SLOT-2; not shared
        Words(tokens=frozenset({"sr-only"}))   sr-only, SR-Only; not x-sr-only
        Words(substrings=("paywall",))         mypaywallbox
        Words(words=("logo",), unless=("no",)) logo-x; never logo-no

    A token satisfies it when it holds one of :attr:`words` as a whole word (between
    ``-``/``_`` or its ends, as the pattern :attr:`pattern` matches it), is one of
    :attr:`tokens` or holds one of :attr:`substrings` (lower-cased by ``str.lower``), and
    does not end with ``-`` and one of :attr:`unless` (a flag saying the thing is
    absent). The rule is called with a token (no white space, as ``str.split`` gives).
    """

    words: tuple[str, ...] = ()
    tokens: frozenset[str] = frozenset()
    substrings: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    pattern: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)
    """Any of :attr:`words` as a whole word of a token (``re.IGNORECASE``)."""
    flag: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)
    """A token ending with ``-`` and one of :attr:`unless` (``re.IGNORECASE``)."""
    _ascii: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)
    """:attr:`pattern` without case folding: the same verdict on a lower-cased ASCII token."""
    _endings: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    _in_value: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)
    """:attr:`words` as whole words of any token of a lower-cased ASCII value."""

    def __attrs_post_init__(self) -> None:
        _literals("word", self.words)
        _literals("token", self.tokens)
        _literals("substring", self.substrings)
        _literals("flag", self.unless)
        body = "|".join(re.escape(word) for word in self.words)
        whole = rf"(?:^|[_-])(?:{body})(?:$|[_-])" if self.words else _NEVER.pattern
        flags = "|".join(re.escape(word) for word in self.unless)
        flag = f"-(?:{flags})$" if self.unless else _NEVER.pattern
        object.__setattr__(self, "pattern", re.compile(whole, re.IGNORECASE))
        object.__setattr__(self, "flag", re.compile(flag, re.IGNORECASE))
        object.__setattr__(self, "_ascii", re.compile(whole))
        object.__setattr__(self, "_endings", tuple(f"-{word}" for word in self.unless))
        edge = f"[{_ASCII_SPACE}_-]"
        spaced = rf"(?:^|{edge})(?:{body})(?:$|{edge})" if self.words else _NEVER.pattern
        object.__setattr__(self, "_in_value", re.compile(spaced))

    def __call__(self, token: str) -> bool:
        """Whether ``token`` satisfies the rule (an ASCII token lower-cased once, any
        other as :meth:`reference`: the same verdict)."""
        if not token.isascii():
            return self.reference(token)
        lowered = token.lower()
        if lowered.endswith(self._endings):
            return False
        if lowered in self.tokens or any(sub in lowered for sub in self.substrings):
            return True
        return self._ascii.search(lowered) is not None

    def in_ascii_value(self, lowered: str) -> bool:
        """Whether a token of ``lowered`` (an ASCII value, lower-cased) satisfies the rule:
        ``any(self(token) for token in lowered.split())``, the whole value asked at once
        (a word, token or substring holds no white space) before any token is."""
        if not (
            self._in_value.search(lowered)
            or any(sub in lowered for sub in self.substrings)
            or (self.tokens and not self.tokens.isdisjoint(lowered.split()))
        ):
            return False
        return not self.unless or any(map(self, lowered.split()))

    def reference(self, token: str) -> bool:
        """The rule as regular expressions: the definition of :meth:`__call__`."""
        if self.flag.search(token):
            return False
        lowered = token.lower()
        if lowered in self.tokens or any(sub in lowered for sub in self.substrings):
            return True
        return self.pattern.search(token) is not None

    def encoded(self) -> tuple[tuple[bytes, ...], ...]:
        """The rule as the compiled ``mark_table`` takes it: words, tokens, substrings and
        flag endings (``-no``), as ASCII bytes."""
        return (
            tuple(word.encode() for word in self.words),
            tuple(sorted(token.encode() for token in self.tokens)),
            tuple(sub.encode() for sub in self.substrings),
            tuple(ending.encode() for ending in self._endings),
        )


@attrs.frozen
class ExactValue:
    """A rule over a whole attribute value, as data: it is one of :attr:`values`
    (``ignore_case``: case-insensitively, as ``re.match(r"^(?:v1|v2)$", value, re.I)``,
    which passes over one final line break)."""

    values: frozenset[str]
    ignore_case: bool = False
    pattern: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)
    """The values as :attr:`ignore_case` reads them."""

    def __attrs_post_init__(self) -> None:
        if self.ignore_case:
            _literals("value", self.values)
        body = "|".join(re.escape(value) for value in sorted(self.values))
        flags = re.IGNORECASE if self.ignore_case else 0
        object.__setattr__(self, "pattern", re.compile(f"^(?:{body})$", flags))

    def __call__(self, value: str) -> bool:
        """Whether ``value`` is one of :attr:`values` (an ASCII value lower-cased once,
        any other as :meth:`reference`: the same verdict)."""
        if not self.ignore_case:
            return value in self.values
        if value.isascii() and "\n" not in value:
            return value.lower() in self.values
        return self.reference(value)

    def reference(self, value: str) -> bool:
        """The rule as a regular expression: the definition of :meth:`__call__`."""
        if not self.ignore_case:
            return value in self.values
        return self.pattern.match(value) is not None

    def encoded(self) -> tuple[tuple[bytes, ...], bool]:
        """The rule as the compiled ``mark_table`` takes it (values of ASCII only: a value
        with another character is judged in Python)."""
        return tuple(sorted(v.encode() for v in self.values if v.isascii())), self.ignore_case


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
    _words: tuple[Words, ...] | None = attrs.field(init=False)
    """:attr:`tokens` when every one is :class:`Words` (then an ASCII value is judged
    whole by each, :meth:`Words.in_ascii_value`)."""
    table: Any = attrs.field(init=False)
    """The rules that are data (:class:`Words` when every token rule is one,
    :class:`ExactValue`), as the compiled ``flagged`` reads them: built once, here, by
    the accelerator (None on the pure path)."""

    def __attrs_post_init__(self) -> None:
        names = (*self.token_attributes, *(name for name, _ in self.values))
        if len(set(names)) < len(names):
            raise ValueError(f"an attribute is read twice: {names}")
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "encoded", tuple(name.encode() for name in names))
        object.__setattr__(self, "index_of", {name: i for i, name in enumerate(names)})
        words = tuple(rule for rule in self.tokens if isinstance(rule, Words))
        object.__setattr__(self, "_words", words if len(words) == len(self.tokens) else None)
        compiled = _accel.CTREE
        table = None
        if compiled is not None:
            data = tuple(
                rule.encoded() if isinstance(rule, Words) else None for rule in self.tokens
            )
            exact = tuple(
                rule.encoded() if isinstance(rule, ExactValue) else None for _, rule in self.values
            )
            table = compiled.mark_table(data, exact, len(self.token_attributes))
        object.__setattr__(self, "table", table)

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
            if self._words is not None and value.isascii():
                lowered = value.lower()
                for i, words in enumerate(self._words):
                    if words.in_ascii_value(lowered):
                        mask |= 1 << i
                return mask
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


def marks_of(el: Any, rules: MarkRules) -> int:
    """``rules.mask_of(el)``: the mask of one element's marks, computed from the rules'
    data in C when the accelerator runs."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.marks_of(el, rules)
    return rules.mask_of(el)


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


class SkippingWalk(Protocol):
    """What :func:`flag_walk` returns: the picks one at a time, and a way past a subtree."""

    def __iter__(self) -> Iterator[Flagged]: ...

    def skip(self) -> None:
        """Pass over the subtree of the last element given (nothing when none was)."""


def flag_walk(
    root: Any,
    rules: MarkRules,
    tags: frozenset[str] = frozenset(),
    *,
    below: bool = False,
) -> SkippingWalk:
    """What :func:`flagged` picks (every element asked), one at a time, in document
    order; ``skip()`` passes over the subtree of the last one given, whose elements are
    then neither read nor given (chrome removal: a removed element's inside is not asked
    about). The tree must not change during the walk. In C when the accelerator runs
    (the same as :class:`FlagWalkPy`)."""
    compiled = _accel.CTREE
    if compiled is not None:
        walk: SkippingWalk = compiled.FlagWalk(root, rules, _encoded(tags), None, below)
        return walk
    return FlagWalkPy(root, rules, tags, below=below)


class FlagWalkPy:
    """:func:`flag_walk` in Python (the reference of the compiled ``FlagWalk``): the
    picks of :func:`flagged_py`, passed over by its positions after each subtree."""

    __slots__ = ("_after", "_found", "_last", "_skip", "_steps")

    def __init__(
        self, root: Any, rules: MarkRules, tags: frozenset[str] = frozenset(), *, below: bool
    ) -> None:
        self._found, self._after = flagged_py(root, rules, tags, below=below)
        self._last = -1
        self._skip = False
        self._steps = self._walk()

    def __iter__(self) -> Iterator[Flagged]:
        """The picks not given yet (one walk: an iterator, as the compiled one is)."""
        return self._steps

    def _walk(self) -> Iterator[Flagged]:
        found, after = self._found, self._after
        k, count = 0, len(found)
        while k < count:
            self._last, self._skip = k, False
            yield found[k]
            k = after[k] if self._skip else k + 1
        self._last = -1

    def skip(self) -> None:
        """Pass over the subtree of the last element given (nothing when none was)."""
        if self._last >= 0:
            self._skip = True


def picked(root: Any, rules: MarkRules, among: frozenset[str] | None = None) -> Iterable[Flagged]:
    """The elements of ``root.iter(*among)`` (every element when ``among`` is None) whose
    mask under ``rules`` is not zero, as :func:`flagged` picks them (lazily on the pure
    path: a reader may stop early)."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.flagged(root, rules, None, _encoded(among), False)[0]
    return _picked_py(root, rules, among)


Selection = tuple[MarkRules, frozenset[str] | None]
"""What :func:`picks` picks: the elements of some tags (every element when None) whose
mask under the rules is not zero."""


def picks(root: Any, selections: tuple[Selection, ...]) -> list[list[Flagged]]:
    """For each selection ``(rules, among)``, what :func:`picked` picks: ``root``'s
    elements of ``among`` (every element when None) whose mask under ``rules`` is not
    zero, in document order. In one pass over the tree for all of them when the
    accelerator runs (the same as :func:`picks_py`), so that the selections a page is read
    by cost one walk of it instead of one each."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.picks(root, _encoded_selections(selections))
    return picks_py(root, selections)


def picks_py(root: Any, selections: tuple[Selection, ...]) -> list[list[Flagged]]:
    """:func:`picks` in Python: the reference of the compiled version."""
    return [list(_picked_py(root, rules, among)) for rules, among in selections]


@functools.lru_cache(maxsize=16)
def _encoded_selections(
    selections: tuple[Selection, ...],
) -> tuple[tuple[MarkRules, tuple[bytes, ...] | None], ...]:
    """``selections`` as the compiled ``picks`` takes them. Remembered: the callers pass
    only the modules' constant selections (rules and tag sets), never a page's data."""
    return tuple((rules, _encoded(among)) for rules, among in selections)


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
