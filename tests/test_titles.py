"""Titles as the article gives them: page-title suffixes cut, Markdown escapes undone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsparse
from newsparse.titles import (
    MAX_CUTS,
    cut_title_suffixes,
    escape_markdown,
    may_have_suffix,
    outlet_names,
    unescape_markdown,
)

RFI = "https://www.rfi.fr/cn/中国/20230612-河流治理"


def _header_doc(title: str, url: str = RFI) -> str:
    return f"<!--1686580000000-->\n[{title}]({url})\n------\n<p>正文第一段。</p>\n"


def _cut(article: newsparse.Article) -> list[str]:
    return [w.message for w in article.warnings if w.code == "title-suffix-removed"]


class TestSuffixes:
    """A trailing part naming the outlet or one of its columns is cut, and kept in a note."""

    @pytest.mark.parametrize(
        ("title", "parts"),
        [
            ("河流治理的新办法 - 法国国际广播电台", ["法国国际广播电台"]),
            ("河流治理的新办法 – 法国国际广播电台 - RFI", ["RFI", "法国国际广播电台"]),
            ("河流治理的新办法 - 报纸摘要", ["报纸摘要"]),
            ("河流治理的新办法 - 报纸摘要 - RFI", ["RFI", "报纸摘要"]),
            ("河流治理的新办法 | 经济观察", ["经济观察"]),
            ("河流治理的新办法 ｜ 法廣", ["法廣"]),
            ("河流治理的新办法 — RFI 华语", ["RFI 华语"]),
        ],
    )
    def test_cut(self, title: str, parts: list[str]) -> None:
        """Known names, aliases, the domain's brand and column shapes; chains too."""
        a = newsparse.parse(_header_doc(title))
        assert a.title == "河流治理的新办法"
        assert _cut(a) == [f"page-title suffix {p!r} cut from the title" for p in parts]

    @pytest.mark.parametrize(
        "title",
        [
            "中国经济开始复苏 - 法国世界报",  # a press review cites the paper: not the outlet
            "北京 - 上海高铁提速",  # a route, not a suffix
            "回顾 2020 - 2021",  # a range
            "在后疫情时代重返街头表演｜法广",  # no spaces: an author's own title on a platform
            "治理 - 某某电台",  # too little would be left for a shape-only cut
            "河流治理的新办法 - 附录一",  # a part of the work, not a column
            "经典老歌 - 寂静之声",  # a song, not a broadcaster
            "邓丽君 - 经典歌曲精选",  # a compilation, not a column
            "河流治理的新办法 - RFID 标签",  # starts with the brand's letters, names something else
        ],
    )
    def test_kept(self, title: str) -> None:
        """Parts that name neither the outlet nor a column stay, with no note."""
        a = newsparse.parse(_header_doc(title))
        assert a.title == title
        assert _cut(a) == []

    def test_known_name_leaves_even_a_short_headline(self) -> None:
        """A three-character headline keeps its place when the outlet's name is cut."""
        a = newsparse.parse(_header_doc("反说服 - RFI"))
        assert a.title == "反说服"

    def test_domain_brand(self) -> None:
        """An outlet nobody listed: its domain's name is its name."""
        a = newsparse.parse(
            _header_doc("Harbour reopens - Harbour Gazette", "https://harbourgazette.example/a/1")
        )
        assert a.title == "Harbour reopens"

    def test_jekyll_category_and_author(self) -> None:
        """In a Jekyll post the category and the author are the outlet's names too."""
        doc = (
            "---\ntitle: 河流治理的新办法 | 河岸评论社\nauthor: 河岸评论社\n"
            "categories: [ 河岸评论社 ]\n---\n<p>正文第一段。</p>\n"
        )
        a = newsparse.parse(doc)
        assert a.title == "河流治理的新办法"
        (w,) = [w for w in a.warnings if w.code == "title-suffix-removed"]
        assert w.line == 2

    def test_strict_mode_does_not_raise(self) -> None:
        """Cutting a suffix is the reading of the title, not a defect."""
        assert newsparse.parse(_header_doc("河流 - RFI"), strict=True).title == "河流"

    def test_aliases_are_data(self) -> None:
        """A user-added alias is a known name, in the call whose rules add it."""
        rules = newsparse.Rules.default().with_aliases({"法广": ["河岸之家"]})
        assert newsparse.parse(_header_doc("河流治理 - 河岸之家"), rules=rules).title == "河流治理"
        assert newsparse.parse(_header_doc("河流治理 - 河岸之家")).title == "河流治理 - 河岸之家"

    def test_outlet_names(self) -> None:
        """Declared names, the URL's outlet, aliases and the domain brand, without repeats."""
        names = outlet_names(["法广", None, " "], "https://www.rfi.fr/cn/x")
        assert names[0] == "法广"
        assert {"RFI", "法国国际广播电台", "rfi.fr"} <= set(names)
        assert len({n.casefold() for n in names}) == len(names)

    @pytest.mark.parametrize(
        ("url", "brand", "domain"),
        [
            ("https://www.riverside.co.uk/a/1", "riverside", "riverside.co.uk"),
            ("https://news.harbour.com.hk/a/1", "harbour", "harbour.com.hk"),
            ("https://cn.example.com/a/1", "example", "example.com"),
        ],
    )
    def test_domain_brand_under_a_country_suffix(self, url: str, brand: str, domain: str) -> None:
        names = outlet_names([], url)
        assert {brand, domain} <= set(names)
        assert not {"co", "com", "co.uk", "com.hk"} & set(names)

    def test_function(self) -> None:
        """The rule on its own returns the parts cut, last first."""
        assert cut_title_suffixes("标题内容 - 某刊专栏 - ABC", ["ABC"]) == (
            "标题内容",
            ["ABC", "某刊专栏"],
        )
        assert cut_title_suffixes("标题内容", ["ABC"]) == ("标题内容", [])

    @given(
        st.lists(st.sampled_from(["标题", "ABC", " - ", " | ", "-", "｜", " ", "专栏", "x" * 70])).map(
            "".join
        )
    )
    def test_no_separator_near_the_end_cuts_nothing(self, title: str) -> None:
        """Callers skip gathering the outlet's names when :func:`may_have_suffix` says no."""
        names = ["ABC", "标题", "专栏"]
        if not may_have_suffix(title):
            assert cut_title_suffixes(title, names) == (title, [])
        if cut_title_suffixes(title, names)[1]:
            assert may_have_suffix(title)


