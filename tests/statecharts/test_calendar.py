"""The office calendar, example by example: agency.md §1, §8 rows U1-U8, and holidays (§0)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo

import pytest

import statecharts._holidays as holidays_module
from statecharts._agency import DailyHours, HolidayRule, Office, Weekday
from statecharts._calendar import (
    OfficeMoment,
    OfficeStatus,
    clock_phrase,
    local_time,
    next_open,
    next_open_phrase,
    office_moment,
    office_status,
    status_line,
)
from statecharts._holidays import OFFICE_CLOSED, holiday_on, holidays_in_year
from statecharts._loading import default_agency

pytestmark = pytest.mark.unit

EASTERN = ZoneInfo("America/New_York")

# An ordinary week with no holidays: Monday 8 to Sunday 14 January 2024.
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2024, 1, day) for day in range(8, 15))

OPEN = OfficeStatus.OPEN
LUNCH = OfficeStatus.LUNCH
CLOSED = OfficeStatus.CLOSED
HOLIDAY = OfficeStatus.HOLIDAY


def at(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A naive wall time in the office, the way the first generation's tests wrote them."""
    return datetime.combine(day, time(hour, minute, second))


def office(**changes: object) -> Office:
    """The default agency's office, with some fields replaced for one test."""
    return default_agency().office.model_copy(update=changes)


HLI = office()


# --- U1, U2, U3: open, closed and lunch at the boundaries -------------------------------


@pytest.mark.parametrize(
    "when",
    [
        at(MON, 10),
        at(TUE, 14),
        at(THU, 9, 30),
        at(FRI, 15),
        at(MON, 9, 0, 0),
        at(MON, 9, 0, 1),
        at(MON, 16, 59),
        at(MON, 16, 59, 59),
        at(date(2023, 12, 29), 16),
        at(MON, 11, 59),
        at(MON, 11, 59, 59),
        at(MON, 11, 30),
        at(MON, 13, 0, 0),
        at(MON, 13, 1),
    ],
)
def test_u1_u3_open(when: datetime) -> None:
    """Weekday times inside 9:00-17:00 and outside 12:00-13:00 are OPEN (U1, U3)."""
    assert office_status(HLI, when) is OPEN


@pytest.mark.parametrize(
    "when",
    [
        at(MON, 17, 0, 0),
        at(MON, 17, 1),
        at(MON, 8, 59),
        at(MON, 8, 59, 59),
        at(MON, 6),
        at(MON, 0),
        at(SAT, 10),
        at(SAT, 12),
        at(SAT, 12, 30),
        at(SUN, 12, 30),
        at(SUN, 14),
        at(SUN, 10),
        at(MON, 18),
        at(WED, 22),
        at(FRI, 20),
    ],
)
def test_u2_closed(when: datetime) -> None:
    """Evenings, early mornings and weekends (lunch hour included) are CLOSED (U2, U3)."""
    assert office_status(HLI, when) is CLOSED


@pytest.mark.parametrize(
    "when",
    [
        at(WED, 12),
        at(MON, 12, 0, 0),
        at(TUE, 12, 30),
        at(THU, 12, 59),
        at(FRI, 12, 59, 59),
    ],
)
def test_u3_lunch(when: datetime) -> None:
    """Weekdays 12:00:00-12:59:59 are LUNCH, its own status, not open (U2 Wed 12:00, U3)."""
    assert office_status(HLI, when) is LUNCH


@pytest.mark.parametrize(
    "when",
    [
        # The first generation counted these open (it knew no holidays); §0 added holidays.
        at(date(2024, 1, 1), 10),
        at(date(2025, 1, 1), 9, 30),
        at(date(2025, 1, 1), 11),
    ],
)
def test_u1_new_years_day_is_a_holiday(when: datetime) -> None:
    """New Year's Day on a weekday is HOLIDAY all morning, not open (§0 overrides U1)."""
    moment = office_moment(HLI, when)
    assert (moment.status, moment.holiday) == (HOLIDAY, "New Year's Day")


def test_office_without_holidays_keeps_first_generation_behaviour() -> None:
    """With no holiday rules configured, Jan 1 2024 at 10:00 is open, as U1 first said."""
    assert office_status(office(holidays=()), at(date(2024, 1, 1), 10)) is OPEN


# --- U4: naive and aware instants -------------------------------------------------------


