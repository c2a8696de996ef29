"""Jekyll posts: front matter (valid, broken, hostile), archive header, bodies of each kind."""

from __future__ import annotations

import datetime as dt

import pytest

import newsparse
from newsparse import Format, ParseError

UTC = dt.timezone.utc

POST = """---
layout: post
title: "示例：港口货运量创新高"
date: 2024-02-03T04:05:06.000Z
author: 示例通讯社
from: https://news.example.org/port-record.html
tags: [ 示例通讯社 ]
comments: True
categories: [ 示例通讯社 ]
---
<!--1706933106000-->
[示例：港口货运量创新高](https://news.example.org/port-record.html)
------

<div><p>港口管理局周五公布，上月货运量创下历史新高。</p></div>
"""


def _codes(article: newsparse.Article) -> list[str]:
    return [w.code for w in article.warnings]


class TestFrontMatter:
    """Reading the YAML block."""

    def test_fields(self) -> None:
        """Known keys become fields; the outlet is the first category."""
        a = newsparse.parse(POST)
        assert a.format is Format.JEKYLL
        assert a.title == "示例：港口货运量创新高"
        assert a.url == "https://news.example.org/port-record.html"
        assert a.published == dt.datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC)
        assert a.date_source == "front-matter"
        assert (a.author, a.site, a.tags, a.categories) == (
            "示例通讯社", "示例通讯社", ("示例通讯社",), ("示例通讯社",),
        )  # fmt: skip
        assert a.paragraphs == ("港口管理局周五公布，上月货运量创下历史新高。",)
        assert a.warnings == ()

    def test_unknown_keys_go_to_extra_untouched(self) -> None:
        """layout, comments, published: true and any other key land in extra as YAML gave them."""
        text = POST.replace(
            "comments: True\n", "comments: True\npublished: true\nweight: 3\nseries: [a, b]\n"
        )
        a = newsparse.parse(text)
        assert a.extra == {
            "layout": "post",
            "comments": True,
            "published": True,
            "weight": 3,
            "series": ["a", "b"],
        }
        assert a.published == dt.datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC)

    def test_unescaped_quotes_in_title_are_recovered(self) -> None:
        """title: "a "b" c" breaks YAML; the title is recovered with a warning on its line."""
        text = POST.replace('title: "示例：港口货运量创新高"', 'title: "示例："港口"货运量创新高"')
        a = newsparse.parse(text)
        assert a.title == '示例："港口"货运量创新高'
        assert a.author == "示例通讯社"
        assert "front-matter-recovered" in _codes(a)
        assert any(w.line == 3 for w in a.warnings if w.code == "front-matter-recovered")

    def test_colon_in_unquoted_value_is_recovered(self) -> None:
        """title: a: b breaks YAML; the raw value is kept."""
        text = POST.replace(
            'title: "示例：港口货运量创新高"', "title: Breaking: port sets a record"
        )
        a = newsparse.parse(text)
        assert a.title == "Breaking: port sets a record"
        assert a.url == "https://news.example.org/port-record.html"

    def test_strict_mode_names_the_line(self) -> None:
        """In strict mode broken YAML is a ParseError with source, format and line."""
        text = POST.replace('title: "示例：港口货运量创新高"', 'title: "a "b" c"')
        with pytest.raises(ParseError) as info:
            newsparse.parse(text, strict=True, source="posts/x.md")
        err = info.value
        assert err.line == 3
        assert err.format == "jekyll"
        assert "posts/x.md" in str(err)
        assert "line 3" in str(err)

    def test_alias_bomb_is_refused(self) -> None:
        """A billion-laughs front matter is a ParseError, quickly."""
        lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
        text = "---\ntitle: bomb\n" + "\n".join(lines) + "\n---\n<p>x</p>\n"
        with pytest.raises(ParseError, match="alias") as info:
            newsparse.parse(text, strict=True)
        assert info.value.code == "front-matter-refused"
        article = newsparse.parse(text)
        assert [w.code for w in article.warnings][:1] == ["front-matter-refused"]
        assert article.paragraphs == ("x",)
        assert article.extra == {}

    def test_deep_nesting_is_refused(self) -> None:
        """[[[[…]]]] 10 000 deep never reaches libyaml."""
        text = "---\ntitle: deep\nx: " + "[" * 10_000 + "]" * 10_000 + "\n---\n<p>x</p>\n"
        with pytest.raises(ParseError, match="nests"):
            newsparse.parse(text, strict=True)
        assert "front-matter-refused" in [w.code for w in newsparse.parse(text).warnings]

    @pytest.mark.parametrize("number", ["9" * 5000, "-" + "7" * 4301, "0x" + "F" * 4000])
    def test_a_number_too_long_to_convert_is_kept_as_text(self, number: str) -> None:
        """Python will not convert an integer of over 4,300 digits: the value stays text,
        with a warning, instead of losing the whole document."""
        text = f"---\ntitle: Long number\nviews: {number}\ntags:\n  - port\n---\n<p>Body.</p>\n"
        article = newsparse.parse(text)
        assert article.title == "Long number"
        assert article.tags == ("port",)
        assert article.extra == {"views": number}
        assert [(w.code, w.line) for w in article.warnings] == [("number-too-long", 3)]
        assert article.paragraphs == ("Body.",)
        with pytest.raises(ParseError) as info:
            newsparse.parse(text, strict=True)
        assert (info.value.code, info.value.line) == ("number-too-long", 3)

    def test_ordinary_numbers_stay_numbers(self) -> None:
        text = "---\ntitle: n\nviews: 12345\nbig: 0x10\nlist:\n  - 1\n---\n<p>Body.</p>\n"
        assert newsparse.parse(text).extra == {"views": 12345, "big": 16, "list": [1]}

    @pytest.mark.parametrize("offset", ["+25:00", "-24:00", "+99:59", " +2500"])
    def test_an_impossible_utc_offset_is_a_bad_date(self, offset: str) -> None:
        """An offset of 24 hours or more is no time zone: a warning, the rest is kept."""
        text = f"---\ntitle: Offset\ndate: 2024-05-16T07:34:54{offset}\n---\n<p>Body.</p>\n"
        article = newsparse.parse(text)
        assert (article.title, article.published, article.paragraphs) == (
            "Offset",
            None,
            ("Body.",),
        )
        assert [(w.code, w.line) for w in article.warnings] == [("bad-date", 3)]
        assert "offset" in article.warnings[0].message
        with pytest.raises(ParseError) as info:
            newsparse.parse(text, strict=True)
        assert (info.value.code, info.value.line) == ("bad-date", 3)

    def test_unclosed_front_matter(self) -> None:
        """Without a closing ---, the key lines are the front matter and the rest the body."""
        text = "---\ntitle: 未闭合\nauthor: 某人\n<p>正文。</p>\n"
        a = newsparse.parse(text)
        assert a.title == "未闭合"
        assert a.paragraphs == ("正文。",)
        assert "front-matter-unclosed" in _codes(a)

    def test_delimiters_with_spaces_and_more_dashes(self) -> None:
        """'----  ' opens and closes front matter too."""
        text = "-----  \ntitle: t\n----- \n<p>p</p>\n"
        a = newsparse.parse(text)
        assert (a.format, a.title, a.paragraphs) == (Format.JEKYLL, "t", ("p",))

    def test_tags_as_a_string_are_words(self) -> None:
        """tags: a b (a YAML string) gives two tags, as Jekyll reads it."""
        a = newsparse.parse("---\ntitle: t\ntags: alpha beta\n---\n<p>p</p>\n")
        assert a.tags == ("alpha", "beta")

    def test_entities_in_author_are_decoded(self) -> None:
        """author: A &#38; B reads A & B."""
        a = newsparse.parse("---\ntitle: t\nauthor: A &#38; B\n---\n<p>p</p>\n")
        assert a.author == "A & B"

    def test_site_suffix_is_stripped_from_title(self) -> None:
        """'Headline - Outlet' loses the suffix when Outlet is the category."""
        a = newsparse.parse("---\ntitle: 标题 - Outlet\ncategories: [Outlet]\n---\n<p>p</p>\n")
        assert a.title == "标题"

    def test_impossible_date_is_a_warning(self) -> None:
        """date: 2024-13-45T99:00:00Z is recorded, and published stays None."""
        a = newsparse.parse("---\ntitle: t\ndate: 2024-13-45T99:00:00Z\n---\n<p>p</p>\n")
        assert a.published is None
        assert [(w.code, w.line) for w in a.warnings] == [("bad-date", 3)]


