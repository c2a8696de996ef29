"""The Jekyll post: YAML front matter, usually an archive header, then the body::

    ---                                   front matter (YAML)
    title: "微软回应中国区AI团队撤离"
    date: 2024-05-16T07:34:54.218Z        publication time, or the archiving time (see below)
    author: 自由亚洲电台
    from: https://www.rfa.org/…           the article URL
    tags: [ 自由亚洲电台 ]
    categories: [ 自由亚洲电台 ]            the first category is the outlet
    ---
    <!--NaN-->                            optional archive header (see comment_header)
    [title](url)
    ------
    <div>…</div>                          HTML body, raw page HTML, or Markdown

With a ``<!--NaN-->`` stamp the front-matter ``date`` is only when the post was archived: it
goes to ``archived`` and ``published`` comes from a date line in the body or the URL.
Every front-matter key other than title/date/author/from/tags/categories goes to ``extra``.
Empty front matter (``---`` right after ``---``) is a post with no metadata. Hugo's TOML
front matter between ``+++`` lines is read into the same fields: it is a post of this
format too (:func:`newsparse.dumps` writes it back as YAML).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from newsparse._context import Context
from newsparse.dates import DateError, parse_datetime
from newsparse.formats._archive_header import read_header
from newsparse.formats._article_fields import (
    article_after_header,
    clean_title,
    cut_site_suffix,
    outlet_of,
    read_stamp,
    safe_article_url,
)
from newsparse.formats._frontmatter import (
    FrontMatterError,
    load_front_matter,
    split_front_matter,
)
from newsparse.formats._lines import (
    first_lines,
    first_non_space,
    normalize_newlines,
    strip_bom,
)
from newsparse.model import Article, Format
from newsparse.titles import may_have_suffix, unescape_markdown

__all__ = ["EXTRA_KEY", "KNOWN_KEYS", "JekyllParser"]

KNOWN_KEYS: Final = frozenset({"title", "date", "author", "from", "tags", "categories"})
"""Front-matter keys that become Article fields; all others go to ``extra``."""
EXTRA_KEY: Final = "x-newsparse-extra"
"""A mapping under this key holds ``extra`` entries whose names a front matter cannot hold
otherwise (``date``, ``tags``: the names of fields); :func:`newsparse.dumps` writes it, and
its entries go back to ``extra``."""
_DETECT_PREFIX: Final = 65536
"""How many characters from the start :meth:`JekyllParser.detect` reads."""
_URL_FALLBACK_KEYS: Final = ("url", "link", "canonical_url", "source_url", "original_url")


def _string_list(value: Any) -> tuple[str, ...]:
    """Tags/categories: a YAML list, or a string of space-separated words (as Jekyll reads it)."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else str(value).split()
    out = []
    for item in items:
        if item is None or isinstance(item, (dict, list)):
            continue
        text = clean_title(item)
        if text:
            out.append(text)
    return tuple(out)


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = clean_title(value)
    return text or None


