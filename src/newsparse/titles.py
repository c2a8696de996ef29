"""Titles as the article gives them: no page-title suffix, no Markdown escapes.

Archivers copy a page's ``<title>``, which sites build as *headline, separator, outlet or
column*: ``标题 - 法国国际广播电台``, ``标题 – 法国国际广播电台 - RFI``, ``标题 | 燕京访谈``,
``标题 - 报纸摘要``, ``Headline | BBC News``. Whether a trailing part recurs across an
outlet's titles cannot be seen in one file, so the rule uses what one file tells:

1. **The outlet's known names.** The file's outlet (front-matter category or author, the
   :data:`newsparse.sites.SITES` name of its URL's domain), every alias of that name in
   :data:`newsparse.sites.ALIASES`, and the domain's own brand (``iyouport`` for
   ``www.iyouport.org``, ``rfi`` for ``rfi.fr``), compared without case, spaces or dots.
   A known name followed by a short edition label without Latin letters (``BBC 中文``,
   ``RFI 华语``) counts too.
2. **Generic shapes.** A short part (at most :data:`MAX_SHAPE_SUFFIX` characters before
   its last word, no digits, spaces or inner punctuation) that ends in a column word (``摘要``, ``专栏``,
   ``访谈``, ``评论``…: :data:`COLUMN_ENDINGS`) or in a broadcaster's or news site's
   name word (``电台``, ``中文网``, ``新闻网``…: :data:`OUTLET_ENDINGS`). Newspaper names
   (``…报``) are not among them: press reviews cite the paper they summarise.

Parts are cut from the end one at a time, so chains go (``标题 – 法国国际广播电台 - RFI``).
Separators are `` - ``, `` – ``, `` — ``, `` | ``, `` ｜ `` with spaces around: a part
joined without spaces (``标题｜野聲电台``) is how an author titled a post on a blogging
platform, not a page-title suffix, and stays. A known name is cut whenever a headline is
left; a generic shape only when at least :data:`MIN_HEAD` characters are. Each cut part is
reported to the caller, which records it as a ``title-suffix-removed`` note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

from newsparse.sites import ALIASES, registered_domain, site_for_url

__all__ = [
    "COLUMN_ENDINGS",
    "MAX_CUTS",
    "MAX_SHAPE_SUFFIX",
    "MIN_HEAD",
    "OUTLET_ENDINGS",
    "cut_title_suffixes",
    "escape_markdown",
    "may_have_suffix",
    "outlet_names",
    "unescape_markdown",
]

COLUMN_ENDINGS: Final = (
    "摘要|专栏|專欄|评论|評論|时评|時評|社论|社論|观察|觀察|访谈|訪談|专访|專訪|特稿|专题|專題|"
    "周刊|週刊|快讯|快訊|要闻|要聞|焦点|焦點|论坛|論壇|书评|書評|随笔|隨筆|札记|札記|速递|速遞"
)
"""Words a column's name ends in (``报纸摘要``, ``燕京访谈``, ``经济观察``); not ``精选``, which
ends compilations too (``经典歌曲精选``)."""
OUTLET_ENDINGS: Final = (
    "电台|電台|广播|廣播|广播公司|廣播公司|电视台|電視台|中文网|中文網|新闻网|新聞網|通讯社|通訊社"
)
"""Words a broadcaster's or news site's name ends in (``法国国际广播电台``, ``某某新闻网``).
Not ``之声``/``之音``, which end song titles too (``寂静之声``): outlets named so are in
:data:`newsparse.sites.ALIASES`."""
MAX_SHAPE_SUFFIX: Final = 12
"""Most characters before the ending word of a part cut for its shape alone."""
MIN_HEAD: Final = 4
"""Shortest title left after cutting a part for its shape alone."""
MAX_CUTS: Final = 4
"""Most parts cut from one title (``标题 - 栏目 - 电台 - RFI`` is three)."""
_TAIL: Final = 80
"""How far from the end of a title a separator of a cut part may be."""
_MAX_NAME_EXTRA: Final = 6
"""How many characters may follow a known name in one part (``BBC News 中文``)."""

_SEPARATOR: Final = re.compile(r"\s+[-–—|｜]\s+")
_MARK_BETWEEN_SPACES: Final = re.compile(r"[-–—|｜](?<=\s[-–—|｜])\s")
"""A separator's mark with white space on both sides: where :data:`_SEPARATOR` matches
(its runs of white space hold one character at least). It opens with the mark, which the
regex engine skips ahead to; :data:`_SEPARATOR`, opening with a repeat, is tried at every
place."""
_SHAPE: Final = re.compile(
    rf"[^\d\s,.:;!?，。：；！？、「」『』《》“”\"()（）\[\]【】]{{0,{MAX_SHAPE_SUFFIX}}}"
    rf"(?:{COLUMN_ENDINGS}|{OUTLET_ENDINGS})"
)
_NAME_NOISE: Final = re.compile(r"[\s.·・_\-]+")
_LATIN: Final = re.compile(r"[a-z]", re.IGNORECASE)
_MD_ESCAPE: Final = re.compile(r"\\([^\w\s]|_)")
_MD_BACKSLASH: Final = re.compile(r"\\(?=[^\w\s]|_)")


def escape_markdown(text: str) -> str:
    r"""Protect the backslashes of ``text`` that :func:`unescape_markdown` would take for
    escapes (``a\[b`` is written ``a\\[b``), so that the two are inverses."""
    if "\\" not in text:
        return text
    return _MD_BACKSLASH.sub(r"\\\\", text)


def unescape_markdown(text: str) -> str:
    r"""Undo Markdown backslash escapes: ``\[``, ``\*``, ``\_``, ``\“`` (any punctuation)."""
    if "\\" not in text:
        return text
    return _MD_ESCAPE.sub(r"\1", text)


def _norm(name: str) -> str:
    return _NAME_NOISE.sub("", name).casefold()


def outlet_names(
    names: Iterable[str | None],
    url: str | None,
    sites: Mapping[str, str] | None = None,
    aliases: Mapping[str, tuple[str, ...]] = ALIASES,
) -> tuple[str, ...]:
    """Every name the outlet of a file goes by: ``names`` (declared outlet, author,
    categories), the outlet of ``url``'s domain in ``sites`` (default
    :data:`newsparse.sites.SITES`), their ``aliases``, and the domain's brand."""
    out: list[str] = []
    declared = [n.strip() for n in names if n and n.strip()]
    from_url = site_for_url(url, sites)
    for name in [*declared, *([from_url] if from_url else [])]:
        out.append(name)
        out.extend(aliases.get(name, ()))
    domain = registered_domain(url)
    if domain is not None and "." in domain:
        out.append(domain.split(".", 1)[0])  # the brand: "bbc" of www.bbc.co.uk
        out.append(domain)
    seen: set[str] = set()
    unique = []
    for name in out:
        key = _norm(name)
        if key and key not in seen:
            seen.add(key)
            unique.append(name)
    return tuple(unique)


def _names_outlet(part: str, keys: tuple[str, ...]) -> bool:
    key = _norm(part)
    if not key:
        return False
    return any(key == k or _edition_of(key, k) for k in keys)


def _edition_of(key: str, name: str) -> bool:
    """``key`` is ``name`` and a short edition label with no Latin letters (``BBC 中文``,
    ``RFI 华语``), not a phrase that starts with the name (``Medium Rare``)."""
    if len(name) < 2 or not key.startswith(name):
        return False
    extra = key[len(name) :]
    return 0 < len(extra) <= _MAX_NAME_EXTRA and _LATIN.search(extra) is None


def may_have_suffix(title: str) -> bool:
    """Whether ``title`` has a separator near its end: without one, :func:`cut_title_suffixes`
    cuts nothing whatever the names (a caller may skip gathering them)."""
    # A separator from ``start`` on has its mark at ``start + 1`` or later, with the white
    # space before it (seen by the lookbehind) at ``start`` or later.
    return _MARK_BETWEEN_SPACES.search(title, max(0, len(title) - _TAIL) + 1) is not None


def cut_title_suffixes(title: str, names: Iterable[str]) -> tuple[str, list[str]]:
    """Cut trailing parts that name the outlet or one of its columns.

    Returns:
        The title without them, and the parts cut (last first).
    """
    keys = tuple(k for k in (_norm(n) for n in names) if k)
    cut: list[str] = []
    while len(cut) < MAX_CUTS:
        # A part worth cutting is short: look for its separator near the end only, so that
        # a hostile title of many separators costs no more than a short one.
        tail_start = max(0, len(title) - _TAIL)
        separators = list(_SEPARATOR.finditer(title, tail_start))
        if not separators:
            return title, cut
        last = separators[-1]
        head, part = title[: last.start()].rstrip(), title[last.end() :].strip()
        known = bool(head) and _names_outlet(part, keys)
        shaped = len(head) >= MIN_HEAD and _SHAPE.fullmatch(part) is not None
        if not (known or shaped):
            return title, cut
        title = head
        cut.append(part)
    return title, cut
