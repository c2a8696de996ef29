"""Where the article is: its content container, the lead picture and standfirst beside it,
a comment thread its own authors wrote, and the byline the markup states.

::

    <span class="byline">By A. Writer</span>            the page's byline: "A. Writer"
    <div class="hero"><img src="lead.jpg"></div>        the lead picture, read first
    <p class="standfirst">What happened, in short.</p>  the standfirst, read next
    <div class="entry-content">…</div>                  the content container
    <section id="comments">…essays by the authors…</section>   a contributors' thread

:func:`plan_content` chooses the roots to read, in reading order (:class:`Plan`);
:func:`_page_byline` reads a byline element or an author box ("About the Author", "关于作者").
"""

from __future__ import annotations

import re
import sys
from typing import Any, Final

import attrs

from newsparse import _accel
from newsparse._text import char_class
from newsparse.body._marks import (
    ExactValue,
    Flagged,
    MarkRules,
    Words,
    _encoded_selections,
    marks_of,
    picked,
    picks,
)
from newsparse.body._tree import (
    HEADING_TAGS,
    FirstChar,
    Sizes,
    _has_token,
    _links,
    _size,
    _text_of,
    ideographs_of,
    measure,
    sized,
)
from newsparse.body.chrome import (
    _CHROME_MASK,
    _COMMENTS_MASK,
    _COMMENTS_TOKEN,
    CHROME_MARKS,
    _is_chrome_element,
)
from newsparse.body.images import _content_picture, _is_media_element
from newsparse.byline import byline_in, clean_name


@attrs.define
class Plan:
    """The elements to read, in reading order, and what was learnt choosing them."""

    roots: list[Any]
    threads: list[Any] = attrs.Factory(list)
    """Roots that are comment threads written by the article's own contributors."""
    contributors: str | None = None
    """The contributors those threads name, joined by ``, ``."""


_CONTENT_CLASS: Final = Words(
    words=(
        "entry-content", "post-content", "article-content", "article-body", "articlebody",
        "story-body", "post-body", "field-name-body", "article__body", "rich-text", "node-content",
        "content-body", "main-content", "article-text", "text-content", "richtext",
    )
)  # fmt: skip
"""A class token naming the content container of a common CMS."""
_CONTENT_ID: Final = ExactValue(
    frozenset(("article-content", "articlebody", "article_body", "content-body", "main-content")),
    ignore_case=True,
)
"""An id (whole) naming a content container."""


def find_content_root(
    body: Any,
    sizes: Sizes | None = None,
    *,
    articles: bool = True,
    containers: list[Flagged] | None = None,
) -> Any:
    """Return the element that holds the article's own text.

    A known content container (``entry-content``, ``field-name-body``, ``#article-content``…)
    with real text wins; otherwise a lone ``<article>`` element; otherwise the whole body.
    A container holding far less of the page's article text than the page is widened
    (:func:`_widen`): one section of several, or a teaser box, is never the whole article.
    ``articles`` false says the page holds no ``<article>`` (its HTML opens none);
    ``containers`` is what :func:`page_picks` found (None: look for them here).
    """
    if sizes is None:
        sizes = measure(body)
    best = None
    best_len = 0
    if containers is None:
        containers = list(picked(body, _CONTENT_MARKS, _CONTAINER_TAGS))
    for el, _, _ in containers:
        length = _size(sizes, el)
        if length > best_len:
            best, best_len = el, length
    if best is not None and best_len >= 20:
        return _widen(best, body, sizes)
    if not articles:
        return body
    lone = [el for el in body.iter("article") if el is not body]  # .//article
    if len(lone) == 1 and _size(sizes, lone[0]) >= 0.3 * max(1, _size(sizes, body)):
        return _widen(lone[0], body, sizes)
    return body


_CONTAINER_TAGS: Final = frozenset(("div", "section", "article", "main", "td"))
"""The tags a content container has."""
_PROSE_TAGS: Final = ("p", "blockquote", "pre")
MIN_PROSE: Final = 20
"""Least unlinked text a paragraph needs to count as article text."""
WIDEN_BELOW: Final = 0.4
"""A content root holding less than this share of the page's article text is widened."""
WIDEN_TO: Final = 0.8
"""Widening stops at the first ancestor holding at least this share."""
MIN_PAGE_PROSE: Final = 600
"""Pages with less article text than this are never widened."""


_FURNITURE_MASK: Final = _CHROME_MASK | _COMMENTS_MASK
"""The marks of an element whose paragraphs are no article text (:func:`_widen`): chrome,
or a reader-comments token."""


