#!/usr/bin/env bash
# Check the package as a user gets it from PyPI:
#   1. build the sdist and, from it, the wheel (python -m build);
#   2. twine check --strict: metadata complete, README renders on PyPI;
#   3. the wheel ships py.typed and no tests;
#   4. install the wheel alone into a fresh venv (dependencies come from PyPI);
#   5. parse a small document with the installed package, from outside the checkout,
#      through the library and through the `newsparse` command, and check that it runs
#      the compiled accelerator (`newsparse.__accelerated__`) when this machine has a C
#      compiler (set NEWSPARSE_EXPECT_ACCELERATED=0 or 1 to say it instead);
#   6. build a wheel from the sdist with no working C compiler (CC=false): it must build,
#      install and work on the pure-Python path.
# Usage: bash bench/check_wheel.sh [--keep]   (--keep leaves the work directory behind)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/newsparse-wheel.XXXXXX")
if [ "${1:-}" = "--keep" ]; then
  echo "work directory: $work"
else
  trap 'rm -rf "$work"' EXIT
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
unset NEWSPARSE_PURE NEWSPARSE_NO_EXTENSION
if [ -z "${NEWSPARSE_EXPECT_ACCELERATED:-}" ]; then
  if command -v "${CC:-cc}" >/dev/null 2>&1; then
    NEWSPARSE_EXPECT_ACCELERATED=1
  else
    NEWSPARSE_EXPECT_ACCELERATED=0
  fi
fi
export NEWSPARSE_EXPECT_ACCELERATED

step() { printf '\n== %s\n' "$*"; }

step "build sdist and wheel"
"$python" -m build --outdir "$work/dist" "$root" >"$work/build.log" 2>&1 || {
  cat "$work/build.log"
  exit 1
}
ls -l "$work/dist"
wheel=$(ls "$work"/dist/newsparse-*.whl)
sdist=$(ls "$work"/dist/newsparse-*.tar.gz)

step "twine check"
"$python" -m twine check --strict "$wheel" "$sdist"

step "wheel contents"
"$python" - "$wheel" <<'PY'
import os
import sys
import zipfile

names = zipfile.ZipFile(sys.argv[1]).namelist()
problems = []
compiled = [n for n in names if n.startswith("newsparse/_ctree.") and n.endswith((".so", ".pyd"))]
if os.environ["NEWSPARSE_EXPECT_ACCELERATED"] == "1" and not compiled:
    problems.append("the compiled accelerator newsparse/_ctree.*.so is missing")
sources = [n for n in names if n.endswith((".pyx", ".pxi", ".c"))]
if sources:
    problems.append(f"build sources in the wheel: {sources}")
if "newsparse/py.typed" not in names:
    problems.append("newsparse/py.typed is missing")
if "newsparse/__init__.py" not in names:
    problems.append("newsparse/__init__.py is missing")
stray = sorted(n for n in names if n.split("/")[0] not in {"newsparse"} and ".dist-info/" not in n)
if stray:
    problems.append(f"files outside the package: {stray}")
metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
text = zipfile.ZipFile(sys.argv[1]).read(metadata).decode()
for field in ("Requires-Python:", "Requires-Dist: attrs", "Classifier: Typing :: Typed", "Project-URL:"):
    if field not in text:
        problems.append(f"METADATA lacks {field!r}")
entry_points = next((n for n in names if n.endswith(".dist-info/entry_points.txt")), None)
if entry_points is None or "newsparse = newsparse.cli:main" not in zipfile.ZipFile(sys.argv[1]).read(entry_points).decode():
    problems.append("the newsparse console script is not declared")
if problems:
    sys.exit("wheel check failed:\n  " + "\n  ".join(problems))
print(f"{len(names)} files, py.typed present, metadata complete, compiled: {compiled or 'none'}")
PY

step "sdist contents: the benchmark scripts the docs tell users to run"
"$python" - "$sdist" "$root" <<'PY'
import re
import sys
import tarfile
from pathlib import Path

names = {n.split("/", 1)[1] for n in tarfile.open(sys.argv[1]).getnames() if "/" in n}
root = Path(sys.argv[2])
pages = [root / "README.md", *sorted((root / "docs").glob("*.md")), root / "bench" / "README.md"]
named = {m for page in pages for m in re.findall(r"bench/[\w.-]+\.(?:py|sh)", page.read_text("utf-8"))}
missing = sorted(n for n in named if n not in names)
if missing:
    sys.exit(f"the sdist lacks scripts the docs name: {missing}")
print(f"the sdist ships the {len(named)} bench scripts the docs name")
PY

step "install the wheel into a fresh venv"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$wheel"

step "use the installed package"
mkdir "$work/run"
cd "$work/run"
cat >example.md <<'DOC'
---
layout: post
title: "Harbour ferry returns after repairs"
date: 2025-03-02T06:15:00Z
author: Example Evening Post
categories: [Example Evening Post]
---
<p>The harbour ferry is back in service.</p>
<p>Repairs to the hull took six weeks.</p>
DOC
"$work/venv/bin/python" - "$work/venv" <<'PY'
import sys
from pathlib import Path

import newsparse

location = Path(newsparse.__file__).resolve()
assert Path(sys.argv[1]).resolve() in location.parents, f"imported from {location}, not the venv"
assert (location.parent / "py.typed").is_file(), "py.typed is not installed"
article = newsparse.parse_file("example.md")
assert article.format is newsparse.Format.JEKYLL, article.format
assert article.title == "Harbour ferry returns after repairs", article.title
assert article.paragraphs == (
    "The harbour ferry is back in service.",
    "Repairs to the hull took six weeks.",
), article.paragraphs
assert article.published is not None and article.published.tzinfo is not None
print(f"newsparse {newsparse.__version__} from {location.parent}: parsed {article.title!r}")
import os

expected = os.environ["NEWSPARSE_EXPECT_ACCELERATED"] == "1"
assert newsparse.__accelerated__ is expected, (
    f"newsparse.__accelerated__ is {newsparse.__accelerated__}, expected {expected}"
)
print(f"accelerated: {newsparse.__accelerated__}")
PY
"$work/venv/bin/newsparse" --version
"$work/venv/bin/newsparse" parse example.md >out.jsonl
"$work/venv/bin/python" -c "
import json
record = json.loads(open('out.jsonl', encoding='utf-8').readline())
assert record['title'] == 'Harbour ferry returns after repairs', record
print('newsparse parse wrote', sorted(record)[:5], '...')
"

step "build from the sdist without a C compiler (CC=false): the pure package"
CC=false "$python" -m pip wheel --quiet --no-deps --wheel-dir "$work/pure" "$sdist" \
  >"$work/pure.log" 2>&1 || {
  cat "$work/pure.log"
  exit 1
}
pure_wheel=$(ls "$work"/pure/newsparse-*.whl)
"$work/venv/bin/python" -m pip install --quiet --force-reinstall --no-deps "$pure_wheel"
"$work/venv/bin/python" - <<'PY'
import newsparse

assert newsparse.__accelerated__ is False, "a wheel built without a compiler claims the accelerator"
article = newsparse.parse_file("example.md")
assert article.title == "Harbour ferry returns after repairs", article.title
print(f"pure wheel: accelerated {newsparse.__accelerated__}, parsed {article.title!r}")
PY

step "ok: the wheel installs alone and works"
