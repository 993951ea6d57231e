from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from sitegen.fields import parse_duration, parse_timestamp


@pytest.mark.parametrize(
    "text, expected",
    [("90s", timedelta(seconds=90)), ("20m", timedelta(minutes=20)), ("2h", timedelta(hours=2)),
     ("1d", timedelta(days=1)), (" 5m ", timedelta(minutes=5))],
)
def test_durations(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["20", "20 minutes", "m", "-5m", "1.5h", ""])
def test_not_durations(text):
    assert parse_duration(text) is None


def test_a_naive_timestamp_is_read_in_the_site_timezone():
    berlin = ZoneInfo("Europe/Berlin")
    value = parse_timestamp("2026-07-01T12:00", berlin)
    assert value.astimezone(timezone.utc) == datetime(2026, 7, 1, 10, 0, tzinfo=timezone.utc)
    winter = parse_timestamp("2026-12-01 12:00", berlin)
    assert winter.astimezone(timezone.utc) == datetime(2026, 12, 1, 11, 0, tzinfo=timezone.utc)


def test_an_offset_means_exactly_that_instant():
    value = parse_timestamp("2026-11-26T14:02:00+02:00", ZoneInfo("America/New_York"))
    assert value.astimezone(timezone.utc) == datetime(2026, 11, 26, 12, 2, tzinfo=timezone.utc)
    assert parse_timestamp("2026-11-26T14:02:00Z", ZoneInfo("Asia/Tokyo")).utcoffset() == timedelta(0)


def test_a_date_alone_is_midnight_in_the_site_timezone():
    value = parse_timestamp("2026-11-26", ZoneInfo("Asia/Tokyo"))
    assert value.astimezone(timezone.utc) == datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["yesterday", "26/11/2026", "2026-13-01T00:00:00Z"])
def test_not_timestamps(text):
    assert parse_timestamp(text, timezone.utc) is None


def test_durations_across_a_dst_change_are_real_durations():
    berlin = ZoneInfo("Europe/Berlin")
    before, after = parse_timestamp("2026-03-29T01:30", berlin), parse_timestamp("2026-03-29T03:30", berlin)
    assert after - before == timedelta(hours=1)
