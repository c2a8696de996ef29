"""Instructions of one warm pass of ``newsparse.parse`` (or of the lxml floor), counted by
callgrind: a measure that the load of a shared machine does not move.

    python bench/icount.py                    # compiled path, the first 300 real documents
    python bench/icount.py --pure             # the pure-Python path (NEWSPARSE_PURE=1)
    python bench/icount.py --floor            # lxml.html.fromstring of each HTML part
    python bench/icount.py --limit 1000 DIR   # other documents, more of them

The documents are read and parsed once (imports, caches and compiled regexes warm), then
parsed again inside ``functools.reduce``, and only that call is counted
(``--toggle-collect=functools_reduce``): the count holds neither the imports nor the
warm-up. Python's string hashing is fixed (``PYTHONHASHSEED=0``) so that two runs of the
same tree count the same. Compare two trees with the same options in the same minutes; a
count is repeatable to a few thousand instructions, but seconds per instruction differ
between code that interprets Python and code that parses HTML, so a change's effect in time
is measured with ``bench/speed.py``.

Needs valgrind (``valgrind --tool=callgrind``); about 50 times slower than the pass itself
(300 documents: about a minute).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import SHARED_CORPUS, iter_documents

_PROGRAM = r"""
import functools, sys
from pathlib import Path
sys.path.insert(0, {bench!r})
from _common import html_part, import_newsparse, read_text
newsparse = import_newsparse()
import lxml.html
paths = {paths!r}
texts = [read_text(Path(p)) for p in paths]
parts = [html_part(t) for t in texts]

def newsparse_pass():
    for text in texts:
        newsparse.parse(text)

def floor_pass():
    for part in parts:
        try:
            lxml.html.fromstring(part)
        except Exception:
            pass

run = floor_pass if {floor!r} else newsparse_pass
run()
functools.reduce(lambda _, __: run(), [0, 0])
"""


def count(paths: list[str], *, pure: bool, floor: bool) -> int:
    """The instructions callgrind counts in the measured pass over ``paths``."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.pop("NEWSPARSE_PURE", None)
    if pure:
        env["NEWSPARSE_PURE"] = "1"
    program = _PROGRAM.format(bench=str(Path(__file__).parent), paths=paths, floor=floor)
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "callgrind.out")
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--collect-atstart=no",
                "--toggle-collect=functools_reduce",
                f"--callgrind-out-file={out}",
                sys.executable,
                "-c",
                program,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not os.path.exists(out):
            raise SystemExit(f"callgrind failed ({done.returncode}):\n{done.stderr[-2000:]}")
        with open(out, encoding="utf-8") as lines:
            for line in lines:
                if line.startswith(("summary:", "totals:")):
                    return int(line.split()[1])
    raise SystemExit("callgrind wrote no total")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="*", help="default: the real corpus")
    parser.add_argument("--limit", type=int, default=300, help="the first N documents (300)")
    parser.add_argument("--pure", action="store_true", help="count the pure-Python path")
    parser.add_argument("--floor", action="store_true", help="count the lxml floor instead")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed")
    inputs = args.inputs or [str(SHARED_CORPUS / "real")]
    paths = [str(p) for p in iter_documents(inputs)][: max(args.limit, 1)]
    if not paths:
        parser.error(f"no documents in {' '.join(inputs)}")
    what = "floor" if args.floor else "newsparse-pure" if args.pure else "newsparse"
    total = count(paths, pure=args.pure, floor=args.floor)
    print(f"{what}: {total:,} instructions in one warm pass over {len(paths)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