class TestDates:
    """Which evidence becomes published."""

    def test_nan_header_makes_the_front_matter_date_the_archive_time(self) -> None:
        """With <!--NaN--> the date is archived; published comes from the URL."""
        text = POST.replace("<!--1706933106000-->", "<!--NaN-->").replace(
            "port-record.html", "port-record-02022024093000.html"
        )
        a = newsparse.parse(text)
        assert a.archived == dt.datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC)
        assert a.published == dt.datetime(2024, 2, 2, tzinfo=UTC)
        assert a.date_source == "url"

    def test_nan_with_a_body_date_line(self) -> None:
        """A standalone date line in the body wins over the URL and leaves the paragraphs."""
        text = POST.replace("<!--1706933106000-->", "<!--NaN-->").replace(
            "<div><p>", "<div><div>2024年2月1日</div><p>"
        )
        a = newsparse.parse(text)
        assert (a.published, a.date_source) == (dt.datetime(2024, 2, 1, tzinfo=UTC), "body")
        assert len(a.paragraphs) == 1

    def test_nan_without_evidence(self) -> None:
        """No stated date: published is None, archived is kept."""
        a = newsparse.parse(POST.replace("<!--1706933106000-->", "<!--NaN-->"))
        assert a.published is None
        assert a.date_source is None
        assert a.archived is not None


class TestBodies:
    """Raw page HTML and Markdown bodies."""

    def test_page_html_body_without_header(self) -> None:
        """An <article> page body: the content container, not the chrome."""
        text = (
            '---\ntitle: 页面\n---\n\n<article><header><h1>页面</h1><div class="entry-meta">作者 某人</div>'
            '</header><div class="entry-content"><p>第一段正文内容在这里。</p><p>第二段正文。</p>'
            '<div class="sharedaddy">分享到：Twitter</div></div></article>\n'
        )
        a = newsparse.parse(text)
        assert a.paragraphs == ("第一段正文内容在这里。", "第二段正文。")

    def test_markdown_body(self) -> None:
        """Setext headings, lists, images and links go through markdown-it-py."""
        text = (
            "---\ntitle: md\n---\n\nA heading\n---------\n\nSome *text* with a [link](https://e.org).\n\n"
            "* one\n* two\n\n![alt text](https://e.org/p.jpg)\n"
        )
        a = newsparse.parse(text)
        assert a.paragraphs == ("A heading", "Some text with a link.", "one", "two")
        assert [(i.url, i.alt) for i in a.images] == [("https://e.org/p.jpg", "alt text")]
        assert a.html is not None and a.html.lstrip().startswith("A heading")
