"""A video page's description without the channel's standing boilerplate.

::

    <p>What this episode is about, in a sentence or two.      kept
    ————————                                                   a rule: sections start
    订阅频道 https://www.youtube.com/c/x                      a call to subscribe: dropped
    商务合作：name@example.com                                a contact: dropped
    #新闻 #访谈</p>                                            a hashtag line: dropped

:func:`clean_description` keeps the sections and sentences that are text; the promotional
words and the drawn rules (:data:`_PROMO_WORDS`, :data:`_RULE_RUN`) also serve the
promotional-tail cleaner (:mod:`~newsparse.body.cleaners`).
"""

from __future__ import annotations

import re
from typing import Final

from newsparse import _accel
from newsparse._text import _ODD_CASE, Caseless, normalize_block
from newsparse.body._tree import _CJK_STOP, _HASHTAG_CHAR, _KEY_CHAR, HASHTAG, _nonspace

_RULE_MARKS: Final = "－=＝*＊—─━_~～"
_RULE_RUN: Final = re.compile(
    rf"[{_RULE_MARKS}-](?:(?<=[{_RULE_MARKS}])(?:\s*[{_RULE_MARKS}]){{2,}}\s*|(?<=-)-{{4,}})"
)
r"""A rule drawn in text: three or more rule marks (spaces between allowed) or five hyphens.
Same matches as ``(?:[marks]\s*){3,}|-{5,}``, written to open with one character class,
which lets the regex engine skip ahead to candidates (about six times faster)."""


def rule_start_py(text: str, pos: int) -> int:
    """Where the first :data:`_RULE_RUN` match at or after ``pos`` starts, or -1 (the
    reference of the compiled ``rule_start``)."""
    m = _RULE_RUN.search(text, pos)
    return -1 if m is None else m.start()


def find_rule(text: str, pos: int) -> re.Match[str] | None:
    """``_RULE_RUN.search(text, pos)``; the compiled accelerator finds where the match
    starts (reading each character once, in a table, about six times faster than the
    regex engine tries the pattern's first character class), the regex reads it there."""
    compiled = _accel.CTREE
    if compiled is None:
        return _RULE_RUN.search(text, pos)
    at = compiled.rule_start(text, pos)
    return None if at < 0 else _RULE_RUN.match(text, at)


_PROMO_WORD_LIST: Final = (
    "订阅", "訂閱", "subscribe", "paypal", "patreon", "微信搜索", "微信公众号", "公众号", "公眾號",
    "下载", "下載", "app store", "google play", "翻墙", "翻牆", "psiphon", "newsletter", "赞助",
    "贊助", "打赏", "打賞", "捐款", "捐助", "会员", "會員", "加入", "頻道", "频道", "telegram",
    "twitter", "facebook", "instagram", "youtube", "播客", "podcast",
)  # fmt: skip
"""The promotional words, lower-cased: each is ASCII or has no ASCII character."""
_PROMO_WORDS: Final = Caseless.compile("|".join(_PROMO_WORD_LIST) + r"|#\w")
"""A promotional word (case-insensitive), or a hashtag."""
_PROMO_NEEDLES: Final = "".join(word + "\0" for word in _PROMO_WORD_LIST)
"""The promotional words as the compiled accelerator reads them (``has_words``: each
followed by U+0000)."""
_ASCII_PROMO: Final = tuple(w for w in _PROMO_WORD_LIST if w.isascii())
_OTHER_PROMO: Final = re.compile("|".join(w for w in _PROMO_WORD_LIST if not w.isascii()))
_WORD_CHAR: Final = re.compile(r"\w")
LONG_HAYSTACK: Final = 2000
"""From this length on, :func:`has_promo_word` looks the words up one by one."""


def has_odd_case(text: str) -> bool:
    """``_ODD_CASE.search(text) is not None``: four ``in`` scans, each several times faster
    than the regex engine's character class."""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text


