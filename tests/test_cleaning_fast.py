"""The shortcuts of block cleaning decide exactly as the plain rules they stand for.

Each fast path of :mod:`newsparse.body.cleaners`, :mod:`~newsparse.body.leftovers`,
:mod:`~newsparse.body.description` and :mod:`newsparse.byline` only skips work whose
result is already known; these properties compare it with the plain computation on text
built from the characters the rules read (and any others).
"""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsparse import byline
from newsparse._text import _ODD_CASE, Caseless
from newsparse.body import cards, cleaners, description, leftovers
from newsparse.body._tree import _key, _nonspace
from newsparse.body.cleaners import _is_title, _title_span
from newsparse.body.description import _BULLETS, _SENTENCE_END, _SENTENCE_STOPS, _split_sentences
from newsparse.body.openers import may_open, openers, opening
from newsparse.body.walker import Block

# Characters the sentence cuts read, letters of both cases, spaces, and anything else.
_SENTENCE_ALPHABET = st.sampled_from(
    [*_SENTENCE_STOPS, *_BULLETS, *"」』”’）)》〉", "a", "z", "A", "Q", ")", " ", "\n", "字"]
)
_SENTENCE_TEXT = st.lists(st.one_of(_SENTENCE_ALPHABET, st.characters()), max_size=40).map("".join)


@given(_SENTENCE_TEXT)
@example("")
@example("【a。【b")
@example("ok. Next... yes!? 【x】 ●y")
@settings(max_examples=600)
def test_sentence_split_is_the_regex_split(text: str) -> None:
    assert _split_sentences(text) == _SENTENCE_END.split(text)


_TITLE_ALPHABET = st.sampled_from([*"aAbB  _-,.!字文ΣσςİıſK\u0130\n", "1", "٣"])
_TITLE_TEXT = st.lists(st.one_of(_TITLE_ALPHABET, st.characters()), max_size=30).map("".join)


@given(_TITLE_TEXT, _TITLE_TEXT, st.integers(min_value=0, max_value=200))
@example("The Title", "The Title", 0)
@example("ΑΣ", "ΑΣ", 0)
@settings(max_examples=600)
def test_title_repeat_is_the_key_comparison(title: str, noise: str, repeat: int) -> None:
    key = _key(title)
    # The title itself, the title with more text (also longer than the span read first),
    # and unrelated text.
    for text in (title, title + noise, title + noise * repeat, noise, noise * repeat + title):
        assert _is_title(text, key) == (_key(text) == key)
    assert _title_span(key) > len(key)


# ---------------------------------------------------------------------------- openers


def _anchored_gates() -> list[tuple[re.Pattern[str], frozenset[str]]]:
    return [
        (leftovers._END_MARK, leftovers._END_OPENERS),
        (leftovers._HASHTAGS_ONLY, leftovers._END_OPENERS),
        (leftovers._READ_ORIGINAL, leftovers._READ_OPENERS),
        (leftovers._PROMPT, leftovers._PROMPT_OPENERS),
        (cleaners._RELATED_LABEL, cleaners._RELATED_OPENERS),
        (cleaners._RELATED_PREFIX, cleaners._RELATED_OPENERS),
    ]


@pytest.mark.parametrize("index", range(len(_anchored_gates())))
@given(data=st.data())
@settings(max_examples=300, deadline=None)
def test_a_text_that_matches_may_open_the_match(index: int, data: st.DataObject) -> None:
    pattern, chars = _anchored_gates()[index]
    text = data.draw(st.from_regex(pattern))
    # A match found, in any case the pattern allows: its first character is an opener.
    for variant in (text, text.upper(), text.lower(), text.swapcase()):
        if pattern.match(variant):
            assert may_open(variant, chars)


