"""Rendering an Article back into each format: :func:`dumps`.

The output is what the archives write, so that :func:`newsparse.parse` reads it back into
the same Article for every field the format can carry:

================  =====================================================================
format            fields carried
================  =====================================================================
jekyll            title, url, published, archived, author, byline, tags, categories,
                  extra, paragraphs, images (url, alt, caption, credit), media
comment-header    title, url, published (millisecond precision), byline, paragraphs,
                  images, media
plaintext         title, published, paragraphs
================  =====================================================================

Derived fields (``site``, ``date_source``) follow from what is written. What cannot
travel (a byline in plain text, plain-text lines that read as advertising) is listed in
docs/formats.md, "Writing documents back".
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any, Final

import yaml

from newsparse._text import clean_invisible
from newsparse.byline import find_byline
from newsparse.errors import UnknownFormatError
from newsparse.formats import detect_text_format
from newsparse.formats.jekyll import EXTRA_KEY, KNOWN_KEYS
from newsparse.model import Article, Format, Image, Media, coerce_format
from newsparse.titles import escape_markdown

__all__ = ["dumps"]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_SafeDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


_LINE_BREAKS: Final = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_WORD_JOINER: Final = "\u2060"
"""An invisible character that parsing removes: put before a plain-text title that would
otherwise read as another format's first line (``---``, ``<!--1-->``)."""


def _text(value: str) -> str:
    return html.escape(clean_invisible(value), quote=False)


def _one_line(value: str) -> str:
    """A one-line field (title, paragraph of plain text): white space runs become a space,
    control and invisible characters go (parsing removes them; a run of them would make
    the document look binary)."""
    return " ".join(clean_invisible(value).split())


def _url(value: str) -> str:
    """The URL with line breaks percent-encoded: a raw newline would end the header line."""
    return _LINE_BREAKS.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), value)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _epoch_ms(value: dt.datetime) -> int:
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def _image_html(image: Image) -> str:
    alt = f' alt="{_attr(image.alt)}"' if image.alt else ""
    parts = [f'<figure><img src="{_attr(image.url)}"{alt}>']
    if image.caption or image.credit:
        credit = f'<small class="credit">{_text(image.credit)}</small>' if image.credit else ""
        parts.append(f"<figcaption>{_text(image.caption or '')}{credit}</figcaption>")
    parts.append("</figure>")
    return "".join(parts)


def _media_html(item: Media) -> str:
    url = _attr(item.url)
    if item.kind == "audio":
        element = f'<audio src="{url}" controls></audio>'
    elif item.kind == "video":
        element = f'<video src="{url}" controls></video>'
    else:
        element = f'<iframe src="{url}"></iframe>'
    caption = f"<div><small>{_text(item.caption)}</small></div>" if item.caption else ""
    return element + caption


def _html_body(article: Article, date_line: dt.datetime | None = None) -> str:
    """Paragraphs first, then images, then media: positions are not a carried field.

    A byline the paragraphs do not state (it came from the page's markup) is written as
    page markup too, a ``<header>`` holding a ``span.byline``, which is no paragraph.
    """
    parts = []
    if article.byline and find_byline(article.paragraphs) is None:
        parts.append(f'<header><span class="byline">{_text(article.byline)}</span></header>')
    if date_line is not None:
        parts.append(f"<p>{date_line.isoformat()}</p>")
    # A paragraph's kept lines go back as <br>, which is how they were read.
    parts.extend(f"<p>{_text(p).replace(chr(10), '<br>')}</p>" for p in article.paragraphs)
    parts.extend(_image_html(i) for i in article.images)
    parts.extend(_media_html(m) for m in article.media)
    return "\n".join(parts) + "\n"


def _link_line(article: Article) -> str:
    url = _url(article.url or "")
    if any(c.isspace() or c in "<>" for c in url) or "](" in url:
        url = f"<{url}>"
    return f"[{escape_markdown(_text(_one_line(article.title)))}]({url})"


def _dump_comment_header(article: Article) -> str:
    stamp = "NaN" if article.published is None else str(_epoch_ms(article.published))
    return f"<!--{stamp}-->\n{_link_line(article)}\n------\n\n{_html_body(article)}"


def _dump_jekyll(article: Article) -> str:
    meta: dict[str, Any] = {"title": _text(_one_line(article.title))}
    fm_date = article.archived if article.archived is not None else article.published
    if fm_date is not None:
        meta["date"] = fm_date.astimezone(dt.timezone.utc).isoformat()
    if article.author is not None:
        meta["author"] = _text(article.author)
    if article.url is not None:
        meta["from"] = _url(article.url)
    meta["tags"] = [_text(t) for t in article.tags]
    meta["categories"] = [_text(c) for c in article.categories]
    # Extra keys named like a field (``date``, ``tags``) go in a mapping of their own.
    clashing = {k: v for k, v in article.extra.items() if k in KNOWN_KEYS or k == EXTRA_KEY}
    meta.update((k, v) for k, v in article.extra.items() if k not in clashing)
    if clashing:
        meta[EXTRA_KEY] = clashing
    front = yaml.dump(meta, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False, width=1 << 30)
    if article.archived is not None:
        stamp = "NaN"
        date_line = article.published
    else:
        stamp = "NaN" if article.published is None else str(_epoch_ms(article.published))
        date_line = None
    if article.archived is None and article.published is None:
        stamp = ""
    header = f"<!--{stamp}-->\n" if stamp else ""
    return f"---\n{front}---\n{header}{_link_line(article)}\n------\n\n{_html_body(article, date_line)}"


def _dump_plaintext(article: Article) -> str:
    lines = [_one_line(article.title)]
    if article.published is not None:
        lines.append(article.published.isoformat())
    lines.extend(_one_line(p) for p in article.paragraphs)
    text = "\n".join(lines) + "\n"
    if _detects_as_other(text):
        text = _WORD_JOINER + text
    return text


def _detects_as_other(text: str) -> bool:
    """Whether plain text would be read as another format (a title ``---``, ``<!--1-->``)."""
    try:
        return detect_text_format(text) is not Format.PLAINTEXT
    except UnknownFormatError:
        return False


def dumps(article: Article, format: Format | str) -> str:
    """Render ``article`` as a document of ``format``.

    Parsing the result with :func:`newsparse.parse` gives back the fields that format can
    carry:

    - ``jekyll``: title, url, published, archived, author, byline, tags, categories,
      extra, paragraphs, images (url, alt, caption, credit) and media;
    - ``comment-header``: title, url, published (to the millisecond), byline,
      paragraphs, images and media;
    - ``plaintext``: title, published and paragraphs.

    The derived fields (``site``, ``date_source``) follow from what is written. Images
    and media are written after the paragraphs. The document always detects as
    ``format``: titles stay on one line, line breaks in a URL are percent-encoded, and
    a plain-text title such as ``---`` is guarded by an invisible word joiner.

    Args:
        article: the article to write.
        format: the target format, as a :class:`~newsparse.Format` or its string value.

    Returns:
        The document text.

    Raises:
        UnknownFormatError: ``format`` is not a known format.

    .. versionadded:: 0.1.0
    .. versionchanged:: Unreleased
       The byline travels; ``extra`` keys named like fields are kept (under
       ``x-newsparse-extra``); no document re-detects as another format.
    """
    fmt = coerce_format(format)
    if fmt is None:
        raise UnknownFormatError("dumps() needs a format to write, got None", code="unknown-format")
    if fmt is Format.JEKYLL:
        return _dump_jekyll(article)
    if fmt is Format.COMMENT_HEADER:
        return _dump_comment_header(article)
    return _dump_plaintext(article)