def _widen(root: Any, body: Any, sizes: Sizes) -> Any:
    """``root``, or its nearest ancestor holding most of the page's article text when
    ``root`` holds less than :data:`WIDEN_BELOW` of it.

    Article text is the unlinked text of paragraphs (``p``, ``pre``, a ``blockquote``
    without paragraphs) that are mostly unlinked and sit outside page furniture and reader
    comments. One walk up from each paragraph finds both: linear in paragraphs times depth.
    """
    size, links = sizes.get(root, (0, 0))
    page, page_links = sizes.get(body, (0, 0))
    if (size - links) * 10 >= (page - page_links) * 7:
        return root  # it holds most of the page's unlinked text: nothing much outside
    chain: list[Any] = [root]
    while chain[-1] is not body and chain[-1].getparent() is not None:
        chain.append(chain[-1].getparent())
    level = {node: k for k, node in enumerate(chain)}
    held = [0] * len(chain)  # article text whose nearest chain ancestor is chain[k]
    furniture: dict[Any, bool] = {}
    for p, size, links in sized(body, sizes, MIN_PROSE, sys.maxsize, _PROSE_TAGS):
        if size - links < MIN_PROSE or links * 2 > size:
            continue
        if p.tag == "blockquote" and p.find(".//p") is not None:
            continue  # its paragraphs count
        nearest: int | None = level.get(p)
        for anc in p.iterancestors():
            if nearest is None:
                nearest = level.get(anc)
            if anc is body:
                break
            verdict = furniture.get(anc)
            if verdict is None:
                # Chrome or reader comments by its marks (the comments token is a mark of
                # CHROME_MARKS): one reading of them for both.
                verdict = furniture[anc] = bool(
                    anc.tag in {"header", "footer", "aside", "nav"}
                    or marks_of(anc, CHROME_MARKS) & _FURNITURE_MASK
                )
            if verdict:
                nearest = None
                break
        if nearest is not None:
            held[nearest] += size - links
    total = sum(held)
    if total < MIN_PAGE_PROSE or held[0] >= WIDEN_BELOW * total:
        return root
    within = 0
    for k, node in enumerate(chain):
        within += held[k]
        if k and within >= WIDEN_TO * total:
            return node
    return chain[-1]


_CONTENT_MARKS: Final = MarkRules(
    tokens=(_CONTENT_CLASS,), values=(("id", _CONTENT_ID),), token_attributes=("class",)
)
"""A content container's marks: a class token (:data:`_CONTENT_CLASS`) or its id."""


def plan_content(
    body: Any, sizes: Sizes, *, articles: bool = True, picks: PagePicks | None = None
) -> Plan:
    """Choose what to read: the content root, plus its lead picture, standfirst and
    contributor thread when they sit outside it (the page keeps them in sibling blocks).
    ``articles`` false says the page holds no ``<article>`` (see :func:`find_content_root`);
    ``picks`` is what :func:`page_picks` found (None: look for it here)."""
    containers = None if picks is None else picks.containers
    main = find_content_root(body, sizes, articles=articles, containers=containers)
    if main is body:
        return Plan(roots=[body])
    before: list[Any] = []
    after: list[Any] = []
    threads: list[Any] = []
    names: list[str] = []
    comment_ids: list[Any] | None = None  # the elements whose id is "comments", once
    searched = False
    node = main
    while node is not body:
        parent = node.getparent()
        if parent is None:
            break
        level_before: list[Any] = []
        passed = False
        for sib in parent:
            if sib is node:
                passed = True
                continue
            if not isinstance(sib.tag, str) or _is_chrome_element(sib):
                continue
            if not passed:
                level_before.extend(_lead_parts(sib, sizes))
            else:
                if not searched:
                    comment_ids, searched = _comments_ids(body), True
                thread_names = _author_thread(sib, sizes, comment_ids)
                if thread_names is not None:
                    after.append(sib)
                    threads.append(sib)
                    names.extend(thread_names)
        before = level_before + before
        node = parent
    contributors = ", ".join(dict.fromkeys(names)) or None
    return Plan(roots=[*before, main, *after], threads=threads, contributors=contributors)


LEAD_BLOCK_MAX: Final = 800
"""Most text a picture block before the content container may hold to count as its lead picture."""

_STANDFIRST_MARK: Final = Words(
    words=(
        "abstract", "standfirst", "summary", "description", "dek", "deck", "lede", "lead",
        "excerpt", "subtitle", "sub-title", "subhead", "intro",
    )
)  # fmt: skip
"""A class/id token naming a standfirst."""


def _lead_parts(el: Any, sizes: Sizes) -> list[Any]:
    """What a block before the content container adds: its picture or its standfirst."""
    if el.tag in HEADING_TAGS or el.tag in {"nav", "footer", "aside"}:
        return []
    # A picture block (the tests are pure: the cheap ones first).
    if (
        _size(sizes, el) <= LEAD_BLOCK_MAX
        and (
            any(_content_picture(img) for img in el.iter("img"))
            or any(_is_media_element(m) for m in el.iter("iframe", "audio", "video"))
        )
        and not _holds_heading(el)
    ):
        return [el]
    for cand, _, _ in picked(el, _STANDFIRST_MARKS):
        size = _size(sizes, cand)
        if 2 <= size <= 800 and _links(sizes, cand) * 2 < size and not _holds_heading(cand):
            return [cand]
    return []