def test_an_opener_is_every_character_equal_to_one_ignoring_case() -> None:
    chars = frozenset().union(*(chars for _, chars in _anchored_gates()))
    equal = re.compile(f"[{re.escape(''.join(sorted(chars)))}]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        if equal.fullmatch(char):
            assert may_open(char, chars), hex(code)
    assert not may_open("x", chars) and not may_open("的", chars)
    assert may_open(" ", chars) and may_open("Ｔ", chars) and may_open("", chars)


def test_openers_refuse_a_cased_letter_outside_ascii() -> None:
    with pytest.raises(ValueError, match="ſ"):
        openers("ſ")
    assert openers("a完") == frozenset(["a", "A", "完", ""])
    assert opening("") == opening(" a") == opening("▶") == ""


# ---------------------------------------------------------------------------- credit lines

_CREDIT_ALPHABET = st.sampled_from(
    [
        *"：:／/丨|｜︱∣者记記bByY ()（）、,甲乙Ab.\n\t",
        "编辑",
        "作者",
        "By ",
        " by ",
        "Reporting by ",
    ]
)
_CREDIT_TEXT = st.lists(st.one_of(_CREDIT_ALPHABET, st.characters()), max_size=12).map("".join)


@given(st.one_of(_CREDIT_TEXT, st.from_regex(byline._CREDIT_LABEL)))
@settings(max_examples=500)
def test_a_line_without_the_credit_hint_is_no_credit_line(line: str) -> None:
    if byline._CREDIT_HINT.search(line) is None:
        assert byline._CREDIT_LABEL.search(line) is None
        assert byline._ENGLISH.match(line) is None
        assert byline._REPORTER.match(line) is None


@given(st.from_regex(leftovers._SIGN_OFF))
@settings(max_examples=300)
def test_a_sign_off_closes_with_its_bracket(line: str) -> None:
    if leftovers._SIGN_OFF.match(line):
        assert line.rstrip().endswith((")", "）"))


@given(st.from_regex(leftovers._LITERAL))
def test_a_template_literal_is_short(text: str) -> None:
    if leftovers._LITERAL.match(text.strip()):
        assert leftovers.is_template_literal(text)


def _credit_labels_reference(line: str) -> list[str] | None:
    """byline._credit_labels as first written: the label pattern searched through the line."""
    matches = list(byline._CREDIT_LABEL.finditer(line))
    if not matches or not byline._BETWEEN.match(line[: matches[0].start()]):
        return None
    for m, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following is not None else len(line)
        names = line[m.end() : end].strip(" \u3000；;，,|｜丨（(【[）)】]")
        if not names or len(names) > byline.MAX_CREDIT_NAMES or byline._SENTENCE.search(names):
            return None
        if not any(ch.isalpha() for ch in names):
            return None
    return [m["label"] for m in matches]


# Labels (as written, in other cases, and as parts of longer words), separators, what may
# stand between clauses and before the first, names and prose.
_LABEL_PIECES = st.sampled_from([
    *byline._ANY_LABEL.split("|"), "EDITOR", "source", "ſource", "By", "by", "BY", "Photos",
    *"：:／/丨|｜︱∣", " ", "\u3000", "\t", *"；;，,（(【[）)】]", "甲某", "Ann Lee", "。", ". ", "!",
    "a", "字", "1",
])  # fmt: skip


@given(
    st.one_of(
        st.lists(st.one_of(_LABEL_PIECES, st.characters()), max_size=10).map("".join),
        st.from_regex(byline._CREDIT_LABEL),
    )
)
@example("  （编辑：甲某；来源：乙报）")
@example("x 编辑：甲某")
@example("；photo: Ann")
@settings(max_examples=1500)
def test_credit_labels_are_those_of_a_search(line: str) -> None:
    # The first label is looked for only where the marks before it end.
    assert byline._credit_labels(line) == _credit_labels_reference(line)


def _take_credit_lines_reference(
    blocks: list[Block],
) -> tuple[list[Block], list[leftovers.Credit]]:
    """take_credit_lines as it was: every line of an edge block read."""
    taken: list[leftovers.Credit] = []
    out: list[Block | None] = list(blocks)
    n = len(blocks)
    for i in [*range(min(leftovers.EDGE, n)), *range(max(leftovers.EDGE, n - leftovers.EDGE), n)]:
        block = blocks[i]
        if len(block.text) > 4 * leftovers.MAX_CREDIT_BLOCK:
            continue
        lines = block.text.split("\n")
        credits = [leftovers._credit(line.strip()) for line in lines]
        first, last = 0, len(lines)
        if i < leftovers.EDGE:
            while first < last and credits[first] is not None:
                first += 1
        if i >= n - leftovers.EDGE:
            while last > first and credits[last - 1] is not None:
                last -= 1
        if first == 0 and last == len(lines):
            continue
        taken.extend(c for c in credits[:first] + credits[last:] if c is not None)
        out[i] = leftovers.split_lines(block, lines[first:last])
    return [b for b in out if b is not None], taken


_LINES = st.sampled_from([
    "编辑 | 甲某", "译者/乙某", "来源：某报", "雨涵/洪沙（德新社、法新社）", "记者：丙某", "By Ann Lee",
    "Edited by Bo Li", "正文的一句话。", "A sentence of the text.", "", "  ",
])  # fmt: skip


@given(st.lists(st.lists(_LINES, min_size=1, max_size=4).map("\n".join), max_size=8))
@settings(max_examples=300)
def test_credit_lines_read_from_the_edges_inward(texts: list[str]) -> None:
    blocks = [Block(text=t, source=i, kind="p", size=len(t), links=0, anchors=0)
              for i, t in enumerate(texts)]  # fmt: skip
    assert leftovers.take_credit_lines(blocks) == _take_credit_lines_reference(blocks)


# ---------------------------------------------------------------------------- promotional words


def test_only_odd_characters_lower_case_into_the_promotional_alphabet() -> None:
    # has_promo_word reads ASCII words in the UTF-8 bytes and Han words in the text itself.
    han = {c for word in description._PROMO_WORD_LIST for c in word if not c.isascii()}
    for code in range(0x110000):
        char = chr(code)
        lowered = char.lower()
        if char.isascii() or lowered == char or _ODD_CASE.match(char):
            continue
        assert not any(c.isascii() or c in han for c in lowered), hex(code)


_PROMO_PIECES = st.sampled_from([
    *description._PROMO_WORD_LIST, "SubScribe", "APP STORE", "Google Play", "#", "#a", "#İ", "＃b",
    "İ", "ı", "ſ", "K", "x", " ", "字", "\ud800", "ÀÉ",
])  # fmt: skip


@given(st.lists(st.one_of(_PROMO_PIECES, st.characters()), max_size=20), st.integers(0, 3))
@settings(max_examples=400)
def test_promotional_words_found_as_the_pattern_finds_them(pieces: list[str], at: int) -> None:
    # Padded past LONG_HAYSTACK so that the words are looked up one by one.
    padding = "不是广告的文字 plain words. " * (description.LONG_HAYSTACK // 10)
    for text in ("".join(pieces), padding[: at * 700] + "".join(pieces) + padding):
        assert description.has_promo_word(text) == description._PROMO_WORDS.search(text)


def _cut_promo_tail_reference(blocks: list[Block]) -> list[Block]:
    """The promotional tail as the docstring defines it, every rest built and searched."""
    texts = [b.text for b in blocks]
    for i, block in enumerate(blocks):
        m = description._RULE_RUN.search(block.text)
        rest = block.text[m.end() :] + " ".join(texts[i + 1 :]) if m else ""
        if m and description._PROMO_WORDS.search(rest):
            head = block.text[: m.start()].strip()
            if head:
                return [*blocks[:i], attrs.evolve(block, text=head, size=_nonspace(head))]
            return blocks[:i]
    return blocks


_PROMO_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            ["———", "- - -", "-----", "===", "—", "__", " ", "\n", "订阅", "Twitter", "#a"]
        ),
        st.sampled_from(["正文", "text", "a", "字"]),
        st.characters(),
    ),
    max_size=8,
).map("".join)