def has_promo_word(text: str) -> bool:
    """``_PROMO_WORDS.search(text)``, faster on a long text.

    Without an :data:`~newsparse._text._ODD_CASE` character, the pattern matches where its
    lower-cased twin matches the lower-cased text (:class:`~newsparse._text.Caseless`). There
    a character lower-cases to an ASCII letter, a space or ``#`` only if it is that
    character or its upper case, and to a word of Han characters only if it is that word:
    so an ASCII word is in the text when it is in the text lower-cased (looked up with
    ``in``, faster than the regex), another word when it is in the text itself, and a
    hashtag when a ``#`` is followed by a character that is a word character once
    lower-cased. The compiled accelerator reads the text once instead (``has_words``:
    the same words, an ASCII letter equal to what equals it ignoring case).
    """
    compiled = _accel.CTREE
    if compiled is not None:
        return compiled.has_words(text, _PROMO_NEEDLES, True)
    if len(text) < LONG_HAYSTACK or has_odd_case(text):
        return _PROMO_WORDS.search(text)
    if _OTHER_PROMO.search(text):
        return True
    lowered = text.lower()  # as long as the text: it holds no İ
    if any(word in lowered for word in _ASCII_PROMO):
        return True
    at = text.find("#")
    while at >= 0:
        if _WORD_CHAR.match(text[at + 1 : at + 2].lower()):
            return True
        at = text.find("#", at + 1)
    return False


_SENTENCE_STOPS: Final = "。！？!?.…"
"""What closes a sentence: every cut of :data:`_SENTENCE_END` but a bullet's follows one."""
_BULLETS: Final = "►▶●⚫✪💎♥☞👉📌🔔✅⭐★■◆•❤💗💖🔥📢📣✨【"
"""What opens a bullet (or a 【heading】): :data:`_SENTENCE_END` cuts before it."""
_SENTENCE_END: Final = re.compile(
    r"(?<=[。！？])(?![」』”’）)》〉!?！？])|(?<=[!?])(?![!?])|(?<=\.\.\.)(?!\.)|(?<=…)(?!…)|"
    rf"(?<=[a-z)][.!?])(?=\s+[A-Z])|(?=[{_BULLETS}])"
)
"""Where a description is cut into sentences (every match is empty: a cut between two
characters). A cut follows one of :data:`_SENTENCE_STOPS` or precedes one of
:data:`_BULLETS`, which :data:`_SENTENCE_CUE` finds (:func:`_split_sentences`)."""
_SENTENCE_CUE: Final = re.compile(f"[{_SENTENCE_STOPS}{_BULLETS}]")
_URL_IN_TEXT: Final = re.compile(
    r"https?://[\x21-\x7e]*[\x21\x22\x24-\x7e]|www\.[\x21-\x7e]*[\x21\x22\x24-\x7e]"
)
_URL_DATE_TAIL: Final = re.compile(r"\d{1,4}$")


def _each(words: str, then: str) -> str:
    """``(?:words)then`` written as one alternative per word, each opening with a literal."""
    return "|".join(word + then for word in words.split("|"))


