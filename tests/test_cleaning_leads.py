"""The leads of blocks (compiled and pure) and the passes that ask only the blocks they flag.

Each pre-check answers "no" only for a block the rule behind it leaves as it is; these
properties compare the passes with the plain ones, every block asked, on text built from
the characters the rules read, white space of every kind, odd case-insensitive characters
and any other character; and the compiled leads with their pure-Python reference.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsparse._accel import CTREE
from newsparse.body import blockfacts, cards, cleaners, description, leftovers
from newsparse.body._tree import _key, _nonspace
from newsparse.body.leftovers import Cleaned
from newsparse.body.walker import Block
from newsparse.dates import parse_date_line

_SPACES = [" ", "\t", "\n", "\r", "\x0b", "\x1c", "\x1f", "\x85", "\xa0", "\u2028", "\u3000"]
_LEAD_PIECES = st.sampled_from([
    *_SPACES, "://", ":/", ":", "/", "http://x.y", "null", "None", "[object Object]", "NaN",
    "（完）", "-END-", "The End", "#甲 #乙", "阅读原文", "這裡閱讀原文", "关注我们的公众号", "请转发",
    "Subscribe to us", "Follow us on x", "IG：https://www.instagram.com/abc", "，他说。", "正文。",
    "A sentence of the text.", "x" * 130, "字" * 130, "ſ", "İ", "K", "\0", "\U0001f600", "é", "",
])  # fmt: skip
_LEAD_TEXT = st.lists(st.one_of(_LEAD_PIECES, st.characters()), max_size=6).map("".join)


@given(st.lists(_LEAD_TEXT, max_size=8))
@example(["", " ", "\u3000x", "a://", "ab:/", "://", ":/", "x\U0001f600 ://", "\n", " \0"])
@settings(max_examples=1000)
def test_leads_are_what_the_passes_read(texts: list[str]) -> None:
    found = blockfacts.leads_py(texts)
    assert len(found) == len(texts)
    for text, lead in zip(texts, found, strict=True):
        if "\n" in text or "://" in text:
            assert lead == blockfacts.LINE_MARK
        else:
            assert lead == (text.lstrip()[:1] or blockfacts.NO_KEY)
    if CTREE is not None:
        assert blockfacts.leads(texts) == found
        # Every storage width of a str: one byte, two, four.
        for extra in ("é", "字", "\U0001f600"):
            widened = [text + extra for text in texts]
            assert blockfacts.leads(widened) == blockfacts.leads_py(widened)


def test_the_compiled_leads_read_only_str() -> None:
    if CTREE is not None:
        try:
            CTREE.leads([b"x"])  # type: ignore[list-item]
        except TypeError as exc:
            assert "str" in str(exc)
        else:
            raise AssertionError("bytes read as a str")


_ODD_EQUAL = "\u017f\u212a\u0131\u0130"
"""The characters that equal an ASCII letter ignoring case without being one."""


def test_a_lead_class_holds_what_a_leftover_may_open() -> None:
    for chars, lead, line in (
        (leftovers._INNER_OPENERS, leftovers._INNER_LEAD, leftovers._INNER_LINE),
        (leftovers._EDGE_OPENERS, leftovers._EDGE_LEAD, leftovers._EDGE_LINE),
    ):
        openers = {c for c in chars if c}
        members = openers | set(leftovers._LITERAL_OPENERS)
        for code in range(0x110000):
            char = chr(code)
            for pattern, among in ((lead, members), (line, openers)):
                found = pattern.fullmatch(char) is not None
                if char in among:
                    assert found, hex(code)
                elif found:  # another case of one (as re compares), or a line break
                    assert (
                        (pattern is lead and char == blockfacts.LINE_MARK)
                        or char.lower() in among
                        or char.upper() in among
                        or char in _ODD_EQUAL
                    ), hex(code)
        assert not lead.match(blockfacts.NO_KEY)
        assert line.match(" \t" + next(iter(openers))) and not line.match(" \n")


@given(st.lists(st.one_of(_LEAD_PIECES, st.characters()), max_size=5).map("".join), st.booleans())
@example("ſubscribe to us", True)
@example("\u3000\u3000阅读原文", False)
@settings(max_examples=1500)
def test_a_leftover_opens_with_a_lead_of_its_class(line: str, edge: bool) -> None:
    if "\n" not in line and (leftovers.is_leftover(line, edge=edge) or
                              leftovers.is_template_literal(line)):  # fmt: skip
        lead = leftovers._EDGE_LEAD if edge else leftovers._INNER_LEAD
        assert "://" in line or lead.match(line.lstrip())


def test_lower_casing_changes_length_or_reads_neighbours_only_for_two_characters() -> None:
    # _to_ask lower-cases the first characters at once: only İ becomes two characters and
    # only Σ lower-cases by what stands next to it.
    longer = [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1]
    assert longer == ["\u0130"]
    neighbours = [
        c
        for c in map(chr, range(0x110000))
        if ("A" + c + ".").lower()[1:-1] != c.lower() or (". " + c + "A").lower()[2:-1] != c.lower()
    ]
    assert neighbours == [cleaners._CAPITAL_SIGMA]


def _to_ask_reference(texts: list[str], title_key: str | None) -> list[int] | None:
    """_to_ask as first written: each first character lower-cased on its own."""
    facts = blockfacts.block_facts(texts)
    if facts is None:
        return None
    flags, firsts = facts
    asked = [i for i, flag in enumerate(flags) if flag]
    if title_key is not None:
        for i, char in enumerate(firsts):
            if (not title_key) if char == blockfacts.NO_KEY else title_key.startswith(char.lower()):
                asked.append(i)
        asked = sorted(set(asked))
    return asked


_TITLE_PIECES = st.sampled_from([
    "Σ", "σ", "ς", "ΑΣ", "İ", "i", "ı", "I", "K", "k", "ſ", "s", "S", "The", "the", "标题", "2019年",
    " ", "", "!", "\0", "1", "٣",
])  # fmt: skip
_TITLE_TEXT = st.lists(st.one_of(_TITLE_PIECES, st.characters()), max_size=4).map("".join)


@given(st.lists(_TITLE_TEXT, max_size=8), _TITLE_TEXT, st.booleans())
@example(["ΑΣ", "Σa", "σ"], "σa", False)
@example(["Σ", "ΑΣ"], "ςx", False)
@example(["İx", "ix", "i̇"], "i̇x", False)
@example(["!!", "a"], "!!", False)
@settings(max_examples=800)
def test_the_blocks_asked_are_those_a_first_look_may_take(
    texts: list[str], title: str, no_title: bool
) -> None:
    blocks = [Block(text=t, source=i, kind="p", size=_nonspace(t), links=0, anchors=0)
              for i, t in enumerate(texts)]  # fmt: skip
    title_key = None if no_title else _key(title)
    assert cleaners._to_ask(blocks, title_key) == _to_ask_reference(texts, title_key)


def _clean_leftovers_reference(blocks: list[Block]) -> Cleaned:
    """clean_leftovers as first written: every block asked about small print and every
    line about leftovers."""
    tags: list[str] = []
    kept: list[Block] = []
    tail = len(blocks) - leftovers.TAIL
    for i, block in enumerate(blocks):
        if (block.small or i >= tail) and leftovers.is_small_print(block):
            tags.extend(leftovers.tags_in(block.text))
        else:
            kept.append(block)
    count = len(kept)
    kept, names, dates, lockup = leftovers.take_lockup(kept, parse_date_line)
    removed = [lockup] if len(kept) < count else []
    cleaned: list[Block] = []
    tail = len(kept) - leftovers.TAIL
    for i, block in enumerate(kept):
        one_line = "\n" not in block.text
        if block.size > leftovers.LONG_LINE and one_line and block.text[0] not in "#＃":
            cleaned.append(block)  # one long line: prose (decided by its size)
            continue
        if leftovers.is_template_literal(block.text):
            continue
        edge = i < leftovers.PROMPT_HEAD or i >= tail
        lines = block.text.split("\n")
        keep = [line for line in lines if not leftovers.is_leftover(line, edge=edge)]
        if len(keep) == len(lines):
            cleaned.append(block)
        elif (rest := leftovers.split_lines(block, keep)) is not None:
            cleaned.append(rest)
    if cleaned and leftovers.is_breadcrumb(cleaned[0].text):
        cleaned = cleaned[1:]
    cleaned, taken = leftovers.take_credit_lines(cleaned)
    removed.extend(c.text for c in taken)
    names.extend(
        n for c in taken if c.names for n in leftovers._NAME_SPLIT.split(c.names) if n.strip()
    )
    cleaned, bios = leftovers.cut_bios(cleaned, names)
    removed.extend(bios)
    names.extend(name for line in bios if (name := leftovers.bio_name(line)) is not None)
    cleaned = leftovers.cut_cards(cleaned)
    return Cleaned(
        blocks=cleaned,
        tags=tuple(dict.fromkeys(tags)),
        credited=tuple(dict.fromkeys(names)),
        removed=tuple(removed),
        dates=tuple(dates),
    )


_LEFTOVER_BLOCKS = st.builds(
    lambda lines, small, anchors: Block(
        text="\n".join(lines), source=0, kind="p", size=_nonspace("\n".join(lines)),
        links=0, anchors=anchors, small=small,
    ),
    st.lists(
        st.one_of(_LEAD_TEXT, st.sampled_from([
            "© 2021 某某网 版权所有", "Post tags: 选举, 香港", "编辑 | 甲某", "Permalink | 3 comments",
            "null", "  null ", "首页 > 国际 > 正文", "MICHAEL LEE", "2020-10-13 14:38",
        ])),
        min_size=1, max_size=3,
    ),
    st.booleans(), st.integers(0, 2),
)  # fmt: skip


@given(st.lists(_LEFTOVER_BLOCKS, max_size=10))
@example([])
@settings(max_examples=800, deadline=None)
def test_leftovers_cleaned_as_first_written(blocks: list[Block]) -> None:
    assert leftovers.clean_leftovers(list(blocks)) == _clean_leftovers_reference(list(blocks))


# ---------------------------------------------------------------------------- promotional words

_WORD_PIECES = st.sampled_from([
    *description._PROMO_WORD_LIST, "SUBSCRIBE", "ſubscribe", "Twitter", "\u212aey", "ınstagram",
    "İnstagram", "App Store", "app  store", "#", "#a", "#_", "#1", "# a", "＃a", "#\u0663", "订", "阅",
    "subscrib", "youtub", " ", "\n", "\0", "é", "\U0001f600",
])  # fmt: skip
_WORD_TEXT = st.lists(st.one_of(_WORD_PIECES, st.characters()), max_size=12).map("".join)


@given(_WORD_TEXT)
@example("")
@example("x#")
@example("…paypal")
@example("goo\u212ale play")
@settings(max_examples=2000)
def test_compiled_promotional_words_are_found_as_the_pattern_finds_them(text: str) -> None:
    expected = description._PROMO_WORDS.pattern.search(text) is not None
    assert bool(description.has_promo_word(text)) == expected
    if CTREE is not None:
        for extra in ("", "é", "字", "\U0001f600"):  # every storage width of a str
            found = CTREE.has_words(extra + text, description._PROMO_NEEDLES, True)
            assert found == (description._PROMO_WORDS.pattern.search(extra + text) is not None)
        assert CTREE.has_words(text, description._PROMO_NEEDLES, False) == (
            re.search("|".join(description._PROMO_WORD_LIST), text, re.IGNORECASE) is not None
        )


def test_the_promotional_words_are_what_the_compiled_search_reads() -> None:
    # Lower case; a character other than an ASCII letter equals only itself ignoring case,
    # an ASCII letter only itself, its upper case and the odd characters that lower-case
    # to no ASCII letter.
    words = description._PROMO_WORD_LIST
    assert all(word and word == word.lower() for word in words)
    others = {c for word in words for c in word if not ("a" <= c <= "z")}
    equal = re.compile("[" + re.escape("".join(sorted(others))) + "]", re.IGNORECASE)
    assert {c for c in map(chr, range(0x110000)) if equal.fullmatch(c)} == others
    letters = re.compile("[a-z]", re.IGNORECASE)
    odd = {c for c in map(chr, range(0x80, 0x110000)) if letters.fullmatch(c)}
    assert odd == set(_ODD_EQUAL)


def test_the_compiled_word_search_refuses_words_it_cannot_read() -> None:
    if CTREE is not None:
        for words in ("", "abc", "Abc\0", "a\0\0", "ſ\0"):
            try:
                CTREE.has_words("abc", words, False)
            except ValueError:
                continue
            raise AssertionError(f"read {words!r}")
        assert CTREE.has_words("xAbCx", "abc\0", False)
        assert not CTREE.has_words("ab", "abc\0", False)


@given(st.lists(_LEAD_TEXT, max_size=8))
@example(["", " ", "_", "__a", "٣x", "\U0001d7d8", "\0", "！ａ"])
@settings(max_examples=500)
def test_first_keys_are_the_first_alphanumeric_characters(texts: list[str]) -> None:
    expected = blockfacts.first_keys_py(texts)
    assert expected == blockfacts.block_facts_py(texts)[1]
    if CTREE is not None:
        assert blockfacts.first_keys(texts) == expected
        for extra in ("é", "字", "\U0001f600"):
            assert CTREE.first_keys([text + extra for text in texts]) == blockfacts.first_keys_py(
                [text + extra for text in texts]
            )


def _cut_footer_promo_reference(blocks: list[Block]) -> list[Block]:
    """_cut_footer_promo as first written."""
    doomed_sources = set()
    for i in range(max(0, len(blocks) - 6), len(blocks)):
        block = blocks[i]
        if (
            block.anchors >= 2
            and i >= len(blocks) - 3
            and len(set(cleaners._footer_calls(block.text))) >= 2
        ):
            doomed_sources.add(block.source)
            continue
        rest = blocks[i + 1 :]
        if (
            rest
            and not block.anchors
            and block.text.rstrip().rstrip(")）").endswith((":", "："))
            and all(b.size and b.links * 10 >= b.size * 8 for b in rest)
            and cleaners._footer_calls(block.text)
        ):
            doomed_sources.update(b.source for b in blocks[i:])
            break
    return [b for b in blocks if b.source not in doomed_sources]


_FOOTER_BLOCKS = st.builds(
    lambda text, anchors, links, source: Block(
        text=text, source=source, kind="p", size=_nonspace(text),
        links=min(links, _nonspace(text)), anchors=anchors,
    ),
    st.one_of(_LEAD_TEXT, st.sampled_from([
        "歡迎訂閱：", "Follow us on Facebook and Instagram:", "收聽 podcast（", "订阅我们：)", "x",
    ])),
    st.integers(0, 3), st.integers(0, 40), st.integers(0, 4),
)  # fmt: skip


@given(st.lists(_FOOTER_BLOCKS, max_size=9))
@settings(max_examples=600)
def test_footer_promo_cut_as_first_written(blocks: list[Block]) -> None:
    assert cleaners._cut_footer_promo(list(blocks)) == _cut_footer_promo_reference(list(blocks))


@given(
    st.lists(
        st.builds(
            lambda text, anchors, links, after_rule, internal: Block(
                text=text,
                source=0,
                kind="p",
                size=_nonspace(text),
                links=min(links, _nonspace(text)),
                anchors=anchors,
                internal=min(internal, anchors),
                after_rule=after_rule,
            ),
            st.sampled_from(["x", "— 某某", "Twitter", "[1] 注", "栏目 | 标题", "a" * 50, ""]),
            st.integers(0, 3),
            st.integers(0, 60),
            st.booleans(),
            st.integers(0, 3),
        ),
        max_size=9,
    )
)
@settings(max_examples=600)
def test_the_rule_footer_is_read_after_the_last_rule(blocks: list[Block]) -> None:
    starts = [i for i, b in enumerate(blocks) if b.after_rule]
    found = cards.cut_rule_footer(blocks)
    if not starts or starts[-1] == 0:
        assert found is blocks
    else:
        assert found in (blocks, blocks[: starts[-1]])
        tail = blocks[starts[-1] :]
        footer = not any(
            b.size > cards.RULE_FOOTER_LINE_MAX or cards._FOOTNOTE_MARK.match(b.text) for b in tail
        ) and 2 * sum(1 for b in tail if b.anchors and b.links * 10 >= b.size * 8) >= len(tail)
        assert (found == blocks[: starts[-1]]) == footer or blocks[: starts[-1]] == blocks
