"""The comment-header format: an archive header, then an HTML body::

    <!--1715734743000-->                         stamp (epoch ms; NaN when unknown)
    [美中举行首次政府间人工智能对话](https://…)    link line: title and URL
    ------                                       rule
    <div><i>Wed, 15 May 2024 00:48:57 GMT</i></div><p>…</p>     body

``published`` is the stamp (``date_source="comment-header"``); with ``NaN`` or no stamp, a
date line after the rule or in the body (``"body"``), then a date in the URL. A file with no
stamp but a date line after the rule (``日期：Mon, 14 Sep 2020 08:05:00 +0000``) is this
format too, not a defective one. A date more than a year from the URL's own full date loses
to it (``"url"``, warning ``date-contradicts-url``). The outlet comes from the URL's domain.
"""

from __future__ import annotations

import re
from typing import Final

from newsparse._context import Context
from newsparse.formats._archive_header import parse_link_line, read_header
from newsparse.formats._article_fields import (
    article_after_header,
    clean_title,
    cut_site_suffix,
    outlet_of,
    read_stamp,
    safe_article_url,
)
from newsparse.formats._lines import first_lines, normalize_newlines, strip_bom
from newsparse.model import Article, Format

__all__ = ["CommentHeaderParser"]

_STAMP_START: Final = re.compile(r"\s*<!--\s*[-+.\w]{0,40}\s*(?:-->\s*)?$")


class CommentHeaderParser:
    """Reads ``<!--EPOCH_MS-->`` / ``[title](url)`` / ``------`` / HTML body."""

    format: Final = Format.COMMENT_HEADER

    def detect(self, text: str) -> bool:
        """The first non-blank line is a short ``<!--…-->`` stamp or a ``[title](url)`` link."""
        lines = first_lines(strip_bom(text[:65536]), 2)
        if not lines:
            return False
        if _STAMP_START.match(lines[0]):
            return True
        return parse_link_line(lines[0]) is not None and (
            len(lines) < 2 or bool(re.fullmatch(r"\s*(?:-{3,}|={3,})\s*", lines[1]))
        )

    def parse(self, text: str, ctx: Context) -> Article:
        """Parse a comment-header document."""
        raw = strip_bom(text)
        text = raw if ctx.no_cr else normalize_newlines(raw)
        header = read_header(text)
        if header.stamp is None and header.date is None:
            ctx.warn(
                "missing-header-comment",
                "expected a <!--EPOCH_MS--> header comment on the first line",
                1,
            )
        if header.link_line is None:
            ctx.warn(
                "missing-link-line",
                "expected a [title](url) line after the header comment",
                (header.stamp_line or 0) + 1,
            )
        elif header.rule_line is None:
            ctx.warn(
                "missing-rule-line",
                "expected a ------ rule line after the [title](url) line",
                header.link_line + 1,
            )
        url = safe_article_url(header.url, ctx, header.link_line)
        site = outlet_of((), url, ctx.rules.sites)
        title = cut_site_suffix(clean_title(header.title), [site], url, ctx, header.link_line)
        stamp, _ = read_stamp(header, ctx)
        return article_after_header(
            self.format,
            ctx,
            raw,
            text,
            header,
            title=title,
            url=url,
            declared=(stamp, "comment-header") if stamp is not None else (None, None),
            url_line=header.link_line,
            untitled=("the document has no title", header.link_line or 1),
            site=site,
        )