@given(st.lists(_PROMO_TEXT, max_size=8))
@settings(max_examples=400)
def test_promotional_tail_cut_as_defined(texts: list[str]) -> None:
    blocks = [Block(text=t, source=i, kind="p", size=_nonspace(t), links=0, anchors=0)
              for i, t in enumerate(texts)]  # fmt: skip
    assert cleaners._cut_promo_tail(blocks) == _cut_promo_tail_reference(blocks)


_PROMO_SENTENCE_AS_WRITTEN = Caseless.compile(
    r"訂閱|订阅|subscri(?:be|ption)|會員(?!國)|会员(?!国)|贊助|赞助|paypal|patreon|打賞|打赏|"
    r"捐款|捐助|斗内|抖內|super\s*chat|超級感謝|超级感谢|"
    r"(?:商業|商业|商務|商务)(?:合作|聯繫|联系|洽談|洽谈)|合作(?:郵箱|邮箱|洽談|洽谈)|"
    r"郵箱|邮箱|e-?mail\s*[:：]|"
    r"微信(?:号|號|ID|id|客服|諮詢|咨询|联系|聯繫)|微信\s*[:：]|加微信|wechat|"
    r"(?:facebook|twitter|推特|instagram|telegram|電報|电报|discord|whatsapp|臉書|脸书|fb|ig|line|"
    r"odysee|parler|gettr|fanpage)\s*(?:[:：@(（]|群|頻道|频道|粉專|粉专)|"
    r"版權所有|版权所有|轉載|转载|搬運|搬运|reup|copyright|下載(?!量)|下载(?!量)|"
    r"app\s*store|google\s*play|二維碼|二维码|掃碼|扫码|小鈴鐺|小铃铛|"
    r"(?:請|请|歡迎|欢迎)(?:關注|关注|追蹤|追踪)|關注我|关注我|follow\s+(?:me|us|my)|"
    r"加入(?:我的|頻道|频道|會員|会员|聊天|群)|聯繫我|联系我|歡迎分享|欢迎分享|"
    r"(?:感謝|感谢|感恩|謝謝|谢谢|thank you for).{0,12}(?:支持|訂閱|订阅|觀看|观看|收看|support)|"
    r"music used|music by|背景音樂|背景音乐|\bBGM\b|支持(?:我|我們|我们|本|新)?.{0,6}(?:頻道|频道)|"
    r"use (?:my )?code|promo code|\d+% off|sponsor|affiliate|join me|support me|merch|"
    r"我的(?:链接|鏈接|連結)|(?:注册|註冊)(?:获得|獲得|送)|返利|(?:邀请|邀請|优惠|優惠|折扣)(?:码|碼)|"
    r"(?:請|请)加入"
)
"""The promotional-sentence pattern as first written, before every alternative was made to
open with a literal character."""

