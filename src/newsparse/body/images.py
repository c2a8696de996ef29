"""Picture and player URLs: which are safe, where a lazy picture's real URL is, and which
pictures are page furniture rather than content.

::

    <img src="javascript:alert(1)">             dropped, with an "unsafe-url-dropped" warning
    <img src="grey.gif" data-src="/p/1.jpg">    the picture is /p/1.jpg (made absolute)
    <img src="/icons/share.png">                furniture: an icon, not an Image
    <div class="author-avatar"><img src="me.jpg"></div>        furniture: an avatar
    <img src="https://stats.wordpress.com/g.gif">              furniture: a tracking pixel
    <iframe src="https://www.facebook.com/plugins/like.php">   a widget, not Media
"""

from __future__ import annotations

import re
from typing import Any, Final
from urllib.parse import urljoin

from newsparse import _accel
from newsparse._context import Context
from newsparse._text import Caseless

_URL_JUNK: Final = re.compile(r"[\x00-\x20\x7f]+")
_CONTROL_IN_URL: Final = re.compile(r"[\x00-\x1f\x7f]+")

_UNSAFE_URL: Final = re.compile(r"^\s*(?:javascript|data|vbscript|file):", re.IGNORECASE)
_UNSAFE_FIRST: Final = "jJdDvVfF"
"""The letters an unsafe scheme opens with: only these match them case-insensitively."""
_HAS_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_WEB_SCHEMES: Final = ("https:", "http:")
"""How most URLs open: :data:`_HAS_SCHEME` matches each of them."""


def _safe_url(raw: str | None, base_url: str | None, ctx: Context, what: str) -> str | None:
    if raw is None:
        return None
    url = raw.strip()
    if not url:
        return None
    # Browsers drop tabs, line breaks and control characters from URLs ("java\tscript:").
    # An ASCII URL holds such junk exactly when it is not printable or holds a space.
    if (not url.isascii() or not url.isprintable() or " " in url) and _URL_JUNK.search(url):
        squeezed = _URL_JUNK.sub("", url)
        url = squeezed if _UNSAFE_URL.match(squeezed) else _clean_url(url)
        unsafe = _UNSAFE_URL.match(url) is not None
    else:  # url is stripped: an unsafe scheme's first letter opens it (no other case folds)
        unsafe = url[0] in _UNSAFE_FIRST and _UNSAFE_URL.match(url) is not None
    if unsafe:
        scheme = url.split(":", 1)[0].strip().lower()
        ctx.note("unsafe-url-dropped", f"{what} with a {scheme}: URL was dropped")
        return None
    if url.startswith("//"):
        return "https:" + url
    # (An http or https URL has a scheme: the regex is not run on one.)
    if (
        base_url
        and not url.startswith(_WEB_SCHEMES)
        and (":" not in url or not _HAS_SCHEME.match(url))
    ):
        try:
            return urljoin(base_url, url)
        except ValueError:
            return url
    return url


def _clean_url(url: str) -> str:
    """Tabs, line breaks and control characters out of a URL; inner spaces become ``%20``."""
    url = _CONTROL_IN_URL.sub("", url)
    return url.replace(" ", "%20")


_PLACEHOLDER_SRC: Final = Caseless.compile(
    r"(?:^|/)(?:blank|spacer|placeholder|lazy|loading|grey|gray|transparent|pixel|1x1)\.(?:gif|png|svg)",
    needles=(".gif", ".png", ".svg"),
)

_LAZY_ATTRS: Final = (
    "data-src", "data-lazy-src", "data-original", "data-actualsrc", "data-url", "data-lazy",
)  # fmt: skip


def _real_src(el: Any) -> str | None:
    src = (el.get("src") or "").strip()
    if not src or src.startswith("data:"):
        return None
    # (Caseless.search without its calls: an ASCII text has no odd-case character.)
    if (
        _PLACEHOLDER_SRC.search_lowered(src.lower())
        if src.isascii()
        else _PLACEHOLDER_SRC.search(src)
    ):
        return None
    return src


def _image_src(el: Any) -> str:
    """The picture's URL: ``src`` when it is real, else a lazy-loading attribute or srcset."""
    src = _real_src(el)
    if src:
        return src
    for attr in _LAZY_ATTRS:
        cand = (el.get(attr) or "").strip()
        if cand and not cand.startswith("data:"):
            return cand
    for attr in ("srcset", "data-srcset", "data-lazy-srcset"):
        srcset = (el.get(attr) or "").strip()
        first = srcset.split(",")[0].strip().split(" ")[0] if srcset else ""
        if first and not first.startswith("data:"):
            return first
    return (el.get("src") or "").strip()


# Images that are page furniture, not content.
_TRACKER_URL: Final = Caseless.compile(
    r"/_/stat|[/.?&_-](?:pixel|tracking|tracker|beacon|analytics|counter)[/.?&_=-]|"
    r"feeds\.feedburner|stats\.wordpress|\bgravatar\.com|/emoji/|\.ico(?:$|\?)",
    needles=(
        "/_/stat", "pixel", "track", "beacon", "analytics", "counter", "feeds.feedburner",
        "stats.wordpress", "gravatar.com", "/emoji/", ".ico",
    ),
)  # fmt: skip
_FURNITURE_URL: Final = Caseless.compile(
    r"(?:^|[/_.-])(?:icons?|logos?|avatars?|emoji|spinner|placeholder|blank|spacer|loading|"
    r"1x1|transparent|share|sprite|badge|button)(?:[/_.-]|$)",
    needles=(
        "icon", "logo", "avatar", "emoji", "spinner", "placeholder", "blank", "spacer",
        "loading", "1x1", "transparent", "share", "sprite", "badge", "button",
    ),
)  # fmt: skip

