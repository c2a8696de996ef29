"""Which outlet an article belongs to, which of its blocks are countable, and applying a model.

Learning (:mod:`newsparse.boilerplate._learn`) and applying (:func:`apply_model`) see a
block the same way, through :func:`block_keys`, so that a model removes exactly the blocks
it counted.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

import attrs

from newsparse.boilerplate._signature import (
    exact_key,
    fuzzy_keys,
    letters,
    mask,
    similarity,
    trigrams,
)
from newsparse.byline import credit_line
from newsparse.model import Article, ParseWarning

if TYPE_CHECKING:
    from newsparse.boilerplate._model import Boilerplate, Template, Thresholds

__all__ = ["apply_model", "block_keys", "is_credit", "outlet_of"]

_CREDIT: Final = re.compile(
    r"^\W*(?:(?:translated|written|edited|compiled|reported|photographed|illustrated|"
    r"produced|narrated|hosted)\s+by|(?:photos?|images?|illustrations?|words|text)\s*(?::|by))\b"
    r"|^\W*(?:本文|原文|此文|全文|文章)?[^，,。]{0,12}(?:经授权|經授權|授权|授權)?"
    r"(?:转载|轉載|转自|轉自|原载|原載|原刊|首发|首發|首刊|刊于|刊於|发表于|發表於|發佈於|发布于|"
    r"最初发表|最初發表|编译自|編譯自|译自|譯自)"
    r"|^\W*(?:originally|first)\s+(?:published|appeared|posted)|^\W*reprinted\b",
    re.IGNORECASE,
)
"""Provenance and credit lines in words (``Translated by …``, ``本文经授权转载自…``,
``（原文刊於…）``); labelled ones (``采写︱…``, ``译者/…``) are read by
:func:`newsparse.byline.credit_line`."""


def is_credit(text: str) -> bool:
    """Whether a block credits people or gives the text's provenance: such lines are the
    article's own (the annotation guide keeps them as paragraphs) and are never counted."""
    if len(text) > 400:
        return False
    return credit_line(text.strip()) is not None or _CREDIT.search(text) is not None


def outlet_of(article: Article) -> str | None:
    """The outlet an article is counted under: its :attr:`~newsparse.Article.site`, else
    its URL's host without ``www.``, else ``None`` (the article is not counted)."""
    if article.site:
        return article.site
    if article.url:
        try:
            host = urlsplit(article.url.strip()).hostname
        except ValueError:
            return None
        if host:
            return host.removeprefix("www.")
    return None


RAW_LIMIT: Final = 8
"""A block longer than this many times ``max_chars`` before masking is never masked: masking
(URLs become ``<url>``) shortens a text, but not by that much, and the masking patterns then
run on bounded input whatever a hostile file holds."""


def masked_title(title: str, thresholds: Thresholds) -> str:
    """The title as :func:`block_keys` compares it (a title too long to match any countable
    block is not masked at all)."""
    return mask(title) if len(title) <= RAW_LIMIT * thresholds.max_chars else ""


def block_keys(
    text: str, place: str, title: str, thresholds: Thresholds, *, fuzzy: bool
) -> tuple[str, ...]:
    """The keys ``text`` is counted and matched under, or ``()`` when it is not countable:
    too long, too few letters, the article's title (given masked), or a credit line.

    ``place`` is ``"b"`` for a body paragraph, ``"c"`` for a caption.
    """
    return _masked_keys(text, place, title, thresholds, fuzzy=fuzzy)[1]


def _masked_keys(
    text: str, place: str, title: str, thresholds: Thresholds, *, fuzzy: bool
) -> tuple[str, tuple[str, ...]]:
    """:func:`block_keys` with the masked text (``""`` when not countable): each block
    is masked once."""
    if len(text) > RAW_LIMIT * thresholds.max_chars:
        return "", ()  # far too long to be boilerplate: not even masked (bounded time)
    masked = mask(text)
    if len(masked) > thresholds.max_chars or masked == title or is_credit(text):
        return "", ()
    if letters(masked) < thresholds.min_letters:
        return "", ()
    keys = [f"{place}x:{exact_key(masked)}"]
    if fuzzy:
        keys.extend(f"{place}f:{k}" for k in fuzzy_keys(masked))
    return masked, tuple(keys)


def _similar_length(a: int, b: int) -> bool:
    """Whether two masked lengths are within a third of each other, so that a fuzzy
    template never takes a paragraph that merely contains the boilerplate."""
    return abs(a - b) <= max(a, b) / 3


FUZZY_MATCH: Final = 0.5
"""A block is a variant of a fuzzy template when the Jaccard similarity of its trigrams
with the template's example's is at least this."""


def _match(
    text: str, place: str, title: str, model: Boilerplate, active: dict[str, Template]
) -> Template | None:
    t = model.thresholds
    masked, keys = _masked_keys(text, place, title, t, fuzzy=t.fuzzy)
    if not keys:
        return None
    for key in keys:
        found = active.get(key)
        if found is not None and (
            key[1] == "x" or _similar_length(len(masked), model.example_size(found))
        ):
            return found
    if len(keys) > 1:  # the block has fuzzy keys: compare it with the examples too
        grams = trigrams(masked)
        for size, example, template in model.examples(active_outlet(active)):
            if (
                template.key[0] == place
                and _similar_length(len(masked), size)
                and similarity(grams, example) >= FUZZY_MATCH
            ):
                return template
    return None


def active_outlet(active: dict[str, Template]) -> str:
    """The outlet of a non-empty set of active templates."""
    return next(iter(active.values())).outlet


def _note(t: Template, what: str, text: str) -> ParseWarning:
    return ParseWarning(
        code="boilerplate",
        message=(
            f"removed {what} as boilerplate of {t.outlet} (template {t.key}, in {t.files} "
            f"of {t.outlet_files} articles): {text!r}"
        ),
    )


def apply_model(model: Boilerplate, article: Article) -> Article:
    """Remove the blocks ``model`` finds to be boilerplate; see :meth:`Boilerplate.apply`."""
    outlet = outlet_of(article)
    if outlet is None:
        return article
    active = dict(model.active(outlet))
    if not active:
        return article
    t = model.thresholds
    title = masked_title(article.title, t)
    paragraphs = article.paragraphs
    n = len(paragraphs)
    drops: dict[int, Template] = {}
    start = 0
    while start < min(t.lead, n):
        found = _match(paragraphs[start], "b", title, model, active)
        if found is None:
            break
        drops[start] = found
        start += 1
    end = n - 1
    while end >= max(n - t.trail, start):
        found = _match(paragraphs[end], "b", title, model, active)
        if found is None:
            break
        drops[end] = found
        end -= 1
    if len(drops) == n:
        drops = {}
    notes = [_note(drops[i], f"paragraph {i + 1}", paragraphs[i]) for i in sorted(drops)]
    images = list(article.images)
    for number, image in enumerate(images if t.captions else (), 1):
        if image.caption:
            found = _match(image.caption, "c", title, model, active)
            if found is not None:
                notes.append(_note(found, f"the caption of image {number}", image.caption))
                images[number - 1] = attrs.evolve(image, caption=None)
    if not notes:
        return article
    return attrs.evolve(
        article,
        paragraphs=tuple(p for i, p in enumerate(paragraphs) if i not in drops),
        images=tuple(images),
        warnings=(*article.warnings, *notes),
    )
