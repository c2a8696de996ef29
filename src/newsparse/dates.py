"""Dates: every way these files state a time, turned into an aware UTC :class:`~datetime.datetime`.

The only module that knows date formats. Each recogniser is a small function, tried in a
visible order; bounds are named constants. Nothing here returns a naive datetime.

Evidence kinds, as :attr:`newsparse.Article.date_source` names them:

``comment-header``  ``<!--1715734743000-->``: milliseconds since the Unix epoch.
``front-matter``    ``date: 2024-05-16T07:34:54.218Z`` (ISO 8601, or a bare day).
``body``            a line of its own in the body: ``Wed, 15 May 2024 00:48:57 GMT``,
                    RFI's day-first Paris time ``12/06/2023 - 17:21``, ``2023年7月6日``, ISO.
``url``             ``/20240514/``, ``-2024-05-14-``, ``/2024/05/14/``, RFA's ``05162024``
                    (read only when exactly one of YYYYMMDD, MMDDYYYY, DDMMYYYY is a valid date),
                    a date followed by a serial or a time (``/202105120042.aspx``). A declared
                    date more than :data:`URL_CONTRADICTION` away from a URL date loses to it
                    (:func:`url_contradiction`).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Collection
from typing import Final

from dateutil import parser as _dateutil_parser
from dateutil import tz as _tz

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "DateError",
    "date_from_url",
    "from_epoch_ms",
    "parse_date_line",
    "parse_datetime",
    "url_contradiction",
]

UTC: Final = dt.timezone.utc
MIN_YEAR: Final = 1970
"""Earliest year accepted as a publication date."""
MAX_YEAR: Final = 2200
"""Latest year accepted as a publication date."""
MIN_STAMP_YEAR: Final = 1990
"""Earliest year a header timestamp may give (smaller numbers are placeholders)."""
URL_MIN_YEAR: Final = 1995
"""Earliest year a date read from a URL may have (news sites start in the mid-1990s)."""
URL_WINDOW_BEFORE: Final = dt.timedelta(days=3660)
"""How long before the archive date a URL date may be, when the archive date is known."""
URL_WINDOW_AFTER: Final = dt.timedelta(days=2)
"""How long after the archive date a URL date may be (time zones, clock skew)."""
URL_DIGITS_WINDOW: Final = dt.timedelta(days=92)
"""How long before the archive date an all-digit URL date (``05162024``) may be: its
readings (YYYYMMDD, MMDDYYYY, DDMMYYYY) are told apart by nearness to the archive date."""
URL_CONTRADICTION: Final = dt.timedelta(days=366)
"""A declared date further than this from the full date written in the article URL is wrong:
the URL wins (a site's date field left at a default, a re-dated mirror, a stamp of the
archiving run). Within it, the declared date stands (time zones, late edits, re-posts)."""
SECONDS_CUTOFF: Final = 1e11
"""A header value below this (1973 in ms) but at least 1e8 is read as seconds."""
PARIS: Final = _tz.gettz("Europe/Paris") or UTC
BEIJING: Final = dt.timezone(dt.timedelta(hours=8))
MAX_DATE_LINE: Final = 64
"""Longest text that can be a standalone date line."""


_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_NUMBER: Final = re.compile(r"[+-]?\d{1,20}(\.\d+)?")


class DateError(ValueError):
    """A date was stated but cannot be a real time (out of range, impossible, garbled)."""


def _in_range(value: dt.datetime) -> dt.datetime:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise DateError(f"date {value.isoformat()} is outside {MIN_YEAR}-{MAX_YEAR}")
    return value.astimezone(UTC)


def from_epoch_ms(raw: str) -> dt.datetime | None:
    """Read the ``<!--EPOCH_MS-->`` value.

    Returns:
        The time, or ``None`` for ``NaN`` (the archiver had no publication time).

    Raises:
        DateError: the value is not a number, or is negative or absurdly large.
    """
    value = raw.strip()
    if value.isdecimal() and len(value) <= 20:
        ms: float = int(value)  # most stamps: digits, which _EPOCH_NUMBER matches
    elif value.lower() in {"nan", "", "null", "undefined", "none"}:
        return None
    elif not _EPOCH_NUMBER.fullmatch(value):
        raise DateError(f"header comment {value[:40]!r} is not a number of milliseconds")
    else:
        ms = float(value) if "." in value else int(value)
    if ms < 0:
        raise DateError(f"header timestamp {value} is negative")
    if 1e8 <= ms < SECONDS_CUTOFF:
        ms *= 1000  # ten digits: written in seconds, not milliseconds
    try:
        moment = _EPOCH + dt.timedelta(milliseconds=ms)
    except OverflowError:
        raise DateError(f"header timestamp {value[:24]} is too large to be a date") from None
    if moment.year < MIN_STAMP_YEAR:
        raise DateError(
            f"header timestamp {value} is {moment.date()}, before {MIN_STAMP_YEAR}: not a real date"
        )
    return _in_range(moment)


_ISO_DAY: Final = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def parse_datetime(raw: str, *, default_tz: dt.tzinfo = UTC) -> dt.datetime:
    """Parse a front-matter style date: ISO 8601, a bare day, or ``2020-01-02 10:00:00 +0800``.

    A value without an offset is taken in ``default_tz`` (UTC unless told otherwise).

    Raises:
        DateError: the text is not a date, or an impossible one (``2024-13-45``).
    """
    text = raw.strip()
    if not text or len(text) > 80:
        raise DateError(f"{text[:40]!r} is not a date")
    try:
        if _ISO_DAY.fullmatch(text):
            y, m, d = (int(p) for p in text.split("-"))
            value = dt.datetime(y, m, d)
        else:
            try:
                value = dt.datetime.fromisoformat(
                    text.replace("Z", "+00:00").replace("z", "+00:00")
                )
            except ValueError:
                value = _dateutil_parser.parse(text, fuzzy=False)
        if value.tzinfo is None or value.utcoffset() is None:
            value = value.replace(tzinfo=default_tz)
        return _in_range(value)
    except DateError:
        raise
    except (ValueError, OverflowError, _dateutil_parser.ParserError) as exc:
        reason = str(exc)
        if "offset must be" in reason:  # ``+25:00``: an offset is under 24 hours
            reason = "its UTC offset is not between -24 and +24 hours"
        raise DateError(f"{text[:40]!r} is not a valid date ({reason})") from None


_MONTHS: Final = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_LABEL: Final = (
    r"(?:(?:发布|發布|发表|發表)(?:时间|時間|日期|于|於)?|日期|时间|時間|"
    r"(?:published|posted)(?:\s+on)?|date(?=\s*[:：]))\s*[:：]?\s*"
)
_RFC2822: Final = re.compile(
    rf"(?:[a-z]{{3}},\s*)?\d{{1,2}}\s+(?:{_MONTHS})[a-z]*\s+\d{{4}}\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
    r"(?:\s*(?:gmt|utc|ut|[a-z]{3}|[+-]\d{4}))?(?:\s*\([^()]{0,48}\))?",
    re.IGNORECASE,
)
_JS_DATE: Final = re.compile(
    rf"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+({_MONTHS})[a-z]*\s+(\d{{1,2}})\s+(\d{{4}})\s+"
    r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:gmt|utc)?\s*(?:([+-])(\d{2}):?(\d{2}))?"
    r"(?:\s*\([^()]{0,48}\))?",
    re.IGNORECASE,
)
"""JavaScript's ``Date.toString()``: ``Mon Sep 14 2020 16:05:00 GMT+0800 (China Standard Time)``."""
_MONTH_NUMBER: Final = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_RFI: Final = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s*[-–—]\s*(\d{1,2})[:h](\d{2})")
_DMY_SLASH: Final = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_CHINESE: Final = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]"
    r"(?:\s*(?:[(（]?[星周週][期]?[一二三四五六日天][)）]?)?\s*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?"
)
_ISO_LINE: Final = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?",
    re.IGNORECASE,
)
_ENGLISH: Final = re.compile(
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})[a-z]*\.?,?\s+\d{{4}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?(?:\s*(?:gmt|utc|[+-]\d{4}))?)?",
    re.IGNORECASE,
)
_LINE_PREFIX: Final = re.compile(_LABEL, re.IGNORECASE)
_DIGIT: Final = re.compile(r"\d")
_YEAR_DIGITS: Final = re.compile(r"\d\d\d\d")
r"""Four digits in a row: every date line pattern below writes the year so. (Written
``\d\d\d\d``, not ``\d{4}``: a pattern that opens with a character set is scanned for
quickly, one that opens with a repeat is tried at every place.)"""
_DATE_START: Final = re.compile(r"[a-z\d]", re.IGNORECASE)
"""What a date line opens with (after its label): a digit, or the letter of a weekday or month
name. With the same flag as the patterns, so that it is a superset of their first characters."""


