"""Score newsparse (and optionally trafilatura) against folders of gold cases.

    python bench/accuracy.py DIR [DIR ...] [--trafilatura] [--json] [--worst N] [--crosscheck]

A case is ``NAME.txt`` beside ``NAME.expected.json`` (or ``NAME.json``), e.g.
``../shared/corpus/seeds`` and ``../shared/corpus/dev-gold``. The metrics are those of
``shared/tools/score.py`` (see ``_metrics.py``), computed in this process through the public
API (``newsparse.parse_file``). ``--trafilatura`` adds trafilatura's ``bare_extraction`` on
the HTML part of the same files (wrapped in ``<html><body>``), side by side.
``--crosscheck`` also scores every case with ``score.py``'s own functions, when that file is
found, and reports any disagreement.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from _common import SHARED_CORPUS, as_html_document, html_part, import_newsparse, read_text
from _metrics import METRICS, load_cases, score_case, summarise

Prediction = dict[str, Any]
Extractor = Callable[[str], Prediction]

_SHORT_NAMES = {
    "img_recall": "img_r",
    "img_precision": "img_p",
    "tz_aware": "tz",
}


def newsparse_extractor() -> Extractor:
    """Predictions of the public API, as ``bench/score_runner.py`` prints them."""
    try:
        newsparse = import_newsparse()
    except Exception as exc:  # e.g. a half-written parser: every case counts as a crash
        message = f"newsparse cannot be imported: {type(exc).__name__}: {exc}"
        print(f"note: {message}", file=sys.stderr)
        return lambda path: {"file": path, "error": message}

    def extract(path: str) -> Prediction:
        try:
            article = newsparse.parse_file(path)
        except Exception as exc:  # the contract allows only NewsparseError; report anything
            return {"file": path, "error": f"{type(exc).__name__}: {exc}"}
        return {"file": path, **article.to_dict()}

    return extract


def trafilatura_extractor() -> Extractor | None:
    """trafilatura on the HTML part of each file, mapped onto Article fields; None if absent."""
    try:
        from trafilatura import bare_extraction
    except Exception as exc:  # ImportError, or a broken install (e.g. lxml.html.clean missing)
        print(f"note: trafilatura unavailable ({type(exc).__name__}: {exc})", file=sys.stderr)
        return None
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

    def extract(path: str) -> Prediction:
        html = as_html_document(html_part(read_text(Path(path))))
        try:
            result = bare_extraction(html, with_metadata=True, include_images=True)
        except Exception as exc:
            return {"file": path, "error": f"{type(exc).__name__}: {exc}"}
        return {"file": path, **_from_trafilatura(result)}

    return extract


def _from_trafilatura(result: Any) -> Prediction:
    """Map a trafilatura result (Document in 2.x, dict in 1.x, None when empty) to our fields."""
    if result is None:
        return {"format": None, "title": None, "paragraphs": [], "images": []}
    fields: Mapping[str, Any] = result if isinstance(result, Mapping) else result.as_dict()
    text = fields.get("text") or ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    date = fields.get("date")
    # trafilatura reports a calendar day (YYYY-MM-DD); read it as midnight UTC.
    published = f"{date}T00:00:00+00:00" if date and len(str(date)) == 10 else date
    images = []
    body = fields.get("body")
    if body is not None and hasattr(body, "iter"):
        images = [
            {"url": graphic.get("src"), "caption": graphic.get("title") or None}
            for graphic in body.iter("graphic")
            if graphic.get("src")
        ]
    return {
        "format": None,  # trafilatura has no notion of the file format
        "title": fields.get("title"),
        "url": fields.get("url"),
        "published": published,
        "author": fields.get("author"),
        "byline": None,
        "paragraphs": paragraphs,
        "images": images,
    }


def _load_reference_scorer(
    path: Path,
) -> Callable[[Mapping[str, Any], Mapping[str, Any]], Any] | None:
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("_reference_score", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scorer: Callable[[Mapping[str, Any], Mapping[str, Any]], Any] = module.score_case
    return scorer


def _markdown_table(
    title: str, summaries: Mapping[str, Mapping[str, Mapping[str, float]]]
) -> list[str]:
    header = ["extractor", "format", "n", *[_SHORT_NAMES.get(m, m) for m in METRICS]]
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join(["---", "---", "--:"] + ["--:"] * len(METRICS)) + "|")
    for extractor, summary in summaries.items():
        for fmt, means in summary.items():
            cells = [extractor, f"**{fmt}**" if fmt == "ALL" else fmt, str(int(means["n"]))]
            cells += [f"{means[m]:.3f}" for m in METRICS]
            lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _worst(
    rows: Sequence[tuple[str, Mapping[str, Any], Mapping[str, float]]], count: int
) -> list[str]:
    lines = []
    ranked = sorted(rows, key=lambda row: row[2]["body_f1"])[:count]
    for source, gold, scores in ranked:
        missed = [m for m in ("format", "title", "url", "date24h", "author") if not scores[m]]
        if scores["crash"]:
            missed.insert(0, "crash")
        lines.append(
            f"- `{os.path.basename(source)}` f1={scores['body_f1']:.3f} "
            f"p={scores['body_p']:.3f} r={scores['body_r']:.3f} para={scores['para_f1']:.3f}"
            f" {','.join(missed) or '-'} ({str(gold.get('origin', ''))[:60]})"
        )
    misses = {
        m: sum(1 for _, _, s in rows if not s[m])
        for m in ("format", "title", "url", "date24h", "author")
    }
    lines.append(f"- field misses: {json.dumps({k: v for k, v in misses.items() if v})}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("dirs", nargs="*", type=Path, help="folders of gold cases")
    parser.add_argument("--trafilatura", action="store_true", help="also score trafilatura")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON summary line per folder and extractor"
    )
    parser.add_argument("--worst", type=int, default=5, help="list the N worst cases by body F1")
    parser.add_argument(
        "--crosscheck",
        nargs="?",
        const=SHARED_CORPUS.parent / "tools" / "score.py",
        type=Path,
        metavar="SCORE_PY",
        help="also score with score.py's functions and report disagreements",
    )
    args = parser.parse_args(argv)
    dirs: list[Path] = args.dirs or [SHARED_CORPUS / "seeds", SHARED_CORPUS / "dev-gold"]

    extractors: dict[str, Extractor] = {"newsparse": newsparse_extractor()}
    if args.trafilatura:
        traf = trafilatura_extractor()
        if traf is not None:
            extractors["trafilatura"] = traf
    reference = _load_reference_scorer(args.crosscheck) if args.crosscheck else None
    if args.crosscheck and reference is None:
        print(f"note: --crosscheck: {args.crosscheck} not found; skipped", file=sys.stderr)

    json_lines: list[str] = []
    disagreements = 0
    for folder in dirs:
        cases = load_cases(folder)
        if not cases:
            print(f"note: no gold cases in {folder}", file=sys.stderr)
            continue
        summaries: dict[str, dict[str, dict[str, float]]] = {}
        worst: dict[str, list[str]] = {}
        for name, extract in extractors.items():
            rows = []
            for source, gold in cases:
                prediction = extract(source)
                scores = score_case(gold, prediction)
                if reference is not None:
                    theirs = {m: float(v) for m, v in reference(gold, prediction).items()}
                    if any(abs(theirs[m] - scores[m]) > 1e-12 for m in METRICS):
                        disagreements += 1
                        print(f"crosscheck: {name} {source}: {theirs} != {scores}", file=sys.stderr)
                rows.append((source, gold, scores))
            summaries[name] = summarise([(gold["format"], scores) for _, gold, scores in rows])
            worst[name] = _worst(rows, args.worst)
            overall = {m: round(v, 4) for m, v in summaries[name]["ALL"].items()}
            per_format = {
                fmt: {m: round(v, 4) for m, v in means.items()}
                for fmt, means in summaries[name].items()
                if fmt != "ALL"
            }
            json_lines.append(
                json.dumps(
                    {"dir": str(folder), "extractor": name, **overall, "per_format": per_format},
                    ensure_ascii=False,
                )
            )
        print("\n".join(_markdown_table(f"{folder.name} ({len(cases)} cases)", summaries)))
        if args.worst > 0:
            for name, lines in worst.items():
                print(f"worst body F1, {name}:")
                print("\n".join(lines))
                print()
    if reference is not None:
        print(f"crosscheck against score.py: {disagreements} disagreement(s)")
    if args.json:
        print("\n".join(json_lines))
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
