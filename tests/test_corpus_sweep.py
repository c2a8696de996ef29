"""Every real post of ../shared/corpus/real parses, with a title and a format."""

from __future__ import annotations

import pytest

import newsparse
from tests.conftest import corpus_dir


@pytest.mark.corpus
def test_every_real_file_parses() -> None:
    """No exception on any of the 1000 real posts; each Article has a title and a format."""
    real = corpus_dir("real")
    paths = sorted(real.glob("*.md"))
    assert len(paths) >= 1000
    problems = []
    for path in paths:
        try:
            article = newsparse.parse_file(path)
        except newsparse.NewsparseError as exc:  # pragma: no cover - reported below
            problems.append(f"{path.name}: {exc}")
            continue
        if not article.title or article.format is not newsparse.Format.JEKYLL:
            problems.append(f"{path.name}: title={article.title!r} format={article.format}")
        if article.published is not None and article.published.tzinfo is None:
            problems.append(f"{path.name}: naive published")
    assert problems == []


@pytest.mark.corpus
def test_front_matter_is_the_comment_header_format_without_it() -> None:
    """Stripping the front matter of a real post leaves a comment-header document."""
    real = corpus_dir("real")
    checked = 0
    for path in sorted(real.glob("*.md"))[:200]:
        text = path.read_text("utf-8")
        body = text.split("\n---\n", 1)[1] if "\n---\n" in text else ""
        if not body.lstrip().startswith("<!--"):
            continue
        jekyll = newsparse.parse(text)
        header = newsparse.parse(body)
        assert header.format is newsparse.Format.COMMENT_HEADER
        assert header.url == jekyll.url or jekyll.url is None
        assert header.paragraphs == jekyll.paragraphs
        checked += 1
    assert checked > 50
