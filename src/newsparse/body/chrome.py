"""Chrome by name: elements whose tag, class, id or style says they are page furniture.

::

    <div class="share-bar">…</div>                 share (CHROME_GROUPS["share"])
    <div class="ad-slot">…</div>                   advertising
    <ul class="related-posts">…</ul>               related
    <div class="entry-meta">…</div>                meta
    <div class="paywall-barrier">…</div>           subscription
    <section id="comments">…</section>             reader comments
    <h3>Comments (3)</h3>                          a comments label
    <aside>…</aside> <header>…</header> <footer>…</footer>
    <div hidden>…</div> <p class="sr-only">…</p> <div style="display:none">…</div>

Each class/id token is matched word-wise (``share-bar``, ``post_share``, not ``shared``)
against :data:`CHROME_GROUPS`, one named group of words per kind of chrome, combined
into one rule (:data:`_CHROME_MARK`: data, that the compiled pass reads too). Reader
comments stay when they are the article itself (see
:func:`~newsparse.body.content.plan_content`), and an element holding most of the text is
never chrome, whatever its name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from newsparse import _accel
from newsparse._text import char_class
from newsparse.body._marks import MarkRules, Words, flag_walk, flagged, marks_of
from newsparse.body._tree import (
    HEADING_TAGS,
    Sizes,
    _opens_with,
    _remove_keep_tail,
    _size,
    _text_of,
)

CHROME_GROUPS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "share": (
        "share", "sharing", "sharedaddy", "social", "service-links", "like", "likes",
        "like-button", "reactions", "print", "toolbar",
    ),
    "comments": ("comment-respond", "comment-form", "respond", "reply", "disqus"),
    "navigation": (
        "sidebar", "widget", "breadcrumb", "breadcrumbs", "pagination", "pager", "menu", "navbar",
        "navigation", "skip-link",
    ),
    "masthead": ("site-header", "page-header", "logo"),
    "advertising": ("advert", "advertisement", "ads", "ad-slot", "adsbygoogle", "code-block", "promo"),
    "subscription": ("newsletter", "subscribe", "subscription", "paywall", "login", "signup"),
    "related": (
        "related", "relatedposts", "jp-relatedposts", "read-more", "readmore", "more-stories",
        "recommend", "recommended", "you-may-like", "also-read", "outbrain", "taboola",
    ),
    "meta": (
        "entry-meta", "post-meta", "article-meta", "meta-info", "rdf-meta", "submitted", "tags",
        "tag-links", "cat-links", "tagcloud",
    ),
    "author": (
        "author-box", "author-info", "author-wrap", "author-wrapper", "entry-author", "author-bio",
        "about-author",
    ),
    "footer": ("entry-footer", "post-footer", "site-footer", "copyright-notice"),
    "hidden": ("screen-reader-text", "sr-only", "visually-hidden"),
    "overlay": ("cookie", "popup", "modal"),
})  # fmt: skip
"""The words of chrome class/id tokens, one group per kind of chrome (lower-case words,
matched case-insensitively as a whole word of a token: between ``-``/``_`` or its ends)."""

_CHROME_TOKEN: Final = re.compile(
    r"(?:^|[_-])(?:"
    + "|".join(
        f"(?P<{name}>{'|'.join(map(re.escape, words))})" for name, words in CHROME_GROUPS.items()
    )
    + r")(?:$|[_-])",
    re.IGNORECASE,
)
"""Any word of :data:`CHROME_GROUPS`; a match's ``lastgroup`` names its kind of chrome."""

_HIDDEN_TOKENS: Final = frozenset((
    "hidden", "element-hidden", "element-invisible", "invisible", "visually-hidden", "sr-only",
    "screen-reader-text", "screenreader-only", "d-none", "is-hidden",
))  # fmt: skip
_CHROME_SUBSTRINGS: Final = ("paywall", "barrier", "recirc")
_FLAG_WORDS: Final = ("no", "none", "false", "off")
"""``logo-no``, ``img-no``: a flag saying the thing is absent, not the thing."""
_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

_CHROME_MARK: Final = Words(
    words=tuple(word for words in CHROME_GROUPS.values() for word in words),
    tokens=_HIDDEN_TOKENS,
    substrings=_CHROME_SUBSTRINGS,
    unless=_FLAG_WORDS,
)
"""A class/id token naming chrome: a word of :data:`CHROME_GROUPS`, a hidden-text class,
a paywall; never a flag saying the thing is absent (``logo-no``)."""
_COMMENTS_MARK: Final = Words(
    words=(
        "comment", "comments", "comment-list", "commentlist", "comment-wrapper", "comment-section",
    )
)  # fmt: skip
"""A class/id token naming reader comments."""
_COMMENTS_TOKEN: Final = _COMMENTS_MARK.pattern
""":data:`_COMMENTS_MARK` as a pattern (for ``_tree._has_token``)."""