def parse_date_line(text: str) -> dt.datetime | None:
    """Read ``text`` as a standalone date line, or return ``None`` when it is anything else.

    Only a line that is a date and nothing more counts (an optional ``发布时间：`` or
    ``Published:`` label aside): dates inside sentences are events, not datelines.
    """
    # Cheap rejections first, as nearly every paragraph is not a date line: too long (strip
    # copies nothing when there is nothing to strip), no digit (one fast scan), no run of
    # four digits (the year that every pattern of _read_date_line writes; searched from the
    # first digit, as a regex starting with a repeat is not scanned for as fast).
    line = text.strip()
    if not line or len(line) > MAX_DATE_LINE:
        return None
    digit = _DIGIT.search(line)
    if digit is None or _YEAR_DIGITS.search(line, digit.start()) is None:
        return None
    prefix = _LINE_PREFIX.match(line)
    if prefix:
        line = line[prefix.end() :].strip()
    if _DATE_START.match(line) is None:
        return None
    try:
        return _read_date_line(line)
    except (DateError, ValueError, OverflowError):
        return None


def _read_date_line(line: str) -> dt.datetime | None:
    if _RFC2822.fullmatch(line):
        parsed = email.utils.parsedate_to_datetime(line)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return _in_range(parsed)
    m = _JS_DATE.fullmatch(line)
    if m:
        month = _MONTH_NUMBER[m[1][:3].lower()]
        offset = dt.timedelta(0)
        if m[7]:
            offset = dt.timedelta(hours=int(m[8]), minutes=int(m[9]))
            offset = -offset if m[7] == "-" else offset
        if abs(offset) >= dt.timedelta(days=1):
            return None
        when = dt.datetime(
            int(m[3]),
            month,
            int(m[2]),
            int(m[4]),
            int(m[5]),
            int(m[6] or 0),
            tzinfo=dt.timezone(offset),
        )
        return _in_range(when)
    m = _RFI.fullmatch(line)
    if m:
        day, month, year, hour, minute = (int(g) for g in m.groups())
        return _in_range(dt.datetime(year, month, day, hour, minute, tzinfo=PARIS))
    m = _CHINESE.fullmatch(line)
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        if m[4] is None:
            return _in_range(dt.datetime(year, month, day, tzinfo=UTC))
        second = int(m[6]) if m[6] else 0
        return _in_range(
            dt.datetime(year, month, day, int(m[4]), int(m[5]), second, tzinfo=BEIJING)
        )
    m = _DMY_SLASH.fullmatch(line)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return _in_range(dt.datetime(year, month, day, tzinfo=UTC))
    if _ISO_LINE.fullmatch(line):
        head, rest = line[:10], line[10:]
        return parse_datetime(re.sub(r"(?<=\d)[/.](?=\d)", "-", head) + rest)
    if _ENGLISH.fullmatch(line):
        value = _dateutil_parser.parse(line, fuzzy=False)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return _in_range(value)
    return None


