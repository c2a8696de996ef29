"""Helpers shared by the benchmark scripts: finding inputs, importing newsparse, the machine.

The scripts run as ``python bench/NAME.py`` from a checkout, so this module is imported as a
top-level ``_common``. Nothing here is part of the library.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO_ROOT.parent / "shared" / "corpus"

#: File name endings the benchmarks read as documents when given a folder.
DOCUMENT_SUFFIXES = (".md", ".txt", ".html", ".htm", ".markdown")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_HEADER_COMMENT = re.compile(r"\A(?:[ \t]*\r?\n)*[ \t]*<!--[^\n]*?-->[ \t]*(?:\r?\n|\Z)")
_HEADER_LINK = re.compile(r"\A(?:[ \t]*\r?\n)*[ \t]*\[[^\n]*\]\([^\n]*\)[ \t]*(?:\r?\n|\Z)")
_HTML_ROOT = re.compile(r"<html[\s>]", re.I)
_HEADER_RULE = re.compile(r"\A(?:[ \t]*\r?\n)*[ \t]*-{3,}[ \t]*(?:\r?\n|\Z)")


def import_newsparse() -> ModuleType:
    """Import newsparse, falling back to the checkout's ``src/`` when it is not installed."""
    try:
        import newsparse
    except ImportError:
        src = str(REPO_ROOT / "src")
        if src not in sys.path:
            sys.path.insert(0, src)
        for name in [n for n in sys.modules if n == "newsparse" or n.startswith("newsparse.")]:
            del sys.modules[name]
        import newsparse
    return newsparse


def html_part(text: str) -> str:
    """Return the HTML body of a document, as a plain HTML tool would be handed it.

    Drops the YAML front matter, then the comment-header prelude (``<!--…-->`` line,
    ``[title](url)`` line, ``------`` rule) where present. A document with neither (plain
    text) is returned whole.
    """
    body = text[1:] if text.startswith("\ufeff") else text
    match = _FRONT_MATTER.match(body)
    if match:
        body = body[match.end() :]
    match = _HEADER_COMMENT.match(body)
    if match:
        body = body[match.end() :]
        for pattern in (_HEADER_LINK, _HEADER_RULE):
            match = pattern.match(body)
            if match:
                body = body[match.end() :]
    return body


def as_html_document(fragment: str) -> str:
    """Wrap an HTML fragment in ``<html><body>`` unless it is already a whole page.

    trafilatura rejects a fragment whose tree has a single top-level element ("wrong data
    type or not valid HTML"), which is most comment-header bodies; a wrapped fragment is
    what a user would hand it, so the comparisons use this.
    """
    if _HTML_ROOT.search(fragment, 0, 4096):
        return fragment
    return f"<html><body>{fragment}</body></html>"


def iter_documents(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Yield document files: files given directly, and documents inside given folders (sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.name.lower().endswith(DOCUMENT_SUFFIXES):
                    yield child
        elif path.is_file():
            yield path
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")


def read_text(path: Path) -> str:
    """Read a corpus file as UTF-8 (undecodable bytes replaced; the corpus is UTF-8)."""
    return path.read_bytes().decode("utf-8", errors="replace")


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float | None:
    """Current resident set size in MiB, when psutil is installed."""
    try:
        import psutil
    except ImportError:
        return None
    return float(psutil.Process().memory_info().rss) / (1024 * 1024)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / (1024 * 1024), 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def _version_of(module_name: str) -> str | None:
    try:
        module = __import__(module_name)
    except Exception:  # a broken optional dependency is reported as absent
        return None
    version = getattr(module, "__version__", None)
    if module_name == "lxml":
        from lxml import etree

        libxml2 = ".".join(map(str, etree.LIBXML_VERSION))
        return f"{version} (libxml2 {libxml2})"
    return None if version is None else str(version)


def machine_info() -> dict[str, Any]:
    """Describe the machine and the versions a benchmark ran with."""
    return {
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": _cpu_model(),
        "ram_gib": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "lxml": _version_of("lxml"),
        "newsparse": _version_of("newsparse"),
        "trafilatura": _version_of("trafilatura"),
    }


def machine_markdown(info: dict[str, Any]) -> str:
    """Render :func:`machine_info` as a short Markdown list."""
    labels = {
        "nproc": "CPUs (nproc)",
        "cpu": "CPU model",
        "ram_gib": "RAM (GiB)",
        "os": "OS",
        "python": "Python",
        "lxml": "lxml",
        "newsparse": "newsparse",
        "trafilatura": "trafilatura",
    }
    return "\n".join(f"- {label}: {info.get(key)}" for key, label in labels.items())
