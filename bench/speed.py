"""Throughput of newsparse.parse against an lxml floor and trafilatura, in one process.

    python bench/speed.py [DIR_OR_FILE ...] [--synthetic] [--passes N] [--json OUT]
    python bench/speed.py --profile 15        # cProfile one pass of newsparse.parse

Contenders, over the same in-memory texts:

floor        ``lxml.html.fromstring`` of the HTML part (front matter and comment header
             removed; a plain-text file whole): the cost of merely building a tree.
newsparse    ``newsparse.parse(text)`` on the whole file, with the compiled accelerator
             when it is built (``newsparse.__accelerated__``).
newsparse-pure  the same on the pure-Python path (the accelerator switched off around each
             chunk, as ``NEWSPARSE_PURE=1`` would); left out when the accelerator is not
             built, since ``newsparse`` is then the pure path.
resiliparse  ``resiliparse.extract.html2text.extract_plain_text(html_part,
             main_content=True)`` (C++ on the Lexbor parser; body text only: no title,
             date, author or captions); skipped, with a note, when it cannot be imported
             (``pip install -e ".[bench]"`` installs it).
trafilatura  ``trafilatura.bare_extraction(html_part, with_metadata=True)``, the fragment
             wrapped in ``<html><body>`` (unwrapped, trafilatura rejects about half the
             corpus at once as "not valid HTML"); skipped, with a note, when trafilatura
             cannot be imported.

One warm-up pass, then several timed passes; in each pass every contender runs once over
the whole workload, interleaved chunk by chunk (20 chunks; the order of the contenders
rotates from chunk to chunk and pass to pass) so that they share the machine's noise.
Reported: the median pass time, docs/s and MB/s (MB = 10**6 bytes of UTF-8 input, the same
for every contender), and time ratios.

Default input: ``../shared/corpus/real`` relative to the repository root. ``--synthetic``
generates documents instead: single-size rows from 1 KB to 10 MB, corpora of 1k and 10k
small documents, and the linearity check (one document just under newsparse's input limit vs
the same bodies as separate 200 KB documents).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import itertools
import json
import logging
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import (
    SHARED_CORPUS,
    as_html_document,
    current_rss_mb,
    html_part,
    import_newsparse,
    iter_documents,
    machine_info,
    machine_markdown,
    peak_rss_mb,
    read_text,
)

MB = 1_000_000
KB = 1_000


@dataclass
class Workload:
    """The same texts, prepared once, for every contender."""

    name: str
    texts: list[str]
    html_parts: list[str] = field(init=False)
    html_pages: list[str] = field(init=False)
    nbytes: int = field(init=False)
    largest: int = field(init=False)

    def __post_init__(self) -> None:
        self.html_parts = [html_part(text) for text in self.texts]
        self.html_pages = [as_html_document(part) for part in self.html_parts]
        sizes = [len(text.encode("utf-8")) for text in self.texts]
        self.nbytes = sum(sizes)
        self.largest = max(sizes, default=0)


#: A contender processes some documents of a workload and returns how many failed.
Runner = Callable[[Workload, range], int]


@dataclass
class Timing:
    """The pass times of one contender on one workload: wall clock and CPU time."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    failures: int = 0

    @property
    def runs(self) -> int:
        return len(self.wall)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    def add(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)

    def as_dict(self, workload: Workload) -> dict[str, Any]:
        median = self.median
        return {
            "runs": self.runs,
            "median_s": round(median, 6),
            "min_s": round(min(self.wall), 6),
            "median_cpu_s": round(self.median_cpu, 6),
            "wall_s": [round(t, 6) for t in self.wall],
            "cpu_s": [round(t, 6) for t in self.cpu],
            "docs_per_s": round(len(workload.texts) / median, 2) if median else None,
            "mb_per_s": round(workload.nbytes / MB / median, 3) if median else None,
            "failures": self.failures,
        }


# ---------------------------------------------------------------------------- contenders


def floor_runner() -> Runner:
    from lxml import etree
    from lxml.html import fromstring

    def run(workload: Workload, docs: range) -> int:
        failures = 0
        for html in workload.html_parts[docs.start : docs.stop]:
            try:
                fromstring(html)
            except (etree.LxmlError, ValueError):  # e.g. an empty body
                failures += 1
        return failures

    return run


