"""parse_file and parse_many on paths that are not regular files, or are too large."""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import newsparse
from newsparse import FileReadError, NewsparseError, ParseError, parse_file, parse_many
from newsparse._limits import MAX_INPUT
from newsparse._reading import read_document

DOC = "<!--1715734743000-->\n[A ferry story](https://news.example.org/ferry.html)\n------\n<p>Text.</p>\n"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")


def parse_within(path: str | Path, seconds: float = 10.0) -> BaseException | None:
    """Call parse_file in a thread; fail if it has not ended within ``seconds``."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            parse_file(path)
        except BaseException as exc:  # handed back to the test
            outcome.append(exc)
        else:
            outcome.append(None)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"parse_file({path!s}) did not end within {seconds} s"
    return outcome[0]


@pytest.fixture
def spy_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record how many bytes each os.read in newsparse._files returned."""
    sizes: list[int] = []
    real = os.read

    def read(fd: int, n: int) -> bytes:
        chunk = real(fd, n)
        sizes.append(len(chunk))
        return chunk

    monkeypatch.setattr("newsparse._reading.os.read", read)
    return sizes


@posix_only
def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO with no writer would block a reader forever: refused without opening it."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    error = parse_within(fifo)
    assert isinstance(error, FileReadError)
    assert isinstance(error, OSError)
    assert error.code == "fifo"
    assert str(fifo) in str(error) and "named pipe" in str(error)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_device_is_refused(spy_reads: list[int]) -> None:
    error = parse_within("/dev/zero")
    assert isinstance(error, FileReadError)
    assert error.code == "device"
    assert "character device" in str(error)
    assert spy_reads == []


def test_a_directory_is_an_is_a_directory_error(tmp_path: Path) -> None:
    error = parse_within(tmp_path)
    assert isinstance(error, IsADirectoryError)
    assert isinstance(error, NewsparseError)
    assert error.code == "is-a-directory"
    assert error.errno == errno.EISDIR


@posix_only
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        error = parse_within(path)
    assert isinstance(error, FileReadError)
    assert error.code == "socket"


@posix_only
def test_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.symlink_to(b)
    b.symlink_to(a)
    error = parse_within(a)
    assert isinstance(error, FileReadError)
    assert isinstance(error, OSError)
    assert error.code == "symlink-loop"
    assert error.errno == errno.ELOOP
    assert "loop" in str(error)


def test_a_missing_file_is_a_file_not_found_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.md"
    with pytest.raises(FileNotFoundError) as info:
        parse_file(path)
    error = info.value
    assert isinstance(error, ParseError) and isinstance(error, NewsparseError)
    assert isinstance(error, ValueError)
    assert (error.code, error.errno, error.filename, error.source) == (
        "not-found",
        errno.ENOENT,
        str(path),
        str(path),
    )
    assert str(error) == f"cannot read file: No such file or directory in {path}"


def test_a_path_through_a_file_is_a_not_a_directory_error(tmp_path: Path) -> None:
    (tmp_path / "f.md").write_text(DOC, encoding="utf-8")
    with pytest.raises(NotADirectoryError) as info:
        parse_file(tmp_path / "f.md" / "x.md")
    assert info.value.code == "not-a-directory"


def test_an_unreadable_file_is_a_permission_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads anything, so the refusal is simulated where the file is opened."""
    path = tmp_path / "secret.md"
    path.write_text(DOC, encoding="utf-8")

    def refuse(name: str, flags: int, *args: Any) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", name)

    monkeypatch.setattr("newsparse._reading.os.open", refuse)
    with pytest.raises(PermissionError) as info:
        parse_file(path)
    assert isinstance(info.value, NewsparseError)
    assert info.value.code == "permission"
    assert "Permission denied" in str(info.value)


DROP_AND_READ = """
import json, os, pwd, sys
import newsparse
if os.geteuid() == 0:  # root reads anything: drop to nobody once the modules are loaded
    user = pwd.getpwnam("nobody")
    os.setgroups([])
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)
try:
    newsparse.parse_file(sys.argv[1])
except PermissionError as exc:
    print(json.dumps({"uid": os.geteuid(), "code": exc.code, "message": str(exc)}))
