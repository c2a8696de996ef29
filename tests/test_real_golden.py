"""Real posts pinned by hand: what must hold for files of ``../shared/corpus``.

``tests/data/real_golden.json`` lists, for posts outside dev-gold (varied outlets and
shapes), what a reader checked in each file: title and URL, how many paragraphs, the first
and last few characters of the first and last paragraph, how many images, strings of page
chrome that the file holds and no paragraph may, and sometimes the publication date, image
captions, media kinds and byline. Its ``description`` documents every field. A case whose
``known_gap`` says what the parser still gets wrong is expected to fail (strictly: a fix
makes it pass, and then the marker must go). The corpus ships with the development
checkout only; without it these tests skip.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta, timezone
from typing import Any

import pytest

import newsparse
from tests.conftest import DATA, corpus_dir

GOLDEN: dict[str, Any] = json.loads((DATA / "real_golden.json").read_text("utf-8"))
CASES: list[dict[str, Any]] = GOLDEN["cases"]
DIRS = ("real", "wide")
NAME_SEPARATORS = re.compile(r"\s*[,，、;；/]\s*|\s+and\s+|\s*&\s*")


def _param(case: dict[str, Any]) -> Any:
    gap = case.get("known_gap")
    marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
    return pytest.param(case, marks=marks, id=f"{case.get('dir', 'real')}/{case['file']}")


def _in_range(count: int, want: int | list[int]) -> bool:
    if isinstance(want, list):
        low, high = want
        return bool(low <= count <= high)
    return count == want


def _names(byline: str) -> set[str]:
    return {n.casefold() for n in NAME_SEPARATORS.split(byline) if n.strip()}


def _ends(want: list[str | None]) -> tuple[str | None, str | None]:
    return want[0], want[1]


def test_the_golden_set_is_varied() -> None:
    """At least 100 posts, from at least 50 outlets and both corpus folders, each pinned once."""
    assert len(CASES) >= 100
    assert len({c["outlet"] for c in CASES}) >= 50
    assert {c.get("dir", "real") for c in CASES} == set(DIRS)
    keys = [(c.get("dir", "real"), c["file"]) for c in CASES]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.get('dir', 'real')}/{c['file']}" for c in CASES])
def test_the_entry_is_well_formed(case: dict[str, Any]) -> None:
    """Every entry uses the documented fields with values of the documented shapes."""
    allowed = {
        "file", "dir", "outlet", "shape", "title", "url", "published", "paragraphs",
        "first", "last", "images", "captions", "media", "byline", "absent", "known_gap",
    }  # fmt: skip
    assert set(case) <= allowed, set(case) - allowed
    assert case.get("dir", "real") in DIRS
    for key in ("paragraphs", "images"):
        want = case[key]
        assert isinstance(want, int) or (len(want) == 2 and want[0] <= want[1]), key
    for key in ("first", "last"):
        if case.get(key) is None:
            assert case["paragraphs"] == 0, "only an empty body may leave first/last open"
            continue
        assert len(case[key]) == 2
        assert all(end is None or 0 < len(end) <= 8 for end in case[key]), key
    if "published" in case:
        date.fromisoformat(case["published"])
    if "captions" in case:
        assert case["captions"] == [] or len(case["captions"]) == case["images"]
    byline = case.get("byline")
    assert byline is None or isinstance(byline, str) or all(isinstance(n, str) for n in byline)
    assert "known_gap" not in case or case["known_gap"].strip()


@pytest.mark.corpus
@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_real_post(case: dict[str, Any]) -> None:
    """The post parses to what its entry pins."""
    folder = corpus_dir(case.get("dir", "real"))
    path = folder / case["file"]
    gold = folder.parent / "dev-gold" / path.with_suffix(".txt").name
    assert not gold.exists(), "golden cases must come from outside dev-gold"
    article = newsparse.parse_file(path)
    paragraphs = article.paragraphs

    assert article.title == case["title"]
    assert article.url == case["url"]
    if "published" in case:
        assert article.published is not None, "no publication date"
        day = article.published.astimezone(timezone.utc).date()
        assert abs(day - date.fromisoformat(case["published"])) <= timedelta(days=1), day
    assert _in_range(len(paragraphs), case["paragraphs"]), len(paragraphs)
    if paragraphs and case.get("first") is not None:
        for got, want in ((paragraphs[0], case["first"]), (paragraphs[-1], case["last"])):
            got = got.replace("\n", " ")  # a paragraph's kept lines read as one line here
            head, tail = _ends(want)
            if head is not None:
                assert got[:8] == head, (got[:8], head)
            if tail is not None:
                assert got[-8:] == tail, (got[-8:], tail)
    assert _in_range(len(article.images), case["images"]), len(article.images)
    if "captions" in case:
        captions = [image.caption for image in article.images]
        for caption, prefix in zip(captions, case["captions"], strict=True):
            if prefix is None:
                assert not caption, caption
            else:
                assert caption is not None and caption.startswith(prefix), (caption, prefix)
    if "media" in case:
        assert [m.kind for m in article.media] == case["media"]
    if "byline" in case:
        want_byline = case["byline"]
        if isinstance(want_byline, list):
            assert article.byline is not None, "no byline"
            assert _names(article.byline) == {n.casefold() for n in want_byline}, article.byline
        else:
            assert article.byline == want_byline

    raw = path.read_text("utf-8")
    for chrome in case.get("absent", []):
        assert chrome in raw, f"{chrome!r} is not in the file: the pin would prove nothing"
        assert not any(chrome in p for p in paragraphs), chrome
