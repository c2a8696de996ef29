"""Sphinx configuration for the newsparse documentation.

Build (warnings are errors):

    python -m sphinx -W --keep-going -b html docs docs/_build/html
    python -m sphinx -W --keep-going -b doctest docs docs/_build/doctest
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.ext import intersphinx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# Document the checkout, not whatever newsparse happens to be installed.
sys.path.insert(0, str(ROOT / "src"))

import newsparse  # noqa: E402 - needs the path above

# -- Project -------------------------------------------------------------------

project = "newsparse"
author = "The newsparse developers"
copyright = "2026, The newsparse developers"
release = newsparse.__version__
version = ".".join(release.split(".")[:2])

# -- General -------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_inventories", "Thumbs.db", ".DS_Store"]
language = "en"

# Every cross-reference must resolve. Nothing needs ignoring today: add a
# ("py:class", "name") pair here only for a third-party name that no inventory
# publishes, with a comment saying why.
nitpicky = True
nitpick_ignore: list[tuple[str, str]] = [
    # LineRule.pattern is an re.Pattern; the Python inventory (3.11, see below) lists
    # that class's attributes but not the class itself.
    ("py:class", "re.Pattern"),
]

# -- MyST ----------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# -- autodoc / napoleon --------------------------------------------------------

autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}
autoclass_content = "class"

napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_attr_annotations = True

# -- intersphinx ---------------------------------------------------------------
#
# The web inventory is tried first; when it cannot be reached (offline builds, CI
# machines without internet) Sphinx falls back to the copy in docs/_inventories/
# without a warning. Those copies come from Debian's python3.11-doc (3.11.2) and
# python-attr-doc (22.2.0) packages; refresh them when a referenced name goes missing.

intersphinx_mapping = {
    "python": ("https://docs.python.org/3", (None, "_inventories/python.inv")),
    "attrs": ("https://www.attrs.org/en/stable", (None, "_inventories/attrs.inv")),
}
intersphinx_timeout = 5

# Type hints name a class by the module that defines it, which is not always where its
# documentation lives: ``concurrent.futures.Executor`` is defined in
# ``concurrent.futures._base``. Map such private paths to their public ones.
PUBLIC_PATHS = {"concurrent.futures._base.": "concurrent.futures."}


def _resolve_private_path(app, env, node, contnode):
    target = node.get("reftarget", "")
    for private, public in PUBLIC_PATHS.items():
        if target.startswith(private):
            node["reftarget"] = public + target[len(private) :]
            return intersphinx.missing_reference(app, env, node, contnode)
    return None


def _drop_builtin_type_docstring(app, what, name, obj, options, lines):
    # autodata of a plain value (``__version__``) would show the docstring of its type,
    # ``str``; the directive's own content describes it instead.
    type_doc = (type(obj).__doc__ or "").strip()
    if what == "data" and type_doc and lines and lines[0].strip() == type_doc.splitlines()[0]:
        lines.clear()


def setup(app):
    app.connect("missing-reference", _resolve_private_path)
    app.connect("autodoc-process-docstring", _drop_builtin_type_docstring)


# -- doctest -------------------------------------------------------------------

doctest_global_setup = """
import newsparse
"""
# ``>>>`` paragraphs in docstrings and pages are tested as well as {doctest} blocks.
doctest_test_doctest_blocks = "default"

# -- HTML ----------------------------------------------------------------------

html_theme = "furo"
html_title = f"newsparse {release}"
html_static_path: list[str] = []
html_theme_options = {
    "source_repository": "https://github.com/newsparse/newsparse",
    "source_branch": "main",
    "source_directory": "docs/",
}
