"""The newsparse command: main([...]) with captured output, every exit status."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsparse
from newsparse import ParseResult, cli
from newsparse.cli import _parse, main

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

GARBAGE = bytes(range(256)) * 8 + b"\x00" * 512

RICH = """\
<!--1715734743000-->
[Harbour ferry returns](https://news.example.org/2024/05/ferry.html)
------
<div><p>The harbour ferry is back in service.</p>
<figure><img src="https://img.example.org/ferry.jpg" alt="The ferry">
<figcaption>The ferry at the pier. Photo: Jane Roe</figcaption></figure>
<p>Repairs took six weeks.</p></div>
"""


def story(n: int) -> str:
    return (
        f"<!--{1715734743000 + n * 60_000}-->\n"
        f"[Story {n}](https://news.example.org/{n}.html)\n"
        "------\n"
        f"<p>Paragraph of story {n}.</p>\n"
    )


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """docs/: a.md, b.md, sub/c.md, sub/deeper/d.txt (all good)."""
    root = tmp_path / "docs"
    (root / "sub" / "deeper").mkdir(parents=True)
    for n, rel in enumerate(["b.md", "a.md", "sub/c.md", "sub/deeper/d.txt"]):
        (root / rel).write_text(story(n), encoding="utf-8")
    return root


@pytest.fixture
def garbage(tmp_path: Path) -> Path:
    path = tmp_path / "garbage.bin"
    path.write_bytes(GARBAGE)
    return path


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


class TestVersionAndUsage:
    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the program name and version and exits 0."""
        assert main(["--version"]) == 0
        assert capsys.readouterr().out == f"newsparse {newsparse.__version__}\n"

    def test_help_exits_0(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help lists the subcommands."""
        assert main(["--help"]) == 0
        out = capsys.readouterr().out
        assert all(word in out for word in ("parse", "detect", "show"))

    @pytest.mark.parametrize(
        "argv",
        [
            [],
            ["frobnicate"],
            ["parse"],
            ["parse", "--bogus", "x"],
            ["parse", "--workers", "0", "x"],
            ["parse", "--workers", "two", "x"],
            ["parse", "--format", "html", "x"],
            ["show"],
        ],
    )
    def test_bad_arguments_exit_2(
        self, argv: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A wrong command line exits 2 with a message on stderr and nothing on stdout."""
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "error" in captured.err

    @pytest.mark.parametrize("command", ["parse", "detect", "show"])
    def test_missing_path_exits_2(
        self, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A path that does not exist is a usage error, reported before any output."""
        assert main([command, str(tmp_path / "nope.md")]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "no such file or directory" in captured.err

    def test_missing_path_writes_no_output_file(self, tree: Path, tmp_path: Path) -> None:
        """A usage error leaves -o untouched, even when other paths are fine."""
        out = tmp_path / "out.jsonl"
        assert main(["parse", str(tree / "a.md"), str(tmp_path / "nope"), "-o", str(out)]) == 2
        assert not out.exists()

    def test_glob_matching_nothing_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A glob that matches no file is a usage error."""
        assert main(["parse", str(tmp_path / "*.nothing")]) == 2
        assert "no file matches" in capsys.readouterr().err

    def test_stdin_twice_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Standard input can be read once only."""
        assert main(["parse", "-", "-"]) == 2
        assert "only once" in capsys.readouterr().err

    def test_unwritable_output_exits_2(
        self, tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """-o into a folder that does not exist is a usage error."""
        assert main(["parse", str(tree), "-o", str(tmp_path / "no" / "out.jsonl")]) == 2
        assert "cannot write" in capsys.readouterr().err


class TestParse:
    def test_files_in_the_order_given(self, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Each file gives one record, in argument order; exit 0 when all parsed."""
        paths = [str(tree / "sub" / "c.md"), str(tree / "a.md")]
        assert main(["parse", *paths]) == 0
        got = records(capsys.readouterr().out)
        assert [r["source"] for r in got] == paths
        assert [r["title"] for r in got] == ["Story 2", "Story 1"]
        expected = newsparse.parse_file(paths[0]).to_dict()
        assert got[0] == json.loads(json.dumps(expected))

    def test_a_directory_is_its_article_files_sorted(
        self, tree: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A directory expands recursively to its article files, sorted (see test_cli_inputs)."""
        assert main(["parse", str(tree)]) == 0
        sources = [r["source"] for r in records(capsys.readouterr().out)]
        assert sources == [
            str(tree / rel) for rel in ["a.md", "b.md", "sub/c.md", "sub/deeper/d.txt"]
        ]

    def test_globs_are_expanded(self, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A quoted glob is expanded by newsparse, ** included."""
        assert main(["parse", str(tree / "**" / "*.md")]) == 0
        sources = [r["source"] for r in records(capsys.readouterr().out)]
        assert sources == [str(tree / rel) for rel in ["a.md", "b.md", "sub/c.md"]]

    def test_stdin(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """'-' reads standard input (as bytes, so the encoding is detected)."""
        set_stdin(monkeypatch, story(7).encode("utf-16"))
        assert main(["parse", "-"]) == 0
        [record] = records(capsys.readouterr().out)
        assert record["source"] == "-"
        assert record["title"] == "Story 7"
        assert record["encoding"].startswith("utf-16")

    def test_stdin_between_files_keeps_its_place(
        self, tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Files before and after '-' keep their order around it."""
        set_stdin(monkeypatch, story(9).encode())
        assert main(["parse", str(tree / "a.md"), "-", str(tree / "b.md")]) == 0
        got = records(capsys.readouterr().out)
        assert [r["title"] for r in got] == ["Story 1", "Story 9", "Story 0"]

    def test_a_failure_is_an_error_record_and_exit_1(
        self, tree: Path, garbage: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A bad file gives {source, error, error_type, error_code} in its place; the others
        still parse."""
        assert main(["parse", str(tree / "a.md"), str(garbage), str(tree / "b.md")]) == 1
        captured = capsys.readouterr()
        got = records(captured.out)
        assert [r.get("title") for r in got] == ["Story 1", None, "Story 0"]
        assert set(got[1]) == {"source", "error", "error_type", "error_code"}
        assert got[1]["source"] == str(garbage)
        assert got[1]["error_type"] == "UnknownFormatError"
        assert got[1]["error_code"] == "binary"
        assert "1 of 3 inputs failed" in captured.err

    def test_bad_stdin_is_an_error_record(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Empty standard input fails like a file would."""
        set_stdin(monkeypatch, b"")
        assert main(["parse", "-"]) == 1
        [record] = records(capsys.readouterr().out)
        assert record["source"] == "-"
        assert record["error_type"] == "UnknownFormatError"
        assert record["error_code"] == "empty"

    def test_output_file(
        self, tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """-o writes UTF-8 JSON Lines to the file and nothing to stdout."""
        out = tmp_path / "out.jsonl"
        (tree / "zh.md").write_text(story(3).replace("Story 3", "渡輪復航"), encoding="utf-8")
        assert main(["parse", str(tree), "-o", str(out)]) == 0
        assert capsys.readouterr().out == ""
        text = out.read_text(encoding="utf-8")
        assert "渡輪復航" in text  # not \\u-escaped
        assert len(records(text)) == 5

    def test_workers_2_writes_the_same_as_one_process(
        self, tree: Path, garbage: Path, tmp_path: Path
    ) -> None:
        """--workers 2 gives byte-identical output to --workers 1."""
        outputs = []
        for workers in ("1", "2"):
            out = tmp_path / f"out{workers}.jsonl"
            assert main(["parse", str(tree), str(garbage), "-o", str(out), "-w", workers]) == 1
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1]
        assert len(outputs[0].splitlines()) == 5

    def test_format_skips_detection(self, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--format parses every file as the given format."""
        assert main(["parse", str(tree / "a.md"), "--format", "plaintext"]) == 0
        [record] = records(capsys.readouterr().out)
        assert record["format"] == "plaintext"

    def test_strict_fails_a_recoverable_defect(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--strict turns a defect the lenient mode recovers from into an error record."""
        path = tmp_path / "broken.md"
        path.write_text('---\ntitle: "never closed\ndate: [2020\n---\n<p>Body.</p>\n', "utf-8")
        assert main(["parse", str(path)]) == 0
        [lenient] = records(capsys.readouterr().out)
        assert lenient["warnings"]
        assert main(["parse", "--strict", str(path)]) == 1
        [strict] = records(capsys.readouterr().out)
        assert strict["error_type"] == "ParseError"

    def test_ctrl_c_exits_130_keeping_what_was_written(
        self,
        tree: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Ctrl-C stops the run with status 130; the records already written stay whole."""
        closed = []

        def interrupted(paths: Any, **kwargs: Any) -> Iterator[ParseResult]:
            try:
                for path in paths:
                    yield ParseResult(path, article=newsparse.parse_file(path))
                    raise KeyboardInterrupt
            finally:
                closed.append(True)

        monkeypatch.setattr(_parse, "parse_many", interrupted)
        out = tmp_path / "out.jsonl"
        try:
            status = main(["parse", str(tree), "-o", str(out)])
        except KeyboardInterrupt:
            pytest.fail("KeyboardInterrupt escaped main()")
        assert status == 130
        assert "interrupted" in capsys.readouterr().err
        [record] = records(out.read_text(encoding="utf-8"))
        assert record["source"] == str(tree / "a.md")
        assert closed == [True]

    def test_an_unusable_worker_pool_exits_1_with_a_message(
        self, tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """When parse_many gives up on its workers, the command says why and exits 1."""

        def broken(paths: Any, **kwargs: Any) -> Iterator[ParseResult]:
            raise RuntimeError("parse_many stopped: its executor fails every task")
            yield  # a generator, like the real one

        monkeypatch.setattr(_parse, "parse_many", broken)
        assert main(["parse", str(tree)]) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "newsparse: error: parse_many stopped" in captured.err

    def test_progress_bar_only_on_a_terminal(
        self, tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A progress bar with parsed/failed counts is drawn when stderr is a terminal."""

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        terminal = Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        assert main(["parse", str(tree)]) == 0
        assert "parsed=4" in terminal.getvalue()
        assert "failed=0" in terminal.getvalue()
        assert len(records(capsys.readouterr().out)) == 4

        terminal.seek(0)
        terminal.truncate()
        assert main(["parse", "--no-progress", str(tree)]) == 0
        assert terminal.getvalue() == ""

    def test_no_progress_bar_when_stderr_is_not_a_terminal(
        self, tree: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Redirected stderr stays clean."""
        assert main(["parse", str(tree)]) == 0
        assert capsys.readouterr().err == ""

    def test_many_files_choose_processes_themselves(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without --workers, a handful of files stays in one process and many use every CPU."""
        seen: list[int | None] = []
        real = newsparse.parse_many

        def spy(paths: Any, **kwargs: Any) -> Iterator[ParseResult]:
            seen.append(kwargs["workers"])
            return real(paths, **{**kwargs, "workers": 1})

        monkeypatch.setattr(_parse, "parse_many", spy)
        monkeypatch.setattr(_parse, "_cpus", lambda: 3)
        for n in range(_parse.AUTO_PARALLEL_MIN):
            (tmp_path / f"{n:03d}.md").write_text(story(n), encoding="utf-8")
        assert main(["parse", str(tmp_path / "000.md")]) == 0
        assert main(["parse", str(tmp_path)]) == 0
        assert seen == [1, 3]
        assert len(records(capsys.readouterr().out)) == 1 + _parse.AUTO_PARALLEL_MIN


class TestDetect:
    def test_prints_path_tab_format(
        self, tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """One 'PATH<TAB>format' line per file, directories expanded."""
        text = tmp_path / "note.txt"
        text.write_text("A plain headline\n\nFirst line of text.\n", encoding="utf-8")
        assert main(["detect", str(text), str(tree / "sub")]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines == [
            f"{text}\tplaintext",
            f"{tree / 'sub' / 'c.md'}\tcomment-header",
            f"{tree / 'sub' / 'deeper' / 'd.txt'}\tcomment-header",
        ]

    def test_undetectable_file_exits_1(
        self, tree: Path, garbage: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file with no format is reported on stderr; the others are still printed."""
        assert main(["detect", str(garbage), str(tree / "a.md")]) == 1
        captured = capsys.readouterr()
        assert captured.out == f"{tree / 'a.md'}\tcomment-header\n"
        assert str(garbage) in captured.err

    def test_stdin(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """'-' detects standard input."""
        set_stdin(monkeypatch, b"---\ntitle: Hello\n---\nBody.\n")
        assert main(["detect", "-"]) == 0
        assert capsys.readouterr().out == "-\tjekyll\n"


class TestShow:
    def test_lays_the_article_out(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Title, metadata, paragraphs and images with captions, in that order."""
        path = tmp_path / "ferry.md"
        path.write_text(RICH, encoding="utf-8")
        article = newsparse.parse_file(path)
        assert main(["show", str(path)]) == 0
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert lines[0] == "Harbour ferry returns"
        assert set(lines[1]) == {"="}
        assert "https://news.example.org/2024/05/ferry.html" in out
        assert "2024-05-15 00:59:03 UTC (from comment-header)" in out
        positions = [out.index(p) for p in article.paragraphs]
        assert positions == sorted(positions)
        assert out.index("Images (1):") > positions[-1]
        assert "https://img.example.org/ferry.jpg" in out
        caption = article.images[0].caption
        assert caption
        assert f"caption: {caption}" in out

    def test_render_shows_everything_a_reader_needs(self) -> None:
        """Every populated field of an Article appears in the layout."""
        article = newsparse.Article(
            format=newsparse.Format.JEKYLL,
            title="標題",
            url="https://example.org/a",
            author="Ann",
            byline="Bob",
            site="Example",
            tags=("t1", "t2"),
            paragraphs=("One.", "Two."),
            images=(newsparse.Image("https://e.org/i.jpg", caption="Cap", credit="Getty"),),
            media=(newsparse.Media("video", "https://e.org/v.mp4", caption="Clip"),),
            warnings=(newsparse.ParseWarning("ad-line-removed", "removed an ad", 4),),
        )
        out = cli.render(article)
        assert out.startswith("標題\n====\n")  # two columns per CJK character
        for needle in (
            "Author:",
            "Ann",
            "Byline:",
            "Bob",
            "Site:",
            "Example",
            "Tags:",
            "t1, t2",
            "One.\n\nTwo.",
            "caption: Cap",
            "credit: Getty",
            "video: https://e.org/v.mp4",
            "caption: Clip",
            "line 4: removed an ad [ad-line-removed]",
        ):
            assert needle in out

    def test_a_file_that_fails_exits_1(
        self, garbage: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The error goes to stderr."""
        assert main(["show", str(garbage)]) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.startswith(f"newsparse: {garbage}: ")
        assert "binary" in captured.err

    def test_a_directory_exits_2(self, tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """show takes one file."""
        assert main(["show", str(tree)]) == 2
        assert "not a directory" in capsys.readouterr().err

    def test_stdin(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """'-' shows standard input."""
        set_stdin(monkeypatch, story(5).encode())
        assert main(["show", "-"]) == 0
        assert capsys.readouterr().out.startswith("Story 5\n")


def test_python_dash_m(tmp_path: Path) -> None:
    """`python -m newsparse` runs the same main and passes its exit status on."""
    src = str(Path(newsparse.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "newsparse", "--version"], capture_output=True, text=True, env=env
    )
    assert (done.returncode, done.stdout) == (0, f"newsparse {newsparse.__version__}\n")
    done = subprocess.run(
        [sys.executable, "-m", "newsparse", "parse", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2


@pytest.mark.corpus
@pytest.mark.slow
def test_acceptance_real_corpus_plus_garbage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`parse DIR -o out.jsonl --workers 2` over the real corpus plus one binary file:
    1001 records (1000 articles, 1 error record), in sorted order, exit 1."""
    real = sorted((CORPUS / "real").glob("*.md"))
    if not real:
        pytest.skip("../shared/corpus/real is absent")
    folder = tmp_path / "in"
    folder.mkdir()
    for path in real:
        (folder / path.name).symlink_to(path)
    rng = random.Random(1001)
    noise = bytearray(rng.randbytes(4096))
    noise[::7] = b"\x00" * len(noise[::7])
    (folder / "garbage.html").write_bytes(bytes(noise))
    out = tmp_path / "out.jsonl"

    assert main(["parse", str(folder), "-o", str(out), "--workers", "2"]) == 1

    got = records(out.read_text(encoding="utf-8"))
    assert len(got) == 1001
    assert [r["source"] for r in got] == sorted(str(p) for p in folder.iterdir())
    errors = [r for r in got if "error" in r]
    assert [e["source"] for e in errors] == [str(folder / "garbage.html")]
    assert set(errors[0]) == {"source", "error", "error_type", "error_code"}
    articles = [r for r in got if "error" not in r]
    assert len(articles) == 1000
    assert all(r["title"] and r["format"] for r in articles)
    assert "1 of 1001 inputs failed" in capsys.readouterr().err
