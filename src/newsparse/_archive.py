"""Archive mode's entry point: :func:`learn_boilerplate`, which parses paths on the way.

It sits apart from :mod:`newsparse.boilerplate` because it parses files
(:func:`~newsparse.parse_many`), while :func:`~newsparse.parse` itself applies models: the
package stays free of the parsing entry points, and nothing imports in a loop.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from newsparse._batch import parse_many
from newsparse.boilerplate import Boilerplate, Learner, Thresholds
from newsparse.model import Article, Format
from newsparse.rules import Rules

__all__ = ["learn_boilerplate"]


def _paths(items: Iterable[Any], learner: Learner) -> Iterator[str]:
    """The paths among ``items``; the articles among them go to ``learner`` on the way."""
    for item in items:
        if isinstance(item, Article):
            learner.add(item)
        elif isinstance(item, (str, os.PathLike)):
            yield os.fspath(item)
        else:
            raise TypeError(
                f"learn_boilerplate() takes Article objects or paths, not {type(item).__name__}"
            )


def learn_boilerplate(
    articles_or_paths: Iterable[Article | str | os.PathLike[str]],
    *,
    workers: int | None = None,
    format: Format | str | None = None,
    rules: Rules | None = None,
    **thresholds: Any,
) -> Boilerplate:
    """Learn each outlet's boilerplate from a set of articles.

    Articles are grouped by outlet (:attr:`~newsparse.Article.site`, else the URL's host;
    articles with neither are not counted). A block (paragraph or caption) is counted
    once per distinct article (copies sharing a URL or a title count once) under its
    masked text and its trigram signature; it becomes a template of the outlet when it
    recurs at the edge of the body or in captions in enough of the outlet's articles, and
    rarely mid-body or twice in one article. See the docs page *Archive mode: learnt
    boilerplate* for the rules and their measured precision.

    The input streams: only counts are kept. The result does not depend on the order of
    the input nor on ``workers``.

    >>> import newsparse
    >>> model = newsparse.learn_boilerplate([], min_files=2)
    >>> model.thresholds.min_files, model.templates
    (2, ())

    Args:
        articles_or_paths: :class:`~newsparse.Article` objects and/or paths of files to
            parse (a file that fails to parse is skipped).
        workers: parse the paths on this many processes (see :func:`~newsparse.parse_many`).
        format: parse the paths as this format, as ``parse_many(format=...)`` does; give
            the same ``format`` and ``rules`` as when the model is applied, so that
            learning and applying see the same paragraphs.
        rules: parse the paths with these rules (see :class:`~newsparse.Rules`).
        **thresholds: any field of :class:`~newsparse.boilerplate.Thresholds`, e.g.
            ``min_files=3, min_share=0.1``.

    Returns:
        The model, counts included, ready for ``parse(..., boilerplate=model)``,
        :meth:`~Boilerplate.to_json` and :meth:`~Boilerplate.merge`.

    Raises:
        TypeError: an unknown threshold, or an item that is neither an article nor a path.
        ValueError: a threshold out of range.

    .. versionadded:: Unreleased
    """
    if isinstance(articles_or_paths, (str, bytes, os.PathLike)):
        raise TypeError(
            "learn_boilerplate() needs an iterable of articles or paths, not a single "
            f"{type(articles_or_paths).__name__}"
        )
    learner = Learner(Thresholds.from_dict(thresholds))
    parsed = parse_many(
        _paths(articles_or_paths, learner), workers=workers, format=format, rules=rules
    )
    for result in parsed:
        if result.article is not None:
            learner.add(result.article)
    return learner.model()
