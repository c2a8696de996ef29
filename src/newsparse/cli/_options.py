"""Options that several subcommands share: how to parse (``--format``, ``--strict``,
``--rules``) and how much to say (``-q``, ``-v``, ``--no-progress``)."""

from __future__ import annotations

import argparse

from newsparse.cli._rules import RULES_HELP, rules_file
from newsparse.model import Format

__all__ = ["add_parse_options", "add_talk_options"]


def add_parse_options(parser: argparse.ArgumentParser, *, strict_help: str) -> None:
    """Add ``-f/--format``, ``--strict`` and ``--rules``."""
    parser.add_argument(
        "-f",
        "--format",
        choices=[f.value for f in Format],
        help="skip detection: parse as this format",
    )
    parser.add_argument("--strict", action="store_true", help=strict_help)
    parser.add_argument("--rules", type=rules_file, metavar="RULES.json", help=RULES_HELP)


def add_talk_options(parser: argparse.ArgumentParser, *, verbose_help: str) -> None:
    """Add ``-q/--quiet`` and ``-v/--verbose`` (one or the other) and ``--no-progress``."""
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    talk.add_argument("-v", "--verbose", action="store_true", help=verbose_help)
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")