def test_u4_naive_is_office_wall_time() -> None:
    """A naive Tuesday 10:00 is read as Eastern wall time, so the office is open."""
    assert office_status(HLI, at(TUE, 10)) is OPEN
    assert local_time(HLI, at(TUE, 10)) == datetime(2024, 1, 9, 10, tzinfo=EASTERN)


def test_u4_aware_is_converted() -> None:
    """UTC 20:00 on Jan 9 2024 is 15:00 Eastern, so the office is open."""
    when = datetime(2024, 1, 9, 20, tzinfo=UTC)
    assert local_time(HLI, when).time() == time(15)
    assert office_status(HLI, when) is OPEN


def test_aware_in_another_zone_is_converted() -> None:
    """9:30 in Los Angeles is 12:30 in Orlando: lunch."""
    when = datetime(2024, 1, 8, 9, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert office_status(HLI, when) is LUNCH


class _NoOffset(tzinfo):
    """A tzinfo that knows no offset: Python counts such a datetime as naive."""

    def utcoffset(self, dt: datetime | None) -> None:
        """No offset."""
        return None


def test_datetime_without_offset_is_office_wall_time() -> None:
    """A datetime whose tzinfo gives no offset is naive, so it is read as office wall time."""
    moment = datetime(2024, 1, 8, 10, tzinfo=_NoOffset())
    assert local_time(HLI, moment) == datetime(2024, 1, 8, 10, tzinfo=EASTERN)


def test_local_time_is_in_the_office_zone() -> None:
    """Local time is aware and carries the office's zone, whatever zone came in."""
    local = local_time(HLI, datetime(2024, 7, 1, 16, tzinfo=UTC))
    assert local.tzinfo == EASTERN
    assert (local.hour, local.tzname()) == (12, "EDT")


def test_local_time_moves_a_nonexistent_wall_time_forward() -> None:
    """Naive 2:30 AM on the spring-forward night is the real instant 3:30 AM EDT."""
    local = local_time(HLI, datetime(2024, 3, 10, 2, 30))
    assert (local.hour, local.minute, local.tzname()) == (3, 30, "EDT")


# --- U5, U6: next-open phrases ---------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "phrase"),
    [
        (at(MON, 10), "now"),
        (at(MON, 18), "tomorrow at 9 AM"),
        (at(FRI, 18), "Monday at 9 AM"),
        (at(TUE, 7), "later today at 9 AM"),
        (at(MON, 8, 30), "in about 30 minutes"),
        (at(MON, 17, 0, 0), "tomorrow at 9 AM"),
        (at(SUN, 10), "tomorrow at 9 AM"),
        (at(SUN, 23, 59), "tomorrow at 9 AM"),
        (at(SAT, 0, 0), "Monday at 9 AM"),
        (at(SAT, 12, 30), "Monday at 9 AM"),
        (at(SAT, 23, 59, 59), "Monday at 9 AM"),
        (at(MON, 8, 0, 0), "in about 60 minutes"),
        (at(MON, 7, 59, 59), "later today at 9 AM"),
        (at(MON, 8, 59), "in about a minute"),
        (at(MON, 8, 59, 30), "in about a minute"),
        (at(MON, 8, 58), "in about 2 minutes"),
        (at(MON, 8, 29, 30), "in about 31 minutes"),
        (at(MON, 0, 0), "later today at 9 AM"),
    ],
)
def test_u5_next_open_phrase(when: datetime, phrase: str) -> None:
    """The next-open phrase follows the §1 table (U5)."""
    assert next_open_phrase(HLI, when) == phrase


def test_u5_year_boundary_is_observed_new_years_day() -> None:
    """Fri Dec 31 2021 is the observed New Year's Day 2022 (a Saturday): Monday at 9 AM."""
    moment = office_moment(HLI, at(date(2021, 12, 31), 18))
    assert moment.status is HOLIDAY
    assert moment.holiday == "New Year's Day"
    assert moment.next_open == datetime(2022, 1, 3, 9, tzinfo=EASTERN)
    assert moment.next_open_phrase == "Monday at 9 AM"


