"""The result types: :class:`Article` and what it holds.

Every class here is an immutable, slotted attrs class: an Article can be shared between
threads, used as a dict key and compared with ``==``. Sequences are tuples. Datetimes are
always timezone-aware (UTC). :meth:`Article.to_dict` gives a JSON-ready dict that
:meth:`Article.from_dict` turns back into an equal Article.

This module imports nothing from the rest of newsparse but its errors, so it can be read first.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from newsparse.errors import UnknownFormatError

__all__ = ["Article", "Format", "Image", "Media", "ParseWarning", "coerce_format"]


class Format(str, enum.Enum):
    """The input formats newsparse reads.

    A ``str`` enum: ``Format.JEKYLL == "jekyll"`` is true and ``Format("jekyll")`` works.

    .. versionadded:: 0.1.0
    """

    JEKYLL = "jekyll"
    """A Jekyll post, with YAML front matter between ``---`` lines and then the body."""
    COMMENT_HEADER = "comment-header"
    """``<!--EPOCH_MS-->``, a ``[title](url)`` line, a ``------`` rule, then an HTML body."""
    PLAINTEXT = "plaintext"
    """Plain text, with a title line and one paragraph per line, possibly wrapped in ad lines."""

    def __str__(self) -> str:
        return self.value


def coerce_format(format: Format | str | None) -> Format | None:
    """Turn a user's ``format=`` argument into a :class:`Format` (``None`` stays ``None``).

    Raises:
        UnknownFormatError: the value names no format.
    """
    if format is None or isinstance(format, Format):
        return format
    try:
        return Format(str(format).strip().lower().replace("_", "-"))
    except ValueError:
        names = ", ".join(repr(f.value) for f in Format)
        raise UnknownFormatError(
            f"unknown format {format!r}; expected one of {names}", code="unknown-format"
        ) from None


def _no_bare_string(value: object, what: str) -> None:
    if isinstance(value, (str, bytes, bytearray)):
        raise TypeError(
            f"{what} must be a sequence of items, not a single {type(value).__name__} "
            f"({value!r:.60}); write ({value!r:.60},) for one item"
        )


def _as_format(value: Format | str) -> Format:
    """``Format(value)``, without the enum's lookup when ``value`` is a member already."""
    return value if type(value) is Format else Format(value)


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    if type(value) is tuple:  # what the parsers give: kept as it is, as tuple() would
        return value
    _no_bare_string(value, "tags, categories and paragraphs")
    return tuple(value)


def _tuple_of_images(value: Iterable[Image]) -> tuple[Image, ...]:
    if type(value) is tuple:  # what the parsers give: kept as it is, as tuple() would
        return value
    _no_bare_string(value, "images")
    return tuple(value)


def _tuple_of_media(value: Iterable[Media]) -> tuple[Media, ...]:
    if type(value) is tuple:  # what the parsers give: kept as it is, as tuple() would
        return value
    _no_bare_string(value, "media")
    return tuple(value)


def _tuple_of_warnings(value: Iterable[ParseWarning]) -> tuple[ParseWarning, ...]:
    if type(value) is tuple:  # what the parsers give: kept as it is, as tuple() would
        return value
    _no_bare_string(value, "warnings")
    return tuple(value)


def _items(data: Mapping[str, Any], key: str) -> Any:
    """``data[key]`` for a sequence field of :meth:`Article.from_dict`: ``()`` when absent
    or null; a bare string is refused."""
    value = data.get(key)
    if value is None:
        return ()
    _no_bare_string(value, key)
    return value


def _aware_or_none(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"datetime must be timezone-aware, got {value!r}")
    return value


@attrs.frozen
class ParseWarning:
    """Something the parser recovered from, so that nothing is dropped silently.

    .. versionadded:: 0.1.0
    """

    code: str
    """A short stable identifier, e.g. ``"yaml-recovered"`` or ``"ad-line-removed"``."""
    message: str
    """What happened, for a person."""
    line: int | None = None
    """1-based line of the input it concerns, where known."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the three fields."""
        return {"code": self.code, "message": self.message, "line": self.line}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ParseWarning:
        """Build a warning from :meth:`to_dict` output."""
        return cls(code=data["code"], message=data["message"], line=data.get("line"))


