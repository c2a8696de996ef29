"""Small print closing a body: copyright notices, feed-plugin credits, permalink and share rows, tag lists.

::

    <p><small>© 2021 某某网 版权所有</small></p>      a copyright notice
    <p>The post … appeared first on …</p>            a feed plugin's credit
    <p>Permalink | 3 comments</p>                    a permalink / comment-count row
    <p>Post tags: <a>选举</a>, <a>香港</a></p>      a tag line (its tags are kept)

:func:`is_small_print` decides on one block; :func:`~newsparse.body.leftovers.clean_leftovers`
asks it about the last :data:`TAIL` blocks and ``<small>`` text, and keeps the tags
:func:`tags_in` reads.
"""

from __future__ import annotations

import re
from typing import Final

from newsparse._text import _ODD_CASE
from newsparse.body.captions import _SMALL_PRINT_START
from newsparse.body.openers import openers
from newsparse.body.walker import Block

_SMALL_PRINT_ANY: Final = re.compile(
    r"(?:all rights reserved|版权所有|版權所有|保留所有权利|保留所有權利)\W*$|"
    r"feed is for personal|feed enhanced by|appeared first on|"
    r"not reading this (?:article|material|post) in your (?:news aggregator|feed reader)",
    re.IGNORECASE,
)
_SMALL_PRINT_HINTS: Final = ("reserv", "版权", "版權", "保留所有", "feed", "appeared", "reading")
"""What every :data:`_SMALL_PRINT_ANY` match holds, lower-cased (a cheap pre-check), unless
the text holds one of :data:`~newsparse._text._ODD_CASE`'s characters (``ſ`` matches ``s``
case-insensitively but does not lower-case to it): such text skips the pre-check."""
_SMALL_PRINT_HAN: Final = "所有"
"""What every :data:`_SMALL_PRINT_ANY` match without ASCII letters holds."""
_START_OPENERS: Final = openers("(c版著本未转轉如欢歡")
"""What opens a :data:`~newsparse.body.captions._SMALL_PRINT_START` match after white
space (besides ``©`` and ``ⓒ``, which :func:`~newsparse.body.openers.opening` leaves to
the regex)."""
_TAG_OPENERS: Final = openers("ptk标標关關话話")
"""What opens a :data:`_TAG_LINE` match after white space."""
_META_OPENERS: Final = openers(
    "固永0123456789nlapc评評发發阅閱fdtrsewgq微新朋豆打列分"  # what opens a _META_PART match
    "|/"  # what opens a separator (the first part is then elsewhere)
)
"""What may open a :data:`_META_SEP` row: what opens a :data:`_META_PART` match, or a
separator. The first part of the row opens with the first character of the text that is
not white space, unless that character is a separator's."""


def _may_hold_small_print(text: str) -> bool:
    """``False`` only for a text that holds no :data:`_SMALL_PRINT_ANY` match.

    Every match holds ``所有`` (the Han alternatives) or a ``d`` (each English one: "all
    rights reserved", "feed", "appeared", "reading"), which ignoring case only ``d`` and
    ``D`` are; a text with either is lower-cased and looked up for the words of
    :data:`_SMALL_PRINT_HINTS`. Most texts have neither: no lower-casing then.
    """
    if _SMALL_PRINT_HAN in text:
        return True
    if "d" not in text and "D" not in text:
        return False
    lowered = text.lower()
    for hint in _SMALL_PRINT_HINTS:
        if hint in lowered:
            return True
    return _ODD_CASE.search(text) is not None