@pytest.mark.parametrize(
    ("when", "phrase"),
    [
        (at(MON, 12, 0, 0), "in about 60 minutes"),
        (at(MON, 12, 30), "in about 30 minutes"),
        (at(MON, 12, 55), "in about 5 minutes"),
        (at(MON, 12, 59, 59), "in about a minute"),
    ],
)
def test_u6_lunch_reopens_at_one(when: datetime, phrase: str) -> None:
    """During lunch the office reopens at 1 PM the same day, counted down, never "now" (U6)."""
    moment = office_moment(HLI, when)
    assert moment.next_open == datetime.combine(MON, time(13), tzinfo=EASTERN)
    assert moment.next_open_phrase == phrase


def test_office_without_lunch_opens_once_a_day() -> None:
    """An office with no lunch break next opens at its morning opening, with no 1 PM reopening."""
    no_lunch = office(lunch=None)
    assert office_status(no_lunch, at(MON, 12, 30)) is OPEN
    assert next_open(no_lunch, at(MON, 7)) == datetime.combine(MON, time(9), tzinfo=EASTERN)


def test_lunch_at_closing_time_does_not_reopen() -> None:
    """On a half day that ends with lunch (Saturday 9-1, lunch 12-1) lunch reopens on Monday."""
    saturdays = office(
        hours={**HLI.hours, Weekday.SATURDAY: DailyHours(opens=time(9), closes=time(13))}
    )
    assert status_line(saturdays, at(SAT, 12, 30)) == "Lunch (reopens Monday at 9 AM)"


def test_next_open_is_none_while_open() -> None:
    """An open office has no next opening: it is open now."""
    assert next_open(HLI, at(MON, 10)) is None


def test_next_open_is_aware_in_the_office_zone() -> None:
    """The next opening is an aware datetime on the office's clock, not UTC."""
    opening = next_open(HLI, datetime(2024, 1, 8, 23, tzinfo=UTC))
    assert opening == datetime(2024, 1, 9, 9, tzinfo=EASTERN)
    assert opening is not None
    assert opening.tzinfo == EASTERN


# --- U7 and §1 examples: the status line and the clock line -----------------------------


@pytest.mark.parametrize(
    ("when", "line"),
    [
        (at(MON, 12, 30), "Lunch (reopens in about 30 minutes)"),
        (at(MON, 19), "Closed (reopens tomorrow at 9 AM)"),
        (at(SAT, 10), "Closed (reopens Monday at 9 AM)"),
        (at(MON, 10), "Open (closes at 5 PM)"),
        (at(SAT, 12, 30), "Closed (reopens Monday at 9 AM)"),
    ],
)
def test_u7_status_line(when: datetime, line: str) -> None:
    """The prompt's office-status line says Lunch, Open or Closed with the next opening (U7)."""
    assert status_line(HLI, when) == line


@pytest.mark.parametrize(
    ("when", "clock", "line"),
    [
        (at(WED, 14, 30), "2:30 PM ET, Wednesday", "Open (closes at 5 PM)"),
        (at(TUE, 19, 30), "7:30 PM ET, Tuesday", "Closed (reopens tomorrow at 9 AM)"),
        (at(SAT, 11), "11:00 AM ET, Saturday", "Closed (reopens Monday at 9 AM)"),
        (at(THU, 7), "7:00 AM ET, Thursday", "Closed (opens at 9 AM)"),
    ],
)
def test_section1_clock_and_status_examples(when: datetime, clock: str, line: str) -> None:
    """The §1 prompt examples: the current-time line and the office-status line."""
    assert (clock_phrase(HLI, when), status_line(HLI, when)) == (clock, line)


def test_status_line_before_opening_counts_down() -> None:
    """Half an hour before opening the line says the office opens in about 30 minutes."""
    assert status_line(HLI, at(MON, 8, 30)) == "Closed (opens in about 30 minutes)"


@pytest.mark.parametrize(
    ("when", "clock"),
    [
        (at(MON, 0), "12:00 AM ET, Monday"),
        (at(MON, 12, 5), "12:05 PM ET, Monday"),
        (at(date(2024, 7, 1), 9, 7), "9:07 AM ET, Monday"),
        (datetime(2024, 1, 14, 20, 45, tzinfo=UTC), "3:45 PM ET, Sunday"),
    ],
)
def test_clock_phrase_hli(when: datetime, clock: str) -> None:
    """The clock line uses a 12-hour clock, "ET" in winter and summer, and the weekday."""
    assert clock_phrase(HLI, when) == clock


