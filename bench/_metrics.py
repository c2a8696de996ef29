"""The accuracy metrics of the shared scorer, implemented independently.

One prediction (a dict with Article fields, or ``error``) is compared with one gold case
(``NAME.expected.json``). The definitions follow ``shared/tools/score.py`` exactly, so that
this harness and that scorer print the same numbers:

- ``crash``: the prediction carries an ``error``.
- ``format``, ``title``, ``url``: equal after whitespace normalisation (NFC, NBSP as a space,
  runs of whitespace collapsed, ends stripped); ``format`` ignores case and ``_`` vs ``-``.
- ``date24h``: ``published`` within 24 hours of the gold time (a gold bare date is midnight
  UTC); when gold has none, the prediction must have none. ``tz_aware``: the prediction's
  time is absent or carries an offset.
- ``author``: the predicted author or byline equals the gold author or gold byline; when gold
  has no author (or the author is the site), predicting none or the site also counts.
- ``body_p``/``body_r``/``body_f1``: multiset precision/recall/F1 of character 4-grams of the
  concatenated paragraphs with all whitespace removed. ``para_f1``: F1 of the sets of
  normalised paragraphs.
- ``img_recall``/``img_precision``: over image URL keys (percent-decoded, an
  ``images.weserv.nl?url=`` proxy replaced by its target, scheme dropped).
- ``caption``: share of gold captions whose image the prediction captions identically.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

METRICS: tuple[str, ...] = (
    "crash",
    "format",
    "title",
    "url",
    "date24h",
    "tz_aware",
    "author",
    "body_p",
    "body_r",
    "body_f1",
    "para_f1",
    "img_recall",
    "img_precision",
    "caption",
)

_SPACE_RUN = re.compile(r"\s+")
_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PROXY = re.compile(r"images\.weserv\.nl/?\?url=(.*)$")
_SCHEME = re.compile(r"^(https?:)?//")
_ONE_DAY = 24 * 60 * 60


class GoldError(ValueError):
    """A gold case is malformed (e.g. a published time without an offset)."""


def normalise(value: str | None) -> str | None:
    """Collapse whitespace (NBSP included) to single spaces, strip, NFC; ``None`` stays."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value.replace("\xa0", " "))
    return _SPACE_RUN.sub(" ", text).strip()


def char_ngrams(paragraphs: Sequence[str] | None, n: int = 4) -> Counter[str]:
    """Multiset of the character n-grams of the paragraphs run together without whitespace.

    Text shorter than ``n`` counts as a single gram; no text gives an empty multiset.
    """
    squeezed = _SPACE_RUN.sub("", "".join(paragraphs or ()))
    squeezed = unicodedata.normalize("NFC", squeezed)
    if len(squeezed) < n:
        return Counter([squeezed] if squeezed else [])
    return Counter(squeezed[start : start + n] for start in range(len(squeezed) - n + 1))


def precision_recall_f1(predicted: Counter[str], gold: Counter[str]) -> tuple[float, float, float]:
    """Multiset precision, recall and F1; two empty multisets agree perfectly."""
    if not predicted and not gold:
        return 1.0, 1.0, 1.0
    overlap = sum((predicted & gold).values())
    precision = overlap / max(1, sum(predicted.values()))
    recall = overlap / max(1, sum(gold.values()))
    if precision + recall == 0:
        return precision, recall, 0.0
    return precision, recall, 2 * precision * recall / (precision + recall)


def read_time(value: Any, *, is_gold: bool = False) -> dt.datetime | str | None:
    """Parse an ISO 8601 time: a datetime, ``None`` when absent, or ``"naive"``/``"bad"``."""
    if not value:
        return None
    text = str(value)
    if is_gold and _BARE_DATE.fullmatch(text):
        text += "T00:00:00+00:00"
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return "bad"
    return "naive" if parsed.tzinfo is None else parsed


def image_key(url: str | None) -> str | None:
    """The comparable identity of an image URL (see the module docstring)."""
    if not url:
        return None
    from urllib.parse import unquote

    key = unquote(url.strip())
    proxied = _PROXY.search(key)
    if proxied:
        key = proxied.group(1)
    return _SCHEME.sub("", key)


def _images(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value or () if isinstance(item, Mapping)]


