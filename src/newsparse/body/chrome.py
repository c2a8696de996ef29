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
into one pattern (:data:`_CHROME_TOKEN`). Reader comments stay when they are the
article itself (see :func:`~newsparse.body.content.plan_content`), and an element
holding most of the text is never chrome, whatever its name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from lxml import etree

from newsparse import _accel
from newsparse.body._tree import (
    HEADING_TAGS,
    Sizes,
    _classes,
    _classes_of,
    _remove_keep_tail,
    _size,
    _text_of,
    _token_hit,
)

CHROME_GROUPS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "share": (
        "share", "sharing", "sharedaddy", "social", "service-links", "likes?", "like-button",
        "reactions", "print", "toolbar",
    ),
    "comments": ("comment-respond", "comment-form", "respond", "reply", "disqus"),
    "navigation": (
        "sidebar", "widget", "breadcrumbs?", "pagination", "pager", "menu", "navbar",
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
"""The words of chrome class/id tokens, one group per kind of chrome (regex fragments,
matched case-insensitively as a whole word of a token: between ``-``/``_`` or its ends)."""

_CHROME_TOKEN: Final = re.compile(
    r"(?:^|[_-])(?:"
    + "|".join(f"(?P<{name}>{'|'.join(words)})" for name, words in CHROME_GROUPS.items())
    + r")(?:$|[_-])",
    re.IGNORECASE,
)
"""Any word of :data:`CHROME_GROUPS`; a match's ``lastgroup`` names its kind of chrome."""

_HIDDEN_TOKENS: Final = frozenset((
    "hidden", "element-hidden", "element-invisible", "invisible", "visually-hidden", "sr-only",
    "screen-reader-text", "screenreader-only", "d-none", "is-hidden",
))  # fmt: skip
_CHROME_SUBSTRINGS: Final = ("paywall", "barrier", "recirc")
_FLAG_TOKEN: Final = re.compile(r"-(?:no|none|false|off)$", re.I)
"""``logo-no``, ``img-no``: a flag saying the thing is absent, not the thing."""
_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_COMMENTS_TOKEN: Final = re.compile(
    r"(?:^|[_-])(?:comments?|comment-list|commentlist|comment-wrapper|comment-section)(?:$|[_-])",
    re.I,
)

_COMMENTS_LABEL: Final = re.compile(
    r"^\s*(?:\d+\s*)?(?:Comments?|Responses?|Discussion|评论|評論|留言|网友评论|網友評論)"
    r"(?:\s*[(（]?\d*[)）]?)?\s*[:：]?\s*$",
    re.IGNORECASE,
)


def _is_chrome_element(el: Any) -> bool:
    """Page furniture by class/id, hidden attributes or inline style."""
    return _is_chrome_marked(el, _classes(el))


def _is_chrome_marked(el: Any, classes: str) -> bool:
    """:func:`_is_chrome_element` for an element whose :func:`_classes` are known."""
    return _chrome_marks(
        classes, _is_hidden(el.get("hidden"), el.get("aria-hidden")), el.get("style")
    )


def _is_hidden(hidden: str | None, aria_hidden: str | None) -> bool:
    """Whether an element's ``hidden`` and ``aria-hidden`` attributes (their values, or
    None) hide it: ``hidden`` with any value, ``aria-hidden`` only as ``"true"``."""
    return hidden is not None or aria_hidden == "true"


def _chrome_marks(classes: str, hidden: bool, style: str | None) -> bool:
    """Whether an element's :func:`_classes`, its ``hidden`` or ``aria-hidden="true"``
    attribute (``hidden``) or its inline ``style`` say it is page furniture."""
    if hidden:
        return True
    if style and _HIDDEN_STYLE.search(style):
        return True
    return bool(classes) and _chrome_classes(classes)


@functools.lru_cache(maxsize=16384)
def _chrome_classes(classes: str) -> bool:
    tokens = [t for t in classes.split() if not _FLAG_TOKEN.search(t)]
    if not tokens:
        return False
    lowered = " ".join(tokens).lower()
    if any(tok.lower() in _HIDDEN_TOKENS for tok in tokens):
        return True
    if any(sub in lowered for sub in _CHROME_SUBSTRINGS):
        return True
    return any(_CHROME_TOKEN.search(tok) for tok in tokens)


def _chrome_verdict(el: Any, sizes: Sizes, total: int, keep_comments: bool) -> bool:
    """Whether ``el`` is chrome (see :func:`_condemned`), its facts read here."""
    # Most elements carry no attribute at all: nothing to read by class, id or style.
    if el.keys():
        hidden = _is_hidden(el.get("hidden"), el.get("aria-hidden"))
        return _condemned(
            el, el.tag, _classes(el), hidden, el.get("style"), sizes, total, keep_comments
        )
    return _condemned(el, el.tag, "", False, None, sizes, total, keep_comments)


def _condemned(
    el: Any,
    tag: Any,
    classes: str,
    hidden: bool,
    style: str | None,
    sizes: Sizes,
    total: int,
    keep_comments: bool,
) -> bool:
    """Whether ``el`` is chrome: by its tag, by its marks (:func:`_chrome_marks`), as a
    comment section, or as a "Comments" label; never when it holds most of the text."""
    if tag in _CHROME_TAGS:
        return not _holds_main(sizes, el, total)
    if _chrome_marks(classes, hidden, style):
        return not _holds_main(sizes, el, total)
    if not keep_comments and classes and _token_hit(classes, _COMMENTS_TOKEN):
        return not _holds_main(sizes, el, total)
    return (
        tag in HEADING_TAGS
        and _size(sizes, el) <= 20
        and _COMMENTS_LABEL.match(_text_of(el)) is not None
    )


def _holds_main(sizes: Sizes, el: Any, total: int) -> bool:
    """Whether ``el`` holds most of the text (then no class makes it chrome)."""
    size = _size(sizes, el)
    return size >= 200 and size > 0.5 * total


_CHROME_TAGS: Final = frozenset({"header", "footer", "aside"})
_CHROME_SUSPECTS: Final = _CHROME_TAGS | HEADING_TAGS
"""Tags :func:`_chrome_verdict` may condemn without any attribute (a heading: a "Comments"
label)."""
_SUSPECT_NAMES: Final = tuple(sorted(tag.encode() for tag in _CHROME_SUSPECTS))
""":data:`_CHROME_SUSPECTS` as the compiled ``suspects`` takes them."""


def _next_element_after(el: Any, stop: Any) -> Any:
    """The first element after ``el``'s subtree in document order, within ``stop``."""
    node = el
    while node is not None and node is not stop:
        following = next(node.itersiblings(etree.Element), None)
        if following is not None:
            return following
        node = node.getparent()
    return None


def remove_chrome_by_name(content: Any, sizes: Sizes, *, keep_comments: bool = False) -> None:
    """Remove the chrome below ``content`` that its tag, class, id or style names (in place;
    each removed element's tail text stays). ``keep_comments`` keeps comment sections."""
    total = max(1, _size(sizes, content))
    doomed: list[Any] = []
    compiled = _accel.CTREE
    if compiled is not None:
        # The suspects in one compiled pass; a condemned one's subtree is passed over.
        found, after = compiled.suspects(content, _SUSPECT_NAMES)
        k, count = 0, len(found)
        while k < count:
            el, tag, cls, ident, hidden, aria_hidden, style = found[k]
            classes = _classes_of(cls, ident)
            if _condemned(
                el,
                tag,
                classes,
                _is_hidden(hidden, aria_hidden),
                style,
                sizes,
                total,
                keep_comments,
            ):
                doomed.append(el)
                k = after[k]
            else:
                k += 1
    else:
        # After a condemned element, its subtree is passed over up to skip_to, the first
        # element after it in document order. Only elements that have an attribute or a
        # suspect tag can be condemned (most have neither): the others cost two tests.
        skip_to = None
        for el in content.iter(etree.Element):
            if skip_to is not None:
                if el is not skip_to:
                    continue
                skip_to = None
            if el is content:
                continue
            if (el.tag in _CHROME_SUSPECTS or el.keys()) and _chrome_verdict(
                el, sizes, total, keep_comments
            ):
                doomed.append(el)
                skip_to = _next_element_after(el, content)
                if skip_to is None:
                    break
    for el in doomed:
        _remove_keep_tail(el)


_Suspect = tuple[Any, Any, str | None, str | None, str | None, str | None, str | None]
"""A suspect of :func:`suspects_py`: the element, its tag and the values (or None) of its
``class``, ``id``, ``hidden``, ``aria-hidden`` and ``style`` attributes."""


def suspects_py(content: Any, tags: frozenset[str]) -> tuple[list[_Suspect], list[int]]:
    """The elements below ``content`` that :func:`remove_chrome_by_name` asks about (an
    attribute, or a tag in ``tags``) in document order, each with the attributes
    :func:`_condemned`'s facts come from (its tag, ``class``, ``id``, ``hidden``,
    ``aria-hidden`` and ``style``: the values, or None), and for each the position in that
    list of the first one after its subtree: the reference of the compiled ``suspects``.
    What the attributes mean (:func:`_classes_of`, :func:`_is_hidden`) is decided here,
    in Python, on both paths."""
    found: list[_Suspect] = []
    after: list[int] = []
    open_at: list[tuple[Any, int]] = []  # the suspects whose subtree holds el
    for el in content.iter(etree.Element):
        if el is content:
            continue
        ancestors = set(el.iterancestors())
        while open_at and open_at[-1][0] not in ancestors:
            after[open_at.pop()[1]] = len(found)
        if el.tag in tags or el.keys():
            get = el.get
            open_at.append((el, len(found)))
            after.append(0)
            found.append(
                (
                    el,
                    el.tag,
                    get("class"),
                    get("id"),
                    get("hidden"),
                    get("aria-hidden"),
                    get("style"),
                )
            )
    while open_at:
        after[open_at.pop()[1]] = len(found)
    return found, after
