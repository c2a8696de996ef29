"""Fewer calls per document outside the body (session 11), against the plain rules.

Each shortcut here gives what the longer way gives: the URL date found from the runs of
digits instead of two scans, the title separator looked for with a pattern that opens
with its mark. Proven on generated input, hostile shapes included.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

from hypothesis import example, given
from hypothesis import strategies as st

from newsparse import dates, titles
from newsparse.formats._lines import first_lines, strip_bom
from newsparse.formats.jekyll import JekyllParser

# ---------------------------------------------------------------------------- URL dates

_FOUR_IN_A_ROW = re.compile(r"\d{4}")


def _date_from_url_scanning(
    url: str | None,
    *,
    near: dt.datetime | None = None,
    alone: bool = False,
    runs: Collection[int] | None = None,
) -> dt.datetime | None:
    """:func:`newsparse.dates.date_from_url` as it was: each pattern scans the path."""
    if not url or _FOUR_IN_A_ROW.search(url) is None:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    host_end = path.find("/", path.find("//") + 2) if "//" in path else 0
    path = path[max(host_end, 0) :]
    for m in dates._URL_YMD_SEP.finditer(path):
        value = dates._valid_day(int(m[1]), int(m[2]), int(m[3]))
        if value is not None and dates._plausible(value, near):
            return value
    for m in dates._URL_DIGITS.finditer(path):
        if runs is not None and len(m[1]) not in runs:
            continue
        if (alone or len(m[1]) not in (8, 14)) and not dates._alone(path, m.start(), m.end()):
            continue
        digits = m[1][:8]
        readings = {
            dates._valid_day(int(digits[0:4]), int(digits[4:6]), int(digits[6:8])),
            dates._valid_day(int(digits[4:8]), int(digits[0:2]), int(digits[2:4])),
            dates._valid_day(int(digits[4:8]), int(digits[2:4]), int(digits[0:2])),
        }
        valid = [
            r
            for r in readings
            if r is not None and dates._plausible(r, near, dates.URL_DIGITS_WINDOW)
        ]
        if len(valid) == 1:
            return valid[0]
    return None


_URL_PIECES = st.sampled_from([
    "https://", "a.example", "/", "?", "#", "-", "_", "x", "中", "9b", "1", "0", "12", "05",
    "19", "20", "2020", "1999", "2038", "20240515", "05162024", "16052024", "202405150042",
    "20240515004200", "123456789", "1234567890123", "123456789012345", "2021/05/12",
    "2021-5-1", "12020-05-12", "\u0662\u0660\u0662\u0660", "\uff12\uff10\uff12\uff14", "٣",
])  # fmt: skip
_NEAR = st.sampled_from([None, dt.datetime(2024, 5, 20, tzinfo=dt.UTC)])
_RUNS = st.sampled_from([None, (), (8, 12, 14), (12, 14), (9,)])


@given(st.lists(_URL_PIECES, max_size=12).map("".join), _NEAR, st.booleans(), _RUNS)
@example("https://a.example/2021/05/12/x/20210513", None, False, None)
@example("https://a.example/2021-13-12/20210513", None, True, (8, 12, 14))
@example("https://a.example/v/20380512?d=20240515", None, True, (12, 14))
@example("/12020-05-12/a/2021/05/12/b", None, False, None)
def test_url_dates_from_digit_runs_are_the_scanned_ones(
    url: str, near: dt.datetime | None, alone: bool, runs: Collection[int] | None
) -> None:
    expected = _date_from_url_scanning(url, near=near, alone=alone, runs=runs)
    assert dates.date_from_url(url, near=near, alone=alone, runs=runs) == expected


def test_url_dates_from_digit_runs_examples() -> None:
    utc = dt.UTC
    assert dates.date_from_url("https://a.example/a/2021/05/12/b") == dt.datetime(
        2021, 5, 12, tzinfo=utc
    )
    assert dates.date_from_url("https://a.example/v/202105120042.aspx") == dt.datetime(
        2021, 5, 12, tzinfo=utc
    )
    assert dates.date_from_url("https://a.example/12020-05-12/") is None


@given(st.text(alphabet="0123456789a٣\uff12-", max_size=30))
def test_digit_runs_are_whole_runs_of_four_or_more(text: str) -> None:
    runs = [m.span() for m in dates._DIGIT_RUN.finditer(text)]
    whole = [m.span() for m in re.finditer(r"(?<!\d)\d{4,}(?!\d)", text)]
    assert runs == whole


# ---------------------------------------------------------------------------- titles

_TITLE_PIECES = st.sampled_from([
    " ", "  ", "\t", "\u3000", "\n", "-", "–", "—", "|", "｜", "a", "中", " - ", " | ", "x" * 40,
])  # fmt: skip


@given(st.lists(_TITLE_PIECES, max_size=16).map("".join))
@example("a - b")
@example("-" + " " * 79 + "- b")
@example("a" * 79 + " - b")
@example("a" * 78 + " - b")
def test_a_suffix_may_follow_only_a_separator_near_the_end(title: str) -> None:
    expected = titles._SEPARATOR.search(title, max(0, len(title) - titles._TAIL)) is not None
    assert titles.may_have_suffix(title) is expected


# ---------------------------------------------------------------------------- detection

_DETECT_PIECES = st.sampled_from([
    "---", "---\n", "\n", " ", "\t", "\ufeff", "a", "key: v", ":", "+++", "=", "[t]", "---- ",
    "\u3000", "x" * 30,
])  # fmt: skip


def _jekyll_detect_by_lines(text: str) -> bool:
    """:meth:`JekyllParser.detect` as it reads every text: its first two lines."""
    lines = first_lines(strip_bom(text[:65536]), 2)
    if len(lines) < 2:
        return False
    first, second = lines[0].rstrip(), lines[1].strip()
    if first.startswith("---") and set(first.strip()) == {"-"}:
        return ":" in lines[1] or (len(second) >= 3 and set(second) == {"-"})
    if first.strip() == "+++":
        return "=" in second or second.startswith("[") or second == "+++"
    return False


@given(st.lists(_DETECT_PIECES, max_size=10).map("".join))
@example("---\n" + "x" * 65532 + ":")
@example("---\n" + "x" * 65531 + ":")
@example("---\n\n:")
@example("---\n \n:")
def test_the_jekyll_shortcut_reads_what_the_lines_say(text: str) -> None:
    assert JekyllParser().detect(text) is _jekyll_detect_by_lines(text)
    assert JekyllParser().detect("---\n" + text) is _jekyll_detect_by_lines("---\n" + text)
