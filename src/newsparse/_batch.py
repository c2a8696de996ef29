"""Parsing many files: :func:`parse_many` and its :class:`ParseResult`.

The work is cut into small chunks of paths. A bounded window of chunks is in flight at
any time, and results are yielded in input order as soon as the chunk at the head of the
window is done, so memory stays flat however many paths there are and an endless iterator
of paths works. Each task is the module-level :func:`_parse_chunk`, which never raises for
a bad file, so any :class:`concurrent.futures.Executor` can run it: the local process pool
:func:`parse_many` makes for ``workers=N``, a thread pool, or
``dask.distributed.Client().get_executor()``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

import attrs

from newsparse._api import parse_file
from newsparse.boilerplate import Boilerplate
from newsparse.errors import NewsparseError, ParseError, UnknownFormatError
from newsparse.model import Article, Format, coerce_format
from newsparse.rules import Rules

__all__ = ["ParseResult", "parse_many"]

DEFAULT_CHUNKSIZE = 8
"""Paths per task when running in parallel: enough to hide the per-task overhead of a
process pool (pickling, queues) without holding back the first results."""

_WINDOW_PER_WORKER = 2
"""Chunks in flight per worker: one being parsed, one queued so that no worker waits."""

_MAX_FAILURES_IN_A_ROW = 10
"""Executor failures in a row that mean the executor itself is unusable, rather than some
files bringing workers down: then the iterator raises instead of retrying forever."""

_MAX_FAILURES_BEFORE_SUCCESS = 5
"""The same, before any task has succeeded (workers that cannot even start)."""

_DEFAULT_EXECUTOR_PARALLELISM = 8
"""Window size hint for a caller's executor when ``workers`` does not say how wide it is."""


def _check_outcome(instance: ParseResult, attribute: attrs.Attribute[Any], value: Any) -> None:
    if (instance.article is None) == (value is None):
        raise ValueError("a ParseResult holds exactly one of article and error")


@attrs.frozen
class ParseResult:
    """The outcome of parsing one path in :func:`parse_many`: an article or an error.

    >>> from newsparse import ParseError, ParseResult
    >>> r = ParseResult("missing.md", error=ParseError("cannot read file", code="io"))
    >>> r.ok, r.to_dict()["error_type"]
    (False, 'ParseError')

    .. versionadded:: 0.1.0
    """

    path: str
    """The path as given (after :func:`os.fspath`)."""
    article: Article | None = None
    """The article, when the file parsed."""
    error: NewsparseError | None = attrs.field(default=None, validator=_check_outcome)
    """Why the file did not parse (a path that cannot be read is a
    :class:`~newsparse.FileReadError`, such as ``code="not-found"``)."""

    @property
    def ok(self) -> bool:
        """``True`` when the file parsed, i.e. :attr:`article` is set."""
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready record of the outcome, as the command line writes it.

        Returns:
            The article's :meth:`~newsparse.Article.to_dict` with ``"source"`` set to
            :attr:`path`; for a failure, ``{"source": path, "error": message,
            "error_type": class name, "error_code": the error's code}`` (the class is the
            first public one, such as ``"FileReadError"``; the code, such as
            ``"not-found"``, ``"binary"`` or ``"too-large"``, may be ``None``).

        .. versionchanged:: Unreleased
           The ``"error_code"`` key.
        """
        if self.article is not None:
            record = self.article.to_dict()
            record["source"] = self.path
            return record
        return {
            "source": self.path,
            "error": str(self.error),
            "error_type": _public_name(type(self.error)) if self.error else "NoneType",
            "error_code": None if self.error is None else self.error.code,
        }


def _public_name(cls: type[BaseException]) -> str:
    """The name of the first public class of ``cls``'s MRO (``FileReadError`` for the private
    subclass that is also a ``FileNotFoundError``)."""
    return next(c.__name__ for c in cls.__mro__ if not c.__name__.startswith("_"))


# --------------------------------------------------------------------------- the task


def _ignore_sigint() -> None:
    """Pool initializer: Ctrl-C is the parent's business; it shuts the pool down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_PORTABLE_ERRORS = (ParseError, UnknownFormatError, NewsparseError)


def _portable(error: NewsparseError, path: str) -> NewsparseError:
    """Return ``error``, or a ParseError saying the same, if it would not survive pickling."""
    if type(error) in _PORTABLE_ERRORS:
        return error
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return ParseError(f"{type(error).__name__}: {error}", source=path, code="internal")
    return error


