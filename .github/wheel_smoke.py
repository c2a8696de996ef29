"""Smoke test of a built wheel (run by cibuildwheel in a fresh environment).

The wheel must load its compiled accelerator with the lxml installed beside it, and parse
a document to the same result on both paths.
"""

import json
import os
import subprocess
import sys

import newsparse

DOC = (
    "<!--1715734743000-->\n[Harbour ferry returns](https://example.org/a)\n------\n"
    "<div><p>The harbour ferry is <a href='/x'>back</a> in service.</p>"
    "<p class='caption'>Repairs took <b>six</b> weeks.</p></div>\n"
)

assert newsparse.__accelerated__, "the wheel's compiled accelerator did not load"
compiled = json.dumps(newsparse.parse(DOC).to_dict(), sort_keys=True)
code = (
    "import json, sys, newsparse; "
    "print(json.dumps(newsparse.parse(sys.stdin.read()).to_dict(), sort_keys=True), end='')"
)
pure = subprocess.run(
    [sys.executable, "-c", code],
    input=DOC,
    env={**os.environ, "NEWSPARSE_PURE": "1"},
    capture_output=True,
    text=True,
    encoding="utf-8",
    check=True,
).stdout
assert compiled == pure, (compiled, pure)
print(f"newsparse {newsparse.__version__}: accelerated, same output on both paths")
