"""parse_many and ParseResult: order, errors as results, laziness, executors."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import newsparse
from newsparse import (
    Article,
    Format,
    NewsparseError,
    ParseError,
    ParseResult,
    UnknownFormatError,
    parse_many,
)

GARBAGE = bytes(range(256)) * 8 + b"\x00" * 512


def comment_header(n: int) -> str:
    return (
        f"<!--{1715734743000 + n * 60_000}-->\n"
        f"[Story number {n}](https://news.example.org/{n}.html)\n"
        "------\n"
        f"<p>First paragraph of story {n}.</p><p>Second paragraph of story {n}.</p>\n"
    )


@pytest.fixture
def mixed(tmp_path: Path) -> list[str]:
    """Twelve inputs: good files, and among them a binary file, an empty file, a missing path."""
    paths: list[str] = []
    for n in range(12):
        path = tmp_path / f"{n:02d}.md"
        if n == 3:
            path.write_bytes(GARBAGE)
        elif n == 7:
            path.write_text("", encoding="utf-8")
        elif n == 10:
            path = tmp_path / "missing.md"
        else:
            path.write_text(comment_header(n), encoding="utf-8")
        paths.append(str(path))
    return paths


BAD = {3: UnknownFormatError, 7: UnknownFormatError, 10: ParseError}


def summary(results: list[ParseResult]) -> list[tuple[str, Any]]:
    """What must not depend on how the work was run: the article, or the error's type and text."""
    return [
        (r.path, r.article if r.ok else (type(r.error).__name__, str(r.error))) for r in results
    ]


class TestParseResult:
    def test_ok_result_to_dict_is_the_article_plus_source(self) -> None:
        """An ok result's record is the article's to_dict() with source set to the path."""
        article = newsparse.parse(comment_header(1))
        result = ParseResult("a/b.md", article=article)
        assert result.ok
        assert result.to_dict() == {**article.to_dict(), "source": "a/b.md"}

    def test_error_result_to_dict_has_four_keys(self) -> None:
        """A failed result's record is exactly source, error, error_type and error_code."""
        error = ParseError("cannot read file", source="x.md", code="io")
        result = ParseResult("x.md", error=error)
        assert not result.ok
        assert result.to_dict() == {
            "source": "x.md",
            "error": "cannot read file in x.md",
            "error_type": "ParseError",
            "error_code": "io",
        }

    @pytest.mark.parametrize("both", [True, False])
    def test_exactly_one_of_article_and_error(self, both: bool) -> None:
        """A result holds an article or an error, never both and never neither."""
        article = newsparse.parse(comment_header(1)) if both else None
        error = ParseError("x") if both else None
        with pytest.raises(ValueError, match="exactly one"):
            ParseResult("p", article=article, error=error)

    def test_is_frozen_and_pickles(self) -> None:
        """Results are immutable and survive pickling (they cross process boundaries)."""
        result = ParseResult("x.md", error=ParseError("bad", line=3, source="x.md", code="c"))
        with pytest.raises(AttributeError):
            result.path = "y"  # type: ignore[misc]
        back = pickle.loads(pickle.dumps(result))
        assert back.path == "x.md"
        assert isinstance(back.error, ParseError)
        assert (back.error.line, back.error.code, str(back.error)) == (3, "c", str(result.error))


