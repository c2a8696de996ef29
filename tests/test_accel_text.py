"""The compiled text scans give the results of their pure-Python references.

``newsparse._ctree`` scans whole documents for facts that :mod:`newsparse.encoding` reads
(runs of control characters, surrogates). Each compiled function is compared with its
reference on generated text of all three string widths (Latin-1, BMP, astral), and the
pure path's shortcuts are compared with the references too. The tests that need the
extension skip when it is not built (or runs with ``NEWSPARSE_PURE=1``).
"""

from __future__ import annotations

import contextlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsparse._text import clean_invisible
from newsparse.errors import UnknownFormatError
from newsparse.formats import _looks_binary, count_controls_py, detect_text_format
from newsparse.textchecks import (
    CONTROL_RUN,
    control_runs,
    control_runs_py,
    has_surrogates_py,
    repair_text,
    text_scan_py,
)

from .test_accel import CTREE, PARITY, needs_extension, pure_path

# Characters near every boundary the scans test: the control ranges and the white space
# between them, DEL and C1 controls (not in a run), surrogates and astral characters whose
# low bits look like one, one character of each string width so that every storage kind
# is generated, and long pieces so that runs fall across the scans' blocks of 32 units.
PIECES = st.sampled_from([
    "\x00", "\x01", "\x08", "\t", "\n", "\x0b", "\x0c", "\r", "\x0e", "\x1b", "\x1f", " ",
    "\x7f", "\x85", "a", "é", "\xff", "中", "\u0100", "\ud7ff", "\ud800", "\udbff", "\udc00",
    "\udfff", "\ue000", "\ufffd", "\U0001f600", "\U0010ffff",
    "\U0001d800", "\U0010dfff", "\x00\x00\x00\x00", "\x01\x02\x03", "\x0e\x0f\x10\x11\x12",
    "\n\x00\x00\x00\x00\n", "a" * 31, "中" * 32, "\U0001f600" * 33, "\n\t" * 20,
])  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map("".join)


def _surrogate_search(text: str) -> bool:
    return re.search("[\ud800-\udfff]", text) is not None


# ---------------------------------------------------------------------------- compiled


@needs_extension
@PARITY
@given(TEXTS, st.integers(1, 6))
def test_control_runs_match_the_reference(text: str, shortest: int) -> None:
    assert CTREE is not None
    runs = re.compile(f"[\x00-\x08\x0e-\x1f]{{{shortest},}}")
    found = list(runs.finditer(text))
    expected = (sum(len(m[0]) for m in found), found[0].start() if found else -1)
    assert CTREE.control_runs(text, shortest) == expected
    if shortest == CONTROL_RUN:
        assert CTREE.control_runs(text, shortest) == control_runs_py(text)


@needs_extension
@PARITY
@given(TEXTS)
def test_has_surrogates_matches_the_reference(text: str) -> None:
    assert CTREE is not None
    assert CTREE.has_surrogates(text) is has_surrogates_py(text) is _surrogate_search(text)


@needs_extension
@PARITY
@given(TEXTS, st.integers(-2, 60))
def test_count_controls_matches_the_reference(text: str, end: int) -> None:
    assert CTREE is not None
    expected = len(re.findall("[\x00-\x08\x0e-\x1f]", text[: max(end, 0)]))
    assert CTREE.count_controls(text, end) == count_controls_py(text, end) == expected


@needs_extension
def test_control_runs_refuse_an_empty_run() -> None:
    assert CTREE is not None
    with pytest.raises(ValueError, match="at least one character"):
        CTREE.control_runs("\x00", 0)


@needs_extension
def test_control_runs_read_every_string_width() -> None:
    assert CTREE is not None
    run = "\x00\x01\x02\x03\x1f"
    for filler in ("a", "é", "中", "\U0001f600"):
        text = f"{filler}\n{filler}{run}{filler}\x00\x00\x00{filler}{run}"
        assert CTREE.control_runs(text, CONTROL_RUN) == (10, 3)
        assert CTREE.has_surrogates(text) is False
    assert CTREE.has_surrogates("中\udfff") is CTREE.has_surrogates("\U0001f600\ud800") is True


# ---------------------------------------------------------------------------- both paths


@PARITY
@given(TEXTS)
def test_control_runs_report_the_reference_on_both_paths(text: str) -> None:
    count, first = control_runs_py(text)
    expected = (0, None) if not count else (count, text.count("\n", 0, first) + 1)
    assert control_runs(text) == expected
    with pure_path():
        assert control_runs(text) == expected


@PARITY
@given(TEXTS)
def test_repair_text_is_the_same_on_both_paths(text: str) -> None:
    repaired = repair_text(text)
    with pure_path():
        assert repair_text(text) == repaired
    assert not _surrogate_search(repaired[0])
    assert bool(repaired[1]) is _surrogate_search(text)


@PARITY
@given(TEXTS)
def test_looks_binary_is_the_same_on_both_paths(text: str) -> None:
    verdict = _looks_binary(text)
    with pure_path():
        assert _looks_binary(text) is verdict


def test_looks_binary_counts_controls_and_replacements() -> None:
    def verdicts() -> list[bool]:
        return [
            _looks_binary("\x00\x01" * 10 + "正文" * 115),  # 20 of 250: 8 %
            _looks_binary("\x00\x01" * 10 + "正文" * 80),  # 20 of 180: 11 %
            _looks_binary("\ufffd" * 31 + "a" * 69),
            _looks_binary("\t\n\r\x0b\x0c" * 100),
            _looks_binary("正文" * 3000 + "\x00" * 1000),  # past the sample
            _looks_binary(""),
        ]

    expected = [False, True, True, False, False, False]
    assert verdicts() == expected
    with pure_path():
        assert verdicts() == expected


