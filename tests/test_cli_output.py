"""`newsparse parse` writers: JSON Lines, CSV, Parquet and --output-dir give the same records,
and a write error ends the run with its own status and a readable file."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from newsparse.cli import _parquet, _writers, main
from newsparse.cli._status import EXIT_OUTPUT
from newsparse.cli._writers import ARTICLE_FIELDS, ERROR_FIELDS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NESTED = {"tags", "categories", "paragraphs", "images", "media", "extra", "warnings"}
TIMES = {"published", "archived"}


def story(n: int, title: str = "") -> str:
    return (
        f"<!--{1715734743000 + n * 1000}-->\n[{title or f'Story {n}'}](https://news.example.org/{n}.html)\n"
        f'------\n<p>Text {n}, with a comma and a "quote".</p>\n<p>Second line\nwrapped.</p>\n'
    )


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """The example files, a Chinese story, a file in a subfolder and one that fails."""
    root = tmp_path / "in"
    shutil.copytree(EXAMPLES, root)
    (root / "sub").mkdir()
    (root / "sub" / "zh.md").write_text(story(7, "渡輪復航，乘客稱便"), encoding="utf-8")
    (root / "sub" / "empty.txt").write_text("  \n", encoding="utf-8")
    return root


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def instant(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value
    return None if value is None else dt.datetime.fromisoformat(value)


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A record with its times as instants (Parquet stores them in UTC)."""
    return {k: instant(v) if k in TIMES else v for k, v in record.items()}


def from_csv(row: dict[str, str]) -> dict[str, Any]:
    """Undo the CSV writer: empty cells are null, nested values are JSON text."""
    out: dict[str, Any] = {}
    for key, cell in row.items():
        out[key] = (json.loads(cell) if key in NESTED else cell) if cell != "" else None
    if out.get("error") is None:
        return {k: out[k] for k in ARTICLE_FIELDS if k in out}
    return {k: out[k] for k in ("source", *ERROR_FIELDS)}


def from_parquet(row: dict[str, Any]) -> dict[str, Any]:
    if row.get("error") is None:
        out = {k: row[k] for k in ARTICLE_FIELDS if k in row}
        if "extra" in out:
            out["extra"] = json.loads(out["extra"])
        return out
    return {k: row[k] for k in ("source", *ERROR_FIELDS)}


