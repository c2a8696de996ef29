"""Chrome by shape: what no class names, recognised by its structure.

::

    <h3>Related</h3><ul><li><a href="/b">Another story</a></li></ul>   a labelled link list
    <div><span>端傳媒</span> · <time>2019-12-17</time></div>          an outlet/date lockup
    <div><img src="me.jpg"> A. Writer <button>Follow</button></div>   a card with a button
    <div><h3><a href="/a">The Article Title</a></h3></div>            a card of the article
    <div><h4><a href="/b">Another story</a></h4><time>…</time></div>  a teaser of another
    <div><h3>No More.</h3><img src="end.png"></div>       (after the text) a heading card
    <div><a href="/x">Home</a> · <a href="/y">About</a></div>   (after the text) link boxes

:data:`STRUCTURE_RULES` lists the rules in the order they run, after the chrome by name
(:mod:`~newsparse.body.chrome`); no rule removes most of the text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any, Final

import attrs
from lxml import etree

from newsparse import _accel
from newsparse._text import char_class
from newsparse.body._tree import (
    _EMPTY,
    HEADING_TAGS,
    FirstChar,
    Sizes,
    _has_key,
    _key,
    _opens_with,
    _remove_keep_tail,
    _size,
    _text_of,
    having_py,
    holds,
    ideographs_of,
    sized,
)
from newsparse.body.images import _content_picture


def _climb(el: Any, stop: Any, fits: Callable[[Any], bool]) -> Any:
    """The outermost ancestor of ``el`` below ``stop`` for which ``fits`` holds (or ``el``)."""
    node = el
    parent = node.getparent()
    while parent is not None and parent is not stop and fits(parent):
        node = parent
        parent = node.getparent()
    return node


def _size_is(sizes: Sizes, size: int) -> Callable[[Any], bool]:
    return lambda el: _size(sizes, el) == size


def _size_at_most(sizes: Sizes, limit: int) -> Callable[[Any], bool]:
    return lambda el: _size(sizes, el) <= limit


_RELATED_CJK: Final = (
    "相关阅读|相關閱讀|相关文章|相關文章|相关报道|相關報導|相关新闻|相關新聞|相关链接|相關連結|"
    "相关推荐|相關推薦|相关|相關|延伸阅读|延伸閱讀|衍生阅读|衍生閱讀|推荐阅读|推薦閱讀|扩展阅读|擴展閱讀|"
    "更多阅读|更多閱讀|热门文章|熱門文章|猜你喜欢|猜你喜歡|您可能感兴趣的文章|你可能感兴趣的文章|"
    "您可能感兴趣|你可能感兴趣|您可能感興趣的文章|你可能感興趣的文章|你可能也喜欢|你可能也喜歡|"
    "相关图集|相關圖集|相关视频|相關視頻|相关专题|相關專題|往期回顾|往期回顧|往期推荐|往期推薦|"
    "精彩推荐|精彩推薦|热门推荐|熱門推薦|编辑推荐|編輯推薦|更多报道|更多報導"
)
_RELATED_WORDS: Final = (
    *_RELATED_CJK.split("|"),
    "Related",
    "Related (?:Articles?|Posts?|Stories|Reading|Content|Coverage|Links)",
    "Read more",
    "Read More",
    "Further reading",
    "See also",
    "More from .{1,40}",
    "You may also like",
    "Recommended",
    "More (?:on|about) (?:this|the) (?:story|topic)",
)
"""The labels of related-links lists, as regex alternatives (each opens with a literal character)."""
_RELATED_LABEL: Final = re.compile(
    rf"^\s*(?:{'|'.join(_RELATED_WORDS)})\s*[:：]?\s*$", re.IGNORECASE
)
_RELATED_FIRST: Final = re.compile(char_class(word[0] for word in _RELATED_WORDS), re.I)
"""The first character of any :data:`_RELATED_LABEL` match (the same case folding)."""
_RELATED_OPENING: Final = FirstChar(
    _RELATED_FIRST, ideographs=ideographs_of(word[0] for word in _RELATED_WORDS)
)
_HEADINGS: Final = tuple(sorted(HEADING_TAGS))
_RELATED_HEAD: Final = re.compile(
    rf"^\s*(?:{'|'.join(_RELATED_WORDS)})\s*(?:[:：|｜].{{0,40}})?$", re.IGNORECASE
)
"""A heading that is a related-reading label, alone or before a title (``相关图集：…``)."""


@attrs.frozen
class _Picks:
    """The elements of a content root that several rules read (:func:`shape_picks`)."""

    headings: list[Any]
    """Its headings (``<h1>`` to ``<h6>``), in document order."""
    times: list[Any]
    """Its ``<time>`` elements."""
    buttons: list[Any]
    """The elements that held a button (marked ``data-np-button`` when it was dropped)."""


_Pick = Callable[[], _Picks]
"""The picks of the content root as it now is (read again after a rule removed something)."""

_BUTTON: Final = "data-np-button"
"""The attribute :mod:`~newsparse.body.drop` leaves on the parent of a button it drops."""
_PICKED: Final = (tuple(tag.encode() for tag in _HEADINGS), (b"time",), _BUTTON.encode())
"""What :func:`shape_picks` takes from the compiled pass."""


def shape_picks(content: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """The headings, the ``<time>`` elements and the button holders of ``content`` (it
    included), each in document order: one pass (in C when it runs) for the rules that
    read them."""
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.shape_picks(content, *_PICKED)
    return shape_picks_py(content)


def shape_picks_py(content: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """:func:`shape_picks` in Python: the reference of the compiled pass."""
    return list(content.iter(*_HEADINGS)), list(content.iter("time")), having_py(content, _BUTTON)


_FOOTNOTE_MARK: Final = re.compile(r"^\s*[\[［(（]\d{1,3}[\]］)）]|^\s*\d{1,3}[.、．]\s")


def _related_blocks(content: Any, sizes: Sizes, title: str | None, pick: _Pick) -> list[Any]:
    """A "Related/相关/延伸阅读/您可能感兴趣" label with the list of links it heads."""
    doomed = []
    # Per parent, computed once (labels that share a parent ask the same questions of it;
    # scanning the siblings again for each label made a page of many labels quadratic).
    families: dict[Any, _Family] = {}

    def family(parent: Any) -> _Family:
        known = families.get(parent)
        if known is None:
            known = families[parent] = _Family.of(parent, sizes)
        return known

    for el, size, _ in sized(content, sizes, 2, 24, first=_RELATED_OPENING, unlinked=True):
        if el is content or el.tag in {"a", "li"}:
            continue
        text = _text_of(el)
        if not _RELATED_LABEL.match(text):
            continue
        label = _climb(el, content, _size_is(sizes, size))
        parent = label.getparent()
        if parent is None:
            continue
        kin = family(parent)
        if kin.loose_text:
            # The label sits in running text ("…。<br><br>相关阅读<br><a>"): the block
            # cleaner decides, line by line.
            continue
        if parent is not content and _is_link_list(parent, label, sizes, kin.sized):
            doomed.append(parent)
            continue
        following = []
        sib = label.getnext()
        while sib is not None and isinstance(sib.tag, str) and _is_link_item(sib, sizes):
            following.append(sib)
            sib = sib.getnext()
        covered = size + sum(_size(sizes, f) for f in following)
        # Nothing after the links holds text.
        to_end = sib is None or kin.positions[sib] > kin.last_sized
        if following and (parent is content or to_end or covered >= _size(sizes, parent)):
            doomed.extend([label, *following])
    return doomed


@attrs.frozen
class _Family:
    """What :func:`_related_blocks` asks of a parent about its children."""

    positions: dict[Any, int]
    """Each child's position (comments included)."""
    sized: list[Any]
    """The child elements that hold text, in order."""
    last_sized: int
    """The position of the last of them (-1 when none)."""
    loose_text: bool
    """Whether the parent holds text of its own (see :func:`_loose_text`)."""

    @classmethod
    def of(cls, parent: Any, sizes: Sizes) -> _Family:
        children = list(parent)
        sized = [i for i, c in enumerate(children) if isinstance(c.tag, str) and _size(sizes, c)]
        return cls(
            positions={c: i for i, c in enumerate(children)},
            sized=[children[i] for i in sized],
            last_sized=sized[-1] if sized else -1,
            loose_text=_loose_text(parent),
        )


