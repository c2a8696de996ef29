"""Where newsparse spends its time, stage by stage, on both paths, without a profiler.

    python bench/stages.py [DIR_OR_FILE ...] [--passes N]   # default: the real corpus

Each stage is a function of the body extractor, wrapped (for this process only) in a
timer of process CPU time; ``everything outside the body`` is the parse time that no
stage holds (decoding, front matter, header, dates, the Article). The compiled and
the pure-Python paths alternate pass by pass (the accelerator is switched off around the
pure passes), and the table gives each stage's time in the fastest pass of each path.
``bench/speed.py`` prints the same table after a corpus run.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from _common import SHARED_CORPUS, import_newsparse, iter_documents, read_text

# (label, module, attribute): the function is replaced by a timed one where its caller
# looks it up. A "Class.method" attribute wraps a method.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("lxml's parse", "newsparse.body", "_parse"),
    ("rescuing pictures, dropping tags", "newsparse.body", "_prepare"),
    (
        "measuring text sizes (compiled: and picking the marked elements)",
        "newsparse.body",
        "measure_and_pick",
    ),
    ("the page byline", "newsparse.body", "_page_byline"),
    ("choosing the content root", "newsparse.body", "plan_content"),
    ("chrome removal", "newsparse.body", "remove_chrome"),
    ("the walk that gathers blocks", "newsparse.body", "_Walker.walk"),
    ("block cleaning", "newsparse.body", "clean_blocks"),
    ("removing invisible characters (whole HTML)", "newsparse.body", "clean_invisible"),
)
BODY: tuple[str, str] = ("newsparse.formats._article_fields", "extract_html")
"""Where the format parsers call the body extractor (its total time)."""


class Clock:
    """CPU seconds per label, added up by the wrappers while ``running``."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    def wrap(self, label: str, func: Callable[..., Any]) -> Callable[..., Any]:
        spent = self.spent
        clock = time.process_time

        @functools.wraps(func)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = clock()
            try:
                return func(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + clock() - started

        return timed


@contextlib.contextmanager
def instrumented(clock: Clock) -> Iterator[list[str]]:
    """Wrap every stage that exists (yields the labels of those that do not)."""
    restore: list[tuple[Any, str, Any]] = []
    missing: list[str] = []
    for label, module_name, attribute in (*STAGES, ("body", *BODY)):
        try:
            owner: Any = importlib.import_module(module_name)
            *path, name = attribute.split(".")
            for part in path:
                owner = getattr(owner, part)
            original = getattr(owner, name)
        except (ImportError, AttributeError):
            missing.append(label)
            continue
        restore.append((owner, name, original))
        setattr(owner, name, clock.wrap(label, original))
    try:
        yield missing
    finally:
        for owner, name, original in reversed(restore):
            setattr(owner, name, original)


def stage_times(texts: list[str], passes: int = 3) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Per path ("compiled", "pure"), CPU seconds per stage in its fastest pass."""
    newsparse = import_newsparse()
    accel = sys.modules["newsparse._accel"]
    compiled = accel.CTREE
    paths = {"compiled": compiled, "pure": None} if compiled is not None else {"pure": None}
    best: dict[str, dict[str, float]] = {}
    clock = Clock()
    with instrumented(clock) as missing:
        for index in range(passes + 1):  # the first round warms up
            for path, module in paths.items():
                accel.CTREE = module
                clock.spent.clear()
                started = time.process_time()
                try:
                    for text in texts:
                        with contextlib.suppress(newsparse.NewsparseError):
                            newsparse.parse(text)
                finally:
                    accel.CTREE = compiled
                total = time.process_time() - started
                if index and (path not in best or total < best[path]["total"]):
                    best[path] = {**clock.spent, "total": total}
    return best, missing


def stage_table(best: dict[str, dict[str, float]], missing: list[str]) -> list[str]:
    paths = list(best)
    lines = [
        "| stage | " + " | ".join(f"{p} CPU s" for p in paths) + " |",
        "|---|" + "--:|" * len(paths),
    ]
    labels = [label for label, *_ in STAGES if label not in missing]
    for label in sorted(labels, key=lambda lab: -best[paths[-1]].get(lab, 0.0)):
        cells = " | ".join(f"{best[p].get(label, 0.0):.3f}" for p in paths)
        lines.append(f"| {label} | {cells} |")
    outside = " | ".join(f"{best[p]['total'] - best[p].get('body', 0.0):.3f}" for p in paths)
    lines.append(f"| everything outside the body | {outside} |")
    totals = " | ".join(f"**{best[p]['total']:.3f}**" for p in paths)
    lines.append(f"| **one pass** | {totals} |")
    if missing:
        lines += ["", f"(stages not found, not timed: {', '.join(missing)})"]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, help="default: the real corpus")
    parser.add_argument("--passes", type=int, default=3, help="timed passes per path")
    args = parser.parse_args(argv)
    files = list(iter_documents(args.inputs or [SHARED_CORPUS / "real"]))
    if not files:
        print("no input documents found", file=sys.stderr)
        return 2
    best, missing = stage_times([read_text(p) for p in files], args.passes)
    print("\n".join(stage_table(best, missing)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