def _parse_one(
    path: str,
    format: Format | None,
    strict: bool,
    portable: bool,
    rules: Rules | None = None,
    boilerplate: Boilerplate | None = None,
) -> ParseResult:
    try:
        article = parse_file(
            path, format=format, strict=strict, rules=rules, boilerplate=boilerplate
        )
        return ParseResult(path, article=article)
    except NewsparseError as exc:
        return ParseResult(path, error=_portable(exc, path) if portable else exc)
    except Exception as exc:
        # parse_file turns every parser failure into a ParseError already; this is the net
        # under the net, so that one file can never stop a batch.
        error = ParseError(
            f"internal error while parsing ({type(exc).__name__}: {exc}); please report it",
            format=None if format is None else format.value,
            source=path,
            code="internal",
        )
        if not portable:
            error.__cause__ = exc
        return ParseResult(path, error=error)


def _parse_chunk(
    paths: tuple[str, ...],
    format: Format | None,
    strict: bool,
    rules: Rules | None = None,
    boilerplate: Boilerplate | None = None,
) -> list[ParseResult]:
    """Parse ``paths`` in a worker; never raises for a bad file. Module-level to be picklable."""
    return [_parse_one(p, format, strict, True, rules, boilerplate) for p in paths]


# --------------------------------------------------------------------------- the driver


def _mp_context() -> multiprocessing.context.BaseContext | None:
    """How our pool starts its processes.

    On Linux, a process running a single thread forks: it is the fastest start and works
    from a script without an ``if __name__ == "__main__":`` guard. Forking a process that
    runs threads (a progress bar, a dask client) can deadlock, and Python 3.12+ warns about
    it, so then a fork server is used where there is one, else the platform's default.
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return None


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=_mp_context(), initializer=_ignore_sigint
    )


def _forked_pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool whose workers are forked, or ``None`` where forking is not offered.

    The fallback when :func:`_new_pool` cannot start one: a fork needs neither a fork
    server nor the resource tracker (both fresh interpreters, which fail when the
    interpreter can no longer be run, e.g. after dropping privileges, or when such a
    helper process was killed).
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_ignore_sigint,
    )


def _start_pool(
    workers: int,
    makers: tuple[Callable[[int], ProcessPoolExecutor | None], ...] | None = None,
) -> Executor:
    """A pool of ours: the usual one, else a forked one, else this process alone."""
    for make in makers or (_new_pool, _forked_pool):
        try:
            pool = make(workers)
        except Exception:  # try the next way of starting workers
            continue
        if pool is not None:
            return pool
    return _InlineExecutor()


class _InlineExecutor(Executor):
    """Runs each task at once in this process: the last resort when no worker process
    can be started any more, so that every path still gets its result."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future


def _failed(path: str, exc: BaseException) -> ParseResult:
    return ParseResult(
        path,
        error=ParseError(
            f"worker failed ({type(exc).__name__}: {exc})", source=path, code="worker"
        ),
    )


def _not_run(path: str) -> ParseResult:
    return ParseResult(
        path,
        error=ParseError(
            "a worker process died while this file was being parsed, and no new worker "
            "could be started: not parsed in the main process, which it might kill too",
            source=path,
            code="worker",
        ),
    )


def _unusable(exc: Exception) -> Exception:
    hint = (
        ' (a script that starts workers needs an `if __name__ == "__main__":` guard)'
        if isinstance(exc, BrokenExecutor)
        else ""
    )
    kind = BrokenExecutor if isinstance(exc, BrokenExecutor) else RuntimeError
    return kind(
        f"parse_many stopped: its executor fails every task ({type(exc).__name__}: {exc}){hint}"
    )


@attrs.define
class _Chunk:
    paths: tuple[str, ...]
    future: Future[list[ParseResult]]
    retried: bool = False
    """Already split off a failed chunk: if it fails again, it is the culprit."""
    generation: int = 0
    """Which of our pools it was submitted to (a new one replaces a broken one)."""


