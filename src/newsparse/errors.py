"""The exceptions newsparse raises.

Every error subclasses :class:`NewsparseError`, which subclasses :class:`ValueError`,
so ``except ValueError`` keeps working for callers who do not know this library::

    ValueError
    └── NewsparseError
        ├── ParseError           a document could not be read (strict mode, or no recovery)
        │   └── FileReadError    a path that is not a readable regular file (also an OSError)
        └── UnknownFormatError   no parser recognises the input

Nothing else escapes :func:`newsparse.parse` and friends, whatever the input.
"""

from __future__ import annotations

import errno as _errno

__all__ = ["FileReadError", "NewsparseError", "ParseError", "RulesError", "UnknownFormatError"]


class NewsparseError(ValueError):
    """Base class of every error newsparse raises.

    .. versionadded:: 0.1.0
    """

    code: str | None = None
    """A short machine-readable code saying what was wrong (``None`` when not set); see
    :class:`ParseError` and :class:`UnknownFormatError` for the codes.

    .. versionadded:: Unreleased"""


class ParseError(NewsparseError):
    """A document could not be parsed as its format requires.

    Raised in strict mode on the first recoverable defect, and in any mode when a
    document is beyond recovery (a YAML alias bomb, front matter nested too deeply, a file
    that cannot be read).

    Attributes:
        reason: what was wrong, without the location.
        format: the format being parsed (a :class:`~newsparse.Format` value), if known.
        line: the 1-based line of the input where the defect is, if known.
        source: the path or label of the input, if known.
        code: a short machine-readable code, the same as the matching warning's.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        reason: str,
        *,
        format: str | None = None,
        line: int | None = None,
        source: str | None = None,
        code: str | None = None,
    ) -> None:
        self.reason = reason
        self.format = format
        self.line = line
        self.source = source
        self.code = code
        super().__init__(self._message())

    def _message(self) -> str:
        parts = [self.reason]
        if self.line is not None:
            parts.append(f"at line {self.line}")
        if self.source is not None:
            parts.append(f"in {self.source}")
        if self.format is not None:
            parts.append(f"({self.format} format)")
        return " ".join(parts)

    def __reduce__(self) -> tuple[object, ...]:
        fields = {
            "format": self.format,
            "line": self.line,
            "source": self.source,
            "code": self.code,
        }
        return (_rebuild, (type(self), self.reason, fields))


def _rebuild(cls: type[NewsparseError], reason: str, fields: dict[str, object]) -> NewsparseError:
    """Unpickle an error built with keyword-only arguments, which the default pickling of
    exceptions (what process pools use) does not keep."""
    return cls(reason, **fields)


class FileReadError(ParseError, OSError):
    """A path that could not be read, or that is not a regular file newsparse reads.

    Raised by :func:`newsparse.parse_file` (and recorded by :func:`newsparse.parse_many`).
    It is a :class:`ParseError` and also an :class:`OSError`; the instance is of the
    matching built-in subclass where there is one, so ``except FileNotFoundError`` and
    ``except PermissionError`` work as for :func:`open`:

    ===================  ===================================  ===========================
    ``code``             when                                 also an instance of
    ===================  ===================================  ===========================
    ``not-found``        no such file                         :class:`FileNotFoundError`
    ``permission``       not allowed to read it               :class:`PermissionError`
    ``is-a-directory``   a directory                          :class:`IsADirectoryError`
    ``not-a-directory``  a part of the path is a file         :class:`NotADirectoryError`
    ``symlink-loop``     symbolic links that point in a loop  :class:`OSError`
    ``fifo``             a named pipe (reading it could wait  :class:`OSError`
                         forever)
    ``device``           a character or block device (such    :class:`OSError`
                         as ``/dev/zero``, which never ends)
    ``socket``           a Unix socket                        :class:`OSError`
    ``io``               any other failure to read            :class:`OSError`
    ===================  ===================================  ===========================

    Attributes:
        errno: the system error number, when the system reported one.
        filename: the path.

    .. versionadded:: Unreleased
    """

    def __init__(
        self,
        reason: str,
        *,
        format: str | None = None,
        line: int | None = None,
        source: str | None = None,
        code: str | None = None,
        errno: int | None = None,
    ) -> None:
        super().__init__(reason, format=format, line=line, source=source, code=code)
        self.errno = errno
        self.strerror = reason
        self.filename = source

    def __str__(self) -> str:
        return self._message()

    def __reduce__(self) -> tuple[object, ...]:
        fields = {"source": self.source, "code": self.code, "errno": self.errno}
        return (_rebuild, (type(self), self.reason, fields))


class _NotFoundReadError(FileReadError, FileNotFoundError):
    """A :class:`FileReadError` that is a :class:`FileNotFoundError`."""


class _PermissionReadError(FileReadError, PermissionError):
    """A :class:`FileReadError` that is a :class:`PermissionError`."""


class _IsADirectoryReadError(FileReadError, IsADirectoryError):
    """A :class:`FileReadError` that is an :class:`IsADirectoryError`."""


class _NotADirectoryReadError(FileReadError, NotADirectoryError):
    """A :class:`FileReadError` that is a :class:`NotADirectoryError`."""


_FILE_ERRORS: dict[str, type[FileReadError]] = {
    "not-found": _NotFoundReadError,
    "permission": _PermissionReadError,
    "is-a-directory": _IsADirectoryReadError,
    "not-a-directory": _NotADirectoryReadError,
}
_ERRNO_CODES: dict[int, str] = {
    _errno.ENOENT: "not-found",
    _errno.EACCES: "permission",
    _errno.EPERM: "permission",
    _errno.EISDIR: "is-a-directory",
    _errno.ENOTDIR: "not-a-directory",
    _errno.ELOOP: "symlink-loop",
}


def file_error(
    reason: str, *, path: str, code: str | None = None, errno: int | None = None
) -> FileReadError:
    """Build the :class:`FileReadError` for ``path``: ``code`` if given, else the one the
    system's ``errno`` means (``"io"`` for the rest), of the matching OSError subclass."""
    if code is None:
        code = _ERRNO_CODES.get(errno, "io") if errno is not None else "io"
    return _FILE_ERRORS.get(code, FileReadError)(reason, source=path, code=code, errno=errno)


