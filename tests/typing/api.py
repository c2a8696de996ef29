"""Type-checked usage of the public API, as the README and docs show it.

Not collected by pytest (no ``test_`` prefix): ``.ci/run`` runs ``mypy --strict`` on this
file, so a change that breaks the documented usage for typed callers fails CI.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import newsparse
from newsparse import Article, Format, Image, Media, ParseResult, ParseWarning


def read_one(path: Path) -> tuple[str, dt.datetime | None, str | None]:
    article: Article = newsparse.parse_file(path)
    first: Image | None = article.images[0] if article.images else None
    return article.title, article.published, first.caption if first else None


def from_bytes(data: bytes) -> Format:
    article = newsparse.parse(data, format=None, strict=False, source="stdin", encoding=None)
    warnings: tuple[ParseWarning, ...] = article.warnings
    assert all(isinstance(w.code, str) for w in warnings)
    return newsparse.detect_format(data)


def round_trip(article: Article) -> Article:
    text: str = newsparse.dumps(article, Format.JEKYLL)
    again = newsparse.parse(text)
    return Article.from_dict(json.loads(again.to_json()))


def batch(paths: list[str]) -> Iterator[str]:
    results: Iterator[ParseResult] = newsparse.parse_many(paths, workers=2)
    for result in results:
        if result.article is not None:
            media: tuple[Media, ...] = result.article.media
            yield f"{result.path}: {result.article.title} ({len(media)} media)"
        elif result.error is not None:
            yield f"{result.path}: {result.error}"


def on_executor(paths: list[str]) -> int:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return sum(r.ok for r in newsparse.parse_many(paths, executor=pool))


def errors(text: str) -> str | None:
    try:
        newsparse.parse(text, strict=True)
    except newsparse.ParseError as exc:
        return f"{exc.code} at line {exc.line}"
    except newsparse.NewsparseError as exc:
        return str(exc)
    return None


def files(path: str) -> Article:
    with open(path, "rb") as binary:
        article: Article = newsparse.load(binary, strict=False)
    with open(path + ".out", "w", encoding="utf-8") as text:
        newsparse.dump(article, text, Format.JEKYLL)
    return Article.from_json(article.to_json())


version: str = newsparse.__version__
accelerated: bool = newsparse.__accelerated__


def with_rules(text: str, paths: list[str]) -> str | None:
    import re

    rules: newsparse.Rules = (
        newsparse.Rules.default()
        .with_sites({"example-news.org": "Example News"})
        .with_ad_rules(newsparse.LineRule("sponsor", re.compile(r"^赞助商"), strong=True))
    )
    ok = sum(r.ok for r in newsparse.parse_many(paths, rules=rules))
    assert ok >= 0
    return newsparse.parse(text, rules=rules).site


def archive_mode(paths: list[Path]) -> list[Article]:
    model: newsparse.Boilerplate = newsparse.learn_boilerplate(paths, min_files=3, workers=2)
    again = newsparse.Boilerplate.from_json(model.to_json())
    merged: newsparse.Boilerplate = model.merge(again)
    return [merged.apply(newsparse.parse_file(p, boilerplate=model)) for p in paths]
