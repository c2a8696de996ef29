"""The entry points: :func:`parse`, :func:`parse_file` and :func:`detect_format`.

Data flows one way: bytes are decoded (:mod:`newsparse.encoding`), the format is detected
or taken from the caller (:mod:`newsparse.formats`), and that format's parser builds the
:class:`~newsparse.Article`, using the shared body extraction (:mod:`newsparse.body`) and
date handling (:mod:`newsparse.dates`).
"""

from __future__ import annotations

import os

import attrs

from newsparse import _accel
from newsparse._context import Context
from newsparse._limits import MAX_INPUT, utf8_size_over
from newsparse._reading import read_document
from newsparse.boilerplate import Boilerplate
from newsparse.encoding import decode
from newsparse.errors import NewsparseError, ParseError, UnknownFormatError
from newsparse.formats import SAMPLE, detect_text_format, parser_for
from newsparse.model import Article, Format, coerce_format
from newsparse.rules import DEFAULT_RULES, Rules
from newsparse.textchecks import CONTROL_RUN, control_runs, repair_text

__all__ = ["detect_format", "parse", "parse_file"]


def _as_text(
    data: str | bytes, encoding: str | None
) -> tuple[str, str | None, list[tuple[str, str, int | None]], tuple[int, int] | None, bool]:
    """The text to parse, the codec used, ``(code, message, line)`` problems met, what
    format detection reads when known (see :func:`~newsparse.formats.detect_text_format`),
    and whether the text is known to hold no invisible character (``Context.visible``).

    On the compiled path, text passed as ``str`` is looked at once (``text_scan``): for
    surrogates, runs of control characters, CRs, invisible characters and the signs of
    binary data at its start.
    """
    problems: list[tuple[str, str, int | None]]
    if isinstance(data, str) and type(data) is not str:
        data = str.__str__(data)  # a subclass of str: its characters (see parse)
    compiled = _accel.CTREE
    if compiled is not None and isinstance(data, str):
        surrogates, removed, first, crs, invisible, controls, replaced = compiled.text_scan(
            data, CONTROL_RUN, SAMPLE
        )
        if not surrogates:  # else repaired below, and the repaired text looked at again
            problems = [] if not removed else [_runs_removed(removed, data, first)]
            counts = None if crs else (controls, replaced)
            return data, None, problems, counts, not invisible
    if isinstance(data, str):
        text, repairs = repair_text(data)
        used = None
        problems = [(code, message, None) for code, message in repairs] if repairs else []
    elif isinstance(data, (bytes, bytearray, memoryview)):
        decoded = decode(bytes(data), encoding=encoding)
        text, used = decoded.text, decoded.encoding
        problems = [(code, message, None) for code, message in decoded.problems]
    else:
        raise TypeError(f"parse() needs str or bytes, not {type(data).__name__}")
    removed, line = control_runs(text)
    if removed:
        problems.append(_runs_removed(removed, text, None, line))
    return text, used, problems, None, False


def _runs_removed(
    removed: int, text: str, first: int | None, line: int | None = None
) -> tuple[str, str, int | None]:
    """The problem of ``removed`` characters in control runs, the first at index ``first``
    of ``text`` (or on ``line``)."""
    if first is not None:
        line = text.count("\n", 0, first) + 1
    return (
        "control-characters-removed",
        f"{removed} control characters in runs (binary junk) left out of the text"
        " fields (Article.html keeps the input as found)",
        line,
    )


def _check_size(data: str | bytes, fmt: Format | None, source: str | None) -> None:
    """Refuse a document over :data:`~newsparse._limits.MAX_INPUT` bytes (``too-large``)."""
    if isinstance(data, str):
        over, what = utf8_size_over(data, MAX_INPUT), f"more than {MAX_INPUT} bytes of UTF-8"
    else:
        size = memoryview(data).nbytes
        over, what = size > MAX_INPUT, f"{size} bytes"
    if over:
        raise ParseError(
            f"document is {what}, over the limit of {MAX_INPUT} bytes",
            format=None if fmt is None else fmt.value,
            source=source,
            code="too-large",
        )


def detect_format(data: str | bytes) -> Format:
    """Tell which format a document is in, from its content alone.

    A byte-order mark, CRLF line ends and leading blank lines are tolerated.

    Args:
        data: the document, as text or as bytes in any supported encoding.

    Returns:
        The detected :class:`~newsparse.Format`.

    Raises:
        UnknownFormatError: the input is empty, blank or not text at all.

    .. versionadded:: 0.1.0
    """
    text, _, _, counts, _ = _as_text(data, None)
    return detect_text_format(text, counts)


