"""Which path runs: the compiled accelerator (``newsparse._ctree``) or pure Python.

The accelerator computes facts about lxml trees (the sizes of text under each element,
the walk's events and its blocks of plain text, the elements a rule reads, the first
visible character of an element's text) and normalises text (white space,
invisible characters, CJK line breaks), as pure-Python reference functions do, with the
same results. It is used when all of these hold:

- the environment variable ``NEWSPARSE_PURE`` is unset, empty or ``0``;
- the extension was built (a wheel for this platform, or a source build with a compiler)
  for a 64-bit Python (it keeps two counts in a pointer-sized field of each node; a
  32-bit build refuses to import);
- the installed lxml and its libxml2 have the major and minor version that the extension
  was compiled against (it reads libxml2's node structs and calls lxml's C API);
- the extension provides every function of :class:`Compiled` and returns what this
  source expects (:data:`INTERFACE`): one built from an older source, left behind in a
  checkout, does not.

Otherwise the pure-Python path runs, silently; ``newsparse.__accelerated__`` tells which.
The choice is made once, at import.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Final, Protocol

from lxml import etree

PURE_VARIABLE: Final = "NEWSPARSE_PURE"
"""Set it to ``1`` to force the pure-Python path."""


def _same_release(built: str, running: str) -> bool:
    """Whether two dotted versions share their major and minor numbers."""
    return built.split(".")[:2] == running.split(".")[:2]


class Compiled(Protocol):
    """What the compiled module provides (``_ctree.pyx``; its types in ``_ctree.pyi``)."""

    BUILT_LXML: str
    BUILT_LIBXML: int
    INTERFACE: int

    def measure(self, root: Any, /) -> Any: ...

    def walk_events(
        self,
        root: Any,
        special: Any,
        marks: Any,
        blocks: Any = ...,
        fold: Any = ...,
        styles: Any = ...,
        styled: Any = ...,
        /,
    ) -> list[Any]: ...

    def walk_plan(self, plan: tuple[Any, ...], /) -> Any: ...

    def walk_blocks(self, root: Any, walker: Any, plan: Any, /) -> None: ...

    def flagged(
        self, root: Any, rules: Any, tags: Any, among: Any, below: bool, /
    ) -> tuple[list[tuple[Any, str, int]], list[int]]: ...

    def FlagWalk(  # noqa: N802 - the compiled class
        self, root: Any, rules: Any, tags: Any, among: Any, below: bool, /
    ) -> Any: ...

    def picks(
        self, root: Any, selections: tuple[tuple[Any, Any], ...], /
    ) -> list[list[tuple[Any, str, int]]]: ...

    def measure_picks(
        self, root: Any, selections: tuple[tuple[Any, Any], ...], /
    ) -> tuple[Any, list[list[tuple[Any, str, int]]]]: ...

    def mark_table(self, words: Any, exact: Any, token_attributes: int, /) -> Any: ...

    def marks_of(self, el: Any, rules: Any, /) -> int: ...

    def marked(self, root: Any, tags: Any, /) -> list[tuple[Any, str | None, str | None]]: ...

    def sized(
        self,
        root: Any,
        sizes: Any,
        low: int,
        high: int,
        tags: Any = ...,
        first: Any = ...,
        unlinked: bool = ...,
        share: tuple[int, int] | None = ...,
        limit: int = ...,
        /,
    ) -> list[tuple[Any, int, int]]: ...

    def having(self, root: Any, name: bytes, /) -> list[Any]: ...

    def tagged(self, root: Any, tags: Any, /) -> list[Any]: ...

    def shape_picks(
        self, root: Any, heads: tuple[bytes, ...], times: tuple[bytes, ...], name: bytes, /
    ) -> tuple[list[Any], list[Any], list[Any]]: ...

    def climb_marks(
        self, el: Any, levels: int, stop: tuple[bytes, ...], /
    ) -> tuple[str, list[str]]: ...

    def first_visible(self, root: Any, /) -> str | None: ...

    def clean_invisible(self, text: str, /) -> str: ...

    def normalize_block(self, text: str, /) -> str: ...

    def normalize_line(self, text: str, /) -> str: ...

    # --- text scans

    def control_runs(self, text: str, shortest: int, /) -> tuple[int, int]: ...

    def has_surrogates(self, text: str, /) -> bool: ...

    def count_controls(self, text: str, end: int, /) -> int: ...

    def text_scan(
        self, text: str, shortest: int, sample: int, /
    ) -> tuple[bool, int, int, bool, bool, int, int]: ...

    def rule_start(self, text: str, pos: int, /) -> int: ...

    def block_facts(
        self,
        texts: list[str],
        max_date: int,
        phrase: str,
        anchor: int,
        phrase_last: int,
        feed_min: int,
        feed_max: int,
        /,
    ) -> tuple[bytes, str]: ...

    def heads(self, texts: list[str], /) -> str: ...

    def survey(
        self,
        texts: list[str],
        max_date: int,
        phrase: str,
        anchor: int,
        phrase_last: int,
        feed_min: int,
        feed_max: int,
        /,
    ) -> tuple[bytes, str, str, str]: ...

    def survey_blocks(
        self,
        blocks: list[Any],
        fields: tuple[Any, ...],
        max_date: int,
        phrase: str,
        anchor: int,
        phrase_last: int,
        feed_min: int,
        feed_max: int,
        /,
    ) -> tuple[bytes, str, str, str, bytes]: ...

    def leads(self, texts: list[str], /) -> str: ...

    def first_keys(self, texts: list[str], /) -> str: ...

    def has_words(self, text: str, words: str, hashtag: bool, /) -> bool: ...

    def needles(self, strings: tuple[str, ...], /) -> Callable[[str], bool]: ...

    def long_tag(self, text: str, width: int, spaces: int, /) -> bool: ...

    def tag_opens(self, text: str, name: str, /) -> bool: ...
    def tag_marks(self, text: str, names: tuple[str, ...], /) -> int: ...
    def word_after(self, text: str, lead: str, words: tuple[str, ...], start: int, /) -> int: ...
    def html_facts(
        self, text: str, width: int, spaces: int, names: tuple[str, ...], words: tuple[str, ...], /
    ) -> tuple[bool, int, int]: ...

    # --- lines of a header

    def flat_lines(self, text: str, /) -> list[tuple[str, str | None]] | None: ...
    def flat_pairs(self, text: str, /) -> list[tuple[str, str, int]] | None: ...


def _load() -> Compiled | None:
    if os.environ.get(PURE_VARIABLE, "") not in {"", "0"}:
        return None
    try:
        from newsparse import _ctree
    except ImportError:  # not built, or lxml's C API does not match what it needs
        return None
    built_lxml: str = _ctree.BUILT_LXML
    built_libxml: int = _ctree.BUILT_LIBXML
    running_libxml = ".".join(str(part) for part in etree.LIBXML_VERSION)
    built_libxml_dotted = f"{built_libxml // 10000}.{built_libxml // 100 % 100}"
    if not _same_release(built_lxml, etree.__version__):
        return None
    if not _same_release(built_libxml_dotted, running_libxml):
        return None
    if not all(hasattr(_ctree, name) for name in _PROVIDED):
        return None
    if getattr(_ctree, "INTERFACE", 1) != INTERFACE:
        return None
    return _ctree


INTERFACE: Final = 14
"""The revision of the compiled module's results that this source reads (its
``INTERFACE``; 1 when it has none): 2, the walk's folded blocks carry their text and
style facts, and blocks with styled or marked elements fold too; 3, ``measure`` returns
sizes kept in the nodes (``_ctree.Sizes``); 4, ``walk_blocks`` plays the walker's
gatherer; 5, its plan names the figure-box tag and word; 6, ``flagged`` (marks judged
by ``body._marks.MarkRules``) replaces ``suspects``; 7, ``walk_blocks``' plan
holds the block class's slots; 8, ``tagged`` (the elements of some tags); 9, ``flagged``
and ``sized`` keep their memos for one call (``MarkRules.new_memos``; a ``FirstChar``
holds none); 10, ``walk_blocks``' plan names the caption tags (``walker._CAPTION_TAGS``);
11, ``flagged`` judges the rules' data (``mark_table``, held by each ``MarkRules``) in C,
and ``marks_of`` gives one element's mask; 12, ``walk_blocks``' plan names boxes, each tag
with its word (``walker._BOXES``); 13, ``walk_plan`` reads the plan once into a
``WalkPlan`` that ``walk_blocks`` takes (no player or plan kept between walks); 14,
``FlagWalk`` gives ``flagged``'s picks one at a time and passes over a subtree on request
(``body._marks.flag_walk``)."""

_PROVIDED: Final = tuple(sorted(name for name in vars(Compiled) if not name.startswith("_")))
"""The functions the compiled module must provide (those of :class:`Compiled`)."""


CTREE: Final[Compiled | None] = _load()
"""The compiled module, or None when the pure-Python path runs."""
ACCELERATED: Final[bool] = CTREE is not None
"""Whether the compiled accelerator is in use."""
