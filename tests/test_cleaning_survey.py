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
from newsparse.body import blockfacts, cleaners, description, leftovers
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


def _blocks(texts: list[str]) -> list[Block]:
    return [
        Block(text=t, source=i, kind="p", size=_nonspace(t), links=0, anchors=0)
        for i, t in enumerate(texts)
    ]


def _facts(survey: Survey) -> tuple[bytes, str, str, str]:
    return survey.flags, survey.keys, survey.heads, survey.leads


@given(st.lists(_TEXT, max_size=8))
@example(["x" * 299 + " was originally published in " + "y" * 20, "字字———", "a\nb", ""])
@settings(max_examples=1000)
def test_the_survey_is_its_reference(texts: list[str]) -> None:
    expected = blockfacts.survey_py(texts)
    survey = Survey.read(_blocks(texts))
    assert survey is not None
    assert _facts(survey) == expected
    flags, keys, heads, leads = expected
    assert blockfacts.block_facts_py(texts) == (bytes(f & ~blockfacts.RULE for f in flags), keys)
    assert heads == blockfacts.heads_py(texts)
    assert leads == blockfacts.leads_py(texts)
    for text, flag in zip(texts, flags, strict=True):
        assert bool(flag & blockfacts.RULE) == (description._RULE_RUN.search(text) is not None)
    assert survey.ruled == any(flag & blockfacts.RULE for flag in flags)


@given(st.lists(_TEXT, max_size=8), st.data())
@settings(max_examples=500)
def test_a_survey_gives_the_facts_of_the_blocks_handed_on(
    texts: list[str], data: st.DataObject
) -> None:
    blocks = _blocks(texts)
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
        assert _facts(found) == blockfacts.survey_py([b.text for b in handed])
    without = survey.without(gone, fewer)
    assert without.blocks is fewer
    assert _facts(without) == blockfacts.survey_py([b.text for b in fewer])


@given(st.lists(_TEXT, max_size=8), st.integers(0, 8))
@example(["正文", "———", "订阅我们"], 0)
@example(["相关阅读：", "另一篇"], 0)
@example(["null", "", "a\nb://c"], 1)
@example(["张三\n2020-10-13 14:38", "正文", "编辑：李四"], 0)  # a lockup, a credit line
@example(["正文", "Mary Smith\nOctober 13, 2020 14:38", "x" * 130 + "（新华社）"], 0)
@settings(max_examples=500, deadline=None)
def test_the_steps_decide_as_without_a_survey(texts: list[str], cut: int) -> None:
    blocks = _blocks(texts)
    survey = Survey.read(blocks)
    assert survey is not None
    # Each step is handed the survey of a list the blocks were taken from.
    first = blocks[: max(len(blocks) - cut, 0)]
    assert cleaners._cut_promo_tail(first, survey) == cleaners._cut_promo_tail(first)
    assert cleaners._cut_related_lists(first, survey) == cleaners._cut_related_lists(first)
    assert cleaners._with_key(first, survey) == cleaners._with_key(first)
    assert leftovers.clean_leftovers(first, survey) == leftovers.clean_leftovers(first)
    assert cleaners._to_ask(blocks, "x", survey) == cleaners._to_ask(blocks, "x")


def test_a_survey_refuses_what_it_cannot_read() -> None:
    assert CTREE is not None
    with pytest.raises(ValueError, match="NUL"):
        CTREE.survey(["x"], 64, " w\0s", 1, 300, 39, 740)
    with pytest.raises(TypeError, match="str"):
        CTREE.survey([b"x"], 64, " was", 1, 300, 39, 740)  # type: ignore[list-item]
