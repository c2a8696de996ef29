"""Articles from and to open file objects: :func:`load` and :func:`dump`.

The names python-frontmatter and :mod:`json` users expect. Both take text or binary file
objects: bytes are decoded as :func:`newsparse.parse` decodes them (encoding detection),
and text goes to a binary file as UTF-8.
"""

from __future__ import annotations

import io
import os
from typing import IO, Any

from newsparse._api import parse
from newsparse._dump import dumps
from newsparse.model import Article, Format

__all__ = ["dump", "load"]


def _name(fp: Any) -> str | None:
    name = getattr(fp, "name", None)
    if isinstance(name, (str, os.PathLike)):
        text = os.fspath(name)
        return text if isinstance(text, str) else None
    return None


def load(
    fp: IO[str] | IO[bytes],
    *,
    format: Format | str | None = None,
    strict: bool = False,
    encoding: str | None = None,
) -> Article:
    """Read a whole open file and parse it with :func:`newsparse.parse`.

    >>> import io, newsparse
    >>> newsparse.load(io.BytesIO("---\\ntitle: 你好\\n---\\n<p>Hi.</p>\\n".encode("gb18030"))).title
    '你好'

    Args:
        fp: a file object opened for reading, in text or binary mode.
        format: the format to parse as; ``None`` detects it from the content.
        strict: raise :class:`~newsparse.ParseError` on the first recoverable defect.
        encoding: decode bytes with this codec instead of detecting one.

    Returns:
        The article; :attr:`~newsparse.Article.source` is the file's ``name`` when it has one.

    Raises:
        ParseError: as for :func:`newsparse.parse`.
        UnknownFormatError: as for :func:`newsparse.parse`.
        TypeError: ``fp`` has no ``read`` method, or reads neither ``str`` nor ``bytes``.

    .. versionadded:: Unreleased
    """
    read = getattr(fp, "read", None)
    if not callable(read):
        raise TypeError(f"load() needs a file object opened for reading, not {type(fp).__name__}")
    data = read()
    if not isinstance(data, (str, bytes)):
        raise TypeError(f"load(): fp.read() gave {type(data).__name__}, not str or bytes")
    return parse(data, format=format, strict=strict, source=_name(fp), encoding=encoding)


def dump(article: Article, fp: IO[str] | IO[bytes], format: Format | str) -> None:
    """Write ``article`` to an open file as a document of ``format`` (see :func:`dumps`).

    >>> import io, newsparse
    >>> a = newsparse.Article(format="jekyll", title="Hi", paragraphs=("One.",))
    >>> out = io.BytesIO()
    >>> newsparse.dump(a, out, "plaintext")
    >>> out.getvalue()
    b'Hi\\nOne.\\n'

    Args:
        article: the article to write.
        fp: a file object opened for writing, in text mode or binary mode (then UTF-8).
        format: the target format, as a :class:`~newsparse.Format` or its string value.

    Raises:
        UnknownFormatError: ``format`` is not a known format.
        TypeError: ``article`` is not an Article, or ``fp`` has no ``write`` method.

    .. versionadded:: Unreleased
    """
    if not isinstance(article, Article):
        raise TypeError(f"dump() writes an Article, not {type(article).__name__}")
    write = getattr(fp, "write", None)
    if not callable(write):
        raise TypeError(f"dump() needs a file object opened for writing, not {type(fp).__name__}")
    text = dumps(article, format)
    if isinstance(fp, io.TextIOBase):
        write(text)
        return
    if isinstance(fp, (io.RawIOBase, io.BufferedIOBase)) or "b" in str(getattr(fp, "mode", "")):
        write(text.encode("utf-8"))
        return
    try:  # some other file-like object: ask it
        write(text)
    except TypeError:
        write(text.encode("utf-8"))
