"""The ``newsparse`` command: a thin client of the public API.

::

    newsparse parse PATH... [-o OUT.jsonl] [--workers N] [--format F] [--strict] [--no-progress]
    newsparse detect PATH...
    newsparse show FILE
    newsparse --version

A PATH is a file, a directory (every regular file below it, in sorted order), a glob
pattern (``'posts/**/*.md'``) or ``-`` for standard input.

Exit status: 0 when every input parsed, 1 when some did not, 2 for a usage error (bad
arguments, a path that does not exist), 130 when interrupted with Ctrl-C.

Only names from the public ``newsparse`` namespace are used here, and nothing in the
library prints or exits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import itertools
import json
import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Final

from newsparse import (
    Article,
    Format,
    NewsparseError,
    ParseError,
    ParseResult,
    __version__,
    detect_format,
    parse,
    parse_many,
)

__all__ = ["main"]

EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130
EXIT_BROKEN_PIPE: Final = 141

STDIN: Final = "-"
AUTO_PARALLEL_MIN: Final = 64
"""Without ``--workers``, a run of at least this many files is parsed on every CPU."""
_GLOB_CHARS: Final = frozenset("*?[")


class _UsageError(Exception):
    """A mistake in the command line: reported on stderr, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's signature returns NoReturn
        raise _UsageError(f"{self.prog}: error: {message}")


# --------------------------------------------------------------------------- inputs


def _is_glob(arg: str) -> bool:
    return any(c in _GLOB_CHARS for c in arg)


def _files_under(directory: str) -> Iterator[str]:
    """Every regular file below ``directory`` (following file symlinks), in sorted order."""
    found = [p for p in Path(directory).rglob("*") if p.is_file()]
    for path in sorted(found):
        yield str(path)


def _expand_one(arg: str) -> Iterator[str]:
    if arg == STDIN:
        yield STDIN
    elif os.path.isdir(arg):
        yield from _files_under(arg)
    elif os.path.lexists(arg) or not _is_glob(arg):
        yield arg
    else:
        for match in sorted(glob.glob(arg, recursive=True)):
            if os.path.isdir(match):
                yield from _files_under(match)
            else:
                yield match


def _inputs(args: Sequence[str]) -> Iterator[str]:
    """Check every argument names something, then expand them lazily, in order.

    Raises:
        _UsageError: an argument matches nothing, or ``-`` is given twice.
    """
    if sum(1 for a in args if a == STDIN) > 1:
        raise _UsageError("newsparse: error: '-' (standard input) can be given only once")
    for arg in args:
        if arg == STDIN or os.path.lexists(arg):
            continue
        if _is_glob(arg) and next(glob.iglob(arg, recursive=True), None) is not None:
            continue
        what = "no file matches" if _is_glob(arg) else "no such file or directory"
        raise _UsageError(f"newsparse: error: {what}: {arg}")
    return itertools.chain.from_iterable(_expand_one(a) for a in args)


def _read_stdin() -> bytes:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data
    return stream.read().encode("utf-8")


def _parse_stdin(format: str | None, strict: bool) -> ParseResult:
    try:
        article = parse(_read_stdin(), format=format, strict=strict, source=STDIN)
    except NewsparseError as exc:
        return ParseResult(STDIN, error=exc)
    return ParseResult(STDIN, article=article)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _results(
    inputs: Iterable[str], *, workers: int | None, format: str | None, strict: bool
) -> Iterator[ParseResult]:
    """Parse ``inputs`` in order: runs of files through :func:`parse_many`, stdin inline.

    ``workers=None`` chooses: one process for a handful of files, every CPU for many.
    """
    for from_stdin, run in itertools.groupby(inputs, key=lambda p: p == STDIN):
        if from_stdin:
            for _ in run:
                yield _parse_stdin(format, strict)
            continue
        files: Iterator[str] = iter(run)
        n = workers
        if n is None:
            head = list(itertools.islice(files, AUTO_PARALLEL_MIN))
            n = _cpus() if len(head) == AUTO_PARALLEL_MIN else 1
            files = itertools.chain(head, files)
        yield from parse_many(files, workers=n, format=format, strict=strict)


