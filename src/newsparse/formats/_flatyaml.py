"""A fast path for flat front matter: ``key: value`` lines that YAML reads one obvious way.

Archived posts carry front matter like::

    layout: post
    title: "前端引路人計畫失敗心得"
    date: 2020-10-02T10:24:13.000Z
    tags: [ Huli ]

Loading that through libyaml costs more than parsing the whole HTML body. :func:`load_flat`
reads it directly, but only when every line is a top-level key with a value of one of three
shapes whose YAML reading is unambiguous: a double-quoted string without escapes, a
plain scalar, or a one-line flow list of plain scalars. Plain scalars are typed with the
loader's own implicit resolvers; anything that is not a string, a boolean or empty (a
number, ``~``) goes to YAML. Whatever else it meets (comments, indentation, quotes of
another kind, YAML indicators, unusual characters), it answers ``None`` and the caller
loads the block with YAML as before: the result is always what YAML would give.

A :class:`FlatReader` is prepared once per loader (the resolvers by first character, the
common keys already typed); the lines are split, and each value's shape (a quoted
string, a flow list, a plain scalar) found, by the compiled accelerator when it runs
(``flat_pairs``, same result as :func:`flat_pairs_py`); the resolvers type the values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

from newsparse import _accel

__all__ = ["FlatReader", "flat_lines_py", "flat_pairs_py", "load_flat"]

_STR: Final = "tag:yaml.org,2002:str"
_NULL: Final = "tag:yaml.org,2002:null"
_BOOL: Final = "tag:yaml.org,2002:bool"
_BOOLS: Final = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
"""How YAML's safe constructor reads a scalar its resolver typed as a boolean."""

_LINE: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,99}):(?: +(.*[^ ]))? *")
"""A top-level ``key: value`` line (a short plain key; trailing spaces are not the value).

The value is matched greedily up to its last non-space character: a lazy ``(.*?) *`` would
try the end of the line at every character."""
_DOUBLE_QUOTED: Final = re.compile(r'"([^"\\]*)"')
_FLOW_LIST: Final = re.compile(r"\[([^\[\]{}\"'#:]*)\]")
_UNSAFE: Final = re.compile(
    "[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""Characters left to YAML: controls and tabs, other line breaks (NEL, U+2028/9), the BOM."""
_INDICATORS: Final = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""A plain scalar opening with one of these is left to YAML."""


_NUMBER_PATTERNS: Final = frozenset({
    ("tag:yaml.org,2002:int", r"""^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"""),
    ("tag:yaml.org,2002:float", r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$"""),
})  # fmt: skip
"""PyYAML's resolvers of integers and floats (tag and pattern, with ``re.X``)."""
_NUMBERS_VERBOSE: Final = frozenset((tag, pattern, re.X) for tag, pattern in _NUMBER_PATTERNS)
_NUMBER_CHARS: Final = "0123456789-+_:.abcdefABCDEFxinIN\n"
"""Every character a match of :data:`_NUMBER_PATTERNS` can hold (and the newline ``$``
lets end it): a plain scalar holding another (``2024-05-16T07:34:54.218Z``, with its
``T`` and ``Z``) is no number, and its resolvers need not be tried."""

_Resolvers = dict[Any, list[tuple[str, "re.Pattern[str]"]]]
_Candidates = tuple[tuple[str, "re.Pattern[str]"], ...]


_COMMON_KEYS: Final = (
    "layout", "title", "date", "author", "from", "tags", "categories", "comments", "url",
    "link", "description", "image", "source", "slug", "draft", "published", "updated",
)  # fmt: skip
"""Front-matter keys worth typing once, when the reader is prepared (see ``str_keys``)."""


