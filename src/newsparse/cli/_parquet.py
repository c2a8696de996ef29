"""``-o OUT.parquet``: one row per input, typed columns, written in row groups as results come.

Needs pyarrow, the ``parquet`` extra (``pip install 'newsparse[parquet]'``).

========================================  ==============================================
column                                    Arrow type
========================================  ==============================================
``published``, ``archived``               ``timestamp[us, tz=UTC]``
``tags``, ``categories``, ``paragraphs``  ``list<string>``
``images``                                ``list<struct<url, alt, caption, credit>>``
``media``                                 ``list<struct<kind, url, caption>>``
``warnings``                              ``list<struct<code, message, line: int64>>``
``extra``                                 ``string``: the mapping as JSON text
every other column                        ``string``
========================================  ==============================================

An error row has ``source`` and the ``error``, ``error_type`` and ``error_code`` columns,
every other column null. Rows are held (as Arrow data) only up to :data:`ROW_GROUP_ROWS`
rows or :data:`ROW_GROUP_CHARS` characters of text, then written as a row group, so
memory stays flat however many files are parsed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Final

from newsparse import ParseResult
from newsparse.cli._inputs import Input
from newsparse.cli._status import OutputError, UsageError
from newsparse.cli._writers import Fields

__all__ = ["BATCH_ROWS", "ROW_GROUP_CHARS", "ROW_GROUP_ROWS", "ParquetWriter"]

ROW_GROUP_ROWS: Final = 1000
"""Rows per row group, at most."""
ROW_GROUP_CHARS: Final = 4 * 1024 * 1024
"""Characters of HTML and text (text counted twice: it is in ``paragraphs`` too) held
before a row group is written, at most."""
BATCH_ROWS: Final = 32
"""Records held as Python objects before they become an Arrow batch."""
_TIMESTAMPS: Final = frozenset({"published", "archived"})
_STRING_LISTS: Final = frozenset({"tags", "categories", "paragraphs"})
_STRUCT_LISTS: Final = {
    "images": (("url", "string"), ("alt", "string"), ("caption", "string"), ("credit", "string")),
    "media": (("kind", "string"), ("url", "string"), ("caption", "string")),
    "warnings": (("code", "string"), ("message", "string"), ("line", "int64")),
}


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise UsageError(
            "newsparse: error: writing Parquet needs pyarrow: pip install 'newsparse[parquet]'"
        ) from exc
    return pa, pq


def schema(fields: Fields) -> Any:
    """The Arrow schema of a table with ``fields.columns``."""
    pa, _ = _pyarrow()
    columns = []
    for name in fields.columns:
        if name in _TIMESTAMPS:
            kind = pa.timestamp("us", tz="UTC")
        elif name in _STRING_LISTS:
            kind = pa.list_(pa.string())
        elif name in _STRUCT_LISTS:
            kind = pa.list_(pa.struct([(key, getattr(pa, t)()) for key, t in _STRUCT_LISTS[name]]))
        else:
            kind = pa.string()
        columns.append(pa.field(name, kind))
    return pa.schema(columns)


def _cell(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _TIMESTAMPS:
        return dt.datetime.fromisoformat(value)
    if name in _STRING_LISTS or name in _STRUCT_LISTS or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)  # extra, and any field added later


class ParquetWriter:
    """Writes results to a Parquet file, a row group at a time.

    Records are turned into Arrow batches of :data:`BATCH_ROWS` rows as they come (Arrow
    holds a record in a fraction of the memory Python objects take); the batches are
    written out as one row group when it is full.
    """

    def __init__(self, path: str, fields: Fields) -> None:
        pa, pq = _pyarrow()
        self._pa = pa
        self.path = path
        self._fields = fields
        self._columns = fields.columns
        self._schema = schema(fields)
        self._rows: list[dict[str, Any]] = []
        self._batches: list[Any] = []
        self._group_rows = 0
        self._group_chars = 0
        try:
            self._writer = pq.ParquetWriter(path, self._schema)
        except OSError as exc:
            message = f"cannot write {path}: {exc.strerror or exc}"
            raise UsageError(f"newsparse: error: {message}") from exc

    def write(self, result: ParseResult, item: Input) -> None:
        record = self._fields.record(result)
        self._rows.append({c: _cell(c, record.get(c)) for c in self._columns})
        self._group_rows += 1
        self._group_chars += len(record.get("html") or "") + 2 * len(record.get("text") or "")
        if len(self._rows) >= BATCH_ROWS:
            self._batch()
        if self._group_rows >= ROW_GROUP_ROWS or self._group_chars >= ROW_GROUP_CHARS:
            self._flush()

    def _batch(self) -> None:
        if self._rows:
            self._batches.append(self._pa.RecordBatch.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def _flush(self) -> None:
        self._batch()
        if not self._batches:
            return
        table = self._pa.Table.from_batches(self._batches, schema=self._schema)
        self._batches, self._group_rows, self._group_chars = [], 0, 0
        try:
            self._writer.write_table(table, row_group_size=table.num_rows)
        except OSError as exc:
            raise OutputError(self.path, exc) from exc

    def close(self) -> None:
        try:
            self._flush()
        finally:
            try:
                self._writer.close()
            except OSError as exc:
                raise OutputError(self.path, exc) from exc
