"""CPU time of one ``newsparse.parse`` on large, pathological documents.

    python bench/hostile.py [--repeat N] [--scale F] [--json OUT]

Each input is generated here, in memory, and stresses one part of the parser with a huge
number of small things: many tiny paragraphs (the walk and block cleaning), many
``<br><br>``-separated lines (line-break splitting), millions of characters in inline
elements (measuring and the walk), many Markdown paragraphs (markdown-it-py and then the
HTML path), one tag with 400,000 attributes (libxml2 is quadratic in them: the
attribute limit), one paragraph of many rules (the promotional-tail cut). The best of ``--repeat`` runs is reported, in CPU seconds of this process, so
that a busy machine disturbs the figures less. The tests (``tests/test_hostile.py``) check
that such inputs finish and give sensible output; this script only times them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

from _common import import_newsparse, machine_info, machine_markdown

_HEADER = "<!--1700000000000-->\n[A long document](https://example.com/long)\n\n------\n\n"


def _paragraphs(n: int) -> str:
    return _HEADER + "<p>词</p>" * n


def _br_lines(n: int) -> str:
    return _HEADER + "<div>" + "一行字<br><br>" * n + "</div>"


def _spans(n: int) -> str:
    return _HEADER + "<p>" + "<span>词</span>" * n + "</p>"


def _markdown(n: int) -> str:
    return "---\ntitle: A long post\n---\n\n" + "段落文字\n\n" * n


def _attributes(n: int) -> str:
    return _HEADER + "<p " + " ".join(f"a{i}=x" for i in range(n)) + ">词</p>"


def _rules(n: int) -> str:
    return _HEADER + "<p>词</p><p>" + "——— x " * n + "</p>"


INPUTS: tuple[tuple[str, Callable[[int], str], int], ...] = (
    ("{:,} tiny <p> paragraphs", _paragraphs, 200_000),
    ("{:,} <br><br>-separated lines", _br_lines, 200_000),
    ("{:,} one-character <span> elements", _spans, 3_500_000 // 14),
    ("{:,} Markdown paragraphs", _markdown, 100_000),
    ("{:,} attributes on one tag", _attributes, 400_000),
    ("{:,} rules in one paragraph", _rules, 300_000),
)
"""(name with a place for the count, generator, count at scale 1)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs per input (best is kept)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every count")
    parser.add_argument("--json", metavar="OUT", help="also write the numbers here")
    args = parser.parse_args(argv)
    newsparse = import_newsparse()
    for make in (_paragraphs, _markdown):  # imports and first-call set-up out of the timings
        newsparse.parse(make(10))
    results: dict[str, float] = {}
    print("| input | MB | CPU s (best) |\n|---|--:|--:|")
    for template, make, count in INPUTS:
        n = max(1, round(count * args.scale))
        name = template.format(n)
        text = make(n)
        best = float("inf")
        for _ in range(max(1, args.repeat)):
            start = time.process_time()
            newsparse.parse(text)
            best = min(best, time.process_time() - start)
        results[name] = best
        size = len(text.encode("utf-8")) / 1e6
        print(f"| {name} | {size:.1f} | {best:.2f} |", flush=True)
    info = machine_info()
    print("\n" + machine_markdown(info))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"machine": info, "cpu_seconds": results}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
