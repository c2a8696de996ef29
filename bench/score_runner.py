"""Print one JSON line per input file, for ``shared/tools/score.py DIR -- CMD ARGS``.

    python ../shared/tools/score.py ../shared/corpus/seeds -- python bench/score_runner.py

Each line is ``{"file": PATH, **newsparse.parse_file(PATH).to_dict()}``, or
``{"file": PATH, "error": "..."}`` when parsing failed. Output is ASCII JSON, so it reads
the same whatever the locale of the calling process.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from _common import import_newsparse


def main(argv: Sequence[str] | None = None) -> int:
    paths = list(sys.argv[1:] if argv is None else argv)
    if not paths or paths[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    newsparse = import_newsparse()
    failures = 0
    for path in paths:
        try:
            record = {"file": path, **newsparse.parse_file(path).to_dict()}
        except Exception as exc:  # one bad file must not stop the others
            failures += 1
            record = {"file": path, "error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
