"""From the parts a format parser read to Article fields: title, URL, body, date, people, outlet.

Every parser reads its own layout (front matter, archive header, title line) and hands the
parts to these steps, which the formats share.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Final

from newsparse._context import Context
from newsparse._limits import MAX_HTML_BODY, MAX_MARKDOWN, MAX_MARKDOWN_RENDERED, utf8_size_over
from newsparse._text import clean_invisible, normalize_line, unescape
from newsparse.body import Body, extract_html, extract_markdown, looks_like_html
from newsparse.byline import find_byline, prefers_byline
from newsparse.dates import (
    DateError,
    date_from_url,
    from_epoch_ms,
    parse_date_line,
    url_contradiction,
)
from newsparse.formats._archive_header import Header
from newsparse.formats._lines import original_offset
from newsparse.model import Article, Format
from newsparse.sites import site_for_url
from newsparse.titles import cut_title_suffixes, may_have_suffix, outlet_names

_BLANK_LINES: Final = re.compile(r"\n[ \t]*\n")


_SCRIPT_IN_TEXT: Final = re.compile(
    r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL
)


def clean_title(raw: object) -> str:
    """A title as a reader sees it: entities decoded, whitespace collapsed.

    ``<script>``/``<style>`` elements written into a title are removed with their content:
    script text never reaches a text field.
    """
    if raw is None:
        return ""
    text = str(raw)
    if "&" in text:  # unescape(text) without the call: most fields hold no reference
        text = unescape(text)
    if "<" in text:
        text = _SCRIPT_IN_TEXT.sub("", text)
    return normalize_line(text)


def cut_site_suffix(
    title: str, names: Sequence[str | None], url: str | None, ctx: Context, line: int | None
) -> str:
    """Drop trailing `` - Outlet`` / `` | Column`` parts (see :mod:`newsparse.titles`); each
    cut part is kept in a ``title-suffix-removed`` note."""
    if not may_have_suffix(title):
        return title  # most titles: no need to gather the outlet's names
    known = outlet_names(names, url, ctx.rules.sites, ctx.rules.aliases)
    head, cut = cut_title_suffixes(title, known)
    for part in cut:
        ctx.note("title-suffix-removed", f"page-title suffix {part!r} cut from the title", line)
    return head


def extract_body(
    text: str, ctx: Context, *, base_url: str | None, title: str | None, line: int
) -> Body:
    """Extract an HTML body, or a Markdown/plain one through markdown-it-py.

    A body over its limit (:data:`~newsparse._limits.MAX_HTML_BODY`,
    :data:`~newsparse._limits.MAX_MARKDOWN` bytes) is cut there, with a warning.
    """
    is_html = looks_like_html(text)
    limit = MAX_HTML_BODY if is_html else MAX_MARKDOWN
    if utf8_size_over(text, limit):
        text = _cut_to_bytes(text, limit)
        kind = "HTML" if is_html else "Markdown"
        ctx.warn(
            "body-truncated",
            f"{kind} body is over {limit} bytes; only the first {limit} are read",
            line,
        )
    if is_html:
        # A part of the parsed text: visible when the whole is (markup rendered from
        # Markdown below may hold what its entities decode to).
        return extract_html(text, ctx, base_url=base_url, title=title, visible=ctx.visible)
    if utf8_size_over(text, MAX_MARKDOWN_RENDERED):
        # markdown-it is linear but slow per block; a body this large is read as plain
        # paragraphs (blank-line separated) to keep time bounded.
        ctx.note(
            "markdown-too-large",
            f"Markdown body of {len(text)} characters read as plain paragraphs, not rendered",
            line,
        )
        blocks = (html.escape(b) for b in _BLANK_LINES.split(text) if b.strip())
        return extract_html(
            "".join(f"<p>{b}</p>" for b in blocks), ctx, base_url=base_url, title=title
        )
    return extract_markdown(text, ctx, base_url=base_url, title=title)


def _cut_to_bytes(text: str, limit: int) -> str:
    """The longest start of ``text`` that takes at most ``limit`` bytes in UTF-8."""
    return text.encode("utf-8", "surrogatepass")[:limit].decode("utf-8", "ignore")


_UNSAFE_SCHEME: Final = re.compile(r"^\s*(?:javascript|data|vbscript|file)\s*:", re.IGNORECASE)


def safe_article_url(url: str | None, ctx: Context, line: int | None) -> str | None:
    """The article URL, unless it is a ``javascript:``/``data:``/``file:`` URL (dropped, warned)."""
    if url is None:
        return None
    url = clean_invisible(url).strip()
    if not url:
        return None
    if _UNSAFE_SCHEME.match(url):
        scheme = url.split(":", 1)[0].strip().lower()
        ctx.warn(
            "unsafe-url-dropped", f"the article URL uses the {scheme}: scheme and was dropped", line
        )
        return None
    return url


def read_stamp(header: Header, ctx: Context) -> tuple[dt.datetime | None, bool]:
    """Return ``(time, is_nan)`` for the header's ``<!--…-->`` stamp."""
    if header.stamp is None:
        return None, False
    if not header.stamp_closed:
        ctx.warn(
            "header-comment-unclosed",
            "the header comment <!--… is never closed with -->",
            header.stamp_line,
        )
    try:
        when = from_epoch_ms(header.stamp)
    except DateError as exc:
        ctx.warn("bad-header-date", f"header comment date is unusable: {exc}", header.stamp_line)
        return None, False
    return when, when is None


def body_or_url_date(
    body: Body, url: str | None, near: dt.datetime | None, header: Header | None = None
) -> tuple[dt.datetime | None, str | None]:
    """The fallback evidence, in order: the header's date line, a date line in the body, then
    a date in the URL. A date line counts as ``"body"`` evidence wherever it stands."""
    if header is not None and header.date is not None:
        when = parse_date_line(header.date)
        if when is not None:
            return when, "body"
    if body.dates:
        return body.dates[0], "body"
    found = date_from_url(url, near=near)
    if found is not None:
        return found, "url"
    return None, None


