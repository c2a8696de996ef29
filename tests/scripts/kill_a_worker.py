"""Run parse_many(workers=2) over a folder, SIGKILL a worker, print what came back as JSON.

Run by tests/test_batch.py in a subprocess. With ``--as-user NAME`` (when started as root)
it first loads everything it needs, then drops to that user, so that the pool is rebuilt
by an ordinary user who cannot start a fresh interpreter from root's home.
"""

from __future__ import annotations

import concurrent.futures.process
import json
import multiprocessing
import multiprocessing.connection
import multiprocessing.forkserver
import multiprocessing.popen_fork
import multiprocessing.popen_forkserver
import multiprocessing.queues
import multiprocessing.synchronize
import os
import signal
import sys

import newsparse


def drop_to(user: str) -> None:
    import pwd

    entry = pwd.getpwnam(user)
    os.setgroups([])
    os.setgid(entry.pw_gid)
    os.setuid(entry.pw_uid)


def main() -> None:
    folder = sys.argv[1]
    paths = sorted(os.path.join(folder, name) for name in os.listdir(folder))
    # Load every lazily imported module while they can still be read.
    for path in paths[:3]:
        newsparse.parse_file(path)
    assert concurrent.futures.process and multiprocessing.synchronize  # loaded above
    if len(sys.argv) > 3 and sys.argv[2] == "--as-user":
        drop_to(sys.argv[3])
    results = newsparse.parse_many(paths, workers=2, chunksize=2)
    first = next(results)
    workers = multiprocessing.active_children()
    os.kill(workers[0].pid, signal.SIGKILL)  # type: ignore[arg-type]
    rest = list(results)
    print(
        json.dumps(
            {
                "uid": os.getuid(),
                "paths": [r.path for r in [first, *rest]],
                "ok": [r.ok for r in [first, *rest]],
                "expected": paths,
            }
        )
    )


if __name__ == "__main__":
    main()
