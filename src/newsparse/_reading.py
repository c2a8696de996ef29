"""Reading a document from a path: regular files only, never more than the size limit.

A path can name things that are not documents and that would hang or exhaust a reader: a
named pipe blocks until a writer comes, ``/dev/zero`` never ends, a sparse file claims
gigabytes. :func:`read_document` looks before it reads (``stat``), opens without blocking
and checks the opened file again (``fstat``: the path may have been swapped in between),
refuses a file larger than the limit from its size alone, and reads at most the limit and
one byte more (a file may grow, or report no size, as ``/proc`` files do).
"""

from __future__ import annotations

import errno
import os
import stat

from newsparse._limits import MAX_INPUT
from newsparse.errors import FileReadError, ParseError, file_error

__all__ = ["read_document"]

_CHUNK = 1 << 20
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _not_regular(mode: int, path: str) -> FileReadError | None:
    """The error for a file type that is not a document, or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return file_error("is a directory, not a file", path=path, errno=errno.EISDIR)
    if stat.S_ISFIFO(mode):
        return file_error("is a named pipe (FIFO), not a file", path=path, code="fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "character" if stat.S_ISCHR(mode) else "block"
        return file_error(f"is a {kind} device, not a file", path=path, code="device")
    if stat.S_ISSOCK(mode):
        return file_error("is a socket, not a file", path=path, code="socket")
    return file_error("is not a regular file", path=path, code="io")


def _os_error(exc: OSError, path: str) -> FileReadError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ELOOP:
        reason = "symbolic links point in a loop (or nest too deeply)"
    return file_error(f"cannot read file: {reason}", path=path, errno=exc.errno)


def _too_large(size: int | None, path: str, limit: int) -> ParseError:
    what = f"{size} bytes" if size is not None else f"more than {limit} bytes"
    return ParseError(
        f"file is {what}, over the limit of {limit} bytes", source=path, code="too-large"
    )


def read_document(path: str, *, limit: int = MAX_INPUT) -> bytes:
    """Return the bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises:
        FileReadError: the path is missing, unreadable, or not a regular file (a
            directory, named pipe, device, socket or symbolic-link loop).
        ParseError: the file is larger than ``limit`` bytes (code ``"too-large"``).
    """
    try:
        before = os.stat(path)
    except OSError as exc:
        raise _os_error(exc, path) from exc
    except ValueError as exc:  # a NUL character: no system call can name such a path
        raise file_error(f"cannot read file: {exc}", path=path, code="io") from exc
    refused = _not_regular(before.st_mode, path)
    if refused is not None:
        raise refused  # not opened at all: opening a device or a pipe can have effects
    if before.st_size > limit:
        raise _too_large(before.st_size, path, limit)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket swapped in since the stat
            raise file_error("is a socket, not a file", path=path, code="socket") from exc
        raise _os_error(exc, path) from exc
    try:
        opened = os.fstat(fd)
        refused = _not_regular(opened.st_mode, path)
        if refused is not None:
            raise refused
        if opened.st_size > limit:
            raise _too_large(opened.st_size, path, limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _os_error(exc, path) from exc
    finally:
        os.close(fd)
    if size > limit:
        raise _too_large(None, path, limit)
    return b"".join(chunks)
