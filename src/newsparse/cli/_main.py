"""The argument parser and :func:`main`: one subcommand per module, listed in :data:`COMMANDS`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, Final

from newsparse import __version__
from newsparse.cli import _detect, _learn, _parse, _show
from newsparse.cli._console import say
from newsparse.cli._status import (
    EXIT_BROKEN_PIPE,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OUTPUT,
    EXIT_USAGE,
    OutputError,
    UsageError,
)

__all__ = ["COMMANDS", "build_parser", "main"]

COMMANDS: Final[tuple[Callable[[Any], argparse.ArgumentParser], ...]] = (
    _parse.register,
    _learn.register,
    _detect.register,
    _show.register,
)
"""Each subcommand's ``register(commands)``, in the order ``--help`` lists them. A
``register`` adds its subparser with ``commands.add_parser(NAME, ...)`` and sets
``run=FUNCTION(args) -> int`` as its default; to add a subcommand, write its module and
list its ``register`` here."""

EPILOG: Final = (
    "Exit status: 0 all parsed, 1 some failed, 2 usage error, 74 output not written, "
    "130 interrupted."
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's signature returns NoReturn
        raise UsageError(f"{self.prog}: error: {message}")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``newsparse`` command."""
    parser = _Parser(
        prog="newsparse",
        description="Parse archived news files (Jekyll posts, comment-header mirrors, "
        "plain text) into articles.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"newsparse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in COMMANDS:
        register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``newsparse`` command.

    Args:
        argv: the arguments after the program name; ``None`` reads :data:`sys.argv`.

    Returns:
        The exit status: 0 all parsed, 1 some failed, 2 usage error, 74 the output could
        not be written, 130 interrupted.

    .. versionadded:: 0.1.0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_usage(sys.stderr)
            raise UsageError("newsparse: error: a command is required (see newsparse --help)")
        status: int = args.run(args)
    except UsageError as exc:
        say(str(exc))
        return EXIT_USAGE
    except OutputError as exc:
        say(f"newsparse: error: {exc}")
        return EXIT_OUTPUT
    except SystemExit as exc:  # --help and --version: argparse has printed and wants out
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        say("\nnewsparse: interrupted")
        return EXIT_INTERRUPTED
    except RuntimeError as exc:  # parse_many gave up on its worker processes
        say(f"newsparse: error: {exc}")
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
