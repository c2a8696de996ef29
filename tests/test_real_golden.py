"""Real posts pinned by hand: what must hold for files of ``../shared/corpus/real``.

``tests/data/real_golden.json`` lists, for posts outside dev-gold (varied outlets and
shapes), what a reader checked in each file: title and URL, how many paragraphs, the first
and last few characters of the first and last paragraph, how many images, strings of page
chrome that the file holds and no paragraph may, and sometimes the media kinds and byline.
The corpus ships with the development checkout only; without it these tests skip.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import newsparse
from tests.conftest import DATA, corpus_dir

GOLDEN: dict[str, Any] = json.loads((DATA / "real_golden.json").read_text("utf-8"))
CASES: list[dict[str, Any]] = GOLDEN["cases"]


def test_the_golden_set_is_varied() -> None:
    """At least 40 posts, from at least eight outlets, none of them from dev-gold."""
    assert len(CASES) >= 40
    assert len({c["outlet"] for c in CASES}) >= 8
    assert len({c["file"] for c in CASES}) == len(CASES)


@pytest.mark.corpus
@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_real_post(case: dict[str, Any]) -> None:
    """The post parses to what its entry pins."""
    real = corpus_dir("real")
    path = real / case["file"]
    gold = real.parent / "dev-gold" / path.with_suffix(".txt").name
    assert not gold.exists(), "golden cases must come from outside dev-gold"
    article = newsparse.parse_file(path)
    paragraphs = article.paragraphs

    assert article.title == case["title"]
    assert article.url == case["url"]
    want = case["paragraphs"]
    if isinstance(want, list):
        low, high = want
        assert low <= len(paragraphs) <= high, len(paragraphs)
    else:
        assert len(paragraphs) == want
    if paragraphs:
        assert [paragraphs[0][:8], paragraphs[0][-8:]] == case["first"]
        assert [paragraphs[-1][:8], paragraphs[-1][-8:]] == case["last"]
    assert len(article.images) == case["images"]
    if "media" in case:
        assert [m.kind for m in article.media] == case["media"]
    if "byline" in case:
        assert article.byline == case["byline"]

    raw = path.read_text("utf-8")
    for chrome in case.get("absent", []):
        assert chrome in raw, f"{chrome!r} is not in the file: the pin would prove nothing"
        assert not any(chrome in p for p in paragraphs), chrome