def _loose_text(el: Any) -> bool:
    """Whether ``el`` holds text of its own (not inside a child element)."""
    if el.text and el.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in el)


def _is_link_item(el: Any, sizes: Sizes) -> bool:
    size, links = sizes.get(el, (0, 0))
    if size == 0:
        return el.find(".//a") is not None or el.tag == "br"
    if links * 10 < size * 6:
        return False
    # A numbered reference ("[3] 作者，《题目》 URL") is the article's apparatus.
    return not _FOOTNOTE_MARK.match("".join(el.itertext())[:12])


def _is_link_list(parent: Any, label: Any, sizes: Sizes, sized: list[Any]) -> bool:
    """Whether what ``parent`` holds besides ``label`` is a list of linked items (cards).

    ``sized`` is the children of ``parent`` that hold text, in order.
    """
    if _size(sizes, parent) > 2000:
        return False
    rest = [c for c in sized if c is not label]
    while len(rest) == 1 and len([c for c in rest[0] if isinstance(c.tag, str)]) > 1:
        rest = [c for c in rest[0] if isinstance(c.tag, str) and _size(sizes, c)]
    if not rest:
        return False
    return all(c.find(".//a[@href]") is not None or c.get("href") is not None for c in rest)


_PROSE_TAGS: Final = frozenset({"p", "li", "blockquote", "pre", "td", "dd"})


