"""Types of the compiled accelerator (``_ctree.pyx``); see :mod:`newsparse._accel`."""

from collections.abc import Iterable
from typing import Any

BUILT_LXML: str
BUILT_LIBXML: int

def measure(root: Any) -> dict[Any, tuple[int, int]]: ...
def walk_events(
    root: Any,
    special: Iterable[str],
    marks: Iterable[bytes],
    blocks: Iterable[str] | None = None,
    fold: Iterable[str] | None = None,
) -> list[Any]: ...
def clean_invisible(text: str) -> str: ...
def normalize_block(text: str) -> str: ...
def normalize_line(text: str) -> str: ...