@attrs.frozen
class Image:
    """A content image of the article.

    .. versionadded:: 0.1.0
    """

    url: str
    """Absolute URL of the picture (the ``<img src>``; protocol-relative URLs get ``https:``)."""
    alt: str | None = None
    """The ``alt`` text, if any."""
    caption: str | None = None
    """The caption shown with the image, without its credit."""
    credit: str | None = None
    """Who the picture is credited to (``路透``, ``Getty Images`` …)."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the four fields."""
        return {"url": self.url, "alt": self.alt, "caption": self.caption, "credit": self.credit}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Image:
        """Build an image from :meth:`to_dict` output."""
        return cls(
            url=data["url"],
            alt=data.get("alt"),
            caption=data.get("caption"),
            credit=data.get("credit"),
        )


MEDIA_KINDS = frozenset({"audio", "video", "embed"})


def _check_kind(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in MEDIA_KINDS:
        raise ValueError(f"Media.kind must be one of {sorted(MEDIA_KINDS)}, got {value!r}")


@attrs.frozen
class Media:
    """Audio, video or an embedded player that belongs to the article.

    .. versionadded:: 0.1.0
    """

    kind: str = attrs.field(validator=_check_kind)
    """``"audio"``, ``"video"`` or ``"embed"`` (an iframe that is neither)."""
    url: str
    """Absolute URL of the media file or player."""
    caption: str | None = None
    """The caption shown with it, if any."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the three fields."""
        return {"kind": self.kind, "url": self.url, "caption": self.caption}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Media:
        """Build a media item from :meth:`to_dict` output."""
        return cls(kind=data["kind"], url=data["url"], caption=data.get("caption"))


def _dt_to_str(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _dt_from_str(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed


@attrs.frozen(kw_only=True, repr=False)
class Article:
    """One news article, whatever format it came from.

    Build one with :func:`newsparse.parse`; compare, hash and serialise it freely.

    >>> import newsparse
    >>> a = newsparse.parse("<!--1715734743000-->\\n[Hello](https://example.org/a)\\n------\\n<p>Hi.</p>")
    >>> a.title, a.url, a.published.isoformat(), a.paragraphs
    ('Hello', 'https://example.org/a', '2024-05-15T00:59:03+00:00', ('Hi.',))

    Its ``repr`` is one short line, with counts instead of the text and HTML:

    >>> a
    Article(format='comment-header', title='Hello', url='https://example.org/a', published='2024-05-15T00:59:03+00:00', paragraphs=1, images=0, media=0, warnings=0, source=None)

    .. versionadded:: 0.1.0
    """

    format: Format = attrs.field(converter=_as_format)
    """Which parser produced the article."""
    title: str
    """The headline, whitespace-normalised."""
    url: str | None = None
    """The canonical article URL."""
    published: dt.datetime | None = attrs.field(
        default=None, validator=lambda i, a, v: _aware_or_none(v)
    )
    """Publication time (UTC, timezone-aware) from the best evidence; see :attr:`date_source`."""
    date_source: str | None = None
    """Where :attr:`published` came from, one of ``"comment-header"``, ``"front-matter"``,
    ``"body"`` or ``"url"``."""
    archived: dt.datetime | None = attrs.field(
        default=None, validator=lambda i, a, v: _aware_or_none(v)
    )
    """When the file was archived, where the file says so (front-matter date beside ``<!--NaN-->``)."""
    author: str | None = None
    """The declared author (front matter), else the byline."""
    byline: str | None = None
    """People the text credits (``记者：…``, ``作者：…``, ``文／…``, ``By …``)."""
    site: str | None = None
    """The outlet, from the first front-matter category, else a known domain of :attr:`url`
    (the table ``newsparse.sites.SITES``, which a ``rules=`` argument may extend: see
    :meth:`Rules.with_sites <newsparse.Rules.with_sites>`)."""
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    """Tags as declared in the front matter."""
    categories: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    """Categories as declared in the front matter."""
    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    """Body blocks in reading order (text and sub-headings), without page chrome."""
    images: tuple[Image, ...] = attrs.field(default=(), converter=_tuple_of_images)
    """Content images in reading order."""
    media: tuple[Media, ...] = attrs.field(default=(), converter=_tuple_of_media)
    """Audio, video and embedded players in reading order."""
    html: str | None = None
    """The body exactly as found in the file (HTML, Markdown or text), line ends included:
    all that follows the header, or the whole text of a plain-text file. Only what decoding
    had to repair differs (undecodable bytes and lone surrogates are U+FFFD)."""
    extra: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    """Every other front-matter key, with its value as YAML gave it (JSON types only)."""
    warnings: tuple[ParseWarning, ...] = attrs.field(default=(), converter=_tuple_of_warnings)
    """What the parser recovered from, in the order it happened."""
    source: str | None = None
    """The path or label of the input."""
    encoding: str | None = None
    """The text encoding the input bytes were decoded from (``None`` for ``str`` input)."""

    @property
    def text(self) -> str:
        """The paragraphs joined by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def lead(self) -> str | None:
        """The first paragraph, or ``None`` when there is none."""
        return self.paragraphs[0] if self.paragraphs else None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of every field, plus ``text``.

        Datetimes become ISO 8601 strings with offset, tuples become lists, nested
        objects become dicts and :attr:`format` becomes its string value.
        """
        return {
            "format": self.format.value,
            "title": self.title,
            "url": self.url,
            "published": _dt_to_str(self.published),
            "date_source": self.date_source,
            "archived": _dt_to_str(self.archived),
            "author": self.author,
            "byline": self.byline,
            "site": self.site,
            "tags": list(self.tags),
            "categories": list(self.categories),
            "paragraphs": list(self.paragraphs),
            "images": [i.to_dict() for i in self.images],
            "media": [m.to_dict() for m in self.media],
            "html": self.html,
            "extra": dict(self.extra),
            "warnings": [w.to_dict() for w in self.warnings],
            "source": self.source,
            "encoding": self.encoding,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Build an Article from :meth:`to_dict` output (``text`` and unknown keys are ignored).

        Raises:
            KeyError: ``format`` or ``title`` is missing.
            ValueError: a value has the wrong shape (a naive datetime, an unknown format).
            TypeError: a sequence field (``tags``, ``paragraphs``, …) is a bare string.

        .. versionchanged:: Unreleased
           A bare string for a sequence field raises :class:`TypeError` instead of being
           split into characters.
        """
        return cls(
            format=Format(data["format"]),
            title=data["title"],
            url=data.get("url"),
            published=_dt_from_str(data.get("published")),
            date_source=data.get("date_source"),
            archived=_dt_from_str(data.get("archived")),
            author=data.get("author"),
            byline=data.get("byline"),
            site=data.get("site"),
            tags=_items(data, "tags"),
            categories=_items(data, "categories"),
            paragraphs=_items(data, "paragraphs"),
            images=tuple(Image.from_dict(i) for i in _items(data, "images")),
            media=tuple(Media.from_dict(m) for m in _items(data, "media")),
            html=data.get("html"),
            extra=dict(data.get("extra") or {}),
            warnings=tuple(ParseWarning.from_dict(w) for w in _items(data, "warnings")),
            source=data.get("source"),
            encoding=data.get("encoding"),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Article:
        """Build an Article from :meth:`to_json` output (a JSON Lines record works too).

        >>> import newsparse
        >>> a = newsparse.parse("<!--1715734743000-->\\n[Hello](https://example.org/a)\\n------\\n<p>Hi.</p>")
        >>> newsparse.Article.from_json(a.to_json()) == a
        True

        Raises:
            ValueError: ``text`` is not JSON (:class:`json.JSONDecodeError`), or not an object
                of the shape :meth:`from_dict` takes.
            KeyError: ``format`` or ``title`` is missing.
            TypeError: a sequence field is a bare string.

        .. versionadded:: Unreleased
        """
        data = json.loads(text)
        if not isinstance(data, Mapping):
            raise ValueError(f"an Article is a JSON object, not {type(data).__name__}")
        return cls.from_dict(data)

    def __repr__(self) -> str:
        title = self.title if len(self.title) <= 60 else self.title[:59] + "…"
        published = None if self.published is None else self.published.isoformat()
        return (
            f"Article(format={self.format.value!r}, title={title!r}, url={self.url!r}, "
            f"published={published!r}, paragraphs={len(self.paragraphs)}, "
            f"images={len(self.images)}, media={len(self.media)}, "
            f"warnings={len(self.warnings)}, source={self.source!r})"
        )

    def to_json(self, **kwargs: Any) -> str:
        """Return :meth:`to_dict` as a JSON string (keyword arguments go to :func:`json.dumps`).

        Non-ASCII text is written as is unless ``ensure_ascii=True`` is passed.
        """
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)
