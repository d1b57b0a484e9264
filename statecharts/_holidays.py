"""The agency's holiday calendar, computed from rules rather than listed by hand.

The first-generation receptionist knew no holidays, so it told callers on Christmas
morning that the office was open. Our agency data names holiday *rules* (Thanksgiving is
the fourth Thursday of November), so the calendar is right for any year without anyone
editing a date list each December. One-off closures are plain dates in the same data.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from statecharts._agency import HolidayRule, Office

__all__ = ["HOLIDAY_NAMES", "OFFICE_CLOSED", "holiday_on", "holidays_in_year"]

HOLIDAY_NAMES: dict[HolidayRule, str] = {
    HolidayRule.NEW_YEARS_DAY: "New Year's Day",
    HolidayRule.MEMORIAL_DAY: "Memorial Day",
    HolidayRule.INDEPENDENCE_DAY: "Independence Day",
    HolidayRule.LABOR_DAY: "Labor Day",
    HolidayRule.THANKSGIVING: "Thanksgiving",
    HolidayRule.CHRISTMAS: "Christmas",
}
"""How each holiday is named when the receptionist says why the office is closed."""

OFFICE_CLOSED = "Office closed"
"""The name of a one-off closure (`Office.extra_closed_dates`), which has no holiday name."""

_SATURDAY = 5
_SUNDAY = 6


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The `n`-th `weekday` (Monday is 0) of a month, counting from 1."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_monday(year: int, month: int) -> date:
    """The last Monday of a month (Memorial Day's rule; no holiday needs another weekday)."""
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=last.weekday())


_RULES: dict[HolidayRule, Callable[[int], date]] = {
    HolidayRule.NEW_YEARS_DAY: lambda year: date(year, 1, 1),
    HolidayRule.MEMORIAL_DAY: lambda year: _last_monday(year, 5),
    HolidayRule.INDEPENDENCE_DAY: lambda year: date(year, 7, 4),
    HolidayRule.LABOR_DAY: lambda year: _nth_weekday(year, 9, calendar.MONDAY, 1),
    HolidayRule.THANKSGIVING: lambda year: _nth_weekday(year, 11, calendar.THURSDAY, 4),
    HolidayRule.CHRISTMAS: lambda year: date(year, 12, 25),
}
"""The actual (not observed) date of each holiday in a given year."""


def _observed(day: date, office: Office) -> date:
    """Move a weekend holiday to the nearest weekday, when the office observes it so.

    A Saturday holiday is taken on the Friday before and a Sunday one on the Monday
    after, the way US offices (and federal holidays) do; otherwise a weekend holiday
    would give staff no day off and callers no warning.
    """
    if not office.observe_weekend_holidays:
        return day
    if day.weekday() == _SATURDAY:
        return day - timedelta(days=1)
    if day.weekday() == _SUNDAY:
        return day + timedelta(days=1)
    return day


def holidays_in_year(office: Office, year: int) -> dict[date, str]:
    """Every date in `year` on which the office is closed for a holiday, with its name.

    Dates are the observed ones. Next year's holidays are computed too, because New
    Year's Day on a Saturday is observed on Friday, December 31 of the year before.
    A one-off closure that falls on a holiday keeps the holiday's name.

    Args:
        office: The office whose holiday rules and extra closed dates apply.
        year: The calendar year of the observed dates wanted.

    Returns:
        Observed date to display name, such as ``date(2026, 7, 3) -> "Independence Day"``.
    """
    closed: dict[date, str] = dict.fromkeys(office.extra_closed_dates, OFFICE_CLOSED)
    for rule_year in (year, year + 1):
        for rule in office.holidays:
            closed[_observed(_RULES[rule](rule_year), office)] = HOLIDAY_NAMES[rule]
    return {day: name for day, name in sorted(closed.items()) if day.year == year}


def holiday_on(office: Office, day: date) -> str | None:
    """The name of the holiday or closure observed on `day`, or None on an ordinary day.

    Args:
        office: The office whose holiday rules and extra closed dates apply.
        day: A calendar date in the office's own timezone.

    Returns:
        The display name ("Christmas", or `OFFICE_CLOSED` for a one-off closure), or None.
    """
    key = (id(office), day.year)
    cached = _YEARS_SEEN.get(key)
    if cached is None or cached[0] is not office:
        if len(_YEARS_SEEN) >= _YEARS_KEPT:
            _YEARS_SEEN.clear()
        cached = (office, holidays_in_year(office, day.year))
        _YEARS_SEEN[key] = cached
    return cached[1].get(day)


_YEARS_KEPT = 64
_YEARS_SEEN: dict[tuple[int, int], tuple[Office, dict[date, str]]] = {}
"""Each office's holidays per year, worked out once: every line the receptionist says
asks whether today is a holiday. Keyed by the office object itself (held, so its id
is not reused while kept); an office is frozen, so its holidays never change."""
