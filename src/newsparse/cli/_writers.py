"""Where ``newsparse parse`` writes its records: JSON Lines, CSV, Parquet or one file each.

Every writer takes the results in input order and writes each one as soon as it comes, so
memory stays flat. A write that fails (a full disk, a lost share) raises
:class:`~newsparse.cli._status.OutputError` naming the file; JSON Lines and CSV files are
then cut back to their last complete record, so that what is there can be read.

The writer is chosen by ``--output-format``, else by the extension of ``-o``
(:data:`EXTENSIONS`); without ``-o`` records go to standard output as JSON Lines.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any, Final, Protocol

import attrs

from newsparse import Article, ParseResult
from newsparse.cli._console import encodable, utf8
from newsparse.cli._inputs import Input
from newsparse.cli._status import OutputError, UsageError

__all__ = [
    "ARTICLE_FIELDS",
    "ERROR_FIELDS",
    "EXTENSIONS",
    "OUTPUT_FORMATS",
    "CsvWriter",
    "DirWriter",
    "Fields",
    "JsonlWriter",
    "Writer",
    "output_format",
]

ARTICLE_FIELDS: Final = (*(a.name for a in attrs.fields(Article)), "text")
"""The keys of an article record, in :meth:`Article.to_dict` order."""
ERROR_FIELDS: Final = ("error", "error_type", "error_code")
"""The keys an error record has besides ``source``."""
OUTPUT_FORMATS: Final = ("jsonl", "csv", "parquet")
EXTENSIONS: Final = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
"""How the extension of ``-o`` picks the output format."""


class Writer(Protocol):
    """What ``parse`` writes results with."""

    def write(self, result: ParseResult, item: Input) -> None:
        """Write the record of ``result`` (``item`` is the input it came from).

        Raises:
            OutputError: the output could not be written.
        """
        ...

    def close(self) -> None:
        """Finish the output (a Parquet footer) and close it; ends any run, even a failed one.

        Raises:
            OutputError: the output could not be written.
        """
        ...


def output_format(output: str | None, explicit: str | None) -> str:
    """The output format: ``explicit``, else the one the extension of ``output`` names.

    Raises:
        UsageError: the extension names no format (``-o`` without an extension is JSON Lines).
    """
    if explicit is not None:
        return explicit
    if output is None or output == "-":
        return "jsonl"
    extension = os.path.splitext(output)[1].lower()
    if not extension:
        return "jsonl"
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    known = ", ".join(EXTENSIONS)
    hint = "; for one .json file per input use --output-dir" if extension == ".json" else ""
    raise UsageError(
        f"newsparse: error: cannot tell the output format of {output!r} from {extension!r}: "
        f"name it {known}, or pass --output-format{hint}"
    )


@attrs.frozen
class Fields:
    """Which keys an article record keeps (``--fields``, ``--no-html``).

    ``source`` is always kept, so that every record says which input it is; error records
    keep all their keys.
    """

    names: tuple[str, ...] = ARTICLE_FIELDS
    """The article keys, in output order."""

    @classmethod
    def from_options(cls, spec: str | None, no_html: bool) -> Fields:
        """Build from ``--fields a,b,c`` and ``--no-html``.

        Raises:
            UsageError: a name is not a field of an article record, or none is given.
        """
        names: tuple[str, ...] = ARTICLE_FIELDS
        if spec is not None:
            names = tuple(dict.fromkeys(n.strip() for n in spec.split(",") if n.strip()))
            unknown = [n for n in names if n not in ARTICLE_FIELDS]
            if unknown or not names:
                raise UsageError(
                    f"newsparse: error: --fields: unknown field(s) {', '.join(unknown) or '(none)'}; "
                    f"choose from {','.join(ARTICLE_FIELDS)}"
                )
            if "source" not in names:
                names = ("source", *names)
        if no_html:
            names = tuple(n for n in names if n != "html")
        return cls(names)

    @property
    def everything(self) -> bool:
        """Whether records are kept whole."""
        return self.names == ARTICLE_FIELDS

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns of a table: the article keys, then the error keys."""
        return (*self.names, *ERROR_FIELDS)

    def record(self, result: ParseResult) -> dict[str, Any]:
        """The record of ``result`` with only the chosen keys."""
        record = result.to_dict()
        if result.article is None or self.everything:
            return record
        return {name: record.get(name) for name in self.names}