class TestMarkdownEscapes:
    """Escapes in the ``[title](url)`` line are undone."""

    def test_link_line_title(self) -> None:
        r"""``\“``, ``\[``, ``\*``, ``\_`` lose their backslash."""
        a = newsparse.parse(_header_doc(r"\“河流\”治理 \[新\] \*重磅\* a\_b"))
        assert a.title == "“河流”治理 [新] *重磅* a_b"

    @pytest.mark.parametrize(
        ("raw", "text"),
        [(r"C:\Users", r"C:\Users"), ("\\\\", "\\"), (r"\中", r"\中"), ("无转义", "无转义")],
    )
    def test_only_escapes(self, raw: str, text: str) -> None:
        """A backslash before a letter or a CJK character is text."""
        assert unescape_markdown(raw) == text

    def test_front_matter_title_copied_from_the_link_line(self) -> None:
        """Escapes the mirror copied into the front matter go when the link line agrees."""
        doc = (
            "---\ntitle: '\\“河流\\”治理 \\[新\\]'\n---\n<!--NaN-->\n"
            "[\\“河流\\”治理 \\[新\\]](https://news.example.org/a/x)\n------\n<p>x</p>\n"
        )
        assert newsparse.parse(doc).title == "“河流”治理 [新]"

    def test_front_matter_title_is_not_unescaped(self) -> None:
        """YAML has its own escapes; a backslash left in a front-matter title is text."""
        a = newsparse.parse("---\ntitle: 'a \\* b'\n---\n<p>x</p>\n")
        assert a.title == "a \\* b"


class TestProperties:
    """Laws of the title helpers, over text full of separators, brackets and backslashes."""

    _text = st.text(alphabet="河流治理新办法 -|–—｜\\[]*_“”abRFI电台摘要", max_size=40)

    @given(_text)
    def test_escape_then_unescape_is_identity(self, text: str) -> None:
        """What dumps writes into a link line reads back as the same title."""
        assert unescape_markdown(escape_markdown(text)) == text

    @given(_text, st.lists(st.sampled_from(["RFI", "法广", "河流", "b"]), max_size=3))
    def test_cut_is_a_prefix_and_never_empties(self, text: str, names: list[str]) -> None:
        """Cutting keeps a non-empty start of the title (when there was one), and reports
        exactly what it removed."""
        head, parts = cut_title_suffixes(text, names)
        assert text.startswith(head)
        assert bool(head.strip()) or not parts
        assert len(parts) <= MAX_CUTS
        for part in parts:
            assert part in text[len(head) :]

    def test_dumps_round_trip_keeps_backslashes(self) -> None:
        r"""A title holding ``\[`` survives dumps → parse in the comment-header format."""
        article = newsparse.parse(_header_doc("路径 a\\\\[b\\\\] 与 C:\\\\x"))
        assert article.title == "路径 a\\[b\\] 与 C:\\x"
        again = newsparse.parse(newsparse.dumps(article, "comment-header"))
        assert again.title == article.title