@pytest.mark.parametrize(
    ("zone", "clock"),
    [
        ("America/Chicago", "2:00 PM CT, Monday"),
        ("America/Denver", "1:00 PM MT, Monday"),
        ("America/Los_Angeles", "12:00 PM PT, Monday"),
        ("America/Anchorage", "11:00 AM AKDT, Monday"),
        ("Europe/London", "8:00 PM BST, Monday"),
        ("Asia/Shanghai", "3:00 AM CST, Tuesday"),
    ],
)
def test_clock_phrase_zone_labels(zone: str, clock: str) -> None:
    """US zones get family labels (CT, MT, PT); other zones keep their own abbreviation."""
    when = datetime(2024, 7, 1, 19, tzinfo=UTC)
    assert clock_phrase(office(timezone=zone), when) == clock


# --- U8: daylight-saving weekends ------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "status"),
    [
        # Monday after spring forward (Sun Mar 10 2024): 9:00 EDT is 13:00 UTC.
        (datetime(2024, 3, 11, 12, 59, 59, tzinfo=UTC), CLOSED),
        (datetime(2024, 3, 11, 13, 0, 0, tzinfo=UTC), OPEN),
        (datetime(2024, 3, 11, 20, 59, 59, tzinfo=UTC), OPEN),
        (datetime(2024, 3, 11, 21, 0, 0, tzinfo=UTC), CLOSED),
        # Monday after fall back (Sun Nov 3 2024): 9:00 EST is 14:00 UTC.
        (datetime(2024, 11, 4, 13, 59, 59, tzinfo=UTC), CLOSED),
        (datetime(2024, 11, 4, 14, 0, 0, tzinfo=UTC), OPEN),
        (datetime(2024, 11, 4, 21, 59, 59, tzinfo=UTC), OPEN),
        (datetime(2024, 11, 4, 22, 0, 0, tzinfo=UTC), CLOSED),
        (at(date(2024, 3, 11), 9), OPEN),
        (at(date(2024, 3, 11), 17), CLOSED),
        (at(date(2024, 11, 4), 9), OPEN),
        (at(date(2024, 11, 4), 17), CLOSED),
    ],
)
def test_u8_dst_mondays(when: datetime, status: OfficeStatus) -> None:
    """On the Mondays after the DST changes the office opens at 9 and closes at 5 local (U8)."""
    assert office_status(HLI, when) is status


@pytest.mark.parametrize(
    "when",
    [
        datetime(2024, 3, 10, 6, 59, tzinfo=UTC),  # 1:59 AM EST, just before spring forward
        datetime(2024, 3, 10, 7, 0, tzinfo=UTC),  # 3:00 AM EDT, just after
        datetime(2024, 11, 3, 5, 30, tzinfo=UTC),  # 1:30 AM EDT, the first time
        datetime(2024, 11, 3, 6, 30, tzinfo=UTC),  # 1:30 AM EST, the second time
    ],
)
def test_u8_dst_night_next_open(when: datetime) -> None:
    """During the DST change night the office reopens Monday at 9:00 local, tomorrow."""
    moment = office_moment(HLI, when)
    assert moment.status is CLOSED
    assert moment.next_open is not None
    assert moment.next_open.time() == time(9)
    assert moment.next_open.weekday() == 0
    assert moment.next_open_phrase == "tomorrow at 9 AM"


# --- Holidays: the rules for 2025-2027 -------------------------------------------------


