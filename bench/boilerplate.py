"""Archive mode: what learnt boilerplate removes from the corpus, and what learning costs.

    python bench/boilerplate.py precision [--corpus real wide] [--sample 30] [--seed 16]
                                          [--threshold KEY=VALUE ...] [--json OUT]
    python bench/boilerplate.py gold [--threshold KEY=VALUE ...]
    python bench/boilerplate.py memory [--inputs 10000] [--workers 2] [--json OUT]

precision  For each corpus folder (``../shared/corpus/NAME``): learn a model on it, apply it
           to every file of it, and print per outlet the files, the files touched and the
           blocks removed, then ``--sample`` removed blocks drawn at random (seeded) for a
           person to read and judge.
gold       Learn on real + wide + dev-gold + seeds, apply to dev-gold and seeds, and list
           every removed block that the file's ``expected.json`` keeps as a paragraph or a
           caption (the goal is none).
memory     Synthesise ``--inputs`` distinct articles from the real corpus (each copy gets its
           own title, URL and a unique last paragraph, so every copy adds new
           candidates: the worst case for memory), learn a model over them while sampling
           this process's resident set size every 500 articles, and report the growth.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from _common import SHARED_CORPUS, current_rss_mb, import_newsparse, machine_info

newsparse = import_newsparse()
from newsparse.boilerplate import Learner, Thresholds, outlet_of  # noqa: E402

SAMPLE_EVERY = 500


def _thresholds(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        out[key] = json.loads(value)
    return out


def _files(name: str) -> list[Path]:
    folder = SHARED_CORPUS / name
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt") and p.stem != "README")


def _parse_all(paths: list[Path]) -> list[Any]:
    return [r.article for r in newsparse.parse_many(paths) if r.article is not None]


def _removed(article: Any) -> list[str]:
    return [w.message for w in article.warnings if w.code == "boilerplate"]


def precision(args: argparse.Namespace) -> dict[str, Any]:
    thresholds = Thresholds(**_thresholds(args.threshold))
    report: dict[str, Any] = {"thresholds": thresholds.to_dict(), "corpora": {}}
    pool: list[tuple[str, str, str]] = []
    for name in args.corpus:
        articles = _parse_all(_files(name))
        learner = Learner(thresholds)
        for article in articles:
            learner.add(article)
        model = learner.model()
        per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for article in articles:
            outlet = outlet_of(article) or "(none)"
            gone = _removed(model.apply(article))
            per[outlet][0] += 1
            per[outlet][1] += bool(gone)
            per[outlet][2] += len(gone)
            pool.extend((name, outlet, f"{Path(article.source).name}: {m}") for m in gone)
        touched = {o: v for o, v in per.items() if v[2]}
        report["corpora"][name] = {
            "files": len(articles),
            "outlets": len(per),
            "templates": len(model.templates),
            "blocks_removed": sum(v[2] for v in per.values()),
            "files_touched": sum(v[1] for v in per.values()),
            "per_outlet": {
                o: {"files": v[0], "touched": v[1], "blocks": v[2]} for o, v in touched.items()
            },
        }
        print(
            f"== {name}: {len(articles)} files, {len(per)} outlets, {len(model.templates)} templates"
        )
        for outlet, (files, hit, blocks) in sorted(touched.items(), key=lambda kv: -kv[1][2]):
            print(f"   {outlet:<24} files {files:>4}  touched {hit:>4}  blocks removed {blocks:>4}")
    rng = random.Random(args.seed)
    sample = rng.sample(pool, min(args.sample, len(pool)))
    print(
        f"\n== {len(sample)} of {len(pool)} removed blocks, from "
        f"{len({o for _, o, _ in sample})} outlets, to read:"
    )
    for name, outlet, message in sorted(sample):
        print(f"   [{name}/{outlet}] {message[:220]}")
    report["sample"] = sample
    return report


def gold(args: argparse.Namespace) -> dict[str, Any]:
    thresholds = Thresholds(**_thresholds(args.threshold))
    learner = Learner(thresholds)
    checked: list[Any] = []
    for name in ("real", "wide", "dev-gold", "seeds"):
        for article in _parse_all(_files(name)):
            learner.add(article)
            if name in ("dev-gold", "seeds"):
                checked.append(article)
    model = learner.model()
    norm = " ".join
    removed = disagreements = 0
    for article in checked:
        expected = json.loads(Path(article.source).with_suffix(".expected.json").read_text("utf-8"))
        kept = {norm(p.split()) for p in expected["paragraphs"]}
        kept |= {norm((i.get("caption") or "").split()) for i in expected.get("images") or ()}
        cleaned = model.apply(article)
        gone = [p for p in article.paragraphs if p not in cleaned.paragraphs]
        gone += [
            a.caption
            for a, b in zip(article.images, cleaned.images, strict=True)
            if a.caption and a.caption != b.caption
        ]
        removed += len(gone)
        for text in gone:
            if norm(text.split()) in kept:
                disagreements += 1
                print(f"   kept by {Path(article.source).name}'s expected.json: {text!r}")
    print(
        f"gold: {len(checked)} files, {removed} blocks removed, {disagreements} of them "
        "kept by expected.json"
    )
    return {"files": len(checked), "removed": removed, "kept_by_expected": disagreements}


def _letters(n: int) -> str:
    """``n`` written in letters (numbers would be masked into one template)."""
    out = ""
    while True:
        n, digit = divmod(n, 26)
        out += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not n:
            return out


def _synthesise(target: Path, count: int) -> list[Path]:
    sources = _files("real")
    texts = [p.read_text("utf-8", errors="replace") for p in sources]
    out = []
    for n in range(count):
        text = texts[n % len(texts)]
        text = re.sub(r"(?m)^title:(.*)$", rf"title:\1 ({n})", text, count=1)
        text = re.sub(r"(?m)^from: (\S+)", rf"from: \1#copy-{n}", text, count=1)
        text = re.sub(r"(?m)^\[(.*)\]\((\S+?)\)$", rf"[\1 ({n})](\2#copy-{n})", text, count=1)
        text = text.rstrip("\n") + f"\n<p>Synthetic closing line {_letters(n)} of this copy.</p>\n"
        path = target / f"{n:05d}.md"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def memory(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="newsparse-bp-") as tmp:
        paths = _synthesise(Path(tmp), args.inputs)
        learner = Learner()
        before = current_rss_mb()
        samples: list[float] = []
        start = time.perf_counter()
        for n, result in enumerate(newsparse.parse_many(paths, workers=args.workers), 1):
            if result.article is not None:
                learner.add(result.article)
            if n % SAMPLE_EVERY == 0:
                samples.append(round(current_rss_mb() or 0.0, 1))
        model = learner.model()
        seconds = time.perf_counter() - start
        after = current_rss_mb()
        size = len(model.to_json())
    growth = None if before is None or after is None else round(max([after, *samples]) - before, 1)
    counts = Counter(len(o.candidates) for o in model.outlets)
    report = {
        "inputs": args.inputs,
        "workers": args.workers,
        "seconds": round(seconds, 1),
        "rss_mib_before": None if before is None else round(before, 1),
        "rss_mib_samples": samples,
        "rss_mib_after": None if after is None else round(after, 1),
        "rss_mib_growth": growth,
        "outlets": len(model.outlets),
        "candidates": sum(len(o.candidates) for o in model.outlets),
        "templates": len(model.templates),
        "json_bytes": size,
        "machine": machine_info(),
    }
    print(
        f"learnt over {args.inputs} files in {seconds:.1f} s ({args.workers} workers): "
        f"RSS {report['rss_mib_before']} -> peak growth {growth} MiB; samples {samples}"
    )
    print(
        f"{report['outlets']} outlets, {report['candidates']} candidates, "
        f"{report['templates']} templates, JSON {size / 1e6:.1f} MB; {dict(counts)}"
    )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("precision")
    p.add_argument("--corpus", nargs="+", default=["real", "wide"])
    p.add_argument("--sample", type=int, default=30)
    p.add_argument("--seed", type=int, default=16)
    p.add_argument("--threshold", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--json")
    g = sub.add_parser("gold")
    g.add_argument("--threshold", action="append", default=[], metavar="KEY=VALUE")
    g.add_argument("--json")
    m = sub.add_parser("memory")
    m.add_argument("--inputs", type=int, default=10_000)
    m.add_argument("--workers", type=int, default=2)
    m.add_argument("--json")
    args = parser.parse_args(argv)
    if not SHARED_CORPUS.is_dir():
        print(f"{SHARED_CORPUS} is absent", file=sys.stderr)
        return 2
    report = {"precision": precision, "gold": gold, "memory": memory}[args.command](args)
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
