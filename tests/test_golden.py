"""Golden files written for this project: each fixture beside the JSON of what it must give.

Only the keys a JSON file lists are compared (``warning_codes`` lists the warning codes in
order), so each fixture pins what it is about.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import newsparse
from tests.conftest import DATA, EXAMPLES

CASES = sorted(p for p in (DATA / "golden").iterdir() if p.suffix != ".json")
EXAMPLE_CASES = sorted(EXAMPLES.iterdir())


def _expected(path: Path) -> dict[str, Any]:
    json_path = path.with_suffix(".json")
    if path.parent == EXAMPLES:  # examples/ holds only documents; their JSON lives here
        json_path = DATA / "examples" / json_path.name
    result: dict[str, Any] = json.loads(json_path.read_text("utf-8"))
    return result


def _compare(article: newsparse.Article, expected: dict[str, Any]) -> None:
    got = article.to_dict()
    for key, want in expected.items():
        if key == "warning_codes":
            assert [w.code for w in article.warnings] == want
        elif key in {"published", "archived"}:
            value = getattr(article, key)
            assert (value is None) == (want is None), key
            if want is not None:
                assert value == dt.datetime.fromisoformat(want), key
        else:
            assert got[key] == want, key


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_golden(path: Path) -> None:
    """The fixture parses to what its JSON says."""
    _compare(newsparse.parse_file(path), _expected(path))


@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=[p.name for p in EXAMPLE_CASES])
def test_examples(path: Path) -> None:
    """The README's example files parse to what their JSON says."""
    _compare(newsparse.parse_file(path), _expected(path))
