"""The API where a new user trips: single paths for iterables, bare strings for sequences,
file objects, JSON in, a readable repr."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import newsparse
from newsparse import Article, Format, Image

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").iterdir())
POST = Path(__file__).resolve().parents[1] / "examples" / "jekyll-post.md"


class TestParseManySinglePath:
    @pytest.mark.parametrize("single", ["a/path.md", b"a/path.md", Path("a/path.md")])
    def test_a_single_path_is_a_type_error(self, single: object) -> None:
        """parse_many("a.md") says what is wrong instead of parsing "a", ".", "m", "d"."""
        with pytest.raises(TypeError, match=r"iterable of paths, not a single path"):
            newsparse.parse_many(single)  # type: ignore[arg-type]

    def test_a_list_of_one_path_still_works(self) -> None:
        """The fix names the remedy, and the remedy works."""
        [result] = newsparse.parse_many([POST])
        assert result.ok


class TestBareStringsForSequences:
    @pytest.mark.parametrize("field", ["tags", "categories", "paragraphs"])
    def test_article_refuses_a_bare_string(self, field: str) -> None:
        """Article(tags="abc") would be ('a', 'b', 'c'): a TypeError says so."""
        with pytest.raises(TypeError, match=r"not a single str \('abc'\)"):
            Article(format=Format.JEKYLL, title="t", **{field: "abc"})  # type: ignore[arg-type]

    @pytest.mark.parametrize("field", ["tags", "categories", "paragraphs", "images", "warnings"])
    def test_from_dict_refuses_a_bare_string(self, field: str) -> None:
        """The same for from_dict, which used to split the string before Article saw it."""
        with pytest.raises(TypeError, match=field):
            Article.from_dict({"format": "jekyll", "title": "t", field: "abc"})

    def test_sequences_and_null_still_work(self) -> None:
        """Lists, tuples, generators and null are fine."""
        a = Article(format=Format.JEKYLL, title="t", tags=["x"], categories=(c for c in "yz"))
        assert (a.tags, a.categories) == (("x",), ("y", "z"))
        assert Article.from_dict({"format": "jekyll", "title": "t", "tags": None}).tags == ()


class TestFromJson:
    @pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
    def test_round_trip(self, path: Path) -> None:
        """from_json(to_json()) gives an equal Article, from str or bytes."""
        article = newsparse.parse_file(path)
        assert Article.from_json(article.to_json()) == article
        assert Article.from_json(article.to_json().encode("utf-8")) == article

    def test_not_an_object(self) -> None:
        """A JSON value that is not an object is a ValueError naming what it was."""
        with pytest.raises(ValueError, match="not list"):
            Article.from_json("[]")


class TestLoadDump:
    def test_load_binary_and_text(self) -> None:
        """load() reads either mode; source is the file's name."""
        expected = newsparse.parse_file(POST)
        with POST.open("rb") as fb:
            assert newsparse.load(fb) == expected
        with POST.open(encoding="utf-8") as ft:
            loaded = newsparse.load(ft)
        assert (loaded.title, loaded.paragraphs, loaded.source) == (
            expected.title,
            expected.paragraphs,
            str(POST),
        )

    def test_load_a_stream_without_a_name(self) -> None:
        """A BytesIO has no name: source is None; the encoding is detected."""
        data = "---\ntitle: 你好\n---\n<p>Hi.</p>\n".encode("gb18030")
        article = newsparse.load(io.BytesIO(data))
        assert (article.title, article.source, article.encoding) == ("你好", None, "gb18030")

    @pytest.mark.parametrize("fmt", list(Format))
    def test_dump_then_load(self, fmt: Format) -> None:
        """dump() to a text or binary file writes dumps(); load() reads it back."""
        article = newsparse.parse_file(POST)
        text, binary = io.StringIO(), io.BytesIO()
        newsparse.dump(article, text, fmt)
        newsparse.dump(article, binary, fmt)
        assert text.getvalue() == newsparse.dumps(article, fmt)
        assert binary.getvalue() == text.getvalue().encode("utf-8")
        binary.seek(0)
        again = newsparse.load(binary)
        assert (again.title, again.paragraphs) == (article.title, article.paragraphs)

    def test_dump_to_a_file_on_disk(self, tmp_path: Path) -> None:
        """Files opened with open() in "w" and "wb" both work."""
        article = newsparse.parse_file(POST)
        for mode in ("w", "wb"):
            path = tmp_path / f"out-{mode}.md"
            with path.open(mode) as f:
                newsparse.dump(article, f, "jekyll")
            assert path.read_text(encoding="utf-8") == newsparse.dumps(article, "jekyll")

    def test_wrong_arguments(self) -> None:
        """A path instead of a file object, or something else than an Article: TypeError."""
        with pytest.raises(TypeError, match="file object"):
            newsparse.load(str(POST))  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="writes an Article"):
            newsparse.dump("text", io.StringIO(), "jekyll")  # type: ignore[arg-type]


class TestRepr:
    def test_short_with_counts_not_html(self) -> None:
        """repr names title, url, published and counts; no body text or HTML."""
        body = "<p>" + "長文" * 50_000 + "</p>"
        article = Article(
            format=Format.JEKYLL,
            title="A headline " * 20,
            url="https://e.org/a",
            paragraphs=("長文" * 50_000, "two"),
            images=(Image("https://e.org/i.jpg"),),
            html=body,
        )
        text = repr(article)
        assert len(text) < 400
        assert "長文" not in text
        assert "paragraphs=2" in text and "images=1" in text and "media=0" in text
        assert "url='https://e.org/a'" in text
        assert "published=None" in text
