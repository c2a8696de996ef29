"""The Article model: immutability, validation, serialisation."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest

from newsparse import Article, Format, Image, Media, ParseWarning

UTC = dt.timezone.utc


def _article(**kw: object) -> Article:
    base: dict[str, object] = {"format": Format.JEKYLL, "title": "T", "paragraphs": ["a", "b"]}
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


class TestArticle:
    """Behaviour of the Article value type."""

    def test_is_frozen(self) -> None:
        """Fields cannot be reassigned."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            _article().title = "x"  # type: ignore[misc]

    def test_sequences_become_tuples(self) -> None:
        """Lists given for sequence fields are stored as tuples."""
        article = _article(tags=["x"], images=[Image("https://e.org/p.jpg")])
        assert article.tags == ("x",)
        assert isinstance(article.images, tuple)

    def test_format_accepts_its_string_value(self) -> None:
        """format='comment-header' is converted to the enum member."""
        assert _article(format="comment-header").format is Format.COMMENT_HEADER

    def test_naive_datetimes_are_refused(self) -> None:
        """published must be timezone-aware."""
        with pytest.raises(ValueError, match="timezone-aware"):
            _article(published=dt.datetime(2024, 1, 1))

    def test_text_and_lead(self) -> None:
        """text joins paragraphs by blank lines; lead is the first one (None when empty)."""
        article = _article()
        assert article.text == "a\n\nb"
        assert article.lead == "a"
        assert _article(paragraphs=[]).lead is None

    def test_to_dict_is_json_ready(self) -> None:
        """Datetimes become ISO strings with offset; nested values become dicts."""
        when = dt.datetime(2024, 5, 15, 0, 59, 3, tzinfo=UTC)
        article = _article(
            published=when,
            images=[Image("https://e.org/p.jpg", caption="c")],
            media=[Media("audio", "https://e.org/a.mp3")],
            warnings=[ParseWarning("x", "y", 3)],
            extra={"layout": "post"},
        )
        data = json.loads(json.dumps(article.to_dict()))
        assert data["published"] == "2024-05-15T00:59:03+00:00"
        assert data["format"] == "jekyll"
        assert data["images"] == [
            {"url": "https://e.org/p.jpg", "alt": None, "caption": "c", "credit": None}
        ]
        assert data["warnings"] == [{"code": "x", "message": "y", "line": 3}]
        assert data["text"] == "a\n\nb"
        assert Article.from_dict(data) == article

    def test_hashable_despite_extra(self) -> None:
        """extra (a dict) does not make the Article unhashable."""
        assert hash(_article(extra={"k": [1, 2]})) == hash(_article(extra={"k": [1, 2]}))

    def test_media_kind_is_checked(self) -> None:
        """Media.kind is one of audio, video, embed."""
        with pytest.raises(ValueError, match="kind"):
            Media("podcast", "https://e.org/x")

    def test_format_is_a_str_enum(self) -> None:
        """Format members compare equal to their values and print as them."""
        assert Format.PLAINTEXT == "plaintext"
        assert str(Format.JEKYLL) == "jekyll"
