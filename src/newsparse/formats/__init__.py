"""One parser per input format, behind a small common interface.

:data:`PARSERS` lists them in detection order: the first whose ``detect`` accepts the text
wins, and plain text, which accepts any text, comes last. Nothing registers itself at import
time; the order is visible here.
"""

from __future__ import annotations

import re
from typing import Final, Protocol

from newsparse import _accel
from newsparse._context import Context
from newsparse._text import INVISIBLE_CHARS, clean_invisible
from newsparse.errors import UnknownFormatError
from newsparse.formats._lines import first_non_space, normalize_newlines
from newsparse.formats.comment_header import CommentHeaderParser
from newsparse.formats.jekyll import JekyllParser
from newsparse.formats.plaintext import PlainTextParser
from newsparse.model import Article, Format
from newsparse.textchecks import without_control_runs

__all__ = ["PARSERS", "SAMPLE", "FormatParser", "detect_text_format", "parser_for"]


class FormatParser(Protocol):
    """What every format module provides."""

    @property
    def format(self) -> Format:
        """The format this parser reads."""
        ...

    def detect(self, text: str) -> bool:
        """Tell whether ``text`` is in this format (cheap: looks at the first lines only)."""
        ...

    def parse(self, text: str, ctx: Context) -> Article:
        """Build the Article, recording recoverable defects on ``ctx``; built last, it
        carries ``ctx``'s warnings and source (:func:`newsparse.parse` copies it otherwise)."""
        ...


PARSERS: Final[tuple[FormatParser, ...]] = (
    JekyllParser(),
    CommentHeaderParser(),
    PlainTextParser(),
)
_BY_FORMAT: Final = {p.format: p for p in PARSERS}

# More than this share of control characters / U+FFFD in the first few KB means binary data.
_BINARY_SHARE: Final = 0.10
_SAMPLE: Final = 4096
SAMPLE: Final = _SAMPLE
"""How many characters from the start :func:`detect_text_format` reads for signs of binary
data."""
_DETECT_PREFIX: Final = 65536
_CONTROL_BYTES: Final = bytes([*range(0x09), *range(0x0E, 0x20)])
"""The control characters counted as signs of binary data (not tab, LF, VT, FF, CR)."""
_INVISIBLE_FIRST: Final = re.compile(INVISIBLE_CHARS)
# Undecodable bytes: a few in real text are damage, a third of the text is binary data.
_REPLACED_SHARE: Final = 0.30


def parser_for(fmt: Format) -> FormatParser:
    """Return the parser of ``fmt``."""
    return _BY_FORMAT[fmt]


def _looks_binary(text: str, counts: tuple[int, int] | None = None) -> bool:
    """Whether the first :data:`_SAMPLE` characters of ``text`` hold too many control
    characters or U+FFFD; ``counts`` are those two counts when the caller knows them."""
    size = min(len(text), _SAMPLE)
    if not size:
        return False
    if counts is not None:
        controls, replaced = counts
        return controls / size > _BINARY_SHARE or replaced / size > _REPLACED_SHARE
    compiled = _accel.CTREE
    if compiled is not None:
        controls = compiled.count_controls(text, size)
    else:
        controls = count_controls_py(text, size)
    if controls / size > _BINARY_SHARE:
        return True
    if text.find("\ufffd", 0, size) < 0:  # a fast search; most text holds none
        return False
    return text.count("\ufffd", 0, size) / size > _REPLACED_SHARE


def count_controls_py(text: str, end: int) -> int:
    """How many of the first ``end`` characters of ``text`` are control characters (not
    tab, LF, VT, FF, CR): the reference of the compiled version.

    Controls are ASCII: they are counted among the ASCII characters, as bytes (encoding
    and ``bytes.translate`` are C loops; a regex ``findall`` is several times slower).
    """
    ascii_part = text[: max(end, 0)].encode("ascii", "ignore")
    return len(ascii_part) - len(ascii_part.translate(None, _CONTROL_BYTES))


def _blank(text: str) -> bool:
    """Whether ``text`` holds only whitespace and invisible characters."""
    first = first_non_space(text)
    if first is None:
        return True
    if not _INVISIBLE_FIRST.match(text, first):
        return False  # a visible character: no need to clean the whole text
    return not clean_invisible(text.strip()).strip()


def detect_text_format(text: str, counts: tuple[int, int] | None = None) -> Format:
    """Detect the format of decoded text (see :func:`newsparse.detect_format`).

    ``counts``, when given, say that ``text`` holds no CR and how many control characters
    and U+FFFD its first :data:`SAMPLE` characters hold (the compiled ``text_scan`` of
    :func:`newsparse.parse` found them): neither is looked for again.
    """
    text = (
        text[:_DETECT_PREFIX] if counts is not None else normalize_newlines(text[:_DETECT_PREFIX])
    )
    if not text.startswith("---") and _blank(text):  # "-" is visible: "---" is no blank
        raise UnknownFormatError(
            "the input is empty or only whitespace: no format to detect", code="empty"
        )
    if _looks_binary(text, counts):
        # A run of control characters in a text file is junk in it, not binary data.
        text = without_control_runs(text)
        if _blank(text) or _looks_binary(text):
            raise UnknownFormatError(
                "the input looks binary (many control or undecodable characters), not text",
                code="binary",
            )
    for parser in PARSERS:
        if parser.detect(text):
            return parser.format
    raise UnknownFormatError(  # pragma: no cover - plaintext takes all
        "no format recognises the input", code="unknown-format"
    )
