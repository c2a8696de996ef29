"""Which files `newsparse parse DIR` reads: article files only, never its own output."""

from __future__ import annotations

import contextlib
import json
import os
import socket
from pathlib import Path
from typing import Any

import pytest

from newsparse.cli import main
from newsparse.cli._inputs import ARTICLE_EXTENSIONS, Selection, expand


def story(n: int) -> str:
    return f"<!--{1715734743000 + n}-->\n[Story {n}](https://news.example.org/{n}.html)\n------\n<p>Text {n}.</p>\n"


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


ARTICLES = ["a.md", "b.markdown", "c.html", "d.htm", "e.txt", "sub/f.MD", "sub/deep/g.md"]


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    """A mirror as users have them: articles, plus everything a walk must leave alone."""
    root = tmp_path / "mirror"
    for n, rel in enumerate(ARTICLES):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(story(n), encoding="utf-8")
    (root / ".hidden.md").write_text(story(90), encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(range(256)))
    (root / ".git" / "objects").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / ".git" / "notes.md").write_text(story(91), encoding="utf-8")
    (root / "sub" / ".cache").mkdir()
    (root / "sub" / ".cache" / "x.md").write_text(story(92), encoding="utf-8")
    (root / "index.tsv").write_text("id\ttitle\n1\tStory 0\n", encoding="utf-8")
    (root / "build.py").write_text("print('hi')\n", encoding="utf-8")
    (root / "meta.json").write_text('{"a": 1}\n', encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    os.mkfifo(root / "pipe.md")  # reading it would hang forever
    return root


def sources(out: Path) -> list[str]:
    return [r["source"] for r in records(out.read_text(encoding="utf-8"))]


def expected(root: Path, rels: list[str]) -> list[str]:
    return sorted(str(root / r) for r in rels)


@pytest.mark.timeout(60)
def test_a_directory_run_parses_exactly_the_article_files(
    mirror: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hidden files and directories, .git, a .tsv, a .png, a FIFO, a socket and the output
    file itself are all left out: exit 0, one record per article file, in sorted order."""
    out = mirror / "out.jsonl"
    out.write_text('{"stale": "output of an earlier run"}\n', encoding="utf-8")
    with socket.socket(socket.AF_UNIX) as sock:
        with contextlib.suppress(OSError):  # a path too long for AF_UNIX
            sock.bind(str(mirror / "sock.md"))
        assert main(["parse", str(mirror), "-o", str(out)]) == 0
    assert sources(out) == expected(mirror, ARTICLES)
    assert capsys.readouterr().err == ""


def test_the_output_file_is_never_read_whatever_its_name(mirror: Path) -> None:
    """An -o file with an article extension inside the walked tree is still skipped."""
    out = mirror / "sub" / "out.txt"
    out.write_text(story(99), encoding="utf-8")
    assert main(["parse", str(mirror), "-o", str(out), "--output-format", "jsonl"]) == 0
    assert sources(out) == expected(mirror, ARTICLES)


def test_the_output_directory_is_never_read(mirror: Path) -> None:
    """--output-dir inside the walked tree: its .json files are not read back on a rerun."""
    outdir = mirror / "parsed"
    for _ in range(2):
        assert main(["parse", str(mirror), "--output-dir", str(outdir), "--include", "*"]) == 1
    written = sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*.json"))
    assert "parsed" not in {p.split("/")[0] for p in written}
    assert {f"{a}.json" for a in ARTICLES} <= set(written)


def test_a_file_given_by_name_is_always_parsed(mirror: Path, tmp_path: Path) -> None:
    """Naming a .tsv or a hidden file parses it, whatever its extension."""
    out = tmp_path / "out.jsonl"
    named = [str(mirror / "index.tsv"), str(mirror / ".hidden.md")]
    assert main(["parse", *named, "-o", str(out)]) == 0
    assert sources(out) == named


def test_include_replaces_the_extensions(mirror: Path, tmp_path: Path) -> None:
    """--include GLOB (repeatable) takes the files it matches instead of the default set."""
    out = tmp_path / "out.jsonl"
    assert (
        main(["parse", str(mirror), "--include", "*.tsv", "--include", "*.py", "-o", str(out)]) == 0
    )
    assert sources(out) == [str(mirror / "build.py"), str(mirror / "index.tsv")]


def test_exclude_leaves_out_files_and_directories(mirror: Path, tmp_path: Path) -> None:
    """--exclude GLOB drops matching files, and whole directories by name or by path."""
    out = tmp_path / "out.jsonl"
    assert (
        main(["parse", str(mirror), "--exclude", "*.txt", "--exclude", "deep", "-o", str(out)]) == 0
    )
    keep = [a for a in ARTICLES if not a.endswith(".txt") and "deep" not in a]
    assert sources(out) == expected(mirror, keep)
    assert main(["parse", str(mirror), "--exclude", "sub/*", "-o", str(out)]) == 0
    assert sources(out) == expected(mirror, [a for a in ARTICLES if not a.startswith("sub/")])


def test_detect_walks_the_same_way(mirror: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """detect takes the same files from a directory as parse."""
    assert main(["detect", str(mirror)]) == 0
    paths = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert paths == expected(mirror, ARTICLES)


def test_a_glob_names_its_matches(mirror: Path, tmp_path: Path) -> None:
    """A glob's matches are read like named files (as the shell would have expanded it)."""
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(mirror / "*.t*"), "-o", str(out)]) == 0
    assert sources(out) == [str(mirror / "e.txt"), str(mirror / "index.tsv")]


def test_expand_gives_paths_below_the_argument() -> None:
    """Each input knows its path below the directory walked (for --output-dir)."""
    root = Path(__file__).resolve().parents[1] / "examples"
    found = list(expand([str(root)], Selection(), []))
    assert [i.relative for i in found] == sorted(
        p.name for p in root.iterdir() if p.suffix in ARTICLE_EXTENSIONS
    )
    assert all(i.path == str(root / i.relative) for i in found)


def test_an_unreadable_directory_is_reported_and_fails_the_run(
    mirror: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A directory the walk cannot read is named on stderr; exit 1; the rest is parsed."""
    locked = mirror / "sub" / "deep"
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(mirror), "-o", str(out)]) == 1
    assert f"cannot read directory {locked}: Permission denied" in capsys.readouterr().err
    assert sources(out) == expected(mirror, [a for a in ARTICLES if "deep" not in a])