def score_case(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> dict[str, float]:
    """Score one prediction against one gold case; every metric is a number in [0, 1]."""
    result: dict[str, float] = {}
    result["crash"] = float(bool(pred.get("error")))
    predicted_format = str(pred.get("format") or "").lower().replace("_", "-")
    result["format"] = float(predicted_format == gold["format"])
    result["title"] = float(normalise(pred.get("title")) == normalise(gold["title"]))
    result["url"] = float((pred.get("url") or None) == (gold.get("url") or None))

    gold_time = read_time(gold.get("published"), is_gold=True)
    pred_time = read_time(pred.get("published"))
    if gold_time is None:
        date_ok = pred_time is None
    elif not isinstance(gold_time, dt.datetime):
        raise GoldError(
            f"gold published value {gold.get('published')!r} is not ISO 8601 with offset"
        )
    else:
        date_ok = (
            isinstance(pred_time, dt.datetime)
            and abs((pred_time - gold_time).total_seconds()) <= _ONE_DAY
        )
    result["date24h"] = float(date_ok)
    result["tz_aware"] = float(pred_time is None or isinstance(pred_time, dt.datetime))

    gold_author = normalise(gold.get("author"))
    gold_byline = normalise(gold.get("byline"))
    gold_site = normalise(gold.get("site"))
    pred_author = normalise(pred.get("author"))
    offered = {pred_author, normalise(pred.get("byline"))}
    author_ok = (
        (gold_author is not None and gold_author in offered)
        or (gold_byline is not None and gold_byline in offered)
        or (gold_author in (None, gold_site) and pred_author in (None, gold_site))
    )
    result["author"] = float(author_ok)

    body = precision_recall_f1(
        char_ngrams(pred.get("paragraphs")), char_ngrams(gold.get("paragraphs"))
    )
    result["body_p"], result["body_r"], result["body_f1"] = body
    gold_paras = _paragraph_set(gold.get("paragraphs"))
    pred_paras = _paragraph_set(pred.get("paragraphs"))
    result["para_f1"] = precision_recall_f1(Counter(pred_paras), Counter(gold_paras))[2]

    gold_images = _images(gold.get("images"))
    pred_images = _images(pred.get("images"))
    gold_keys = {image_key(image.get("url")) for image in gold_images}
    pred_keys = {image_key(image.get("url")) for image in pred_images}
    found = len(gold_keys & pred_keys)
    result["img_recall"] = found / len(gold_keys) if gold_keys else 1.0
    result["img_precision"] = found / len(pred_keys) if pred_keys else 1.0
    gold_captions = {
        image_key(image.get("url")): normalise(image.get("caption"))
        for image in gold_images
        if image.get("caption")
    }
    pred_captions = {
        image_key(image.get("url")): normalise(image.get("caption")) for image in pred_images
    }
    if gold_captions:
        hits = sum(pred_captions.get(key) == caption for key, caption in gold_captions.items())
        result["caption"] = hits / len(gold_captions)
    else:
        result["caption"] = 1.0
    return result


def _paragraph_set(paragraphs: Iterable[str] | None) -> set[str]:
    normalised = (normalise(paragraph) for paragraph in paragraphs or ())
    return {paragraph for paragraph in normalised if paragraph}


def load_cases(folder: str | os.PathLike[str]) -> list[tuple[str, dict[str, Any]]]:
    """Gold cases of a folder as ``(absolute input path, gold dict)``, sorted by JSON name.

    A case is ``NAME.expected.json`` (or ``NAME.json``) with its input ``NAME.txt`` beside it.
    """
    cases = []
    for gold_path in sorted(glob.glob(os.path.join(os.fspath(folder), "*.json"))):
        for suffix in (".expected.json", ".json"):
            if gold_path.endswith(suffix):
                stem = gold_path[: -len(suffix)]
                break
        source = stem + ".txt"
        if os.path.exists(source):
            with open(gold_path, encoding="utf-8") as handle:
                cases.append((os.path.abspath(source), json.load(handle)))
    return cases


def summarise(scores: Sequence[tuple[str, Mapping[str, float]]]) -> dict[str, dict[str, float]]:
    """Mean of every metric per gold format, plus ``ALL``; ``scores`` is (format, scores)."""
    groups: dict[str, list[Mapping[str, float]]] = {}
    for fmt, case_scores in scores:
        groups.setdefault(fmt, []).append(case_scores)
        groups.setdefault("ALL", []).append(case_scores)
    ordered = sorted(groups, key=lambda name: (name == "ALL", name))
    summary: dict[str, dict[str, float]] = {}
    for name in ordered:
        rows = groups[name]
        means = {metric: sum(row[metric] for row in rows) / len(rows) for metric in METRICS}
        summary[name] = {"n": len(rows), **means}
    return summary
