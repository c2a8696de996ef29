"""The compiled accelerator and the pure-Python path give the same results.

``newsparse._ctree`` computes facts about lxml trees that pure-Python reference functions
of the body extractor compute too. Each compiled function is compared with its reference
on generated HTML, and whole extractions are compared (``to_dict()`` byte for byte) on
generated and mutated documents and on every file of ``../shared/corpus``. The tests that
need the extension skip when it is not built (or runs with ``NEWSPARSE_PURE=1``); the
switch itself is tested either way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import newsparse
from newsparse import _accel
from newsparse._context import Context
from newsparse._text import clean_invisible, normalize_block
from newsparse.body import extract_html
from newsparse.body._tree import (
    BLOCK_TAGS,
    _names,
    _parse,
    first_visible_py,
    having_py,
    marked_py,
    measure_py,
    sized_py,
)
from newsparse.body.drop import _prepare
from newsparse.body.walker import _PLAIN_BLOCKS, _STYLE_TAGS, _WALK_FOLD, _WALK_MARKS, _WALK_TAGS
from newsparse.model import Format

from .conftest import CORPUS

CTREE = _accel.CTREE
needs_extension = pytest.mark.skipif(
    CTREE is None, reason="the compiled accelerator is not built or not in use"
)
PARITY = settings(
    max_examples=int(os.environ.get("NEWSPARSE_PARITY_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextmanager
def pure_path() -> Iterator[None]:
    """Run the pure-Python path inside the block (the switch every dispatcher reads)."""
    saved = _accel.CTREE
    _accel.CTREE = None  # type: ignore[misc]
    try:
        yield
    finally:
        _accel.CTREE = saved  # type: ignore[misc]


# ---------------------------------------------------------------------------- generated HTML

TEXTS = st.sampled_from([
    "", " ", "\n", "\n  ", "\xa0", "\u3000", "\u2028", "\u2003", "\x1c", "\u200b", "text",
    "中文段落，记者报道。", "Two words ", " lead", "a\nb", "汉\n字", "——", "&amp; more",
    "&#8203;", "By Zhang San", "文/李四", "相关阅读：", "Comments", "图片来源：路透社",
    "华盛顿 — ", "2024年5月16日", "🎉", "word " * 30,
])  # fmt: skip
TAGS = st.sampled_from([
    "p", "div", "span", "a", "strong", "b", "em", "i", "br", "img", "figure", "figcaption",
    "small", "h1", "h2", "h3", "header", "footer", "aside", "section", "article", "ul", "li",
    "time", "picture", "iframe", "video", "blockquote", "table", "tr", "td", "button", "hr",
    "noscript", "sup", "font", "o:p", "Span", "cite", "center",
])  # fmt: skip
ATTRS = st.sampled_from([
    "", ' href="/x"', ' href=""', ' class="caption"', ' class="credit"', ' class="share"',
    ' class="comments"', ' class="entry-content"', ' id="comments"', ' class="byline"',
    ' class="author"', ' id="main"', ' hidden', ' aria-hidden="true"',
    ' style="display:none"', ' src="https://example.org/a.jpg"', ' src="https://www.youtube.com/embed/x"',
    ' class="date"', ' class="standfirst"', ' data-src="/lazy.jpg"', ' class=""', ' title="t"',
    ' href="https://example.org/other"', ' href="https://elsewhere.net/x"', ' href="#top"',
    ' style="text-align:center"', ' align="center"',
])  # fmt: skip


@st.composite
def fragment(draw: st.DrawFn, depth: int = 0) -> str:
    """A random piece of HTML: text, comments and nested elements with telling attributes."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 1))):
        kind = draw(st.integers(0, 9))
        if kind <= 3 or depth >= 5:
            parts.append(draw(TEXTS))
        elif kind == 4:
            parts.append(f"<!--{draw(TEXTS)}-->")
        else:
            tag = draw(TAGS)
            attrs = "".join(draw(st.lists(ATTRS, max_size=2)))
            inner = draw(fragment(depth + 1))
            parts.append(f"<{tag}{attrs}>{inner}</{tag}>{draw(TEXTS)}")
    return "".join(parts)


