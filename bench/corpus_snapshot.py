"""Snapshot ``to_dict()`` of every corpus file, and compare snapshots field by field.

    python bench/corpus_snapshot.py write OUT.jsonl [--corpus DIR]
    python bench/corpus_snapshot.py check BASELINE.jsonl [--corpus DIR] [--out OUT.jsonl]
    python bench/corpus_snapshot.py diff OLD.jsonl NEW.jsonl

``write`` parses every file of the corpus (default ``../shared/corpus``: seeds, dev-gold,
real, wide; JSON sidecars, ``MANIFEST.tsv`` and the corpus's own top-level ``.md`` notes are
not documents) with :func:`newsparse.parse_file` and writes one JSON object per line:
``to_dict()`` plus ``_file`` (the path inside the corpus), keys sorted, in path order; a
file that raises gives ``{"error": repr(exc), "_file": ...}``. ``check`` does the same in
memory and compares with a saved snapshot; ``diff`` compares two saved ones. Both print,
per file, the fields that differ, then a count, and exit with status 1 when anything
differs: a refactoring that must not change output is checked with
``check BASELINE.jsonl`` reporting zero differences.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _common import SHARED_CORPUS, import_newsparse


def corpus_files(root: Path) -> Iterator[Path]:
    """The documents of the corpus, in sorted path order."""
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name.endswith(".json") or path.name == "MANIFEST.tsv":
            continue
        if path.name.endswith(".md") and path.parent == root:
            continue  # the corpus's own notes
        yield path


def snapshot_lines(root: Path) -> Iterator[str]:
    """One sorted-key JSON line per document of ``root``."""
    newsparse = import_newsparse()
    for path in corpus_files(root):
        try:
            record: dict[str, Any] = newsparse.parse_file(path).to_dict()
        except Exception as exc:  # a snapshot records failures too
            record = {"error": repr(exc)}
        record["_file"] = str(path.relative_to(root))
        yield json.dumps(record, ensure_ascii=False, sort_keys=True)


def _load(lines: list[str]) -> dict[str, dict[str, Any]]:
    records = (json.loads(line) for line in lines if line.strip())
    return {record["_file"]: record for record in records}


def compare(old_lines: list[str], new_lines: list[str]) -> int:
    """Print the differences between two snapshots; return how many files differ."""
    old, new = _load(old_lines), _load(new_lines)
    differing = 0
    for name in sorted(old.keys() | new.keys()):
        if name not in new:
            print(f"{name}: only in the old snapshot")
        elif name not in old:
            print(f"{name}: only in the new snapshot")
        elif old[name] != new[name]:
            fields = sorted(
                key
                for key in old[name].keys() | new[name].keys()
                if old[name].get(key) != new[name].get(key)
            )
            print(f"{name}: {', '.join(fields)}")
        else:
            continue
        differing += 1
    print(f"{len(old)} old, {len(new)} new records; {differing} file(s) differ")
    if differing:
        return differing
    if old_lines != new_lines:
        print("the same records, but the files are not byte-identical (order or formatting)")
        return 1
    print("byte-identical")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("write", help="write a snapshot")
    write.add_argument("out", type=Path)
    check = commands.add_parser("check", help="snapshot in memory, compare with a saved one")
    check.add_argument("baseline", type=Path)
    check.add_argument("--out", type=Path, help="also write the new snapshot here")
    diff = commands.add_parser("diff", help="compare two saved snapshots")
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)
    for sub in (write, check):
        sub.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    args = parser.parse_args(argv)

    if args.command == "diff":
        old = args.old.read_text(encoding="utf-8").splitlines()
        new = args.new.read_text(encoding="utf-8").splitlines()
        return 1 if compare(old, new) else 0
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    lines = list(snapshot_lines(args.corpus))
    out = args.out
    if out is not None:
        out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    if args.command == "write":
        print(f"{len(lines)} records written to {out}")
        return 0
    baseline = args.baseline.read_text(encoding="utf-8").splitlines()
    return 1 if compare(baseline, lines) else 0


if __name__ == "__main__":
    sys.exit(main())