def parse(
    data: str | bytes,
    *,
    format: Format | str | None = None,
    strict: bool = False,
    source: str | None = None,
    encoding: str | None = None,
    rules: Rules | None = None,
    boilerplate: Boilerplate | None = None,
) -> Article:
    """Parse one document into an :class:`~newsparse.Article`.

    Args:
        data: the document, as text or as bytes (the encoding is detected: BOM, UTF-8,
            UTF-16, GB18030/GBK, Big5, …).
        format: the format to parse as; ``None`` detects it from the content.
        strict: raise :class:`~newsparse.ParseError` on the first recoverable defect
            instead of recording a :class:`~newsparse.ParseWarning`.
        source: a path or label for the input, kept in :attr:`Article.source` and in
            error messages.
        encoding: decode bytes with this codec instead of detecting one.
        rules: the tunable tables to use (advertising lines, outlet domains); ``None``
            means :meth:`Rules.default() <newsparse.Rules.default>`.
        boilerplate: a model from :func:`~newsparse.learn_boilerplate`: the blocks it finds
            to be the outlet's boilerplate are removed, each recorded as a warning with
            code ``"boilerplate"`` (see :meth:`~newsparse.Boilerplate.apply`).

    Returns:
        The article. Whatever was recovered from is listed in ``article.warnings``.

    Raises:
        ParseError: strict mode met a defect, or the document is beyond recovery.
        UnknownFormatError: ``format`` is not a known format, or the input is empty or
            binary and no format was given.
        TypeError: ``data`` is neither ``str`` nor ``bytes``, ``rules`` is not a
            :class:`~newsparse.Rules`, or ``boilerplate`` is not a
            :class:`~newsparse.Boilerplate`.

    .. versionadded:: 0.1.0
    .. versionchanged:: Unreleased
       The ``rules`` and ``boilerplate`` arguments.
    """
    fmt = coerce_format(format)
    if rules is not None and not isinstance(rules, Rules):
        raise TypeError(f"rules must be a newsparse.Rules, not {type(rules).__name__}")
    if boilerplate is not None and not isinstance(boilerplate, Boilerplate):
        raise TypeError(f"boilerplate must be a Boilerplate, not {type(boilerplate).__name__}")
    if not isinstance(data, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"parse() needs str or bytes, not {type(data).__name__}")
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError(f"encoding must be a str, not {type(encoding).__name__}")
    if isinstance(data, str) and type(data) is not str:
        # A subclass of str is read as the characters it holds, not as its own methods
        # say (a __len__ that lies would pass the size limit, a __str__ give other text).
        data = str.__str__(data)
    _check_size(data, fmt, source)
    try:
        text, used_encoding, problems, counts, visible = _as_text(data, encoding)
        if fmt is None:
            try:
                fmt = detect_text_format(text, counts)
            except UnknownFormatError as exc:
                if source is None:
                    raise
                raise UnknownFormatError(exc.reason, source=source, code=exc.code) from None
        ctx = Context(
            format=fmt,
            source=source,
            strict=strict,
            rules=rules or DEFAULT_RULES,
            visible=visible,
            no_cr=counts is not None,
        )
        for code, message, line in problems:
            ctx.warn(code, message, line)
        article = parser_for(fmt).parse(text, ctx)
        if (
            len(article.warnings) != len(ctx.warnings)
            or article.source != source
            or article.encoding != used_encoding
        ):
            # The parsers build the Article with the warnings and source of ``ctx`` as
            # their last step (warnings are only ever appended): a copy is needed only
            # for the encoding of bytes input, or a parser that left them out.
            article = attrs.evolve(
                article, warnings=tuple(ctx.warnings), source=source, encoding=used_encoding
            )
        return article if boilerplate is None else boilerplate.apply(article)
    except NewsparseError:
        raise
    except RecursionError as exc:
        raise ParseError(
            "document is nested too deeply to parse", format=fmt, source=source, code="too-deep"
        ) from exc
    except MemoryError as exc:
        raise ParseError(
            "document is too large to parse in memory", format=fmt, source=source, code="too-large"
        ) from exc
    except Exception as exc:
        # A defect no parser anticipated (a bug of ours): still a typed error for the caller,
        # so that one file never stops a batch. Tests assert this code never appears.
        raise ParseError(
            f"internal error while parsing ({type(exc).__name__}: {exc}); please report it",
            format=fmt,
            source=source,
            code="internal",
        ) from exc


def parse_file(
    path: str | os.PathLike[str],
    *,
    format: Format | str | None = None,
    strict: bool = False,
    encoding: str | None = None,
    rules: Rules | None = None,
    boilerplate: Boilerplate | None = None,
) -> Article:
    """Read a file and parse it with :func:`parse`; ``source`` is the path.

    Args:
        path: the file to read.
        format: the format to parse as; ``None`` detects it from the content.
        strict: raise :class:`~newsparse.ParseError` on the first recoverable defect.
        encoding: decode the file with this codec instead of detecting one.
        rules: the tunable tables to use, as for :func:`parse`.
        boilerplate: remove the blocks this model finds to be boilerplate, as for :func:`parse`.

    Returns:
        The article, with :attr:`~newsparse.Article.source` set to ``path``.

    Raises:
        ParseError: as for :func:`parse`, and when the file cannot be read (the
            :class:`OSError` is chained as ``__cause__``).

    .. versionadded:: 0.1.0
    .. versionchanged:: Unreleased
       The ``rules`` and ``boilerplate`` arguments.
    """
    name = os.fspath(path)
    if not isinstance(name, str):
        raise TypeError(f"path must be str or os.PathLike[str], not {type(name).__name__}")
    data = read_document(name)
    return parse(
        data,
        format=format,
        strict=strict,
        source=name,
        encoding=encoding,
        rules=rules,
        boilerplate=boilerplate,
    )