class _Sink:
    """Text written record by record, whole, to a file or to standard output.

    A file is written without buffering, one record per ``write``; on failure it is cut back
    to the end of the last record written whole.
    """

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.target = "standard output" if path is None else path
        self._fd: int | None = None
        self._good = 0
        if path is not None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
            try:
                self._fd = os.open(path, flags, 0o666)
            except OSError as exc:
                message = f"cannot write {path}: {exc.strerror or exc}"
                raise UsageError(f"newsparse: error: {message}") from exc

    @property
    def ascii_only(self) -> bool:
        """Whether non-ASCII text must be escaped (standard output that is not UTF-8)."""
        return self._fd is None and not utf8(sys.stdout)

    def write(self, text: str) -> None:
        if self._fd is None:
            try:
                sys.stdout.write(encodable(text, sys.stdout))
                sys.stdout.flush()
            except BrokenPipeError:
                raise
            except OSError as exc:
                raise OutputError(self.target, exc) from exc
            return
        encoded = text.encode("utf-8")
        data = memoryview(encoded)
        try:
            while data:
                data = data[os.write(self._fd, data) :]
        except OSError as exc:
            self._cut()
            raise OutputError(self.target, exc) from exc
        except BaseException:  # Ctrl-C between two parts of a record
            self._cut()
            raise
        self._good += len(encoded)

    def _cut(self) -> None:
        """Drop a record written in part (what a full disk leaves)."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):  # not a regular file (/dev/full): nothing to cut
            os.ftruncate(self._fd, self._good)

    def close(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.close(fd)
        except OSError as exc:
            raise OutputError(self.target, exc) from exc


class JsonlWriter:
    """One JSON object per line: the :meth:`~newsparse.ParseResult.to_dict` of each result."""

    def __init__(self, path: str | None, fields: Fields) -> None:
        self._sink = _Sink(path)
        self._fields = fields

    def write(self, result: ParseResult, item: Input) -> None:
        record = self._fields.record(result)
        self._sink.write(json.dumps(record, ensure_ascii=self._sink.ascii_only) + "\n")

    def close(self) -> None:
        self._sink.close()


def flat(value: Any) -> str:
    """One CSV cell: text as is, ``None`` empty, lists and mappings as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class CsvWriter:
    """A header row, then one row per result (RFC 4180: quoted as needed, CRLF line ends).

    Lists and mappings (``tags``, ``images``, ``extra``, …) are cells of compact JSON;
    ``None`` is an empty cell. An error row fills ``source`` and the error columns only.
    """

    def __init__(self, path: str | None, fields: Fields) -> None:
        self._columns = fields.columns
        self._fields = fields
        self._buffer = io.StringIO()
        self._csv = csv.writer(self._buffer)
        self._sink = _Sink(path)
        self._row(self._columns)

    def _row(self, values: Sequence[str]) -> None:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._csv.writerow(values)
        self._sink.write(self._buffer.getvalue())

    def write(self, result: ParseResult, item: Input) -> None:
        record = self._fields.record(result)
        self._row([flat(record.get(c)) for c in self._columns])

    def close(self) -> None:
        self._sink.close()


class DirWriter:
    """One JSON file per input, at its path below the PATH it came from, plus ``.json``.

    ``parse posts/ --output-dir out/`` writes ``posts/2024/a.md`` to
    ``out/2024/a.md.json``; a file named on the command line goes to ``out/NAME.json`` and
    standard input to ``out/stdin.json``. Each file is written whole or not at all.
    """

    def __init__(self, directory: str, fields: Fields, *, many_paths: bool) -> None:
        try:
            os.makedirs(directory, exist_ok=True)
        except OSError as exc:
            message = f"cannot create {directory}: {exc.strerror or exc}"
            raise UsageError(f"newsparse: error: {message}") from exc
        self.directory = directory
        self._fields = fields
        # Inputs from several PATHs may land on one name; remember where each came from.
        self._written: dict[str, str] | None = {} if many_paths else None

    def target(self, item: Input) -> str:
        """The file the record of ``item`` goes to."""
        parts = [p for p in item.relative.split("/") if p not in ("", ".", "..")]
        return os.path.join(self.directory, *parts) + ".json"

    def check(self, items: Iterable[Input]) -> None:
        """Refuse, before anything is written, inputs of several PATHs that land on one
        name (:meth:`write` checks again as it goes)."""
        seen: dict[str, str] = {}
        for item in items:
            earlier = seen.setdefault(self.target(item), item.path)
            if earlier != item.path:
                raise self._clash(earlier, item.path, self.target(item))

    @staticmethod
    def _clash(earlier: str, later: str, target: str) -> UsageError:
        return UsageError(
            f"newsparse: error: {earlier} and {later} would both be written to "
            f"{target}; parse them into separate --output-dir directories"
        )

    def write(self, result: ParseResult, item: Input) -> None:
        target = self.target(item)
        if self._written is not None:
            earlier = self._written.setdefault(target, item.path)
            if earlier != item.path:
                raise self._clash(earlier, item.path, target)
        text = json.dumps(self._fields.record(result), ensure_ascii=False, indent=2) + "\n"
        folder, name = os.path.split(target)
        partial = os.path.join(folder, f".{name}.part")
        try:
            os.makedirs(folder, exist_ok=True)
            with open(partial, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            os.replace(partial, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise OutputError(target, exc) from exc

    def close(self) -> None:
        pass
