"""``newsparse parse``: files in, one record per input out, in input order."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import sys
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from typing import Any, Final

from newsparse import (
    Boilerplate,
    NewsparseError,
    ParseError,
    ParseResult,
    Rules,
    parse,
    parse_many,
)
from newsparse._limits import MAX_CONFIG
from newsparse._reading import read_document
from newsparse.boilerplate import Learner, Thresholds
from newsparse.cli._console import say
from newsparse.cli._inputs import (
    STDIN,
    Input,
    Selection,
    add_input_arguments,
    check_paths,
    count_inputs,
    expand,
    read_stdin,
    selection_from,
)
from newsparse.cli._options import add_parse_options, add_talk_options
from newsparse.cli._progress import Progress
from newsparse.cli._status import EXIT_FAILED, EXIT_OK, OutputError, UsageError
from newsparse.cli._writers import (
    ARTICLE_FIELDS,
    OUTPUT_FORMATS,
    CsvWriter,
    DirWriter,
    Fields,
    JsonlWriter,
    Writer,
    output_format,
)

__all__ = [
    "AUTO",
    "AUTO_PARALLEL_MIN",
    "learn_from",
    "load_model",
    "parse_stdin",
    "register",
    "results",
    "run",
    "thresholds_from",
    "workers_type",
]

AUTO_PARALLEL_MIN: Final = 64
"""Without ``--workers``, a run of at least this many files is parsed on every CPU."""
AUTO: Final = "auto"
"""``--boilerplate auto``: learn the model from the inputs in a first pass."""


def parse_stdin(
    format: str | None,
    strict: bool,
    rules: Rules | None = None,
    boilerplate: Boilerplate | None = None,
) -> ParseResult:
    try:
        article = parse(
            read_stdin(),
            format=format,
            strict=strict,
            source=STDIN,
            rules=rules,
            boilerplate=boilerplate,
        )
    except NewsparseError as exc:
        return ParseResult(STDIN, error=exc)
    return ParseResult(STDIN, article=article)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def results(
    inputs: Iterable[Input],
    *,
    workers: int | None,
    format: str | None,
    strict: bool,
    rules: Rules | None = None,
    boilerplate: Boilerplate | None = None,
) -> Generator[tuple[Input, ParseResult], None, None]:
    """Parse ``inputs`` in order: runs of files through :func:`parse_many`, stdin inline.

    ``workers=None`` chooses: one process for a handful of files, every CPU for many.
    """
    for from_stdin, run in itertools.groupby(inputs, key=lambda i: i.path == STDIN):
        if from_stdin:
            for item in run:
                yield item, parse_stdin(format, strict, rules, boilerplate)
            continue
        files: Iterator[Input] = iter(run)
        n = workers
        if n is None:
            head = list(itertools.islice(files, AUTO_PARALLEL_MIN))
            n = _cpus() if len(head) == AUTO_PARALLEL_MIN else 1
            files = itertools.chain(head, files)
        pending: deque[Input] = deque()

        def paths(items: Iterator[Input], pending: deque[Input] = pending) -> Iterator[str]:
            for item in items:
                pending.append(item)
                yield item.path

        parsed = parse_many(
            paths(files),
            workers=n,
            format=format,
            strict=strict,
            rules=rules,
            boilerplate=boilerplate,
        )
        try:
            for result in parsed:
                yield pending.popleft(), result
        finally:
            # Closing the iterator stops the workers, also on Ctrl-C or a write error.
            close = getattr(parsed, "close", None)
            if close is not None:
                close()


def load_model(path: str) -> Boilerplate:
    """Read a model written by ``newsparse learn`` (or :meth:`Boilerplate.to_json`).

    Raises:
        UsageError: the file cannot be read or is not a model.
    """
    try:
        text = read_document(path, limit=MAX_CONFIG).decode("utf-8")
        return Boilerplate.from_json(text)
    except ParseError as exc:  # from reading: the path is said once, in front
        raise UsageError(f"newsparse: error: --boilerplate {path}: {exc.reason}") from None
    except (UnicodeDecodeError, NewsparseError) as exc:
        raise UsageError(f"newsparse: error: --boilerplate {path}: {exc}") from None


def thresholds_from(pairs: list[str]) -> Thresholds:
    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep:
            raise UsageError(f"newsparse: error: --threshold takes KEY=VALUE, not {pair!r}")
        try:
            values[key.strip()] = json.loads(raw)
        except ValueError:
            raise UsageError(
                f"newsparse: error: --threshold {pair}: not a number or true/false"
            ) from None
    try:
        return Thresholds.from_dict(values)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"newsparse: error: --threshold: {exc}") from None


def learn_from(
    args: argparse.Namespace,
    thresholds: Thresholds,
    *,
    skip: tuple[str, ...],
    verbosity: int,
    desc: str | None,
) -> tuple[Boilerplate, Progress]:
    """Learn a model from the inputs of ``args`` (paths, ``--include``, ``--exclude``),
    with a progress bar when standard error is a terminal."""
    if STDIN in args.paths:
        raise UsageError(
            "newsparse: error: learning cannot read standard input (-): give files or directories"
        )
    selection = selection_from(args).with_skip(*skip)
    show_bar = verbosity >= 0 and not args.no_progress and sys.stderr.isatty()
    total = count_inputs(args.paths, selection) if show_bar else None
    progress = Progress(bar=show_bar, verbosity=verbosity, total=total, desc=desc)
    learner = Learner(thresholds)
    problems: list[str] = []
    parsed = results(
        expand(args.paths, selection, problems),
        workers=args.workers,
        format=getattr(args, "format", None),  # as the second pass of --boilerplate auto
        strict=False,
        rules=args.rules,
    )
    try:
        for _, result in parsed:
            if result.article is not None:
                learner.add(result.article)
            progress.update(result)
    finally:
        parsed.close()
        progress.close()
    for problem in problems:
        say(f"newsparse: {problem}")
    return learner.model(), progress


def _writer(args: argparse.Namespace, fields: Fields) -> Writer:
    if args.output_dir is not None:
        return DirWriter(args.output_dir, fields, many_paths=len(args.paths) > 1)
    output = None if args.output in (None, STDIN) else args.output
    kind = output_format(output, args.output_format)
    if kind == "parquet":
        if output is None:
            raise UsageError("newsparse: error: Parquet output needs a file: -o OUT.parquet")
        from newsparse.cli._parquet import ParquetWriter

        return ParquetWriter(output, fields)
    if kind == "csv":
        return CsvWriter(output, fields)
    return JsonlWriter(output, fields)


def _verbosity(args: argparse.Namespace) -> int:
    return -1 if args.quiet else int(args.verbose)


def run(args: argparse.Namespace) -> int:
    """Run ``newsparse parse``."""
    check_paths(args.paths)
    if args.output is not None and args.output_dir is not None:
        raise UsageError("newsparse: error: give -o or --output-dir, not both")
    fields = Fields.from_options(args.fields, args.no_html)
    verbosity = _verbosity(args)
    writer = _writer(args, fields)
    selection: Selection = selection_from(args)
    own = [p for p in (args.output, args.output_dir) if p not in (None, STDIN)]
    selection = selection.with_skip(*own)
    show_bar = verbosity >= 0 and not args.no_progress and sys.stderr.isatty()
    model, desc = _boilerplate(args, tuple(own), verbosity)
    total = count_inputs(args.paths, selection) if show_bar else None
    progress = Progress(bar=show_bar, verbosity=verbosity, total=total, desc=desc)
    if isinstance(writer, DirWriter) and len(args.paths) > 1:
        writer.check(expand(args.paths, selection, []))  # before the first file is written
    problems: list[str] = []
    inputs = expand(args.paths, selection, problems)
    parsed = results(
        inputs,
        workers=args.workers,
        format=args.format,
        strict=args.strict,
        rules=args.rules,
        boilerplate=model,
    )
    try:
        for item, result in parsed:
            writer.write(result, item)
            progress.update(result)
    except BaseException:
        # Ctrl-C, a write error, a pool that gave up: stop the workers, finish the output
        # (a Parquet footer) with what was written, and let main() report it.
        parsed.close()
        progress.close()
        with contextlib.suppress(OutputError):
            writer.close()
        raise
    parsed.close()
    progress.close()
    writer.close()
    for problem in problems:
        say(f"newsparse: {problem}")
    for line in progress.summary():
        say(line)
    return EXIT_FAILED if progress.failed or problems else EXIT_OK


def _boilerplate(
    args: argparse.Namespace, own: tuple[str, ...], verbosity: int
) -> tuple[Boilerplate | None, str | None]:
    """The model of ``--boilerplate``, learnt first for ``auto``; and the label of the
    parse pass's progress bar (``None`` when there is a single pass)."""
    if args.boilerplate is None:
        return None, None
    if args.boilerplate != AUTO:
        return load_model(args.boilerplate), None
    model, _ = learn_from(
        args, Thresholds(), skip=own, verbosity=min(verbosity, 0), desc="pass 1/2: learning"
    )
    if verbosity > 0:
        say(f"newsparse: learnt {len(model.templates)} boilerplate templates")
    return model, "pass 2/2: parsing"


