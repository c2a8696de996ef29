"""What a command reads: PATH arguments turned into a stream of inputs.

A PATH is a file, a directory, a glob pattern (``'posts/**/*.md'``) or ``-`` for standard
input. A file named on the command line, or matched by a glob, is always read. A
directory is walked recursively, in sorted order, and gives only the files that look like
articles:

- hidden files and directories (names starting with ``.``, such as ``.git`` or
  ``.DS_Store``) are skipped;
- only :data:`ARTICLE_EXTENSIONS` are taken, unless ``--include GLOB`` says otherwise;
- ``--exclude GLOB`` leaves out files and whole directories;
- anything that is not a regular file (a FIFO, a socket, a device, a symbolic link to a
  directory) is skipped;
- the command's own output (``-o`` file, ``--output-dir`` directory) is never read.

A GLOB without ``/`` is matched against the file or directory name at any depth; one with
``/`` against the path below the directory walked (``*`` then also matches ``/``).
"""

from __future__ import annotations

import argparse
import fnmatch
import glob
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Final

import attrs

from newsparse._limits import MAX_INPUT
from newsparse.cli._status import UsageError
from newsparse.errors import ParseError

__all__ = [
    "ARTICLE_EXTENSIONS",
    "STDIN",
    "Input",
    "Selection",
    "add_input_arguments",
    "check_paths",
    "count_inputs",
    "expand",
    "read_stdin",
    "selection_from",
]

STDIN: Final = "-"
ARTICLE_EXTENSIONS: Final = (".md", ".markdown", ".html", ".htm", ".txt")
"""The file extensions a directory walk takes by default (case does not matter)."""
_GLOB_CHARS: Final = frozenset("*?[")


@attrs.frozen
class Input:
    """One thing to read, and where it sits below the PATH argument it came from."""

    path: str
    """The path to open (or ``-`` for standard input)."""
    relative: str
    """``path`` below the directory walked, with ``/`` separators; a named file's own name."""


@attrs.frozen
class Selection:
    """Which files a directory walk takes."""

    include: tuple[str, ...] = ()
    """Globs a file must match (any of them); empty means :data:`ARTICLE_EXTENSIONS`."""
    exclude: tuple[str, ...] = ()
    """Globs that leave a file, or a whole directory, out."""
    skip: frozenset[tuple[int, int]] = frozenset()
    """``(st_dev, st_ino)`` of files and directories never to read: the command's output."""

    def with_skip(self, *paths: str) -> Selection:
        """Return a copy that also skips ``paths`` (those that exist)."""
        ids = set(self.skip)
        for path in paths:
            try:
                st = os.stat(path)
            except OSError:
                continue
            ids.add((st.st_dev, st.st_ino))
        return attrs.evolve(self, skip=frozenset(ids))

    def takes_file(self, name: str, relative: str) -> bool:
        """Whether a walk takes the file ``name`` found at ``relative``."""
        if _matches(self.exclude, name, relative):
            return False
        if self.include:
            return _matches(self.include, name, relative)
        return os.path.splitext(name)[1].lower() in ARTICLE_EXTENSIONS

    def enters(self, name: str, relative: str) -> bool:
        """Whether a walk goes into the directory ``name`` found at ``relative``."""
        return not _matches(self.exclude, name, relative)

    def skips(self, entry: os.DirEntry[str] | str) -> bool:
        """Whether ``entry`` is the command's own output."""
        if not self.skip:
            return False
        try:
            st = entry.stat() if isinstance(entry, os.DirEntry) else os.stat(entry)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) in self.skip


def _matches(patterns: Sequence[str], name: str, relative: str) -> bool:
    return any(fnmatch.fnmatchcase(relative if "/" in p else name, p) for p in patterns)


def _is_glob(arg: str) -> bool:
    return any(c in _GLOB_CHARS for c in arg)


def _join(top: str, name: str) -> str:
    return name if top in (".", "./") else os.path.join(top, name)


def _sorted_entries(directory: str, problems: list[str]) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError as exc:
        problems.append(f"cannot read directory {directory}: {exc.strerror or exc}")
        return iter(())
    return iter(entries)


