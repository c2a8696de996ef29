"""Shortcuts of a parse outside the body, against the plain code they stand in for.

Issue 17 cut the fixed cost of a parse: a URL's host read with one regex when it is plain,
dates in URLs found by patterns that the regex engine scans for quickly, the Article built
once by its parser instead of copied with its warnings, source and encoding. Each shortcut
must give what the plain code gives.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsparse
from newsparse import dates
from newsparse._context import Context
from newsparse.formats import plaintext
from newsparse.model import Article
from newsparse.sites import _hostname, registered_domain, site_for_url

# ---------------------------------------------------------------------------- hosts

_URL_PARTS = st.sampled_from([
    "http", "https", "HTTPS", "hTtP", "ftp", "://", ":", "/", "//", "?", "#", "@", ".", "-",
    "[", "]", "::1", ":8080", "www", "bbc", "co", "uk", "example", "EXAMPLE", "com", "中文",
    "xn--fiq228c", "\t", "\n", " ", "\x01", "\x1c", "%", "user:pw@", "K", "ſ", "1.2.3.4",
])  # fmt: skip
_URLS = st.one_of(
    st.lists(_URL_PARTS, max_size=12).map("".join),
    st.builds(
        lambda scheme, host, rest: f"{scheme}://{host}{rest}",
        st.sampled_from(["http", "https", "HTTP", "Https"]),
        st.lists(_URL_PARTS, max_size=5).map("".join),
        st.lists(_URL_PARTS, max_size=4).map("".join),
    ),
)


def _urlsplit_host(url: str) -> str | ValueError:
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError as exc:
        return exc


@given(_URLS)
def test_hostname_is_urlsplits(url: str) -> None:
    expected = _urlsplit_host(url)
    if isinstance(expected, ValueError):
        with pytest.raises(ValueError, match=re.escape(str(expected))):
            _hostname(url)
    else:
        assert _hostname(url) == expected


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.BBC.co.uk/news", "www.bbc.co.uk"),
        (" http://a.example.com?x=1 ", "a.example.com"),
        ("HTTPS://A.B#top", "a.b"),
        ("http://user@a.com:80/x", "a.com"),
        ("https://x.com\t/a", "x.com"),
        ("http:///path", ""),
        ("//cdn.example.org/a.js", "cdn.example.org"),
    ],
)
def test_hostname_examples(url: str, host: str) -> None:
    assert _hostname(url) == host


def test_registered_domain_and_site_read_the_same_hosts() -> None:
    assert registered_domain("https://news.bbc.co.uk/a") == "bbc.co.uk"
    assert registered_domain("http://[::1") is None  # urlsplit's ValueError
    assert site_for_url("https://CN.NYTimes.com./a") == "纽约时报中文网"
    assert site_for_url("http://[::1") is None


# ---------------------------------------------------------------------------- URL dates

_PLAIN_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)")
_PLAIN_DIGITS = re.compile(r"(?<![\d])(\d{8,14})(?![\d])")
_URL_DIGIT_TEXT = st.lists(
    st.sampled_from(["0", "1", "2", "9", "19", "20", "2024", "0512", "/", "-", "_", "a", "٣", "x"]),
    max_size=30,
).map("".join)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(m.span(), *m.groups()) for m in pattern.finditer(text)]


@given(_URL_DIGIT_TEXT)
def test_url_date_patterns_find_what_the_plain_ones_find(text: str) -> None:
    assert _found(dates._URL_YMD_SEP, text) == _found(_PLAIN_YMD, text)
    assert _found(dates._URL_DIGITS, text) == _found(_PLAIN_DIGITS, text)


def test_url_date_patterns_examples() -> None:
    assert _found(dates._URL_YMD_SEP, "/12020-05-12/a/2021/05/12/b") == [
        ((15, 25), "2021", "05", "12")
    ]
    assert _found(dates._URL_DIGITS, "/v/1234567/20210512/123456789012345/x202105120042") == [
        ((11, 19), "20210512"),
        ((37, 49), "202105120042"),
    ]


# ---------------------------------------------------------------------------- the Article


_DOC = "---\ntitle: 标题\ntags: [a]\n---\n<p>正文第一段。</p>\x00\x00\x00\x00\n"


def test_str_input_keeps_every_warning_and_the_source() -> None:
    article = newsparse.parse(_DOC, source="doc.md", format="jekyll")
    codes = [w.code for w in article.warnings]
    assert codes[0] == "control-characters-removed"  # recorded before the parser ran
    assert article.source == "doc.md"
    assert article.encoding is None


def test_bytes_input_gets_its_encoding() -> None:
    article = newsparse.parse(_DOC.encode("gb18030"), source="doc.md")
    assert article.encoding == "gb18030"
    assert article.source == "doc.md"
    assert article.warnings == newsparse.parse(_DOC, source="doc.md").warnings


def test_a_parser_that_leaves_out_the_warnings_is_copied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """:func:`newsparse.parse` still gives the warnings and source when a parser's Article
    lacks them (the copy the parsers save it)."""
    real = plaintext.PlainTextParser.parse

    def bare(self: plaintext.PlainTextParser, text: str, ctx: Context) -> Article:
        article = real(self, text, ctx)
        return Article(format=article.format, title=article.title, html=article.html)

    monkeypatch.setattr(plaintext.PlainTextParser, "parse", bare)
    article = newsparse.parse("\x00\x00\x00\x00标题\n正文。\n", source="a.txt", format="plaintext")
    assert article.source == "a.txt"
    assert [w.code for w in article.warnings] == ["control-characters-removed"]
