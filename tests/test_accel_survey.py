"""The page's first compiled passes are the pure ones: sizes counted a block of bytes at a
time, and the selections a page is read by, picked together in one pass.

``measure`` counts the non-space characters of a long text node :data:`32 bytes
<newsparse._ctree>` at a time without a branch a byte (its last bytes from a padded copy),
and :func:`~newsparse.body._marks.picks` picks the elements of several
:class:`~newsparse.body._marks.MarkRules` in one walk (:func:`~newsparse.body.content.page_picks`:
the byline elements and content containers). These tests compare them with the references
on generated text and HTML.
"""

from __future__ import annotations

import html
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsparse.body import _tree as tree_module
from newsparse.body import chrome, content, structure
from newsparse.body._marks import MarkRules, _encoded_selections, picked, picks, picks_py
from newsparse.body._tree import (
    IDEOGRAPHS,
    FirstChar,
    _classes_of,
    _remove_keep_tail,
    _size,
    _token_hit,
    marked_py,
    measure_py,
    sized_py,
)
from newsparse.body.chrome import CHROME_MARKS
from newsparse.body.content import (
    _AUTHOR_BOX_OPENING,
    _BYLINE_MARKS,
    _BYLINE_TAGS,
    _COMMENTS_ID_MARKS,
    _CONTAINER_TAGS,
    _CONTENT_MARKS,
    _PAGE_SELECTIONS,
    _STANDFIRST_MARKS,
    _THREAD_SELECTIONS,
    _USER_COMMENT_MARK,
    measure_and_pick,
    page_picks,
)
from newsparse.body.structure import _RELATED_OPENING, STRUCTURE_RULES, remove_chrome_by_shape

from .test_accel import CTREE, PARITY, _tree, mutated_html, needs_extension, pure_path
from .test_mark_words import SPACES, values

# Every character str.split calls white space, the near misses of the multi-byte ones (a
# byte apart in UTF-8: U+200B after U+200A, U+2027, U+202E, U+205E, U+3001, U+1681...),
# and characters of every UTF-8 width.
_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_NEAR = "\u200b\u2027\u202a\u202e\u2030\u205e\u2060\u3001\u3002\u1681\u167f\x84\x86\x9f\xa1"
_ALPHABET = _SPACES + _NEAR + "ab Z9,.-字中文。é\u00e0\U0001f600\U00020000\u2013\u201c"

LONG_TEXTS = st.text(alphabet=_ALPHABET, max_size=160)


def _sizes(sizes: Any, root: Any) -> list[Any]:
    return [sizes.get(el) for el in root.iter()]


@needs_extension
@PARITY
@given(LONG_TEXTS, LONG_TEXTS, st.integers(0, 40))
def test_measure_counts_long_texts_as_the_reference(text: str, tail: str, pad: int) -> None:
    # The padding moves each character across the 32-byte blocks; the text, the link text
    # and the tail are each one text node (the parser keeps them whole).
    assert CTREE is not None
    html = f"<div><p>{'x' * pad}{text}<a href=y>{text}{tail}</a>{tail}</p>{text}</div>"
    tree = _tree(html, clean=False)
    assert _sizes(CTREE.measure(tree), tree) == _sizes(measure_py(tree), tree)


@needs_extension
def test_measure_counts_every_kind_of_white_space_at_every_offset() -> None:
    assert CTREE is not None
    for pad in range(70):
        for space in _SPACES + _NEAR:
            text = "a" * pad + space + "字" * 3 + space
            tree = _tree(f"<p>{text}</p>", clean=False)
            p = tree.find(".//p")
            expected = measure_py(tree)[p]
            assert (
                CTREE.measure(tree).get(p) == expected == (pad + 3 + 2 * (not space.isspace()), 0)
            )


_SELECTIONS: list[tuple[Any, ...]] = [
    _PAGE_SELECTIONS,
    ((_COMMENTS_ID_MARKS, None), (CHROME_MARKS, None), (_STANDFIRST_MARKS, None)),
    ((_CONTENT_MARKS, frozenset({"div"})),),
    ((MarkRules(tokens=(str.isupper,), values=(("title", str.isdigit),)), frozenset({"p"})),),
    (),
]


