"""The scaling recipes of docs/scaling.md run as written (all but Spark, which is not a dependency).

Each ``python`` block of the page is executed in a scratch folder holding the project's
example files, with ``paths`` bound to them and the two callbacks the page leaves to the
reader (``store`` and ``log_failure``) defined.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import newsparse
from newsparse.cli import main
from tests.conftest import EXAMPLES, REPO

PAGE = REPO / "docs" / "scaling.md"
BLOCKS = re.findall(r"```python\n(.*?)```", PAGE.read_text("utf-8"), re.DOTALL)
RUNNABLE = [b for b in BLOCKS if "pyspark" not in b]


@pytest.fixture
def scratch(tmp_path: Path) -> dict[str, Any]:
    """A folder with the examples and a broken file, plus the names the recipes expect."""
    for example in EXAMPLES.iterdir():
        shutil.copy(example, tmp_path / example.name)
    (tmp_path / "broken.bin").write_bytes(b"\x00\x01\x02\xff" * 64)
    paths = sorted(str(p) for p in tmp_path.iterdir())
    stored: list[newsparse.Article] = []
    failed: list[str] = []
    old = Path.cwd()
    os.chdir(tmp_path)
    assert main(["parse", *paths, "-o", "articles.jsonl", "--no-progress"]) == 1
    try:
        yield {
            "paths": paths,
            "store": stored.append,
            "log_failure": lambda path, error: failed.append(path),
            "_stored": stored,
            "_failed": failed,
        }
    finally:
        os.chdir(old)


def test_the_page_has_recipes() -> None:
    """Guard: the page still holds the pandas, pool, executor, Dask, bag and boilerplate
    recipes."""
    assert len(RUNNABLE) >= 7


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::FutureWarning")
@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("index", range(len(RUNNABLE)))
def test_recipe_runs(index: int, scratch: dict[str, Any]) -> None:
    """Each recipe runs on the examples; those that store results see every good file."""
    code = RUNNABLE[index]
    if "pandas" in code:
        pytest.importorskip("pandas")
    if "dask" in code:
        pytest.importorskip("dask.distributed")
        pytest.importorskip("dask.dataframe")
    namespace = dict(scratch)
    exec(compile(code, f"docs/scaling.md block {index}", "exec"), namespace)
    if "store(result.article)" in code:
        assert len(scratch["_stored"]) == len(scratch["paths"]) - 1
        assert [Path(p).name for p in scratch["_failed"]] == ["broken.bin"]
    if "DataFrame.from_records" in code:
        assert len(namespace["df"]) == len(scratch["paths"])
    if "read_json" in code:
        assert len(namespace["articles"]) == len(scratch["paths"]) - 1
    if "learn_boilerplate" in code:
        assert namespace["model"] == newsparse.learn_boilerplate(scratch["paths"])
        assert Path("boilerplate.json").is_file()
    if "to_textfiles" in code:
        written = sorted(Path("out").glob("articles-*.jsonl"))
        assert sum(len(p.read_text("utf-8").splitlines()) for p in written) == len(scratch["paths"])
