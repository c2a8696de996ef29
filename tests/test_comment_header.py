"""The comment-header format: stamp, link line, rule, HTML body."""

from __future__ import annotations

import datetime as dt

import pytest

import newsparse
from newsparse import Format, ParseError
from newsparse.formats._archive_header import parse_link_line

UTC = dt.timezone.utc
DOC = (
    "<!--1715734743000-->\n[标题](https://www.voachinese.com/a/x/1.html)\n------\n\n<p>正文。</p>\n"
)


def _codes(article: newsparse.Article) -> list[str]:
    return [w.code for w in article.warnings]


class TestLinkLine:
    """Splitting [title](url)."""

    @pytest.mark.parametrize(
        ("line", "title", "url"),
        [
            ("[a](https://e.org/x)", "a", "https://e.org/x"),
            ("[[外交]标题（一）](https://e.org/x)", "[外交]标题（一）", "https://e.org/x"),
            ("[a (b) [c]](https://e.org/wiki/A_(B))", "a (b) [c]", "https://e.org/wiki/A_(B)"),
            ("[t](https://e.org/%E4%B8%AD?a=(1))", "t", "https://e.org/%E4%B8%AD?a=(1)"),
            ("[a](b](https://e.org/x)", "a](b", "https://e.org/x"),
            ("[t](<https://e.org/a b>)", "t", "https://e.org/a b"),
            ("[t]()", "t", ""),
        ],
    )
    def test_split(self, line: str, title: str, url: str) -> None:
        """Brackets and parentheses in titles and URLs survive."""
        assert parse_link_line(line) == (title, url)

    def test_not_a_link(self) -> None:
        """Ordinary text is not a link line."""
        assert parse_link_line("just [some] text") is None


class TestDocument:
    """Whole documents."""

    def test_fields(self) -> None:
        """Stamp, title, url, outlet from the domain, paragraphs."""
        a = newsparse.parse(DOC)
        assert a.format is Format.COMMENT_HEADER
        assert (a.title, a.url, a.site) == (
            "标题",
            "https://www.voachinese.com/a/x/1.html",
            "美国之音",
        )
        assert (a.published, a.date_source) == (
            dt.datetime(2024, 5, 15, 0, 59, 3, tzinfo=UTC),
            "comment-header",
        )
        assert a.paragraphs == ("正文。",)
        assert a.warnings == ()

    def test_bom_crlf_and_leading_blank_lines(self) -> None:
        """A BOM, CRLF line ends and blank lines first change nothing."""
        a = newsparse.parse("\ufeff\r\n\r\n" + DOC.replace("\n", "\r\n"))
        b = newsparse.parse(DOC)
        assert (a.title, a.url, a.published, a.paragraphs) == (
            b.title,
            b.url,
            b.published,
            b.paragraphs,
        )

    @pytest.mark.parametrize(
        ("stamp", "code"),
        [
            ("NaN", None),
            ("-1000", "bad-header-date"),
            ("99999999999999999999", "bad-header-date"),
            ("xyz", "bad-header-date"),
        ],
    )
    def test_odd_stamps_are_warnings(self, stamp: str, code: str | None) -> None:
        """NaN is no date; negative, huge and garbled stamps are warnings, never crashes."""
        a = newsparse.parse(DOC.replace("1715734743000", stamp))
        assert a.published is None or a.date_source != "comment-header"
        assert (code in _codes(a)) if code else _codes(a) == []

    def test_nan_falls_back_to_a_body_date_line(self) -> None:
        """With NaN, RFI's day-first Paris-time date line gives published."""
        a = newsparse.parse(
            DOC.replace("1715734743000", "NaN").replace("<p>", "<div>12/06/2023 - 17:21</div><p>")
        )
        assert (a.published, a.date_source) == (
            dt.datetime(2023, 6, 12, 15, 21, tzinfo=UTC),
            "body",
        )

    def test_missing_rule_line(self) -> None:
        """No ------ line: a warning on the line where it was expected."""
        a = newsparse.parse(DOC.replace("------\n", ""))
        assert a.title == "标题"
        assert [(w.code, w.line) for w in a.warnings] == [("missing-rule-line", 3)]

    def test_missing_link_line_strict(self) -> None:
        """In strict mode a missing link line is a ParseError naming line 2."""
        with pytest.raises(ParseError) as info:
            newsparse.parse("<!--1715734743000-->\n------\n<p>x</p>\n", strict=True)
        assert info.value.line == 2
        assert info.value.code == "missing-link-line"

    def test_unclosed_stamp(self) -> None:
        """<!--1715734743000 without --> is read, with a warning."""
        a = newsparse.parse(DOC.replace("1715734743000-->", "1715734743000"))
        assert a.published is not None
        assert "header-comment-unclosed" in _codes(a)

    def test_html_is_kept_as_found(self) -> None:
        """html is the body text after the rule line."""
        assert newsparse.parse(DOC).html == "\n<p>正文。</p>\n"


class TestSafety:
    """Unsafe article URLs never surface."""

    @pytest.mark.parametrize(
        "url",
        ["javascript:alert(1)", "data:text/html,x", " JavaScript:void(0)", "file:///etc/passwd"],
    )
    def test_unsafe_article_url_is_dropped(self, url: str) -> None:
        """A javascript:/data:/file: link-line URL becomes None with a warning."""
        a = newsparse.parse(f"<!--1715734743000-->\n[t]({url})\n------\n<p>x</p>\n")
        assert a.url is None
        assert "unsafe-url-dropped" in _codes(a)

    def test_placeholder_stamp(self) -> None:
        """<!--1--> (one millisecond after 1970) is not a publication time."""
        a = newsparse.parse("<!--1-->\n[t](https://e.org/x)\n------\n<p>x</p>\n")
        assert a.published is None
        assert "bad-header-date" in _codes(a)