@needs_extension
@PARITY
@given(mutated_html())
def test_picks_match_the_reference(html: str) -> None:
    assert CTREE is not None
    tree = _tree(html)
    for root in [tree, *tree.iter("div", "p", "section")]:
        for selections in _SELECTIONS:
            assert picks(root, selections) == picks_py(root, selections)
            # ... and each is what picked gives for that selection alone.
            assert picks(root, selections) == [
                list(picked(root, rules, among)) for rules, among in selections
            ]
            # ... and measuring picks them in the same pass.
            sizes, found = CTREE.measure_picks(root, _encoded_selections(selections))
            assert found == picks_py(root, selections)
            assert _sizes(sizes, root) == _sizes(measure_py(root), root)


def test_the_page_picks_are_the_byline_and_container_selections() -> None:
    body = _tree(
        '<div class="entry-content"><span class="byline">By A</span><p class="author">B</p>'
        '<section id="main-content"><a class="Author-Name">C</a><em class="byline">D</em>'
        "</section></div>"
    )
    picked_here = page_picks(body)
    if CTREE is None:
        assert picked_here is None
        return
    assert picked_here is not None
    assert [el.text for el, _, _ in picked_here.bylines] == ["By A", "B", "C"]
    assert [el.tag for el, _, _ in picked_here.containers] == ["div", "section"]
    assert picked_here.bylines == list(picked(body, _BYLINE_MARKS, _BYLINE_TAGS))
    assert picked_here.containers == list(picked(body, _CONTENT_MARKS, _CONTAINER_TAGS))
    sizes, measured = measure_and_pick(body)
    assert measured == picked_here
    assert _sizes(sizes, body) == _sizes(measure_py(body), body)
    with pure_path():
        assert page_picks(body) is None
        sizes, measured = measure_and_pick(body)
        assert measured is None
        assert _sizes(sizes, body) == _sizes(measure_py(body), body)


# ---------------------------------------------------------------------------- a thread's marks


def _old_items(el: Any) -> list[Any]:
    """The comments of a thread as ``_author_thread`` found them before (the reference)."""
    return [
        e
        for e, cls, _ in marked_py(el)
        if cls and "comment" in (lowered := cls.lower()) and "comment" in lowered.split()
    ]


def _old_furniture(el: Any) -> bool:
    return any(
        (classes := _classes_of(cls, ident)) and _token_hit(classes, _USER_COMMENT_MARK)
        for _, cls, ident in marked_py(el)
    )


_THREAD_WORDS = st.sampled_from([
    "comment", "Comment", "COMMENT", "comments", "comment-by-node-author", "reply", "Permalink",
    "comment-time", "says", "vcard", "avatar", "commenter-name", "submitted", "x", "ſays",
    "comment\u212a", "İ", "comment_x", "x-comment",
])  # fmt: skip


