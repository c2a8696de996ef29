"""Shared test fixtures: where the shared corpus is, and skipping when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No test asserts speed (speed belongs in bench/): Hypothesis' clock-based checks, the
# per-example deadline and "generation too slow", would only make tests fail on a loaded
# machine. Tests that set their own settings keep every other default of this profile.
settings.register_profile("newsparse", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("newsparse")

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
