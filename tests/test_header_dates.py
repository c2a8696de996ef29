"""Header variants and date evidence: a date line in place of the stamp, URL dates as a check."""

from __future__ import annotations

import datetime as dt

import pytest

import newsparse
from newsparse import Format, ParseError
from newsparse.dates import date_from_url, parse_date_line, url_contradiction
from newsparse.formats._archive_header import read_header

UTC = dt.timezone.utc


def _codes(article: newsparse.Article) -> list[str]:
    return [w.code for w in article.warnings]


def _doc(date_line: str, body: str = "<p>河边的柳树今年发芽很早。</p><p>第二段。</p>") -> str:
    return (
        f"[春天来得早](https://news.example.org/a/spring-story)\n------\n\n{date_line}\n\n{body}\n"
    )


class TestDateLineHeader:
    """``[title](url)`` / ``------`` / a date line, with no ``<!--EPOCH-->`` stamp."""

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("日期：Mon, 14 Sep 2020 08:05:00 +0000", dt.datetime(2020, 9, 14, 8, 5, tzinfo=UTC)),
            ("日期: Mon, 14 Sep 2020 08:05:00 GMT", dt.datetime(2020, 9, 14, 8, 5, tzinfo=UTC)),
            ("Date: 14 Sep 2020 16:05 +0800", dt.datetime(2020, 9, 14, 8, 5, tzinfo=UTC)),
            (
                "日期：Mon Sep 14 2020 16:05:00 GMT+0800 (China Standard Time)",
                dt.datetime(2020, 9, 14, 8, 5, tzinfo=UTC),
            ),
            ("发布时间：2020年9月14日 16:05", dt.datetime(2020, 9, 14, 8, 5, tzinfo=UTC)),
            ("2020-09-14T08:05:00Z", dt.datetime(2020, 9, 14, 8, 5, tzinfo=UTC)),
            ("**日期：** *2020-09-14*", dt.datetime(2020, 9, 14, tzinfo=UTC)),
            ("Published on September 14, 2020", dt.datetime(2020, 9, 14, tzinfo=UTC)),
        ],
    )
    def test_the_date_line_is_the_published_time(self, line: str, expected: dt.datetime) -> None:
        """Each style is read; the date is ``body`` evidence and leaves the paragraphs."""
        a = newsparse.parse(_doc(line))
        assert a.format is Format.COMMENT_HEADER
        assert (a.published, a.date_source) == (expected, "body")
        assert a.title == "春天来得早"
        assert a.paragraphs == ("河边的柳树今年发芽很早。", "第二段。")

    def test_no_missing_stamp_warning_and_strict_mode_accepts_it(self) -> None:
        """A date line instead of the stamp is a variant of the format, not a defect."""
        doc = _doc("日期：Mon, 14 Sep 2020 08:05:00 +0000")
        assert "missing-header-comment" not in _codes(newsparse.parse(doc))
        assert newsparse.parse(doc, strict=True).date_source == "body"

    def test_without_the_date_line_the_stamp_is_still_missing(self) -> None:
        """No stamp and no date line: the warning stays."""
        doc = "[标题](https://news.example.org/a/x)\n------\n\n<p>正文。</p>\n"
        assert "missing-header-comment" in _codes(newsparse.parse(doc))
        with pytest.raises(ParseError):
            newsparse.parse(doc, strict=True)

    def test_markdown_text_glued_to_the_date_line(self) -> None:
        """A Markdown body right under the date line does not swallow it into a paragraph."""
        a = newsparse.parse(_doc("日期：2020-09-14 08:05", "第一段紧跟着日期。\n\n第二段。"))
        assert a.published == dt.datetime(2020, 9, 14, 8, 5, tzinfo=UTC)
        assert a.paragraphs == ("第一段紧跟着日期。", "第二段。")

    def test_the_body_as_found_keeps_the_date_line(self) -> None:
        """``html`` is everything after the rule, the date line included."""
        line = "日期：Mon, 14 Sep 2020 08:05:00 +0000"
        assert line in (newsparse.parse(_doc(line)).html or "")

    def test_a_stamp_still_wins_over_the_date_line(self) -> None:
        """With both, the stamp is the declared time."""
        doc = "<!--1600070700000-->\n" + _doc("日期：2020-09-10")
        a = newsparse.parse(doc)
        assert (a.published, a.date_source) == (
            dt.datetime(2020, 9, 14, 8, 5, tzinfo=UTC),
            "comment-header",
        )
        assert all("2020-09-10" not in p for p in a.paragraphs)

    @pytest.mark.parametrize(
        "line",
        ["日期：2020-09-14 来源：本报", "<p>日期：2020-09-14</p>", "2020年是不平凡的一年"],
    )
    def test_lines_that_are_not_only_a_date(self, line: str) -> None:
        """A line with more than a date, or HTML, is body, not header."""
        header = read_header(_doc(line))
        assert header.date is None
        assert header.content_offset == header.body_offset

    def test_no_date_line_without_a_link_line(self) -> None:
        """The date line belongs to the archive header only after a link line."""
        header = read_header("2020-09-14\n\n正文\n")
        assert (header.date, header.link_line) == (None, None)

    def test_jekyll_nan_header_with_a_date_line(self) -> None:
        """After ``<!--NaN-->`` the header's date line is the publication time."""
        doc = (
            "---\ntitle: 标题\ndate: 2024-05-16T07:34:54.218Z\n---\n<!--NaN-->\n"
            "[标题](https://news.example.org/a/x)\n------\n日期：2024-05-14 10:00\n正文。\n"
        )
        a = newsparse.parse(doc)
        assert a.archived == dt.datetime(2024, 5, 16, 7, 34, 54, 218000, tzinfo=UTC)
        assert (a.published, a.date_source) == (dt.datetime(2024, 5, 14, 10, tzinfo=UTC), "body")
        assert a.paragraphs == ("正文。",)