_PROMO_SENTENCE_PIECES = st.sampled_from([
    "BGM", "bgm", "aBGM", "_bgm", "BGMs", "bgm.", "5% off", "% off", "٣% OFF", "x% off", "10%off",
    "商業合作", "商务联系", "facebook:", "FB 群", "line@", "請關注", "欢迎追踪", "請加入", "注册送",
    "优惠码", "thank you for the support", "感谢大家的支持", "感恩\n支持", "subscribe", "İ", "K",
    " ", "\n", "a", "1", "字", ":", "@",
])  # fmt: skip


@given(st.lists(st.one_of(_PROMO_SENTENCE_PIECES, st.characters()), max_size=10).map("".join))
@settings(max_examples=800)
def test_promotional_sentences_found_as_first_written(text: str) -> None:
    assert description._PROMO_SENTENCE.search(text) == _PROMO_SENTENCE_AS_WRITTEN.search(text)


def _cut_cards_reference(blocks: list[Block]) -> list[Block]:
    """cut_cards as it was: every block asked whether it is a card line."""
    n = len(blocks)
    doomed = [False] * n
    total = sum(b.size for b in blocks)
    i = 0
    while i < n:
        if not cards._card_line(blocks[i]):
            i += 1
            continue
        j = i
        while j < n and cards._card_line(blocks[j]):
            j += 1
        run = j - i
        edge = i == 0 or j == n
        announced = i > 0 and cards._FORWARD.search(blocks[i - 1].text) is not None
        roundup = (
            run >= 3
            and sum(b.size for b in blocks[i:j]) * 2 >= total
            and not all(cards._COLUMN_CARD.match(b.text) for b in blocks[i:j])
        )
        if not (announced or roundup):
            run_of_cards = run >= 3 or (run >= 2 and edge)
            for k in range(i, j):
                doomed[k] = run_of_cards or cards._COLUMN_CARD.match(blocks[k].text) is not None
        i = j
    return [b for b, gone in zip(blocks, doomed, strict=True) if not gone]


