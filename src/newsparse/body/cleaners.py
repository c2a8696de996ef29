"""The cleaning passes over the walked blocks, in order.

::

    <p>2019年12月17日</p>                       a date line: removed, kept as date evidence
    <p>The Article Title</p>                    repeats the title: removed
    <p>Continue reading on Medium »</p>         a feed footer: removed
    <p>———</p><p>订阅我们的频道</p>              a promotional tail after a rule: cut
    <p>相关阅读：</p><p><a href="/b">另一篇</a></p>   a related-reading label and its links
    <p>歡迎加入FB聽友小組 <a>…</a> <a>…</a></p>   a standing subscribe/listen footer
    <p>#端傳媒 #香港</p>                        hashtag lines at the end
    <h3>Share this</h3>                         a heading with nothing after it

and after :data:`CLEANERS`, the leftovers of :mod:`~newsparse.body.leftovers`:

    <p><small>© 2021 某某网 版权所有</small></p>      small print: removed anywhere
    <p>Post tags: <a>选举</a>, <a>香港</a></p>      a tag line: removed, its tags kept
    <p>编辑 | 某某</p>  <p>译者/某某</p>             credit lines at either edge: removed, noted
    <p>null</p>  <p>阅读原文</p>  <p>#甲 #乙</p>     leftover lines: removed anywhere
    <p><a href="/b/2">评论 | 另一篇</a></p>          a card of another post of the site

:func:`clean_blocks` takes out date lines, title repeats and feed footers (and on a video
page cleans the description, :mod:`~newsparse.body.description`), then applies
:data:`CLEANERS`; :func:`_move_title_image_line` makes a closing "题图…" line the head
picture's caption.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable
from itertools import accumulate
from typing import Final

import attrs

from newsparse._text import _ODD_CASE, Caseless
from newsparse.body._tree import _KEY_CHAR, _SAME_KEY, HASHTAG, _key, _nonspace
from newsparse.body.blockfacts import (
    DATE,
    FEED,
    FEED_END,
    FEED_PHRASE,
    FEED_PHRASE_START,
    NO_KEY,
    Survey,
    block_facts,
    first_keys,
    heads,
)
from newsparse.body.captions import split_credit
from newsparse.body.cards import cut_rule_footer, is_headline
from newsparse.body.description import clean_description, find_rule, has_promo_word
from newsparse.body.leftovers import Cleaned, take_leftovers
from newsparse.body.openers import openers, opening
from newsparse.body.structure import _FOOTNOTE_MARK, _RELATED_LABEL, _RELATED_WORDS
from newsparse.body.walker import Block
from newsparse.dates import parse_date_line
from newsparse.model import Image


def _cut_promo_tail(blocks: list[Block], survey: Survey | None = None) -> list[Block]:
    """Cut a trailing promotional section that starts at a rule (``———``, ``=====``).

    The first rule whose rest (the text after it in its block, then every later block
    joined by spaces) holds a promotional word starts the section. The rest is never
    built: a promotional word after a block's start is looked up once in the joined text
    (:class:`_PromoAfter`), so many rules cost no more than one. Blocks that a ``survey``
    finds no rule in (most) are given back unread.
    """
    if survey is not None and not survey.of(blocks).ruled:
        return blocks
    texts = [b.text for b in blocks]
    # The texts are searched joined: a rule cannot run across NUL, which is neither a mark
    # nor a space, and a match depends on no character outside it, so the first match from
    # a block's start is the block's own first rule if it starts inside the block.
    joined = "\0".join(texts)
    m = find_rule(joined, 0)
    if m is None:
        return blocks
    promo_after = _PromoAfter(texts)
    starts = promo_after.starts  # the same offsets in the text joined by NUL
    i = 0
    while m is not None:
        # Only a block's first rule can start the section: the rest after any later rule
        # of the block is a suffix of the rest after the first, so it holds a promotional
        # word only if that one does. (Checking each rule made a block of many rules cost
        # quadratic time.)
        i = bisect.bisect_right(starts, m.start(), i) - 1
        text, offset = texts[i], starts[i]
        if promo_after.in_rest(i, text[m.end() - offset :]):
            head = text[: m.start() - offset].strip()
            if head:
                return [*blocks[:i], attrs.evolve(blocks[i], text=head, size=_nonspace(head))]
            return blocks[:i]
        m = find_rule(joined, starts[i + 1])
    return blocks


_PROMO_WORD_MAX: Final = 16
"""Longer than any match of :data:`_PROMO_WORDS` (its longest word has 11 characters)."""


_ONE_MORE: Final = (1).__add__


class _PromoAfter:
    """Whether ``tail + " ".join(texts[i + 1:])`` holds a :data:`_PROMO_WORDS` match.

    The pattern has no anchors and no look-behind, so a match depends only on the
    characters it covers: one starting in ``tail`` is found in ``tail`` and the first few
    characters after it, and one starting later is found in the joined text. Questions come
    in document order and the first yes ends them, so a search that finds nothing from
    some block on answers every later question: the joined text is scanned at most once.
    """

    def __init__(self, texts: list[str]) -> None:
        self._joined = " ".join(texts)
        self.starts: list[int] = list(accumulate(map(_ONE_MORE, map(len, texts)), initial=0))
        """Where ``" ".join(texts[i:])`` starts inside the joined text (and, past its end,
        where it would start after the last text)."""
        self._none_from = len(self._joined) + 1

    def in_rest(self, index: int, tail: str) -> bool:
        """Whether ``tail`` followed directly by the blocks after ``index`` holds a match."""
        start = self.starts[index + 1]
        following = self._joined[start : start + _PROMO_WORD_MAX]
        if has_promo_word(tail + following):
            return True
        if start >= self._none_from:
            return False
        if has_promo_word(self._joined[start:]):
            return True
        self._none_from = start
        return False


_RELATED_PREFIX_WORDS: Final = (
    "相关阅读", "相關閱讀", "相关文章", "相關文章", "相关报道", "相關報導", "延伸阅读", "延伸閱讀",
    "衍生阅读", "衍生閱讀", "推荐阅读", "推薦閱讀", "扩展阅读", "擴展閱讀", "更多阅读", "更多閱讀",
    "Related", "Read more", "See also", "Further reading",
)  # fmt: skip
_RELATED_PREFIX: Final = re.compile(
    rf"^\s*(?:{'|'.join(_RELATED_PREFIX_WORDS)})\s*[:：]\s*", re.IGNORECASE
)
_RELATED_OPENERS: Final = openers(word[0] for word in (*_RELATED_WORDS, *_RELATED_PREFIX_WORDS))
"""What opens a :data:`_RELATED_LABEL` or :data:`_RELATED_PREFIX` match after no space."""


_RELATED_LEAD: Final = re.compile(
    "|".join(["\\s", *(re.escape(word[0]) for word in (*_RELATED_WORDS, *_RELATED_PREFIX_WORDS))]),
    re.IGNORECASE,
)
"""A first character that may open a related-reading label (:data:`_RELATED_LABEL`,
:data:`_RELATED_PREFIX`): white space, or one equal ignoring case (as those patterns
compare) to the first character of one of their words."""


def _related_heads(blocks: list[Block], survey: Survey | None) -> list[int] | None:
    """The blocks whose text a related-reading label may open, from the blocks' first
    characters read at once by the compiled accelerator (in the ``survey``, if any;
    ``None`` on the pure-Python path: every block is asked)."""
    firsts = survey.of(blocks).heads if survey is not None else heads([b.text for b in blocks])
    if firsts is None:
        return None
    return [m.start() for m in _RELATED_LEAD.finditer(firsts)]


def _cut_related_lists(blocks: list[Block], survey: Survey | None = None) -> list[Block]:
    """Drop a "相关阅读：" label with the links after it, or "延伸阅读：<link>" lines; a
    label followed by nothing but headline lines (their links lost) ends the text."""
    out: list[Block] = []
    dropping = False
    candidates = _related_heads(blocks, survey)
    if not candidates and candidates is not None:
        return blocks  # no label opens any block
    following = iter(candidates if candidates is not None else ())
    next_candidate = -1
    index, count = 0, len(blocks)
    while index < count:
        block = blocks[index]
        if dropping:
            if (
                block.size
                and block.links * 10 >= block.size * 6
                and not _FOOTNOTE_MARK.match(block.text)
            ):
                index += 1
                continue
            dropping = False
        if candidates is None:
            if opening(block.text) not in _RELATED_OPENERS:
                out.append(block)  # most blocks: no label can open them
                index += 1
                continue
        else:
            while next_candidate < index:
                next_candidate = next(following, count)
            if next_candidate > index:
                # No label opens this block nor any before the next candidate: kept.
                out.extend(blocks[index:next_candidate])
                index = next_candidate
                continue
        if _RELATED_LABEL.match(block.text):
            if index + 1 < count and all(is_headline(b) for b in blocks[index + 1 :]):
                return out
            dropping = True
            index += 1
            continue
        m = _RELATED_PREFIX.match(block.text)
        if m and block.anchors and block.links * 10 >= (block.size - _nonspace(m.group())) * 8:
            dropping = True
            index += 1
            continue
        out.append(block)
        index += 1
    return out


_FOOTER_PROMO: Final = Caseless.compile(
    r"歡迎加入|欢迎加入|歡迎訂閱|欢迎订阅|收聽|收听|訂閱|订阅|關注我們|关注我们|追蹤我們|追踪我们|"
    r"subscribe|follow us|聽友|听友|粉絲團|粉丝团|粉絲專頁|粉丝专页|f(?<!\wf)b\b|facebook|instagram|"
    r"telegram|twitter|podcast|播客|重聽|重听|線上收|线上收|網路收|网络收|找到我|find me|"
    r"了解更多|了解詳情|了解详情|閱讀更多|阅读更多|learn more|read more"
)
r"""A call to listen, join or follow (case-insensitive). Every alternative opens with a
literal character, which the regex engine skips ahead to: ``\bFB\b`` is written
``f(?<!\wf)b\b``, the same matches."""


def _footer_calls(text: str) -> list[str]:
    """The calls of :data:`_FOOTER_PROMO` in ``text`` lower-cased, as ``findall`` gives them.

    Lower-casing twice gives what lower-casing once gives, so the lower-cased text is its
    own haystack (:class:`~newsparse._text.Caseless`): the case-sensitive twin finds the
    same matches in it, unless it holds an odd character.
    """
    lowered = text.lower()
    found = _FOOTER_PROMO.pattern if _ODD_CASE.search(lowered) else _FOOTER_PROMO.lowered
    return found.findall(lowered)


def _cut_footer_promo(blocks: list[Block]) -> list[Block]:
    """Drop a standing promotional footer among the last blocks: several links and
    several calls to listen, join or follow (``歡迎加入FB聽友小組…``), or a call to
    subscribe followed by nothing but its link."""
    doomed_sources = set()
    count = len(blocks)
    for i in range(max(0, count - 6), count):
        block = blocks[i]
        # The cheap conditions first: the calls are counted only where they matter.
        if block.anchors >= 2 and i >= count - 3 and len(set(_footer_calls(block.text))) >= 2:
            doomed_sources.add(block.source)
            continue
        if (
            i + 1 < count
            and not block.anchors
            and block.text.rstrip().rstrip(")）").endswith((":", "："))
            and all(b.size and b.links * 10 >= b.size * 8 for b in blocks[i + 1 :])
            and _footer_calls(block.text)
        ):
            doomed_sources.update(b.source for b in blocks[i:])
            break
    if not doomed_sources:
        return blocks
    return [b for b in blocks if b.source not in doomed_sources]


_HASHTAG_LINE: Final = re.compile(rf"^{HASHTAG}(?:[\s,，、]*{HASHTAG})*\s*$")


def _cut_hashtag_tail(blocks: list[Block]) -> list[Block]:
    """Hashtag lines at the end (``#端傳媒 #香港``) are tags, not text."""
    end = len(blocks)
    # A hashtag opens with # or ＃: most last blocks are refused without the regex.
    while end > 1 and (text := blocks[end - 1].text).startswith(("#", "＃")):
        if not _HASHTAG_LINE.match(text):
            break
        end -= 1
    return blocks if end == len(blocks) else blocks[:end]


def _cut_trailing_headings(blocks: list[Block]) -> list[Block]:
    """A heading with nothing after it heads nothing: card titles, end markers."""
    end = len(blocks)
    while end > 1 and blocks[end - 1].kind == "h" and blocks[end - 1].size <= 30:
        end -= 1
    return blocks if end == len(blocks) else blocks[:end]


CLEANERS: Final[tuple[Callable[[list[Block]], list[Block]], ...]] = (
    cut_rule_footer,
    _cut_promo_tail,
    _cut_related_lists,
    _cut_footer_promo,
    _cut_hashtag_tail,
    _cut_trailing_headings,
)
"""Block-list cleaners applied in order after date lines and the title are taken out
(:func:`clean_blocks` calls them in this order, handing its survey to those that read
one)."""

# Block-level text that is never article text.
_FEED_FOOTER: Final = re.compile(
    rf"^(?:Continue reading on .{{0,80}}»|.{{0,{FEED_PHRASE_START}}}{FEED_PHRASE}.{{0,200}}"
    rf"{FEED_END}.{{0,200}})$",
    re.IGNORECASE | re.DOTALL,
)


def _is_title(text: str, key: str) -> bool:
    """``_key(text) == key``, deciding most texts by their first word character alone and a
    long text by its start.

    A text keeps its key characters (:data:`_SAME_KEY` removes the others, one by one) and
    lower-casing never shortens one, so a text with more key characters in its first
    :func:`_title_span` characters than ``key`` has characters has a longer key.
    """
    first = text[:1] if text[:1].isalnum() else (m.group() if (m := _KEY_CHAR.search(text)) else "")
    if not first:
        return not key
    # Lower-casing the first character does not depend on what follows it.
    if not key.startswith(first.lower()):
        return False
    span = _title_span(key)
    if len(text) > span and len(_SAME_KEY.sub("", text[:span])) > len(key):
        return False
    return _key(text) == key


def _title_span(key: str) -> int:
    """How much of a text :func:`_is_title` reads first: room for ``key`` and as much again."""
    return 2 * len(key) + 16


def _first_look(
    block: Block,
    title_key: str | None,
    video: bool,
    dates: list[dt.datetime],
    flags: int = DATE | FEED,
) -> Block | None:
    """``block`` as :func:`clean_blocks` keeps it (a video description cleaned), or
    ``None`` for a date line (its date added to ``dates``), a title repeat or a feed
    footer. A date line and a feed footer are looked for only if its ``flags``
    (:func:`~newsparse.body.blockfacts.block_facts`) allow them."""
    text = block.text
    if flags & DATE and (when := parse_date_line(text)) is not None:
        dates.append(when)
        return None
    # _is_title refuses most texts by their first character: asked here, without a call.
    if (
        title_key is not None
        and text
        and (not (first := text[:1]).isalnum() or title_key.startswith(first.lower()))
        and _is_title(text, title_key)
    ):
        return None
    if flags & FEED and _FEED_FOOTER.match(text):
        return None
    if video:
        text = clean_description(block.text)
        if text != block.text:
            if title_key is not None and _is_title(text, title_key):
                return None  # a description that was the title and channel boilerplate
            return attrs.evolve(block, text=text, size=_nonspace(text))
    return block


def _to_ask(
    blocks: list[Block], title_key: str | None, survey: Survey | None = None
) -> list[int] | None:
    """The blocks :func:`_first_look` may take out, by their facts
    (:func:`~newsparse.body.blockfacts.block_facts`, or the ``survey`` of ``blocks``): a
    possible date line or feed footer, or one whose first key character may open the
    title's key; ``None`` on the pure-Python path (every block is asked)."""
    facts = (
        (survey.flags, survey.keys) if survey is not None else block_facts([b.text for b in blocks])
    )
    if facts is None:
        return None
    flags, firsts = facts
    asked = [m.start() for m in _FLAGGED.finditer(flags)]
    if title_key is not None:
        # _is_title: a text's first key character, lower-cased, opens the key (a text
        # without one is the title when the key is empty).
        if not title_key:
            titled = _positions(firsts, NO_KEY)
        elif _CAPITAL_SIGMA not in firsts and len(lowered := firsts.lower()) == len(firsts):
            # Each character lower-cased to one, whatever stands next to it (NO_KEY to
            # itself, never the key's first): the texts whose first key character,
            # lower-cased, is the key's first one.
            titled = _positions(lowered, title_key[0])
        else:  # İ lower-cases to two characters, Σ to ς or σ by its neighbours
            # Each first character lower-cased on its own, as _is_title does.
            titled = [
                at
                for char in set(firsts)
                if char != NO_KEY and title_key.startswith(char.lower())
                for at in _positions(firsts, char)
            ]
        if titled:
            asked = sorted({*asked, *titled})
    return asked


_FLAGGED: Final = re.compile(rb"[^\0\x04]")
"""A flag of the first look set (:func:`~newsparse.body.blockfacts.block_facts`: a date
line or a feed footer; not :data:`~newsparse.body.blockfacts.RULE` alone)."""
_CAPITAL_SIGMA: Final = "\u03a3"
"""The one character ``str.lower`` lower-cases by its neighbours (to ``ς`` at a word's end)."""


def _positions(text: str, char: str) -> list[int]:
    """Where ``char`` stands in ``text``, in order."""
    found: list[int] = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


def clean_blocks(blocks: Iterable[Block], title: str | None, *, video: bool = False) -> Cleaned:
    """Remove date lines (returned as evidence), title repeats and feed footers, then the
    rules of :data:`CLEANERS`, then the leftovers of
    :func:`~newsparse.body.leftovers.clean_leftovers` (small print, credit lines, prompts,
    cards…); a video page's description loses its channel boilerplate."""
    blocks = list(blocks)
    dates: list[dt.datetime] = []
    title_key = _key(title) if title else None
    # The blocks' facts, read at once by the compiled accelerator and handed on.
    survey = Survey.read(blocks)
    asked = None if video else _to_ask(blocks, title_key, survey)
    out: list[Block] = []
    if asked is None:
        flags = survey.flags if survey is not None else None
        for i, block in enumerate(blocks):
            found = DATE | FEED if flags is None else flags[i]
            if (kept := _first_look(block, title_key, video, dates, found)) is not None:
                out.append(kept)
        if survey is not None:  # a video's descriptions are cleaned: read anew if so
            survey = survey.of(out)
    else:  # only the blocks it may take out are looked at
        start = 0
        gone: list[int] = []
        flags = survey.flags if survey is not None else None
        for i in asked:
            out.extend(blocks[start:i])
            found = DATE | FEED if flags is None else flags[i]
            if (kept := _first_look(blocks[i], title_key, video, dates, found)) is not None:
                out.append(kept)  # the block itself: only a video's is changed
            else:
                gone.append(i)
            start = i + 1
        out.extend(blocks[start:])
        if survey is not None:
            survey = survey.without(gone, out)
    out = cut_rule_footer(out, survey)
    out = _cut_promo_tail(out, survey)
    out = _cut_related_lists(out, survey)
    out = _cut_footer_promo(out)
    out = _cut_hashtag_tail(out)
    out = _cut_trailing_headings(out)
    out, tags, credited, removed, more_dates = take_leftovers(out, survey)
    # What the leftovers uncovered: a heading or a hashtag line that now ends the text.
    out = _cut_trailing_headings(_cut_hashtag_tail(out))
    return Cleaned(
        blocks=_with_key(out, survey),
        tags=tags,
        credited=credited,
        removed=removed,
        dates=(*dates, *more_dates) if dates else more_dates,
    )


def _with_key(blocks: list[Block], survey: Survey | None = None) -> list[Block]:
    """The blocks whose text holds a key character (``str.isalnum``): the others hold no
    text (the compiled accelerator reads every block's first key character at once, or
    the ``survey`` holds it)."""
    keys = survey.of(blocks).keys if survey is not None else first_keys([b.text for b in blocks])
    if keys is None:
        # [^\W_] is str.isalnum(): most texts open with such a character.
        return [b for b in blocks if b.text[:1].isalnum() or _KEY_CHAR.search(b.text)]
    if NO_KEY not in keys:
        return blocks
    return [b for b, key in zip(blocks, keys, strict=True) if key != NO_KEY]


_TITLE_IMAGE_LINE: Final = re.compile(r"^(?:题图|題圖|头图|頭圖)")


def _move_title_image_line(blocks: list[Block], images: list[Image]) -> list[Block]:
    """A closing "题图为…" line is the head picture's caption (燕京书评)."""
    if not blocks or not images or images[0].caption is not None:
        return blocks
    last = blocks[-1]
    if not _TITLE_IMAGE_LINE.match(last.text) or len(last.text) > 200:
        return blocks
    caption, credit = split_credit(last.text)
    images[0] = attrs.evolve(images[0], caption=caption, credit=credit or images[0].credit)
    return blocks[:-1]
