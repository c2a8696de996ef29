"""The compiled tree facts are the pure ones: text sizes kept in the nodes, marks.

On the compiled path :func:`~newsparse.body._tree.measure` keeps each element's sizes
in its node (``_ctree.Sizes``) instead of a dict keyed by element proxies, and
``flagged`` picks the elements whose marks a :class:`~newsparse.body._marks.MarkRules`
flags; these tests compare them with the references on generated and mutated HTML (see
``test_accel`` for the other facts).
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsparse.body._marks import MarkRules, _encoded, flagged, flagged_py
from newsparse.body._tree import (
    FirstChar,
    _names,
    _opens_with,
    _text_of,
    holds,
    measure,
    measure_py,
    sized,
    sized_py,
    tagged,
    tagged_py,
)
from newsparse.body.chrome import (
    _CHROME_SUSPECTS,
    _COMMENTS_FIRST,
    _COMMENTS_LABEL,
    CHROME_MARKS,
    remove_chrome_by_name,
)
from newsparse.body.content import (
    _BYLINE_MARKS,
    _COMMENTS_ID_MARKS,
    _CONTENT_MARKS,
    _STANDFIRST_MARKS,
    plan_content,
)

from .test_accel import CTREE, PARITY, _tree, mutated_html, needs_extension, pure_path


def _read(sizes: Any, root: Any) -> list[Any]:
    """What ``sizes`` holds for each element-like node of ``root`` (None when absent)."""
    return [sizes.get(el) for el in root.iter()]


@needs_extension
@PARITY
@given(mutated_html())
def test_measure_matches_the_reference(html: str) -> None:
    assert CTREE is not None
    tree = _tree(html)
    sizes = CTREE.measure(tree)
    assert type(sizes).__name__ == "Sizes" and not isinstance(sizes, dict)
    assert _read(sizes, tree) == _read(measure_py(tree), tree)


@needs_extension
@PARITY
@given(mutated_html())
def test_measure_of_a_subtree_matches(html: str) -> None:
    assert CTREE is not None
    for el in _tree(html).iter(etree.Element):
        assert _read(CTREE.measure(el), el) == _read(measure_py(el), el)


@needs_extension
def test_measure_counts_what_str_split_calls_white_space() -> None:
    assert CTREE is not None
    spaces = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
    tree = _tree(f"<p>a{spaces}b<a href=x>字{spaces}</a>\U0001f600\x85</p>")
    p = tree.find(".//p")
    assert CTREE.measure(tree).get(p) == measure_py(tree)[p] == (4, 1)  # a b 字 😀


@needs_extension
def test_sizes_read_only_what_was_measured() -> None:
    assert CTREE is not None
    tree = _tree("<div><p>one two</p></div><p>three</p>")
    first, second = tree.iter("p")
    sizes = CTREE.measure(first.getparent())
    assert sizes.get(first) == (6, 0)
    # Outside the measured subtree, in another document, or not an element: absent.
    assert sizes.get(second) is None
    assert sizes.get(second, (0, 0)) == (0, 0)
    assert sizes.get(_tree("<p>three</p>").find(".//p"), "absent") == "absent"
    assert sizes.get("p") is None
    # An element made after measuring was not measured.
    added = etree.SubElement(first, "span")
    added.text = "four"
    assert sizes.get(added) is None


@needs_extension
@PARITY
@given(mutated_html())
def test_sized_reads_the_sizes_kept_in_the_nodes(html: str) -> None:
    assert CTREE is not None
    for index in range(4):
        # A fresh tree per measured root: measuring again rewrites what the nodes hold.
        tree = _tree(html)
        roots = [tree, *tree.iter("div", "p", "section")]
        if index >= len(roots):
            break
        root = roots[index]
        compiled, pure = CTREE.measure(root), measure_py(root)
        for tags in [None, ("span", "div", "a", "p"), ("p", "h2", "strong")]:
            for low, high in [(2, 24), (0, 0), (4, 20), (0, 10**9), (1, 3)]:
                assert CTREE.sized(tree, compiled, low, high, _names(tags)) == list(
                    sized_py(tree, pure, low, high, tags)
                )


_FLAG_ASKS = [
    (CHROME_MARKS, _CHROME_SUSPECTS, None),
    (CHROME_MARKS, frozenset(), frozenset({"span", "div", "a", "p"})),
    (MarkRules(tokens=(str.isupper,), values=(("title", str.isdigit),)), frozenset({"p"}), None),
]


@needs_extension
@PARITY
@given(mutated_html())
def test_flagged_matches_the_reference(html: str) -> None:
    assert CTREE is not None
    tree = _tree(html)
    for root in [tree, *tree.iter("div", "p", "section")]:
        for rules, tags, among in _FLAG_ASKS:
            for below in (True, False):
                assert CTREE.flagged(
                    root, rules, _encoded(tags), _encoded(among), below
                ) == flagged_py(root, rules, tags, among, below=below)


def test_flagged_picks_marks_and_tags_and_where_each_subtree_ends() -> None:
    tree = _tree(
        '<div class="share"><p class="x"><span class="ad-slot">1</span></p><h2>2</h2></div>'
        '<aside>3</aside><p id="comments">4</p><footer><i hidden>5</i></footer>'
        '<p style="display: none">6</p><p aria-hidden="false">7</p>'
    )
    found, after = flagged(tree, CHROME_MARKS, _CHROME_SUSPECTS, below=True)
    share, comments = CHROME_MARKS.bit(_chrome_token()), CHROME_MARKS.bit(_comments_token())
    assert [(el.tag, mask) for el, _, mask in found] == [
        ("div", share),
        ("span", share),
        ("h2", 0),
        ("aside", 0),
        ("p", comments),
        ("footer", 0),
        ("i", CHROME_MARKS.bit(CHROME_MARKS.values[0][1])),
        ("p", CHROME_MARKS.bit(CHROME_MARKS.values[2][1])),
    ]
    assert after == [3, 2, 3, 4, 5, 7, 7, 8]
    assert [el.tag for el, *_ in flagged(tree, CHROME_MARKS, frozenset(), None)[0]] == [
        "div", "span", "p", "i", "p",
    ]  # fmt: skip


_OTHER_MARKS = (_CONTENT_MARKS, _STANDFIRST_MARKS, _COMMENTS_ID_MARKS, _BYLINE_MARKS)


def _chrome_token() -> Any:
    return CHROME_MARKS.tokens[0]


def _comments_token() -> Any:
    return CHROME_MARKS.tokens[1]


@pytest.mark.parametrize("space", [" ", "\t", "\u3000", "\xa0", "\u2028", "\x1c"])
def test_marks_judge_each_token_split_as_str_split_does(space: str) -> None:
    rules = MarkRules(tokens=(str.isupper,))
    tree = _tree(f'<p class="lower{space}UP">x</p><p id="x{space}y">y</p>', clean=False)
    first, second = tree.iter("p")
    assert rules.mask_of(first) == 1 and rules.mask_of(second) == 0
    for path in (True, False):
        if path:
            found = flagged(tree, rules)[0]
        else:
            with pure_path():
                found = flagged(tree, rules)[0]
        assert [el for el, *_ in found] == [first]


def test_a_selection_judges_each_value_once_and_keeps_no_memo() -> None:
    asked: list[str] = []

    def upper(token: str) -> bool:
        asked.append(token)
        return token.isupper()

    rules = MarkRules(tokens=(upper,))
    tree = _tree('<p class="A b">1</p><p class="A b">2</p><p class="c">3</p>')
    for path in (True, False):
        for _ in range(2):
            asked.clear()
            with contextlib.nullcontext() if path else pure_path():
                found = flagged(tree, rules)[0]
            assert [el.text for el, *_ in found] == ["1", "2"]
            assert asked == ["A", "b", "c"]  # "A b" judged once, and again in each call
    assert rules.index_of == {"class": 0, "id": 1} and not hasattr(rules, "memos")
    assert rules.judge(0, "A b") == 1 and asked[-2:] == ["A", "b"]  # judge remembers nothing


def test_a_token_and_a_value_of_the_same_text_are_judged_apart() -> None:
    rules = MarkRules(
        tokens=(str.isupper,), values=(("id", lambda v: v == "X"),), token_attributes=("class",)
    )
    tree = _tree('<p class="X">1</p><p id="X">2</p><p id="Y" class="Y">3</p>')
    for path in (True, False):
        with contextlib.nullcontext() if path else pure_path():
            masks = [mask for _, _, mask in flagged(tree, rules)[0]]
        assert masks == [1, 2, 1]


@PARITY
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["class", "id", "style", "hidden", "aria-hidden", "title"]),
            st.sampled_from(["share-bar", "post x", "X", "display:none", "true", "", "comments"]),
        ),
        max_size=12,
    )
)
def test_a_selections_memo_gives_the_masks_of_the_plain_predicates(
    attributes: list[tuple[str, str]],
) -> None:
    html = "".join(f'<div {name}="{value}">t</div>' for name, value in attributes)
    tree = _tree(f"<section>{html}</section>")
    for rules in (CHROME_MARKS, *_OTHER_MARKS):
        memos = rules.new_memos()
        plain = [rules.mask_of(el) for el in tree.iter()]
        assert [rules.mask_of(el, memos) for el in tree.iter()] == plain
        assert [rules.mask_of(el, memos) for el in tree.iter()] == plain  # from the memo
        for path in (True, False):
            with contextlib.nullcontext() if path else pure_path():
                found = flagged(tree, rules)[0]
            assert [mask for *_, mask in found] == [mask for mask in plain if mask]


_OPENINGS = [FirstChar(re.compile("[相CcB]")), FirstChar(re.compile(r"\w"))]


@needs_extension
@PARITY
@given(mutated_html())
def test_sized_by_opening_and_links_matches_the_reference(html: str) -> None:
    assert CTREE is not None
    tree = _tree(html)
    compiled, pure = CTREE.measure(tree), measure_py(tree)
    for first in [None, *_OPENINGS]:
        for unlinked in (False, True):
            for tags in [None, ("h2", "p", "strong")]:
                assert CTREE.sized(tree, compiled, 0, 30, _names(tags), first, unlinked) == list(
                    sized_py(tree, pure, 0, 30, tags, first=first, unlinked=unlinked)
                )
    for share in [None, (1, 1), (9, 10), (1, 2)]:
        for limit in (0, 1, 2):
            expected = list(sized_py(tree, pure, 1, 10**9, share=share))
            assert CTREE.sized(tree, compiled, 1, 10**9, None, None, False, share, limit) == (
                expected[:limit] if limit else expected
            )


def test_sized_keeps_a_share_of_link_text_and_stops_at_a_limit() -> None:
    tree = _tree('<h2><a href="/a">Linked</a></h2><h2>Half <a href="/b">link</a></h2><h3>x</h3>')
    for path in (True, False):
        with contextlib.nullcontext() if path else pure_path():
            sizes = measure(tree)
            assert [s for _, s, _ in sized(tree, sizes, 1, 99, ("h2", "h3"), share=(1, 1))] == [6]
            assert [s for _, s, _ in sized(tree, sizes, 1, 99, ("h2", "h3"), share=(1, 2))] == [
                6,
                8,
            ]
            assert [s for _, s, _ in sized(tree, sizes, 1, 99, ("h2", "h3"), limit=2)] == [6, 8]
            assert holds(tree, sizes, 1, 1, ("h3",))
            assert not holds(tree, sizes, 2, 5, ("h2", "h3"))


def test_sized_keeps_the_elements_a_rule_on_their_first_character_accepts() -> None:
    tree = _tree(
        "<p> \u200b相关阅读</p><p>Comments</p><p><a href=x>相关</a></p><p></p><p>b</p>", clean=False
    )
    opening = FirstChar(re.compile("[相C]"))
    for path in (True, False):
        if path:
            found = sized(tree, measure(tree), 0, 10, ("p",), first=opening)
            unlinked = sized(tree, measure(tree), 0, 10, ("p",), first=opening, unlinked=True)
        else:
            with pure_path():
                found = list(sized(tree, measure(tree), 0, 10, ("p",), first=opening))
                unlinked = list(
                    sized(tree, measure(tree), 0, 10, ("p",), first=opening, unlinked=True)
                )
        assert [size for _, size, _ in found] == [5, 8, 2]  # U+200B is not white space
        assert [size for _, size, _ in unlinked] == [5, 8]
    assert not hasattr(opening, "memo")


def test_sized_judges_each_first_character_once_per_call() -> None:
    asked: list[str] = []
    pattern = re.compile("[相C]")

    class Counting:
        def match(self, char: str) -> re.Match[str] | None:
            asked.append(char)
            return pattern.match(char)

    opening = FirstChar(Counting())  # type: ignore[arg-type]
    tree = _tree("<p>相关</p><p>Comments</p><p>Close</p><p>b</p><p>bb</p>")
    for path in (True, False):
        for _ in range(2):
            asked.clear()
            with contextlib.nullcontext() if path else pure_path():
                found = list(sized(tree, measure(tree), 0, 10, ("p",), first=opening))
            assert [size for _, size, _ in found] == [2, 8, 5]
            # Each judged once, and again in each call; the compiled pass reads an ASCII
            # character's verdict in the FirstChar's table (judged once, when it was made).
            assert asked == (["相", "C", "b"] if not path or CTREE is None else ["相"])


_LABEL_PARTS = st.sampled_from([
    "Comments", "comments", "COMMENT", "Responses", "discussion", "评论", "評論", "留言",
    "网友评论", "網友評論", "12", "٣", "３", " ", "\u200b", "\xa0", "(3)", "（2）", ":", "：",
    "<b>", "</b>", "Related", "x",
])  # fmt: skip


@PARITY
@given(st.lists(_LABEL_PARTS, max_size=5))
def test_a_comments_label_opens_with_a_character_its_pre_check_accepts(parts: list[str]) -> None:
    heading = etree.HTML(f"<h3>{''.join(parts)}</h3>").find(".//h3")
    if _COMMENTS_LABEL.match(_text_of(heading)) is not None:
        assert _opens_with(heading, _COMMENTS_FIRST)
        with pure_path():
            assert _opens_with(heading, _COMMENTS_FIRST)


def test_a_comments_label_goes_with_or_without_a_count() -> None:
    for label in ["\u200b 12 Comments", "评论（3）：", "Responses", "٣ comments"]:
        root = etree.HTML(f"<div><p>{'正文' * 60}</p><h3>{label}</h3><p>一条评论</p></div>")
        body = root.find(".//div")
        remove_chrome_by_name(body, measure(body))
        assert body.find(".//h3") is None, label


def test_a_block_holding_an_authors_comments_section_is_read_as_the_article() -> None:
    essay = "这是一篇由文章作者写的长评论。" * 30
    root = etree.HTML(
        f"<body><div class='entry-content'><p>{'正文内容。' * 20}</p></div><div><section"
        f" id='comments'><div class='comment comment-by-node-author'><h3>Zhang San</h3>"
        f"<p>{essay}</p></div></section></div><div><p id='x'>{essay}</p></div></body>"
    )
    body = root.find("body")
    for path in (True, False):
        with contextlib.nullcontext() if path else pure_path():
            plan = plan_content(body, measure(body))
            assert [el.tag for el in plan.threads] == ["div"]
            assert plan.threads[0].find("section") is not None
            assert plan.contributors == "Zhang San"


@needs_extension
@PARITY
@given(mutated_html())
def test_tagged_matches_the_reference(html: str) -> None:
    assert CTREE is not None
    tree = _tree(html)
    for root in [tree, *tree.iter("div", "p")]:
        for tags in [("div", "noscript"), ("p",), ("o:p", "Span", "span")]:
            assert CTREE.tagged(root, _names(tags)) == tagged_py(root, tags)


def test_tagged_finds_the_elements_of_some_tags_in_document_order() -> None:
    tree = etree.HTML("<div><noscript><p>a</p></noscript><form><button>b</button></form></div>")
    for path in (True, False):
        with contextlib.nullcontext() if path else pure_path():
            assert [el.tag for el in tagged(tree, ("button", "p"))] == ["p", "button"]
