"""Types of the compiled accelerator (``_ctree.pyx``); see :mod:`newsparse._accel`."""

from collections.abc import Iterable
from typing import Any

BUILT_LXML: str
BUILT_LIBXML: int
INTERFACE: int

class Sizes:
    root: Any
    def get(self, el: Any, default: Any = None, /) -> Any: ...

def measure(root: Any) -> Sizes: ...
def walk_events(
    root: Any,
    special: Iterable[str],
    marks: Iterable[bytes],
    blocks: Iterable[str] | None = None,
    fold: Iterable[str] | None = None,
    styles: Iterable[str] | None = None,
    styled: Iterable[str] | None = None,
) -> list[Any]: ...
def walk_blocks(root: Any, walker: Any, plan: tuple[Any, ...]) -> None: ...
def flagged(
    root: Any,
    rules: Any,
    tags: Iterable[bytes] | None,
    among: Iterable[bytes] | None,
    below: bool,
) -> tuple[list[tuple[Any, str, int]], list[int]]: ...
def marked(root: Any, tags: Iterable[bytes] | None) -> list[tuple[Any, str | None, str | None]]: ...
def sized(
    root: Any,
    sizes: Sizes | dict[Any, tuple[int, int]],
    low: int,
    high: int,
    tags: Iterable[bytes] | None = None,
    first: Any = None,
    unlinked: bool = False,
    share: tuple[int, int] | None = None,
    limit: int = 0,
) -> list[tuple[Any, int, int]]: ...
def having(root: Any, name: bytes) -> list[Any]: ...
def first_visible(root: Any) -> str | None: ...
def clean_invisible(text: str) -> str: ...
def normalize_block(text: str) -> str: ...
def normalize_line(text: str) -> str: ...

# --- text scans
def control_runs(text: str, shortest: int) -> tuple[int, int]: ...
def has_surrogates(text: str) -> bool: ...
def count_controls(text: str, end: int) -> int: ...
def rule_start(text: str, pos: int) -> int: ...
def block_facts(
    texts: list[str],
    max_date: int,
    phrase: str,
    anchor: int,
    phrase_last: int,
    feed_min: int,
    feed_max: int,
) -> tuple[bytes, str]: ...
def heads(texts: list[str]) -> str: ...
def long_tag(text: str, width: int, spaces: int) -> bool: ...

# --- lines of a header
def flat_lines(text: str) -> list[tuple[str, str | None]] | None: ...
