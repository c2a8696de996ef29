"""Memory and parallel throughput of newsparse.parse_many over many files.

    python bench/memory.py [--inputs 10000] [--workers 2] [--chunksizes 1,4,8,16,32] [--json OUT]

Synthesises ``--inputs`` files in a temporary folder by repeating the real corpus
(``../shared/corpus/real``) with a small change per copy (a numbered paragraph appended, the
title suffixed), so that no two inputs are the same. Then, over the same files:

serial      ``parse_many(paths)``: one process.
workers=N   ``parse_many(paths, workers=N)``: a local process pool.

Each run consumes every result the way a caller would (``to_dict()`` and ``json.dumps``,
then drops it) and samples this process's resident set size every 500 results; the pool's
worker processes are sampled too. Reported: docs/s for each run, the ratio, and the RSS
before, at the first sample, at the peak and after; "flat" means the RSS after the first
1,000 results grows by less than ``--flat-mib`` over the remaining inputs.

``--chunksizes`` additionally times ``workers=N`` over the first 2,000 inputs at each
chunk size, which is how ``DEFAULT_CHUNKSIZE`` was chosen.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _common import SHARED_CORPUS, current_rss_mb, import_newsparse, machine_info

SAMPLE_EVERY = 500
"""Sample the resident set size every this many results."""


def synthesise(corpus: Path, target: Path, count: int) -> list[Path]:
    """Write ``count`` inputs into ``target`` from the ``*.md`` files of ``corpus``."""
    sources = sorted(corpus.glob("*.md"))
    if not sources:
        raise SystemExit(f"no *.md files in {corpus}")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sources]
    out: list[Path] = []
    for n in range(count):
        text = texts[n % len(texts)]
        copy = n // len(texts)
        if copy:
            text = re.sub(r"(?m)^title:(.*)$", rf"title:\1 ({copy})", text, count=1)
            text = text.rstrip("\n") + f"\n<p>Synthetic copy {copy} of {n % len(texts)}.</p>\n"
        path = target / f"{n:05d}.md"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool, once shut down)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _children_rss_mb() -> float:
    try:
        import psutil
    except ImportError:
        return 0.0
    total = 0
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += child.memory_info().rss
    return total / (1024 * 1024)


def run(
    newsparse: Any, paths: list[Path], workers: int | None, chunksize: int | None = None
) -> dict[str, Any]:
    """Parse ``paths`` once with ``parse_many``; time it and sample the RSS."""
    gc.collect()
    before = current_rss_mb()
    samples: list[float] = []
    children: list[float] = []
    ok = failed = 0
    out_bytes = 0

    def lazily() -> Iterator[Path]:
        yield from paths

    cpu_start = _cpu_seconds()
    start = time.perf_counter()
    for n, result in enumerate(
        newsparse.parse_many(lazily(), workers=workers, chunksize=chunksize), 1
    ):
        out_bytes += len(json.dumps(result.to_dict(), ensure_ascii=False))
        if result.ok:
            ok += 1
        else:
            failed += 1
        del result
        if n % SAMPLE_EVERY == 0:
            rss = current_rss_mb()
            if rss is not None:
                samples.append(round(rss, 1))
            if workers and workers > 1:
                children.append(round(_children_rss_mb(), 1))
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu_start
    gc.collect()
    after = current_rss_mb()
    return {
        "workers": workers or 1,
        "chunksize": chunksize,
        "inputs": len(paths),
        "ok": ok,
        "failed": failed,
        "seconds": round(seconds, 2),
        "docs_per_s": round(len(paths) / seconds, 1),
        "cpu_seconds": round(cpu, 2),
        "cpu_ms_per_doc": round(1000 * cpu / len(paths), 2),
        "json_mb": round(out_bytes / 1e6, 1),
        "rss_mib_before": None if before is None else round(before, 1),
        "rss_mib_samples": samples,
        "rss_mib_after": None if after is None else round(after, 1),
        "workers_rss_mib_samples": children,
    }


def _flat(result: dict[str, Any], limit: float) -> tuple[bool, float] | None:
    samples = result["rss_mib_samples"]
    if len(samples) < 3:
        return None
    # From the sample after 1,000 results on: the pool and the parser's caches are warm.
    start = samples[min(1, len(samples) - 1)]
    growth = max(samples[1:]) - start
    return growth < limit, round(growth, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED_CORPUS / "real")
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunksizes", default="", help="comma-separated, e.g. 1,4,8,16,32")
    parser.add_argument("--flat-mib", type=float, default=20.0)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)

    newsparse = import_newsparse()
    report: dict[str, Any] = {"machine": machine_info()}
    with tempfile.TemporaryDirectory(prefix="newsparse-bench-") as tmp:
        print(f"synthesising {args.inputs} inputs from {args.corpus} ...", file=sys.stderr)
        paths = synthesise(args.corpus, Path(tmp), args.inputs)
        report["input_mb"] = round(sum(p.stat().st_size for p in paths) / 1e6, 1)
        print(f"  {report['input_mb']} MB", file=sys.stderr)

        print("serial ...", file=sys.stderr)
        serial = run(newsparse, paths, None)
        print(f"workers={args.workers} ...", file=sys.stderr)
        parallel = run(newsparse, paths, args.workers)
        report["serial"] = serial
        report["parallel"] = parallel
        report["speedup"] = round(serial["seconds"] / parallel["seconds"], 2)
        report["serial_flat"] = _flat(serial, args.flat_mib)
        report["parallel_flat"] = _flat(parallel, args.flat_mib)

        if args.chunksizes:
            subset = paths[:2000]
            report["chunksizes"] = []
            for size in (int(s) for s in args.chunksizes.split(",")):
                print(f"chunksize={size} ...", file=sys.stderr)
                r = run(newsparse, subset, args.workers, chunksize=size)
                keep = ("chunksize", "seconds", "docs_per_s", "cpu_ms_per_doc")
                report["chunksizes"].append({k: r[k] for k in keep})

    for name in ("serial", "parallel"):
        r = report[name]
        print(
            f"{name:>8} workers={r['workers']}: {r['inputs']} inputs ({r['ok']} ok, "
            f"{r['failed']} failed) in {r['seconds']} s = {r['docs_per_s']} docs/s, "
            f"{r['cpu_ms_per_doc']} CPU ms/doc; RSS MiB "
            f"before {r['rss_mib_before']}, samples {r['rss_mib_samples']}, "
            f"after {r['rss_mib_after']}"
        )
        if r["workers_rss_mib_samples"]:
            print(f"{'':>8} worker processes' RSS MiB samples {r['workers_rss_mib_samples']}")
    print(f"speedup workers={args.workers} / serial: {report['speedup']}x (wall clock)")
    print(
        f"CPU time workers={args.workers} / serial: "
        f"{round(parallel['cpu_seconds'] / serial['cpu_seconds'], 2)}x "
        f"(pool overhead; the wall-clock speedup is bounded by the idle CPUs)"
    )
    print(f"load average during the run: {os.getloadavg()}")
    for name in ("serial_flat", "parallel_flat"):
        verdict = report[name]
        if verdict is not None:
            flat, growth = verdict
            print(f"{name}: growth after warm-up {growth} MiB -> {'flat' if flat else 'NOT flat'}")
    for row in report.get("chunksizes", []):
        print(
            f"chunksize {row['chunksize']:>3}: {row['seconds']} s, {row['docs_per_s']} docs/s, "
            f"{row['cpu_ms_per_doc']} CPU ms/doc"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
