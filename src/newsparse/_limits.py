"""The size limits that keep every parse bounded in time and memory.

Parsing cost grows linearly with size, but at up to about 0.8 s of CPU and 80 MB of
memory per MB of the most expensive shapes of input (hundreds of thousands of tiny
paragraphs); ``bench/limits.py`` measures it. These limits keep the worst case under
10 s and 1 GB on the reference machine, far above any real article (the largest file of
the real corpus is 232 KB). They are stated in bytes of UTF-8 (for ``str`` input, of its
UTF-8 encoding).
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

MAX_INPUT: Final = 8 * 1024 * 1024
"""Largest document parsed, in bytes: a larger one is a ``too-large``
:class:`~newsparse.ParseError` (a file is refused from its size, before it is read)."""

MAX_CONFIG: Final = 64 * 1024 * 1024
"""Largest settings file the command line reads (``--rules FILE``, ``--boilerplate FILE``);
a larger one is a usage error naming it."""

MAX_HTML_BODY: Final = 8 * 1024 * 1024
"""Largest HTML body parsed; a longer one is cut there, with a ``body-truncated`` warning."""

MAX_MARKDOWN: Final = 4 * 1024 * 1024
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