# Both patterns test "no digit before" after their first characters, not before them: a
# pattern that opens with a lookbehind is tried at every position of the URL, one that opens
# with a digit or a literal is scanned for quickly. (?<!\d{5}) after four digits and
# (?<!\d\d) after one say the same as (?<!\d) before them.
_URL_YMD_SEP: Final = re.compile(r"((?:19|20)\d{2})(?<!\d{5})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)")
"""A year (``19xx``, ``20xx``), month and day separated by ``/``, ``_`` or ``-``, with no
digit touching either end."""
_URL_DIGITS: Final = re.compile(r"(\d(?<!\d\d)\d{7,13})(?!\d)")
"""A run of 8 to 14 digits: a date, alone or followed by a time or a serial (``202105120042``);
only its first eight digits are read as a day."""
_DIGIT_RUN: Final = re.compile(r"\d\d\d\d+")
r"""A run of four digits or more (``\d`` as the URL patterns': any decimal digit), whole:
where a match of :data:`_URL_YMD_SEP` (its year: a run of exactly four) or of
:data:`_URL_DIGITS` (a run of 8 to 14) starts. :func:`date_from_url` finds the runs in one
scan and tries the patterns at their starts only: the same matches, in the same order, as
scanning the URL with each pattern. (Written so that it opens with a character set, which
the regex engine skips ahead to.)"""