def _time_lockups(content: Any, sizes: Sizes, title: str | None, pick: _Pick) -> list[Any]:
    """An outlet/date lockup: a small block around a ``<time>`` (``端傳媒 · Dec 17th 2019``)."""
    doomed = []
    for time_el in pick().times:
        own = _size(sizes, time_el)
        top = _climb(time_el, content, _size_at_most(sizes, own + 40))
        if top is not time_el and top.tag not in _PROSE_TAGS:
            doomed.append(top)
    return doomed


CARD_MAX: Final = 400
"""Most text a card around a button may hold (author boxes, outlet cards)."""


def _button_cards(content: Any, sizes: Sizes, title: str | None, pick: _Pick) -> list[Any]:
    """A card holding a button ("View", "Follow"): an author box, an outlet promo."""
    doomed = []
    for holder in pick().buttons:
        if holder is content:
            continue
        card = _climb(holder, content, _size_at_most(sizes, CARD_MAX))
        doomed.append(card)
    return doomed


def _title_cards(content: Any, sizes: Sizes, title: str | None, pick: _Pick) -> list[Any]:
    """A linked heading repeating the article's own title: an embed card of the article."""
    if not title:
        return []
    key: str | None = None  # the title's, made at the first heading (most pages have none)
    limit = 0
    doomed = []
    # The headings whose text is all link text.
    for heading in pick().headings:
        size, links = sizes.get(heading, _EMPTY)
        if size < 1 or links < size:
            continue
        if key is None:
            key = _key(title)
            limit = max(200, 4 * len(key))
        if not key:
            return []
        if not _has_key(_text_of(heading), key):
            continue
        doomed.append(_climb(heading, content, _size_at_most(sizes, limit)))
    return doomed


TEASER_MAX: Final = 600
"""Most text a teaser box of another article may hold."""


def _teaser_cards(content: Any, sizes: Sizes, title: str | None, pick: _Pick) -> list[Any]:
    """A teaser of another article inside the text: a small box with a linked headline
    and a picture or a date (ChinaFile ``cboxes``, outlet cards)."""
    total = _size(sizes, content)
    doomed = []
    seen: set[Any] = set()
    # The headings of 4 characters or more, nine tenths link text.
    for heading in pick().headings:
        size, links = sizes.get(heading, _EMPTY)
        if size < 4 or links * 10 < size * 9:
            continue
        card = _climb(heading, content, _size_at_most(sizes, TEASER_MAX))
        if card is heading or card.tag not in {"div", "section", "article", "aside", "li"}:
            continue
        if card in seen or _size(sizes, card) * 2 > total:
            continue
        seen.add(card)
        if (
            any(_content_picture(img) for img in card.iter("img"))
            or card.find(".//time") is not None
            or any(
                "date" in (e.get("class") or "").lower()
                for e in card.iter()
                if isinstance(e.tag, str)
            )
        ):
            doomed.append(card)
    return doomed


def _heading_cards(content: Any, sizes: Sizes, title: str | None, pick: _Pick) -> list[Any]:
    """Containers after the text that hold only a heading and pictures ("No More.")."""
    # The children are read lazily from each end: most pages stop at the first or last
    # (often the same one, a wrapper of everything: its answer is kept for the second look).
    doomed: list[Any] = []
    prose: dict[Any, bool] = {}
    for child in content.iterchildren(etree.Element):
        found = prose[child] = _has_prose(child, sizes)
        if found:
            break
    else:
        return doomed
    for child in content.iterchildren(etree.Element, reversed=True):
        if child.tag not in {"div", "section"}:
            break
        known = prose.get(child)
        if known is None:
            known = _has_prose(child, sizes)
        if known:
            break
        if _size(sizes, child) == 0:
            continue
        if _size(sizes, child) <= 60 and holds(child, sizes, 0, sys.maxsize, _HEADINGS):
            doomed.append(child)
            continue
        break
    return doomed


