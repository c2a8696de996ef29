"""The API reference page documents every public name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsparse

API_PAGE = Path(__file__).resolve().parent.parent / "docs" / "api.md"

_DIRECTIVE = re.compile(
    r"^\.\. auto(?:function|class|exception|data)::\s+(?:newsparse\.)?(\S+)\s*$", re.MULTILINE
)


def _documented() -> set[str]:
    return set(_DIRECTIVE.findall(API_PAGE.read_text(encoding="utf-8")))


@pytest.mark.skipif(not API_PAGE.exists(), reason="docs/ is not part of this checkout")
class TestApiPage:
    def test_every_public_name_has_an_autodoc_directive(self) -> None:
        """Each name in ``__all__`` is rendered by an autodoc directive on the API page."""
        missing = sorted(set(newsparse.__all__) - _documented())
        assert missing == []

    def test_no_directive_for_a_name_that_is_not_public(self) -> None:
        """The API page documents nothing outside ``__all__``."""
        extra = sorted(_documented() - set(newsparse.__all__))
        assert extra == []

    @pytest.mark.parametrize("name", newsparse.__all__)
    def test_name_appears_in_the_text(self, name: str) -> None:
        """Each public name appears literally on the page."""
        assert name in API_PAGE.read_text(encoding="utf-8")