_CARD_BLOCKS = st.builds(
    lambda text, size, anchors, internal, links: Block(
        text=text, source=0, kind="p", size=size, links=min(links, size), anchors=anchors,
        internal=min(internal, anchors),
    ),
    st.sampled_from(["栏目 | 标题", "【栏目】标题", "下面是：", "[1] 注", "a\nb", "正文", "x"]),
    st.integers(0, 100), st.integers(0, 3), st.integers(0, 3), st.integers(0, 100),
)  # fmt: skip


@given(st.lists(_CARD_BLOCKS, max_size=10))
@settings(max_examples=400)
def test_cards_cut_as_before(blocks: list[Block]) -> None:
    assert cards.cut_cards(blocks) == _cut_cards_reference(blocks)


_FOOTER_PROMO_AS_WRITTEN = re.compile(
    r"歡迎加入|欢迎加入|歡迎訂閱|欢迎订阅|收聽|收听|訂閱|订阅|關注我們|关注我们|追蹤我們|追踪我们|"
    r"subscribe|follow us|聽友|听友|粉絲團|粉丝团|粉絲專頁|粉丝专页|\bFB\b|facebook|instagram|"
    r"telegram|twitter|podcast|播客|重聽|重听|線上收|线上收|網路收|网络收|找到我|find me|"
    r"了解更多|了解詳情|了解详情|閱讀更多|阅读更多|learn more|read more",
    re.IGNORECASE,
)
_FOOTER_PIECES = st.sampled_from([
    "FB", "fb", "aFB", "_fb", "FBs", "Fb.", "歡迎加入", "Follow Us", "ſubscribe", "İnstagram", "K",
    "Read More", "听友", " ", "\n", "Σ", "ΑΣ", "a", "1",
])  # fmt: skip


def test_lower_casing_twice_is_lower_casing_once() -> None:
    for code in range(0x110000):
        lowered = chr(code).lower()
        assert lowered.lower() == lowered and "Σ" not in lowered, hex(code)


@given(st.lists(st.one_of(_FOOTER_PIECES, st.characters()), max_size=10).map("".join))
@settings(max_examples=600)
def test_footer_calls_found_as_first_written(text: str) -> None:
    assert cleaners._footer_calls(text) == _FOOTER_PROMO_AS_WRITTEN.findall(text.lower())


@pytest.mark.parametrize(
    "text",
    [
        "All rights reſerved",  # ſ matches s case-insensitively, lower-cases to itself
        "Not readıng this post in your news aggregator",
        "All rights reserved",
        "版权所有",
    ],
)
def test_small_print_pre_check_lets_odd_case_text_through(text: str) -> None:
    """The cheap pre-check of the small-print pattern never hides a match of the pattern
    itself (it looked at the lower-cased text, which keeps ſ and ı)."""
    from newsparse.body.smallprint import _SMALL_PRINT_ANY, is_small_print

    assert _SMALL_PRINT_ANY.search(text)
    block = Block(text=text, source=0, kind="p", size=_nonspace(text), links=0, anchors=0)
    assert is_small_print(block)
