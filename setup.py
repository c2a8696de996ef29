"""Build newsparse with its optional compiled accelerator, ``newsparse._ctree``.

Everything else about the package is declared in pyproject.toml. The extension is
optional: when Cython, lxml's headers or a C compiler is missing, or compiling fails,
the build goes on without it and the package runs its pure-Python path
(``newsparse.__accelerated__`` is then False).

Environment:

- ``NEWSPARSE_NO_EXTENSION=1``: do not even try to build the extension.
- ``NEWSPARSE_REQUIRE_EXTENSION=1``: fail the build when the extension does not build
  (the release wheels set it, so that no wheel ships without it by accident).
"""

from __future__ import annotations

import os
import sys
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

REQUIRE = os.environ.get("NEWSPARSE_REQUIRE_EXTENSION") == "1"
SKIP = os.environ.get("NEWSPARSE_NO_EXTENSION") == "1"


def _warn(message: str) -> None:
    print(f"newsparse: {message}; installing the pure-Python package", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """``build_ext`` for which a failure is a warning (unless the extension is required)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler, a compiler error, missing headers
            if REQUIRE:
                raise
            _warn(f"the compiled accelerator was not built ({exc})")

    def build_extension(self, ext: Any) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:
            if REQUIRE:
                raise
            _warn(f"{ext.name} was not built ({exc})")


def _extensions() -> list[Any]:
    if SKIP:
        return []
    try:
        import lxml
        from Cython.Build import cythonize
    except ImportError as exc:
        if REQUIRE:
            raise
        _warn(f"cannot compile the accelerator without {exc.name}")
        return []
    from setuptools import Extension

    ext = Extension(
        "newsparse._ctree",
        ["src/newsparse/_ctree.pyx"],
        include_dirs=lxml.get_include(),
    )
    try:
        return list(cythonize([ext], compiler_directives={"language_level": "3"}, quiet=True))
    except Exception as exc:  # Cython could not translate it (e.g. lxml's .pxd changed)
        if REQUIRE:
            raise
        _warn(f"Cython failed ({exc})")
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
