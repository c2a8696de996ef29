"""YAML front matter: split it off, load it safely, and recover what broken YAML still says.

(TOML front matter between ``+++`` lines, as Hugo writes it, is split off here too and
loaded by :mod:`newsparse.formats._toml`.)

Loading uses PyYAML's C safe loader (the pure-Python one where libyaml is missing) with
timestamps left as strings, so that dates go through :mod:`newsparse.dates` and every
value stays a JSON type. Nothing is ever constructed from tags. Aliases are allowed but
their expansion is bounded, and nesting is limited before libyaml sees the text, so an
alias bomb or a 100 000-deep ``[[[[…`` ends in a :class:`~newsparse.ParseError`.

Real archives break YAML (an unescaped ``"`` inside a double-quoted title, ``: `` inside
an unquoted value). Then each top-level ``key: value`` line is read on its own, and a value
YAML still rejects is taken from the raw text, with a warning per recovered key.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
from typing import Any, Final

import attrs
import yaml

from newsparse._context import Context
from newsparse.formats._flatyaml import FlatReader
from newsparse.formats._lines import iter_lines
from newsparse.formats._toml import KEY_LINE, MAX_NUMBER, load_toml

__all__ = ["FrontMatter", "load_front_matter", "split_front_matter"]

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe loader without the implicit timestamp type: dates stay strings, and integers
    longer than :data:`MAX_NUMBER` characters stay strings too (their lines are listed in
    :attr:`long_numbers`)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.long_numbers: list[int] = []


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> Any:
    if len(node.value) > MAX_NUMBER:
        loader.long_numbers.append(node.start_mark.line)
        return node.value
    return _BaseLoader.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

_FLAT: Final = FlatReader.of(_Loader.yaml_implicit_resolvers)
"""The flat reader of :class:`_Loader` (see :mod:`newsparse.formats._flatyaml`)."""

_OPEN: Final = re.compile(r"-{3,}[ \t]*")
_CLOSE: Final = re.compile(r"(?:-{3,}|\.{3})[ \t]*")
_CLOSE_LINE: Final = re.compile(r"\n(?:-{3,}|\.{3})[ \t]*$", re.MULTILINE)
"""A line that :data:`_CLOSE` matches whole, with the newline before it: one search finds it
(a literal first character lets the regex engine skip ahead; ``^`` would be tried everywhere)."""
_KEY_LINE: Final = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*?)|)[ \t]*")
_TOML_OPEN: Final = re.compile(r"\+{3}[ \t]*")
_TOML_CLOSE_LINE: Final = re.compile(r"\n\+{3}[ \t]*$", re.MULTILINE)
_INDICATORS: Final = re.compile(r"[ \t]*(?:[-?:][ \t]+)+")
MAX_FRONT_MATTER: Final = 512 * 1024
"""Front matter longer than this is not given to YAML (it is read line by line)."""
MAX_DEPTH: Final = 64
"""Deepest bracket or indentation nesting handed to YAML."""
MAX_NODES: Final = 20_000
"""Most values (after alias expansion) a front matter may hold."""
MAX_UNCLOSED_SCAN: Final = 200
"""Lines scanned for ``key: value`` pairs when the closing ``---`` is missing."""


class FrontMatterError(ValueError):
    """The front matter is beyond recovery (alias bomb, too deep)."""


@attrs.frozen
class FrontMatter:
    """The raw front matter block and where things are."""

    text: str
    first_line: int
    """Line number of the first line inside the block."""
    body_offset: int
    body_line: int
    closed: bool = True
    syntax: str = "yaml"
    """``"yaml"`` between ``---`` lines (Jekyll), ``"toml"`` between ``+++`` lines (Hugo)."""


def split_front_matter(text: str) -> FrontMatter | None:
    """Find a front matter block at the start of ``text`` (after blank lines), or ``None``."""
    line_no, pos, size = 0, 0, len(text)
    while pos < size:  # iter_lines without a generator: the opening line comes first
        newline = text.find("\n", pos)
        end = size if newline < 0 else newline + 1
        line = text[pos:] if newline < 0 else text[pos:newline]
        pos = end
        line_no += 1
        if not line or line.isspace():  # ``line.strip()`` is empty
            continue
        if _TOML_OPEN.fullmatch(line):
            block = _closed_block(text, end, line_no + 1, _TOML_CLOSE_LINE) or _scan_block(
                text, end, line_no + 1, _TOML_OPEN, KEY_LINE
            )
            return attrs.evolve(block, syntax="toml")
        if not _OPEN.fullmatch(line):
            return None
        return _closed_block(text, end, line_no + 1) or _scan_block(text, end, line_no + 1)
    return None


def _closed_block(
    text: str, start: int, first_line: int, closer: re.Pattern[str] = _CLOSE_LINE
) -> FrontMatter | None:
    """The block up to its first closing line, found with one search, or ``None`` if unclosed.

    ``start`` is where the line after the opening ``---`` starts: the search begins at the
    newline before it (``$`` sees only "\\n", as :func:`iter_lines` does). The same block as
    :func:`_scan_block` finds line by line, whenever that one is closed.
    """
    close = closer.search(text, start - 1)
    if close is None:
        return None
    begin = close.start() + 1
    end = close.end() + 1 if close.end() < len(text) else close.end()
    close_line = first_line + text.count("\n", start, begin)
    return FrontMatter(text[start:begin], first_line, end, close_line + 1)


def _scan_block(
    text: str,
    start: int,
    first_line: int,
    closing: re.Pattern[str] = _CLOSE,
    key_line: re.Pattern[str] = _KEY_LINE,
) -> FrontMatter:
    """The block from ``start``, line by line: up to a closing line, or when there is none,
    the run of key lines (``MAX_UNCLOSED_SCAN`` at most) with the rest as the body."""
    last_key_end, last_key_line = start, first_line
    for number, (begin, end, line) in enumerate(iter_lines(text, start), start=first_line):
        if closing.fullmatch(line):
            return FrontMatter(text[start:begin], first_line, end, number + 1)
        if number - first_line < MAX_UNCLOSED_SCAN and (
            key_line.fullmatch(line) or (line[:1] in {" ", "\t", "-"} and line.strip())
        ):
            last_key_end, last_key_line = end, number + 1
    return FrontMatter(
        text[start:last_key_end], first_line, last_key_end, last_key_line, closed=False
    )


def _check_depth(text: str) -> None:
    _check_brackets(text)
    _check_lines(text)


def _check_brackets(text: str) -> None:
    depth = peak = 0
    # Brackets nest no deeper than their count: most blocks need no character loop.
    if text.count("[") + text.count("{") > MAX_DEPTH:
        for ch in text:
            if ch in "[{":
                depth += 1
                peak = max(peak, depth)
            elif ch in "]}":
                depth = max(0, depth - 1)
    if peak > MAX_DEPTH:
        raise FrontMatterError(f"front matter nests brackets {peak} deep (limit {MAX_DEPTH})")


def _check_lines(text: str) -> None:
    lines = [line for line in text.split("\n") if line.strip()]
    indents = {len(line) - len(line.lstrip(" ")) for line in lines}
    if len(indents) > MAX_DEPTH:
        raise FrontMatterError(
            f"front matter uses {len(indents)} indentation levels (limit {MAX_DEPTH})"
        )
    # "- - - - x" and "? ? ? x" nest one level per indicator on a single line.
    for line in lines:
        m = _INDICATORS.match(line)
        if m and m.group().count("-") + m.group().count("?") > MAX_DEPTH:
            raise FrontMatterError(
                f"front matter nests block indicators more than {MAX_DEPTH} deep on one line"
            )


def _jsonable(value: Any, budget: list[int], depth: int = 0) -> Any:
    """Copy a loaded YAML value into JSON types, expanding aliases within the node budget."""
    budget[0] -= 1
    if budget[0] < 0:
        raise FrontMatterError(
            f"front matter expands to more than {MAX_NODES} values (a YAML alias bomb?)"
        )
    if depth > MAX_DEPTH:
        raise FrontMatterError(f"front matter nests deeper than {MAX_DEPTH}")
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v, budget, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, budget, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(str(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return str(value)


def _unquote_raw(raw: str) -> str:
    """Take a scalar from its raw text the way a reader would (outer quotes off)."""
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        inner = value[1:-1]
        return re.sub(r'\\(["\\/])', r"\1", inner)
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if value[:1] in {'"', "'"} and value[-1:] != value[:1]:
        return value[1:]  # unbalanced opening quote
    return value


def _raw_list(raw: str) -> list[str] | None:
    value = raw.strip()
    if value.startswith("[") and value.endswith("]"):
        return [_unquote_raw(p) for p in value[1:-1].split(",") if p.strip()]
    return None


def _load_yaml(text: str, ctx: Context, first_line: int) -> Any:
    """Load ``text`` (whose first line is ``first_line``), warning about long numbers."""
    loader = _Loader(text)
    try:
        loaded = loader.get_single_data()
    finally:
        loader.dispose()
    for line in loader.long_numbers:
        ctx.warn(
            "number-too-long",
            f"a front-matter number longer than {MAX_NUMBER} digits is kept as text",
            first_line + line,
        )
    return loaded


def _flat_result(flat: dict[str, Any], text_length: int) -> dict[str, Any]:
    """What :func:`_jsonable` gives for a :func:`load_flat` result, without the copy.

    Flat values are already JSON types (strings, booleans, ``None``, lists of strings) and
    nest two deep at most; only the node budget can refuse them (a huge flow list).
    ``text_length`` is the length of the block they were read from.
    """
    if text_length < MAX_NODES:
        # Every key and every list item takes one character of the block at least (its
        # own): 1 + values is at most 1 + text_length, so at most MAX_NODES here.
        return flat
    nodes = 1 + len(flat)
    for value in flat.values():
        if isinstance(value, list):
            nodes += len(value)
    if nodes > MAX_NODES:
        raise FrontMatterError(
            f"front matter expands to more than {MAX_NODES} values (a YAML alias bomb?)"
        )
    return flat


def load_front_matter(block: FrontMatter, ctx: Context) -> dict[str, Any]:
    """Load the block into a dict of JSON-typed values, recovering field by field.

    Raises:
        FrontMatterError: the block is an alias bomb or nests too deeply.
    """
    text = block.text
    if not text or text.isspace():  # ``not text.strip()`` without the copy
        return {}
    if block.syntax == "toml":
        return load_toml(text, block.first_line, ctx)
    if len(text) > MAX_FRONT_MATTER:
        ctx.warn(
            "front-matter-too-large",
            f"front matter is {len(text)} characters long; read line by line instead of as YAML",
            block.first_line,
        )
        return _recover(text, block.first_line, ctx, use_yaml=False)
    flat = _FLAT.load(text)
    if flat is not None:
        # Flat lines all open with a key at column 0, so of _check_depth's checks only the
        # bracket count can fail.
        _check_brackets(text)
        return _flat_result(flat, len(text))
    _check_depth(text)
    try:
        loaded = _load_yaml(text, ctx, block.first_line)
    except yaml.YAMLError as exc:
        line, reason = _describe_yaml_error(exc, block.first_line)
        ctx.warn("front-matter-invalid", f"front matter is not valid YAML: {reason}", line)
        return _recover(text, block.first_line, ctx, use_yaml=True)
    except RecursionError as exc:
        raise FrontMatterError("front matter nests too deeply") from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        ctx.warn(
            "front-matter-not-mapping",
            f"front matter is a YAML {type(loaded).__name__}, not a mapping of keys",
            block.first_line,
        )
        return {}
    result = _jsonable(loaded, [MAX_NODES])
    assert isinstance(result, dict)
    return result


def _describe_yaml_error(exc: yaml.YAMLError, first_line: int) -> tuple[int, str]:
    """Where a YAML error is and what was expected there, in a reader's words."""
    problem = str(getattr(exc, "problem", None) or str(exc).split("\n", 1)[0])
    context = str(getattr(exc, "context", None) or "")
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    mark = problem_mark
    if "end of stream" in problem and context_mark is not None:
        mark = context_mark  # an unclosed quote: point at where it opened
    line = first_line + mark.line if mark is not None else first_line
    if "quoted scalar" in context:
        return line, "a quoted value is never closed (expected a closing quote)"
    if "mapping values are not allowed" in problem:
        return line, "a value holds ': ' (expected the value to be quoted)"
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return line, (
            f"{problem} (expected a 'key: value' line; an unescaped quote inside a quoted value?)"
        )
    return line, f"{context}, {problem}" if context else problem


def _recover(text: str, first_line: int, ctx: Context, *, use_yaml: bool) -> dict[str, Any]:
    """Read top-level ``key: value`` lines one at a time (with their indented continuations)."""
    chunks: list[tuple[str, str, int, list[str]]] = []
    for offset, line in enumerate(text.split("\n")):
        m = _KEY_LINE.fullmatch(line)
        if m and not line[:1].isspace():
            chunks.append((m[1], m[2] or "", first_line + offset, [line]))
        elif chunks and line.strip():
            chunks[-1][3].append(line)
    out: dict[str, Any] = {}
    for key, raw, line_no, lines in chunks:
        if use_yaml:
            try:
                _check_depth("\n".join(lines))
                loaded = _load_yaml("\n".join(lines), ctx, line_no)
                if isinstance(loaded, dict) and key in loaded:
                    out[key] = _jsonable(loaded[key], [MAX_NODES])
                    continue
            except (yaml.YAMLError, FrontMatterError, RecursionError):
                pass
        listed = _raw_list(raw)
        out[key] = listed if listed is not None else _unquote_raw(raw) if raw else None
        ctx.warn(
            "front-matter-recovered",
            f"front matter key {key!r} is not valid YAML; its value was read from the raw line",
            line_no,
        )
    return out
