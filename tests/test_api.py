"""The entry points: detection, explicit formats, bytes, files, errors."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import newsparse
from newsparse import Format, NewsparseError, ParseError, UnknownFormatError

JEKYLL = "---\ntitle: t\n---\n<p>p</p>\n"
HEADER = "<!--1715734743000-->\n[t](https://e.org/x)\n------\n<p>p</p>\n"
PLAIN = "标题\n正文。\n"


class TestDetect:
    """detect_format from content alone."""

    @pytest.mark.parametrize(
        ("text", "fmt"),
        [(JEKYLL, Format.JEKYLL), (HEADER, Format.COMMENT_HEADER), (PLAIN, Format.PLAINTEXT)],
    )
    def test_formats(self, text: str, fmt: Format) -> None:
        """Each format is recognised, with a BOM, CRLF and leading blank lines too."""
        assert newsparse.detect_format(text) is fmt
        assert newsparse.detect_format("\ufeff\r\n\n" + text.replace("\n", "\r\n")) is fmt
        assert newsparse.detect_format(text.encode("utf-8")) is fmt

    @pytest.mark.parametrize("data", ["", "   \n\t\n", b"", b"\x00\x01\x02\x03" * 100])
    def test_empty_or_binary(self, data: str | bytes) -> None:
        """Empty, blank and binary input has no format."""
        with pytest.raises(UnknownFormatError):
            newsparse.detect_format(data)

    @pytest.mark.parametrize(
        ("data", "code"),
        [("", "empty"), (b" \n\t", "empty"), (b"\x00\x01\x02\x03" * 100, "binary")],
    )
    def test_error_says_why(self, data: str | bytes, code: str) -> None:
        """The error carries a code and the reason, and no source when none was given."""
        with pytest.raises(UnknownFormatError) as info:
            newsparse.detect_format(data)
        assert (info.value.code, info.value.source) == (code, None)
        assert str(info.value) == info.value.reason

    def test_error_names_the_source(self, tmp_path: Path) -> None:
        """parse_file's error has the path as an attribute and in its message."""
        path = tmp_path / "blank.md"
        path.write_bytes(b"\n \n")
        with pytest.raises(UnknownFormatError) as info:
            newsparse.parse_file(path)
        error = info.value
        assert (error.code, error.source) == ("empty", str(path))
        assert str(error) == f"{error.reason} in {path}"

    def test_error_pickles(self) -> None:
        """Process pools carry errors between processes: every attribute survives."""
        error = UnknownFormatError("no text", source="a.md", code="binary")
        back = pickle.loads(pickle.dumps(error))
        assert (back.reason, back.source, back.code, str(back)) == (
            "no text",
            "a.md",
            "binary",
            "no text in a.md",
        )

    def test_errors_are_value_errors(self) -> None:
        """The error tree subclasses ValueError."""
        assert issubclass(UnknownFormatError, NewsparseError)
        assert issubclass(ParseError, ValueError)


class TestParse:
    """parse and parse_file."""

    def test_explicit_format_skips_detection(self) -> None:
        """format='plaintext' reads a Jekyll post as plain lines."""
        a = newsparse.parse(JEKYLL, format="plaintext")
        assert a.format is Format.PLAINTEXT
        assert a.title == "---"

    def test_unknown_format_name(self) -> None:
        """A bad format name is an UnknownFormatError listing the valid ones."""
        with pytest.raises(UnknownFormatError, match="'jekyll'") as info:
            newsparse.parse(PLAIN, format="docx")
        assert info.value.code == "unknown-format"

    def test_wrong_type(self) -> None:
        """Neither str nor bytes is a TypeError (a programming error, not input)."""
        with pytest.raises(TypeError):
            newsparse.parse(123)  # type: ignore[arg-type]

    def test_bytes_in_legacy_encodings(self) -> None:
        """GB18030 and Big5 bytes are decoded and the encoding reported."""
        a = newsparse.parse(
            "标题：经济新闻报道\n这是第一段正文内容，讨论经济发展。\n".encode("gb18030")
        )
        assert a.title == "标题：经济新闻报道"
        assert a.encoding is not None
        b = newsparse.parse(HEADER.encode("utf-8"))
        assert b.encoding == "utf-8"

    def test_source_is_kept(self) -> None:
        """source labels the article."""
        assert newsparse.parse(PLAIN, source="x.txt").source == "x.txt"

    def test_parse_file(self, tmp_path: Path) -> None:
        """parse_file reads bytes and records the path as source."""
        path = tmp_path / "a.md"
        path.write_text(JEKYLL, encoding="utf-8")
        a = newsparse.parse_file(path)
        assert (a.title, a.source) == ("t", str(path))

    def test_parse_file_missing(self, tmp_path: Path) -> None:
        """A missing file is a ParseError naming it."""
        with pytest.raises(ParseError, match="cannot read"):
            newsparse.parse_file(tmp_path / "nope.md")

    def test_empty_input_is_an_error(self) -> None:
        """Empty text has no format to parse."""
        with pytest.raises(UnknownFormatError):
            newsparse.parse("")

    def test_empty_input_with_a_format(self) -> None:
        """With an explicit format, empty text is an article with a warning."""
        a = newsparse.parse("", format="plaintext")
        assert a.title == ""
        assert [w.code for w in a.warnings] == ["missing-title"]

    def test_title_from_a_first_paragraph_with_a_line_break_is_one_line(self) -> None:
        """Untitled front matter: the title is the first paragraph, its ``<br>`` a space
        (a title is one line; the paragraph keeps its line break)."""
        a = newsparse.parse("---\nauthor: x\n---\n<p>第一行<br>second line</p>")
        assert a.paragraphs == ("第一行\nsecond line",)
        assert a.title == "第一行 second line"
        assert [w.code for w in a.warnings] == ["missing-title"]
        # A Markdown hard break (backslash at the end of a line), as Hypothesis found it.
        assert "\n" not in newsparse.parse("---\n:\\\ra").title

    def test_dumps_rejects_unknown_format(self) -> None:
        """dumps needs a real format."""
        with pytest.raises(UnknownFormatError):
            newsparse.dumps(newsparse.parse(PLAIN), "pdf")