"""


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX users")
def test_an_unreadable_file_is_a_permission_error_for_real() -> None:
    """Not simulated: a file of mode 000, read by a user who is not root (as root, as CI
    runs, the child drops to ``nobody``)."""
    import subprocess
    import tempfile

    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("nobody")
        except (ImportError, KeyError):
            pytest.skip("running as root with no unprivileged user to drop to")
    folder = tempfile.mkdtemp(prefix="newsparse-perm-")
    try:
        os.chmod(folder, 0o755)  # nobody may look in, not read the file
        path = Path(folder, "secret.md")
        path.write_text(DOC, encoding="utf-8")
        path.chmod(0)
        src = str(Path(newsparse.__file__).resolve().parent.parent)
        done = subprocess.run(
            [sys.executable, "-c", DROP_AND_READ, str(path)],
            env={**os.environ, "PYTHONPATH": src, "HOME": folder},
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        path.chmod(0o600)
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-2000:]
    outcome = json.loads(done.stdout)
    assert outcome["uid"] != 0
    assert outcome["code"] == "permission"
    assert "Permission denied" in outcome["message"]


def test_a_sparse_file_over_the_limit_is_refused_unread(
    tmp_path: Path, spy_reads: list[int]
) -> None:
    """A file larger than the limit is refused from its size: not a byte is read."""
    path = tmp_path / "sparse.md"
    with path.open("wb") as handle:
        handle.truncate(MAX_INPUT + 1)
    with pytest.raises(ParseError) as info:
        parse_file(path)
    assert info.value.code == "too-large"
    assert str(MAX_INPUT) in str(info.value)
    assert spy_reads == []


def test_a_sparse_2gb_file_is_refused_unread(tmp_path: Path, spy_reads: list[int]) -> None:
    path = tmp_path / "sparse.md"
    with path.open("wb") as handle:
        handle.truncate(2 << 30)
    with pytest.raises(ParseError, match="2147483648 bytes") as info:
        parse_file(path)
    assert info.value.code == "too-large"
    assert spy_reads == []


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    body = "<p>" + "x" * 60 + "</p>\n"
    text = DOC + body * ((MAX_INPUT - len(DOC)) // len(body))
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size <= MAX_INPUT
    assert parse_file(path).title == "A ferry story"


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs /proc")
def test_a_file_without_a_size_is_read_to_the_limit_and_one_byte(spy_reads: list[int]) -> None:
    """/proc files report size 0: reading stops at limit + 1 bytes, never later."""
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(ParseError) as info:
        read_document("/proc/self/maps", limit=100)
    assert info.value.code == "too-large"
    assert sum(spy_reads) == 101


def test_input_over_the_limit_is_too_large() -> None:
    """parse() refuses a document over the limit, as bytes or as text (UTF-8 size)."""
    for data in (b"x" * (MAX_INPUT + 1), "x" * (MAX_INPUT + 1), "字" * (MAX_INPUT // 3 + 1)):
        with pytest.raises(ParseError) as info:
            newsparse.parse(data)
        assert info.value.code == "too-large"
    assert newsparse.parse("字" * (MAX_INPUT // 3 - 10)).format is newsparse.Format.PLAINTEXT


@posix_only
def test_parse_many_records_each_refusal_in_order(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text(DOC, encoding="utf-8")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    sparse = tmp_path / "sparse.md"
    with sparse.open("wb") as handle:
        handle.truncate(MAX_INPUT + 1)
    paths = [good, fifo, tmp_path, loop, sparse, tmp_path / "missing.md", good]
    results = list(parse_many(paths, workers=2, chunksize=2))
    assert [r.path for r in results] == [str(p) for p in paths]
    codes = [None if r.ok else r.error.code for r in results]  # type: ignore[union-attr]
    assert codes == [None, "fifo", "is-a-directory", "symlink-loop", "too-large", "not-found", None]
    assert isinstance(results[5].error, FileNotFoundError)
    records = [r.to_dict() for r in results[1:6]]
    assert [r["error_type"] for r in records] == ["FileReadError"] * 3 + [
        "ParseError",
        "FileReadError",
    ]
    assert [r["error_code"] for r in records] == codes[1:6]


def test_file_errors_survive_pickling(tmp_path: Path) -> None:
    import pickle

    with pytest.raises(FileNotFoundError) as info:
        parse_file(tmp_path / "nope.md")
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is type(info.value)
    assert (back.code, back.errno, back.source, str(back)) == (
        "not-found",
        errno.ENOENT,
        str(tmp_path / "nope.md"),
        str(info.value),
    )


def test_a_path_with_a_nul_character_is_a_file_read_error() -> None:
    with pytest.raises(FileReadError) as info:
        parse_file("post\x00.md")
    assert info.value.code == "io"
    assert "null" in str(info.value)
