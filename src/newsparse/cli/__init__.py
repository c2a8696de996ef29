"""The ``newsparse`` command: a thin client of the public API.

::

    newsparse parse PATH... [-o OUT.jsonl|OUT.csv|OUT.parquet | --output-dir DIR]
                    [--output-format F] [--fields A,B,...] [--no-html]
                    [--include GLOB]... [--exclude GLOB]... [--workers N] [--format F]
                    [--strict] [--rules RULES.json] [--boilerplate MODEL.json|auto]
                    [--no-progress] [-q | -v]
    newsparse learn PATH... -o MODEL.json [--threshold KEY=VALUE]... [--no-counts]
                    [--include GLOB]... [--exclude GLOB]... [--workers N] [--rules RULES.json]
                    [-q | -v]
    newsparse detect PATH... [--include GLOB]... [--exclude GLOB]...
    newsparse show FILE [--format F] [--strict] [--rules RULES.json]
    newsparse --version

A PATH is a file (always read), a directory (walked for article files: see
:mod:`newsparse.cli._inputs`), a glob pattern (``'posts/**/*.md'``) or ``-`` for standard
input.

Exit status: 0 when every input parsed, 1 when some did not, 2 for a usage error (bad
arguments, a path that does not exist), 74 when the output could not be written (a full
disk), 130 when interrupted with Ctrl-C.

The modules, one per concern:

- ``_main``: the argument parser and :func:`main`; ``COMMANDS`` lists the subcommands;
- ``_parse``, ``_learn``, ``_detect``, ``_show``: one subcommand each, with ``register(commands)``
  adding its options and ``run(args) -> int`` doing the work. A new subcommand is a new
  module of that shape, listed in ``_main.COMMANDS``;
- ``_inputs``: PATH arguments to inputs (directory walks, globs, standard input);
- ``_writers`` and ``_parquet``: JSON Lines, CSV, per-file JSON and Parquet output;
- ``_progress``: the progress bar and the summary;
- ``_rules``: ``--rules RULES.json``, the default tables extended by a file;
- ``_console``: text for a terminal whatever its encoding; ``_status``: exit statuses.

Only names from the public ``newsparse`` namespace are used here, and nothing in the
library prints or exits.
"""

from __future__ import annotations

from newsparse.cli._main import build_parser, main
from newsparse.cli._show import render

__all__ = ["build_parser", "main", "render"]