class TestSerial:
    def test_results_in_input_order_with_errors_in_place(self, mixed: list[str]) -> None:
        """Every path gives one result, in order; bad files are results, not exceptions."""
        results = list(parse_many(mixed))
        assert [r.path for r in results] == mixed
        for n, result in enumerate(results):
            if n in BAD:
                assert result.article is None
                assert isinstance(result.error, BAD[n])
            else:
                assert result.error is None
                assert result.article is not None
                assert result.article.title == f"Story number {n}"
                assert result.article.source == mixed[n]

    def test_missing_file_is_a_not_found_error(self, tmp_path: Path) -> None:
        """A missing path becomes a ParseError that is a FileNotFoundError too."""
        [result] = parse_many([tmp_path / "nope.md"])
        assert isinstance(result.error, ParseError)
        assert isinstance(result.error, FileNotFoundError)
        assert result.error.code == "not-found"
        assert result.to_dict()["error_type"] == "FileReadError"
        assert result.path == str(tmp_path / "nope.md")

    def test_accepts_pathlike(self, mixed: list[str]) -> None:
        """Path objects are accepted and reported as strings."""
        [result] = parse_many([Path(mixed[0])])
        assert result.path == mixed[0]
        assert result.ok

    def test_format_forces_the_parser(self, mixed: list[str]) -> None:
        """format= skips detection for every file."""
        results = list(parse_many(mixed[:2], format="plaintext"))
        assert [r.article.format for r in results if r.article] == [Format.PLAINTEXT] * 2

    def test_strict_fails_a_file_that_lenient_mode_recovers(self, tmp_path: Path) -> None:
        """strict=True turns the first recoverable defect into an error result."""
        path = tmp_path / "broken.md"
        path.write_text(
            '---\ntitle: "never closed\ndate: [2020\n---\n<p>Body text.</p>\n', encoding="utf-8"
        )
        [lenient] = parse_many([path])
        assert lenient.article is not None
        assert lenient.article.warnings
        [strict] = parse_many([path], strict=True)
        assert isinstance(strict.error, ParseError)

    def test_an_unexpected_exception_becomes_a_parse_error(
        self, mixed: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A non-newsparse exception inside the parse is caught and reported as a ParseError."""

        def explode(path: str, **kwargs: Any) -> Article:
            raise RuntimeError("kaboom")

        monkeypatch.setattr("newsparse._batch.parse_file", explode)
        results = list(parse_many(mixed[:2]))
        errors = [r.error for r in results]
        assert all(isinstance(e, ParseError) and e.code == "internal" for e in errors)
        assert "kaboom" in str(results[0].error)

    def test_reads_paths_lazily(self, mixed: list[str]) -> None:
        """In one process, each path is read only when its result is asked for."""
        taken: list[str] = []

        def paths() -> Iterator[str]:
            for p in mixed:
                taken.append(p)
                yield p

        results = parse_many(paths())
        assert taken == []
        next(results)
        assert taken == mixed[:1]

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"workers": 0}, ValueError),
            ({"chunksize": 0}, ValueError),
            ({"format": "html"}, UnknownFormatError),
        ],
    )
    def test_bad_arguments_raise_at_the_call(
        self, kwargs: dict[str, Any], error: type[Exception]
    ) -> None:
        """Bad arguments fail when parse_many is called, not at the first next()."""
        with pytest.raises(error):
            parse_many([], **kwargs)

    def test_a_non_path_raises_type_error(self) -> None:
        """Items that are not paths are a programming error, not a bad file."""
        with pytest.raises(TypeError):
            list(parse_many([42]))  # type: ignore[list-item]


class TestProcessPool:
    def test_same_results_as_serial(self, mixed: list[str]) -> None:
        """workers=2 gives the same results, in the same order, as one process."""
        serial = list(parse_many(mixed))
        pooled = list(parse_many(mixed, workers=2, chunksize=3))
        assert summary(pooled) == summary(serial)
        assert isinstance(pooled[10].error, ParseError)
        assert pooled[10].error.code == "not-found"
        assert isinstance(pooled[10].error, FileNotFoundError)

    def test_window_is_bounded(self, tmp_path: Path) -> None:
        """Only a small window of paths is read ahead: an endless input works."""
        good = tmp_path / "good.md"
        good.write_text(comment_header(1), encoding="utf-8")
        taken = 0

        def endless() -> Iterator[str]:
            nonlocal taken
            while True:
                taken += 1
                yield str(good)

        results = parse_many(endless(), workers=2, chunksize=4)
        first = [next(results) for _ in range(10)]
        results.close()  # type: ignore[attr-defined]
        assert all(r.ok for r in first)
        # Two chunks per worker in flight, plus the one just handed out.
        assert 10 <= taken <= 10 + 2 * 2 * 4 + 4


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_worker_loses_nothing(tmp_path: Path) -> None:
    """A worker process killed mid-run is replaced and every file still parses, in order."""
    paths = []
    for n in range(200):
        path = tmp_path / f"{n:03d}.md"
        path.write_text(comment_header(n), encoding="utf-8")
        paths.append(str(path))
    results = parse_many(paths, workers=2, chunksize=2)
    first = next(results)
    workers = multiprocessing.active_children()
    assert workers
    os.kill(workers[0].pid, signal.SIGKILL)  # type: ignore[arg-type]
    rest = list(results)
    assert [r.path for r in [first, *rest]] == paths
    assert all(r.ok for r in [first, *rest])


def _unprivileged_user() -> str | None:
    """A user to drop to when the tests run as root (``None`` when there is none)."""
    try:
        import pwd

        pwd.getpwnam("nobody")
    except (ImportError, KeyError):
        return None
    return "nobody"


KILL_SCRIPT = Path(__file__).parent / "scripts" / "kill_a_worker.py"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_worker_loses_nothing_as_an_ordinary_user() -> None:
    """As a user who is not root, a killed worker is replaced too: no BrokenPipeError
    from rebuilding the pool, every path gets exactly one result, in order.

    Run as root (as CI is), the script drops to ``nobody`` after loading its modules; the
    files sit in a world-readable folder of their own.
    """
    import shutil
    import subprocess
    import sys
    import tempfile

    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    user = _unprivileged_user() if as_root else None
    if as_root and user is None:
        pytest.skip("running as root with no unprivileged user to drop to")
    folder = tempfile.mkdtemp(prefix="newsparse-kill-")
    try:
        os.chmod(folder, 0o755)  # the unprivileged user reads it
        for n in range(120):
            path = Path(folder, f"{n:03d}.md")
            path.write_text(comment_header(n), encoding="utf-8")
            path.chmod(0o644)
        script = Path(folder, "kill_a_worker.py")
        shutil.copy(KILL_SCRIPT, script)
        script.chmod(0o644)
        files = Path(folder, "in")
        files.mkdir(mode=0o755)
        for path in Path(folder).glob("*.md"):
            path.rename(files / path.name)
        src = str(Path(newsparse.__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": src, "HOME": folder}
        command = [sys.executable, str(script), str(files)]
        if user is not None:
            command += ["--as-user", user]
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=300, cwd=folder, check=False
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-3000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    if user is not None:
        assert outcome["uid"] != 0
    assert outcome["paths"] == outcome["expected"]
    assert len(outcome["paths"]) == 120
    assert all(outcome["ok"])


class FakePool(Executor):
    """Runs tasks inline; any chunk holding a 'poison' path fails as a crashed pool would."""

    made: list[FakePool] = []  # noqa: RUF012

    def __init__(self, failure: type[Exception] = BrokenExecutor) -> None:
        self.failure = failure
        self.broken = False
        self.shut = False
        self.submitted: list[tuple[str, ...]] = []
        FakePool.made.append(self)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if self.broken:
            raise BrokenExecutor("pool is broken")
        paths = args[0]
        self.submitted.append(paths)
        future: Future[Any] = Future()
        if any("poison" in p for p in paths):
            self.broken = self.failure is BrokenExecutor
            future.set_exception(self.failure("worker died"))
        else:
            future.set_result(fn(*args, **kwargs))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.shut = True


@pytest.fixture
def with_poison(mixed: list[str], tmp_path: Path) -> list[str]:
    poison = tmp_path / "poison.md"
    poison.write_text(comment_header(99), encoding="utf-8")
    return [*mixed[:5], str(poison), *mixed[5:]]


class TestExecutorFailures:
    def test_a_crashing_file_is_isolated_and_the_pool_renewed(
        self, with_poison: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file that kills its worker fails alone; the pool is replaced; the rest parse."""
        FakePool.made = []
        monkeypatch.setattr("newsparse._batch._new_pool", lambda workers: FakePool())
        results = list(parse_many(with_poison, workers=2, chunksize=4))
        assert [r.path for r in results] == with_poison
        poisoned = results[5]
        assert isinstance(poisoned.error, ParseError)
        assert poisoned.error.code == "worker"
        assert "worker died" in str(poisoned.error)
        expected = summary(list(parse_many(with_poison)))
        assert summary(results[:5] + results[6:]) == expected[:5] + expected[6:]
        assert len(FakePool.made) >= 2
        assert all(pool.shut for pool in FakePool.made)

    def test_a_failing_task_on_a_callers_executor_is_retried_alone(
        self, with_poison: list[str]
    ) -> None:
        """On a caller's executor, a failed chunk is retried path by path; it is not shut down."""
        pool = FakePool(failure=RuntimeError)
        results = list(parse_many(with_poison, executor=pool, chunksize=4))
        assert [r.path for r in results] == with_poison
        assert [n for n, r in enumerate(results) if not r.ok] == [3, 5, 8, 11]
        assert isinstance(results[5].error, ParseError)
        assert results[5].error.code == "worker"
        assert not pool.shut
        # Chunks of four: the one holding the poison (inputs 4-7) was retried path by path.
        assert tuple(with_poison[4:8]) in pool.submitted
        assert all((p,) in pool.submitted for p in with_poison[4:8])
        assert (with_poison[0],) not in pool.submitted

    def test_pools_that_cannot_start_fall_back_to_this_process(
        self, mixed: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When no worker process can be started (the resource tracker or fork server
        cannot run), every path is still parsed, here, in order."""

        def refuse(workers: int) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        monkeypatch.setattr("newsparse._batch._new_pool", refuse)
        monkeypatch.setattr("newsparse._batch._forked_pool", refuse)
        results = list(parse_many(mixed, workers=2, chunksize=3))
        assert summary(results) == summary(list(parse_many(mixed)))

    def test_a_suspect_is_never_run_in_this_process(
        self, with_poison: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A chunk's worker died and no new pool starts: its paths, suspects, fail with
        code ``worker`` without being parsed here (a file that kills workers by running out
        of memory would kill the whole batch); the other paths are parsed here."""
        made: list[FakePool] = []

        def first_pool_only(workers: int) -> FakePool:
            if made:
                raise BrokenPipeError(32, "Broken pipe")
            made.append(FakePool())
            return made[0]

        monkeypatch.setattr("newsparse._batch._new_pool", first_pool_only)
        monkeypatch.setattr("newsparse._batch._forked_pool", first_pool_only)
        parsed_here: list[str] = []
        real = newsparse._batch._parse_chunk

        def spy(paths: tuple[str, ...], *args: Any) -> list[ParseResult]:
            parsed_here.extend(paths)
            return real(paths, *args)

        monkeypatch.setattr("newsparse._batch._parse_chunk", spy)
        results = list(parse_many(with_poison, workers=2, chunksize=4))
        assert [r.path for r in results] == with_poison
        poison = with_poison[5]
        assert poison not in parsed_here
        failed = [r for r in results if isinstance(r.error, ParseError) and r.error.code == "worker"]
        assert poison in [r.path for r in failed]
        assert "not parsed in the main process" in str(results[5].error)
        # Only the poisoned chunk's paths (inputs 4-7) are suspects; the rest parse as usual.
        assert {r.path for r in failed} <= set(with_poison[4:8])
        expected = summary(list(parse_many(with_poison)))
        assert summary(results[:4] + results[8:]) == expected[:4] + expected[8:]

    def test_an_executor_that_fails_everything_raises(self, tmp_path: Path) -> None:
        """When no task ever succeeds the executor is unusable: the iterator says so."""
        paths = []
        for n in range(20):
            path = tmp_path / f"poison{n}.md"
            path.write_text(comment_header(n), encoding="utf-8")
            paths.append(str(path))
        pool = FakePool(failure=RuntimeError)
        with pytest.raises(RuntimeError, match="executor fails every task"):
            list(parse_many(paths, executor=pool, chunksize=2))
        # The ten chunks of the first window, then the first two chunks' paths one by one:
        # it gives up after five failures instead of retrying all twenty paths.
        assert len(pool.submitted) == 10 + 2 + 2

    def test_closing_early_shuts_our_pool_down(
        self, mixed: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Abandoning the iterator shuts down the pool parse_many made."""
        FakePool.made = []
        monkeypatch.setattr("newsparse._batch._new_pool", lambda workers: FakePool())
        results = parse_many(mixed, workers=2, chunksize=2)
        next(results)
        results.close()  # type: ignore[attr-defined]
        assert [pool.shut for pool in FakePool.made] == [True]

    def test_errors_from_threads_are_made_portable(
        self, mixed: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """On an executor, an error that cannot be pickled is replaced by a ParseError."""

        class OddError(NewsparseError):
            def __init__(self) -> None:
                super().__init__("odd")
                self.hook = lambda: None  # unpicklable

        def odd(path: str, **kwargs: Any) -> Article:
            raise OddError

        monkeypatch.setattr("newsparse._batch.parse_file", odd)
        [serial] = parse_many(mixed[:1])
        assert isinstance(serial.error, OddError)
        with ThreadPoolExecutor(2) as pool:
            [threaded] = parse_many(mixed[:1], executor=pool)
        assert type(threaded.error) is ParseError
        assert "OddError: odd" in str(threaded.error)
        pickle.dumps(threaded)


@pytest.mark.slow
def test_dask_distributed_executor(mixed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A dask.distributed cluster of two worker processes gives the serial results, in order."""
    distributed = pytest.importorskip("distributed")
    serial = list(parse_many(mixed))
    # The cluster's worker processes must import this newsparse, installed or not.
    src = str(Path(newsparse.__file__).resolve().parents[1])
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)
    )
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = list(parse_many(mixed, executor=client.get_executor(), workers=2, chunksize=2))
    assert summary(results) == summary(serial)