def test_holidays_are_worked_out_once_per_office_and_year(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each office's holidays for a year are worked out once however often a call asks."""
    worked_out: list[tuple[Office, int]] = []

    def counting(office: Office, year: int) -> dict[date, str]:
        worked_out.append((office, year))
        return holidays_in_year(office, year)

    monkeypatch.setattr(holidays_module, "_YEARS_SEEN", {})
    monkeypatch.setattr(holidays_module, "holidays_in_year", counting)
    closes, stays_open = office(), office(holidays=())
    asked = [
        tuple(holiday_on(hours, day) for hours in (closes, stays_open))
        for day in (date(2031, 1, 1), date(2031, 7, 4), date(2031, 7, 4))
    ]
    assert asked == [
        ("New Year's Day", None),
        ("Independence Day", None),
        ("Independence Day", None),
    ]
    assert worked_out == [(closes, 2031), (stays_open, 2031)]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (
            2025,
            {
                date(2025, 1, 1): "New Year's Day",
                date(2025, 5, 26): "Memorial Day",
                date(2025, 7, 4): "Independence Day",
                date(2025, 9, 1): "Labor Day",
                date(2025, 11, 27): "Thanksgiving",
                date(2025, 12, 25): "Christmas",
            },
        ),
        (
            2026,
            {
                date(2026, 1, 1): "New Year's Day",
                date(2026, 5, 25): "Memorial Day",
                date(2026, 7, 3): "Independence Day",  # Jul 4 is a Saturday
                date(2026, 9, 7): "Labor Day",
                date(2026, 11, 26): "Thanksgiving",
                date(2026, 12, 25): "Christmas",
            },
        ),
        (
            2027,
            {
                date(2027, 1, 1): "New Year's Day",
                date(2027, 5, 31): "Memorial Day",
                date(2027, 7, 5): "Independence Day",  # Jul 4 is a Sunday
                date(2027, 9, 6): "Labor Day",
                date(2027, 11, 25): "Thanksgiving",
                date(2027, 12, 24): "Christmas",  # Dec 25 is a Saturday
                date(2027, 12, 31): "New Year's Day",  # Jan 1 2028 is a Saturday
            },
        ),
        (
            2028,
            {
                date(2028, 5, 29): "Memorial Day",
                date(2028, 7, 4): "Independence Day",
                date(2028, 9, 4): "Labor Day",
                date(2028, 11, 23): "Thanksgiving",
                date(2028, 12, 25): "Christmas",
            },
        ),
    ],
)
def test_holidays_in_year(year: int, expected: dict[date, str]) -> None:
    """Each rule gives its observed date; a Saturday New Year's falls in the year before."""
    assert holidays_in_year(HLI, year) == expected


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 11, 26), "Thanksgiving"),
        (date(2026, 7, 3), "Independence Day"),
        (date(2026, 7, 4), None),
        (date(2027, 12, 24), "Christmas"),
        (date(2027, 12, 25), None),
        (date(2027, 12, 31), "New Year's Day"),
        (date(2028, 1, 1), None),
        (date(2023, 1, 2), "New Year's Day"),  # Jan 1 2023 is a Sunday
        (date(2026, 11, 27), None),
    ],
)
def test_holiday_on(day: date, name: str | None) -> None:
    """A date is a holiday exactly when it is a holiday's observed date."""
    assert holiday_on(HLI, day) == name


def test_unobserved_weekend_holiday_stays_on_the_weekend() -> None:
    """Without observation, Jul 4 2026 stays on Saturday and Friday Jul 3 is an open day."""
    unobserved = office(observe_weekend_holidays=False)
    assert holiday_on(unobserved, date(2026, 7, 4)) == "Independence Day"
    assert office_status(unobserved, at(date(2026, 7, 3), 10)) is OPEN
    moment = office_moment(unobserved, at(date(2026, 7, 4), 10))
    assert (moment.status, moment.holiday) == (CLOSED, None)


def test_extra_closed_date() -> None:
    """A one-off closure is a HOLIDAY named "Office closed", said as "Closed today"."""
    closing = office(extra_closed_dates=(date(2024, 1, 10),))
    assert holiday_on(closing, date(2024, 1, 10)) == OFFICE_CLOSED
    assert office_status(closing, at(WED, 10)) is HOLIDAY
    assert status_line(closing, at(WED, 10)) == "Closed today (reopens tomorrow at 9 AM)"
    assert next_open_phrase(closing, at(TUE, 18)) == "Thursday at 9 AM"


def test_extra_closed_date_on_a_holiday_keeps_the_holiday_name() -> None:
    """A one-off closure on Christmas still says Christmas."""
    closing = office(extra_closed_dates=(date(2025, 12, 25), date(2025, 12, 26)))
    assert holiday_on(closing, date(2025, 12, 25)) == "Christmas"
    assert holiday_on(closing, date(2025, 12, 26)) == OFFICE_CLOSED


def test_holiday_rules_are_configuration() -> None:
    """Only the configured rules are holidays: without Labor Day, Sep 1 2025 is open."""
    rules = tuple(rule for rule in HLI.holidays if rule is not HolidayRule.LABOR_DAY)
    assert office_status(office(holidays=rules), at(date(2025, 9, 1), 10)) is OPEN
    assert office_status(HLI, at(date(2025, 9, 1), 10)) is HOLIDAY


# --- Holidays in the greeting's next-open phrases and the status line -------------------


