"""The survey of blocks (``blockfacts.Survey``) gives the facts each cleaning step reads.

The compiled accelerator reads every block's facts at once (``survey``); its reference is
``blockfacts.survey_py``, made of the facts each step reads on its own. A survey handed
from one step to the next gives the facts of the blocks each step is given, and the steps
that read one decide as they do without it.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsparse._accel import CTREE
from newsparse.body import blockfacts, cards, cleaners, description, leftovers
from newsparse.body._tree import _nonspace
from newsparse.body.blockfacts import Survey
from newsparse.body.walker import Block

pytestmark = pytest.mark.skipif(CTREE is None, reason="the compiled accelerator is not in use")

_PIECES = st.sampled_from([
    "2019年12月17日", "2020-01-02", "１２３４", " ", "\t", "\u3000", "\n", "c", "C", "://",
    "Continue reading on Medium »", " was originally published in ", " on Medium", "———",
    "= = =", "-----", "--", "—", "＝＝＝", "相关阅读：", "null", "订阅", "#香港 #台湾", "字" * 30,
    "x" * 40, "İ", "K", "ſ", "\U0001f600", "é", "a", "1", "!", "",
])  # fmt: skip
_TEXT = st.lists(st.one_of(_PIECES, st.characters()), max_size=10).map("".join)


def _blocks(texts: list[str], marks: list[int] | None = None) -> list[Block]:
    """Blocks of ``texts``; ``marks`` (one int each, cycled) sets their links and marks:
    bit 1 after a rule, 2 small, 4 internal links, 8 all link text."""
    found = marks or [0]
    made = []
    for i, t in enumerate(texts):
        mark = found[i % len(found)]
        size = _nonspace(t)
        anchors = 1 if mark & 12 else 0
        made.append(
            Block(
                text=t,
                source=i,
                kind="p",
                size=size,
                links=size if mark & 8 else 0,
                anchors=anchors,
                internal=anchors if mark & 4 else 0,
                after_rule=bool(mark & 1),
                small=bool(mark & 2),
            )
        )
    return made


def _facts(survey: Survey) -> tuple[bytes, str, str, str, bytes]:
    return survey.flags, survey.keys, survey.heads, survey.leads, survey.marks


_MARKS = st.lists(st.integers(0, 15), max_size=8)


@given(st.lists(_TEXT, max_size=8))
@example(["x" * 299 + " was originally published in " + "y" * 20, "字字———", "a\nb", ""])
@settings(max_examples=1000)
def test_the_survey_is_its_reference(texts: list[str]) -> None:
    expected = blockfacts.survey_py(texts)
    survey = Survey.read(_blocks(texts))
    assert survey is not None
    assert _facts(survey) == (*expected, bytes(len(texts)))
    flags, keys, heads, leads = expected
    assert blockfacts.block_facts_py(texts) == (bytes(f & ~blockfacts.RULE for f in flags), keys)
    assert heads == blockfacts.heads_py(texts)
    assert leads == blockfacts.leads_py(texts)
    for text, flag in zip(texts, flags, strict=True):
        assert bool(flag & blockfacts.RULE) == (description._RULE_RUN.search(text) is not None)
    assert survey.ruled == any(flag & blockfacts.RULE for flag in flags)


class _Other(Block):
    """A block of another class (read by ``getattr``, not from the slots)."""


@given(st.lists(_TEXT, max_size=8), _MARKS, st.data())
@settings(max_examples=500)
def test_a_survey_of_blocks_reads_their_marks(
    texts: list[str], marks: list[int], data: st.DataObject
) -> None:
    blocks = _blocks(texts, marks)
    others = data.draw(st.sets(st.integers(0, max(len(blocks) - 1, 0))))
    blocks = [_Other(*attrs.astuple(b)) if i in others else b for i, b in enumerate(blocks)]
    expected = blockfacts.survey_blocks_py(blocks)
    survey = Survey.read(blocks)
    assert survey is not None
    assert _facts(survey) == expected
    assert survey.marks == bytes(
        (blockfacts.AFTER_RULE if b.after_rule else 0)
        | (blockfacts.SMALL if b.small else 0)
        | (blockfacts.INTERNAL if b.internal else 0)
        for b in blocks
    )
    for pattern, mark in (
        (blockfacts.MARKED_AFTER_RULE, blockfacts.AFTER_RULE),
        (blockfacts.MARKED_SMALL, blockfacts.SMALL),
        (blockfacts.MARKED_INTERNAL, blockfacts.INTERNAL),
    ):
        assert [m.start() for m in pattern.finditer(survey.marks)] == [
            i for i, b in enumerate(survey.marks) if b & mark
        ]


def test_a_survey_of_blocks_refuses_what_it_cannot_read() -> None:
    assert CTREE is not None
    fields = blockfacts._FIELDS
    assert fields is not None
    args = (64, " was", 1, 300, 39, 740)
    with pytest.raises(ValueError, match="4 slot"):
        CTREE.survey_blocks([], fields[:3], *args)
    with pytest.raises(TypeError, match="slot descriptor"):
        CTREE.survey_blocks([], (*fields[:3], "internal"), *args)
    with pytest.raises(TypeError, match="different classes"):
        CTREE.survey_blocks([], (*fields[:3], vars(Survey)["marks"]), *args)
    unset = Block.__new__(Block)
    with pytest.raises(AttributeError):
        CTREE.survey_blocks([unset], fields, *args)
    wrong = _blocks(["x"])[0]
    wrong.text = b"x"  # type: ignore[assignment]
    with pytest.raises(TypeError, match="str"):
        CTREE.survey_blocks([wrong], fields, *args)


@given(st.lists(_TEXT, max_size=8), _MARKS, st.data())
@settings(max_examples=500)
def test_a_survey_gives_the_facts_of_the_blocks_handed_on(
    texts: list[str], marks: list[int], data: st.DataObject
) -> None:
    blocks = _blocks(texts, marks)
    survey = Survey.read(blocks)
    assert survey is not None
    # The same blocks, a copy, the first few, blocks without some, and other blocks.
    count = data.draw(st.integers(0, len(blocks)))
    gone = sorted(data.draw(st.sets(st.integers(0, max(len(blocks) - 1, 0)))) & set(range(count)))
    fewer = [b for i, b in enumerate(blocks) if i not in set(gone)]
    changed = [attrs.evolve(b, text=b.text + "———") for b in blocks[:count]]
    for handed in (blocks, list(blocks), blocks[:count], fewer, changed):
        found = survey.of(handed)
        assert found.blocks == handed
        assert _facts(found) == blockfacts.survey_blocks_py(handed)
        known = survey.known(handed)
        if handed in (blocks, blocks[:count]):
            assert known is not None
            assert _facts(known) == _facts(found)
        elif handed != blocks[: len(handed)]:
            assert known is None
    without = survey.without(gone, fewer)
    assert without.blocks is fewer
    assert _facts(without) == blockfacts.survey_blocks_py(fewer)


@given(st.lists(_TEXT, max_size=8), st.integers(0, 8), _MARKS)
@example(["正文", "———", "订阅我们"], 0, [])
@example(["相关阅读：", "另一篇"], 0, [])
@example(["null", "", "a\nb://c"], 1, [])
@example(["张三\n2020-10-13 14:38", "正文", "编辑：李四"], 0, [])  # a lockup, a credit line
@example(["正文", "Mary Smith\nOctober 13, 2020 14:38", "x" * 130 + "（新华社）"], 0, [])
@example(["正文", "— 某某", "Twitter"], 0, [0, 1, 8])  # a footer after a rule
@example(["正文", "另一篇", "又一篇", "再一篇"], 0, [0, 12])  # cards
@example(["© 2021 某某网", "正文"], 0, [2, 0])  # small print
@settings(max_examples=500, deadline=None)
def test_the_steps_decide_as_without_a_survey(texts: list[str], cut: int, marks: list[int]) -> None:
    blocks = _blocks(texts, marks)
    survey = Survey.read(blocks)
    assert survey is not None
    # Each step is handed the survey of a list the blocks were taken from.
    first = blocks[: max(len(blocks) - cut, 0)]
    assert cleaners._cut_promo_tail(first, survey) == cleaners._cut_promo_tail(first)
    assert cleaners._cut_related_lists(first, survey) == cleaners._cut_related_lists(first)
    assert cleaners._with_key(first, survey) == cleaners._with_key(first)
    assert leftovers.clean_leftovers(first, survey) == leftovers.clean_leftovers(first)
    assert cards.cut_rule_footer(first, survey) == cards.cut_rule_footer(first)
    assert cards.cut_cards(first, survey) == cards.cut_cards(first)
    assert cards.cut_cards(first[1:], survey) == cards.cut_cards(first[1:])
    assert cleaners._to_ask(blocks, "x", survey) == cleaners._to_ask(blocks, "x")


def test_a_survey_refuses_what_it_cannot_read() -> None:
    assert CTREE is not None
    with pytest.raises(ValueError, match="NUL"):
        CTREE.survey(["x"], 64, " w\0s", 1, 300, 39, 740)
    with pytest.raises(TypeError, match="str"):
        CTREE.survey([b"x"], 64, " was", 1, 300, 39, 740)  # type: ignore[list-item]
