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
"""

from __future__ import annotations

import re
from typing import Any, Final

__all__ = ["load_flat"]

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


def load_flat(text: str, resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]]) -> Any:
    """Read flat front matter as YAML would, or return ``None`` to leave it to YAML.

    Args:
        text: the front matter block.
        resolvers: the loader's ``yaml_implicit_resolvers`` (how it types plain scalars).
    """
    if _UNSAFE.search(text):
        return None
    loaded: dict[str, Any] = {}
    read: dict[str, Any] = {}  # each value read once: tags and categories often match
    for line in text.split("\n"):
        if not line:
            continue
        m = _LINE.fullmatch(line)
        if m is None or _plain_tag(m[1], resolvers) != _STR:
            return None
        raw = m[2] or ""
        if raw in read:
            value = read[raw]
            if isinstance(value, list):
                value = list(value)  # each key its own list, as YAML gives
        else:
            value = read[raw] = _value(raw, resolvers)
        if value is _NOT_FLAT:
            return None
        loaded[m[1]] = value
    return loaded or None


_NOT_FLAT: Final = object()


def _value(raw: str, resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]]) -> Any:
    """The value of one line, or :data:`_NOT_FLAT`."""
    if raw.startswith('"'):
        quoted = _DOUBLE_QUOTED.fullmatch(raw)
        return _NOT_FLAT if quoted is None else quoted[1]
    if raw.startswith("["):
        listed = _FLOW_LIST.fullmatch(raw)
        if listed is None:
            return _NOT_FLAT
        inner = listed[1]
        if not inner.strip(" "):
            return []
        items = [item.strip(" ") for item in inner.split(",")]
        for item in items:
            if not item or item[0] in _INDICATORS or _plain_tag(item, resolvers) != _STR:
                return _NOT_FLAT
        return items
    if raw and (raw[0] in _INDICATORS or raw.endswith(":") or ": " in raw or " #" in raw):
        return _NOT_FLAT
    tag = _plain_tag(raw, resolvers)
    if tag == _STR:
        return raw
    if tag == _BOOL:  # ``comments: true``
        return _BOOLS.get(raw.lower(), _NOT_FLAT)
    return None if tag == _NULL and not raw else _NOT_FLAT


def _plain_tag(value: str, resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]]) -> str:
    """The tag YAML's implicit resolvers give a plain scalar (as ``Resolver.resolve`` does)."""
    candidates = resolvers.get(value[:1])
    anywhere = resolvers.get(None)
    if anywhere:
        candidates = [*(candidates or ()), *anywhere]
    if candidates:  # most values open with a character no resolver is keyed by
        for tag, regexp in candidates:
            if regexp.match(value):
                return tag
    return _STR