@pytest.mark.parametrize(
    ("when", "phrase"),
    [
        (at(date(2026, 11, 25), 18), "Friday at 9 AM"),  # Wednesday before Thanksgiving
        (at(date(2026, 11, 26), 10), "tomorrow at 9 AM"),  # Thanksgiving morning
        (at(date(2026, 7, 2), 18), "Monday at 9 AM"),  # before the observed Fri Jul 3
        (at(date(2027, 12, 23), 18), "Monday at 9 AM"),  # before the observed Fri Dec 24
        (at(date(2027, 12, 30), 18), "Monday at 9 AM"),  # before the observed Fri Dec 31
        (at(date(2025, 5, 23), 18), "Tuesday at 9 AM"),  # Friday before Memorial Day
        (at(date(2025, 8, 30), 10), "Tuesday at 9 AM"),  # Saturday before Labor Day
        (at(date(2027, 7, 4), 8, 30), "Tuesday at 9 AM"),  # Sunday Jul 4, observed Monday
        (at(date(2024, 12, 24), 16, 59), "now"),  # Christmas Eve is an ordinary day
    ],
)
def test_next_open_phrase_around_holidays(when: datetime, phrase: str) -> None:
    """Next-open phrases skip holidays, so callers are never promised a holiday opening."""
    assert next_open_phrase(HLI, when) == phrase


@pytest.mark.parametrize(
    ("when", "line"),
    [
        (at(date(2026, 12, 25), 10), "Closed for Christmas (reopens Monday at 9 AM)"),
        (at(date(2026, 11, 26), 12, 30), "Closed for Thanksgiving (reopens tomorrow at 9 AM)"),
        (at(date(2027, 12, 31), 8), "Closed for New Year's Day (reopens Monday at 9 AM)"),
        (at(date(2025, 9, 1), 8, 30), "Closed for Labor Day (reopens tomorrow at 9 AM)"),
    ],
)
def test_holiday_status_line(when: datetime, line: str) -> None:
    """On a holiday the status line names it, all day long, lunch hour and morning included."""
    assert status_line(HLI, when) == line


def test_holiday_is_never_lunch() -> None:
    """Thanksgiving at 12:30 is HOLIDAY, not LUNCH: the whole day is closed."""
    assert office_status(HLI, at(date(2026, 11, 26), 12, 30)) is HOLIDAY


# --- The moment -----------------------------------------------------------------------


def test_office_moment_holds_everything() -> None:
    """One moment carries the status, local time, next opening, its phrase and holiday."""
    when = datetime(2024, 1, 8, 17, 30, tzinfo=UTC)
    assert office_moment(HLI, when) == OfficeMoment(
        status=LUNCH,
        local=datetime(2024, 1, 8, 12, 30, tzinfo=EASTERN),
        next_open=datetime(2024, 1, 8, 13, tzinfo=EASTERN),
        next_open_phrase="in about 30 minutes",
        holiday=None,
    )


def test_office_moment_is_frozen() -> None:
    """A moment is a value: it cannot be changed after the fact."""
    moment = office_moment(HLI, at(MON, 10))
    with pytest.raises(dataclasses.FrozenInstanceError):
        moment.status = CLOSED  # type: ignore[misc]


def test_next_open_far_ahead_names_the_date() -> None:
    """An opening a week or more away names the date, since a bare weekday is ambiguous."""
    closures = tuple(date(2024, 1, day) for day in range(9, 17))
    closing = office(extra_closed_dates=closures)
    assert next_open_phrase(closing, at(MON, 18)) == "Wednesday, January 17 at 9 AM"


def test_next_open_a_week_ahead_names_the_date() -> None:
    """An opening exactly a week away names the date: a bare "Monday" would mean today."""
    closures = tuple(date(2024, 1, day) for day in range(9, 13))
    closing = office(extra_closed_dates=closures)
    assert next_open_phrase(closing, at(MON, 18)) == "Monday, January 15 at 9 AM"


def test_office_that_never_opens_is_a_configuration_error() -> None:
    """An office without any open hours cannot name a next opening: that is a config error."""
    with pytest.raises(ValueError, match="no open hours"):
        next_open(office(hours={}), at(MON, 10))


def test_default_agency_observes_the_six_holidays() -> None:
    """The packaged agency closes for the six §0 holidays and observes weekend ones."""
    assert set(HLI.holidays) == set(HolidayRule)
    assert HLI.observe_weekend_holidays
