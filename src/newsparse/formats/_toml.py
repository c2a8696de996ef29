"""TOML front matter, as Hugo writes it between ``+++`` lines::

    +++
    title = "城市图书馆延长夜间开放时间"
    date = 2024-03-08T17:30:00+08:00
    tags = ["图书馆", "城市"]
    [params]
    source = "示例日报"
    +++

Read with :mod:`tomllib` (Python 3.11+) or ``tomli``, into the same JSON-typed mapping
YAML front matter gives: dates and times become ISO 8601 strings, so that they go through
:mod:`newsparse.dates` like any other; tables become mappings (in ``extra``). A block
TOML rejects is read one ``key = value`` line at a time, with a warning per recovered key.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from typing import Any, Final

from newsparse._context import Context

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["KEY_LINE", "load_toml"]

MAX_DEPTH: Final = 64
"""Deepest nesting of arrays and inline tables handed to the TOML parser (it recurses)."""
KEY_LINE: Final = re.compile(r"""[ \t]*([A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*=(.*)""")
"""A top-level ``key = value`` line."""
_AT_LINE: Final = re.compile(r"\(at line (\d+), column \d+\)")


def _plain(value: Any) -> Any:
    """A TOML value in JSON types."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _depth(text: str) -> int:
    """How deep brackets and braces nest, outside strings (close enough for a guard)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = peak = 0
    quote = ""
    for ch in text:
        if quote:
            if ch == quote or ch == "\n":
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
            peak = max(peak, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return peak


def load_toml(text: str, first_line: int, ctx: Context) -> dict[str, Any]:
    """Load a TOML front-matter block (``first_line`` is its first line in the file)."""
    if not text.strip():
        return {}
    if _depth(text) > MAX_DEPTH:
        ctx.warn(
            "front-matter-invalid",
            f"front matter nests arrays or tables more than {MAX_DEPTH} deep; read line by line",
            first_line,
        )
        return _recover(text, first_line, ctx)
    try:
        loaded = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _AT_LINE.search(message)
        line = first_line + int(found[1]) - 1 if found else first_line
        reason = _AT_LINE.sub("", message).strip()
        ctx.warn("front-matter-invalid", f"front matter is not valid TOML: {reason}", line)
        return _recover(text, first_line, ctx)
    result: dict[str, Any] = _plain(loaded)
    return result


def _unquote(raw: str) -> str:
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _recover(text: str, first_line: int, ctx: Context) -> dict[str, Any]:
    """Read top-level ``key = value`` lines one at a time (before any ``[table]``)."""
    out: dict[str, Any] = {}
    for offset, line in enumerate(text.split("\n")):
        if line.lstrip().startswith("["):
            break  # a table: its keys are not top-level
        m = KEY_LINE.fullmatch(line)
        if m is None:
            continue
        key = _unquote(m[1])
        try:
            if _depth(line) > MAX_DEPTH:
                raise ValueError("too deep")
            out[key] = _plain(next(iter(tomllib.loads(line).values())))
            continue
        except (tomllib.TOMLDecodeError, ValueError, StopIteration):
            pass
        out[key] = _unquote(m[2]) or None
        ctx.warn(
            "front-matter-recovered",
            f"front matter key {key!r} is not valid TOML; its value was read from the raw line",
            first_line + offset,
        )
    return out