_META_PART: Final = re.compile(
    r"^(?:permalink|固定链接|固定連結|永久链接|永久連結|"
    r"\d+\s*(?:comments?|responses?|replies|条评论|條評論|則留言|则留言|评论|評論|留言)|"
    r"(?:no|leave a|add a|post a)\s+(?:comments?|reply|response)|"
    r"comments?\s*[(（]?\s*\d*\s*[)）]?|评论\s*[(（]?\s*\d*\s*[)）]?|評論\s*[(（]?\s*\d*\s*[)）]?|"
    r"发表评论|發表評論|阅读\s*[(（]?\s*\d+\s*[)）]?|閱讀\s*[(（]?\s*\d+\s*[)）]?|"
    r"(?:posted|filed|published)\s+(?:in|under|by|on)\b.{0,60}|"
    r"(?:categories|category|分类|分類)\s*[:：].{0,60}|发表于.{0,30}|發表於.{0,30}|"
    r"twitter|facebook|delicious|digg|reddit|stumbleupon|linkedin|e-?mail(?: this)?|print|"
    r"whatsapp|telegram|line|weibo|微博|新浪微博|微信|朋友圈|豆瓣|qq空间|qq空間|google\s*\+?|"
    r"tumblr|pinterest|pocket|flipboard|打印|列印|分享到?|share(?: on| this| via)?|tweet|like)"
    r"\s*[:：]?$",
    re.IGNORECASE,
)
_META_SEP: Final = re.compile(r"\s*[|｜·•/]\s*|\s{2,}|\n")
_TAG_LINE: Final = re.compile(
    r"^\s*(?:post\s+tags?|tags?|tagged(?:\s+(?:with|as))?|keywords?|标签|標籤|关键词|關鍵詞|"
    r"关键字|關鍵字|话题|話題)\s*[:：]\s*(?P<tags>.+)$",
    re.IGNORECASE,
)
_TAG_SEP: Final = re.compile(r"\s*[,，、;；|｜/]\s*")
MAX_SMALL_PRINT: Final = 300
"""Longest block read as small print."""
TAIL: Final = 4
"""How many blocks closing the body are read for small print (besides ``<small>`` text)."""


def is_small_print(block: Block) -> bool:
    """Whether a block is a footer's small print (a tag line counts: :func:`tags_in`).
    :func:`clean_leftovers` asks only about the last :data:`TAIL` blocks and ``<small>``
    text: the same words open ordinary sentences ("Copyright holders argued…")."""
    text = block.text
    if len(text) > MAX_SMALL_PRINT:
        return False
    # The anchored patterns are tried only on a text they may open (openers.py).
    head = text.lstrip()[:1]
    if not ("!" <= head <= "~" or "\u4e00" <= head <= "\u9fff"):
        head = ""  # opening(text.lstrip()), written out: this runs for most closing blocks
    if head in _START_OPENERS and _SMALL_PRINT_START.match(text):
        return True
    # _may_hold_small_print's first test written out: most texts fail it.
    if (
        (_SMALL_PRINT_HAN in text or "d" in text or "D" in text)
        and _may_hold_small_print(text)
        and _SMALL_PRINT_ANY.search(text)
    ):
        return True
    if (
        head in _TAG_OPENERS
        and len(text) <= 200
        and (m := _TAG_LINE.match(text))
        and _is_tag_list(m["tags"], block)
    ):
        return True
    # A permalink / comment-count / share row: short, and linked or split by separators.
    if len(text) > 160 or head not in _META_OPENERS:
        return False
    if not (
        block.anchors
        or "|" in text
        or "/" in text
        or "\n" in text
        or "｜" in text
        or "·" in text
        or "•" in text
        or "  " in text
    ):  # no link, and nowhere _META_SEP could split
        return False
    parts = [p for p in _META_SEP.split(text) if p.strip()]
    return (
        bool(parts)
        and all(_META_PART.match(p.strip()) for p in parts)
        and (len(parts) >= 2 or block.links * 2 >= block.size)
    )


TAG_WORDS_MAX: Final = 4
"""Most words of an unlinked tag list without separators (more is a sentence)."""


def _is_tag_list(raw: str, block: Block) -> bool:
    """Whether what follows a tag label lists tags: separated, hashtags, linked or a few
    words ("Keywords: the word of the year was chosen by readers" is a sentence)."""
    raw = raw.strip(" 。.")
    if _TAG_SEP.search(raw) or block.anchors:
        return True
    words = raw.split()
    return all(w[0] in "#＃" for w in words) or len(words) <= TAG_WORDS_MAX


def tags_in(text: str) -> list[str]:
    """The tags a ``Tags: a, b`` / ``标签：甲、乙`` line lists (``#`` marks dropped). Without
    separators it is one tag, unless every word is a hashtag (``#a #b``)."""
    m = _TAG_LINE.match(text)
    if m is None or len(text) > 200:
        return []
    raw = m["tags"].strip(" 。.")
    if _TAG_SEP.search(raw):
        pieces = _TAG_SEP.split(raw)
    elif all(w[0] in "#＃" for w in raw.split()):
        pieces = raw.split()
    else:
        pieces = [raw]
    return [t for t in (p.strip().lstrip("#＃").strip() for p in pieces) if t and len(t) <= 40]