@st.composite
def mutated_html(draw: st.DrawFn) -> str:
    """Generated HTML, sometimes cut, spliced or given stray markup."""
    html = draw(fragment())
    for _ in range(draw(st.integers(0, 3))):
        if not html:
            break
        at = draw(st.integers(0, len(html)))
        kind = draw(st.sampled_from(["cut", "inject", "drop"]))
        if kind == "cut":
            html = html[:at]
        elif kind == "inject":
            junk = draw(st.sampled_from(["<", ">", "</p>", "<div>", "<!--", "&", "<br><br>", '"']))
            html = html[:at] + junk + html[at:]
        else:
            html = html[:at] + html[at + 1 :]
    return html


def _tree(html: str, *, clean: bool = True) -> Any:
    # As extract_html does: invisible and control characters go before the parse (lxml
    # refuses a control character in a text that _prepare writes back); ``clean=False``
    # keeps them, for a test about how they are read.
    root, _ = _parse((clean_invisible(html) if clean else html) or "<p></p>")
    if root is None:
        root, _ = _parse("<p></p>")
    _prepare(root)
    body = root.find("body")
    return root if body is None else body


def _ctx() -> Context:
    return Context(format=Format.COMMENT_HEADER, source="parity")


# ---------------------------------------------------------------------------- the switch


def test_the_flag_tells_which_path_runs() -> None:
    assert newsparse.__accelerated__ is (_accel.CTREE is not None)
    assert isinstance(newsparse.__accelerated__, bool)


