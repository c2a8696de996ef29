"""Compiled and pure-Python newsparse give byte-identical output on a whole corpus.

    python bench/parity.py [DIR ...]     # default: every file of ../shared/corpus

Runs two fresh processes over the same files, one as installed (with the compiled
accelerator when it is built) and one with ``NEWSPARSE_PURE=1``; each writes one line per
file, ``to_dict()`` as sorted-key JSON (or the error); the two outputs must be equal byte
for byte. Exits 0 when they are, 1 when a file differs (the first differences are
printed), and 0 with a note when the corpus is absent or the accelerator is not in use
(there is then only one path to compare).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from _common import SHARED_CORPUS

_CHILD = r"""
import json, sys
from pathlib import Path
import newsparse
out = sys.stdout
print(json.dumps({"accelerated": newsparse.__accelerated__}))
for name in sys.stdin.read().splitlines():
    try:
        data = newsparse.parse_file(Path(name)).to_dict()
    except newsparse.NewsparseError as exc:
        data = {"error": repr(exc)}
    out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
"""


def corpus_files(roots: list[Path]) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        if root.is_file():
            files.append(root)
        elif root.is_dir():
            files += (
                p
                for p in sorted(root.rglob("*"))
                if p.is_file() and p.suffix != ".json" and p.name != "MANIFEST.tsv"
            )
    return files


def run(files: list[Path], *, pure: bool) -> list[str]:
    env = {key: value for key, value in os.environ.items() if key != "NEWSPARSE_PURE"}
    if pure:
        env["NEWSPARSE_PURE"] = "1"
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input="\n".join(str(p) for p in files),
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return proc.stdout.splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="*", type=Path, help="files or folders")
    args = parser.parse_args(argv)
    roots = args.roots or [SHARED_CORPUS]
    files = corpus_files(roots)
    if not files:
        print(f"parity: no files under {', '.join(map(str, roots))}; skipped")
        return 0
    compiled, pure = run(files, pure=False), run(files, pure=True)
    if compiled[0] != '{"accelerated": true}':
        print(f"parity: the accelerator is not in use ({compiled[0]}); one path only, skipped")
        return 0
    assert pure[0] == '{"accelerated": false}', pure[0]
    differ = [f for f, a, b in zip(files, compiled[1:], pure[1:], strict=True) if a != b]
    if differ:
        print(f"parity: {len(differ)} of {len(files)} files differ, e.g.:")
        for path in differ[:10]:
            print(f"  {path}")
        return 1
    print(f"parity: {len(files)} files, compiled and pure output byte-identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
