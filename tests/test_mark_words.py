"""Token rules as data (``body._marks.Words``, ``ExactValue``) decide as the predicates
they replaced, on both paths.

The class/id rules of chrome removal, the content root, the standfirst, the byline and
reader comments were regular expressions and Python predicates; they are now declared as
data, which the compiled pass (``_ctree.flagged``) reads to judge ASCII values in C. The
predicates as they stood are frozen here (``OLD_*``) as the differential reference:

- each data rule (its ASCII fast path and its regex reference) == the old predicate, on
  tokens made of the rules' words, separators, random ASCII and the characters that
  Unicode case folding matches to ASCII letters (``ſ``, the Kelvin sign, ``ı``, ``İ``);
- each ``MarkRules`` judges values as one built from the old predicates does;
- compiled ``flagged``/``picked``/``marks_of`` == the pure ones on generated and hostile
  HTML (non-ASCII, control characters, entities, huge attributes).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsparse.body import _marks
from newsparse.body._marks import (
    ExactValue,
    MarkRules,
    Words,
    _encoded,
    flagged,
    flagged_py,
    marks_of,
    picked,
)
from newsparse.body.chrome import (
    _CHROME_MARK,
    _COMMENTS_MARK,
    _COMMENTS_TOKEN,
    CHROME_MARKS,
    _aria_hides,
    _hides,
    _style_hides,
)
from newsparse.body.content import (
    _BYLINE_MARK,
    _BYLINE_MARKS,
    _COMMENTS_ID,
    _COMMENTS_ID_MARKS,
    _CONTENT_CLASS,
    _CONTENT_ID,
    _CONTENT_MARKS,
    _NAME_TOKEN,
    _STANDFIRST_MARK,
    _STANDFIRST_MARKS,
    _USER_COMMENT_MARK,
)

from .test_accel import CTREE, PARITY, _tree, needs_extension, pure_path

# ---------------------------------------------------------------------------- the old rules

OLD_CHROME_TOKEN = re.compile(
    r"(?:^|[_-])(?:(?P<share>share|sharing|sharedaddy|social|service-links|likes?|like-button|"
    r"reactions|print|toolbar)|(?P<comments>comment-respond|comment-form|respond|reply|disqus)|"
    r"(?P<navigation>sidebar|widget|breadcrumbs?|pagination|pager|menu|navbar|navigation|"
    r"skip-link)|(?P<masthead>site-header|page-header|logo)|(?P<advertising>advert|"
    r"advertisement|ads|ad-slot|adsbygoogle|code-block|promo)|(?P<subscription>newsletter|"
    r"subscribe|subscription|paywall|login|signup)|(?P<related>related|relatedposts|"
    r"jp-relatedposts|read-more|readmore|more-stories|recommend|recommended|you-may-like|"
    r"also-read|outbrain|taboola)|(?P<meta>entry-meta|post-meta|article-meta|meta-info|rdf-meta|"
    r"submitted|tags|tag-links|cat-links|tagcloud)|(?P<author>author-box|author-info|"
    r"author-wrap|author-wrapper|entry-author|author-bio|about-author)|(?P<footer>entry-footer|"
    r"post-footer|site-footer|copyright-notice)|(?P<hidden>screen-reader-text|sr-only|"
    r"visually-hidden)|(?P<overlay>cookie|popup|modal))(?:$|[_-])",
    re.IGNORECASE,
)
OLD_HIDDEN_TOKENS = frozenset((
    "hidden", "element-hidden", "element-invisible", "invisible", "visually-hidden", "sr-only",
    "screen-reader-text", "screenreader-only", "d-none", "is-hidden",
))  # fmt: skip
OLD_CHROME_SUBSTRINGS = ("paywall", "barrier", "recirc")
OLD_FLAG_TOKEN = re.compile(r"-(?:no|none|false|off)$", re.I)
OLD_COMMENTS_TOKEN = re.compile(
    r"(?:^|[_-])(?:comments?|comment-list|commentlist|comment-wrapper|comment-section)(?:$|[_-])",
    re.I,
)
OLD_CONTENT_MARKERS = re.compile(
    r"(?:^|[\s_-])(?:entry-content|post-content|article-content|article-body|articlebody|"
    r"story-body|post-body|field-name-body|article__body|rich-text|node-content|"
    r"content-body|main-content|article-text|text-content|richtext)(?:$|[\s_-])",
    re.IGNORECASE,
)
OLD_CONTENT_IDS = re.compile(
    r"^(?:article-content|articlebody|article_body|content-body|main-content)$", re.I
)
OLD_STANDFIRST_TOKEN = re.compile(
    r"(?:^|[_-])(?:abstract|standfirst|summary|description|dek|deck|lede|lead|excerpt|subtitle|"
    r"sub-title|subhead|intro)(?:$|[_-])",
    re.I,
)
OLD_USER_COMMENT_MARK = re.compile(
    r"(?:^|[_-])(?:reply|permalink|comment-time|comment-date|comment-meta|comment-author|"
    r"comment-submitted|submitted|says|vcard|avatar|commenter-name)(?:$|[_-])",
    re.I,
)
OLD_BYLINE_TOKEN = re.compile(
    r"(?:^|[_-])(?:byline|author|author-name|writer|field-name-author|author-wrap)(?:$|[_-])", re.I
)
OLD_NAME_TOKEN = re.compile(r"(?:^|[_-])(?:name|username|author-name|nickname|fn)(?:$|[_-])", re.I)


def old_chrome_token(token: str) -> bool:
    if OLD_FLAG_TOKEN.search(token):
        return False
    lowered = token.lower()
    if lowered in OLD_HIDDEN_TOKENS or any(sub in lowered for sub in OLD_CHROME_SUBSTRINGS):
        return True
    return OLD_CHROME_TOKEN.search(token) is not None


def _searcher(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda token: pattern.search(token) is not None


old_comments_token = _searcher(OLD_COMMENTS_TOKEN)
old_content_class = _searcher(OLD_CONTENT_MARKERS)
old_standfirst_token = _searcher(OLD_STANDFIRST_TOKEN)
old_byline_token = _searcher(OLD_BYLINE_TOKEN)


def old_content_id(ident: str) -> bool:
    return OLD_CONTENT_IDS.match(ident) is not None


def old_is_comments_id(ident: str) -> bool:
    return ident == "comments"


OLD_CHROME_MARKS = MarkRules(
    tokens=(old_chrome_token, old_comments_token),
    values=(("hidden", _hides), ("aria-hidden", _aria_hides), ("style", _style_hides)),
)
OLD_CONTENT_MARKS = MarkRules(
    tokens=(old_content_class,), values=(("id", old_content_id),), token_attributes=("class",)
)
OLD_STANDFIRST_MARKS = MarkRules(tokens=(old_standfirst_token,))
OLD_COMMENTS_ID_MARKS = MarkRules(
    tokens=(), values=(("id", old_is_comments_id),), token_attributes=()
)
OLD_BYLINE_MARKS = MarkRules(tokens=(old_byline_token,))

TOKEN_RULES: list[tuple[Words, Callable[[str], bool]]] = [
    (_CHROME_MARK, old_chrome_token),
    (_COMMENTS_MARK, old_comments_token),
    (_CONTENT_CLASS, old_content_class),
    (_STANDFIRST_MARK, old_standfirst_token),
    (_BYLINE_MARK, old_byline_token),
]
PATTERNS = [
    (_COMMENTS_TOKEN, OLD_COMMENTS_TOKEN),
    (_USER_COMMENT_MARK, OLD_USER_COMMENT_MARK),
    (_NAME_TOKEN, OLD_NAME_TOKEN),
]
RULE_SETS = [
    (CHROME_MARKS, OLD_CHROME_MARKS),
    (_CONTENT_MARKS, OLD_CONTENT_MARKS),
    (_STANDFIRST_MARKS, OLD_STANDFIRST_MARKS),
    (_COMMENTS_ID_MARKS, OLD_COMMENTS_ID_MARKS),
    (_BYLINE_MARKS, OLD_BYLINE_MARKS),
]

# ---------------------------------------------------------------------------- generated tokens

_WORDS = sorted({
    *(w for rule, _ in TOKEN_RULES for w in (*rule.words, *rule.tokens, *rule.substrings)),
    *_CONTENT_ID.values, "article_body", "no", "none", "false", "off", "username", "fn",
    "permalink", "vcard", "says", "likes", "breadcrumbs", "comments", "x", "post", "bar",
})  # fmt: skip
# Characters that re.IGNORECASE matches to ASCII letters, or whose lower() is not one
# character, and other non-ASCII, control and punctuation characters.
_TRICKY = {"s": "ſ", "k": "\u212a", "i": "ı", "I": "İ"}
_ODD = ["ſ", "\u212a", "ı", "İ", "ß", "é", "É", "中", "\x01", "\x7f", "-", "_", ".", ":", "0"]


@st.composite
def pieces(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(_WORDS))
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return word.upper()
    if kind == 1:
        return "".join(c.upper() if draw(st.booleans()) else c for c in word)
    if kind == 2:  # one letter as a Unicode case-folding twin of it
        at = [i for i, c in enumerate(word) if c in _TRICKY]
        if at:
            i = draw(st.sampled_from(at))
            return word[:i] + _TRICKY[word[i]] + word[i + 1 :]
        return word
    if kind == 3:
        return draw(st.sampled_from(_ODD))
    if kind == 4:
        return draw(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=4))
    return word


SEPARATORS = st.sampled_from(["-", "_", "", "", "--", "-_", "__"])


@st.composite
def tokens(draw: st.DrawFn) -> str:
    """A class/id token: pieces and separators, no white space (as ``str.split`` gives)."""
    parts = draw(st.lists(st.tuples(pieces(), SEPARATORS), min_size=1, max_size=5))
    token = "".join(piece + sep for piece, sep in parts)
    if draw(st.booleans()):
        token = draw(SEPARATORS) + token
    return "".join(token.split()) or "x"


SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f",
                          "\xa0", "\u3000", "\u2028", "\x85"])  # fmt: skip


@st.composite
def values(draw: st.DrawFn) -> str:
    """An attribute value: tokens between white space of every kind, or an id variant."""
    if draw(st.integers(0, 4)) == 0:
        value = draw(st.sampled_from(sorted({*_CONTENT_ID.values, "comments", "Comments"})))
        edit = draw(st.integers(0, 5))
        if edit == 0:
            value = value.upper()
        elif edit == 1:
            value += draw(st.sampled_from(["\n", "\n\n", " ", "\r", "x"]))
        elif edit == 2:
            at = [i for i, c in enumerate(value) if c in _TRICKY]
            if at:
                i = draw(st.sampled_from(at))
                value = value[:i] + _TRICKY[value[i]] + value[i + 1 :]
        elif edit == 3:
            value = draw(SPACES) + value
        return value
    parts = draw(st.lists(st.tuples(tokens(), SPACES), max_size=4))
    return "".join(token + space for token, space in parts)


# ---------------------------------------------------------------------------- rules == old


@PARITY
@given(tokens())
def test_every_data_token_rule_decides_as_the_old_predicate(token: str) -> None:
    for rule, old in TOKEN_RULES:
        expected = old(token)
        assert rule(token) is expected, (rule, token)
        assert rule.reference(token) is expected, (rule, token)
    for pattern, old_pattern in PATTERNS:
        assert (pattern.search(token) is None) == (old_pattern.search(token) is None)


@PARITY
@given(values())
def test_every_exact_value_rule_decides_as_the_old_predicate(value: str) -> None:
    assert _CONTENT_ID(value) is old_content_id(value)
    assert _CONTENT_ID.reference(value) is old_content_id(value)
    assert _COMMENTS_ID(value) is old_is_comments_id(value)
    assert _COMMENTS_ID.reference(value) is old_is_comments_id(value)


@PARITY
@given(values())
def test_a_rule_judges_a_whole_ascii_value_as_each_of_its_tokens(value: str) -> None:
    ascii_value = value.encode("ascii", "replace").decode()
    for rule, old in TOKEN_RULES:
        expected = any(old(token) for token in ascii_value.split())
        assert rule.in_ascii_value(ascii_value.lower()) is expected, (rule, ascii_value)


@PARITY
@given(values())
def test_every_rule_set_judges_values_as_the_old_one(value: str) -> None:
    for rules, old in RULE_SETS:
        assert rules.names == old.names
        for index in range(len(rules.names)):
            assert rules.judge(index, value) == old.judge(index, value), (rules.names, value)


@pytest.mark.parametrize(
    ("token", "chrome"),
    [
        ("share", True),
        ("post_share-bar", True),
        ("SHARE", True),
        ("shared", False),
        ("ſhare", True),  # re.IGNORECASE folds ſ to s
        ("cooKie", True),  # the Kelvin sign
        ("logo-no", False),
        ("logo-NONE", False),
        ("sr-only", True),
        ("screenreader-only", True),
        ("x-screenreader-only", False),
        ("mypaywallbox", True),
        ("RECIRC", True),
        ("breadcrumb", True),
        ("likess", False),
        ("", False),
    ],
)
def test_the_chrome_rule_by_hand(token: str, chrome: bool) -> None:
    assert _CHROME_MARK(token) is chrome
    assert old_chrome_token(token) is chrome


@pytest.mark.parametrize(
    "words",
    [
        {"words": ("Share",)},
        {"words": ("",)},
        {"tokens": frozenset({"sr only"})},
        {"substrings": ("ſ",)},
        {"unless": ("NO",)},
    ],
)
def test_a_word_is_non_empty_lower_case_ascii(words: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="lower-case ASCII"):
        Words(**words)
    with pytest.raises(ValueError, match="lower-case ASCII"):
        ExactValue(frozenset({"X"}), ignore_case=True)


def test_a_rule_without_words_or_flags_matches_no_word() -> None:
    rule = Words(tokens=frozenset({"d-none"}))
    assert rule("D-None") and not rule("d-none-x") and not rule("none")
    assert rule.pattern.search("anything") is None and rule.flag.search("x-no") is None


# ---------------------------------------------------------------------------- compiled == pure

_ATTRIBUTE_NAMES = ["class", "id", "style", "hidden", "aria-hidden", "title", "CLASS", "xml:id"]


@st.composite
def marked_html(draw: st.DrawFn) -> str:
    """Nested elements whose class, id and other attributes are generated values, escaped
    or given as entities, with comments and processing instructions between them."""
    out: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        attributes = ""
        for name in draw(st.lists(st.sampled_from(_ATTRIBUTE_NAMES), max_size=3)):
            value = draw(values())
            way = draw(st.integers(0, 3))
            if way == 0:
                text = html_lib.escape(value, quote=True)
            elif way == 1:  # every character as a numeric character reference
                text = "".join(f"&#{ord(c)};" for c in value)
            elif way == 2:
                text = html_lib.escape(value, quote=True).replace("-", "&#45;")
            else:
                text = value.replace('"', "")
            attributes += f' {name}="{text}"'
        tag = draw(st.sampled_from(["div", "p", "span", "a", "section", "td", "aside"]))
        filler = draw(st.sampled_from(["", "t", "<!-- c -->", "<?pi x?>", "&amp;", "中文"]))
        if draw(st.booleans()):
            out.append(f"<{tag}{attributes}>{filler}")
        else:
            out.append(f"<{tag}{attributes}>{filler}</{tag}>")
    return "".join(out)


def _all_paths_agree(html: str, *, clean: bool) -> None:
    assert CTREE is not None
    tree = _tree(html, clean=clean)
    for rules, old in RULE_SETS:
        for root in [tree, *tree.iter("div", "section")][:3]:
            for below in (True, False):
                compiled = CTREE.flagged(root, rules, _encoded(frozenset()), None, below)
                assert compiled == flagged_py(root, rules, below=below)
                assert compiled == flagged_py(root, old, below=below)
            among = frozenset({"div", "span", "p"})
            compiled_picks = list(picked(root, rules, among))
            with pure_path():
                assert list(picked(root, rules, among)) == compiled_picks
        for el in tree.iter():
            assert CTREE.marks_of(el, rules) == rules.mask_of(el) == old.mask_of(el)


@needs_extension
@PARITY
@given(marked_html())
def test_compiled_marks_are_the_pure_ones(html: str) -> None:
    _all_paths_agree(html, clean=True)


@needs_extension
@PARITY
@given(marked_html())
def test_compiled_marks_are_the_pure_ones_with_control_characters(html: str) -> None:
    _all_paths_agree(html, clean=False)


@needs_extension
@pytest.mark.parametrize(
    "value",
    [
        "share-" * 20_000,
        "x" * 200_000 + "-share",
        ("paywal" * 10_000) + "l",
        " ".join(["post-x"] * 20_000) + " ad-slot",
        "a-" * 50_000 + "ſhare",
        "\x1c".join(["comments"] * 1_000),
        "LOGO-" * 10_000 + "no",
    ],
)
def test_huge_attributes_give_the_pure_marks(value: str) -> None:
    html = f'<div><p class="{value}" id="{value}">x</p><p class="y">z</p></div>'
    _all_paths_agree(html, clean=False)


@needs_extension
def test_an_attribute_of_several_nodes_is_read_as_lxml_reads_it() -> None:
    # An XML tree that keeps entity references: the class value is three nodes (text,
    # entity, text), which the compiled pass hands to the predicates whole.
    assert CTREE is not None
    parser = etree.XMLParser(resolve_entities=False)
    root = etree.fromstring(
        '<!DOCTYPE x [<!ENTITY e "share">]>'
        '<x><p class="post-&e; y">1</p><p class="&e;-no">2</p><p id="&e;">3</p>'
        '<p class="ad-slot">4</p></x>',
        parser,
    )
    for rules, old in RULE_SETS:
        assert CTREE.flagged(root, rules, None, None, False) == flagged_py(root, rules)
        assert flagged_py(root, rules) == flagged_py(root, old)
        assert [CTREE.marks_of(el, rules) for el in root.iter()] == [
            old.mask_of(el) for el in root.iter()
        ]
    assert [el.text for el, *_ in flagged(root, CHROME_MARKS)[0]] == ["1", "3", "4"]


# ---------------------------------------------------------------------------- where it is judged


def _counting(asked: list[str]) -> type[MarkRules]:
    class Counted(MarkRules):
        """MarkRules that note each value Python judges."""

        __slots__ = ()

        def judge(self, index: int, value: str) -> int:
            asked.append(value)
            return super().judge(index, value)

    return Counted


_PAGE = (
    '<p class="share-bar x">1</p><p class="\u017fhare">2</p><p id="comments">3</p>'
    '<p id="Comments\n">4</p><p class="\u4e2d comments">5</p><p class="UP">6</p>'
)


@needs_extension
def test_ascii_values_are_judged_in_c_and_others_by_the_predicates() -> None:
    asked: list[str] = []
    rules = _counting(asked)(
        tokens=(_CHROME_MARK, _COMMENTS_MARK),
        values=(("id", _COMMENTS_ID),),
        token_attributes=("class",),
    )
    tree = _tree(_PAGE)
    masks = [(el.text, mask) for el, _, mask in flagged(tree, rules)[0]]
    assert masks == [("1", 1), ("2", 1), ("3", 4), ("5", 2)]
    assert asked == ["\u017fhare", "Comments\n", "\u4e2d comments"]
    asked.clear()
    assert [marks_of(el, rules) for el in tree.iter("p")] == [1, 1, 4, 0, 2, 0]
    assert asked == ["\u017fhare", "Comments\n", "\u4e2d comments"]
    with pure_path():
        assert [(el.text, mask) for el, _, mask in flagged(tree, rules)[0]] == masks
        assert [marks_of(el, rules) for el in tree.iter("p")] == [1, 1, 4, 0, 2, 0]


@needs_extension
def test_token_rules_that_are_not_all_data_are_judged_in_python() -> None:
    asked: list[str] = []
    rules = _counting(asked)(
        tokens=(_CHROME_MARK, str.isupper),
        values=(("id", _COMMENTS_ID),),
        token_attributes=("class",),
    )
    tree = _tree(_PAGE)
    found = flagged(tree, rules)[0]
    assert [(el.text, mask) for el, _, mask in found] == [
        ("1", 1), ("2", 1), ("3", 4), ("6", 2),
    ]  # fmt: skip
    assert "share-bar x" in asked and "comments" not in asked  # the id is data
    with pure_path():
        assert flagged(tree, rules)[0] == found


def test_the_pure_path_builds_no_table() -> None:
    with pure_path():
        rules = MarkRules(tokens=(_CHROME_MARK,))
    assert rules.table is None
    assert (CHROME_MARKS.table is None) is (CTREE is None)


@needs_extension
def test_a_table_refuses_what_it_cannot_compare() -> None:
    assert CTREE is not None
    with pytest.raises(ValueError, match="white space"):
        CTREE.mark_table(((((b"a b",), (), (), ()),)), (), 2)
    words = tuple(f"w{i}".encode() for i in range(600))
    with pytest.raises(ValueError, match="at most"):
        CTREE.mark_table((((words, (), (), ()),)), (), 2)
    with pytest.raises(ValueError, match="too many"):
        MarkRules(tokens=tuple(Words(words=(f"w{i}",)) for i in range(70)))


def test_marks_of_is_mask_of_on_the_pure_path() -> None:
    tree = _tree(_PAGE)
    with pure_path():
        assert [_marks.marks_of(el, CHROME_MARKS) for el in tree.iter("p")] == [
            CHROME_MARKS.mask_of(el) for el in tree.iter("p")
        ]
    # Comments by the id too: CHROME_MARKS reads the tokens of class and id.
    assert [_marks.marks_of(el, CHROME_MARKS) for el in tree.iter("p")] == [1, 1, 2, 2, 2, 0]


@needs_extension
def test_a_table_that_does_not_fit_the_rules_is_refused() -> None:
    """A table is read by the rules' attribute names: one made for other rules (more
    names than it has token attributes and value rules) would be read out of bounds."""
    assert CTREE is not None

    class Mismatched:
        encoded = tuple(f"a{i}".encode() for i in range(40))
        table = CTREE.mark_table((), (None,), 5)

        def judge(self, index: int, value: str) -> int:
            return 0

        def new_memos(self) -> tuple[dict[str, int], ...]:
            return tuple({} for _ in self.encoded)

    tree = _tree('<p class="share a0">x</p>')
    para = tree.find("p")
    with pytest.raises(ValueError, match="does not fit 40 attribute names"):
        CTREE.marks_of(para, Mismatched())
    with pytest.raises(ValueError, match="does not fit 40 attribute names"):
        CTREE.flagged(tree, Mismatched(), None, None, False)
    assert CTREE.marks_of(para, CHROME_MARKS) == CHROME_MARKS.mask_of(para) != 0