def _holds_heading(el: Any) -> bool:
    return any(True for _ in el.iter("h1"))


_STANDFIRST_MARKS: Final = MarkRules(tokens=(_STANDFIRST_MARK,))


_USER_COMMENT_WORDS: Final = Words(
    words=(
        "reply", "permalink", "comment-time", "comment-date", "comment-meta", "comment-author",
        "comment-submitted", "submitted", "says", "vcard", "avatar", "commenter-name",
    )
)  # fmt: skip
"""A class/id token of reader comments' furniture (reply links, times, avatars)."""
_USER_COMMENT_MARK: Final = _USER_COMMENT_WORDS.pattern

_COMMENTS_ID: Final = ExactValue(frozenset(("comments",)))
_COMMENTS_ID_MARKS: Final = MarkRules(
    tokens=(), values=(("id", _COMMENTS_ID),), token_attributes=()
)
"""An element whose id is ``comments`` (a comment section)."""


def _comments_ids(body: Any) -> list[Any] | None:
    """The elements of ``body`` whose id is ``comments``, found in one compiled pass; None
    on the pure path, where each block is searched instead (as fast there)."""
    if _accel.CTREE is None:
        return None
    return [el for el, _, _ in picked(body, _COMMENTS_ID_MARKS)]


def _holds_comments_id(el: Any, comment_ids: list[Any] | None) -> bool:
    """Whether an element below ``el`` has the id ``comments`` (``comment_ids``: those of
    the page, or None to search ``el``)."""
    if comment_ids is None:
        return el.find(".//*[@id='comments']") is not None
    return any(any(anc is el for anc in c.iterancestors()) for c in comment_ids)


_COMMENT_ITEM: Final = Words(tokens=frozenset(("comment",)))
"""A comment of a thread: a class token ``comment`` (whole, in any case)."""
_THREAD_SELECTIONS: Final = (
    (MarkRules(tokens=(_COMMENT_ITEM,), token_attributes=("class",)), None),
    (MarkRules(tokens=(_USER_COMMENT_WORDS,)), None),
)
"""What :func:`_author_thread` reads of a thread: its comments (:data:`_COMMENT_ITEM`, in
the class), and the elements whose class/id tokens are :data:`_USER_COMMENT_WORDS`."""


def _author_thread(el: Any, sizes: Sizes, comment_ids: list[Any] | None) -> list[str] | None:
    """The contributors' names when ``el`` is a comment thread the article's authors wrote.

    A Drupal thread where every comment is ``comment-by-node-author``, or a thread whose
    comments carry none of the reply/permalink/time furniture of reader comments and are
    essays (300+ characters each on average), is the article (ChinaFile Conversations).
    ``comment_ids`` is the page's elements whose id is ``comments`` (None: search ``el``).
    """
    if not (_has_token(el, _COMMENTS_TOKEN) or _holds_comments_id(el, comment_ids)):
        return None
    reader_furniture: bool | None = None
    if _accel.CTREE is not None:
        # The comments and the furniture of reader comments, in one compiled pass.
        found, furniture = picks(el, _THREAD_SELECTIONS)
        reader_furniture = bool(furniture)
    else:
        # The pure path reads the furniture only when asked, up to the first (as fast).
        found = list(picked(el, _THREAD_SELECTIONS[0][0]))
    if not found:
        return None
    items = [e for e, _, _ in found]
    by_author = all("comment-by-node-author" in (e.get("class") or "") for e in items)
    if not by_author:
        if reader_furniture is None:
            reader_furniture = next(iter(picked(el, _THREAD_SELECTIONS[1][0])), None) is not None
        if reader_furniture:
            return None
        if sum(_size(sizes, e) for e in items) < 300 * len(items):
            return None
    names = []
    for item in items:
        for heading in item.iter("h2", "h3", "h4", "h5"):
            text = _text_of(heading)
            if 0 < len(text) <= 60:
                names.append(text)
                break
    return names


_BYLINE_MARK: Final = Words(
    words=("byline", "author", "author-name", "writer", "field-name-author", "author-wrap")
)
"""A class/id token naming a byline."""
_NAME_TOKEN: Final = Words(words=("name", "username", "author-name", "nickname", "fn")).pattern
"""A class/id token naming a name (in a byline element)."""


_BYLINE_TAGS: Final = frozenset(("span", "div", "a", "p"))
"""The tags a byline element has."""


