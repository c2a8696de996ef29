"""The archive header shared by comment-header files and most Jekyll posts::

    <!--1715734743000-->                      stamp: epoch milliseconds, or NaN
    [Headline [with] brackets](https://…)     link: title and URL (a Markdown link)
    ------                                    rule: three or more dashes (or =)
    日期：Mon, 14 Sep 2020 08:05:00 +0000      date line: optional, any style dates.py reads
    <div>…                                    body

Every part is optional for reading purposes: a missing part is recorded as a warning by
the caller when the format requires it. Some archivers write no stamp and put the date on a
text line of its own after the link and rule instead; that line is read as part of the
header (only after a link line, only when the whole line is a date, optionally labelled
and wrapped in Markdown emphasis), so that the body starts after it.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from newsparse.dates import parse_date_line
from newsparse.formats._lines import first_non_space
from newsparse.titles import unescape_markdown

__all__ = ["Header", "parse_link_line", "read_header"]

# The stamp is short: a number, NaN, or garbage of a few characters. A longer comment is
# page HTML (<!-- wp:paragraph -->), not an archive header.
_STAMP: Final = re.compile(r"<!--\s*([^<>\n]{0,40}?)\s*-->")
_STAMP_UNCLOSED: Final = re.compile(r"<!--\s*([-+.\w]{0,40})\s*$")
_RULE: Final = re.compile(r"\s*(?:-{3,}|={3,})\s*")
_URLISH: Final = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:|/|#|\?|www\.)\S*|")
_MAX_LINK_LINE: Final = 100_000
_EMPHASIS: Final = re.compile(r"[*_`]+")
_MAX_DATE_LINE: Final = 200
"""Longer lines are never a date line (checked before any work on them)."""
"""Markdown emphasis around a date line or its label (``*Mon, 14 Sep 2020*``, ``**日期：**…``)."""


@attrs.frozen
class Header:
    """What the header lines said, and where the body starts."""

    stamp: str | None = None
    """The stamp comment's content (``"1715734743000"``, ``"NaN"``), if there was one."""
    stamp_line: int | None = None
    stamp_closed: bool = True
    title: str | None = None
    """The link line's title, Markdown escapes undone (``\\[`` → ``[``)."""
    url: str | None = None
    link_line: int | None = None
    rule_line: int | None = None
    body_offset: int = 0
    """Offset in the text where the body starts."""
    body_line: int = 1
    """1-based line number where the body starts."""
    date: str | None = None
    """The text of a date line after the link and rule (``日期：Mon, 14 Sep 2020 …``)."""
    date_line: int | None = None
    content_offset: int = 0
    """Offset where the body's content starts: after the date line when there is one, else
    ``body_offset``. The body as found (``Article.html``) still starts at ``body_offset``."""
    content_line: int = 1

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
    stamp: str | None = None
    stamp_line: int | None = None
    stamp_closed = True
    title: str | None = None
    url: str | None = None
    link_line: int | None = None
    rule_line: int | None = None
    line_no = start_line - 1
    body_offset, body_line = start, start_line
    stage = 0  # 0: expect stamp, 1: expect link, 2: expect rule, 3: done
    pos, size = start, len(text)
    while pos < size:  # iter_lines without a generator: a header is a few short lines
        newline = text.find("\n", pos)
        end = size if newline < 0 else newline + 1
        line = text[pos:newline] if newline >= 0 else text[pos:]
        pos = end
        line_no += 1
        stripped = line.strip()
        if not stripped:
            continue
        if stage == 0:
            m = _STAMP.match(stripped)
            if m and m.end() == len(stripped):
                stamp, stamp_line = m[1], line_no
                stage, body_offset, body_line = 1, end, line_no + 1
                continue
            m = _STAMP_UNCLOSED.match(stripped)
            if m:
                stamp, stamp_line, stamp_closed = m[1], line_no, False
                stage, body_offset, body_line = 1, end, line_no + 1
                continue
            stage = 1
        if stage == 1:
            link = parse_link_line(stripped)
            if link is not None:
                title, url, link_line = unescape_markdown(link[0]), link[1], line_no
                stage, body_offset, body_line = 2, end, line_no + 1
                continue
            if stamp is None:
                break
            stage = 2
        if stage == 2 and (stamp is not None or link_line is not None) and _RULE.fullmatch(line):
            rule_line = line_no
            body_offset, body_line = end, line_no + 1
        break
    date: str | None = None
    date_line: int | None = None
    content_offset, content_line = body_offset, body_line
    if link_line is not None:
        found = _date_line(text, body_offset, body_line)
        if found is not None:
            date, date_line, content_offset, content_line = found
    return Header(
        stamp=stamp,
        stamp_line=stamp_line,
        stamp_closed=stamp_closed,
        title=title,
        url=url,
        link_line=link_line,
        rule_line=rule_line,
        body_offset=body_offset,
        body_line=body_line,
        date=date,
        date_line=date_line,
        content_offset=content_offset,
        content_line=content_line,
    )


def date_text(line: str) -> str:
    """A date line's text without Markdown emphasis (``**日期：** *2020-09-14*``)."""
    return _EMPHASIS.sub("", line.strip())


def _date_line(text: str, start: int, start_line: int) -> tuple[str, int, int, int] | None:
    """``(date text, its line, content offset, content line)`` when the first non-blank
    line from ``start`` is a date line of its own, else ``None``."""
    first = first_non_space(text, start)
    if first is None or text[first] == "<":
        return None  # markup (emphasis marks are no "<": it stays first)
    # The first line that is not blank is the one holding the first non-space character.
    begin = text.rfind("\n", start, first) + 1 or start
    # Its end is looked for no further than a date line can reach: past that, it is too long.
    newline = text.find("\n", first, begin + _MAX_DATE_LINE + 1)
    if newline < 0 and len(text) - begin > _MAX_DATE_LINE:
        return None  # too long (its newline, if any, is further than that)
    end = len(text) if newline < 0 else newline + 1
    candidate = date_text(text[begin : end if newline < 0 else newline])
    if candidate.startswith("<") or parse_date_line(candidate) is None:
        return None
    line_no = start_line + text.count("\n", start, begin)
    return candidate, line_no, end, line_no + 1
