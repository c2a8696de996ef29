"""The built wheel installs alone into a fresh environment and works (``bench/check_wheel.sh``)."""

from __future__ import annotations

import fnmatch
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "check_wheel.sh"


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_wheel_installs_alone_and_works() -> None:
    """Build sdist and wheel, twine-check them, install the wheel in a new venv, parse a file."""
    if not SCRIPT.exists() or not (ROOT / "pyproject.toml").exists():
        pytest.skip("not a source checkout")
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    missing = [m for m in ("build", "twine") if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} installed")
    proc = subprocess.run(
        ["bash", str(SCRIPT)],
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=880,
        check=False,
    )
    assert proc.returncode == 0, f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    assert "ok: the wheel installs alone and works" in proc.stdout


def _sdist_covers(manifest: str, path: str) -> bool:
    """Whether MANIFEST.in's ``graft``/``include``/``prune`` lines put ``path`` in the sdist."""
    covered = False
    for line in manifest.splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        command, args = words[0], words[1:]
        below = any(path.startswith(a.rstrip("/") + "/") for a in args)
        if command in {"graft", "prune"} and below:
            covered = command == "graft"
        elif command == "include" and any(fnmatch.fnmatch(path, a) for a in args):
            covered = True
    return covered


def test_the_sdist_ships_the_bench_scripts_the_docs_name() -> None:
    """Every ``bench/*.py``/``.sh`` that README or docs tell users to run exists and is in the
    sdist (``MANIFEST.in``; the full check of a built sdist is in ``bench/check_wheel.sh``)."""
    if not (ROOT / "MANIFEST.in").exists():
        pytest.skip("not a source checkout")
    manifest = (ROOT / "MANIFEST.in").read_text("utf-8")
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    named = {
        m
        for page in pages
        for m in re.findall(r"bench/[\w.-]+\.(?:py|sh)", page.read_text("utf-8"))
    }
    assert named, "the docs name no bench script"
    for script in sorted(named):
        assert (ROOT / script).is_file(), script
        assert _sdist_covers(manifest, script), script
    assert not _sdist_covers("graft bench\nprune bench", "bench/speed.py")


def test_readme_opens_with_the_two_commands_ci_runs() -> None:
    """README's first two shell blocks are the fresh-machine commands (install and run on the
    examples; install the test dependencies and run the suite), and ``.ci/run`` runs both."""
    readme = ROOT / "README.md"
    ci = ROOT / ".ci" / "run"
    if not (readme.exists() and ci.exists()):
        pytest.skip("not a source checkout")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme.read_text("utf-8"), re.DOTALL)
    assert len(blocks) >= 2, "README has fewer than two shell blocks"
    main, tests = blocks[0], blocks[1]
    for command in (main, tests):
        assert "\n" not in command, command  # one line: copy, paste, done
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install ")
    assert "newsparse parse examples/" in main
    assert tests.endswith("&& python -m pytest")
    script = ci.read_text("utf-8")
    # CI runs the same installs and commands (quieter: -q added to pip and pytest).
    assert "pip install -q -e '.[test,dask]' && python -m pytest -q" in script
    assert "newsparse parse examples/" in script
    assert "newsparse show examples/jekyll-post.md" in script
