"""Property tests: the round trips and the no-crash promise, on generated input."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import newsparse
from newsparse import Article, Format
from newsparse.body.leftovers import (
    PROMPT_HEAD,
    TAIL,
    is_breadcrumb,
    is_leftover,
    is_template_literal,
)
from newsparse.byline import find_byline
from newsparse.dates import parse_date_line
from newsparse.rules import AD_RULES, DISCLAIMER_RULES
from tests.property.strategies import articles, full_articles, text

CARRIED: dict[Format, tuple[str, ...]] = {
    Format.JEKYLL: (
        "format", "title", "url", "published", "date_source", "archived", "author", "tags",
        "categories", "extra", "paragraphs", "images", "media",
    ),
    Format.COMMENT_HEADER: (
        "format", "title", "url", "published", "date_source", "paragraphs", "images", "media",
    ),
    Format.PLAINTEXT: ("format", "title", "published", "date_source", "paragraphs"),
}  # fmt: skip
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def carried(article: Article) -> dict[str, Any]:
    """The fields the article's format can carry, as comparable values."""
    return {name: getattr(article, name) for name in CARRIED[article.format]}


def _read_as_something_else(article: Article) -> bool:
    """Text a format reads as structure by design: a date line, a byline, an ad, the title again."""
    texts = list(article.paragraphs)
    if any(parse_date_line(p) for p in [*texts, article.title]):
        return True
    if find_byline(texts) is not None:
        return True
    if texts and all(tok.startswith("#") for tok in texts[-1].split()):
        return True  # a closing hashtag line is tags, not text
    n = len(texts)
    if any(
        is_leftover(line, edge=i < PROMPT_HEAD or i >= n - TAIL)
        for i, p in enumerate(texts)
        for line in p.split("\n")
    ):
        return True  # a hashtag-only line, a prompt at an edge: site leftovers
    if any(is_template_literal(p) for p in texts):
        return True  # a paragraph that is only "null": a template's leftover
    if texts and is_breadcrumb(texts[0]):
        return True  # "a / b / c" opening the body: a section path

    def key(s: str) -> str:
        return re.sub(r"[\s\W_]+", "", s).lower()

    if any(key(p) == key(article.title) for p in texts):
        return True
    if article.format is Format.PLAINTEXT:
        rules = [*AD_RULES, *DISCLAIMER_RULES]
        return any(r.matches(line) for r in rules for line in [article.title, *texts])
    return False


_OPENERS = (
    "关注", "加入我们", "转发", "订阅", "欢迎", "Subscribe ", "Follow me", "Donate ", "Join us",
    "Copyright ", "版权所有", "未经授权", "著作权", "Powered by ", "Keywords: ", "话题：", "Tags: ",
)  # fmt: skip
"""Words that open both site junk and ordinary sentences."""
_FILLER = "这是第{}段正文，写得足够长，像真正的新闻报道一样讲述城市里发生的事情，而不是页面上的零碎东西。"


@given(
    opener=st.sampled_from(_OPENERS),
    rest=text,
    head=st.none() | st.sampled_from(["Casualties", "问：", "第一行"]),
)
@SETTINGS
def test_a_line_inside_a_long_text_stays(opener: str, rest: str, head: str | None) -> None:
    """Inside a long body (not at its edges, not in ``<small>``), a line opening with
    prompt, notice or tag words is text: only a leftover line's own shape (hashtags, an end
    mark, a read-the-original link) or a block that is only ``null`` removes it there."""
    line = f"{opener}{rest}".strip()
    lines = [line] if head is None else [head, line]
    para = "\n".join(lines)
    assume(not is_leftover(line, edge=False) and not is_template_literal(para))
    assume(parse_date_line(line) is None and find_byline(lines) is None)
    fillers = [f"<p>{_FILLER.format(i)}</p>" for i in range(10)]
    block = "<p>" + "<br>".join(html.escape(x) for x in lines) + "</p>"
    doc = (
        "---\ntitle: 一篇文章\n---\n<div>"
        + "".join(fillers[:4])
        + block
        + "".join(fillers[4:])
        + "</div>\n"
    )
    assert para in newsparse.parse(doc).paragraphs


@pytest.mark.parametrize("fmt", list(Format), ids=[f.value for f in Format])
@given(data=st.data())
@SETTINGS
def test_dumps_then_parse_gives_the_same_article(fmt: Format, data: st.DataObject) -> None:
    """parse(dumps(a, f)) == a for every field format f carries."""
    article = data.draw(articles(fmt))
    assume(not _read_as_something_else(article))
    text = newsparse.dumps(article, fmt)
    assert newsparse.detect_format(text) is fmt
    parsed = newsparse.parse(text)
    assert carried(parsed) == carried(article)
    assert not [w for w in parsed.warnings if w.code != "ad-line-removed"]


