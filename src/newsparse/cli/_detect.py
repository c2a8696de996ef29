"""``newsparse detect``: each input's format, one ``PATH<TAB>FORMAT`` line per input."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsparse import NewsparseError, ParseError, detect_format
from newsparse._reading import read_document
from newsparse.cli._console import say
from newsparse.cli._inputs import (
    STDIN,
    add_input_arguments,
    check_paths,
    expand,
    read_stdin,
    selection_from,
)
from newsparse.cli._status import EXIT_FAILED, EXIT_OK

__all__ = ["register", "run"]


def run(args: argparse.Namespace) -> int:
    """Run ``newsparse detect``."""
    check_paths(args.paths)
    status = EXIT_OK
    problems: list[str] = []
    for item in expand(args.paths, selection_from(args), problems):
        path = item.path
        try:
            data = read_stdin() if path == STDIN else read_document(path)
            fmt = detect_format(data)
        except (NewsparseError, OSError) as exc:
            if isinstance(exc, ParseError) and exc.source == path:
                message = exc.reason  # the path is said once, in front
            elif isinstance(exc, OSError) and exc.strerror:
                message = exc.strerror
            else:
                message = str(exc)
            say(f"newsparse: {path}: {message}")
            status = EXIT_FAILED
            continue
        say(f"{path}\t{fmt.value}", sys.stdout)
        sys.stdout.flush()
    for problem in problems:
        say(f"newsparse: {problem}")
    return EXIT_FAILED if problems else status


def register(commands: Any) -> argparse.ArgumentParser:
    """Add ``detect`` to the subcommands."""
    d: argparse.ArgumentParser = commands.add_parser(
        "detect", help="print each file's format", description="Print each input's format."
    )
    add_input_arguments(d)
    d.set_defaults(run=run)
    return d