def workers_type(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def register(commands: Any) -> argparse.ArgumentParser:
    """Add ``parse`` to the subcommands."""
    p: argparse.ArgumentParser = commands.add_parser(
        "parse",
        help="parse files to JSON Lines, CSV or Parquet, one record per input",
        description="Parse files, directories (recursively: article files only), globs or - "
        "(stdin); write one record per input, in input order: the article, or "
        '{"source", "error", "error_type", "error_code"}.',
    )
    add_input_arguments(p)
    out = p.add_argument_group("output")
    out.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write here instead of stdout; .jsonl, .csv or .parquet picks the format",
    )
    out.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        help="write this format whatever the extension of -o (default: jsonl)",
    )
    out.add_argument("--output-dir", metavar="DIR", help="write one JSON file per input below DIR")
    out.add_argument(
        "--fields",
        metavar="A,B,...",
        help=f"keep only these keys of each article record (from {','.join(ARTICLE_FIELDS)}); "
        "source is always kept",
    )
    out.add_argument("--no-html", action="store_true", help="leave out the html field")
    p.add_argument(
        "-w",
        "--workers",
        type=workers_type,
        metavar="N",
        help=f"parse in N processes (default: one per CPU from {AUTO_PARALLEL_MIN} files on)",
    )
    add_parse_options(p, strict_help="fail a file on its first defect")
    p.add_argument(
        "--boilerplate",
        metavar="MODEL.json|auto",
        help="remove the blocks this model (from `newsparse learn`) finds to be each outlet's "
        "boilerplate; auto learns it from the inputs first (two passes)",
    )
    add_talk_options(p, verbose_help="name each failure as it happens")
    p.set_defaults(run=run)
    return p
