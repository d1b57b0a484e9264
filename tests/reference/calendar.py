"""Whether the office is open, from agency.md section 1 and the section 0 holiday decision.

Written as plainly as possible: a holiday list built by walking the calendar
day by day (no weekday arithmetic to get wrong the same way twice), then the
weekly schedule and the lunch hour on the office's wall clock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo

from tests.reference.facts import (
    CLOSES,
    LUNCH_ENDS,
    LUNCH_STARTS,
    OPENS,
    TIMEZONE,
    WORKING_DAYS,
)

__all__ = ["Status", "holidays", "is_holiday", "local", "status"]

_ZONE = ZoneInfo(TIMEZONE)
_MONDAY, _THURSDAY, _SATURDAY, _SUNDAY = 0, 3, 5, 6


class Status(StrEnum):
    """The office statuses that route differently (a holiday routes as closed)."""

    OPEN = "open"
    LUNCH = "lunch"
    CLOSED = "closed"
    HOLIDAY = "holiday"

    @property
    def after_hours(self) -> bool:
        """Closed or a holiday: voicemail or a message, never a live transfer."""
        return self in (Status.CLOSED, Status.HOLIDAY)


def _days(year: int, month: int) -> list[date]:
    day, days = date(year, month, 1), []
    while day.month == month:
        days.append(day)
        day += timedelta(days=1)
    return days


def _mondays(year: int, month: int) -> list[date]:
    return [day for day in _days(year, month) if day.weekday() == _MONDAY]


def _actual(year: int) -> list[date]:
    """The six holidays of section 0, on their actual dates in `year`."""
    thursdays = [day for day in _days(year, 11) if day.weekday() == _THURSDAY]
    return [
        date(year, 1, 1),  # New Year's Day
        _mondays(year, 5)[-1],  # Memorial Day: the last Monday of May
        date(year, 7, 4),  # Independence Day
        _mondays(year, 9)[0],  # Labor Day: the first Monday of September
        thursdays[3],  # Thanksgiving: the fourth Thursday of November
        date(year, 12, 25),  # Christmas
    ]


@cache
def holidays(year: int) -> frozenset[date]:
    """The observed holidays falling in `year`.

    Saturday ones are observed on the Friday before, Sunday ones on the Monday
    after (so New Year's Day 2028, a Saturday, closes Friday, December 31, 2027).
    """
    observed = set()
    for rule_year in (year - 1, year, year + 1):
        for day in _actual(rule_year):
            shift = {_SATURDAY: -1, _SUNDAY: 1}.get(day.weekday(), 0)
            observed.add(day + timedelta(days=shift))
    return frozenset(day for day in observed if day.year == year)


def is_holiday(day: date) -> bool:
    """Whether the office observes a holiday on `day`."""
    return day in holidays(day.year)


def local(at: datetime) -> datetime:
    """`at` on the office's wall clock: naive instants are already Eastern wall time."""
    if at.tzinfo is None:
        return at
    return at.astimezone(_ZONE).replace(tzinfo=None)


def status(at: datetime) -> Status:
    """Open, lunch, closed or holiday at the instant `at`."""
    wall = local(at)
    if wall.weekday() not in WORKING_DAYS:
        return Status.CLOSED
    if is_holiday(wall.date()):
        return Status.HOLIDAY
    clock = wall.time()
    if clock < OPENS or clock >= CLOSES:
        return Status.CLOSED
    if LUNCH_STARTS <= clock < LUNCH_ENDS:
        return Status.LUNCH
    return Status.OPEN
