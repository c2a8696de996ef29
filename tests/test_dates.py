"""Date recognisers: each style of date these files use, and the bounds."""

from __future__ import annotations

import datetime as dt

import pytest

from newsparse.dates import (
    DateError,
    date_from_url,
    from_epoch_ms,
    parse_date_line,
    parse_datetime,
)

UTC = dt.timezone.utc


class TestEpoch:
    """The <!--EPOCH_MS--> header value."""

    def test_milliseconds(self) -> None:
        """Milliseconds since 1970 in UTC."""
        assert from_epoch_ms("1715734743000") == dt.datetime(2024, 5, 15, 0, 59, 3, tzinfo=UTC)

    def test_nan_means_unknown(self) -> None:
        """NaN is no time at all (the front-matter date is then the archive time)."""
        assert from_epoch_ms("NaN") is None

    @pytest.mark.parametrize("raw", ["-5", "99999999999999999999", "12ab", "1e400"])
    def test_garbage_is_a_date_problem(self, raw: str) -> None:
        """Negative, absurdly large or non-numeric stamps are refused with a reason."""
        with pytest.raises(DateError):
            from_epoch_ms(raw)

    def test_seconds_are_recognised(self) -> None:
        """A ten-digit stamp is in seconds."""
        assert from_epoch_ms("1715734743") == dt.datetime(2024, 5, 15, 0, 59, 3, tzinfo=UTC)


class TestDateLines:
    """Standalone date lines in bodies, in each outlet's style."""

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("Wed, 15 May 2024 00:48:57 GMT", dt.datetime(2024, 5, 15, 0, 48, 57, tzinfo=UTC)),
            ("12/06/2023 - 17:21", dt.datetime(2023, 6, 12, 15, 21, tzinfo=UTC)),  # Paris, summer
            ("05/01/2024 - 09:00", dt.datetime(2024, 1, 5, 8, 0, tzinfo=UTC)),  # Paris, winter
            ("2023年7月6日", dt.datetime(2023, 7, 6, tzinfo=UTC)),
            ("2023年7月6日 14:30", dt.datetime(2023, 7, 6, 6, 30, tzinfo=UTC)),  # Beijing time
            ("2024-05-16T07:34:54.218Z", dt.datetime(2024, 5, 16, 7, 34, 54, 218000, tzinfo=UTC)),
            ("发布时间：2024-05-16", dt.datetime(2024, 5, 16, tzinfo=UTC)),
            ("May 15, 2024", dt.datetime(2024, 5, 15, tzinfo=UTC)),
        ],
    )
    def test_recognised(self, line: str, expected: dt.datetime) -> None:
        """Each style gives the right UTC time."""
        assert parse_date_line(line) == expected

    @pytest.mark.parametrize(
        "line",
        ["他在2023年7月6日说", "2024-13-45T99:00:00Z", "32/13/2023 - 10:00", "5月14日", "", "2023"],
    )
    def test_not_date_lines(self, line: str) -> None:
        """Dates inside sentences, impossible dates and fragments are not date lines."""
        assert parse_date_line(line) is None


class TestFrontMatterDates:
    """parse_datetime for front-matter values."""

    def test_bare_day_is_midnight_utc(self) -> None:
        """2022-11-09 is midnight UTC."""
        assert parse_datetime("2022-11-09") == dt.datetime(2022, 11, 9, tzinfo=UTC)

    def test_offset_is_converted_to_utc(self) -> None:
        """A +02:00 time becomes UTC."""
        assert parse_datetime("2016-07-06T09:29:00+02:00") == dt.datetime(
            2016, 7, 6, 7, 29, tzinfo=UTC
        )

    def test_impossible_date(self) -> None:
        """An impossible date is a DateError, not a crash."""
        with pytest.raises(DateError):
            parse_datetime("2024-13-45T99:00:00Z")


class TestUrlDates:
    """Dates written in article URLs."""

    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            (
                "https://www.voachinese.com/a/us-china-ai-dialogue-20240514/7611225.html",
                (2024, 5, 14),
            ),
            ("https://e.org/news/2024/05/14/story.html", (2024, 5, 14)),
            ("https://e.org/news/story-2024-05-14-x", (2024, 5, 14)),
            ("https://www.rfi.fr/cn/科技/20230612-文章", (2023, 6, 12)),
        ],
    )
    def test_found(self, url: str, expected: tuple[int, int, int]) -> None:
        """Separated and compact year-first dates are read."""
        assert date_from_url(url) == dt.datetime(*expected, tzinfo=UTC)

    def test_rfa_month_first_is_read_near_the_archive_date(self) -> None:
        """05162024: only MMDDYYYY is a valid date, so it is the one."""
        near = dt.datetime(2024, 5, 16, 7, 34, tzinfo=UTC)
        url = "https://www.rfa.org/mandarin/yataibaodao/jingmao/ql1-05162024023444.html"
        assert date_from_url(url, near=near) == dt.datetime(2024, 5, 16, tzinfo=UTC)

    def test_ambiguous_digits_use_the_archive_date(self) -> None:
        """09012023 is 1 Sept or 9 Jan: the one just before the archive date wins."""
        url = "https://wire.example.com/local/cleanup-09012023101500.html"
        assert date_from_url(url, near=dt.datetime(2023, 9, 2, tzinfo=UTC)) == dt.datetime(
            2023, 9, 1, tzinfo=UTC
        )
        assert date_from_url(url) is None  # without the archive date it stays ambiguous

    def test_numbers_that_are_no_dates(self) -> None:
        """Article ids are not dates; the host is never read."""
        assert date_from_url("https://www.voachinese.com/a/7510427.html") is None
        assert date_from_url("https://20240514.example.org/x") is None