def test_newsparse_pure_forces_the_python_path() -> None:
    code = "import newsparse; print(newsparse.__accelerated__)"
    env = {**os.environ, "NEWSPARSE_PURE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


@needs_extension
def test_an_lxml_of_another_release_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    assert CTREE is not None
    running = SimpleNamespace(__version__=CTREE.BUILT_LXML, LIBXML_VERSION=etree.LIBXML_VERSION)
    monkeypatch.setattr(_accel, "etree", running)
    assert _accel._load() is CTREE
    major, minor = CTREE.BUILT_LXML.split(".")[:2]
    running.__version__ = f"{major}.{int(minor) + 1}.0"
    assert _accel._load() is None
    running.__version__ = CTREE.BUILT_LXML
    running.LIBXML_VERSION = (1, 0, 0)
    assert _accel._load() is None


@needs_extension
def test_an_extension_built_from_older_source_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    assert CTREE is not None
    assert "sized" in _accel._PROVIDED and "walk_events" in _accel._PROVIDED
    assert _accel._load() is CTREE
    monkeypatch.delattr(CTREE, "sized")
    assert _accel._load() is None


@needs_extension
def test_an_extension_of_another_interface_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    assert CTREE is not None
    assert CTREE.INTERFACE == _accel.INTERFACE
    monkeypatch.setattr(CTREE, "INTERFACE", _accel.INTERFACE - 1)
    assert _accel._load() is None
    monkeypatch.delattr(CTREE, "INTERFACE")
    assert _accel._load() is None


def test_same_release_compares_major_and_minor() -> None:
    assert _accel._same_release("6.2.1", "6.2.0")
    assert not _accel._same_release("6.2.1", "6.1.9")
    assert not _accel._same_release("6.2", "7.2")


# ---------------------------------------------------------------------------- each fact


def _events_py(root: Any) -> list[Any]:
    """What walk_events must return, built from iterwalk (the walker's own iteration)."""
    out: list[Any] = []
    opened: dict[int, int] = {}
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            if event == "end" and el.tail:
                out.append(el.tail)
            continue
        tag = tag.lower()
        special = tag in _WALK_TAGS or any(
            el.get(mark.decode()) is not None for mark in _WALK_MARKS
        )
        if event == "start":
            if special:
                opened[id(el)] = len(out)
                out.append((el, tag, -1))
            if el.text:
                out.append(el.text)
        else:
            if special:
                start = opened.pop(id(el))
                item = (el, tag, len(out))
                out[start] = item
                out.append(item)
            if el.tail:
                out.append(el.tail)
    return out


@needs_extension
@PARITY
@given(mutated_html())
def test_walk_events_match_iterwalk(html: str) -> None:
    assert CTREE is not None
    tree = _tree(html)
    for root in [tree, *tree.iter("div", "p", "section")]:
        got = CTREE.walk_events(root, _WALK_TAGS, _WALK_MARKS)
        assert got == _events_py(root)
        for i, item in enumerate(got):
            if isinstance(item, tuple):
                assert got[item[2]] is item and (item[2] == i or got.index(item) == i)


def _quiet(el: Any, allowed: frozenset[str]) -> bool:
    """Whether the walker takes only text from ``el`` (a comment, or no mark and a tag
    outside _WALK_TAGS or in ``allowed``)."""
    if not isinstance(el.tag, str):
        return True
    tag = el.tag.lower()
    marked = any(el.get(mark.decode()) is not None for mark in _WALK_MARKS)
    return not marked and (tag not in _WALK_TAGS or tag in allowed)


def _fold_py(block: Any) -> tuple[str, int, int, list[str], int, int]:
    """Text, link and total non-space characters, link targets, and non-space characters
    outside style tags and outside ``<small>`` of a folded block."""
    parts: list[str] = []
    counts = [0, 0, 0, 0]  # links, total, plain, unsmall
    hrefs: list[str] = []

    def take(text: str | None, inside: frozenset[str]) -> None:
        if text:
            parts.append(text)
            size = len("".join(text.split()))
            counts[1] += size
            if "a" in inside:
                counts[0] += size
            if not inside & _STYLE_TAGS:
                counts[2] += size
            if "small" not in inside:
                counts[3] += size

    def visit(el: Any, inside: frozenset[str]) -> None:
        for child in el:
            within = inside
            if isinstance(child.tag, str):
                tag = child.tag.lower()
                if tag == "a" and child.get("href") is not None:
                    hrefs.append(child.get("href"))
                    within = within | {"a"}
                elif tag in _STYLE_TAGS:
                    within = within | {tag}
                take(child.text, within)
                visit(child, within)
            take(child.tail, inside)

    take(block.text, frozenset())
    visit(block, frozenset())
    return "".join(parts), counts[0], counts[1], hrefs, counts[2], counts[3]


def _wide(el: Any) -> bool:
    """Whether a styled block may hold ``el`` (a comment, or an element outside _WALK_TAGS,
    of _WALK_FOLD or of _STYLE_TAGS, marked or not)."""
    if not isinstance(el.tag, str):
        return True
    tag = el.tag.lower()
    return tag not in _WALK_TAGS or tag in _WALK_FOLD or tag in _STYLE_TAGS


@needs_extension
@PARITY
@given(mutated_html())
def test_folded_blocks_are_exactly_the_quiet_ones(html: str) -> None:
    assert CTREE is not None
    tree = _tree(html)
    for root in [tree, *tree.iter("div", "p", "section")]:
        plain = CTREE.walk_events(root, _WALK_TAGS, _WALK_MARKS)
        events = CTREE.walk_events(
            root, _WALK_TAGS, _WALK_MARKS, BLOCK_TAGS, _WALK_FOLD, _STYLE_TAGS, _PLAIN_BLOCKS
        )
        folded = {
            id(item[0]): (i, item)
            for i, item in enumerate(events)
            if isinstance(item, tuple) and len(item) == 10
        }
        for el in root.iter(etree.Element):
            if id(el) in folded:
                continue
            # Not folded: not a block, or some descendant may not be in it, or it sits in
            # a quietly folded block (then an ancestor is folded).
            inside = any(
                id(a) in folded and folded[id(a)][1][9] == folded[id(a)][0]
                for a in el.iterancestors()
            )
            tag = el.tag.lower()
            if tag in BLOCK_TAGS and not inside:
                assert any(not _quiet(d, _WALK_FOLD) for d in el.iterdescendants())
                if tag in _PLAIN_BLOCKS:
                    assert any(not _wide(d) for d in el.iterdescendants()), (
                        f"{el.tag} could have been folded"
                    )
        for i, item in folded.values():
            el, tag, raw, links, total, hrefs, text, outside, unsmall, stop = item
            assert tag == el.tag.lower() and tag in BLOCK_TAGS
            assert (raw, links, total, hrefs, outside, unsmall) == _fold_py(el)
            if total and "\x0b" not in raw:
                assert text == normalize_block(raw)
            else:
                assert text is None
            if stop == i:  # quiet: nothing of its own follows
                assert all(_quiet(d, _WALK_FOLD) for d in el.iterdescendants())
            else:  # styled: its own events follow, from its start to its end item
                assert tag in _PLAIN_BLOCKS and all(_wide(d) for d in el.iterdescendants())
                assert not all(_quiet(d, _WALK_FOLD) for d in el.iterdescendants())
                assert events[i + 1] == (el, tag, stop) and events[stop] is events[i + 1]
        # With the folded items taken out, the events are those of the walk without
        # folding, where each quiet block's own events (start to end) are left out.
        quiet = {id(item[0]) for i, item in folded.values() if item[9] == i}
        expected: list[Any] = []
        i = 0
        while i < len(plain):
            item = plain[i]
            if isinstance(item, tuple) and id(item[0]) in quiet:
                i = item[2]  # its end item: left out too
            else:
                expected.append(item)
            i += 1
        rest = [item for item in events if not (isinstance(item, tuple) and len(item) == 10)]
        assert _shape(rest) == _shape(expected)


def _shape(events: list[Any]) -> list[Any]:
    """Events without their indices (those of two lists differ)."""
    return [item if isinstance(item, str) else (item[0], item[1]) for item in events]


# ---------------------------------------------------------------------------- text

TEXT_CHARS = st.sampled_from(
    list(" \t\r\f\n\x0b\x0c\x1c\x85\xa0\u3000\u2028\u2003\u200b\u200d\u2060\ufeff\xad\x00\x7f\x9f")
    + list("ab字中。，“”‘’—―…·—\u2e80\u2fff\u303f\u3040\u30ff\uac00\ud7af\uff01\uffef\ufe30")
    + ["\U0001f600", "\u4dbf", "\u3400", "\uf900", "\u2dff", "\ud7b0", "\ufff0"]
)
TEXTS_FOR_NORMALISING = st.one_of(st.text(TEXT_CHARS, max_size=40), st.text(max_size=40))


@needs_extension
@PARITY
@given(TEXTS_FOR_NORMALISING)
def test_text_normalisation_matches_the_reference(text: str) -> None:
    from newsparse import _text

    assert CTREE is not None
    with pure_path():
        expected = (
            _text.clean_invisible(text),
            _text.normalize_block(text),
            _text.normalize_line(text),
        )
    assert expected[1] == _text.normalize_block_py(text)
    got = (CTREE.clean_invisible(text), CTREE.normalize_block(text), CTREE.normalize_line(text))
    assert got == expected
    assert (_text.clean_invisible(text), _text.normalize_block(text)) == expected[:2]


@needs_extension
def test_clean_invisible_returns_clean_text_itself() -> None:
    assert CTREE is not None
    text = "no invisible characters here 字"
    assert CTREE.clean_invisible(text) is text
    assert CTREE.normalize_block("字\n字 a\n b") == "字字 a b"


# ---------------------------------------------------------------------------- selections


def _selection_roots(tree: Any) -> list[Any]:
    return [tree, *tree.iter("div", "p", "section")]


@needs_extension
@PARITY
@given(mutated_html())
def test_selections_match_the_references(html: str) -> None:
    assert CTREE is not None
    tree = _tree(html)
    for root in _selection_roots(tree):
        # Measured from root: the elements outside it are absent from sizes.
        sizes = measure_py(root)
        for tags in [None, ("span", "div", "a", "p"), ("div",), ("p", "h2", "strong")]:
            assert CTREE.marked(root, _names(tags)) == list(marked_py(root, tags))
            for low, high in [(2, 24), (0, 0), (4, 20), (0, 10**9), (1, 3)]:
                assert CTREE.sized(tree, sizes, low, high, _names(tags)) == list(
                    sized_py(tree, sizes, low, high, tags)
                )
        for name in ["class", "data-np-button", "href", "hidden"]:
            assert CTREE.having(root, name.encode()) == having_py(root, name)
        for el in root.iter(etree.Element):
            assert CTREE.first_visible(el) == first_visible_py(el)


def test_first_visible_passes_over_space_invisible_characters_and_comments() -> None:
    # The default parser keeps comments and processing instructions: their text is not
    # read, their tails are.
    tree = etree.HTML(
        "<div><!--C--> \u200b<?pi P?>\xa0<span>\u3000<b></b></span>\n字<i>b</i></div>"
    )
    div = tree.find(".//div")
    assert first_visible_py(div) == "字"
    assert first_visible_py(div.find(".//b")) is None
    if CTREE is not None:
        assert CTREE.first_visible(div) == "字"
        assert CTREE.first_visible(div.find(".//b")) is None
        assert CTREE.first_visible(div.find(".//i")) == "b"


# ---------------------------------------------------------------------------- fast paths of both paths

URL_PIECES = st.sampled_from([
    "https://", "example.org", "/", "_", "-", ".", "?", "&", "=", "img", "Pixel", "TRACKING",
    "tracker", "beacon", "analytics", "Counter", "feeds.feedburner", "stats.wordpress",
    "gravatar.com", "emoji", ".ico", "icons", "Logo", "avatar", "spinner", "placeholder",
    "blank", "spacer", "loading", "1x1", "transparent", "share", "sprite", "badge",
    "button", "İ", "ſ", "K", "x", "/_/stat", ".png", "a b", "字", ".GIF", ".ſvg", "lazy",
    "grey", "Gray", "/blank.gif",
])  # fmt: skip


@PARITY
@given(st.lists(URL_PIECES, max_size=12).map("".join))
def test_caseless_needles_change_no_verdict(url: str) -> None:
    from newsparse.body.images import _FURNITURE_URL, _PLACEHOLDER_SRC, _TRACKER_URL

    for caseless in (_TRACKER_URL, _FURNITURE_URL, _PLACEHOLDER_SRC):
        assert caseless.needles is not None
        assert caseless.search(url) == (caseless.pattern.search(url) is not None)


def test_caseless_needles_must_be_lower_case() -> None:
    from newsparse._text import Caseless

    with pytest.raises(ValueError, match="lower-case"):
        Caseless.compile("abc", needles=("ABC",))
    assert Caseless.compile("a[bc]", needles=("ab", "ac")).search("xAC") is True
    assert Caseless.compile("a[bc]", needles=("ab", "ac")).search("xAD") is False


# ---------------------------------------------------------------------------- whole extractions


def _body_dict(html: str, title: str | None) -> tuple[Any, ...]:
    ctx = _ctx()
    body = extract_html(html, ctx, base_url="https://example.org/a", title=title)
    return (body, [w.code for w in ctx.warnings])


@needs_extension
@PARITY
@given(mutated_html(), st.sampled_from([None, "text", "Two words"]))
def test_extraction_is_the_same_on_both_paths(html: str, title: str | None) -> None:
    compiled = _body_dict(html, title)
    with pure_path():
        pure = _body_dict(html, title)
    assert compiled == pure


def _record(source: str | bytes | Path) -> str:
    try:
        if isinstance(source, Path):
            data = newsparse.parse_file(source).to_dict()
        else:
            data = newsparse.parse(source).to_dict()
    except newsparse.NewsparseError as exc:
        data = {"error": repr(exc)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


@needs_extension
@PARITY
@given(mutated_html())
def test_documents_are_the_same_on_both_paths(html: str) -> None:
    doc = f"<!--1715734743000-->\n[Title here](https://example.org/a)\n------\n\n{html}\n"
    compiled = _record(doc)
    with pure_path():
        assert _record(doc) == compiled


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(
        p
        for p in CORPUS.rglob("*")
        if p.is_file() and p.suffix != ".json" and p.name != "MANIFEST.tsv"
    )


@needs_extension
@pytest.mark.corpus
@pytest.mark.slow
def test_every_corpus_file_is_the_same_on_both_paths() -> None:
    files = _corpus_files()
    if not files:
        pytest.skip(f"{CORPUS} is absent (it ships with the development checkout only)")
    compiled = [_record(p) for p in files]
    with pure_path():
        pure = [_record(p) for p in files]
    differ = [str(p) for p, a, b in zip(files, compiled, pure, strict=True) if a != b]
    assert not differ, f"{len(differ)} of {len(files)} files differ: {differ[:5]}"