def newsparse_runner(*, pure: bool = False) -> Runner:
    """newsparse on its default path, or (``pure``) with the accelerator switched off."""
    newsparse = import_newsparse()
    parse = newsparse.parse
    expected = newsparse.NewsparseError
    accel = sys.modules["newsparse._accel"]

    def run(workload: Workload, docs: range) -> int:
        failures = 0
        saved = accel.CTREE
        if pure:
            accel.CTREE = None  # what every dispatcher reads; restored below
        try:
            for text in workload.texts[docs.start : docs.stop]:
                try:
                    parse(text)
                except expected:
                    failures += 1
        finally:
            accel.CTREE = saved
        return failures

    return run


def newsparse_pure_runner() -> Runner | None:
    """The pure-Python path beside the compiled one (None when nothing is compiled)."""
    newsparse = import_newsparse()
    if not getattr(newsparse, "__accelerated__", False):
        print("note: newsparse-pure left out (the accelerator is not in use)", file=sys.stderr)
        return None
    return newsparse_runner(pure=True)


def resiliparse_runner() -> Runner | None:
    try:
        from resiliparse.extract.html2text import extract_plain_text
    except Exception as exc:  # not installed, or no wheel for this platform
        print(f"note: resiliparse skipped ({type(exc).__name__}: {exc})", file=sys.stderr)
        return None

    def run(workload: Workload, docs: range) -> int:
        failures = 0
        for html in workload.html_parts[docs.start : docs.stop]:
            try:
                extract_plain_text(html, main_content=True)
            except Exception:
                failures += 1
        return failures

    return run


def trafilatura_runner() -> Runner | None:
    try:
        from trafilatura import bare_extraction
    except Exception as exc:  # ImportError, or a broken install (lxml.html.clean missing)
        print(f"note: trafilatura skipped ({type(exc).__name__}: {exc})", file=sys.stderr)
        return None
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

    def run(workload: Workload, docs: range) -> int:
        failures = 0
        for html in workload.html_pages[docs.start : docs.stop]:
            try:
                bare_extraction(html, with_metadata=True)
            except Exception:
                failures += 1
        return failures

    return run


# ---------------------------------------------------------------------------- timing


def chunks(count: int, pieces: int) -> list[range]:
    """Split ``range(count)`` into at most ``pieces`` contiguous, nearly equal ranges."""
    pieces = max(1, min(pieces, count))
    bounds = [round(index * count / pieces) for index in range(pieces + 1)]
    return [range(low, high) for low, high in itertools.pairwise(bounds) if high > low]


def run_pass(
    workload: Workload,
    runners: dict[str, Runner],
    names: list[str],
    pieces: list[range],
    shift: int,
) -> dict[str, tuple[float, float, int]]:
    """One pass over the workload for each named contender, interleaved chunk by chunk.

    For every chunk each contender runs in turn (the order rotating with ``shift`` and the
    chunk), so a burst of noise from the machine lands on all of them alike. Returns
    (wall seconds, CPU seconds, failed documents) per contender.
    """
    totals: dict[str, tuple[float, float, int]] = dict.fromkeys(names, (0.0, 0.0, 0))
    gc.collect()
    for position, docs in enumerate(pieces):
        turn = (shift + position) % len(names)
        for name in names[turn:] + names[:turn]:
            runner = runners[name]
            wall, cpu = time.perf_counter(), time.process_time()
            failures = runner(workload, docs)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            spent, used, failed = totals[name]
            totals[name] = (spent + wall, used + cpu, failed + failures)
    return totals