def read_csv(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [from_csv(row) for row in csv.DictReader(f)]


def read_parquet(path: Path) -> list[dict[str, Any]]:
    pq = pytest.importorskip("pyarrow.parquet")
    return [from_parquet(row) for row in pq.read_table(path).to_pylist()]


def test_every_writer_gives_the_records_of_jsonl(inputs: Path, tmp_path: Path) -> None:
    """CSV, Parquet and one JSON file per input read back as the JSON Lines records."""
    out = tmp_path / "out"
    assert main(["parse", str(inputs), "-o", f"{out}.jsonl"]) == 1
    expected = jsonl(Path(f"{out}.jsonl"))
    assert len(expected) == 7
    assert [r.get("error_code") for r in expected].count("empty") == 1

    assert main(["parse", str(inputs), "-o", f"{out}.csv"]) == 1
    assert read_csv(Path(f"{out}.csv")) == expected

    assert main(["parse", str(inputs), "-o", f"{out}.parquet"]) == 1
    got = read_parquet(Path(f"{out}.parquet"))
    assert [comparable(r) for r in got] == [comparable(r) for r in expected]

    assert main(["parse", str(inputs), "--output-dir", str(out)]) == 1
    for record in expected:
        relative = Path(record["source"]).relative_to(inputs)
        written = out / f"{relative}.json"
        assert json.loads(written.read_text(encoding="utf-8")) == record


def test_parquet_columns_are_typed(inputs: Path, tmp_path: Path) -> None:
    """Times are UTC timestamps, lists are lists, images and media lists of structs."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    assert main(["parse", str(inputs / "jekyll-post.md"), "-o", str(out)]) == 0
    schema = pq.read_schema(out)
    assert schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert schema.field("tags").type == pa.list_(pa.string())
    image = schema.field("images").type.value_type
    assert [image.field(i).name for i in range(image.num_fields)] == [
        "url",
        "alt",
        "caption",
        "credit",
    ]
    assert pa.types.is_struct(schema.field("media").type.value_type)
    assert schema.field("warnings").type.value_type.field("line").type == pa.int64()
    [row] = pq.read_table(out).to_pylist()
    assert row["images"][0]["caption"] == "夜间的阅览室。"


def test_parquet_is_written_in_row_groups_as_results_come(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are not held until the end: every ROW_GROUP_ROWS results make a row group."""
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(_parquet, "ROW_GROUP_ROWS", 3)
    for n in range(10):
        (tmp_path / f"{n}.md").write_text(story(n), encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert main(["parse", str(tmp_path), "-o", str(out)]) == 0
    meta = pq.ParquetFile(out).metadata
    assert (meta.num_rows, meta.num_row_groups) == (10, 4)


def test_parquet_without_pyarrow_says_which_extra(
    inputs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No pyarrow: a usage error that names the extra to install, and no output file."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    out = tmp_path / "out.parquet"
    assert main(["parse", str(inputs), "-o", str(out)]) == 2
    assert "pip install 'newsparse[parquet]'" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "extra", "kind"),
    [
        ("out.csv", [], "csv"),
        ("out.data", ["--output-format", "csv"], "csv"),
        ("out.csv", ["--output-format", "jsonl"], "jsonl"),
        ("out", [], "jsonl"),
        ("out.ndjson", [], "jsonl"),
    ],
)
def test_the_extension_or_output_format_picks_the_writer(
    inputs: Path, tmp_path: Path, name: str, extra: list[str], kind: str
) -> None:
    """-o's extension chooses; --output-format overrides it."""
    out = tmp_path / name
    assert main(["parse", str(inputs / "jekyll-post.md"), "-o", str(out), *extra]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("format,title,") if kind == "csv" else text.startswith('{"format"')


@pytest.mark.parametrize("name", ["out.json", "out.xlsx"])
def test_an_unknown_extension_is_a_usage_error(
    inputs: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An extension that names no format is refused before anything is written."""
    assert main(["parse", str(inputs), "-o", str(tmp_path / name)]) == 2
    assert "--output-format" in capsys.readouterr().err
    assert not (tmp_path / name).exists()


def test_parquet_to_stdout_and_two_outputs_are_usage_errors(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Parquet needs a file; -o and --output-dir exclude each other."""
    assert main(["parse", str(inputs), "--output-format", "parquet"]) == 2
    assert "-o OUT.parquet" in capsys.readouterr().err
    assert main(["parse", str(inputs), "-o", "x.jsonl", "--output-dir", str(tmp_path)]) == 2


def test_fields_and_no_html(inputs: Path, tmp_path: Path) -> None:
    """--fields keeps the named keys (and source) in that order; --no-html drops html;
    error records stay whole."""
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(inputs), "-o", str(out), "--fields", "title,published,url"]) == 1
    got = jsonl(out)
    assert {tuple(r) for r in got if "error" not in r} == {("source", "title", "published", "url")}
    assert [set(r) for r in got if "error" in r] == [{"source", *ERROR_FIELDS}]
    assert main(["parse", str(inputs), "-o", str(out), "--no-html"]) == 1
    articles = [r for r in jsonl(out) if "error" not in r]
    assert all("html" not in r and "text" in r for r in articles)
    csv_out = tmp_path / "out.csv"
    assert main(["parse", str(inputs), "-o", str(csv_out), "--fields", "url,title"]) == 1
    assert (
        csv_out.read_text(encoding="utf-8").splitlines()[0]
        == "source,url,title,error,error_type,error_code"
    )


def test_an_unknown_field_is_a_usage_error(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--fields names only keys of an article record."""
    assert main(["parse", str(inputs), "--fields", "title,headline"]) == 2
    assert "headline" in capsys.readouterr().err


def test_csv_to_stdout(inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--output-format csv without -o writes the table to standard output."""
    assert main(["parse", str(inputs / "jekyll-post.md"), "--output-format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["title"] for r in rows] == ["示例新闻：城市图书馆延长夜间开放时间"]


def test_output_dir_refuses_two_inputs_on_one_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two PATHs whose files share a name would overwrite each other: a usage error."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.md").write_text(story(1), encoding="utf-8")
    args = ["parse", str(tmp_path / "a"), str(tmp_path / "b"), "--output-dir", str(tmp_path / "o")]
    assert main(args) == 2
    assert "would both be written to" in capsys.readouterr().err


def test_output_dir_clash_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The clash is found before the first file is written: no half-written output."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    (tmp_path / "a" / "first.md").write_text(story(1), encoding="utf-8")
    (tmp_path / "a" / "x.md").write_text(story(2), encoding="utf-8")
    (tmp_path / "b" / "x.md").write_text(story(3), encoding="utf-8")
    out = tmp_path / "o"
    args = ["parse", str(tmp_path / "a"), str(tmp_path / "b"), "--output-dir", str(out)]
    assert main(args) == 2
    assert "would both be written to" in capsys.readouterr().err
    assert not out.exists() or not any(out.rglob("*.json"))


# --------------------------------------------------------------------------- write errors


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_a_full_disk_exits_74_naming_the_file(
    inputs: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writing to /dev/full: a message with the file and the reason, status 74 (not 1)."""
    assert main(["parse", str(inputs), "-o", "/dev/full", "--output-format", kind]) == EXIT_OUTPUT
    err = capsys.readouterr().err
    assert "newsparse: error: cannot write /dev/full: No space left on device" in err
    assert "Traceback" not in err


def fill_up_after(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    """Make os.write in the writers behave like a disk that fills up after ``limit`` bytes."""
    written = 0
    real = os.write

    def write(fd: int, data: Any) -> int:
        nonlocal written
        room = limit - written
        if room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = real(fd, bytes(data[:room]))
        written += n
        return n

    monkeypatch.setattr(_writers.os, "write", write)


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_a_disk_filling_up_leaves_whole_records(
    inputs: Path,
    tmp_path: Path,
    kind: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """ENOSPC halfway through a record: the file is cut back to its last complete line."""
    whole = tmp_path / f"whole.{kind}"
    assert main(["parse", str(inputs), "-o", str(whole)]) == 1
    full = whole.read_bytes()
    fill_up_after(monkeypatch, len(full) // 2)
    out = tmp_path / f"out.{kind}"
    assert main(["parse", str(inputs), "-o", str(out)]) == EXIT_OUTPUT
    assert f"cannot write {out}: No space left on device" in capsys.readouterr().err
    cut = out.read_bytes()
    assert 0 < len(cut) < len(full) // 2
    assert full.startswith(cut)
    if kind == "jsonl":
        assert cut.endswith(b"\n")
        assert full.count(b"\n", 0, len(cut)) == cut.count(b"\n")
        assert all(json.loads(line) for line in cut.splitlines())
    else:
        # Records span lines (html cells); the cut ends where a row does.
        whole_rows = list(csv.reader(io.StringIO(full.decode("utf-8"), newline="")))
        cut_rows = list(csv.reader(io.StringIO(cut.decode("utf-8"), newline="")))
        assert cut_rows == whole_rows[: len(cut_rows)]
        assert cut.endswith(b"\r\n")
        assert len(cut_rows) >= 2


def test_output_dir_write_error(
    inputs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--output-dir: the file that could not be written is named; no partial file is left."""
    real = os.replace
    calls = 0

    def replace(src: Any, dst: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst)

    monkeypatch.setattr(_writers.os, "replace", replace)
    outdir = tmp_path / "o"
    assert main(["parse", str(inputs), "--output-dir", str(outdir)]) == EXIT_OUTPUT
    assert "No space left on device" in capsys.readouterr().err
    assert [p.name for p in outdir.rglob("*") if p.is_file()] == ["comment-header.html.json"]


def test_parquet_write_error(
    inputs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A Parquet write that fails exits 74 naming the file."""
    pq = pytest.importorskip("pyarrow.parquet")

    def full(self: Any, table: Any, *args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)
    out = tmp_path / "out.parquet"
    assert main(["parse", str(inputs), "-o", str(out)]) == EXIT_OUTPUT
    assert f"cannot write {out}: No space left on device" in capsys.readouterr().err


def test_ctrl_c_inside_a_record_leaves_whole_records(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between two parts of one record's write: the part written is cut off."""
    real = os.write
    calls = 0

    def write(fd: int, data: Any) -> int:
        nonlocal calls
        calls += 1
        if calls == 3:
            return real(fd, bytes(data[:10]))  # a short write: the rest comes next call
        if calls == 4:
            raise KeyboardInterrupt
        return real(fd, data)

    monkeypatch.setattr(_writers.os, "write", write)
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(inputs), "-o", str(out)]) == 130
    assert len(jsonl(out)) == 2
    assert out.read_bytes().endswith(b"\n")