_LISTING_LINK: Final = re.compile(
    r"/(?:category|categories|tag|tags|topics?|series|column|author|authors|user|users)/", re.I
)

_AVATAR_WORDS: Final = (
    "avatar", "author", "profile", "logo", "icon", "emoji", "badge", "gravatar", "headshot",
    "user-pic",
)  # fmt: skip
"""The words of a class/id token naming an avatar, logo or icon."""
_AVATAR_TOKEN: Final = re.compile(rf"(?:^|[_-])(?:{'|'.join(_AVATAR_WORDS)})(?:$|[_-])", re.I)
"""A class/id token naming an avatar, logo or icon."""
_AVATAR_MARK: Final = Caseless.compile(
    rf"(?:^|[\s_-])(?:{'|'.join(_AVATAR_WORDS)})(?:$|[\s_-])",
    needles=tuple(w for w in _AVATAR_WORDS if not any(o != w and o in w for o in _AVATAR_WORDS)),
)
"""Class and id values (joined by spaces) holding a token that :data:`_AVATAR_TOKEN`
matches: tokens are cut at white space as ``str.split`` cuts them (``\\s`` is the set of
``str.isspace``), so a token's start or end is the text's, or white space next to it."""


def _is_furniture(el: Any, url: str) -> bool:
    """Tracking pixels, icons, logos, avatars and series banners are not content images."""
    width = el.get("width")
    height = el.get("height")
    if width is not None or height is not None:
        width = (width or "").strip().removesuffix("px")
        height = (height or "").strip().removesuffix("px")
        w = int(width) if width.isdigit() else None
        h = int(height) if height.isdigit() else None
        if w is not None and (w <= 2 or (h is not None and h <= 48 and w <= 48)):
            return True
        if h is not None and h <= 2:
            return True
    if url.isascii():  # no odd-case character: lower-case once for both patterns
        low = url.lower()
        if _TRACKER_URL.search_lowered(low):
            return True
        path = low.partition("?")[0].rpartition("/")[2] if "/" in low else low
        if _FURNITURE_URL.search_lowered(path):
            return True
    else:
        if _TRACKER_URL.search(url):
            return True
        path = url.partition("?")[0].rpartition("/")[2] if "/" in url else url
        if _FURNITURE_URL.search(path):
            return True
    compiled = _accel.CTREE
    marks, hrefs = (
        compiled.climb_marks(el, _CLIMB, _FURNITURE_STOP_NAMES)
        if compiled is not None
        else climb_marks_py(el)
    )
    if marks and (
        _AVATAR_MARK.search_lowered(marks.lower())
        if marks.isascii()
        else _AVATAR_MARK.search(marks)
    ):
        return True
    return bool(hrefs) and any(_LISTING_LINK.search(href) for href in hrefs)


_CLIMB: Final = 4
"""How many elements :func:`_is_furniture` reads the marks of: the picture and its
ancestors up to three levels up."""


def climb_marks_py(el: Any) -> tuple[str, list[str]]:
    """What :func:`_is_furniture` reads above a picture (computed by the accelerator when
    it runs): the ``class`` and ``id`` values (those present, in that order) of ``el`` and
    its ancestors, :data:`_CLIMB` nodes in all at most, up to the first ancestor whose tag
    is in :data:`_FURNITURE_STOP`, joined by spaces; and the ``href`` values of those that
    are ``<a>``."""
    marks: list[str] = []
    hrefs: list[str] = []
    node = el
    for _ in range(_CLIMB):
        if node is None:
            break
        tag = node.tag
        if isinstance(tag, str):
            if node is not el and tag in _FURNITURE_STOP:
                break
            for name in ("class", "id"):
                value = node.get(name)
                if value is not None:
                    marks.append(value)
            if tag == "a":
                href = node.get("href")
                if href is not None:
                    hrefs.append(href)
        node = node.getparent()
    return " ".join(marks), hrefs


_FURNITURE_STOP: Final = frozenset({"figure", "article", "section", "main", "body"})
_FURNITURE_STOP_NAMES: Final = tuple(sorted(tag.encode() for tag in _FURNITURE_STOP))
"""The same tags as the compiled climb takes them (UTF-8)."""


def _content_picture(img: Any) -> bool:
    src = _real_src(img) or img.get("data-src") or ""
    return bool(src) and not _is_furniture(img, src)


_NOT_MEDIA: Final = Caseless.of_words(
    "facebook.com/plugins", "platform.twitter.com", "likecoin", "like.co/", "button",
    "doubleclick", "googlesyndication", "googletagmanager", "about:blank", "disqus", "/ad/",
    "/ads/", "widget",
)  # fmt: skip
"""A frame or player URL that is no media (a widget, an ad, a button), in any case."""


def _is_media_element(el: Any) -> bool:
    src = el.get("src") or el.get("data-src") or ""
    if el.tag in {"audio", "video"}:
        return True
    return bool(src) and not _NOT_MEDIA.search(src)
