"""Property tests: mutated documents of every format never break ``parse``.

Valid documents are built from strategies, then mutated the way archives and attackers
damage files: truncated, spliced with another document, header lines duplicated, markup
injected, re-encoded to another codec, NULs/BOMs/CR inserted, bytes flipped. Whatever comes
out, :func:`newsparse.parse` must return an :class:`~newsparse.Article` or raise a
:class:`~newsparse.NewsparseError`, and a :class:`~newsparse.ParseError` must never carry
the code ``"internal"`` (which is how ``parse`` wraps an exception no parser anticipated:
a bug). Articles must also be well-formed: no lone surrogates or NULs in text fields,
no ``javascript:``/``data:`` URL, and an exact ``to_dict``/``from_dict`` round trip.

Example counts are bounded (``max_examples=200``, no deadline) so the file runs in well
under a minute; set ``NEWSPARSE_FUZZ_EXAMPLES`` to search longer.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import newsparse
from newsparse import Article, NewsparseError, ParseError

FUZZ = settings(
    # NEWSPARSE_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py searches longer, by hand.
    max_examples=int(os.environ.get("NEWSPARSE_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FORMATS = [None, "jekyll", "comment-header", "plaintext"]

_UNSAFE = re.compile(r"^(?:javascript|data|vbscript):")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _strings(article: Article) -> list[str]:
    out = [article.title, *article.tags, *article.categories, *article.paragraphs]
    out += [s for s in (article.url, article.author, article.byline, article.site) if s]
    for image in article.images:
        out += [s for s in (image.url, image.alt, image.caption, image.credit) if s]
    for media in article.media:
        out += [s for s in (media.url, media.caption) if s]
    return out


def check_article(article: Article) -> None:
    """What every Article must satisfy, whatever the input."""
    assert isinstance(article, Article)
    for text in _strings(article):
        assert not _SURROGATE.search(text), text
        assert not _CONTROL.search(text), text
    assert "\n" not in article.title
    for url in [article.url, *(i.url for i in article.images), *(m.url for m in article.media)]:
        if url is not None:
            assert not _UNSAFE.match(re.sub(r"[\x00-\x20]", "", url).lower()), url
    assert Article.from_dict(json.loads(article.to_json())) == article
    assert article.published is None or article.published.tzinfo is not None


def parse_ok(data: str | bytes, **kwargs: Any) -> Article | None:
    """Parse; return the Article, or None for a NewsparseError; fail on anything else."""
    try:
        article = newsparse.parse(data, **kwargs)
    except ParseError as exc:
        assert exc.code != "internal", f"internal error: {exc!r} from {exc.__cause__!r}"
        return None
    except NewsparseError:
        return None
    check_article(article)
    return article


# --- Building valid documents -------------------------------------------------------------

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
WORDS = st.text(
    alphabet=st.one_of(HAN, st.sampled_from("，。、“”：；？！ AIBCabc0123456789-")),
    min_size=1,
    max_size=40,
)
SENTENCE = WORDS.map(lambda s: s.strip() or "新闻")
URL = st.builds(
    lambda host, path: f"https://{host}/{path}",
    st.sampled_from(["www.rfa.org", "www.voachinese.com", "www.rfi.fr", "example.org"]),
    st.from_regex(r"[a-z0-9/_-]{1,30}", fullmatch=True),
)
EPOCH = st.integers(min_value=0, max_value=4_102_444_800_000)
DATE = st.sampled_from(
    [
        "2024-05-16T07:34:54.218Z",
        "2023-01-01",
        "2024-05-16 07:34:54 +0800",
        "NaN",
        "2024-13-45T99:00:00Z",
    ]
)


def _html_body(paragraphs: list[str], image: str | None) -> str:
    parts = [f"<p>{p}</p>" for p in paragraphs]
    if image:
        parts.insert(
            1, f'<figure><img src="{image}" alt="图"><figcaption>图说（路透）</figcaption></figure>'
        )
    return "\n".join(parts)


@st.composite
def comment_header_doc(draw: st.DrawFn) -> str:
    title, url, stamp = draw(SENTENCE), draw(URL), draw(st.one_of(EPOCH.map(str), st.just("NaN")))
    paragraphs = draw(st.lists(SENTENCE, min_size=0, max_size=6))
    image = draw(st.one_of(st.none(), URL.map(lambda u: u + ".jpg")))
    return f"<!--{stamp}-->\n[{title}]({url})\n------\n\n{_html_body(paragraphs, image)}\n"


@st.composite
def jekyll_doc(draw: st.DrawFn) -> str:
    title, url, date = draw(SENTENCE), draw(URL), draw(DATE)
    tags = draw(st.lists(SENTENCE, max_size=3))
    paragraphs = draw(st.lists(SENTENCE, min_size=0, max_size=6))
    quoted = json.dumps(title, ensure_ascii=False)
    front = (
        f"---\nlayout: post\ntitle: {quoted}\ndate: {date}\nauthor: 自由亚洲电台\nfrom: {url}\n"
        f"tags: [ {', '.join(tags)} ]\ncomments: True\ncategories: [ 自由亚洲电台 ]\n---\n"
    )
    if draw(st.booleans()):
        header = f"<!--NaN-->\n[{title}]({url})\n------\n\n"
        return front + header + _html_body(paragraphs, None) + "\n"
    return front + "\n\n".join(paragraphs) + "\n"


@st.composite
def plaintext_doc(draw: st.DrawFn) -> str:
    ads = draw(
        st.lists(
            st.sampled_from(["🎬 YouTube Premium 只需", "HK$148/年!", "直接升級 ➜ 即享"]),
            max_size=3,
        )
    )
    # A line of symbols only (``-``, ``，``) after ad lines closes their block as decoration
    # (see TestAdBlocks.test_rule_after_the_block): a title holds a word character.
    title = draw(SENTENCE.filter(lambda s: re.search(r"\w", s) is not None))
    lines = [*ads, title, *draw(st.lists(SENTENCE, max_size=8))]
    if draw(st.booleans()):
        lines.append("以上文章由AI機器翻譯及撰寫。")
    return "\n".join(lines) + "\n"


DOCUMENT = st.one_of(comment_header_doc(), jekyll_doc(), plaintext_doc())

# --- Mutations ----------------------------------------------------------------------------

INJECTIONS = [
    "<div>", "</p>", "<p>", "<!--", "-->", "<script>alert(1)</script>", "<style>x{}</style>",
    "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", "&e;",
    "---\n", "------\n", "[x](y)\n", "[标题](javascript:alert(1))\n", "<!--NaN-->\n",
    "<!--99999999999999999999-->\n", "&#0;", "&#xD800;", "&#99999999;", "&amp", "&", "<",
    ">", "{{", "{%", "*&a", "&a [1]", "!!python/object:os.system", "!!binary", "%YAML 1.1\n",
    "? ", "- ", ": ", "|\n", ">-\n", "'", '"', "\\", "\x00", "\ufeff", "\r", "\r\n", "\u2028",
    "\x85", "\x1b[31m", "\t", "<img src=javascript:alert(1)>", '<img src="data:image/png;base64,AA">',
    '<iframe src="https://www.youtube.com/embed/x"></iframe>', "<audio src=//a.org/x.mp3>",
    "<table><tr><td>", "<br><br>", "记者：张三", "作者：李四", "By John Smith",
    "2024年5月16日", "\U0001f600", "\ud7ff", "\uffff", "\U0010ffff",
]  # fmt: skip
CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "gbk",
          "big5", "cp950", "shift_jis", "latin-1", "cp1252", "euc-kr"]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> str | bytes:
    """A valid document with one to four mutations applied, as text or as bytes."""
    text: str = draw(DOCUMENT)
    data: str | bytes = text
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(
            st.sampled_from(
                [
                    "truncate",
                    "splice",
                    "duplicate",
                    "inject",
                    "newlines",
                    "reencode",
                    "flip",
                    "drop",
                ]
            )
        )
        if isinstance(data, bytes):
            if kind in {"truncate", "drop"} and data:
                i = draw(st.integers(0, len(data) - 1))
                data = data[:i] if kind == "truncate" else data[:i] + data[i + 1 :]
            elif kind == "flip" and data:
                i = draw(st.integers(0, len(data) - 1))
                data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1 :]
            elif kind in {"inject", "newlines"}:
                i = draw(st.integers(0, len(data)))
                blob = draw(
                    st.sampled_from(
                        [b"\x00", b"\xef\xbb\xbf", b"\r\n", b"\r", b"\xff\xfe", b"\x80"]
                    )
                )
                data = data[:i] + blob + data[i:]
            continue
        if kind == "truncate" and data:
            data = data[: draw(st.integers(0, len(data)))]
        elif kind == "splice":
            other: str = draw(DOCUMENT)
            data = (
                data[: draw(st.integers(0, len(data)))] + other[draw(st.integers(0, len(other))) :]
            )
        elif kind == "duplicate":
            lines = data.split("\n")
            i = draw(st.integers(0, max(len(lines) - 1, 0)))
            lines[i:i] = [lines[i]] * draw(st.integers(1, 5))
            data = "\n".join(lines)
        elif kind == "inject":
            i = draw(st.integers(0, len(data)))
            data = data[:i] + draw(st.sampled_from(INJECTIONS)) + data[i:]
        elif kind == "newlines":
            data = data.replace(
                "\n", draw(st.sampled_from(["\r\n", "\r", "\n\n", "\r\r\n", "\u2028"]))
            )
        elif kind == "reencode":
            codec = draw(st.sampled_from(CODECS))
            data = data.encode(
                codec, "replace" if codec not in {"utf-8", "utf-16", "utf-32"} else "surrogatepass"
            )
        elif kind in {"flip", "drop"} and data:
            i = draw(st.integers(0, len(data) - 1))
            new = draw(st.characters()) if kind == "flip" else ""
            data = data[:i] + new + data[i + 1 :]
    return data


@given(data=mutated(), fmt=st.sampled_from(FORMATS), strict=st.booleans())
@FUZZ
def test_mutated_documents(data: str | bytes, fmt: str | None, strict: bool) -> None:
    parse_ok(data, format=fmt, strict=strict)


@given(doc=DOCUMENT)
@FUZZ
@example(doc="🎬 YouTube Premium 只需\n新\n-\n")
def test_valid_documents_parse_in_lenient_mode(doc: str) -> None:
    """The unmutated documents are all read as an Article."""
    article = parse_ok(doc)
    assert article is not None
    assert article.title


@given(doc=DOCUMENT, codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
@FUZZ
def test_reencoded_documents_give_the_same_article(doc: str, codec: str) -> None:
    """Bytes in a Unicode codec or GB18030 give the Article the text gives (but encoding)."""
    from_text = parse_ok(doc)
    from_bytes = parse_ok(doc.encode(codec))
    assert from_text is not None
    assert from_bytes is not None
    if codec == "gb18030" and from_bytes.encoding != "gb18030":
        assume(False)  # too little Chinese text to tell GB18030 from another legacy codec
    assert from_bytes.title == from_text.title
    assert from_bytes.paragraphs == from_text.paragraphs
    assert from_bytes.url == from_text.url


@given(data=st.binary(max_size=4000), fmt=st.sampled_from(FORMATS), strict=st.booleans())
@FUZZ
def test_arbitrary_bytes(data: bytes, fmt: str | None, strict: bool) -> None:
    parse_ok(data, format=fmt, strict=strict)


@given(text=st.text(max_size=2000), fmt=st.sampled_from(FORMATS), strict=st.booleans())
@FUZZ
def test_arbitrary_text(text: str, fmt: str | None, strict: bool) -> None:
    parse_ok(text, format=fmt, strict=strict)


@given(
    text=st.text(
        alphabet=st.sampled_from("<>/!-[](){}:&#;\"'=\n\r\t\x00 abp-*_`|~\\—"), max_size=500
    ),
    prefix=st.sampled_from(
        ["", "---\n", "---\ntitle: x\n", "<!--1-->\n", "<!--1-->\n[t](u)\n------\n"]
    ),
)
@FUZZ
def test_punctuation_soup(prefix: str, text: str) -> None:
    """Markup-heavy noise behind each format's opening lines."""
    parse_ok(prefix + text)
    parse_ok(prefix + text, strict=True)


@given(data=st.binary(max_size=2000))
@FUZZ
def test_detect_format_never_raises_anything_else(data: bytes) -> None:
    try:
        fmt = newsparse.detect_format(data)
    except NewsparseError:
        return
    assert isinstance(fmt, newsparse.Format)


@pytest.mark.parametrize("bad", [None, 42, 3.5, ["x"], object()])
def test_wrong_argument_type_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        newsparse.parse(bad)  # type: ignore[arg-type]
