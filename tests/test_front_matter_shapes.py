"""Front matter as users bring it: empty (``---`` then ``---``) and TOML between ``+++``."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsparse
from newsparse import Format, ParseError

HUGO = """\
+++
title = "Night buses return"
date = 2024-06-01T18:45:00+08:00
author = "Min Zhou"
tags = ["transport", "city"]
categories = ["Example Evening News"]
from = "https://news.example.org/2024/06/01/buses.html"
weight = 3
+++
<p>Night buses run again from Monday.</p>
"""


def codes(article: newsparse.Article) -> list[str]:
    return [w.code for w in article.warnings]


class TestEmptyFrontMatter:
    @pytest.mark.parametrize("opening", ["---\n---\n", "---\n-----\n", "\n---  \n---\n"])
    def test_is_a_jekyll_post_with_no_metadata(self, opening: str) -> None:
        """Detected as jekyll; the body is read; the front matter adds nothing."""
        text = opening + "<p>Only a body.</p>\n"
        assert newsparse.detect_format(text) is Format.JEKYLL
        article = newsparse.parse(text)
        assert article.paragraphs == ("Only a body.",)
        assert (article.tags, dict(article.extra), article.published) == ((), {}, None)
        assert "front-matter-invalid" not in codes(article)

    def test_with_an_archive_header(self) -> None:
        """An empty block followed by the usual header still gives title and URL."""
        text = "---\n---\n<!--1715734743000-->\n[Hello](https://e.org/a)\n------\n<p>Hi.</p>\n"
        article = newsparse.parse(text)
        assert (article.format, article.title, article.url) == (
            Format.JEKYLL,
            "Hello",
            "https://e.org/a",
        )
        assert article.date_source == "comment-header"


class TestToml:
    def test_fields_as_from_yaml(self) -> None:
        """The same keys in TOML give the same Article fields as in YAML."""
        yaml_text = (
            "---\ntitle: Night buses return\ndate: 2024-06-01T18:45:00+08:00\n"
            "author: Min Zhou\ntags: [transport, city]\ncategories: [Example Evening News]\n"
            "from: https://news.example.org/2024/06/01/buses.html\nweight: 3\n---\n"
            "<p>Night buses run again from Monday.</p>\n"
        )
        toml = newsparse.parse(HUGO)
        yaml = newsparse.parse(yaml_text)
        assert toml.format is Format.JEKYLL
        assert (
            toml.published is not None and toml.published.isoformat() == "2024-06-01T10:45:00+00:00"
        )
        for field in (
            "title",
            "url",
            "published",
            "author",
            "tags",
            "categories",
            "site",
            "paragraphs",
            "extra",
        ):
            assert getattr(toml, field) == getattr(yaml, field), field
        assert toml.warnings == ()

    def test_tables_and_local_dates(self) -> None:
        """A [table] lands in extra as a mapping; a date without offset still parses."""
        text = (
            '+++\ntitle = "T"\ndate = 2024-06-01\n[params]\nsource = "X"\nlevel = 2\n+++\nBody.\n'
        )
        article = newsparse.parse(text)
        assert dict(article.extra) == {"params": {"source": "X", "level": 2}}
        assert (
            article.published is not None and article.published.date().isoformat() == "2024-06-01"
        )

    def test_broken_toml_is_recovered_key_by_key(self) -> None:
        """An unclosed string: a warning with the line, and the other keys still read."""
        text = (
            '+++\ntitle = "Unclosed\ndate = 2024-06-01T10:00:00Z\ntags = ["a"]\n+++\n<p>Body.</p>\n'
        )
        article = newsparse.parse(text)
        assert codes(article)[:2] == ["front-matter-invalid", "front-matter-recovered"]
        assert article.warnings[0].line == 2
        assert article.published is not None and article.published.hour == 10
        assert article.tags == ("a",)
        assert article.title == '"Unclosed'

    def test_strict_mode_raises_with_the_line(self) -> None:
        """strict=True: the first TOML error is a ParseError that names its line."""
        with pytest.raises(ParseError) as info:
            newsparse.parse('+++\ntitle = "ok"\nbad line\n+++\nBody.\n', strict=True)
        assert info.value.code == "front-matter-invalid"
        assert info.value.line == 3

    def test_unclosed_block(self) -> None:
        """No closing +++: the key lines are the front matter, the rest the body."""
        article = newsparse.parse('+++\ntitle = "T"\n<p>Body text.</p>\n')
        assert article.title == "T"
        assert article.paragraphs == ("Body text.",)
        assert "front-matter-unclosed" in codes(article)
        assert "+++" in article.warnings[codes(article).index("front-matter-unclosed")].message

    def test_deep_nesting_is_bounded(self) -> None:
        """100 000 nested arrays end in a warning, not a RecursionError."""
        text = '+++\ntitle = "T"\nx = ' + "[" * 100_000 + "]" * 100_000 + "\n+++\nBody.\n"
        article = newsparse.parse(text)
        assert article.title == "T"
        assert "front-matter-invalid" in codes(article)

    @pytest.mark.parametrize(
        "number", ["9" * 5000, "-" + "7" * 4301, "0x" + "f" * 5000, "0b" + "1" * 1200]
    )
    def test_a_number_too_long_is_kept_as_text(self, number: str) -> None:
        """As in YAML: text with a ``number-too-long`` warning, not ``internal`` (a long
        decimal) nor a value no writer can turn into decimal (a long hexadecimal)."""
        text = f'+++\ntitle = "Long"\n# n = 1\nviews = {number}\n[params]\nw = 1\n+++\nBody.\n'
        article = newsparse.parse(text)
        assert article.title == "Long"
        assert article.extra == {"views": number, "params": {"w": 1}}
        assert [(w.code, w.line) for w in article.warnings] == [("number-too-long", 4)]
        assert number in article.to_json()
        assert number in newsparse.dumps(article, Format.JEKYLL)
        with pytest.raises(ParseError) as info:
            newsparse.parse(text, strict=True)
        assert (info.value.code, info.value.line) == ("number-too-long", 4)

    def test_a_number_too_long_inside_arrays_and_tables(self) -> None:
        long = "9" * 5000
        text = (
            f'+++\ntitle = "Long"\nids = [1, {long},\n  2]\n'
            f'point = {{ x = {long} }}\nkept = "{long}"\nshort = [{"9" * 900}]\n+++\nBody.\n'
        )
        article = newsparse.parse(text)
        assert article.extra == {
            "ids": [1, long, 2],
            "point": {"x": long},
            "kept": long,
            "short": [int("9" * 900)],
        }
        assert [(w.code, w.line) for w in article.warnings] == [
            ("number-too-long", 3),
            ("number-too-long", 5),
        ]

    def test_a_number_too_long_on_a_recovered_line(self) -> None:
        """A broken block is read line by line; a long number there is text too."""
        text = f'+++\ntitle = "Unclosed\nviews = {"9" * 5000}\n+++\nBody.\n'
        article = newsparse.parse(text)
        assert article.extra["views"] == "9" * 5000
        assert ("number-too-long", 3) in [(w.code, w.line) for w in article.warnings]

    @pytest.mark.parametrize("target", list(Format))
    def test_dumps_round_trip(self, target: Format) -> None:
        """A TOML post written in any format parses back to the fields that format carries."""
        article = newsparse.parse(HUGO)
        again = newsparse.parse(newsparse.dumps(article, target))
        assert (again.title, again.published, again.paragraphs) == (
            article.title,
            article.published,
            article.paragraphs,
        )
        if target is Format.JEKYLL:
            for field in ("url", "author", "tags", "categories", "extra"):
                assert getattr(again, field) == getattr(article, field), field

    @given(st.text(max_size=300))
    def test_any_text_after_plus_lines_ends_in_an_article_or_error(self, body: str) -> None:
        """Whatever follows a +++ line, the result is an Article or a NewsparseError."""
        try:
            article = newsparse.parse("+++\n" + body)
        except newsparse.NewsparseError:
            return
        assert isinstance(article, newsparse.Article)