class _Runner:
    """Keeps a bounded, ordered window of chunks in flight on an executor."""

    def __init__(
        self,
        executor: Executor | None,
        workers: int,
        format: Format | None,
        strict: bool,
        rules: Rules | None = None,
        boilerplate: Boilerplate | None = None,
    ) -> None:
        self.own = executor is None
        self.workers = workers
        self.executor: Executor = _start_pool(workers) if executor is None else executor
        self.generation = 0
        self.format = format
        self.strict = strict
        self.rules = rules
        self.boilerplate = boilerplate
        self.window: deque[_Chunk] = deque()
        self.succeeded = False
        self.failures_in_a_row = 0

    def submit(self, paths: tuple[str, ...], *, retried: bool = False) -> _Chunk:
        for fallback in ("pool", "fork", "inline"):
            try:
                future = self._submit(paths, retried)
                break
            except Exception:
                # A broken pool, or one that cannot start its processes (a pool starts
                # them as tasks come). A caller's executor is the caller's business.
                if not self.own:
                    raise
                self.renew(fallback)
        else:
            # Now in this process, which does not raise.
            future = self._submit(paths, retried)
        return _Chunk(paths, future, retried, self.generation)

    def _submit(self, paths: tuple[str, ...], retried: bool = False) -> Future[list[ParseResult]]:
        if retried and self.own and isinstance(self.executor, _InlineExecutor):
            # A suspect: it was in a chunk whose worker died (maybe it killed the worker,
            # by running out of memory or crashing). Run here, it could kill this process
            # and the whole batch with it: it fails without being run.
            suspects: Future[list[ParseResult]] = Future()
            suspects.set_result([_not_run(path) for path in paths])
            return suspects
        return self.executor.submit(
            _parse_chunk, paths, self.format, self.strict, self.rules, self.boilerplate
        )

    def renew(self, fallback: str = "pool") -> None:
        """Replace a broken pool of ours with a new one.

        The old pool is waited for: once its threads are gone this process may fork again
        (see :func:`_mp_context`). ``fallback`` says how far to go when pools keep failing
        to start (the fork server or the resource tracker cannot be run, the system
        refuses new processes): ``"pool"`` (the usual pool, else a forked one), ``"fork"``
        (a forked one), ``"inline"`` (this process), so every path still gets its result.
        """
        self.generation += 1
        old = self.executor
        with contextlib.suppress(Exception):  # a broken pool may fail to shut down
            old.shutdown(wait=True, cancel_futures=True)
        if isinstance(old, _InlineExecutor) or fallback == "inline":
            self.executor = _InlineExecutor()
        elif fallback == "fork":
            self.executor = _start_pool(self.workers, makers=(_forked_pool,))
        else:
            self.executor = _start_pool(self.workers)

    def resubmit_stale(self) -> None:
        """Run again, on the new pool, what a replaced pool of ours did not finish."""
        for chunk in self.window:
            f = chunk.future
            if chunk.generation < self.generation and not (
                f.done() and not f.cancelled() and f.exception() is None
            ):
                failed = f.done() and not f.cancelled() and f.exception() is not None
                again = self.submit(chunk.paths, retried=chunk.retried or self._suspect(failed))
                chunk.future, chunk.generation = again.future, again.generation

    def _suspect(self, failed: bool) -> bool:
        """Whether a chunk that ``failed`` on a pool that broke is to be treated as a
        suspect: only once no worker process can be started, since it is then run here."""
        return failed and self.own and isinstance(self.executor, _InlineExecutor)

    def take(self) -> list[ParseResult] | None:
        """Remove the head chunk and return its results, or ``None`` if it was rescheduled."""
        head = self.window.popleft()
        try:
            results = head.future.result()
        except Exception as exc:
            # The task itself never raises: this is the executor failing (a worker killed
            # by a crash or the OOM killer, a result that could not be pickled, a task
            # lost by a cluster). Retry the paths one by one to find the culprit.
            broken = self.own and isinstance(exc, BrokenExecutor)
            if broken and head.generation < self.generation:
                # Its pool was replaced while it waited: not a suspect, run it again (unless
                # it would run here: then any chunk a broken pool failed is a suspect).
                retried = head.retried or self._suspect(True)
                self.window.appendleft(self.submit(head.paths, retried=retried))
                return None
            self.failures_in_a_row += 1
            limit = _MAX_FAILURES_IN_A_ROW if self.succeeded else _MAX_FAILURES_BEFORE_SUCCESS
            if self.failures_in_a_row >= limit:
                raise _unusable(exc) from exc
            if broken:
                self.renew()
            if len(head.paths) == 1 and head.retried:
                result = [_failed(head.paths[0], exc)]
            else:
                for path in reversed(head.paths):
                    self.window.appendleft(self.submit((path,), retried=True))
                result = None
            if broken:
                self.resubmit_stale()
            return result
        self.succeeded = True
        self.failures_in_a_row = 0
        return results

    def close(self) -> None:
        for chunk in self.window:
            chunk.future.cancel()
        self.window.clear()
        if self.own:
            self.executor.shutdown(wait=True, cancel_futures=True)


def _run_serial(
    paths: Iterator[str],
    format: Format | None,
    strict: bool,
    rules: Rules | None = None,
    boilerplate: Boilerplate | None = None,
) -> Iterator[ParseResult]:
    for path in paths:
        yield _parse_one(path, format, strict, False, rules, boilerplate)