@given(full_articles)
@SETTINGS
def test_dict_round_trip(article: Article) -> None:
    """from_dict(to_dict(a)) == a, and to_dict is JSON-ready."""
    as_dict = article.to_dict()
    assert Article.from_dict(as_dict) == article
    assert Article.from_dict(json.loads(json.dumps(as_dict))) == article
    assert json.loads(article.to_json())["text"] == article.text


@given(full_articles)
@SETTINGS
def test_articles_hash_and_compare(article: Article) -> None:
    """Articles are hashable values: equal ones hash alike."""
    twin = Article.from_dict(article.to_dict())
    assert hash(twin) == hash(article)


def _only_newsparse_errors(data: str | bytes) -> None:
    try:
        article = newsparse.parse(data)
    except newsparse.NewsparseError as exc:
        assert getattr(exc, "code", None) != "internal", exc
        return
    assert isinstance(article, Article)
    assert article.published is None or article.published.tzinfo is not None
    json.dumps(article.to_dict())


@pytest.mark.parametrize("fmt", list(Format), ids=[f.value for f in Format])
@pytest.mark.parametrize("line_end", ["\r\n", "\r", "mixed"])
@given(data=st.data())
@SETTINGS
def test_line_ends_change_nothing_but_html(fmt: Format, line_end: str, data: st.DataObject) -> None:
    """CRLF or CR line ends parse as LF does, and html keeps them exactly as found."""
    text = newsparse.dumps(data.draw(articles(fmt)), fmt)
    if line_end == "mixed":
        pieces = text.split("\n")
        count = len(pieces) - 1
        ends = data.draw(
            st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=count, max_size=count)
        )
        other = "".join(p + e for p, e in zip(pieces, [*ends, ""], strict=True))
        # A CR line end before an empty line's LF reads as one CRLF: not the same lines.
        assume(other.replace("\r\n", "\n").replace("\r", "\n") == text)
    else:
        other = text.replace("\n", line_end)
    lf, crlf = newsparse.parse(text), newsparse.parse(other)
    assert attrs.evolve(crlf, html=lf.html) == lf
    if lf.html is None:  # an empty body
        assert crlf.html is None
        return
    assert crlf.html is not None
    assert other.endswith(crlf.html)
    assert crlf.html.replace("\r\n", "\n").replace("\r", "\n") == lf.html


@given(st.text(max_size=2000))
@SETTINGS
def test_parse_never_raises_anything_else_on_text(data: str) -> None:
    """Arbitrary text ends in an Article or a NewsparseError (never an internal error)."""
    _only_newsparse_errors(data)


@given(st.binary(max_size=2000))
@SETTINGS
def test_parse_never_raises_anything_else_on_bytes(data: bytes) -> None:
    """Arbitrary bytes end in an Article or a NewsparseError (never an internal error)."""
    _only_newsparse_errors(data)


_PIECES = st.sampled_from([
    "---\n", "title: x\n", 'title: "a "b" c"\n', "date: 2024-13-45T99:00:00Z\n", "<!--NaN-->\n",
    "<!--1715734743000-->\n", "[t](https://e.org/(a))\n", "------\n", "<p>段落</p>", "<div>",
    "&#xD800;", "&#99999999;", "\x00", "\ufeff", "\r\n", "<img src=javascript:alert(1)>",
    "<script>bad()</script>", "a: &a [*a, *a]\n", "<!--", "[", "](", "\n\n",
])  # fmt: skip


@given(st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=30).map("".join))
@SETTINGS
def test_parse_never_raises_anything_else_on_format_fragments(data: str) -> None:
    """Shuffled pieces of all three formats never break the parser."""
    _only_newsparse_errors(data)
    _only_newsparse_errors(data.encode("utf-8", "surrogatepass"))


@given(st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=30).map("".join))
@SETTINGS
def test_html_is_the_end_of_the_input_as_found(data: str) -> None:
    """Whatever the format makes of the header, html is the input's tail, untouched."""
    assume(not re.search("[\ud800-\udfff]", data))  # lone surrogates are repaired
    try:
        article = newsparse.parse(data)
    except newsparse.NewsparseError:
        return
    assert article.html is not None
    assert data.lstrip("\ufeff").endswith(article.html)