def _link_cards(content: Any, sizes: Sizes, title: str | None, pick: _Pick) -> list[Any]:
    """Boxes of links after the text (footer cards, "more from" rows): mostly link text."""
    doomed: list[Any] = []
    if not any(
        c.tag in _PROSE_TAGS and _has_prose(c, sizes) for c in content.iterchildren(etree.Element)
    ):
        return doomed
    for child in content.iterchildren(etree.Element, reversed=True):
        size, links = sizes.get(child, (0, 0))
        if not size:
            continue
        if child.tag in {"div", "section", "aside"} and size <= 2000 and links * 10 >= size * 7:
            doomed.append(child)
            continue
        break
    return doomed


def _has_prose(el: Any, sizes: Sizes) -> bool:
    if not len(el):  # a leaf (the common case in long documents): no subtree to search
        tag = el.tag
        return tag in _PROSE_BOXES or (tag in _PROSE_TAGS and _size(sizes, el) >= 20)
    # A paragraph first: most elements hold one early, a box is looked for to the end.
    return holds(el, sizes, 20, sys.maxsize, _PROSE_TAG_NAMES) or holds(
        el, sizes, 0, sys.maxsize, _PROSE_BOX_TAGS
    )


_PROSE_BOXES: Final = frozenset({"figure", "figcaption", "blockquote"})
_PROSE_BOX_TAGS: Final = tuple(sorted(_PROSE_BOXES))
_PROSE_TAG_NAMES: Final = tuple(sorted(_PROSE_TAGS))

TAIL_PARAGRAPH_MAX: Final = 300
"""Longest block a related section after a heading may hold (longer is article text)."""


def _related_tail(content: Any, sizes: Sizes, title: str | None, pick: _Pick) -> list[Any]:
    """A related-reading heading (``相关图集：…``, ``延伸阅读``) near the end and what follows
    it, when that is short items (cards, a gallery), never a long paragraph."""
    total = _size(sizes, content)
    for heading in pick().headings:
        size = _size(sizes, heading)
        if not 2 <= size <= 60 or not _opens_with(heading, _RELATED_FIRST):
            continue
        if not _RELATED_HEAD.match(_text_of(heading)):
            continue
        top = _climb(heading, content, _size_is(sizes, size))
        after = list(top.itersiblings())
        held = sum(_size(sizes, sib) for sib in after if isinstance(sib.tag, str))
        if (held + size) * 5 > total * 3:
            continue  # most of the text: not a tail
        if any(
            _size(sizes, p) > TAIL_PARAGRAPH_MAX
            for sib in after
            if isinstance(sib.tag, str)
            for p in sib.iter(*_PROSE_TAGS, "div")
            if not any(isinstance(c.tag, str) and c.tag in _BLOCKISH for c in p)
        ):
            continue
        return [top, *(sib for sib in after if isinstance(sib.tag, str))]
    return []


_BLOCKISH: Final = frozenset({"p", "div", "li", "ul", "ol", "section", "article", "table"})


STRUCTURE_RULES: Final[tuple[Callable[[Any, Sizes, str | None, _Pick], list[Any]], ...]] = (
    _related_blocks,
    _related_tail,
    _time_lockups,
    _button_cards,
    _title_cards,
    _teaser_cards,
    _heading_cards,
    _link_cards,
)
"""Chrome recognised by structure rather than by name, applied in order after the class pass."""

_READS_ONLY: Final[dict[Callable[..., list[Any]], str]] = {
    _related_tail: "headings",
    _time_lockups: "times",
    _button_cards: "buttons",
    _title_cards: "headings",
    _teaser_cards: "headings",
}
"""The rules that find nothing but among the picks (:class:`_Picks`) named: when the
content root has none of them (most have no heading, nearly all no ``<time>`` and no
button), the rule is not asked (it would find nothing)."""


def remove_chrome_by_shape(content: Any, sizes: Sizes, title: str | None = None) -> None:
    """Remove below ``content`` what :data:`STRUCTURE_RULES` find (in place; each removed
    element's tail text stays), except what would hold most of the text."""
    total = max(1, _size(sizes, content))
    picked: list[_Picks] = []  # the picks of the tree as it now is (none yet, or stale)

    def pick() -> _Picks:
        if not picked:
            picked.append(_Picks(*shape_picks(content)))
        return picked[0]

    for rule in STRUCTURE_RULES:
        reads = _READS_ONLY.get(rule)
        if reads is not None and not getattr(pick(), reads):
            continue
        for el in rule(content, sizes, title, pick):
            # A rule never takes most of the text: a short post is not a card of itself.
            if _size(sizes, el) * 2 <= total:
                _remove_keep_tail(el)
                picked.clear()
