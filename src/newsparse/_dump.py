"""Placeholder for dumps (being written)."""

from __future__ import annotations

from newsparse.model import Article, Format


def dumps(article: Article, format: Format | str) -> str:  # noqa: A002
    """Render an article back into a format."""
    raise NotImplementedError