def measure(
    workload: Workload,
    runners: dict[str, Runner],
    *,
    passes: int | None,
    budget_s: float,
    slow_s: float = float("inf"),
    pieces: int = 20,
    min_passes: int = 3,
    max_passes: int = 7,
) -> dict[str, Timing]:
    """Warm up, then time ``passes`` interleaved passes (or as many as fit ``budget_s``).

    A contender whose warm-up pass takes longer than ``slow_s`` is not run again: its
    warm-up is its only timing (reported with one run), which keeps slow rows affordable.
    """
    split = chunks(len(workload.texts), pieces)
    names = list(runners)
    timings = {name: Timing() for name in names}
    warm_total = 0.0
    for name, (wall, cpu, failures) in run_pass(workload, runners, names, split, 0).items():
        timings[name].failures = failures
        if wall > slow_s:
            timings[name].add(wall, cpu)
        else:
            warm_total += wall
    names = [name for name in names if not timings[name].runs]
    if passes is None:
        passes = int(budget_s // max(warm_total, 1e-9))
        passes = max(min_passes, min(max_passes, passes))
    for index in range(passes if names else 0):
        for name, (wall, cpu, _) in run_pass(workload, runners, names, split, index).items():
            timings[name].add(wall, cpu)
    return timings


def ratio(
    numerator: Timing | None, denominator: Timing | None, *, cpu: bool = False
) -> float | None:
    """Median time of ``numerator`` over that of ``denominator`` (wall clock, or CPU time)."""
    if numerator is None or denominator is None:
        return None
    bottom = denominator.median_cpu if cpu else denominator.median
    if not bottom:
        return None
    return (numerator.median_cpu if cpu else numerator.median) / bottom


def linearity_check(
    big: Workload, small: Workload, runners: dict[str, Runner], *, passes: int
) -> dict[str, Any]:
    """Time each contender on ``big`` and on ``small`` alternately; report the time ratio."""
    result = {}
    for name, runner in runners.items():
        timings = {"big": Timing(), "small": Timing()}
        pair = {"big": big, "small": small}
        for index in range(passes + 1):  # the first round is the warm-up
            for which in ("big", "small") if index % 2 else ("small", "big"):
                workload = pair[which]
                gc.collect()
                wall, cpu = time.perf_counter(), time.process_time()
                runner(workload, range(len(workload.texts)))
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                if index:
                    timings[which].add(wall, cpu)
        one, many = timings["big"], timings["small"]
        result[name] = {
            "one_big_s": round(one.median, 4),
            "many_small_s": round(many.median, 4),
            "ratio": round(one.median / many.median, 3),
            "ratio_cpu": round(one.median_cpu / many.median_cpu, 3),
        }
    return result


def table_rows(workload: Workload, timings: dict[str, Timing]) -> list[str]:
    floor = timings.get("floor")
    rows = []
    for name, timing in timings.items():
        data = timing.as_dict(workload)
        rows.append(
            f"| {workload.name} | {name} | {len(workload.texts)} | {workload.nbytes / MB:.2f} "
            f"| {timing.runs} | {data['median_s']:.3f} | {data['min_s']:.3f} "
            f"| {data['median_cpu_s']:.3f} | {data['docs_per_s']:,.0f} | {data['mb_per_s']:.2f} "
            f"| {_fmt_ratio(ratio(timing, floor))} | {_fmt_ratio(ratio(timing, floor, cpu=True))} "
            f"| {timing.failures} |"
        )
    return rows


TABLE_HEADER = [
    "| workload | contender | docs | MB | runs | median s | min s | CPU s | docs/s | MB/s "
    "| × floor | × floor (CPU) | failed |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
]


def _fmt_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _fmt_mib(value: float | None) -> str:
    return "n/a" if value is None else f"+{value:.0f} MiB"


# ---------------------------------------------------------------------------- synthetic


class Generator:
    """Deterministic synthetic news documents (mixed Chinese and English HTML bodies)."""

    _WORDS = (
        "government", "said", "on", "Tuesday", "that", "talks", "would", "continue", "despite",
        "new", "export", "controls", "advanced", "chips", "while", "analysts", "warned", "of",
        "rising", "costs", "for", "companies", "across", "the", "region", "and", "officials",
    )  # fmt: skip
    _PUNCT = "，，，、；："
    _HAN = tuple(chr(code) for code in range(0x4E00, 0x9FA6))  # CJK unified ideographs

    def __init__(self, seed: int = 20240516) -> None:
        self._rng = random.Random(seed)
        self._serial = 0

    def _cjk(self, length: int) -> str:
        rng = self._rng
        chars = rng.choices(self._HAN, k=length)
        for position in range(rng.randint(5, 12), length, rng.randint(8, 16)):
            chars[position] = rng.choice(self._PUNCT)
        return "".join(chars) + "。"

    def _english(self, words: int) -> str:
        sentence = " ".join(self._rng.choices(self._WORDS, k=words))
        return sentence[0].upper() + sentence[1:] + "."

    def _sentence(self) -> str:
        if self._rng.random() < 0.75:
            return self._cjk(self._rng.randint(12, 48))
        return self._english(self._rng.randint(6, 18))

    def _block(self) -> str:
        rng = self._rng
        self._serial += 1
        serial = self._serial
        roll = rng.random()
        if roll < 0.04:
            return f"<h2>第{serial}节 {self._cjk(rng.randint(4, 12))}</h2>"
        if roll < 0.09:
            caption = self._cjk(rng.randint(10, 30))
            return (
                f'<figure><img src="https://img.example.org/{serial}.jpg" alt="{serial}">'
                f"<figcaption>{caption}图/示例社</figcaption></figure>"
            )
        if roll < 0.13:
            items = "".join(f"<li>{self._sentence()}</li>" for _ in range(rng.randint(2, 5)))
            return f"<ul>{items}</ul>"
        if roll < 0.16:
            return f"<blockquote><p>{self._sentence()}{self._sentence()}</p></blockquote>"
        parts = [f"{serial}．"] + [self._sentence() for _ in range(rng.randint(2, 6))]
        if rng.random() < 0.3:
            link = f'<a href="https://example.org/news/{serial}">{self._cjk(6)}</a>'
            parts.insert(rng.randint(1, len(parts)), link)
        if rng.random() < 0.2:
            parts.insert(1, f"<strong>{self._cjk(8)}</strong>")
        return "<p>" + "".join(parts) + "</p>"

    def body(self, target_bytes: int) -> str:
        """HTML blocks (no wrapper) of at least ``target_bytes`` UTF-8 bytes."""
        blocks: list[str] = []
        size = 0
        while size < target_bytes:
            block = self._block()
            blocks.append(block)
            size += len(block.encode("utf-8")) + 1
        return "\n".join(blocks)

    def document(self, index: int, body: str, shape: str) -> str:
        """Wrap a body as ``comment-header``, ``jekyll`` (+ header) or ``jekyll-page``."""
        title = f"示例新闻标题{index} {self._cjk(10)[:-1]}"
        url = f"https://news.example.org/2024/05/{index}.html"
        epoch_ms = 1_715_734_743_000 + index * 60_000
        header = f"<!--{epoch_ms}-->\n[{title}]({url})\n------\n\n<div>\n{body}\n</div>\n"
        if shape == "comment-header":
            return header
        published = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(epoch_ms // 1000))
        front = (
            f'---\nlayout: post\ntitle: "{title}"\ndate: {published}\nauthor: 示例社\n'
            f"from: {url}\ntags: [ 示例社 ]\ncategories: [ 示例社 ]\n---\n"
        )
        if shape == "jekyll":
            return front + header
        page = (
            f'<article class="post">\n <header><h1 class="entry-title">{title}</h1></header>\n'
            f' <div class="entry-content">\n{body}\n </div>\n'
            f' <footer class="entry-footer"><a href="/tag/x" rel="tag">示例社</a></footer>\n'
            "</article>\n"
        )
        return front + "\n" + page

    def corpus(self, count: int, low: int, high: int) -> list[str]:
        """``count`` documents with bodies of ``low``..``high`` bytes, the three shapes in turn."""
        shapes = ("comment-header", "jekyll", "jekyll-page")
        return [
            self.document(index, self.body(self._rng.randint(low, high)), shapes[index % 3])
            for index in range(count)
        ]


def synthetic_workloads(scale: float) -> list[Workload]:
    generator = Generator()
    workloads = []
    # Each single-size row holds about 2 MB (at least one document); the largest row sits
    # just under the input limit (larger inputs are refused), and a scale below 1 also
    # leaves out the sizes above that × scale.
    largest = _largest_document()
    sizes = (
        ("1 KB", KB),
        ("10 KB", 10 * KB),
        ("100 KB", 100 * KB),
        ("1 MB", MB),
        (f"{largest / MB:.1f} MB", largest),
    )
    for label, size in sizes:
        if size > largest * scale:
            continue
        count = max(1, round(2 * MB * scale / size))
        workloads.append(Workload(f"{count} × {label}", generator.corpus(count, size, size)))
    for count in (1_000, 10_000):
        count = max(1, round(count * scale))
        workloads.append(
            Workload(f"{count} small (0.5–4 KB)", generator.corpus(count, 500, 4 * KB))
        )
    return workloads


def _largest_document() -> int:
    """Bytes of the largest synthetic document: 90 % of newsparse's input limit."""
    from newsparse._limits import MAX_INPUT

    return int(MAX_INPUT * 0.9)


def linearity_workloads(scale: float) -> tuple[Workload, Workload]:
    """Comment-header documents of 200 KB, and one document holding all their bodies.

    The one document stays just under newsparse's input limit (larger inputs are refused).
    """
    generator = Generator(seed=7)
    piece = 200 * KB
    pieces = max(2, round(_largest_document() / piece * scale))
    bodies = [generator.body(piece) for _ in range(pieces)]
    small = [generator.document(index, body, "comment-header") for index, body in enumerate(bodies)]
    joined = "\n</div>\n<div>\n".join(bodies)
    big = generator.document(pieces, joined, "comment-header")
    total = f"{pieces * piece / MB:.1f} MB"
    return Workload(f"1 × {total}", [big]), Workload(f"{pieces} × 200 KB", small)


def sanity_check(workloads: Sequence[Workload]) -> list[str]:
    """Parse the first document of each generated workload; report anything unexpected."""
    newsparse = import_newsparse()
    problems = []
    for workload in workloads:
        text = workload.texts[0]
        try:
            article = newsparse.parse(text)
        except Exception as exc:
            problems.append(f"{workload.name}: {type(exc).__name__}: {exc}")
            continue
        if not article.title.startswith("示例新闻标题") or not article.paragraphs:
            problems.append(
                f"{workload.name}: title={article.title!r} paragraphs={len(article.paragraphs)}"
            )
    return problems


# ---------------------------------------------------------------------------- memory


def _status_kib(field_name: str) -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    raise KeyError(field_name)


_RUNNER_FACTORIES: dict[str, Callable[[], Runner | None]] = {
    "floor": floor_runner,
    "newsparse": newsparse_runner,
    "newsparse-pure": newsparse_pure_runner,
    "trafilatura": trafilatura_runner,
    "resiliparse": resiliparse_runner,
}
_WARM_DOC = "<!--1715734743000-->\n[warm](https://example.org/a)\n------\n<div><p>warm</p></div>\n"


def _measure_in_child(contender: str, texts: list[str], conn: Any) -> None:
    runner = _RUNNER_FACTORIES[contender]()
    if runner is None:
        conn.send(None)
        return
    workload = Workload("measured", texts)
    runner(Workload("warm-up", [_WARM_DOC]), range(1))  # lazy imports and first-use caches
    gc.collect()
    before = _status_kib("VmRSS")
    with contextlib.suppress(OSError):  # reset the high-water mark to the current RSS
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    runner(workload, range(len(texts)))
    conn.send((before, _status_kib("VmHWM")))


def peak_growth_mib(contender: str, workload: Workload) -> float | None:
    """Peak RSS growth (MiB) of one run over ``workload`` in a fresh process; Linux only.

    The child imports the contender, warms it up on a tiny document, holds the inputs, and
    reports how far its resident set rose above that while processing them once.
    """
    if not sys.platform.startswith("linux"):
        return None
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_measure_in_child, args=(contender, workload.texts, sender))
    child.start()
    sender.close()
    try:
        result = receiver.recv()
    except EOFError:
        result = None
    finally:
        child.join()
    if result is None:
        return None
    before, peak = result
    return float(peak - before) / 1024


# ---------------------------------------------------------------------------- main


def profile(workload: Workload, top: int) -> str:
    newsparse = import_newsparse()
    profiler = cProfile.Profile()
    profiler.enable()
    for text in workload.texts:
        with contextlib.suppress(newsparse.NewsparseError):
            newsparse.parse(text)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "inputs", nargs="*", type=Path, help="files or folders (default: the real corpus)"
    )
    parser.add_argument(
        "--synthetic", action="store_true", help="generated documents and the linearity check"
    )
    parser.add_argument(
        "--passes", type=int, help="timed passes (default: 3–7, as the time budget allows)"
    )
    parser.add_argument(
        "--budget", type=float, default=120.0, help="seconds of timed passes per run (default 120)"
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="synthetic sizes × this (e.g. 0.1 for a smoke run)"
    )
    parser.add_argument(
        "--slow",
        type=float,
        help="a contender whose warm-up pass takes longer is timed only once "
        "(default: 90 s, or 20 s with --synthetic)",
    )
    parser.add_argument(
        "--chunks",
        type=int,
        default=20,
        help="interleave the contenders over this many chunks of each pass (default 20)",
    )
    parser.add_argument(
        "--traf-max-mb",
        type=float,
        default=2.0,
        help="leave trafilatura out of rows with a document larger than this (0: never)",
    )
    parser.add_argument("--no-trafilatura", action="store_true", help="leave trafilatura out")
    parser.add_argument("--no-resiliparse", action="store_true", help="leave resiliparse out")
    parser.add_argument(
        "--no-stages",
        action="store_true",
        help="skip the stage times of newsparse (on both paths) after a corpus run",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON")
    parser.add_argument(
        "--profile",
        type=int,
        nargs="?",
        const=15,
        metavar="N",
        help="cProfile newsparse.parse; print top N",
    )
    args = parser.parse_args(argv)

    if args.synthetic:
        started = time.perf_counter()
        workloads = synthetic_workloads(args.scale)
        big, small = linearity_workloads(args.scale)
        print(
            f"generated synthetic inputs in {time.perf_counter() - started:.1f} s", file=sys.stderr
        )
    else:
        inputs = args.inputs or [SHARED_CORPUS / "real"]
        files = list(iter_documents(inputs))
        if not files:
            print("no input documents found", file=sys.stderr)
            return 2
        label = (
            ", ".join(path.name for path in inputs) if len(inputs) <= 3 else f"{len(inputs)} inputs"
        )
        workloads = [Workload(label, [read_text(path) for path in files])]

    if args.profile is not None:
        print(profile(workloads[-1] if args.synthetic else workloads[0], args.profile))
        return 0

    runners: dict[str, Runner] = {"floor": floor_runner()}
    try:
        runners["newsparse"] = newsparse_runner()
        pure = newsparse_pure_runner()
        if pure is not None:
            runners["newsparse-pure"] = pure
    except Exception as exc:
        print(
            f"note: newsparse could not be imported ({type(exc).__name__}: {exc})", file=sys.stderr
        )
    if not args.no_trafilatura:
        traf = trafilatura_runner()
        if traf is not None:
            runners["trafilatura"] = traf
    if not args.no_resiliparse:
        resili = resiliparse_runner()
        if resili is not None:
            runners["resiliparse"] = resili
    info = machine_info()
    rss_loaded = current_rss_mb()

    lines = ["## Throughput", "", *TABLE_HEADER]
    results: list[dict[str, Any]] = []
    budget_each = args.budget / (len(workloads) if args.synthetic else 1)
    skipped: list[str] = []
    for workload in workloads:
        print(f"timing {workload.name} …", file=sys.stderr)
        row_runners = dict(runners)
        if "trafilatura" in runners and 0 < args.traf_max_mb * MB < workload.largest:
            del row_runners["trafilatura"]
            skipped.append(workload.name)
        timings = measure(
            workload,
            row_runners,
            passes=args.passes,
            budget_s=budget_each,
            slow_s=args.slow if args.slow is not None else (20.0 if args.synthetic else 90.0),
            pieces=args.chunks,
        )
        lines.extend(table_rows(workload, timings))
        results.append(
            {
                "workload": workload.name,
                "docs": len(workload.texts),
                "bytes": workload.nbytes,
                "passes": timings["floor"].runs,
                "contenders": {name: t.as_dict(workload) for name, t in timings.items()},
                "newsparse_over_floor": ratio(timings.get("newsparse"), timings.get("floor")),
                "newsparse_over_floor_cpu": ratio(
                    timings.get("newsparse"), timings.get("floor"), cpu=True
                ),
                "trafilatura_over_newsparse": ratio(
                    timings.get("trafilatura"), timings.get("newsparse")
                ),
                "trafilatura_over_newsparse_cpu": ratio(
                    timings.get("trafilatura"), timings.get("newsparse"), cpu=True
                ),
                "accelerated": bool(getattr(import_newsparse(), "__accelerated__", False)),
                "pure_over_floor": ratio(timings.get("newsparse-pure"), timings.get("floor")),
                "pure_over_newsparse": ratio(
                    timings.get("newsparse-pure"), timings.get("newsparse")
                ),
                "trafilatura_over_pure": ratio(
                    timings.get("trafilatura"), timings.get("newsparse-pure")
                ),
                "resiliparse_over_floor": ratio(timings.get("resiliparse"), timings.get("floor")),
                "peak_rss_mb_so_far": round(peak_rss_mb(), 1),
            }
        )
    if skipped:
        lines += [
            "",
            f"trafilatura left out of {', '.join(skipped)}: documents over "
            f"{args.traf_max_mb:g} MB (its time grows faster than linearly; --traf-max-mb 0 "
            "times it anyway).",
        ]
    lines.append("")
    for result in results:
        lines.append(
            f"- {result['workload']} ({result['passes']} timed passes): "
            f"newsparse / floor = {_fmt_ratio(result['newsparse_over_floor'])} "
            f"(CPU {_fmt_ratio(result['newsparse_over_floor_cpu'])}), "
            f"trafilatura / newsparse = {_fmt_ratio(result['trafilatura_over_newsparse'])} "
            f"(CPU {_fmt_ratio(result['trafilatura_over_newsparse_cpu'])})"
            + ("" if result["accelerated"] else " [pure Python: the accelerator is not in use]")
        )
        if result["pure_over_floor"] is not None:
            lines.append(
                f"  - pure path: newsparse-pure / floor = {_fmt_ratio(result['pure_over_floor'])}, "
                f"newsparse-pure / newsparse = {_fmt_ratio(result['pure_over_newsparse'])}, "
                f"trafilatura / newsparse-pure = {_fmt_ratio(result['trafilatura_over_pure'])}"
            )
        if result["resiliparse_over_floor"] is not None:
            lines.append(
                f"  - resiliparse / floor = {_fmt_ratio(result['resiliparse_over_floor'])}"
            )

    stages: dict[str, dict[str, float]] | None = None
    if not args.synthetic and not args.no_stages and "newsparse" in runners:
        from stages import stage_table, stage_times

        print("timing newsparse's stages …", file=sys.stderr)
        stages, missing = stage_times(workloads[0].texts, passes=3)
        lines += [
            "",
            "## Stages of newsparse",
            "",
            "CPU seconds of each stage in the fastest of three passes per path (bench/stages.py):",
            "",
            *stage_table(stages, missing),
        ]

    linearity: dict[str, Any] | None = None
    if args.synthetic:
        problems = sanity_check([*workloads, big, small])
        lin_runners = {name: runner for name, runner in runners.items() if name != "trafilatura"}
        print(f"timing linearity ({big.name} vs {small.name}) …", file=sys.stderr)
        linearity = linearity_check(big, small, lin_runners, passes=args.passes or 5)
        lines += [
            "",
            "## Linearity",
            "",
            f"| contender | {big.name} s | {small.name} s | ratio | ratio (CPU) |",
            "|---|--:|--:|--:|--:|",
        ]
        for name, data in linearity.items():
            lines.append(
                f"| {name} | {data['one_big_s']:.3f} | {data['many_small_s']:.3f} "
                f"| {data['ratio']:.2f} | {data['ratio_cpu']:.2f} |"
            )
        lines.append("")
        lines.append(
            "Goal: newsparse ratio ≤ 1.5 (one big document costs about what its pieces cost)."
        )
        lines += [
            "",
            "Peak RSS growth while processing the inputs once, in a fresh process "
            "(inputs already in memory):",
            "",
        ]
        memory: dict[str, dict[str, float | None]] = {}
        for name in lin_runners:
            memory[name] = {
                workload.name: peak_growth_mib(name, workload) for workload in (big, small)
            }
            cells = ", ".join(
                f"{label}: {_fmt_mib(value)}" for label, value in memory[name].items()
            )
            lines.append(f"- {name}: {cells}")
        linearity["peak_growth_mib"] = memory
        if problems:
            lines += ["", "Sanity check of generated documents found problems:"]
            lines += [f"- {problem}" for problem in problems]

    peak = peak_rss_mb()
    lines += ["", "## Memory", ""]
    if rss_loaded is not None:
        lines.append(f"- RSS with inputs loaded: {rss_loaded:.0f} MiB")
    lines.append(f"- peak RSS (getrusage): {peak:.0f} MiB")
    lines += ["", "## Machine", "", machine_markdown(info)]
    print("\n".join(lines))

    if args.json:
        payload = {
            "mode": "synthetic" if args.synthetic else "corpus",
            "machine": info,
            "workloads": results,
            "linearity": linearity,
            "stages": stages,
            "rss_loaded_mb": None if rss_loaded is None else round(rss_loaded, 1),
            "peak_rss_mb": round(peak, 1),
        }
        args.json.write_text(
            json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