_COMMENTS_WORDS: Final = (
    "Comments?", "Responses?", "Discussion", "评论", "評論", "留言", "网友评论", "網友評論",
)  # fmt: skip
"""The words of a "Comments" label, as regex alternatives (each opens with a literal)."""
_COMMENTS_LABEL: Final = re.compile(
    rf"^\s*(?:\d+\s*)?(?:{'|'.join(_COMMENTS_WORDS)})(?:\s*[(（]?\d*[)）]?)?\s*[:：]?\s*$",
    re.IGNORECASE,
)
_COMMENTS_FIRST: Final = re.compile(
    r"\d|" + char_class(word[0] for word in _COMMENTS_WORDS), re.IGNORECASE
)
"""The first character of any :data:`_COMMENTS_LABEL` match (the same case folding)."""


def _hides(value: str) -> bool:
    """``hidden`` hides an element whatever its value (a boolean attribute)."""
    return True


def _aria_hides(value: str) -> bool:
    """``aria-hidden`` hides an element only as ``"true"``."""
    return value == "true"


def _style_hides(value: str) -> bool:
    """An inline style hides an element with ``display: none`` or ``visibility: hidden``."""
    return _HIDDEN_STYLE.search(value) is not None


CHROME_MARKS: Final = MarkRules(
    tokens=(_CHROME_MARK, _COMMENTS_MARK),
    values=(("hidden", _hides), ("aria-hidden", _aria_hides), ("style", _style_hides)),
)
"""What an element's marks say about it as chrome (see :mod:`~newsparse.body._marks`)."""
_CHROME_MASK: Final = (
    CHROME_MARKS.bit(_CHROME_MARK)
    | CHROME_MARKS.bit(_hides)
    | CHROME_MARKS.bit(_aria_hides)
    | CHROME_MARKS.bit(_style_hides)
)
"""The marks of page furniture: a chrome class/id token, ``hidden``, ``aria-hidden="true"``
or a hiding inline style."""
_COMMENTS_MASK: Final = CHROME_MARKS.bit(_COMMENTS_MARK)
"""The mark of a reader-comments section."""


def _is_chrome_element(el: Any) -> bool:
    """Page furniture by class/id, hidden attributes or inline style."""
    return bool(marks_of(el, CHROME_MARKS) & _CHROME_MASK)


def _condemned(el: Any, tag: str, mask: int, sizes: Sizes, total: int, keep_comments: bool) -> bool:
    """Whether ``el`` is chrome: by its tag, by its marks (``mask``, see
    :data:`CHROME_MARKS`), as a comment section, or as a "Comments" label; never when it
    holds most of the text."""
    if tag in _CHROME_TAGS or mask & _CHROME_MASK or (not keep_comments and mask & _COMMENTS_MASK):
        return not _holds_main(sizes, el, total)
    return (
        tag in HEADING_TAGS
        and _size(sizes, el) <= 20
        and _opens_with(el, _COMMENTS_FIRST)
        and _COMMENTS_LABEL.match(_text_of(el)) is not None
    )


def _holds_main(sizes: Sizes, el: Any, total: int) -> bool:
    """Whether ``el`` holds most of the text (then no class makes it chrome)."""
    size = _size(sizes, el)
    return size >= 200 and size > 0.5 * total


_CHROME_TAGS: Final = frozenset({"header", "footer", "aside"})
_CHROME_SUSPECTS: Final = _CHROME_TAGS | HEADING_TAGS
"""Tags :func:`_condemned` may condemn without any mark (a heading: a "Comments" label)."""


def remove_chrome_by_name(content: Any, sizes: Sizes, *, keep_comments: bool = False) -> None:
    """Remove the chrome below ``content`` that its tag, class, id or style names (in place;
    each removed element's tail text stays). ``keep_comments`` keeps comment sections."""
    total = max(1, _size(sizes, content))
    doomed: list[Any] = []
    if _accel.CTREE is not None:
        # The elements asked about (a suspect tag, or marks), one at a time; a condemned
        # one's subtree is passed over (its inside neither read nor given a proxy).
        walk = flag_walk(content, CHROME_MARKS, _CHROME_SUSPECTS, below=True)
        for el, tag, mask in walk:
            if _condemned(el, tag, mask, sizes, total, keep_comments):
                doomed.append(el)
                walk.skip()
    else:
        # The pure path reads them all in one pass, and passes a condemned one's subtree
        # over by position (to after[k], the first one after it): the same elements
        # asked about, without a walk's step per element (FlagWalkPy, its reference,
        # costs more here).
        found, after = flagged(content, CHROME_MARKS, _CHROME_SUSPECTS, below=True)
        k, count = 0, len(found)
        while k < count:
            el, tag, mask = found[k]
            if _condemned(el, tag, mask, sizes, total, keep_comments):
                doomed.append(el)
                k = after[k]
            else:
                k += 1
    for el in doomed:
        _remove_keep_tail(el)
