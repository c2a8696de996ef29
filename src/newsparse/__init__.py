"""newsparse: archived news files in, one typed, immutable :class:`Article` out.

>>> import newsparse
>>> article = newsparse.parse("<!--1715734743000-->\\n[Hello](https://example.org/a)\\n------\\n<p>Hi.</p>")
>>> article.format, article.title
(<Format.COMMENT_HEADER: 'comment-header'>, 'Hello')

``newsparse.__accelerated__`` is True when the compiled accelerator runs, False on the
pure-Python path (forced by ``NEWSPARSE_PURE=1``); both give the same results.

The public names are all here; everything in a ``_private`` module may change without notice.
"""

from __future__ import annotations

from newsparse import _accel
from newsparse._api import detect_format, parse, parse_file
from newsparse._archive import learn_boilerplate
from newsparse._batch import ParseResult, parse_many
from newsparse._dump import dumps
from newsparse._files import dump, load
from newsparse._version import __version__
from newsparse.boilerplate import Boilerplate
from newsparse.errors import (
    FileReadError,
    NewsparseError,
    ParseError,
    RulesError,
    UnknownFormatError,
)
from newsparse.model import Article, Format, Image, Media, ParseWarning
from newsparse.rules import LineRule, Rules

# Whether the compiled accelerator runs (newsparse._accel chooses at import).
__accelerated__: bool = _accel.ACCELERATED

__all__ = [
    "Article",
    "Boilerplate",
    "FileReadError",
    "Format",
    "Image",
    "LineRule",
    "Media",
    "NewsparseError",
    "ParseError",
    "ParseResult",
    "ParseWarning",
    "Rules",
    "RulesError",
    "UnknownFormatError",
    "__accelerated__",
    "__version__",
    "detect_format",
    "dump",
    "dumps",
    "learn_boilerplate",
    "load",
    "parse",
    "parse_file",
    "parse_many",
]


def __dir__() -> list[str]:
    return __all__