_BYLINE_MARKS: Final = MarkRules(tokens=(_BYLINE_MARK,))


def _page_byline(body: Any, sizes: Sizes, picks: PagePicks | None = None) -> str | None:
    """The writer a page's byline element names (``span.byline``, ``文/ NAME``, an author
    box); ``picks`` is what :func:`page_picks` found (None: look for the byline elements
    here)."""
    bylines = picked(body, _BYLINE_MARKS, _BYLINE_TAGS) if picks is None else picks.bylines
    for el, _, _ in bylines:
        if _size(sizes, el) > 80:
            continue
        text = _text_of(el)
        if not text:
            continue
        found = byline_in(text)
        if found:
            return found
        for sub in el.iter():
            if sub is not el and isinstance(sub.tag, str) and _has_token(sub, _NAME_TOKEN):
                name = clean_name(_text_of(sub))
                if name and len(name) <= 40:
                    return name
        name = clean_name(_DATE_TAIL.sub("", text))
        if name and len(name) <= 40:
            return name
    return _author_box(body, sizes)


_DATE_TAIL: Final = re.compile(r"\s+\d{1,4}(?:[-/.]\d{1,2}){1,2}(?:\s+\d{1,2}:\d{2})?$")

_AUTHOR_BOX_WORDS: Final = "Featured Writers?|About the Authors?|Written by|作者简介|作者簡介|关于作者|關於作者|专栏作者|專欄作者"
_AUTHOR_BOX_LABEL: Final = re.compile(rf"^(?:{_AUTHOR_BOX_WORDS})\s*[:：]?$", re.IGNORECASE)
_AUTHOR_BOX_FIRST: Final = re.compile(
    char_class(word[0] for word in _AUTHOR_BOX_WORDS.split("|")), re.IGNORECASE
)
"""The first character of any :data:`_AUTHOR_BOX_LABEL` match (the same case folding)."""
_AUTHOR_BOX_OPENING: Final = FirstChar(
    _AUTHOR_BOX_FIRST, ideographs=ideographs_of(word[0] for word in _AUTHOR_BOX_WORDS.split("|"))
)
_AUTHOR_BOX_TAGS: Final = (*sorted(HEADING_TAGS), "div", "span", "p", "strong")
"""The tags an author box's label has."""


def _author_box(body: Any, sizes: Sizes) -> str | None:
    """The name under an author box's label ("Featured Writer", "关于作者")."""
    for el, _, _ in sized(body, sizes, 4, 20, _AUTHOR_BOX_TAGS, first=_AUTHOR_BOX_OPENING):
        if not _AUTHOR_BOX_LABEL.match(_text_of(el)):
            continue
        following = el.xpath(
            "following::*[self::h2 or self::h3 or self::h4 or self::h5 or self::a or self::strong]"
            "[normalize-space()][1]"
        )
        if following:
            name = clean_name(_text_of(following[0]))
            if name and len(name) <= 30:
                return name
    return None


@attrs.frozen
class PagePicks:
    """The elements of a page that :func:`_page_byline` and :func:`plan_content` read by
    their marks, found together (:func:`page_picks`)."""

    bylines: list[Flagged]
    """The byline elements (:data:`_BYLINE_MARKS` among :data:`_BYLINE_TAGS`)."""
    containers: list[Flagged]
    """The content containers (:data:`_CONTENT_MARKS` among :data:`_CONTAINER_TAGS`)."""


_PAGE_SELECTIONS: Final = ((_BYLINE_MARKS, _BYLINE_TAGS), (_CONTENT_MARKS, _CONTAINER_TAGS))
"""The selections of :class:`PagePicks`, in its order. (The ``#comments`` elements are
looked for only on the pages that need them: a few, see :func:`plan_content`.)"""


def page_picks(body: Any) -> PagePicks | None:
    """The byline elements and the content containers of ``body``, in one compiled pass
    over it (one walk instead of two); None on the pure path, where each step looks for
    its own (lazily: the byline's search stops at the first that names a writer)."""
    if _accel.CTREE is None:
        return None
    bylines, containers = picks(body, _PAGE_SELECTIONS)
    return PagePicks(bylines, containers)


def measure_and_pick(body: Any) -> tuple[Sizes, PagePicks | None]:
    """:func:`~newsparse.body._tree.measure` of ``body`` and its :func:`page_picks`, in one
    compiled pass over it (the sizes counted and the marks read as each element is met);
    on the pure path the sizes alone (each step then looks for its own marked elements)."""
    compiled = _accel.CTREE
    if compiled is None:
        return measure(body), None
    sizes, (bylines, containers) = compiled.measure_picks(
        body, _encoded_selections(_PAGE_SELECTIONS)
    )
    return sizes, PagePicks(bylines, containers)