def _walk(top: str, prefix: str, selection: Selection, problems: list[str]) -> Iterator[Input]:
    """Files below ``top``, depth first with names sorted: the order of sorted paths."""
    stack: list[tuple[str, str, Iterator[os.DirEntry[str]]]] = [
        (top, prefix, _sorted_entries(top, problems))
    ]
    while stack:
        directory, below, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        name = entry.name
        if name.startswith("."):
            continue
        relative = below + name
        path = _join(directory, name)
        try:
            if entry.is_dir(follow_symlinks=False):
                if selection.enters(name, relative) and not selection.skips(entry):
                    stack.append((path, relative + "/", _sorted_entries(path, problems)))
                continue
            if not entry.is_file():  # FIFOs, sockets, devices, links to directories
                continue
        except OSError:  # vanished, or a link we may not follow
            continue
        if selection.takes_file(name, relative) and not selection.skips(entry):
            yield Input(path, relative)


def _glob_base(pattern: str) -> str:
    """The leading directories of ``pattern`` that hold no glob character."""
    parts = pattern.split(os.sep)
    fixed = []
    for part in parts[:-1]:
        if _is_glob(part):
            break
        fixed.append(part)
    return os.sep.join(fixed) or "."


def _relative(path: str, base: str) -> str:
    rel = os.path.relpath(path, base)
    return rel.replace(os.sep, "/")


def _expand_one(arg: str, selection: Selection, problems: list[str]) -> Iterator[Input]:
    if arg == STDIN:
        yield Input(STDIN, "stdin")
    elif os.path.isdir(arg):
        yield from _walk(arg, "", selection, problems)
    elif os.path.lexists(arg) or not _is_glob(arg):
        if not selection.skips(arg):
            yield Input(arg, os.path.basename(arg))
    else:
        base = _glob_base(arg)
        for match in sorted(glob.glob(arg, recursive=True)):
            if os.path.isdir(match):
                yield from _walk(match, _relative(match, base) + "/", selection, problems)
            elif not selection.skips(match):
                yield Input(match, _relative(match, base))


def check_paths(args: Sequence[str]) -> None:
    """Check that every PATH names something, before anything is read or written.

    Raises:
        UsageError: an argument matches nothing, or ``-`` is given twice.
    """
    if sum(1 for a in args if a == STDIN) > 1:
        raise UsageError("newsparse: error: '-' (standard input) can be given only once")
    for arg in args:
        if arg == STDIN or os.path.lexists(arg):
            continue
        if _is_glob(arg) and next(glob.iglob(arg, recursive=True), None) is not None:
            continue
        what = "no file matches" if _is_glob(arg) else "no such file or directory"
        raise UsageError(f"newsparse: error: {what}: {arg}")


def expand(args: Sequence[str], selection: Selection, problems: list[str]) -> Iterator[Input]:
    """The inputs ``args`` name, lazily and in order.

    Directories that cannot be read are skipped and described in ``problems``.
    """
    for arg in args:
        yield from _expand_one(arg, selection, problems)


def count_inputs(args: Sequence[str], selection: Selection) -> int:
    """How many inputs :func:`expand` gives (one cheap pass over the directories)."""
    return sum(1 for _ in expand(args, selection, []))


def read_stdin(limit: int = MAX_INPUT) -> bytes:
    """All of standard input, as bytes: at most ``limit`` of them.

    Raises:
        ParseError: standard input holds more than ``limit`` bytes (code ``"too-large"``);
            no more than ``limit + 1`` bytes are read to find out (``- < /dev/zero`` ends).
    """
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read(limit + 1)
    else:
        data = stream.read(limit + 1).encode("utf-8", "surrogatepass")
    if len(data) > limit:
        raise ParseError(
            f"standard input is more than {limit} bytes, over the limit",
            source=STDIN,
            code="too-large",
        )
    return data


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``PATH...``, ``--include`` and ``--exclude`` to a subcommand."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, glob or -")
    extensions = " ".join(ARTICLE_EXTENSIONS)
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help=f"in directories, take the files matching GLOB instead of {extensions} (repeatable)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="in directories, leave out files and directories matching GLOB (repeatable)",
    )


def selection_from(args: argparse.Namespace) -> Selection:
    """The :class:`Selection` of ``--include`` and ``--exclude``."""
    return Selection(include=tuple(args.include), exclude=tuple(args.exclude))
