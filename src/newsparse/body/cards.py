"""Cards of the site's other posts, and a footer after the last rule: blocks of links.

::

    <p><a href="/b/2">评论 | 另一篇</a></p>          a column card: dropped anywhere
    <p><a href="/b/3">另一篇</a></p> ×3              a run of the site's own links: dropped
    <hr><p>— 某某</p><p><a>Twitter</a></p>          a footer after the last rule: dropped

:func:`cut_cards` reads runs of linked lines (:func:`~newsparse.body.leftovers.clean_leftovers`
calls it last); :func:`cut_rule_footer` is one of the cleaners of
:mod:`~newsparse.body.cleaners`, which also reads :func:`is_headline`.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import attrgetter
from typing import Final

from newsparse.body.blockfacts import MARKED_AFTER_RULE, MARKED_INTERNAL, Survey
from newsparse.body.captions import _FORWARD
from newsparse.body.structure import _FOOTNOTE_MARK
from newsparse.body.walker import Block

_COLUMN_CARD: Final = re.compile(r"^(?:[^|｜\s—–-][^|｜]{0,9}\s*[|｜]\s*\S|【[^】]{1,10}】\s*\S)")
"""``栏目 | 标题`` or ``【栏目】标题`` (a line opening with a dash cites a source instead)."""
CARD_LINE_MAX: Final = 80
"""Longest linked line read as a card (non-space characters)."""
HEADLINE_MAX: Final = 60
"""Longest unlinked line read as a headline after a related-reading label."""
_HEADLINE_END: Final = re.compile(r"[。.；;：:，,]$")


def _linked(block: Block) -> bool:
    """All link text, and every link to the article's own site (a card of another of its
    posts; a list of outside sources is the article's apparatus)."""
    return (
        block.anchors > 0
        and block.internal == block.anchors
        and block.size > 0
        and block.links * 10 >= block.size * 9
    )


def _card_line(block: Block) -> bool:
    return (
        _linked(block)
        and block.size <= CARD_LINE_MAX
        and "\n" not in block.text
        and not _FOOTNOTE_MARK.match(block.text)
    )


def is_headline(block: Block) -> bool:
    """A short one-line block that ends like a headline, not like a sentence."""
    return (
        0 < block.size <= HEADLINE_MAX
        and "\n" not in block.text
        and not _HEADLINE_END.search(block.text)
    )


def cut_cards(blocks: list[Block], survey: Survey | None = None) -> list[Block]:
    """Drop related-post and navigation cards wherever they are (see the module); a run
    the text announces with a colon, or one that is most of the body, stays (a ``survey``
    of the blocks or of a list they open, if any, marks those with an internal link)."""
    n = len(blocks)
    doomed: set[int] = set()
    total = -1  # the body's size, summed when first needed
    # A card line links within the site: most blocks hold no such link (kept unasked).
    known = survey.known(blocks) if survey is not None else None
    if known is not None:
        linked = [m.start() for m in MARKED_INTERNAL.finditer(known.marks)]
    else:
        linked = list(compress(range(n), map(_INTERNAL, blocks)))
    at = 0
    while at < len(linked):
        i = linked[at]
        at += 1
        if not _card_line(blocks[i]):
            continue
        j = i + 1
        while j < n and blocks[j].anchors and _card_line(blocks[j]):
            j += 1
        while at < len(linked) and linked[at] < j:
            at += 1
        run = j - i
        if run >= 3 and total < 0:
            total = sum(b.size for b in blocks)
        edge = i == 0 or j == n
        # A list the text introduces ("…在下面看到：") is the author's reading list.
        announced = i > 0 and _FORWARD.search(blocks[i - 1].text) is not None
        # Three lines or more, most of the body and not all column cards: the post is
        # the list (a roundup of the blog's own posts).
        roundup = (
            run >= 3
            and sum(b.size for b in blocks[i:j]) * 2 >= total
            and not all(_COLUMN_CARD.match(b.text) for b in blocks[i:j])
        )
        if not (announced or roundup):
            cards = run >= 3 or (run >= 2 and edge)
            doomed.update(
                k for k in range(i, j) if cards or _COLUMN_CARD.match(blocks[k].text) is not None
            )
    if not doomed:
        return blocks
    return [b for k, b in enumerate(blocks) if k not in doomed]


_AFTER_RULE: Final = attrgetter("after_rule")
_INTERNAL: Final = attrgetter("internal")
"""How many links of a block point within the site: a card line's are all its links."""


RULE_FOOTER_LINE_MAX: Final = 40
"""Longest line of a footer section after the last ``<hr>`` (non-space characters)."""


def cut_rule_footer(blocks: list[Block], survey: Survey | None = None) -> list[Block]:
    """A closing section after the last ``<hr>`` made of short lines, at least half of
    them links (an author's standing sign-off and social links), but no footnotes (a
    ``survey`` of the blocks, if any, marks those after an ``<hr>``)."""
    if survey is not None:
        marks = survey.of(blocks).marks
        if MARKED_AFTER_RULE.search(marks) is None:
            return blocks  # no <hr> (most bodies)
    starts = list(compress(range(len(blocks)), map(_AFTER_RULE, blocks)))
    if not starts or starts[-1] == 0:
        return blocks
    tail = blocks[starts[-1] :]
    if any(b.size > RULE_FOOTER_LINE_MAX or _FOOTNOTE_MARK.match(b.text) for b in tail):
        return blocks
    linked = sum(1 for b in tail if b.anchors and b.links * 10 >= b.size * 8)
    if linked * 2 < len(tail):
        return blocks
    return blocks[: starts[-1]]