class UnknownFormatError(NewsparseError):
    """The input matches none of the supported formats.

    Raised by :func:`newsparse.detect_format` (and by :func:`newsparse.parse` when asked
    to detect) for empty input or input that is not text, and wherever a ``format=``
    argument names no format.

    Attributes:
        reason: what was wrong, without the location.
        source: the path or label of the input, if known.
        code: ``"empty"`` (nothing but white space), ``"binary"`` (not text),
            ``"unknown-format"`` (a ``format=`` value that names no format) or ``None``.

    >>> import newsparse
    >>> try:
    ...     newsparse.parse("   ", source="notes/empty.md")
    ... except newsparse.UnknownFormatError as exc:
    ...     print(exc.code, exc.source)
    empty notes/empty.md

    .. versionadded:: 0.1.0
    .. versionchanged:: Unreleased
       The ``reason``, ``source`` and ``code`` attributes.
    """

    def __init__(self, reason: str, *, source: str | None = None, code: str | None = None):
        self.reason = reason
        self.source = source
        self.code = code
        super().__init__(reason if source is None else f"{reason} in {source}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.reason, {"source": self.source, "code": self.code}))


class RulesError(NewsparseError):
    """Tunable rules given as data are malformed: an unknown key, a value of the wrong
    shape or a pattern that does not compile (:meth:`newsparse.Rules.with_config`). Its
    :attr:`~NewsparseError.code` is ``"bad-rules"``.

    .. versionadded:: Unreleased
    """

    code = "bad-rules"
