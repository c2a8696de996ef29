"""The archive header shared by comment-header files and most Jekyll posts::

    <!--1715734743000-->                      stamp: epoch milliseconds, or NaN
    [Headline [with] brackets](https://…)     link: title and URL (a Markdown link)
    ------                                    rule: three or more dashes (or =)
    <div>…                                    body

Every part is optional for reading purposes: a missing part is recorded as a warning by
the caller when the format requires it.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from newsparse.formats._lines import iter_lines

__all__ = ["Header", "parse_link_line", "read_header"]

# The stamp is short: a number, NaN, or garbage of a few characters. A longer comment is
# page HTML (<!-- wp:paragraph -->), not an archive header.
_STAMP: Final = re.compile(r"<!--\s*([^<>\n]{0,40}?)\s*-->")
_STAMP_UNCLOSED: Final = re.compile(r"<!--\s*([-+.\w]{0,40})\s*$")
_RULE: Final = re.compile(r"\s*(?:-{3,}|={3,})\s*")
_URLISH: Final = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:|/|#|\?|www\.)\S*|")
_MAX_LINK_LINE: Final = 100_000


@attrs.frozen
class Header:
    """What the header lines said, and where the body starts."""

    stamp: str | None = None
    """The stamp comment's content (``"1715734743000"``, ``"NaN"``), if there was one."""
    stamp_line: int | None = None
    stamp_closed: bool = True
    title: str | None = None
    url: str | None = None
    link_line: int | None = None
    rule_line: int | None = None
    body_offset: int = 0
    """Offset in the text where the body starts."""
    body_line: int = 1
    """1-based line number where the body starts."""

    @property
    def present(self) -> bool:
        """Whether any header part was found."""
        return self.stamp is not None or self.link_line is not None


def parse_link_line(line: str) -> tuple[str, str] | None:
    """Split ``[title](url)`` into ``(title, url)``, or return ``None``.

    Titles may hold brackets and parentheses and URLs may hold parentheses: the URL is
    what follows the last ``](`` whose remainder looks like a URL (``<url>`` form too).
    """
    s = line.strip()
    if len(s) > _MAX_LINK_LINE or not (s.startswith("[") and s.endswith(")")):
        return None
    inner = s[1:-1]
    pos = inner.rfind("](")
    while pos != -1:
        url = inner[pos + 2 :].strip()
        if url.startswith("<") and url.endswith(">") and "\n" not in url:
            return inner[:pos], url[1:-1]
        if _URLISH.fullmatch(url):
            return inner[:pos], url
        pos = inner.rfind("](", 0, pos)
    return None


def read_header(text: str, start: int = 0, start_line: int = 1) -> Header:
    """Read the stamp, link and rule lines from offset ``start`` (blank lines are skipped).

    Parts must come in order; reading stops at the first line that is none of them.
    """
    fields: dict[str, object] = {}
    line_no = start_line - 1
    body_offset, body_line = start, start_line
    stage = 0  # 0: expect stamp, 1: expect link, 2: expect rule, 3: done
    for _begin, end, line in iter_lines(text, start):
        line_no += 1
        stripped = line.strip()
        if not stripped:
            continue
        if stage == 0:
            m = _STAMP.match(stripped)
            if m and m.end() == len(stripped):
                fields.update(stamp=m[1], stamp_line=line_no)
                stage, body_offset, body_line = 1, end, line_no + 1
                continue
            m = _STAMP_UNCLOSED.match(stripped)
            if m:
                fields.update(stamp=m[1], stamp_line=line_no, stamp_closed=False)
                stage, body_offset, body_line = 1, end, line_no + 1
                continue
            stage = 1
        if stage == 1:
            link = parse_link_line(stripped)
            if link is not None:
                fields.update(title=link[0], url=link[1], link_line=line_no)
                stage, body_offset, body_line = 2, end, line_no + 1
                continue
            if not fields:
                break
            stage = 2
        if stage == 2 and _RULE.fullmatch(line) and fields:
            fields.update(rule_line=line_no)
            body_offset, body_line = end, line_no + 1
        break
    return Header(body_offset=body_offset, body_line=body_line, **fields)  # type: ignore[arg-type]
