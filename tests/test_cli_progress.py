"""What `newsparse parse` tells a person: the bar, the summary, -q and -v; and `show` and
`detect` on a terminal that cannot encode Chinese."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from newsparse.cli import main


def story(n: int, title: str = "") -> str:
    return f"<!--{1715734743000 + n}-->\n[{title or f'Story {n}'}](https://news.example.org/{n}.html)\n------\n<p>Text {n}.</p>\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Four good articles and seven that fail (empty), in a known order."""
    root = tmp_path / "in"
    root.mkdir()
    for n in range(4):
        (root / f"a{n}.md").write_text(story(n), encoding="utf-8")
    for n in range(7):
        (root / f"z{n}.md").write_text("\n", encoding="utf-8")
    return root


def test_the_bar_knows_the_total(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a terminal: done/total, percent, rate and the failures so far."""
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["parse", str(folder)]) == 1
    text = terminal.getvalue()
    assert "11/11" in text
    assert "100%" in text
    assert re.search(r"files/s", text)
    assert "failed=7" in text
    assert "parsed=4" in text


def test_the_summary_names_the_first_failures_and_their_codes(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """At the end: the count, the first five failing files with codes, counts per code."""
    assert main(["parse", str(folder)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "newsparse: 7 of 11 inputs failed to parse"
    assert err[2:7] == [f"    {folder / f'z{n}.md'} [empty]" for n in range(5)]
    assert err[7] == "    … and 2 more"
    assert err[8] == "  by error code: empty 7"


def test_quiet_says_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """-q: no bar even on a terminal, no summary; the exit status still tells."""
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["parse", "-q", str(folder)]) == 1
    assert terminal.getvalue() == ""


def test_verbose_names_each_failure_and_sums_up_a_clean_run(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-v: one line per failure as it happens, and a summary even when all parsed."""
    assert main(["parse", "-v", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.count("newsparse: failed: ") == 7
    assert f"failed: {folder / 'z6.md'} [empty]: " in err
    assert main(["parse", "-v", str(folder / "a0.md")]) == 0
    assert re.match(r"newsparse: all 1 inputs parsed in [\d.]+ s", capsys.readouterr().err)


def ascii_stdout(monkeypatch: pytest.MonkeyPatch) -> io.BytesIO:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii", errors="strict"))
    return raw


def test_show_on_an_ascii_terminal_escapes_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """show prints \\u escapes where the terminal cannot encode a character, not a traceback."""
    path = tmp_path / "zh.md"
    path.write_text(story(1, "渡輪復航"), encoding="utf-8")
    raw = ascii_stdout(monkeypatch)
    assert main(["show", str(path)]) == 0
    sys.stdout.flush()
    assert raw.getvalue().decode("ascii").startswith("\\u6e21\\u8f2a\\u5fa9\\u822a\n")


def test_detect_on_an_ascii_terminal_escapes_chinese_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """detect prints a Chinese file name escaped instead of crashing."""
    path = tmp_path / "新聞.md"
    path.write_text(story(1), encoding="utf-8")
    raw = ascii_stdout(monkeypatch)
    assert main(["detect", str(path)]) == 0
    sys.stdout.flush()
    assert raw.getvalue().decode("ascii").endswith("\\u65b0\\u805e.md\tcomment-header\n")
