"""``newsparse learn``: learn each outlet's boilerplate from files into a model file.

The model is a count (:class:`newsparse.Boilerplate`): files stream through
:func:`~newsparse.parse_many` and only hashes and counters are kept, so memory stays flat
whatever the number of files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsparse.cli._console import say
from newsparse.cli._inputs import STDIN, add_input_arguments, check_paths
from newsparse.cli._options import add_talk_options
from newsparse.cli._parse import learn_from, thresholds_from, workers_type
from newsparse.cli._rules import RULES_HELP, rules_file
from newsparse.cli._status import EXIT_FAILED, EXIT_OK, OutputError

__all__ = ["register", "run"]


def run(args: argparse.Namespace) -> int:
    """Run ``newsparse learn``."""
    check_paths(args.paths)
    verbosity = -1 if args.quiet else int(args.verbose)
    own = () if args.output == STDIN else (args.output,)
    model, progress = learn_from(
        args, thresholds_from(args.threshold), skip=own, verbosity=verbosity, desc=None
    )
    text = model.to_json(counts=not args.no_counts) + "\n"
    if args.output == STDIN:
        sys.stdout.write(text)
    else:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise OutputError(args.output, exc) from exc
    for line in progress.summary():
        say(line)
    if verbosity >= 0:
        outlets = {t.outlet for t in model.templates}
        say(
            f"newsparse: {len(model.templates)} templates for {len(outlets)} outlets, "
            f"learnt from {progress.parsed} files"
        )
    return EXIT_FAILED if progress.failed else EXIT_OK


def register(commands: Any) -> argparse.ArgumentParser:
    """Add ``learn`` to the subcommands."""
    p: argparse.ArgumentParser = commands.add_parser(
        "learn",
        help="learn each outlet's boilerplate from files into a model (JSON)",
        description="Learn, from files, directories or globs, the blocks each outlet repeats "
        "(footers, promos, sign-offs) into a boilerplate model for `newsparse parse "
        "--boilerplate MODEL.json`. Review the model before use: each template says why "
        'it was learnt; set "remove": false to keep its blocks.',
    )
    add_input_arguments(p)
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="MODEL.json",
        help="write the model here (- for stdout)",
    )
    p.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="set a threshold, e.g. min_files=5 or captions=true (repeatable; see the docs)",
    )
    p.add_argument(
        "--no-counts",
        action="store_true",
        help="write the templates only: a small model that cannot be merged",
    )
    p.add_argument(
        "-w",
        "--workers",
        type=workers_type,
        metavar="N",
        help="parse in N processes (default: one per CPU from 64 files on)",
    )
    p.add_argument("--rules", type=rules_file, metavar="RULES.json", help=RULES_HELP)
    add_talk_options(p, verbose_help="name each failure")
    p.set_defaults(run=run)
    return p
