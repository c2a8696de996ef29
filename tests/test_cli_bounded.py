"""The command line reads every path and standard input through the bounded reader.

Each case runs ``python -m newsparse`` in a child process with a timeout and a cap on its
address space: a command that blocks on a named pipe or reads ``/dev/zero`` without end
fails the test (timeout, or a MemoryError) instead of hanging it or filling the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from newsparse._limits import MAX_CONFIG, MAX_INPUT

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")

TIMEOUT = 60.0
"""Seconds a command may take; the right answer takes well under one."""
ADDRESS_SPACE = 3 * 1024 * 1024 * 1024
"""Address space a command may map: reading /dev/zero without end fails long before."""

DOC = "<!--1715734743000-->\n[A ferry story](https://news.example.org/ferry.html)\n------\n<p>Text.</p>\n"


def _cap_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def newsparse(*args: str, stdin: IO[bytes] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "newsparse", *args],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        preexec_fn=_cap_memory if sys.platform != "win32" else None,
        check=False,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    return path


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "doc.md"
    path.write_text(DOC, encoding="utf-8")
    return path


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


@posix_only
def test_detect_refuses_a_named_pipe(fifo: Path) -> None:
    run = newsparse("detect", str(fifo))
    assert run.returncode == 1
    assert f"{fifo}: is a named pipe (FIFO), not a file" in run.stderr
    assert run.stdout == ""


@needs_dev_zero
def test_detect_refuses_a_device() -> None:
    run = newsparse("detect", "/dev/zero")
    assert run.returncode == 1
    assert "/dev/zero: is a character device, not a file" in run.stderr


def test_detect_refuses_a_sparse_file_over_the_limit_from_its_size(tmp_path: Path) -> None:
    big = sparse(tmp_path / "big.md", 2 * 1024 * 1024 * 1024)
    run = newsparse("detect", str(big))
    assert run.returncode == 1
    assert "over the limit" in run.stderr
    assert "empty" not in run.stderr


def test_detect_still_reads_a_regular_file(doc: Path) -> None:
    run = newsparse("detect", str(doc))
    assert run.returncode == 0
    assert run.stdout == f"{doc}\tcomment-header\n"


@posix_only
@pytest.mark.parametrize("option", ["--boilerplate", "--rules"])
def test_parse_refuses_a_named_pipe_as_settings(option: str, fifo: Path, doc: Path) -> None:
    run = newsparse("parse", str(doc), option, str(fifo))
    assert run.returncode == 2
    assert "named pipe" in run.stderr and str(fifo) in run.stderr


@needs_dev_zero
@pytest.mark.parametrize("option", ["--boilerplate", "--rules"])
def test_parse_refuses_a_device_as_settings(option: str, doc: Path) -> None:
    run = newsparse("parse", str(doc), option, "/dev/zero")
    assert run.returncode == 2
    assert "character device" in run.stderr and "/dev/zero" in run.stderr


@pytest.mark.parametrize("option", ["--boilerplate", "--rules"])
def test_parse_refuses_settings_over_the_limit(option: str, tmp_path: Path, doc: Path) -> None:
    big = sparse(tmp_path / "big.json", MAX_CONFIG + 1)
    run = newsparse("parse", str(doc), option, str(big))
    assert run.returncode == 2
    assert f"over the limit of {MAX_CONFIG} bytes" in run.stderr


@needs_dev_zero
def test_show_refuses_a_device_as_rules(doc: Path) -> None:
    run = newsparse("show", str(doc), "--rules", "/dev/zero")
    assert run.returncode == 2
    assert "character device" in run.stderr


@needs_dev_zero
@pytest.mark.parametrize("command", ["parse", "detect", "show"])
def test_endless_standard_input_is_too_large(command: str) -> None:
    with open("/dev/zero", "rb") as zero:
        run = newsparse(command, "-", stdin=zero)
    assert run.returncode == 1
    assert f"more than {MAX_INPUT} bytes" in run.stderr + run.stdout


def test_standard_input_at_the_limit_is_read(tmp_path: Path) -> None:
    """The cap is on size alone: a document of exactly the limit still reaches the parser."""
    path = tmp_path / "at-limit.md"
    path.write_bytes(DOC.encode() + b" " * (MAX_INPUT - len(DOC)))
    with path.open("rb") as handle:
        run = newsparse("detect", "-", stdin=handle)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "-\tcomment-header\n"