class TestTimeElement:
    """A ``<time>`` element that shows readers a relative time still states its date."""

    def test_datetime_attribute(self) -> None:
        """``<time datetime="2020-10-12">24 分钟前</time>``: the attribute is the date."""
        doc = (
            "[标题](https://news.example.org/a/x)\n------\n\n"
            '<main><div><time datetime="2020-10-12T06:30:00+08:00">24 分钟前</time></div>'
            "<p>正文第一段，写得足够长以便成为正文。</p></main>\n"
        )
        a = newsparse.parse(doc)
        assert (a.published, a.date_source) == (
            dt.datetime(2020, 10, 11, 22, 30, tzinfo=UTC),
            "body",
        )


class TestUrlContradiction:
    """A declared date more than a year from the URL's full date loses to it."""

    @pytest.mark.parametrize(
        ("url", "day"),
        [
            ("https://www.wire.example/news/aipl/202105120042.aspx", (2021, 5, 12)),
            ("https://news.example.org/2021/05/12/story-slug/", (2021, 5, 12)),
            ("https://news.example.org/world/story-2021-05-12", (2021, 5, 12)),
            ("https://news.example.org/a/story-20130512/123456.html", (2013, 5, 12)),
            ("https://news.example.org/a/202105120042.aspx", (2021, 5, 12)),
        ],
    )
    def test_stamp_far_from_the_url_date(self, url: str, day: tuple[int, int, int]) -> None:
        """The stamp says 2015, the URL 2021: the URL wins, with a warning naming both."""
        doc = f"<!--1420070400000-->\n[标题]({url})\n------\n\n<p>正文。</p>\n"
        a = newsparse.parse(doc)
        assert (a.published, a.date_source) == (dt.datetime(*day, tzinfo=UTC), "url")
        (warning,) = [w for w in a.warnings if w.code == "date-contradicts-url"]
        assert "2015-01-01" in warning.message
        assert f"{day[0]}-{day[1]:02d}-{day[2]:02d}" in warning.message

    @pytest.mark.parametrize(
        "url",
        [
            # A bare 8-digit run dated after the archive's stamp is an id: the post was
            # seen by the mirror before that "date".
            "https://video.example.org/v/20380512",
            "https://news.example.org/a/story-20210512/123456.html",
            # Neither 8, 12 nor 14 digits: an id, whatever it reads as.
            "https://news.example.org/id/19990512001",
        ],
    )
    def test_stamp_stands_against_digits_that_are_no_date(self, url: str) -> None:
        doc = f"<!--1420070400000-->\n[标题]({url})\n------\n\n<p>正文。</p>\n"
        a = newsparse.parse(doc)
        assert (a.published, a.date_source) == (
            dt.datetime(2015, 1, 1, tzinfo=UTC),
            "comment-header",
        )
        assert "date-contradicts-url" not in _codes(a)

    def test_front_matter_date_far_from_the_url_date(self) -> None:
        """A Jekyll date two years off the URL's date is overruled; strict mode refuses."""
        doc = (
            "---\ntitle: 标题\ndate: 2019-03-01T00:00:00Z\n"
            "from: https://news.example.org/2021/05/12/story/\n---\n<p>正文。</p>\n"
        )
        a = newsparse.parse(doc)
        assert (a.published, a.date_source) == (dt.datetime(2021, 5, 12, tzinfo=UTC), "url")
        assert "date-contradicts-url" in _codes(a)
        with pytest.raises(ParseError, match="more than a year"):
            newsparse.parse(doc, strict=True)

    def test_date_line_far_from_the_url_date(self) -> None:
        """A header date line is declared evidence too."""
        doc = _doc("日期：2018-01-02").replace(
            "https://news.example.org/a/spring-story", "https://news.example.org/2021/05/12/x"
        )
        a = newsparse.parse(doc)
        assert (a.published, a.date_source) == (dt.datetime(2021, 5, 12, tzinfo=UTC), "url")

    @pytest.mark.parametrize(
        ("declared", "url"),
        [
            # Within a year: the declared time stands (late edits, time zones).
            ("2021-11-30T10:00:00Z", "https://news.example.org/2021/05/12/x"),
            # No full date in the URL: a year and month are not a day.
            ("2015-01-01T00:00:00Z", "https://news.example.org/2021/05/x"),
            # An id, not a date.
            ("2015-01-01T00:00:00Z", "https://news.example.org/a/7510427.html"),
            # Digits inside a hex id are no date.
            ("2015-01-01T00:00:00Z", "https://medium.example/p/story-9b20190512e3"),
            # Ambiguous digits (1 Sept or 9 Jan): no URL date to contradict with.
            ("2015-01-01T00:00:00Z", "https://news.example.org/x-09012023101500.html"),
        ],
    )
    def test_declared_date_stands(self, declared: str, url: str) -> None:
        """No contradiction, no change and no warning."""
        doc = f"---\ntitle: 标题\ndate: {declared}\nfrom: {url}\n---\n<p>正文。</p>\n"
        a = newsparse.parse(doc)
        assert a.date_source == "front-matter"
        assert "date-contradicts-url" not in _codes(a)

    def test_url_contradiction_function(self) -> None:
        """The rule on its own: more than 366 days apart."""
        url = "https://news.example.org/2021/05/12/x"
        assert url_contradiction(dt.datetime(2020, 5, 10, tzinfo=UTC), url) == dt.datetime(
            2021, 5, 12, tzinfo=UTC
        )
        assert url_contradiction(dt.datetime(2020, 5, 13, tzinfo=UTC), url) is None
        assert url_contradiction(dt.datetime(2020, 5, 13, tzinfo=UTC), None) is None


class TestNewDateStyles:
    """Date styles read for the header date line (and anywhere a date line stands)."""

    def test_date_followed_by_a_serial_in_the_url(self) -> None:
        """``202105120042``: a day and a serial number."""
        url = "https://www.wire.example/news/aipl/202105120042.aspx"
        assert date_from_url(url) == dt.datetime(2021, 5, 12, tzinfo=UTC)

    @pytest.mark.parametrize(
        "line",
        ["Date night in the city 2020", "Mon Sep 14 2020 16:05:00 GMT+9900", "Update: 2020-09-14"],
    )
    def test_not_date_lines(self, line: str) -> None:
        """A ``Date`` that is a word, an impossible offset, an unknown label."""
        assert parse_date_line(line) is None

    def test_rfc_2822_with_a_zone_comment(self) -> None:
        """``+0000 (UTC)``: the comment is ignored."""
        assert parse_date_line("Mon, 14 Sep 2020 08:05:00 +0000 (UTC)") == dt.datetime(
            2020, 9, 14, 8, 5, tzinfo=UTC
        )