class JekyllParser:
    """Reads YAML front matter, an optional archive header and the body."""

    format: Final = Format.JEKYLL

    def detect(self, text: str) -> bool:
        """The first non-blank line is ``---`` and a ``key:`` line or the closing ``---``
        follows (YAML), or it is ``+++`` and a ``key = value`` line, a ``[table]`` or the
        closing ``+++`` follows (TOML, as Hugo writes it)."""
        if text.startswith("---\n"):
            # Most posts: the first line is ``---`` and the next one, when it holds a ":"
            # (within the first 65536 characters, as read below), is the second line that
            # is not blank. Two searches instead of the lines read one by one.
            newline = text.find("\n", 4, _DETECT_PREFIX)
            if text.find(":", 4, newline if newline >= 0 else _DETECT_PREFIX) >= 0:
                return True
        lines = first_lines(strip_bom(text[:_DETECT_PREFIX]), 2)
        if len(lines) < 2:
            return False
        first, second = lines[0].rstrip(), lines[1].strip()
        if first.startswith("---") and set(first.strip()) == {"-"}:
            return ":" in lines[1] or (len(second) >= 3 and set(second) == {"-"})
        if first.strip() == "+++":
            return "=" in second or second.startswith("[") or second == "+++"
        return False

    def parse(self, text: str, ctx: Context) -> Article:
        """Parse a Jekyll post."""
        raw = strip_bom(text)
        text = raw if ctx.no_cr else normalize_newlines(raw)
        block = split_front_matter(text)
        meta: dict[str, Any] = {}
        body_offset, body_line = 0, 1
        if block is None:
            ctx.warn("missing-front-matter", "expected front matter opened by a --- line", 1)
        else:
            if not block.closed:
                ctx.warn(
                    "front-matter-unclosed",
                    f"front matter is never closed by a {'+++' if block.syntax == 'toml' else '---'} "
                    "line; it is taken to end at the last key line",
                    block.first_line - 1,
                )
            try:
                meta = load_front_matter(block, ctx)
            except FrontMatterError as exc:
                # An alias bomb or absurd nesting: nothing in it can be trusted, but the
                # header and the body after it still can.
                if ctx.strict:
                    raise ctx.fail("front-matter-refused", str(exc), block.first_line) from exc
                ctx.warn(
                    "front-matter-refused", f"{exc}; the front matter was dropped", block.first_line
                )
            body_offset, body_line = block.body_offset, block.body_line
            if first_non_space(text, body_offset) is None:
                ctx.warn("missing-body", "the front matter is followed by no body", body_line - 1)
        header = read_header(text, body_offset, body_line)
        stamp, stamp_is_nan = read_stamp(header, ctx)

        url = _scalar(meta.get("from")) or (header.url or "").strip() or None
        if url is None:
            for key in _URL_FALLBACK_KEYS:
                url = _scalar(meta.get(key))
                if url:
                    break
        url = safe_article_url(url, ctx, block.first_line if block else header.link_line)
        author = _scalar(meta.get("author"))
        tags = _string_list(meta.get("tags"))
        categories = _string_list(meta.get("categories"))
        site = outlet_of(categories, url, ctx.rules.sites)
        title = (
            clean_title(meta["title"])
            if meta.get("title") is not None
            else clean_title(header.title)
        )
        if header.title is not None and "\\" in title:
            # The mirror copied the link line's Markdown escapes into the front matter too.
            unescaped = unescape_markdown(title)
            if unescaped == clean_title(header.title):
                title = unescaped
        if may_have_suffix(title):  # the title's line is looked for only then
            title = cut_site_suffix(
                title,
                [site, author, *categories],
                url,
                ctx,
                _key_line(text, "title", block.first_line) if block else header.link_line,
            )

        fm_date = self._front_matter_date(meta, ctx, block.first_line if block else 1, text)
        # With a NaN stamp the front-matter date is when the post was archived: the body or
        # the URL gives the publication date, the nearest to it.
        declared: tuple[dt.datetime | None, str | None] = (None, None)
        if not stamp_is_nan and fm_date is not None:
            declared = (fm_date, "front-matter")
        elif not stamp_is_nan and stamp is not None:
            declared = (stamp, "comment-header")
        return article_after_header(
            self.format,
            ctx,
            raw,
            text,
            header,
            title=title,
            url=url,
            declared=declared,
            near=fm_date if stamp_is_nan else None,
            url_line=block.first_line if block else header.link_line,
            untitled=("the front matter has no title", block.first_line if block else 1),
            title_from_body=True,
            author=author,
            site=site,
            archived=fm_date if stamp_is_nan else None,
            tags=tags,
            categories=categories,
            extra=_extra(meta),
        )

    @staticmethod
    def _front_matter_date(
        meta: dict[str, Any], ctx: Context, first_line: int, text: str
    ) -> dt.datetime | None:
        raw = meta.get("date")
        if raw is None or isinstance(raw, (dict, list, bool)):
            return None
        try:
            return parse_datetime(str(raw))
        except DateError as exc:
            ctx.warn(
                "bad-date",
                f"front-matter date is unusable: {exc}",
                _key_line(text, "date", first_line),
            )
            return None


def _extra(meta: dict[str, Any]) -> dict[str, Any]:
    """Every front-matter key that is no field, with the entries under :data:`EXTRA_KEY`."""
    extra = {k: v for k, v in meta.items() if k not in KNOWN_KEYS and k != EXTRA_KEY}
    if isinstance(meta.get(EXTRA_KEY), dict):
        extra.update(meta[EXTRA_KEY])
    elif EXTRA_KEY in meta:
        extra[EXTRA_KEY] = meta[EXTRA_KEY]
    return extra


def _key_line(text: str, key: str, first_line: int) -> int:
    """The line number of ``key:`` in the front matter (for messages): of the first 401
    lines (the last one running to the end), from ``first_line`` (1 or more) to the
    closing ``---``. Lines are found one at a time: the key is near the top."""
    prefix = f"{key}:"
    pos = 0
    for index in range(401):
        newline = text.find("\n", pos) if index < 400 else -1
        end = len(text) if newline < 0 else newline
        if index >= first_line - 1:
            if text.startswith(prefix, pos, end):
                return index + 1
            if index + 1 > first_line and text[pos:end].strip() == "---":
                break
        if newline < 0:
            break
        pos = newline + 1
    return first_line