def _run_parallel(
    paths: Iterator[str],
    executor: Executor | None,
    workers: int,
    chunksize: int,
    format: Format | None,
    strict: bool,
    rules: Rules | None = None,
    boilerplate: Boilerplate | None = None,
) -> Iterator[ParseResult]:
    runner = _Runner(executor, workers, format, strict, rules, boilerplate)
    max_in_flight = max(2, _WINDOW_PER_WORKER * workers)

    def top_up() -> None:
        while len(runner.window) < max_in_flight:
            chunk = tuple(islice(paths, chunksize))
            if not chunk:
                return
            runner.window.append(runner.submit(chunk))

    try:
        top_up()
        while runner.window:
            done = runner.take()
            if done is None:
                continue
            top_up()
            yield from done
    finally:
        runner.close()


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    executor: Executor | None = None,
    strict: bool = False,
    format: Format | str | None = None,
    chunksize: int | None = None,
    rules: Rules | None = None,
    boilerplate: Boilerplate | None = None,
) -> Iterator[ParseResult]:
    """Parse many files, yielding one :class:`ParseResult` per path, in input order.

    Results stream: ``paths`` is read lazily, only a small window of work is in flight, and
    nothing is kept once yielded, so memory stays flat over any number of files. A file that
    fails to parse (unreadable, binary, malformed in strict mode, or a worker crash) becomes
    a result with :attr:`ParseResult.error`; it never stops the iteration.

    >>> import newsparse
    >>> for result in newsparse.parse_many(["no/such/file.md"]):
    ...     print(result.ok, result.error.code)
    False not-found

    Args:
        paths: the files to parse; any iterable, consumed lazily.
        workers: how many processes parse in parallel. ``None`` or ``1`` parses in this
            process; ``N > 1`` starts a local process pool that is shut down when the
            iterator is exhausted or closed (as with any process pool, a script that uses
            it should guard its entry point with ``if __name__ == "__main__":``). With
            ``executor``, the number of workers it has, used to size the window of work
            in flight.
        executor: any :class:`concurrent.futures.Executor` to run the work on instead of a
            pool of ours, for instance ``dask.distributed.Client().get_executor()``. It is
            not shut down. With a process or cluster executor, ``newsparse`` must be
            importable by its workers.
        strict: as for :func:`newsparse.parse`: a recoverable defect fails the file.
        format: parse every file as this format instead of detecting each one.
        chunksize: paths per task when parallel (default 8: enough to hide the cost of
            a task, small enough that the first results come at once).
        rules: the tunable tables to use, as for :func:`newsparse.parse` (they are
            pickled to worker processes).
        boilerplate: remove the blocks this model finds to be boilerplate, as for
            :func:`newsparse.parse` (its templates, without the counts, go with each task).

    Yields:
        One :class:`ParseResult` per path, in the order of ``paths``.

    Raises:
        ValueError: ``workers`` or ``chunksize`` is less than 1.
        TypeError: ``rules`` is not a :class:`~newsparse.Rules`, or ``boilerplate`` is
            not a :class:`~newsparse.Boilerplate`.
        UnknownFormatError: ``format`` is not a known format.
        TypeError: ``paths`` is a single path (a ``str``, ``bytes`` or
            :class:`os.PathLike`) rather than an iterable of them; an item of ``paths`` is
            not a path (when it is reached).
        RuntimeError: the executor fails task after task (for instance, its workers cannot
            import newsparse); a :class:`~concurrent.futures.BrokenExecutor` when the pool
            of ours keeps dying before parsing anything. One bad file never does this.

    .. versionadded:: 0.1.0
    .. versionchanged:: Unreleased
       The ``rules`` and ``boilerplate`` arguments.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError(
            f"parse_many() takes an iterable of paths, not a single path ({paths!r}); "
            "pass a list, parse_many([path]), or use parse_file(path)"
        )
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if chunksize is not None and chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, got {chunksize}")
    if rules is not None and not isinstance(rules, Rules):
        raise TypeError(f"rules must be a newsparse.Rules, not {type(rules).__name__}")
    if boilerplate is not None and not isinstance(boilerplate, Boilerplate):
        raise TypeError(f"boilerplate must be a Boilerplate, not {type(boilerplate).__name__}")
    fmt = coerce_format(format)
    names = (_fspath(p) for p in paths)
    if executor is None and (workers is None or workers == 1):
        return _run_serial(names, fmt, strict, rules, boilerplate)
    if boilerplate is not None:
        boilerplate = boilerplate.without_counts()  # sent with every task: templates only
    width = workers if workers is not None else _DEFAULT_EXECUTOR_PARALLELISM
    chunks = chunksize or DEFAULT_CHUNKSIZE
    return _run_parallel(names, executor, width, chunks, fmt, strict, rules, boilerplate)


def _fspath(path: str | os.PathLike[str]) -> str:
    name = os.fspath(path)
    if not isinstance(name, str):
        raise TypeError(f"paths must be str or os.PathLike[str], not {type(name).__name__}")
    return name