@attrs.frozen
class FlatReader:
    """:func:`load_flat` for one loader's resolvers, prepared once: for each first
    character, the resolvers YAML tries on a plain scalar opening with it."""

    by_first: Mapping[str, _Candidates]
    anywhere: _Candidates
    """The resolvers keyed by ``None`` (tried on every scalar, after the first's)."""
    str_keys: frozenset[str]
    """Those of :data:`_COMMON_KEYS` that these resolvers type as strings: such a key
    needs no resolver on each line (the others are typed as they come)."""
    numeric: frozenset[str] = frozenset()
    """The first characters whose resolvers are only :data:`_NUMBER_PATTERNS` (digits,
    signs, the dot): a plain scalar opening with one and holding a character outside
    :data:`_NUMBER_CHARS` is a string without a resolver tried."""

    @classmethod
    def of(cls, resolvers: _Resolvers) -> FlatReader:
        """Prepare the reader of a loader's ``yaml_implicit_resolvers``."""
        anywhere = tuple(resolvers.get(None) or ())
        by_first = {
            first: (*candidates, *anywhere)
            for first, candidates in resolvers.items()
            if first is not None
        }
        plain = cls(by_first, anywhere, frozenset())
        str_keys = frozenset(k for k in _COMMON_KEYS if plain.plain_tag(k) == _STR)
        numeric = frozenset(
            first
            for first, candidates in by_first.items()
            if all(
                (tag, regexp.pattern, regexp.flags & re.X) in _NUMBERS_VERBOSE
                for tag, regexp in candidates
            )
        )
        return cls(by_first, anywhere, str_keys, numeric)

    def plain_tag(self, value: str) -> str:
        """The tag YAML's implicit resolvers give a plain scalar (as ``Resolver.resolve``
        does: the first character's resolvers, then those keyed by ``None``)."""
        for tag, regexp in self.by_first.get(value[:1], self.anywhere):
            if regexp.match(value):
                return tag
        return _STR

    def load(self, text: str) -> Any:
        """Read flat front matter as YAML would, or return ``None`` to leave it to YAML."""
        compiled = _accel.CTREE
        pairs = flat_pairs_py(text) if compiled is None else compiled.flat_pairs(text)
        if pairs is None:
            return None
        by_first, anywhere, str_keys, numeric = (
            self.by_first,
            self.anywhere,
            self.str_keys,
            self.numeric,
        )
        loaded: dict[str, Any] = {}
        lists: dict[str, Any] = {}  # each list read once: tags and categories often match
        for key, raw, shape in pairs:
            # Most keys are common ones, or open with a character no resolver is keyed by.
            if (
                key not in str_keys
                and by_first.get(key[0], anywhere)
                and self.plain_tag(key) != _STR
            ):
                return None
            if shape == QUOTED:
                value: Any = raw  # the inside of the quotes: a string
            elif shape == PLAIN:
                # No resolver to try (most values), or a date where only a number's are: a
                # string; else as its resolver types it.
                if not by_first.get(raw[0], anywhere) or (
                    raw[0] in numeric and raw.strip(_NUMBER_CHARS)
                ):
                    value = raw
                else:
                    value = self._plain(raw)
            elif shape == LISTED:
                value = lists.get(raw, _NOT_FLAT)
                if value is _NOT_FLAT:
                    value = lists[raw] = self._items(raw)
                else:
                    value = list(value)  # each key its own list, as YAML gives
            else:
                value = self._plain("")  # no value: what YAML makes of an empty scalar
            if value is _NOT_FLAT:
                return None
            loaded[key] = value
        return loaded or None

    def _plain(self, raw: str) -> Any:
        """A plain scalar as the resolvers type it: a string, a boolean, ``None`` for an
        empty one, or :data:`_NOT_FLAT` (a number, ``~``: left to YAML)."""
        tag = self.plain_tag(raw)
        if tag == _STR:
            return raw
        if tag == _BOOL:  # ``comments: true``
            return _BOOLS.get(raw.lower(), _NOT_FLAT)
        return None if tag == _NULL and not raw else _NOT_FLAT

    def _items(self, inner: str) -> Any:
        """The items of a one-line flow list of plain scalars (the inside of its brackets,
        which holds none of ``[]{}"'#:``), or :data:`_NOT_FLAT`."""
        if not inner.strip(" "):
            return []
        items = [item.strip(" ") for item in inner.split(",")]
        by_first, anywhere = self.by_first, self.anywhere
        for item in items:
            if not item or item[0] in _INDICATORS:
                return _NOT_FLAT
            if by_first.get(item[0], anywhere) and self.plain_tag(item) != _STR:
                return _NOT_FLAT
        return items


EMPTY: Final = 0
"""A line's shape in :func:`flat_pairs_py`: no value."""
QUOTED: Final = 1
"""A double-quoted string without escapes (the value is its inside)."""
LISTED: Final = 2
"""A one-line flow list whose inside holds none of ``[]{}"'#:`` (the value is its inside)."""
PLAIN: Final = 3
"""A plain scalar that opens with no indicator and holds no ``: `` or `` #``."""


def _shape(raw: str) -> tuple[str, int] | None:
    """What a non-empty value reads as and its shape, or ``None`` when YAML must read it."""
    first = raw[:1]
    if first == '"':
        quoted = _DOUBLE_QUOTED.fullmatch(raw)
        return None if quoted is None else (quoted[1], QUOTED)
    if first == "[":
        listed = _FLOW_LIST.fullmatch(raw)
        return None if listed is None else (listed[1], LISTED)
    if first in _INDICATORS or raw[-1:] == ":" or ": " in raw or " #" in raw:
        return None
    return raw, PLAIN


def flat_pairs_py(text: str) -> list[tuple[str, str, int]] | None:
    """``(key, value, shape)`` for each line :func:`flat_lines_py` splits (a value as its
    shape reads it: the inside of quotes or brackets, ``""`` with :data:`EMPTY`), or
    ``None`` when YAML must read the block (a line of no shape, or no flat line at all):
    the reference of the compiled version."""
    lines = flat_lines_py(text)
    if lines is None:
        return None
    pairs: list[tuple[str, str, int]] = []
    for key, raw in lines:
        if raw is None:
            pairs.append((key, "", EMPTY))
            continue
        shaped = _shape(raw)
        if shaped is None:
            return None
        pairs.append((key, *shaped))
    return pairs


def flat_lines_py(text: str) -> list[tuple[str, str | None]] | None:
    """The ``(key, value)`` of each non-empty line (``value`` ``None`` when the line has
    none), or ``None`` when a character is left to YAML (:data:`_UNSAFE`) or a line is
    not a :data:`_LINE`: the reference of the compiled version."""
    if _UNSAFE.search(text):
        return None
    pairs: list[tuple[str, str | None]] = []
    for line in text.split("\n"):
        if not line:
            continue
        m = _LINE.fullmatch(line)
        if m is None:
            return None
        pairs.append((m[1], m[2]))
    return pairs


def load_flat(text: str, resolvers: _Resolvers) -> Any:
    """Read flat front matter as YAML would, or return ``None`` to leave it to YAML.

    Args:
        text: the front matter block.
        resolvers: the loader's ``yaml_implicit_resolvers`` (how it types plain scalars).
            A caller that reads many blocks prepares a :class:`FlatReader` once instead.
    """
    return FlatReader.of(resolvers).load(text)


_NOT_FLAT: Final = object()
