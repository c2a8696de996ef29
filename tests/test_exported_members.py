"""The public surface is exactly ``newsparse.__all__``: sorted, complete and importable."""

from __future__ import annotations
import __future__

import importlib
import types

import newsparse


def test_all_is_sorted() -> None:
    """``__all__`` is kept in sorted order, so additions are easy to review."""
    assert list(newsparse.__all__) == sorted(newsparse.__all__)


def test_all_has_no_duplicates() -> None:
    """No name is listed twice."""
    assert len(set(newsparse.__all__)) == len(newsparse.__all__)


def test_all_equals_the_public_names() -> None:
    """``dir(newsparse)`` shows exactly the names of ``__all__``."""
    public = {name for name in dir(newsparse) if not name.startswith("_")}
    exported = {name for name in newsparse.__all__ if not name.startswith("_")}
    assert public == exported
    assert set(dir(newsparse)) >= set(newsparse.__all__)


def test_nothing_else_public_leaks() -> None:
    """Besides submodules and ``__future__`` flags, nothing public lies outside ``__all__``."""
    leaked = {
        name
        for name, value in vars(newsparse).items()
        if not name.startswith("_")
        and name not in newsparse.__all__
        and not isinstance(value, (types.ModuleType, __future__._Feature))
    }
    assert leaked == set()


def test_every_name_is_importable() -> None:
    """``from newsparse import NAME`` works for each exported name."""
    module = importlib.import_module("newsparse")
    for name in newsparse.__all__:
        assert getattr(module, name) is not None, name
        namespace: dict[str, object] = {}
        exec(f"from newsparse import {name}", namespace)
        assert namespace[name] is getattr(module, name)


def test_version_is_a_string() -> None:
    """``__version__`` is exported and is a plain version string."""
    assert isinstance(newsparse.__version__, str)
    assert newsparse.__version__.count(".") >= 2


def test_the_tunable_tables_are_public() -> None:
    """``Rules`` and the ``LineRule`` it holds are exported, from the module that defines them."""
    from newsparse import rules

    assert newsparse.Rules is rules.Rules
    assert newsparse.LineRule is rules.LineRule
    assert {"LineRule", "Rules"} <= set(newsparse.__all__)
