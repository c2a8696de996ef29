"""Cost per MB of the most expensive shapes of input, and the worst case at the size limits.

    python bench/limits.py [--sizes 1,4] [--at-limit] [--json OUT]

Each shape is generated in a fresh child process (so that its peak memory is its own),
parsed once as bytes, and reported with the CPU seconds of the parse and the peak resident
memory of the child (newsparse and its imports included, about 35 MB). The one-character
shapes (``a\n\n``, ``<p>a</p>``, ``a<br>``) are the worst per byte: the cost is per block,
so the smallest blocks give the most of them. ``--at-limit`` adds a
run of every shape at the largest size the limits let through: the input limit
(``MAX_INPUT``) for HTML and plain text; for Markdown, the largest body markdown-it renders
(``MAX_MARKDOWN_RENDERED``) and the Markdown body limit (``MAX_MARKDOWN``). These are the figures the limits in ``newsparse._limits`` are chosen from: the
worst case at the limit must stay under 10 s and 1 GB (see docs/errors.md).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import Any

from _common import import_newsparse, machine_info, machine_markdown

CHILD = r"""
import json, resource, sys, time
sys.path[:0] = json.loads(sys.argv[3])
import newsparse
newsparse.parse("<!--1715734743000-->\n[t](https://example.org/a)\n------\n<p>x 2024年5月1日</p>")
newsparse.parse("---\ntitle: t\n---\nx\n\ny\n")
shape, size = sys.argv[1], int(sys.argv[2])
H = "<!--1700000000000-->\n[A long document](https://example.com/long)\n\n------\n\n"
F = "---\ntitle: A long post\n---\n\n"
UNITS = {
    "tiny <p>": (H, "<p>词</p>", ""),
    "1-char <p>": (H, "<p>a</p>", ""),
    "1-char <br> lines": (H + "<div>", "a<br>", "</div>"),
    "<br><br> lines": (H + "<div>", "一行字<br><br>", "</div>"),
    "<span> elements": (H + "<p>", "<span>词</span>", "</p>"),
    "table cells": (H + "<table>", "<tr><td>a</td><td>b</td></tr>", "</table>"),
    "nested <div><p>": (H, "<div><p>a</p></div>", ""),
    "<img> elements": (H, '<img src="http://e.org/a.jpg" alt="x">', ""),
    "Markdown paragraphs": (F, "段落文字\n\n", ""),
    "Markdown 1-char paragraphs": (F, "a\n\n", ""),
    "Markdown list items": (F, "- item *x* [a](http://b)\n", ""),
    "Markdown inline markup": (F, "*a* **b** `c` [d](http://e) <br> ", ""),
    "Markdown link brackets": (F, "[", "](http://e)"),
    "plain-text lines": ("A title\n", "一行普通的文字内容。\n", ""),
    "plain-text 1-char paragraphs": ("A title\n\n", "a\n\n", ""),
}
head, unit, tail = UNITS[shape]
room = size - len((head + tail).encode())
data = (head + unit * max(1, room // len(unit.encode())) + tail).encode()
start = time.process_time()
try:
    outcome = f"{len(newsparse.parse(data).paragraphs)} paragraphs"
except newsparse.NewsparseError as exc:
    outcome = f"error {exc.code}"
cpu = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"mb": len(data) / 1e6, "cpu": cpu, "peak_mb": peak, "outcome": outcome}))
"""

SHAPES = (
    "tiny <p>",
    "1-char <p>",
    "<br><br> lines",
    "1-char <br> lines",
    "<span> elements",
    "table cells",
    "nested <div><p>",
    "<img> elements",
    "Markdown paragraphs",
    "Markdown 1-char paragraphs",
    "Markdown list items",
    "Markdown inline markup",
    "Markdown link brackets",
    "plain-text lines",
    "plain-text 1-char paragraphs",
)


def _run(shape: str, size: int, path: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, shape, str(size), json.dumps(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,4", help="sizes in MB, comma-separated")
    parser.add_argument("--at-limit", action="store_true", help="also run each shape at its limit")
    parser.add_argument("--json", metavar="OUT", help="also write the numbers here")
    parser.add_argument(
        "--shapes", metavar="NAMES", help="only these shapes (comma-separated, as in the table)"
    )
    args = parser.parse_args(argv)
    newsparse = import_newsparse()
    limits = __import__("newsparse._limits", fromlist=["MAX_INPUT"])
    path = [p for p in sys.path if p]
    rows: list[dict[str, Any]] = []
    print("| input | MB | CPU s | CPU s per MB | peak MB | outcome |\n|---|--:|--:|--:|--:|---|")
    chosen = SHAPES if not args.shapes else tuple(args.shapes.split(","))
    unknown = sorted(set(chosen) - set(SHAPES))
    if unknown:
        parser.error(f"unknown shapes: {', '.join(unknown)}")
    for shape in chosen:
        sizes = [int(float(s) * 1_000_000) for s in args.sizes.split(",")]
        if args.at_limit:
            # The whole input: its front matter is a few bytes, the body takes the rest.
            if shape.startswith("Markdown"):
                # Rendered by markdown-it up to MAX_MARKDOWN_RENDERED, then read as plain
                # paragraphs up to MAX_MARKDOWN.
                sizes += [limits.MAX_MARKDOWN_RENDERED, limits.MAX_MARKDOWN]
            else:
                sizes.append(limits.MAX_INPUT)
        for size in sizes:
            row = {"shape": shape, **_run(shape, size, path)}
            rows.append(row)
            print(
                f"| {shape} | {row['mb']:.1f} | {row['cpu']:.2f} | {row['cpu'] / row['mb']:.2f}"
                f" | {row['peak_mb']:.0f} | {row['outcome']} |",
                flush=True,
            )
    info = machine_info()
    print(f"\nnewsparse {newsparse.__version__}\n\n" + machine_markdown(info))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"machine": info, "runs": rows}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