def _alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regex (``a|b(?:c|d)|[|]`` gives three)."""
    found: list[str] = []
    depth = start = 0
    i = 0
    in_class = False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source[i + 1 : i + 2] == "]":  # "[]…]": the first ] is a member
                i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            found.append(source[start:i])
            start = i + 1
        i += 1
    found.append(source[start:])
    return found


def _by_first_character(source: str) -> str:
    """``source``, an alternation whose every alternative opens with a literal character,
    written with the alternatives that open with the same character under one group:
    ``ab|ac|d`` as ``a(?:b|c)|d(?:)``.

    Each place then tries one group per character rather than every alternative, and the
    same texts hold a match (not always the same match: only whether one is found may
    matter to the caller). The character is taken as it is written: a pattern compiled to
    ignore case may hold a group for ``S`` and another for ``s``.
    """
    groups: dict[str, list[str]] = {}
    for alternative in _alternatives(source):
        first, rest = alternative[:1], alternative[1:]
        if not first or first in "\\()[].^$*+?{}|" or rest[:1] in ("?", "*", "+", "{"):
            raise ValueError(f"an alternative must open with a literal character: {alternative!r}")
        groups.setdefault(first, []).append(rest)
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


_PROMO_SENTENCE_SOURCE: Final = "|".join((
    r"訂閱|订阅|subscri(?:be|ption)|會員(?!國)|会员(?!国)|贊助|赞助|paypal|patreon|打賞|打赏",
    r"捐款|捐助|斗内|抖內|super\s*chat|超級感謝|超级感谢",
    _each("商業|商业|商務|商务", "(?:合作|聯繫|联系|洽談|洽谈)"),
    r"合作(?:郵箱|邮箱|洽談|洽谈)|郵箱|邮箱|e-?mail\s*[:：]",
    r"微信(?:号|號|ID|id|客服|諮詢|咨询|联系|聯繫)|微信\s*[:：]|加微信|wechat",
    _each(
        "facebook|twitter|推特|instagram|telegram|電報|电报|discord|whatsapp|臉書|脸书|fb|ig|line|"
        "odysee|parler|gettr|fanpage",
        r"\s*(?:[:：@(（]|群|頻道|频道|粉專|粉专)",
    ),
    r"版權所有|版权所有|轉載|转载|搬運|搬运|reup|copyright|下載(?!量)|下载(?!量)",
    r"app\s*store|google\s*play|二維碼|二维码|掃碼|扫码|小鈴鐺|小铃铛",
    _each("請|请|歡迎|欢迎", "(?:關注|关注|追蹤|追踪)"),
    r"關注我|关注我|follow\s+(?:me|us|my)",
    r"加入(?:我的|頻道|频道|會員|会员|聊天|群)|聯繫我|联系我|歡迎分享|欢迎分享",
    _each("感謝|感谢|感恩|謝謝|谢谢|thank you for", ".{0,12}(?:支持|訂閱|订阅|觀看|观看|收看|support)"),
    r"music used|music by|背景音樂|背景音乐|b(?<!\wb)gm\b|支持(?:我|我們|我们|本|新)?.{0,6}(?:頻道|频道)",
    r"use (?:my )?code|promo code|%(?<=\d%) off|sponsor|affiliate|join me|support me|merch",
    r"我的(?:链接|鏈接|連結)",
    _each("注册|註冊", "(?:获得|獲得|送)"),
    r"返利",
    _each("邀请|邀請|优惠|優惠|折扣", "(?:码|碼)"),
    _each("請|请", "加入"),
))  # fmt: skip
r"""A promotional sentence: a call to subscribe, donate or follow, a contact, a sponsor.
Every alternative opens with a literal character, so that the regex engine skips ahead to
those characters: ``(?:a|b)c`` is written ``ac|bc``, ``\bBGM\b`` as ``b(?<!\wb)gm\b`` and
``\d+% off`` (only whether it is found matters) as ``%(?<=\d%) off``."""
_PROMO_SENTENCE: Final = Caseless.compile(_by_first_character(_PROMO_SENTENCE_SOURCE))
""":data:`_PROMO_SENTENCE_SOURCE`, its alternatives grouped by their first character
(:func:`_by_first_character`: about twice as fast, and only whether it is found matters)."""
_PROMO_HANDLE: Final = re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}|(?<![\w@])@[A-Za-z_]\w{2,}", re.I)
r"""An e-mail address or a social-media handle: promotional too. Apart from
:data:`_PROMO_SENTENCE` because it is tried only where there is an "@" (at every letter of
a long word, ``[\w.+-]+@`` would otherwise run to the word's end)."""
_PROMO_URL: Final = Caseless.compile(
    r"paypal|patreon|ko-fi|buymeacoffee|streamelements|t\.me/|telegram|discord|facebook\.com|fb\.com|"
    r"twitter\.com|x\.com/|instagram|weibo|line\.me|whatsapp|odysee|parler|gettr|/join\b|"
    r"youtube\.com/(?:channel|c|user)/|youtube\.com/@|amzn\.to|amazon\.|taobao|shopee"
)
_REFERENCE_LEAD: Final = re.compile(
    r"^\s*[-–—]?\s*(?:參考|参考|資料來源|资料来源|來源|来源|Source|References?)", re.I
)
_HASHTAG: Final = re.compile(HASHTAG)
_HASHTAG_TAIL_REVERSED: Final = re.compile(rf"(?:[\s,，、｜|]*{_HASHTAG_CHAR}+[#＃]\s*){{2,}}")
"""Two or more hashtags ending a text, matched on the text reversed (:func:`_hashtag_tail`)."""

_KEYWORD_SEP: Final = re.compile(r"[｜|,，]")


def _may_hold_url(text: str) -> bool:
    """False only for a text without a :data:`_URL_IN_TEXT` match: each holds ``://`` or
    ``www.``."""
    return "://" in text or "www." in text


MIN_DESCRIPTION: Final = 60
"""A video description section with this much real text is kept whatever else it holds."""


def _sentence_kind(sentence: str) -> str:
    """``"promo"``, ``"link"`` (a bare link behind a short label: dropped, but no
    evidence either way) or ``"text"``."""
    text = sentence.strip()
    if not _KEY_CHAR.search(text):
        return "link"
    # Each pattern is run only on a text holding what all its matches hold (most hold no
    # link and no hashtag).
    if _may_hold_url(text):
        urls = _URL_IN_TEXT.findall(text)
        bare = _URL_IN_TEXT.sub(" ", text)
    else:
        urls, bare = [], text
    hashtags = _HASHTAG.findall(bare) if "#" in bare or "＃" in bare else []
    if hashtags and len(_HASHTAG.sub("", bare).strip(" ｜|,，、:：")) <= 4 * len(hashtags):
        return "promo"
    if len(_KEYWORD_SEP.findall(text)) >= 8 and not _CJK_STOP.search(text):
        return "promo"
    if urls and any(_PROMO_URL.search(u) for u in urls):
        return "promo"
    if _is_promo_sentence(bare) or ("@" in bare and _PROMO_HANDLE.search(bare)):
        return "promo"
    label = bare.strip(" :：-–—()（）")
    if (
        urls
        and len(label) <= 20
        and not _CJK_STOP.search(label)
        and not _REFERENCE_LEAD.match(bare)
    ):
        return "link"
    return "text"


def _is_promo_sentence(text: str) -> bool:
    """``_PROMO_SENTENCE.search(text)`` (:meth:`~newsparse._text.Caseless.search`, its
    steps written out: this runs once a sentence)."""
    if text.isascii() or _ODD_CASE.search(text) is None:
        return _PROMO_SENTENCE.lowered.search(text.lower()) is not None
    return _PROMO_SENTENCE.pattern.search(text) is not None


def _split_sentences(text: str) -> list[str]:
    """``_SENTENCE_END.split(text)``, about four times faster.

    The split tries every alternative of :data:`_SENTENCE_END` at every position of the
    text; a cut can only be where :data:`_SENTENCE_CUE` finds a stop (the position after
    it) or a bullet (the position before it), so only those are tried. ``match`` at a
    position sees the characters before it, as the search does. Cuts come in order, the
    same position at most twice in a row (a bullet right after a stop): the split's pieces
    lie between consecutive distinct cuts, with an empty piece for a cut at either end.
    """
    pieces: list[str] = []
    last = 0
    stops = _SENTENCE_STOPS
    ends = _SENTENCE_END.match
    for cue in _SENTENCE_CUE.finditer(text):
        at = cue.end() if cue.group() in stops else cue.start()
        if (at != last or at == 0) and ends(text, at) is not None:
            pieces.append(text[last:at])
            last = at
    pieces.append(text[last:])
    return pieces


def _sentences(text: str) -> list[tuple[str, str]]:
    """Cut a description into ``(sentence, kind)``: sentences, bullets and links (a link
    ends its piece; a short remainder after a promotional link is promotional too)."""
    out: list[tuple[str, str]] = []
    for part in _split_sentences(text):
        pieces: list[str] = []
        last = 0
        for m in _URL_IN_TEXT.finditer(part) if _may_hold_url(part) else ():
            end = m.end()
            # A URL swallows the digits of a date glued after it ("…/laoyang2月20日").
            digits = _URL_DATE_TAIL.search(m.group())
            if digits and end < len(part) and part[end] in "年月日号號時时點点.":
                end -= len(digits.group())
            pieces.append(part[last:end])
            last = end
        pieces.append(part[last:])
        previous = "text"
        for piece in pieces:
            tail = _hashtag_tail(piece) if "#" in piece else None
            split = [piece[:tail], piece[tail:]] if tail else [piece]
            for chunk in split:
                if not chunk:
                    continue
                kind = _sentence_kind(chunk)
                if kind == "text" and previous != "text" and _nonspace(chunk) <= 15:
                    kind = previous
                # A bare link opening its sentence says nothing about what follows it.
                labelled = bool(
                    (_URL_IN_TEXT.sub("", chunk) if _may_hold_url(chunk) else chunk).strip()
                )
                previous = kind if labelled else "text"
                out.append((chunk, kind))
    return out


def _hashtag_tail(text: str) -> int | None:
    r"""Where the hashtags ending ``text`` start (two at least, ``#端傳媒 #香港``), or None.

    The leftmost match of ``(?:\s*#TAG[\s,，、｜|]*){2,}$``. Matched forwards, that pattern
    backtracks exponentially over hashtags followed by other text (a space between two
    hashtags belongs to either); anchored at the start of the reversed text it never has
    to backtrack across hashtags, and it finds the same start.
    """
    if text.count("#") < 2:
        return None
    m = _HASHTAG_TAIL_REVERSED.match(text[::-1])
    return None if m is None else len(text) - m.end()


def _weight(sentence: str) -> int:
    if not _KEY_CHAR.search(sentence):
        return 0
    return _nonspace(_URL_IN_TEXT.sub("", sentence) if _may_hold_url(sentence) else sentence)


def _mostly_content(sentences: list[tuple[str, str]]) -> bool:
    """Whether a section's sentences (:func:`_sentences`) are more text than promotion."""
    promo = content = 0
    for sentence, kind in sentences:
        if kind == "promo":
            promo += _weight(sentence)
        elif kind == "text":
            content += _weight(sentence)
            if content >= MIN_DESCRIPTION:
                return True  # whatever follows: content only grows
    return content > promo


def clean_description(text: str) -> str:
    """A video description without its channel boilerplate.

    Sections between rules (``－－－``, ``=====``) that are mostly calls to subscribe,
    donate or follow are skipped until one with real text; after it, the rest goes at the
    next rule if it is promotional; then every sentence that promotes (sponsors, contacts,
    social links, hashtag lines, copyright notices) is dropped.
    """
    sections: list[str] = []
    last = 0
    for m in _RULE_RUN.finditer(text):
        sections.append(text[last : m.start()])
        last = m.end()
    sections.append(text[last:])
    kept: list[str] = []
    # The sentences of the first section kept: when it is the only one (the common case),
    # they are those of the text kept, which is not cut again.
    first: list[tuple[str, str]] = []
    for index, section in enumerate(sections):
        if not kept:
            first = _sentences(section)
            if _mostly_content(first):
                kept.append(section)
            continue
        if has_promo_word(" ".join(sections[index:])):
            break
        kept.append(section)
    cut = first if len(kept) == 1 else _sentences(" ".join(kept))
    return normalize_block("".join(s for s, kind in cut if kind == "text"))
