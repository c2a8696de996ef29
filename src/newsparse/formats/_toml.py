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
from newsparse.errors import ParseError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["KEY_LINE", "MAX_NUMBER", "load_toml"]

MAX_NUMBER: Final = 1000
"""Longest integer (in characters) read as a number; a longer one is kept as text, with a
``number-too-long`` warning, in YAML and TOML front matter alike (Python refuses to convert
decimals over 4,300 digits, and the cost grows with the square of the length)."""
MAX_DEPTH: Final = 64
"""Deepest nesting of arrays and inline tables handed to the TOML parser (it recurses)."""
KEY_LINE: Final = re.compile(r"""[ \t]*([A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*=(.*)""")
"""A top-level ``key = value`` line."""
_AT_LINE: Final = re.compile(r"\(at line (\d+), column \d+\)")
_MAX_BITS: Final = 4 * MAX_NUMBER
_LONG_RUN: Final = re.compile(rf"[0-9A-Fa-f_]{{{MAX_NUMBER},}}")
"""A run of digits long enough to be a number over :data:`MAX_NUMBER` (a cheap first look)."""
_BARE: Final = re.compile(r"[+-]?[0-9A-Za-z_.:]+")
"""A bare (unquoted) value token."""
_INTEGER: Final = re.compile(r"[+-]?(?:0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|[0-9_]+)")


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
    if isinstance(value, int) and value.bit_length() > _MAX_BITS:
        return hex(value)  # never reached past the lexical guard; str() would raise
    return value


def _quote_long_numbers(text: str) -> tuple[str, list[int]]:
    """``text`` with every bare integer longer than :data:`MAX_NUMBER` characters put in
    quotes (so TOML reads it as a string), and the 0-based lines where that was done.

    Strings and comments are skipped; only a value (after ``=``, ``[`` or ``,``) is quoted,
    never a key. A decimal of over 4,300 digits would make the TOML parser raise a plain
    ``ValueError``; a long hexadecimal one parses, but can then never be written as decimal.
    """
    if _LONG_RUN.search(text) is None:
        return text, []
    out: list[str] = []
    lines: list[int] = []
    prev = ""  # the last significant character outside strings and comments
    i = start = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            triple = text.startswith(ch * 3, i)
            close = ch * 3 if triple else ch
            j = i + len(close)
            while j < n and not text.startswith(close, j):
                if ch == '"' and text[j] == "\\":
                    j += 1
                elif not triple and text[j] == "\n":
                    break
                j += 1
            i = min(n, j + len(close))
            prev = ch
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif ch in " \t\r\n":
            i += 1
        else:
            m = _BARE.match(text, i)
            if m is None:
                prev = ch
                i += 1
                continue
            token = m[0]
            if prev in "=[," and len(token) > MAX_NUMBER and _INTEGER.fullmatch(token):
                out += [text[start:i], '"', token, '"']
                start = m.end()
                lines.append(text.count("\n", 0, i))
            prev = token[-1]
            i = m.end()
    out.append(text[start:])
    return "".join(out), lines


def _loads(text: str, first_line: int, ctx: Context) -> dict[str, Any]:
    """:func:`tomllib.loads`, with long integers kept as text (a ``number-too-long``
    warning each).

    Raises:
        tomllib.TOMLDecodeError: the text is not valid TOML.
        ValueError: the TOML parser refused a value in another way.
    """
    quoted, lines = _quote_long_numbers(text)
    loaded: dict[str, Any] = tomllib.loads(quoted)
    for line in lines:
        ctx.warn(
            "number-too-long",
            f"a front-matter number longer than {MAX_NUMBER} digits is kept as text",
            first_line + line,
        )
    return loaded


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
        loaded = _loads(text, first_line, ctx)
    except ParseError:  # a warning in strict mode
        raise
    except ValueError as exc:  # TOMLDecodeError, or a value the parser could not convert
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
            out[key] = _plain(next(iter(_loads(line, first_line + offset, ctx).values())))
            continue
        except ParseError:  # a warning in strict mode
            raise
        except (ValueError, StopIteration):
            pass
        out[key] = _unquote(m[2]) or None
        ctx.warn(
            "front-matter-recovered",
            f"front matter key {key!r} is not valid TOML; its value was read from the raw line",
            first_line + offset,
        )
    return out
