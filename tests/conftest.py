"""Shared test fixtures: where the shared corpus is, and skipping when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
EXAMPLES = REPO / "examples"
DATA = Path(__file__).resolve().parent / "data"


def corpus_dir(name: str) -> Path:
    """Return ``../shared/corpus/NAME``, skipping the test when it is not there."""
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip(f"{path} is absent (it ships with the development checkout only)")
    return path


def corpus_files(name: str, pattern: str) -> list[Path]:
    """Files of a corpus folder for parametrisation (empty when the corpus is absent)."""
    path = CORPUS / name
    return sorted(path.glob(pattern)) if path.is_dir() else []
