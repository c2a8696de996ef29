"""The cheap pre-checks in front of the block-cleaning rules decide exactly as the rules.

Each pre-check answers "no" only for a text the rule behind it refuses; these properties
compare the rules with and without them on text built from the characters the rules
read, odd case-insensitive characters (``ſ ı İ K``), fullwidth forms, controls and any
other character.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsparse import byline
from newsparse._accel import CTREE
from newsparse._text import _ODD_CASE, Caseless
from newsparse.body import (
    blockfacts,
    cards,
    cleaners,
    description,
    leftovers,
    smallprint,
    structure,
)
from newsparse.body._tree import _KEY_CHAR, _key, _nonspace
from newsparse.body.captions import _SMALL_PRINT_START
from newsparse.body.leftovers import Cleaned, clean_leftovers
from newsparse.body.openers import opening
from newsparse.body.walker import Block
from newsparse.dates import parse_date_line

_ODD = ["ſ", "ı", "İ", "K", "Ｄ", "ｄ", "\x00", "\x1f", "\u200b", "\u3000", "\t", "\n", "  "]


def _blocks(texts: list[str], anchors: int = 0) -> list[Block]:
    return [
        Block(text=t, source=i, kind="p", size=_nonspace(t), links=0, anchors=anchors)
        for i, t in enumerate(texts)
    ]


# ---------------------------------------------------------------------------- small print


def test_only_d_and_upper_d_equal_d_ignoring_case() -> None:
    # Every English alternative of _SMALL_PRINT_ANY holds a "d": a text without d or D
    # (and without 所有) is refused before it is lower-cased.
    equal = re.compile("d", re.IGNORECASE)
    assert [chr(c) for c in range(0x110000) if equal.fullmatch(chr(c))] == ["D", "d"]


def _is_small_print_reference(block: Block) -> bool:
    """is_small_print as first written: every pattern tried in full."""
    text = block.text
    if len(text) > smallprint.MAX_SMALL_PRINT:
        return False
    if _SMALL_PRINT_START.match(text):
        return True
    if smallprint._SMALL_PRINT_ANY.search(text):
        return True
    if (
        len(text) <= 200
        and (m := smallprint._TAG_LINE.match(text))
        and smallprint._is_tag_list(m["tags"], block)
    ):
        return True
    if len(text) > 160 or not (block.anchors or re.search(r"[|｜·•/\n]|  ", text)):
        return False
    parts = [p for p in smallprint._META_SEP.split(text) if p.strip()]
    return (
        bool(parts)
        and all(smallprint._META_PART.match(p.strip()) for p in parts)
        and (len(parts) >= 2 or block.links * 2 >= block.size)
    )


_SMALL_PRINT_PIECES = st.sampled_from([
    "All rights reserved", "ALL RIGHTS RESERVED", "all rights reſerved", "版权所有", "版權所有",
    "保留所有权利", "feed enhanced by", "Feed is for personal", "appeared first on",
    "not reading this post in your feed reader", "Not readıng this article in your news aggregator",
    "Permalink", "permalink", "PERMALINK", "3 comments", "٣ replies", "３ comments", "No comments",
    "Leave a reply", "Posted in", "Filed under", "Categories:", "分类：", "发表于", "评论(3)",
    "阅读 12", "Twitter", "facebook", "E-mail this", "Print", "微博", "微信", "分享到", "Share on",
    "tweet", "Like", "qq空间", "Google +", "|", "｜", "·", "•", "/", " ", "\n", "  ", ":", "：",
    "Tags: a, b", "标签：甲、乙", "© 2020", "d", "D", "x", "字", "所有", "Copyright 2020", "(c) 2019",
    "COPYRIGHT © x", "版权声明", "未经授权不得转载", "转载请注明", "Keywords: x y", "话题：甲", "Post tags:",
    "Tagged with a, b", "Ｔags: a",
])  # fmt: skip
_SMALL_PRINT_TEXT = st.lists(
    st.one_of(_SMALL_PRINT_PIECES, st.sampled_from(_ODD), st.characters()), max_size=8
).map("".join)


@given(_SMALL_PRINT_TEXT, st.integers(0, 2), st.integers(0, 40))
@example("Permalink | 3 comments", 0, 0)
@example(" | Permalink | Print", 0, 0)
@example("\u3000Twitter · Facebook", 0, 0)
@example("All rights reſerved", 0, 0)
@example("Leave a reply", 1, 20)
@settings(max_examples=1500)
def test_small_print_decided_as_first_written(text: str, anchors: int, links: int) -> None:
    block = Block(text=text, source=0, kind="p", size=_nonspace(text), links=links, anchors=anchors)
    assert smallprint.is_small_print(block) == _is_small_print_reference(block)


@given(st.from_regex(smallprint._META_PART, fullmatch=True), st.sampled_from(["", " ", "\n "]))
@settings(max_examples=500)
def test_a_meta_part_opens_with_one_of_its_openers(part: str, lead: str) -> None:
    for variant in (part, part.upper(), part.lower(), part.swapcase()):
        if smallprint._META_PART.match(variant.strip()):
            assert opening((lead + variant).lstrip()) in smallprint._META_OPENERS


# ---------------------------------------------------------------------------- clean_blocks


def _clean_blocks_reference(
    blocks: list[Block], title: str | None, *, video: bool = False
) -> Cleaned:
    """clean_blocks as first written: every block asked every question in full."""
    out: list[Block] = []
    dates: list[dt.datetime] = []
    title_key = _key(title) if title else None
    for block in blocks:
        text = block.text
        when = parse_date_line(text)
        if when is not None:
            dates.append(when)
            continue
        if title_key is not None and text and _key(text) == title_key:
            continue
        if cleaners._FEED_FOOTER.match(text):
            continue
        if video:
            text = cleaners.clean_description(block.text)
            if text != block.text:
                if title_key is not None and _key(text) == title_key:
                    continue
                block = attrs.evolve(block, text=text, size=_nonspace(text))
        out.append(block)
    for cleaner in cleaners.CLEANERS:
        out = cleaner(out)
    cleaned = clean_leftovers(out)
    out = cleaners._cut_trailing_headings(cleaners._cut_hashtag_tail(cleaned.blocks))
    return attrs.evolve(
        cleaned,
        blocks=[b for b in out if _KEY_CHAR.search(b.text)],
        dates=(*dates, *cleaned.dates),
    )


_BLOCK_PIECES = st.sampled_from([
    "The Title", "the title", "THE TITLE", "The Title!", "İstanbul", "istanbul", "ſtar", "Kelvin",
    "标题", "標題", "2019年12月17日", "2020-01-02", " ", "\n", "—", "———", "订阅", "#香港 #台湾",
    "Continue reading on Medium »", "正文的一句话。", "相关阅读：", "null", "©", "a", "1", "_", "",
])  # fmt: skip
_BLOCK_TEXT = st.lists(
    st.one_of(_BLOCK_PIECES, st.sampled_from(_ODD), st.characters()), max_size=5
).map("".join)


@given(
    st.lists(_BLOCK_TEXT, max_size=8),
    st.one_of(st.none(), st.sampled_from(["The Title", "标题", "İstanbul", "ſtar", "", "!!"])),
    st.booleans(),
)
@example(["The Title", "正文"], "The Title", False)
@example(["2019年12月17日", "Continue reading on Medium »", "正文"], "标题", False)
@example(["正文", "X was originally published in Y on Medium"], None, False)
@example(["!!", "正文"], "!!", False)
@example(["İstanbul", "istanbul"], "İstanbul", False)
@settings(max_examples=400, deadline=None)
def test_clean_blocks_decides_as_first_written(
    texts: list[str], title: str | None, video: bool
) -> None:
    blocks = _blocks(texts)
    expected = _clean_blocks_reference(list(blocks), title, video=video)
    assert cleaners.clean_blocks(list(blocks), title, video=video) == expected


# ---------------------------------------------------------------------------- descriptions


def test_alternatives_split_only_at_the_top_level() -> None:
    source = r"a|b(?:c|d)|[|]|\||[]|]x|e\(|(f|g)h"
    assert description._alternatives(source) == [
        "a",
        "b(?:c|d)",
        "[|]",
        r"\|",
        "[]|]x",
        r"e\(",
        "(f|g)h",
    ]
    assert description._by_first_character("ab|ac|d") == "a(?:b|c)|d(?:)"


@pytest.mark.parametrize("source", ["(?:a)b", r"\bx", "a?b", "a|[bc]d", "a|.b", "a*"])
def test_grouping_refuses_an_alternative_without_a_literal_opening(source: str) -> None:
    with pytest.raises(ValueError, match="literal"):
        description._by_first_character(source)


_PROMO_AS_LISTED = Caseless.compile(description._PROMO_SENTENCE_SOURCE)
_PROMO_PIECES = st.sampled_from([
    "subscribe", "SUBSCRIPTION", "ſubscribe", "super chat", "sponsor", "Support me", "paypal",
    "parler:", "promo code", "e-mail:", "email :", "fb 群", "ig(", "line@", "BGM", "xbgm", "5% off",
    "% off", "use my code", "thank you for your support", "感谢大家的支持", "商務合作", "微信：",
    "請關注", "加入頻道", "优惠码", "注册送", "İ", "ı", "K", " ", "\n", "a", "1", "字", ":", "@",
])  # fmt: skip


@given(st.lists(st.one_of(_PROMO_PIECES, st.sampled_from(_ODD), st.characters()), max_size=8))
@settings(max_examples=1000)
def test_grouped_promotional_sentences_are_found_where_listed(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert description._PROMO_SENTENCE.search(text) == _PROMO_AS_LISTED.search(text)
    assert description._is_promo_sentence(text) == _PROMO_AS_LISTED.search(text)
    lowered = text.lower()
    assert (description._PROMO_SENTENCE.lowered.search(lowered) is None) == (
        _PROMO_AS_LISTED.lowered.search(lowered) is None
    )


@given(
    st.one_of(
        st.from_regex(description._URL_IN_TEXT),
        st.lists(
            st.one_of(
                st.sampled_from(["http://", "https://a.b", "www.", "WWW.", ":/", "//", "w", "."]),
                st.characters(),
            ),
            max_size=8,
        ).map("".join),
    )
)
@settings(max_examples=600)
def test_a_text_without_url_marks_holds_no_url(text: str) -> None:
    if not description._may_hold_url(text):
        assert description._URL_IN_TEXT.search(text) is None


# ---------------------------------------------------------------------------- leftovers

_LEFTOVER_PIECES = st.sampled_from([
    "null", "（完）", "-END-", "The End", "#甲 #乙", "＃a ＃b", "阅读原文", "點擊閱讀原文", "原文链接：",
    "Read the original article", "View full story here", "continue reading…", "关注我们的公众号",
    "歡迎轉發", "识别二维码", "Subscribe to our newsletter", "Follow us on Twitter", "please donate",
    "Join our list", "▶ 订阅频道", "IG：https://www.instagram.com/abc", "https://twitter.com/x",
    "，他说。", " ", "\n", "a", "字", "ſubscribe", "İ", "Ｆollow",
])  # fmt: skip


@given(
    st.lists(st.one_of(_LEFTOVER_PIECES, st.sampled_from(_ODD), st.characters()), max_size=5).map(
        "".join
    ),
    st.booleans(),
)
@example("Subscribe to our newsletter", True)
@example("  阅读原文", False)
@settings(max_examples=1500)
def test_a_line_no_leftover_opens_is_no_leftover(line: str, edge: bool) -> None:
    if leftovers.is_leftover(line, edge=edge):
        chars = leftovers._EDGE_OPENERS if edge else leftovers._INNER_OPENERS
        assert opening(line.lstrip()) in chars or "://" in line


def _is_leftover_reference(line: str, *, edge: bool = True) -> bool:
    """is_leftover as first written: each pattern tried on every line its opener allows."""
    text = line.strip()
    if not text:
        return False
    first = opening(text)
    if first in leftovers._END_OPENERS and (
        leftovers._END_MARK.match(text) or leftovers._HASHTAGS_ONLY.match(text)
    ):
        return True
    if len(text) > leftovers.MAX_PROMPT * 2 and _nonspace(text) > leftovers.MAX_PROMPT * 2:
        return False
    if first in leftovers._READ_OPENERS and leftovers._READ_ORIGINAL.match(text):
        return True
    urls = leftovers._URL_IN_TEXT.findall(text) if "://" in text else []
    if len(urls) == 1 and leftovers._PROFILE_URL.match(urls[0]):
        label = leftovers._URL_IN_TEXT.sub("", text).strip(" ·•:：-–—|｜👉→>")
        if _nonspace(label) <= leftovers.SOCIAL_LABEL_MAX:
            return True
    return (
        edge
        and first in leftovers._PROMPT_OPENERS
        and _nonspace(text) <= leftovers.MAX_PROMPT
        and leftovers._PROMPT.match(text) is not None
        and not leftovers._SPEECH_TAG.search(text)
    )


_LEFTOVER_LINE = st.one_of(
    st.lists(
        st.one_of(
            _LEFTOVER_PIECES,
            st.sampled_from([*_ODD, "完", "全文结束", "END", "文", "原文", "[", "]", "这里"]),
            st.characters(),
        ),
        max_size=5,
    ).map("".join),
    st.from_regex(leftovers._END_MARK, fullmatch=True),
    st.from_regex(leftovers._HASHTAGS_ONLY, fullmatch=True),
    st.from_regex(leftovers._READ_ORIGINAL, fullmatch=True),
)


@given(_LEFTOVER_LINE, st.booleans())
@example("这里阅读原文", True)
@example("[完]", False)
@example("—— 全文结束 ——", False)
@settings(max_examples=1500)
def test_leftovers_read_as_first_written(line: str, edge: bool) -> None:
    assert leftovers.is_leftover(line, edge=edge) == _is_leftover_reference(line, edge=edge)


@given(_LEFTOVER_LINE)
@settings(max_examples=1000)
def test_what_the_leftover_prechecks_read_every_match_holds(line: str) -> None:
    for variant in (line, line.upper(), line.lower(), line.swapcase()):
        text = variant.strip()
        if not text:
            continue
        if leftovers._END_MARK.match(text):
            assert text[-1] in leftovers._END_LAST
        if leftovers._HASHTAGS_ONLY.match(text):
            assert text[0] in "#＃"
        if leftovers._READ_ORIGINAL.match(text) and "\u4e00" <= text[0] <= "\u9fff":
            assert "文" in text


def _credit_reference(line: str) -> leftovers.Credit | None:
    """_credit as first written: credit_line asked about every line."""
    m = leftovers._SIGN_OFF.match(line) if line.rstrip().endswith((")", "）")) else None
    if m and (m["agency"] or len(leftovers._NAME_SPLIT.split(m["names"])) >= 2):
        names = ", ".join(n for n in leftovers._NAME_SPLIT.split(m["names"]) if n)
        return leftovers.Credit(text=line, names=names)
    found = byline.credit_line(line)
    if found is None or found.writers is not None:
        return None
    if any(label in leftovers._WRITER_LIKE for label in found.labels):
        return None
    translated = any(label in leftovers._TRANSLATOR for label in found.labels)
    return leftovers.Credit(text=line, names=leftovers._translators(line) if translated else None)


_CREDIT_PIECES = st.sampled_from([
    "编辑 | 甲某", "译者/乙某", "来源：某报", "（记者丙某）", "本台驻华盛顿记者：高某", "香港特约记者 梁某",
    "By Ann Lee", "(By Ann Lee)", "Reporting by Bo Li", "Edited by Bo Li", "EDITOR: Bo", "ſource: x",
    "photo: Ann", "丨编辑：丁", "；责编：戊", "【视频】己", " ", "\t", "：", "/", "|", "者", "甲", "A", "b",
])  # fmt: skip


@given(
    st.one_of(
        st.lists(st.one_of(_CREDIT_PIECES, st.sampled_from(_ODD), st.characters()), max_size=5).map(
            "".join
        ),
        st.from_regex(byline._CREDIT_LABEL),
        st.from_regex(byline._ENGLISH),
        st.from_regex(byline._REPORTER),
    )
)
@example("Translated by: Ann Lee")
@example("( By Ann Lee")
@settings(max_examples=1500)
def test_credit_lines_read_as_first_written(line: str) -> None:
    assert leftovers._credit(line) == _credit_reference(line)
    if "\n" not in line and byline.credit_line(line) is not None:
        assert leftovers._may_be_credit_line(line)


@given(
    st.one_of(
        st.lists(st.one_of(_CREDIT_PIECES, st.sampled_from(_ODD), st.characters()), max_size=5).map(
            "".join
        ),
        st.from_regex(byline._CREDIT_LABEL),
        st.from_regex(byline._ENGLISH),
    )
)
@settings(max_examples=1500)
def test_a_line_take_credit_lines_passes_over_is_no_credit(text: str) -> None:
    line = text.strip()
    first = line[:1]
    # What take_credit_lines decides without asking _credit about a one-line block.
    if (
        "\n" not in line
        and not line.endswith((")", "）"))
        and len(line) <= byline.MAX_LINE
        and ("\u4e00" <= first <= "\u9fff" or "!" <= first <= "~")
        and first not in leftovers._CREDIT_OPENERS
        and "者" not in line
    ):
        assert leftovers._credit(line) is None
        assert not leftovers._may_be_credit_line(line)
    blocks = _blocks(["正文", text, "正文"])
    kept, taken = leftovers.take_credit_lines(blocks)
    if "\n" not in text and len(text) <= 4 * leftovers.MAX_CREDIT_BLOCK:
        credit = leftovers._credit(line)
        if len(line) > byline.MAX_LINE and not line.endswith((")", "）")):
            credit = None
        assert taken == ([credit] if credit is not None else [])
        assert len(kept) == (2 if credit is not None else 3)


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        (_SMALL_PRINT_START, smallprint._START_OPENERS),
        (smallprint._TAG_LINE, smallprint._TAG_OPENERS),
    ],
)
@given(data=st.data())
@settings(max_examples=400)
def test_small_print_openers_open_every_match(
    pattern: re.Pattern[str], chars: frozenset[str], data: st.DataObject
) -> None:
    text = data.draw(st.from_regex(pattern))
    for variant in (text, text.upper(), text.lower(), text.swapcase()):
        if pattern.match(variant):
            assert opening(variant.lstrip()) in chars


# ---------------------------------------------------------------------------- drawn rules

# Rule marks, hyphens, white space of every kind the regex's \s takes (and NUL, which
# joins block texts), odd case-insensitive characters, and one character of each string
# width so that every storage kind is scanned.
_RULE_PIECES = st.sampled_from([
    *description._RULE_MARKS, "-", "--", "-----", "———", "= = =", "*\n*\t*", "—\u3000—\u3000—",
    " ", "\t", "\n", "\x1c", "\x1f", "\x85", "\xa0", "\u2028", "\u3000", "\0", "a", "字", "é",
    "\U0001f600", "\uff0d\uff0d", "\u2015", "\u2013",
])  # fmt: skip
_RULE_TEXT = st.lists(st.one_of(_RULE_PIECES, st.characters()), max_size=30).map("".join)


@given(_RULE_TEXT, st.integers(-2, 40))
@example("ab———cd", 0)
@example("==-----", 0)
@example("= =\n=", 1)
@example("字字———", 0)  # a rule after places skipped three at a time, at each offset
@example("字字字—— —", 0)
@example("字—字——字-----", 0)
@example("字字字字\u3000＝\u3000＝＝字", 1)
@settings(max_examples=1500)
def test_a_rule_is_found_where_the_regex_finds_it(text: str, pos: int) -> None:
    m = description._RULE_RUN.search(text, max(pos, 0))
    found = description.find_rule(text, max(pos, 0))
    assert (found and found.span()) == (m and m.span())
    if CTREE is not None:
        assert CTREE.rule_start(text, pos) == description.rule_start_py(text, max(pos, 0))


@given(st.lists(st.one_of(st.sampled_from([*_ODD, "İ", "x", "字"]), st.characters()), max_size=12))
@settings(max_examples=500)
def test_odd_case_characters_found_as_the_pattern_finds_them(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert description.has_odd_case(text) == (_ODD_CASE.search(text) is not None)


# ---------------------------------------------------------------------------- block facts

_FACT_PIECES = st.sampled_from([
    "2019年12月17日", "2020-01-02", "１２３４", "٢٠٢٠", "12 34", "发布时间：2021-03-04 10:00", " ", "\t",
    "\u3000", "\n", "\x1c", "c", "C", "Continue reading on Medium »", " was originally published in ",
    " WAS ORIGINALLY PUBLISHED IN ", " was origınally publiſhed in ", " wAs OriginallY published In ",
    " on Medium", "y", "Y", "İ", "K", "x" * 40, "字" * 30, "\U0001f600", "é", "a", "!", "",
])  # fmt: skip
_FACT_TEXT = st.lists(st.one_of(_FACT_PIECES, st.characters()), max_size=12).map("".join)


@given(st.lists(_FACT_TEXT, max_size=6))
@example(["This story was originally published in The Daily on Medium."])
@example([" " * 10 + "2019" + " " * 10, "x" * 299 + " was originally published in " + "y" * 20])
@settings(max_examples=1000)
def test_block_facts_are_what_the_rules_need(texts: list[str]) -> None:
    flags, firsts = blockfacts.block_facts_py(texts)
    if CTREE is not None:
        assert blockfacts.block_facts(texts) == (flags, firsts)
    assert len(flags) == len(firsts) == len(texts)
    for text, flag, first in zip(texts, flags, firsts, strict=True):
        if parse_date_line(text) is not None:
            assert flag & blockfacts.DATE
        if cleaners._FEED_FOOTER.match(text):
            assert flag & blockfacts.FEED
        m = _KEY_CHAR.search(text)
        assert first == (m.group() if m else blockfacts.NO_KEY)


@pytest.mark.skipif(CTREE is None, reason="the compiled accelerator is not in use")
@pytest.mark.parametrize("filler", ["x", "字", "\U0001f600", "y", " "])
def test_the_feed_phrase_is_found_at_every_offset(filler: str) -> None:
    # The compiled scan reads one place in len(FEED_PHRASE): the phrase at each offset,
    # up to and past the last it may start at.
    phrase = " wAs originallY published In "
    texts = [
        filler * offset + phrase + end
        for offset in [*range(64), *range(blockfacts.FEED_PHRASE_START - 40, 320)]
        for end in ("", "The Daily on Medium", "x" * 400)
    ]
    assert blockfacts.block_facts(texts) == blockfacts.block_facts_py(texts)


def test_the_feed_phrase_is_the_feed_footers() -> None:
    # The facts read the pattern's own constants; its anchor equals only itself and its
    # upper case, ignoring case.
    assert blockfacts.FEED_PHRASE in cleaners._FEED_FOOTER.pattern
    anchor = blockfacts.FEED_PHRASE[blockfacts.FEED_ANCHOR]
    equal = re.compile(anchor, re.IGNORECASE)
    assert [chr(c) for c in range(0x110000) if equal.fullmatch(chr(c))] == [anchor.upper(), anchor]


@pytest.mark.skipif(CTREE is None, reason="the compiled accelerator is not in use")
def test_compiled_block_facts_refuse_a_phrase_they_cannot_read() -> None:
    assert CTREE is not None
    with pytest.raises(ValueError, match="lower-case ASCII"):
        CTREE.block_facts(["x"], 64, "Was", 1, 300, 39, 740)
    with pytest.raises(ValueError, match="anchor"):
        CTREE.block_facts(["x"], 64, " was", 3, 300, 39, 740)
    with pytest.raises(TypeError, match="str"):
        CTREE.block_facts([b"x"], 64, " was", 1, 300, 39, 740)  # type: ignore[list-item]


@given(st.lists(_FACT_TEXT, max_size=6))
@settings(max_examples=500)
def test_heads_are_the_first_characters(texts: list[str]) -> None:
    expected = blockfacts.heads_py(texts)
    assert len(expected) == len(texts)
    assert all(
        head == (text[:1] or blockfacts.NO_KEY) for head, text in zip(expected, texts, strict=True)
    )
    if CTREE is not None:
        assert blockfacts.heads(texts) == expected
        keys = blockfacts.first_keys(texts)
        assert keys == blockfacts.block_facts_py(texts)[1]


def test_a_related_lead_is_a_character_a_label_may_open() -> None:
    # Each character either pattern may open with (after no white space) is one of the
    # lead's; the lead takes no character that opens no label and is not white space.
    words = (*structure._RELATED_WORDS, *cleaners._RELATED_PREFIX_WORDS)
    firsts = {word[0] for word in words}
    for code in range(0x110000):
        char = chr(code)
        found = cleaners._RELATED_LEAD.fullmatch(char) is not None
        if char.isspace() or char in firsts or char.lower() in firsts or char.upper() in firsts:
            assert found, hex(code)
        elif found:  # equal to a first character ignoring case only as re compares
            assert any(re.fullmatch(re.escape(first), char, re.IGNORECASE) for first in firsts)


def _cut_related_lists_reference(blocks: list[Block]) -> list[Block]:
    """_cut_related_lists as first written: every block asked."""
    out: list[Block] = []
    dropping = False
    for index, block in enumerate(blocks):
        if dropping:
            if (
                block.size
                and block.links * 10 >= block.size * 6
                and not cleaners._FOOTNOTE_MARK.match(block.text)
            ):
                continue
            dropping = False
        if cleaners._RELATED_LABEL.match(block.text):
            if index + 1 < len(blocks) and all(cards.is_headline(b) for b in blocks[index + 1 :]):
                return out
            dropping = True
            continue
        m = cleaners._RELATED_PREFIX.match(block.text)
        if m and block.anchors and block.links * 10 >= (block.size - _nonspace(m.group())) * 8:
            dropping = True
            continue
        out.append(block)
    return out


_RELATED_BLOCKS = st.builds(
    lambda text, anchors, links: Block(
        text=text, source=0, kind="p", size=_nonspace(text), links=min(links, _nonspace(text)),
        anchors=anchors,
    ),
    st.one_of(
        st.sampled_from([
            "相关阅读：", "相關閱讀", "延伸阅读：另一篇", "Related: a post", "Read more: x", " 相关阅读：",
            "“正文”", "正文的一句话。", "[1] 注", "a headline", "", " ", "\u3000推荐阅读：",
            "ſee also: x", "\u212aelated", "more from them", "\x1c相关：",
        ]),
        _FACT_TEXT,
    ),
    st.integers(0, 2), st.integers(0, 30),
)  # fmt: skip


@given(st.lists(_RELATED_BLOCKS, max_size=8))
@settings(max_examples=800)
def test_related_lists_cut_as_first_written(blocks: list[Block]) -> None:
    assert cleaners._cut_related_lists(blocks) == _cut_related_lists_reference(blocks)


def _mostly_content_reference(sentences: list[tuple[str, str]]) -> bool:
    """_mostly_content as first written: every sentence weighed."""
    promo = sum(description._weight(s) for s, kind in sentences if kind == "promo")
    content = sum(description._weight(s) for s, kind in sentences if kind == "text")
    return content > promo or content >= description.MIN_DESCRIPTION


@given(
    st.lists(
        st.tuples(
            st.one_of(_PROMO_PIECES, st.text(max_size=40), st.just("字" * 50)),
            st.sampled_from(["promo", "text", "link"]),
        ),
        max_size=8,
    )
)
@settings(max_examples=500)
def test_a_section_is_weighed_as_first_written(sentences: list[tuple[str, str]]) -> None:
    assert description._mostly_content(sentences) == _mostly_content_reference(sentences)


def _cut_hashtag_tail_reference(blocks: list[Block]) -> list[Block]:
    """_cut_hashtag_tail as first written: the pattern asked about every last block."""
    end = len(blocks)
    while end > 1 and cleaners._HASHTAG_LINE.match(blocks[end - 1].text):
        end -= 1
    return blocks[:end]


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["#香港 #台湾", "＃a", "#1", " #a", "#a", "#a，#b", "正文", "", "#"]),
            _FACT_TEXT,
        ),
        max_size=6,
    )
)
@example(["正文", "#香港", "＃台湾 #a"])
@settings(max_examples=500)
def test_hashtag_lines_are_cut_as_first_written(texts: list[str]) -> None:
    blocks = _blocks(texts)
    assert cleaners._cut_hashtag_tail(blocks) == _cut_hashtag_tail_reference(blocks)


def test_hashtag_lines_closing_the_text_are_cut() -> None:
    blocks = _blocks(["正文", "#香港", "＃台湾 #a"])
    assert cleaners._cut_hashtag_tail(blocks) == blocks[:1]
