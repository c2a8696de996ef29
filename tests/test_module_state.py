"""Parsing changes no module-level state: every memo lives for one parse (or one pass).

A batch run parses many pages in one process: anything a module keeps from one page to
the next (a memo on a module constant, an ``lru_cache`` keyed by a page's class values or
elements) grows with the batch and keeps pages' data, even whole documents, alive.
"""

from __future__ import annotations

import functools
import gc
import importlib
import pkgutil
import sys
from types import ModuleType
from typing import Any

import attrs
from lxml import etree

import newsparse
from newsparse.body import _marks, _tree

_CONSTANT_CACHES = {
    (_tree.__name__, "_names"),
    (_marks.__name__, "_encoded"),
    (_marks.__name__, "_encoded_selections"),
}
"""The caches allowed: tag names encoded for the compiled selections, keyed only by the
modules' constant tag sets and selections (a few dozen entries at most, no page data)."""


def _modules() -> list[ModuleType]:
    for info in pkgutil.walk_packages(newsparse.__path__, "newsparse."):
        if "dask" not in info.name:
            importlib.import_module(info.name)
    return [m for name, m in sorted(sys.modules.items()) if name.startswith("newsparse")]


def _page(i: int) -> str:
    word = f"w{i}x" * 40
    return (
        f'---\ntitle: "Page {i}"\ndate: 2020-10-02\n---\n<article><h1>Title {i}</h1><div class="share-{word} a{i}" id="c{word}"'
        f' style="color: #{i:06x}"><p class="byline-{word}">By Someone {i}</p>'
        f'<div class="article-figure fig-{word}"><img src="/p{i}.jpg"><p>Caption {i}</p></div>'
        f'<p class="credit-{word}">Photo {i}</p><img class="avatar-{word}" src="/a{i}.png">'
        + "".join(
            f"<p>Sentence {j} of page {i}, long enough to count as prose.</p>" for j in range(6)
        )
        + "</div></article>\n"
    )


def _sizes(value: Any, depth: int, seen: set[int]) -> list[int]:
    """The sizes of the containers reachable from ``value`` (module data, attrs fields)."""
    if id(value) in seen or depth > 4:
        return []
    seen.add(id(value))
    if isinstance(value, (dict, list, set)):
        found = [len(value)]
        items = value.items() if isinstance(value, dict) else ((v, v) for v in value)
        for key, item in items:
            found += _sizes(key, depth + 1, seen) + _sizes(item, depth + 1, seen)
        return found
    if isinstance(value, (tuple, frozenset)):
        return [x for item in value for x in _sizes(item, depth + 1, seen)]
    if attrs.has(type(value)):
        return [
            x
            for f in attrs.fields(type(value))
            for x in _sizes(getattr(value, f.name), depth + 1, seen)
        ]
    if hasattr(value, "cache_info"):
        return [value.cache_info().currsize]
    return []


def _state(modules: list[ModuleType]) -> dict[str, list[int]]:
    seen: set[int] = set()
    return {
        f"{module.__name__}.{name}": _sizes(value, 0, seen)
        for module in modules
        for name, value in vars(module).items()
        if not isinstance(value, ModuleType)
    }


def test_no_module_keeps_a_cache_keyed_by_page_data() -> None:
    caches = {
        (module.__name__, name)
        for module in _modules()
        for name, value in vars(module).items()
        if isinstance(value, functools._lru_cache_wrapper) and value.__module__ == module.__name__
    }
    assert caches <= _CONSTANT_CACHES
    assert not {"memos", "memo"} & {
        f.name for cls in (_marks.MarkRules, _tree.FirstChar) for f in attrs.fields(cls)
    }


def test_parsing_many_pages_grows_no_module_level_state() -> None:
    modules = _modules()
    newsparse.parse(_page(0))  # the constant caches fill once
    before = _state(modules)
    for i in range(1, 60):
        article = newsparse.parse(_page(i))
        assert f"Sentence 5 of page {i}" in article.text
    assert _state(modules) == before


def test_a_parsed_page_is_not_kept_alive() -> None:
    def elements() -> int:
        gc.collect()
        return sum(isinstance(o, etree._Element) for o in gc.get_objects())

    newsparse.parse(_page(0))
    before = elements()
    for i in range(1, 40):
        newsparse.parse(_page(i))
    assert elements() - before < 5