def check_against_url(
    published: dt.datetime | None,
    source: str | None,
    url: str | None,
    ctx: Context,
    line: int | None = None,
) -> tuple[dt.datetime | None, str | None]:
    """A declared date that contradicts the URL's full date by more than a year loses to it.

    See :data:`newsparse.dates.URL_CONTRADICTION`; the overruled date is kept in the
    ``date-contradicts-url`` warning.
    """
    if published is None or source == "url":
        return published, source
    found = url_contradiction(published, url, seen=source == "comment-header")
    if found is None:
        return published, source
    ctx.warn(
        "date-contradicts-url",
        f"the {source} date {published.isoformat()} is more than a year from the date in the "
        f"URL ({found.date().isoformat()}); the URL's date is used",
        line,
    )
    return found, "url"


def people(
    author: str | None,
    body: Body,
    outlets: Sequence[str | None] = (),
    known_outlets: Collection[str] = (),
) -> tuple[str | None, str | None]:
    """Return ``(author, byline)``.

    The byline is the writer a credit line of the text names, else the page markup's,
    else the people of the credit lines taken out of the text (a translator, a sign-off),
    leaving out outlets: names of ``known_outlets`` or of ``outlets`` (the site, its
    categories and tags), and the declared ``author`` when the credits name nobody else
    (``Translated by Yeeyan`` on a post declared by Yeeyan). The declared ``author`` stands
    unless it is missing, or it is a placeholder or only the outlet (one of ``outlets``)
    while the text itself is signed by a person.
    """
    signed = find_byline(body.paragraphs)
    if signed is not None and prefers_byline(author, outlets):
        return signed, signed
    credited: list[str] = []
    if body.credited:  # seldom: the outlets' keys are worth building only then
        taken = {_name_key(o) for o in (*known_outlets, *outlets) if o}
        credited = [name for name in body.credited if _name_key(name) not in taken]
        if author and all(_name_key(name) == _name_key(author) for name in credited):
            credited = []
    byline = signed or body.byline or (", ".join(credited) or None)
    return (author or byline), byline


def _name_key(name: str) -> str:
    """A name compared without case or white space."""
    return "".join(name.split()).casefold()


def merge_tags(declared: Sequence[str], found: Sequence[str]) -> tuple[str, ...]:
    """The declared tags as declared, then those the body's tag line adds that are new."""
    if not found:  # most bodies: no tag line
        return tuple(declared)
    known = set(declared)
    return (*declared, *(t for t in dict.fromkeys(found) if t not in known))


def outlet_of(categories: Sequence[str], url: str | None, sites: Mapping[str, str]) -> str | None:
    """The outlet: the first declared category, else a domain of ``sites`` in the URL."""
    for cat in categories:
        if cat.strip():
            return cat.strip()
    return site_for_url(url, sites)


def article_after_header(
    fmt: Format,
    ctx: Context,
    raw: str,
    text: str,
    header: Header,
    *,
    title: str,
    url: str | None,
    declared: tuple[dt.datetime | None, str | None],
    near: dt.datetime | None = None,
    url_line: int | None = None,
    untitled: tuple[str, int],
    title_from_body: bool = False,
    author: str | None = None,
    site: str | None = None,
    archived: dt.datetime | None = None,
    tags: tuple[str, ...] = (),
    categories: tuple[str, ...] = (),
    extra: dict[str, Any] | None = None,
) -> Article:
    """The part of a header-based parser after its header: read the body, choose the date,
    name the people, build the Article (with the warnings and source of ``ctx``).

    ``text`` is ``raw`` with normalised line ends; the body is read from
    ``header.content_offset`` and :attr:`~newsparse.Article.html` keeps it as found in
    ``raw`` from ``header.body_offset``. ``declared`` is the date the file states and its
    source; when it is ``(None, None)`` a date line in the body, then a date in the URL
    (nearest ``near``) stand in; the date chosen is then checked against the URL's
    (:func:`check_against_url`, warning at ``url_line``). ``untitled`` is the
    ``missing-title`` warning's message and line, given when ``title`` is empty; with
    ``title_from_body`` the first paragraph (up to 200 characters, on one line: a ``<br>``
    inside it is a space) then becomes the title.
    """
    content = text[header.content_offset :]
    body = extract_body(content, ctx, base_url=url, title=title, line=header.content_line)
    # The body exactly as found: line ends as in the file, not as normalised for parsing
    # (the content itself when the file has no CR and no date line: no second copy).
    if raw is text and header.content_offset == header.body_offset:
        html = content
    else:
        html = raw[original_offset(raw, text, header.body_offset) :]
    published, source = declared
    if published is None:
        published, source = body_or_url_date(body, url, near, header)
    published, source = check_against_url(published, source, url, ctx, url_line)
    if not title:
        if title_from_body:
            title = normalize_line(body.paragraphs[0])[:200] if body.paragraphs else ""
        ctx.warn("missing-title", *untitled)
    outlets = [site, *categories, *tags]
    author, byline = people(author, body, outlets, ctx.rules.sites.values())
    return Article(
        format=fmt,
        title=title,
        url=url,
        published=published,
        date_source=source,
        archived=archived,
        author=author,
        byline=byline,
        site=site,
        tags=merge_tags(tags, body.tags),
        categories=categories,
        paragraphs=body.paragraphs,
        images=body.images,
        media=body.media,
        html=html,
        extra=extra if extra is not None else {},
        warnings=ctx.warnings,
        source=ctx.source,
    )