@st.composite
def _thread_value(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(values())
    parts = draw(st.lists(st.tuples(_THREAD_WORDS, SPACES), max_size=3))
    return "".join(word + space for word, space in parts)


@st.composite
def _thread(draw: st.DrawFn) -> str:
    out = []
    for _ in range(draw(st.integers(1, 6))):
        tag = draw(st.sampled_from(["div", "li", "span", "p", "article"]))
        attrs = ""
        for name in draw(st.lists(st.sampled_from(["class", "id"]), max_size=2, unique=True)):
            attrs += f' {name}="{html.escape(draw(_thread_value()))}"'
        out.append(f"<{tag}{attrs}>text")
    return "<section>" + "".join(out) + "</section>"


@PARITY
@given(_thread())
def test_a_threads_comments_and_furniture_are_what_they_were(markup: str) -> None:
    tree = _tree(markup)
    for el in [tree, *tree.iter("section", "div", "li")]:
        expected = (_old_items(el), _old_furniture(el))
        found, furniture = picks(el, _THREAD_SELECTIONS)
        assert ([e for e, _, _ in found], bool(furniture)) == expected
        with pure_path():
            found, furniture = picks(el, _THREAD_SELECTIONS)
            assert ([e for e, _, _ in found], bool(furniture)) == expected


# ---------------------------------------------------------------------------- first characters


def _first_char_rules() -> list[FirstChar]:
    """Every FirstChar the body extractor declares (module data)."""
    found = []
    for module in (structure, content, chrome, tree_module):
        found.extend(value for value in vars(module).values() if isinstance(value, FirstChar))
    return found


def test_every_first_character_rule_knows_its_ascii_and_ideograph_verdicts() -> None:
    # The exactness of the compiled look-ups: each ideograph (and ASCII character) is
    # accepted by the table exactly when the pattern accepts it.
    rules = _first_char_rules()
    assert {id(rule) for rule in rules} >= {id(_RELATED_OPENING), id(_AUTHOR_BOX_OPENING)}
    low, high = IDEOGRAPHS
    for rule in rules:
        assert [rule.ascii[code] == 1 for code in range(128)] == [
            rule.judge(chr(code)) for code in range(128)
        ]
        if rule.ideographs is not None:
            accepted = "".join(chr(c) for c in range(low, high + 1) if rule.judge(chr(c)))
            assert accepted == rule.ideographs


_OPENINGS = [_RELATED_OPENING, _AUTHOR_BOX_OPENING, FirstChar(re.compile(r"[相a]", re.I))]
_LABELS = st.sampled_from(["相关阅读", "关于作者", "專欄作者", "Related", "about", "x", "中", "ǅ"])


@needs_extension
@PARITY
@given(mutated_html(), st.lists(_LABELS, max_size=4))
def test_sized_by_first_character_tables_matches_the_reference(
    html: str, labels: list[str]
) -> None:
    assert CTREE is not None
    tree = _tree(html + "".join(f"<p>{label}</p><h3> {label}</h3>" for label in labels))
    sizes = measure_py(tree)
    for first in _OPENINGS:
        for unlinked in (False, True):
            assert CTREE.sized(tree, sizes, 0, 30, None, first, unlinked) == list(
                sized_py(tree, sizes, 0, 30, None, first=first, unlinked=unlinked)
            )


@needs_extension
def test_the_compiled_selection_reads_the_ideographs_it_is_given() -> None:
    # What the exactness test above guards: an ideograph is not asked of the pattern.
    assert CTREE is not None
    tree = _tree("<p>相关</p><p>another</p>")
    sizes = measure_py(tree)
    right = FirstChar(re.compile("[相a]"), ideographs="相")
    wrong = FirstChar(re.compile("[相a]"), ideographs="")
    assert [el.text for el, _, _ in CTREE.sized(tree, sizes, 0, 30, (b"p",), right)] == [
        "相关",
        "another",
    ]
    assert [el.text for el, _, _ in CTREE.sized(tree, sizes, 0, 30, (b"p",), wrong)] == ["another"]


# ---------------------------------------------------------------------------- chrome by shape


def _by_every_rule(content: Any, sizes: Any, title: str | None) -> None:
    """``remove_chrome_by_shape`` asking every rule (the reference of its pre-check)."""
    total = max(1, _size(sizes, content))
    for rule in STRUCTURE_RULES:
        # The picks of the tree as it is when the rule runs (it removes nothing itself).
        now = structure._Picks(*structure.shape_picks_py(content))
        for el in rule(content, sizes, title, lambda now=now: now):
            if _size(sizes, el) * 2 <= total:
                _remove_keep_tail(el)


_SHAPES = st.sampled_from([
    "<p>" + "prose " * 8 + "</p>", "<p>short</p>", '<div><a href="/a">Home</a> <a href="/b">About</a></div>',
    '<section><a href="/c">' + "link " * 10 + "</a></section>", "<div><h3>No More.</h3><img src=x.png></div>",
    '<h3><a href="/t">The Title</a></h3>', "<h2>相关阅读：</h2>", '<ul><li><a href="/r">Another</a></li></ul>',
    "<div><span>端傳媒</span> · <time>2019-12-17</time></div>", "<div><img src=me.jpg> A. Writer <button>Follow</button></div>",
    '<div><h4><a href="/b">Another story here</a></h4><time>May 1</time></div>', "<figure><img src=a.jpg></figure>",
    "<blockquote>quoted</blockquote>", "<div></div>",
])  # fmt: skip


@st.composite
def _shaped(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(mutated_html())
    return "".join(draw(st.lists(_SHAPES, min_size=1, max_size=8)))


@PARITY
@given(_shaped(), st.sampled_from([None, "", "Comments", "The Title", "word " * 30]))
def test_chrome_by_shape_asks_only_the_rules_that_may_find_something(
    markup: str, title: str | None
) -> None:
    trees = [_tree(markup), _tree(markup)]
    remove_chrome_by_shape(trees[0], measure_py(trees[0]), title)
    _by_every_rule(trees[1], measure_py(trees[1]), title)
    assert etree.tostring(trees[0]) == etree.tostring(trees[1])