def test_control_runs_name_the_line_of_the_first_run() -> None:
    text = "one\ntwo \x00\x00\x00 three\nfour\x00\x00\x00\x00\x00\nfive\x01\x02\x03\x04"
    assert control_runs(text) == (9, 3)
    with pure_path():
        assert control_runs(text) == (9, 3)
    assert control_runs("no controls\t\r\n\x0b\x0c at all") == (0, None)


# ---------------------------------------------------------------------------- one look


@needs_extension
@PARITY
@given(TEXTS, st.integers(1, 6), st.integers(-2, 80))
def test_text_scan_matches_the_reference(text: str, shortest: int, sample: int) -> None:
    assert CTREE is not None
    expected = text_scan_py(text, shortest, sample)
    assert CTREE.text_scan(text, shortest, sample) == expected
    # The reference says what the scans it stands for say.
    runs = control_runs_py(text) if shortest == CONTROL_RUN else expected[1:3]
    end = max(sample, 0)
    assert expected == (
        _surrogate_search(text),
        *runs,
        "\r" in text,
        clean_invisible(text) != text,
        count_controls_py(text, end),
        text[:end].count("\ufffd"),
    )


@needs_extension
def test_text_scan_reads_every_string_width_and_refuses_an_empty_run() -> None:
    assert CTREE is not None
    run = "\x00\x01\x02\x03\x1f"
    for filler in ("a", "é", "中", "\U0001f600"):
        text = f"{filler}\r\n{filler}{run}{filler}\x00\x00\x00{filler}{run}\ufffd" * 9
        assert CTREE.text_scan(text, CONTROL_RUN, 40) == text_scan_py(text, CONTROL_RUN, 40)
    assert CTREE.text_scan("中\udfff", 4, 9)[0] is CTREE.text_scan("\U0001f600\ud800", 4, 9)[0]
    for invisible in (
        "\x0b",
        "\x0c",
        "\x7f",
        "\x9f",
        "\xad",
        "\u200b",
        "\u200d",
        "\u2060",
        "\ufeff",
    ):
        for filler in ("a" * 40, "中" * 40, "\U0001f600" * 40):
            text = filler + invisible + filler
            assert CTREE.text_scan(text, CONTROL_RUN, 9)[4] is True
            assert CTREE.text_scan(filler + "\t\n\r" + filler, CONTROL_RUN, 9)[4] is False
    with pytest.raises(ValueError, match="at least one character"):
        CTREE.text_scan("\x00", 0, 1)
    with pytest.raises(ValueError, match="at least one character"):
        text_scan_py("\x00", 0, 1)


@PARITY
@given(TEXTS)
def test_parse_reads_the_text_the_same_on_both_paths(text: str) -> None:
    """The compiled path's one look at a ``str`` (``text_scan``) finds the problems, and the
    format, that the scans of the pure path find."""
    from newsparse import _api

    found = _api._as_text(text, None)
    with pure_path():
        expected = _api._as_text(text, None)
    assert found[:3] == expected[:3]
    assert expected[3:] == (None, False)  # the pure path knows neither
    if found[4]:
        assert clean_invisible(text) == text
    if found[3] is not None:
        assert "\r" not in text
        assert found[3] == (count_controls_py(text, 4096), text[:4096].count("\ufffd"))
    try:
        fmt = detect_text_format(text, found[3])
    except UnknownFormatError as exc:
        with pure_path(), pytest.raises(UnknownFormatError) as caught:
            detect_text_format(text)
        assert caught.value.code == exc.code
    else:
        with pure_path():
            assert detect_text_format(text) is fmt


@pytest.mark.parametrize("path", ["compiled", "pure"])
def test_a_subclass_of_str_is_parsed_as_the_str(path: str) -> None:
    """A ``str`` subclass is read as the ``str`` it holds (the compiled scans take only
    ``str`` itself: a subclass was an internal error on the compiled path)."""
    import newsparse

    class Text(str):
        pass

    document = (
        "---\ntitle: x\n---\n<!--1715734743000-->\n[x](https://a.example/1)\n------\n<p>hi</p>"
    )
    if path == "pure":
        with pure_path():
            assert newsparse.parse(Text(document)) == newsparse.parse(document)
            assert newsparse.detect_format(Text(document)) is newsparse.detect_format(document)
    else:
        assert newsparse.parse(Text(document)) == newsparse.parse(document)
        assert newsparse.detect_format(Text(document)) is newsparse.detect_format(document)


@pytest.mark.parametrize("path", ["compiled", "pure"])
def test_a_subclass_of_str_is_read_as_its_characters_not_its_methods(path: str) -> None:
    """A subclass's ``__str__`` or ``__len__`` does not change what is parsed, nor the
    size limit (a ``__len__`` of 0 let a document of any size through)."""
    import newsparse
    from newsparse._limits import MAX_INPUT

    class Other(str):
        def __str__(self) -> str:
            return "---\ntitle: Other\n---\n<p>other</p>"

    class Short(str):
        def __len__(self) -> int:
            return 0

    document = "---\ntitle: Real\n---\n<p>real text</p>\n"
    large = "---\ntitle: Large\n---\n" + "<p>w</p>" * (MAX_INPUT // 8 + 1)
    with pure_path() if path == "pure" else contextlib.nullcontext():
        assert newsparse.parse(Other(document)).title == "Real"
        with pytest.raises(newsparse.ParseError) as caught:
            newsparse.parse(Short(large))
        assert caught.value.code == "too-large"