# --------------------------------------------------------------------------- output


def _utf8(stream: IO[str]) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    return encoding in {"utf-8", "utf8", "utf-8-sig"}


class _Progress:
    """A tqdm bar on stderr with parsed/failed counts, or nothing when stderr is no terminal."""

    def __init__(self, enabled: bool) -> None:
        self.parsed = 0
        self.failed = 0
        self._bar: Any = None
        if enabled:
            from tqdm import tqdm

            class Bar(tqdm):  # type: ignore[type-arg]
                # No monitor thread: a process that runs a single thread starts its worker
                # processes by forking, which is fastest and needs no main-module guard.
                monitor_interval = 0

            self._bar = Bar(file=sys.stderr, unit=" files", dynamic_ncols=True, leave=True)

    def update(self, result: ParseResult) -> None:
        if result.ok:
            self.parsed += 1
        else:
            self.failed += 1
        if self._bar is not None:
            self._bar.set_postfix(parsed=self.parsed, failed=self.failed, refresh=False)
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


# --------------------------------------------------------------------------- commands


def _cmd_parse(args: argparse.Namespace) -> int:
    inputs = _inputs(args.paths)
    to_stdout = args.output in (None, STDIN)
    out: IO[str] = sys.stdout
    if not to_stdout:
        try:
            out = open(args.output, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as exc:
            message = f"cannot write {args.output}: {exc.strerror or exc}"
            raise _UsageError(f"newsparse: error: {message}") from exc
    ascii_only = not _utf8(out)
    progress = _Progress(enabled=not args.no_progress and sys.stderr.isatty())
    results = _results(inputs, workers=args.workers, format=args.format, strict=args.strict)
    try:
        for result in results:
            out.write(json.dumps(result.to_dict(), ensure_ascii=ascii_only) + "\n")
            out.flush()
            progress.update(result)
    finally:
        # Closing the iterator first stops the workers, also on Ctrl-C; what was written stays.
        close = getattr(results, "close", None)
        if close is not None:
            close()
        progress.close()
        if not to_stdout:
            out.close()
    if progress.failed:
        total = progress.parsed + progress.failed
        print(f"newsparse: {progress.failed} of {total} inputs failed to parse", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _cmd_detect(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in _inputs(args.paths):
        try:
            data = _read_stdin() if path == STDIN else Path(path).read_bytes()
            fmt = detect_format(data)
        except (NewsparseError, OSError) as exc:
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"newsparse: {path}: {message}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        print(f"{path}\t{fmt.value}", flush=True)
    return status


def _cmd_show(args: argparse.Namespace) -> int:
    path: str = args.file
    if path != STDIN and not os.path.lexists(path):
        raise _UsageError(f"newsparse: error: no such file or directory: {path}")
    if os.path.isdir(path):
        raise _UsageError(f"newsparse: error: show takes one file, not a directory: {path}")
    if path == STDIN:
        result = _parse_stdin(args.format, args.strict)
    else:
        result = next(parse_many([path], format=args.format, strict=args.strict))
    if result.article is None:
        error = result.error
        named = isinstance(error, ParseError) and error.source is not None
        print(f"newsparse: {'' if named else path + ': '}{error}", file=sys.stderr)
        return EXIT_FAILED
    sys.stdout.write(render(result.article))
    return EXIT_OK


# --------------------------------------------------------------------------- show layout


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _when(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S %Z").rstrip()


def render(article: Article) -> str:
    """Lay ``article`` out as plain text for a person to read (what ``show`` prints).

    Args:
        article: the article to show.

    Returns:
        The text, ending with a newline.

    .. versionadded:: 0.1.0
    """
    lines: list[str] = []
    title = article.title or "(untitled)"
    lines += [title, "=" * max(3, _width(title))]

    fields: list[tuple[str, str]] = []
    if article.url:
        fields.append(("URL", article.url))
    if article.published is not None:
        where = f" (from {article.date_source})" if article.date_source else ""
        fields.append(("Published", _when(article.published) + where))
    if article.archived is not None:
        fields.append(("Archived", _when(article.archived)))
    if article.author:
        fields.append(("Author", article.author))
    if article.byline and article.byline != article.author:
        fields.append(("Byline", article.byline))
    if article.site:
        fields.append(("Site", article.site))
    if article.tags:
        fields.append(("Tags", ", ".join(article.tags)))
    if article.categories:
        fields.append(("Categories", ", ".join(article.categories)))
    fields.append(("Format", article.format.value))
    if article.source:
        fields.append(("Source", article.source))
    label_width = max(len(label) for label, _ in fields) + 2
    lines += [f"{label + ':':<{label_width}}{value}" for label, value in fields]

    for paragraph in article.paragraphs:
        lines += ["", paragraph]
    if not article.paragraphs:
        lines += ["", "(no text)"]

    if article.images:
        lines += ["", f"Images ({len(article.images)}):"]
        for n, image in enumerate(article.images, 1):
            lines.append(f"  [{n}] {image.url}")
            for label, value in (
                ("caption", image.caption),
                ("credit", image.credit),
                ("alt", image.alt),
            ):
                if value and (label != "alt" or value != image.caption):
                    lines.append(f"      {label}: {value}")
    if article.media:
        lines += ["", f"Media ({len(article.media)}):"]
        for n, media in enumerate(article.media, 1):
            lines.append(f"  [{n}] {media.kind}: {media.url}")
            if media.caption:
                lines.append(f"      caption: {media.caption}")
    if article.warnings:
        lines += ["", f"Warnings ({len(article.warnings)}):"]
        for warning in article.warnings:
            where = f"line {warning.line}: " if warning.line is not None else ""
            lines.append(f"  - {where}{warning.message} [{warning.code}]")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main


def _workers(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``newsparse`` command."""
    formats = [f.value for f in Format]
    parser = _Parser(
        prog="newsparse",
        description="Parse archived news files (Jekyll posts, comment-header mirrors, "
        "plain text) into articles.",
        epilog="Exit status: 0 all parsed, 1 some failed, 2 usage error, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"newsparse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser(
        "parse",
        help="parse files to JSON Lines, one object per input",
        description="Parse files, directories (recursively), globs or - (stdin); write one "
        "JSON object per input, in input order: the article, or "
        '{"source", "error", "error_type", "error_code"}.',
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, glob or -")
    p.add_argument("-o", "--output", metavar="OUT.jsonl", help="write here instead of stdout")
    p.add_argument(
        "-w",
        "--workers",
        type=_workers,
        metavar="N",
        help=f"parse in N processes (default: one per CPU from {AUTO_PARALLEL_MIN} files on)",
    )
    p.add_argument("-f", "--format", choices=formats, help="skip detection: parse as this format")
    p.add_argument("--strict", action="store_true", help="fail a file on its first defect")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.set_defaults(run=_cmd_parse)

    d = commands.add_parser("detect", help="print each file's format")
    d.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, glob or -")
    d.set_defaults(run=_cmd_detect)

    s = commands.add_parser("show", help="print one article for a person to read")
    s.add_argument("file", metavar="FILE", help="the file, or - for stdin")
    s.add_argument("-f", "--format", choices=formats, help="skip detection: parse as this format")
    s.add_argument("--strict", action="store_true", help="fail on the first defect")
    s.set_defaults(run=_cmd_show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``newsparse`` command.

    Args:
        argv: the arguments after the program name; ``None`` reads :data:`sys.argv`.

    Returns:
        The exit status: 0 all parsed, 1 some failed, 2 usage error, 130 interrupted.

    .. versionadded:: 0.1.0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_usage(sys.stderr)
            raise _UsageError("newsparse: error: a command is required (parse, detect, show)")
        status: int = args.run(args)
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version: argparse has printed and wants out
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        print("\nnewsparse: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except RuntimeError as exc:  # parse_many gave up on its worker processes
        print(f"newsparse: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader went away (`newsparse parse … | head`): stop quietly.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    return status


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