def _valid_day(year: int, month: int, day: int) -> dt.datetime | None:
    try:
        return dt.datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def _plausible(
    value: dt.datetime, near: dt.datetime | None, before: dt.timedelta = URL_WINDOW_BEFORE
) -> bool:
    if not URL_MIN_YEAR <= value.year <= MAX_YEAR:
        return False
    if near is None:
        return True
    return near - before <= value <= near + URL_WINDOW_AFTER


def _alone(path: str, start: int, end: int) -> bool:
    """Whether ``path[start:end]`` is no part of a longer word (``/202105120042.aspx``, not
    the hex id ``9b20190512e3``)."""
    return not (start > 0 and path[start - 1].isalnum()) and not (
        end < len(path) and path[end].isalnum()
    )


def date_from_url(
    url: str | None,
    *,
    near: dt.datetime | None = None,
    alone: bool = False,
    runs: Collection[int] | None = None,
) -> dt.datetime | None:
    """Find the publication day written in an article URL (midnight UTC), or ``None``.

    Args:
        url: the article URL.
        near: the archive time, when known: a URL date must fall shortly before it.
        alone: read a run of digits only when no letter touches it (a date, not part of an
            id). Runs of 9 to 13 digits are always read so.
        runs: the lengths of digit runs read (all of 8 to 14 when ``None``; none when empty).
    """
    if not url or _DIGIT_RUN.search(url) is None:
        return None  # most URLs: both patterns need four digits in a row
    path = url.split("?", 1)[0].split("#", 1)[0]
    host_end = path.find("/", path.find("//") + 2) if "//" in path else 0
    path = path[max(host_end, 0) :]
    spans = [m.span() for m in _DIGIT_RUN.finditer(path)]
    for start, end in spans:
        if end - start != 4:
            continue
        m = _URL_YMD_SEP.match(path, start)
        if m is None:
            continue
        value = _valid_day(int(m[1]), int(m[2]), int(m[3]))
        if value is not None and _plausible(value, near):
            return value
    for start, end in spans:
        if not 8 <= end - start <= 14:
            continue
        run = path[start:end]
        if runs is not None and len(run) not in runs:
            continue
        if (alone or len(run) not in (8, 14)) and not _alone(path, start, end):
            continue
        digits = run[:8]
        readings = {
            _valid_day(int(digits[0:4]), int(digits[4:6]), int(digits[6:8])),  # YYYYMMDD
            _valid_day(int(digits[4:8]), int(digits[0:2]), int(digits[2:4])),  # MMDDYYYY (RFA)
            _valid_day(int(digits[4:8]), int(digits[2:4]), int(digits[0:2])),  # DDMMYYYY
        }
        valid = [r for r in readings if r is not None and _plausible(r, near, URL_DIGITS_WINDOW)]
        if len(valid) == 1:
            return valid[0]
    return None


URL_DATE_RUNS: Final = (8, 12, 14)
"""Lengths of a run of digits read as a date against a declared one: a day, a day and a
serial (``202105120042``), a day and a time."""


def url_contradiction(
    declared: dt.datetime, url: str | None, *, seen: bool = False
) -> dt.datetime | None:
    """Return the URL's date when it contradicts ``declared`` by more than :data:`URL_CONTRADICTION`.

    Only a full date counts (year, month and day; an all-digit date only when it has
    8, 12 or 14 digits (:data:`URL_DATE_RUNS`), one reading is valid and no letter touches
    it, so that ids like ``9b20190512e3`` or ``19990512001`` are no date), read without an
    archive-time window, as it is checked against a date, not guided by one. When
    ``declared`` is when the mirror saw the post (``seen``: the header stamp), a bare
    8-digit run dated after it is an id (``/v/20380512``): the post existed before; a
    separated date or a day with a serial or a time (``202105120042``) still counts. ``None`` when
    the URL has no such date or agrees.
    """
    found = date_from_url(url, alone=True, runs=URL_DATE_RUNS)
    if found is None or abs(declared - found) <= URL_CONTRADICTION:
        return None
    if seen and found > declared and date_from_url(url, alone=True, runs=(12, 14)) != found:
        return None
    return found
