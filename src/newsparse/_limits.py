"""The size limits that keep every parse bounded in time and memory.

Parsing cost grows linearly with size, but at up to about 1.5 s of CPU and 140 MB of
memory per MB of the most expensive HTML and plain-text shapes (hundreds of thousands of
one-character paragraphs), 4 s per MB for Markdown read as plain paragraphs and 12 s per
MB for Markdown rendered by markdown-it; ``bench/limits.py`` measures it. These limits
keep the worst case under 10 s and 1 GB on the reference machine (measured: 6.3 s and
580 MB at most), far above any real article (the largest file of the real corpus is
232 KB). They are stated in bytes of UTF-8 (for ``str`` input, of its UTF-8 encoding).
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MAX_CONFIG",
    "MAX_HTML_BODY",
    "MAX_INPUT",
    "MAX_MARKDOWN",
    "MAX_MARKDOWN_RENDERED",
    "utf8_size_over",
]

MAX_INPUT: Final = 4 * 1024 * 1024
"""Largest document parsed, in bytes: a larger one is a ``too-large``
:class:`~newsparse.ParseError` (a file is refused from its size, before it is read)."""

MAX_CONFIG: Final = 64 * 1024 * 1024
"""Largest settings file the command line reads (``--rules FILE``, ``--boilerplate FILE``);
a larger one is a usage error naming it."""

MAX_HTML_BODY: Final = 4 * 1024 * 1024
"""Largest HTML body parsed; a longer one is cut there, with a ``body-truncated`` warning."""

MAX_MARKDOWN: Final = 3 * 512 * 1024
"""Largest Markdown (or plain) body parsed; a longer one is cut there, with a
``body-truncated`` warning."""

MAX_MARKDOWN_RENDERED: Final = 512 * 1024
"""Markdown bodies longer than this are read as plain blank-line paragraphs instead of
rendered by markdown-it, with a ``markdown-too-large`` note."""


def utf8_size_over(text: str, limit: int) -> bool:
    """Whether ``text`` takes more than ``limit`` bytes in UTF-8, encoding it only when its
    length leaves a doubt (a character takes one to four bytes)."""
    if len(text) > limit:
        return True
    if len(text) * 4 <= limit or text.isascii():
        return False
    return len(text.encode("utf-8", "surrogatepass")) > limit
