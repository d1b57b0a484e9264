"""Properties of the office calendar over any instant from 2020 to 2030."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statecharts._calendar import (
    OfficeStatus,
    local_time,
    next_open,
    next_open_phrase,
    office_moment,
    office_status,
)
from statecharts._holidays import holiday_on, holidays_in_year
from statecharts._loading import default_agency

pytestmark = pytest.mark.property

HLI = default_agency().office
EASTERN = ZoneInfo("America/New_York")
OTHER_ZONES = ("UTC", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland")

_MICROSECOND = timedelta(microseconds=1)

modest = settings(max_examples=200, deadline=None)

_LOW = datetime(2020, 1, 1)
_HIGH = datetime(2030, 12, 31, 23, 59, 59)

aware_instants = st.datetimes(min_value=_LOW, max_value=_HIGH, timezones=st.just(UTC))
naive_instants = st.datetimes(min_value=_LOW, max_value=_HIGH)
instants = aware_instants | naive_instants


def _as_utc(when: datetime) -> datetime:
    """The same instant in UTC, so that subtraction counts real elapsed time."""
    return local_time(HLI, when).astimezone(UTC)


@modest
@given(when=aware_instants, zone=st.sampled_from(OTHER_ZONES))
def test_status_depends_only_on_local_wall_time(when: datetime, zone: str) -> None:
    """The same office wall time gives the same status, however the instant is written."""
    wall = local_time(HLI, when).replace(tzinfo=None)
    status = office_status(HLI, when)
    assert office_status(HLI, wall) is status
    assert office_status(HLI, when.astimezone(ZoneInfo(zone))) is status


@modest
@given(when=instants)
def test_open_means_a_working_weekday_hour(when: datetime) -> None:
    """OPEN implies a weekday that is no holiday, 9:00 <= t < 17:00, and not the lunch hour."""
    local = local_time(HLI, when)
    if office_status(HLI, when) is OfficeStatus.OPEN:
        assert local.weekday() < 5
        assert holiday_on(HLI, local.date()) is None
        assert time(9) <= local.time() < time(17)
        assert not time(12) <= local.time() < time(13)


@modest
@given(when=instants)
def test_lunch_and_holiday_only_on_weekdays(when: datetime) -> None:
    """LUNCH is 12:00-13:00 on a working weekday; HOLIDAY falls on a weekday holiday."""
    local = local_time(HLI, when)
    status = office_status(HLI, when)
    if status is OfficeStatus.LUNCH:
        assert local.weekday() < 5
        assert time(12) <= local.time() < time(13)
    if status is OfficeStatus.HOLIDAY:
        assert local.weekday() < 5
        assert holiday_on(HLI, local.date()) is not None


@modest
@given(
    when=instants,
    fractions=st.lists(
        st.floats(min_value=0, max_value=1, exclude_min=True, exclude_max=True),
        min_size=1,
        max_size=5,
    ),
)
def test_next_open_is_the_first_open_instant(when: datetime, fractions: list[float]) -> None:
    """The next opening is after the instant, is open, and nothing before it is open."""
    opening = next_open(HLI, when)
    if office_status(HLI, when) is OfficeStatus.OPEN:
        assert opening is None
        return
    assert opening is not None
    assert opening.tzinfo == EASTERN
    start, end = _as_utc(when), opening.astimezone(UTC)
    assert end > start
    assert office_status(HLI, opening) is OfficeStatus.OPEN
    assert office_status(HLI, end - _MICROSECOND) is not OfficeStatus.OPEN
    span = (end - start) // _MICROSECOND
    for fraction in fractions:
        # Clamped: float rounding could otherwise land exactly on the opening itself.
        offset = min(max(int(span * fraction), 1), span - 1)
        between = start + offset * _MICROSECOND
        assert office_status(HLI, between) is not OfficeStatus.OPEN


@modest
@given(when=instants)
def test_phrase_is_now_exactly_when_open(when: datetime) -> None:
    """The next-open phrase is "now" if and only if the office is open."""
    is_open = office_status(HLI, when) is OfficeStatus.OPEN
    assert (next_open_phrase(HLI, when) == "now") is is_open


@modest
@given(when=instants)
def test_moment_agrees_with_the_single_functions(when: datetime) -> None:
    """The moment computed once says what each single function says."""
    moment = office_moment(HLI, when)
    assert moment.status is office_status(HLI, when)
    assert moment.next_open == next_open(HLI, when)
    assert moment.local == local_time(HLI, when)
    assert (moment.holiday is not None) is (moment.status is OfficeStatus.HOLIDAY)


@modest
@given(when=instants)
def test_countdown_only_within_the_hour(when: datetime) -> None:
    """The countdown phrase is used exactly when the opening is at most 60 minutes away."""
    moment = office_moment(HLI, when)
    if moment.next_open is None:
        return
    wait = moment.next_open.astimezone(UTC) - _as_utc(when)
    assert moment.next_open_phrase.startswith("in about") is (wait <= timedelta(minutes=60))


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


@modest
@given(
    year=st.integers(min_value=1990, max_value=2060),
    change=st.sampled_from([(3, 2), (11, 1)]),
    seconds=st.integers(min_value=0, max_value=86_399),
)
def test_monday_after_a_dst_change_keeps_local_hours(
    year: int, change: tuple[int, int], seconds: int
) -> None:
    """On the Monday after a DST change the office opens at 9:00 and closes at 17:00 local."""
    sunday = _nth_sunday(year, *change)
    monday = sunday + timedelta(days=1)
    nine = datetime.combine(monday, time(9), tzinfo=EASTERN).astimezone(UTC)
    five = datetime.combine(monday, time(17), tzinfo=EASTERN).astimezone(UTC)
    tick = timedelta(seconds=1)
    assert office_status(HLI, nine - tick) is OfficeStatus.CLOSED
    assert office_status(HLI, nine) is OfficeStatus.OPEN
    assert office_status(HLI, five - tick) is OfficeStatus.OPEN
    assert office_status(HLI, five) is OfficeStatus.CLOSED
    during_sunday = datetime.combine(sunday, time(), tzinfo=EASTERN).astimezone(UTC)
    opening = next_open(HLI, during_sunday + timedelta(seconds=seconds))
    assert opening == datetime.combine(monday, time(9), tzinfo=EASTERN)


@modest
@given(year=st.integers(min_value=1990, max_value=2060))
def test_observed_holidays_fall_on_weekdays(year: int) -> None:
    """Every observed holiday is a weekday, so observation never silently drops one."""
    assert all(day.weekday() < 5 for day in holidays_in_year(HLI, year))


@modest
@given(year=st.integers(min_value=1990, max_value=2060))
def test_each_rule_is_observed_once_a_year(year: int) -> None:
    """Each holiday is observed once a year; New Year's moves to Dec 31 when on a Saturday."""
    names = list(holidays_in_year(HLI, year).values())
    for name in ("Memorial Day", "Independence Day", "Labor Day", "Thanksgiving", "Christmas"):
        assert names.count(name) == 1
    saturday = 5
    this_one_stays = date(year, 1, 1).weekday() != saturday
    next_one_moves_back = date(year + 1, 1, 1).weekday() == saturday
    assert names.count("New Year's Day") == this_one_stays + next_one_moves_back
