"""Hypothesis strategies for Articles that every format can carry back and forth.

The text alphabet mixes CJK, full-width punctuation, quotes, brackets, colons and ASCII
markup characters, so that escaping in every format is exercised. Generated values avoid
only what a format *reads as something else* by design (a paragraph that is a date line,
a byline label, an advertising line): those rules have their own tests.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hypothesis import strategies as st

from newsparse import Article, Format, Image, Media, ParseWarning

# Common characters, leaving out those that start credit or byline labels (图, 源, 文, 记…).
CJK = "中国美国新闻城市人民政府经济发展学校报道研究社会化历史科技河山春夏秋冬的了是在有和不这"
FULLWIDTH = "，。：；！？「」『』“”‘’（）【】《》、…·"
ASCII = "abcdefgXYZ 0123()[]:;\"'&<>/%#?!.,+"
_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


_chars = st.sampled_from(CJK + FULLWIDTH + ASCII)
_raw = st.text(_chars, min_size=1, max_size=40)
text = _raw.map(_norm).filter(lambda s: any(c.isalnum() for c in s))
"""One line of normalised text with at least one letter or digit."""

_segment = st.sampled_from(
    ["news", "world", "a_(1)", "b%20c", "%E4%B8%AD", "river", "page(2)", "x-y", "story", "cn"]
)
_host = st.sampled_from(["example.org", "news.example.com", "example.net", "w.example.edu"])


@st.composite
def urls(draw: st.DrawFn, suffix: str = "") -> str:
    """Absolute https URLs with parentheses and percent escapes, and no date in them."""
    parts = draw(st.lists(_segment, min_size=1, max_size=4))
    query = draw(st.sampled_from(["", "?id=7", "?a=(1)&b=2", "#frag"]))
    return f"https://{draw(_host)}/{'/'.join(parts)}{suffix}{query}"


def _ms(value: dt.datetime) -> dt.datetime:
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


datetimes = st.datetimes(
    min_value=dt.datetime(1996, 1, 1), max_value=dt.datetime(2099, 12, 31)
).map(lambda d: d.replace(tzinfo=dt.timezone.utc))

images = st.builds(
    Image,
    url=urls(suffix=".jpg"),
    alt=st.none() | text,
    caption=st.none() | text,
    credit=st.none() | text,
)
media = st.one_of(
    st.builds(Media, kind=st.just("audio"), url=urls(suffix=".mp3"), caption=st.none() | text),
    st.builds(Media, kind=st.just("video"), url=urls(suffix=".mp4"), caption=st.none() | text),
)

_json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    text,
)
_json_value = st.one_of(_json_scalar, st.lists(_json_scalar, max_size=3))
_extra_key = st.sampled_from(
    ["layout", "comments", "published", "lang", "excerpt", "x_note", "weight"]
)
extras = st.dictionaries(_extra_key, _json_value, max_size=4)


@st.composite
def articles(draw: st.DrawFn, fmt: Format) -> Article:
    """An Article holding only the fields ``fmt`` carries, with the derived ones consistent."""
    title = draw(text)
    paragraphs = draw(st.lists(text, max_size=6))
    fields: dict[str, Any] = {"format": fmt, "title": title, "paragraphs": paragraphs}
    published = draw(st.none() | datetimes)
    if fmt is Format.PLAINTEXT:
        fields.update(published=published, date_source="body" if published else None)
        return Article(**fields)
    fields.update(
        url=draw(st.none() | urls()),
        images=draw(st.lists(images, max_size=3, unique_by=lambda i: i.url)),
        media=draw(st.lists(media, max_size=2, unique_by=lambda m: m.url)),
    )
    if fmt is Format.COMMENT_HEADER:
        published = None if published is None else _ms(published)
        fields.update(published=published, date_source="comment-header" if published else None)
        return Article(**fields)
    archived = draw(st.none() | datetimes)
    source = None if published is None else "body" if archived else "front-matter"
    fields.update(
        published=published,
        archived=archived,
        date_source=source,
        author=draw(st.none() | text),
        tags=draw(st.lists(text, max_size=3)),
        categories=draw(st.lists(text, max_size=2)),
        extra=draw(extras),
    )
    return Article(**fields)


full_articles = st.builds(
    Article,
    format=st.sampled_from(list(Format)),
    title=text,
    url=st.none() | urls(),
    published=st.none() | datetimes,
    date_source=st.sampled_from([None, "comment-header", "front-matter", "body", "url"]),
    archived=st.none() | datetimes,
    author=st.none() | text,
    byline=st.none() | text,
    site=st.none() | text,
    tags=st.lists(text, max_size=3),
    categories=st.lists(text, max_size=3),
    paragraphs=st.lists(text, max_size=5),
    images=st.lists(images, max_size=3),
    media=st.lists(media, max_size=2),
    html=st.none() | st.text(max_size=200),
    extra=extras,
    warnings=st.lists(
        st.builds(
            ParseWarning,
            code=st.sampled_from(["a", "front-matter-recovered"]),
            message=text,
            line=st.none() | st.integers(1, 10_000),
        ),
        max_size=3,
    ),
    source=st.none() | text,
    encoding=st.sampled_from([None, "utf-8", "gb18030", "big5"]),
)
"""Any Article at all, for serialisation properties."""
