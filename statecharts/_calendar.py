"""The office calendar: whether the office is open at an instant, and when it opens next.

The first-generation receptionist computed this status in code and then pasted it into the
prompt, asking the model to honour it. Here the status is a value the chart's guards
read (`office_open`, `at_lunch`), and the phrases the receptionist speaks ("reopens
tomorrow at 9 AM") are rendered from it in code, so the model never owns the hours.

Every function is pure: the instant is always an argument (never a clock read), so the
chart, the tests and a replay of a recorded call all see the same office for the same
instant. Instants are read in the office's timezone with `zoneinfo`, which keeps 9 AM
at 9 AM local across daylight-saving changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from statecharts._agency import Office, Weekday
from statecharts._holidays import OFFICE_CLOSED, holiday_on

__all__ = [
    "OfficeMoment",
    "OfficeStatus",
    "clock_phrase",
    "local_time",
    "next_open",
    "next_open_phrase",
    "office_moment",
    "office_status",
    "status_line",
]

_SEARCH_DAYS = 400
"""How far ahead `next_open` looks: more than a year, so any run of closures is crossed."""

_SOON = timedelta(minutes=60)
"""An opening at most this far away is spoken as a countdown ("in about 30 minutes")."""

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names; `strftime("%B")` would follow the process locale."""

_US_ZONE_LABELS = {
    "EST": "ET",
    "EDT": "ET",
    "CST": "CT",
    "CDT": "CT",
    "MST": "MT",
    "MDT": "MT",
    "PST": "PT",
    "PDT": "PT",
}
"""US callers say "Eastern", not "EDT"; the family label is also right all year round."""

_US_ZONE_PREFIXES = ("America/", "US/")
"""Only US zones get the family labels: "CST" is also China Standard Time."""


class OfficeStatus(StrEnum):
    """What the office is doing at an instant; each status allows different routing."""

    OPEN = "open"
    """Staff are in: live transfers are allowed."""
    LUNCH = "lunch"
    """An open day's lunch closure: no live transfers; a callback request is taken."""
    CLOSED = "closed"
    """Evenings, early mornings and days without hours: voicemail or a message."""
    HOLIDAY = "holiday"
    """A holiday or one-off closure on a day the office would otherwise open; as closed."""


@dataclass(frozen=True, slots=True)
class OfficeMoment:
    """Everything the chart needs about the office at one instant, computed once.

    The chart takes one of these per event, so its guards, the greeting and the
    status line all agree about the same instant, even if the call straddles 5 PM.
    """

    status: OfficeStatus
    local: datetime
    """The instant as aware wall time in the office's timezone."""
    next_open: datetime | None
    """When the office next opens (aware, office timezone); None while it is open."""
    next_open_phrase: str
    """The spoken form of `next_open`: "now", "in about 30 minutes", "Monday at 9 AM"."""
    holiday: str | None
    """The holiday's display name while the status is HOLIDAY, otherwise None."""


def _zone(office: Office) -> ZoneInfo:
    return ZoneInfo(office.timezone)


def local_time(office: Office, at: datetime) -> datetime:
    """The instant `at` as an aware datetime on the office's wall clock.

    A naive `at` is read as office wall time, because that is what a tester or a
    config author means by "Monday 10:00". It is normalised through UTC, so a wall
    time that does not exist (2:30 AM on the spring-forward night) becomes the real
    instant it names (3:30 AM) instead of an impossible value.

    Args:
        office: The office whose timezone applies.
        at: The instant, naive (office wall time) or aware (any zone).

    Returns:
        An aware datetime whose tzinfo is the office's zone.
    """
    zone = _zone(office)
    if at.tzinfo is None or at.utcoffset() is None:
        return at.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
    return at.astimezone(zone)


def _open_intervals(office: Office, day: date) -> list[tuple[time, time]]:
    """The wall-clock spans `[start, end)` in which the office is open on `day`.

    Lunch splits the day in two; a holiday or a day without hours has none.
    """
    hours = office.hours.get(list(Weekday)[day.weekday()])
    if hours is None or holiday_on(office, day) is not None:
        return []
    lunch = office.lunch
    if lunch is None:
        spans = [(hours.opens, hours.closes)]
    else:
        spans = [
            (hours.opens, min(hours.closes, lunch.start)),
            (max(hours.opens, lunch.end), hours.closes),
        ]
    return [(start, end) for start, end in spans if start < end]


def _status_at(office: Office, local: datetime) -> tuple[OfficeStatus, str | None]:
    """The status at a local wall time, with the holiday's name when it is a holiday."""
    day, moment = local.date(), local.time()
    hours = office.hours.get(list(Weekday)[day.weekday()])
    if hours is None:
        return OfficeStatus.CLOSED, None
    holiday = holiday_on(office, day)
    if holiday is not None:
        return OfficeStatus.HOLIDAY, holiday
    if not hours.opens <= moment < hours.closes:
        return OfficeStatus.CLOSED, None
    lunch = office.lunch
    if lunch is not None and lunch.start <= moment < lunch.end:
        return OfficeStatus.LUNCH, None
    return OfficeStatus.OPEN, None


def office_status(office: Office, at: datetime) -> OfficeStatus:
    """Whether the office is open, at lunch, closed or closed for a holiday at `at`.

    Open means `opens <= t < closes` on a day with hours, outside lunch. Lunch is
    only ever reported inside an open day's hours, so Saturday 12:30 is CLOSED. A
    holiday on a day with hours is HOLIDAY all day long, so the greeting can say why.

    Args:
        office: The office whose hours, lunch and holidays apply.
        at: The instant, naive (office wall time) or aware.
    """
    return _status_at(office, local_time(office, at))[0]


def _next_open_local(office: Office, local: datetime) -> datetime | None:
    """The first open instant after a local time, or None if the office is open now."""
    if _status_at(office, local)[0] is OfficeStatus.OPEN:
        return None
    zone = _zone(office)
    for offset in range(_SEARCH_DAYS):
        day = local.date() + timedelta(days=offset)
        for start, _end in _open_intervals(office, day):
            if offset == 0 and start <= local.time():
                continue
            wall = datetime.combine(day, start, tzinfo=zone)
            return wall.astimezone(UTC).astimezone(zone)
    msg = f"office {office.name!r} has no open hours in the next {_SEARCH_DAYS} days"
    raise ValueError(msg)


def next_open(office: Office, at: datetime) -> datetime | None:
    """When the office next opens after `at`: the instant a caller could reach staff.

    During lunch that is the end of lunch; otherwise the opening time of the next day
    with hours that is not a holiday.

    Args:
        office: The office whose hours, lunch and holidays apply.
        at: The instant, naive (office wall time) or aware.

    Returns:
        An aware datetime in the office's timezone, or None while the office is open.

    Raises:
        ValueError: The office has no open hours in more than a year, which is a
            configuration error rather than a state a call can be in.
    """
    return _next_open_local(office, local_time(office, at))


def _clock(moment: time, *, minutes: bool) -> str:
    """A wall time as spoken: "9 AM", "9:30 AM", or with `minutes` "9:00 AM"."""
    hour = moment.hour % 12 or 12
    suffix = "AM" if moment.hour < 12 else "PM"
    if minutes or moment.minute:
        return f"{hour}:{moment.minute:02d} {suffix}"
    return f"{hour} {suffix}"


def _weekday(day: date) -> str:
    """The English weekday name; `strftime("%A")` would follow the process locale."""
    return list(Weekday)[day.weekday()].value.capitalize()


def _phrase(local: datetime, opening: datetime | None) -> str:
    """How far away `opening` is, in the words the receptionist says."""
    if opening is None:
        return "now"
    wait = opening.astimezone(UTC) - local.astimezone(UTC)
    at_clock = f"at {_clock(opening.time(), minutes=False)}"
    if wait <= _SOON:
        minutes = math.ceil(wait.total_seconds() / 60)
        return "in about a minute" if minutes <= 1 else f"in about {minutes} minutes"
    days_ahead = (opening.date() - local.date()).days
    if days_ahead == 0:
        return f"later today {at_clock}"
    if days_ahead == 1:
        return f"tomorrow {at_clock}"
    if days_ahead < 7:
        return f"{_weekday(opening)} {at_clock}"
    return f"{_weekday(opening)}, {_MONTHS[opening.month - 1]} {opening.day} {at_clock}"


def next_open_phrase(office: Office, at: datetime) -> str:
    """When the office next opens, as the receptionist says it.

    "now" while open; "in about N minutes" when the opening is at most an hour away
    (rounded up, so a caller is never told "0 minutes" and 12:00 gives 60); then
    "later today at 9 AM", "tomorrow at 9 AM" or "Monday at 9 AM". An opening a
    week or more away names the date too, because a bare weekday would be ambiguous.

    Args:
        office: The office whose hours, lunch and holidays apply.
        at: The instant, naive (office wall time) or aware.
    """
    return office_moment(office, at).next_open_phrase


def office_moment(office: Office, at: datetime) -> OfficeMoment:
    """The office's status, next opening and its phrase at `at`, computed once.

    Args:
        office: The office whose hours, lunch and holidays apply.
        at: The instant, naive (office wall time) or aware.
    """
    local = local_time(office, at)
    status, holiday = _status_at(office, local)
    opening = _next_open_local(office, local)
    return OfficeMoment(
        status=status,
        local=local,
        next_open=opening,
        next_open_phrase=_phrase(local, opening),
        holiday=holiday,
    )


def status_line(office: Office, at: datetime) -> str:
    """The office status as one short line for a prompt or a log: "Open (closes at 5 PM)".

    Before opening on a day with hours the line says "opens" rather than "reopens" and
    drops "later today" ("Closed (opens at 9 AM)"), as the first generation said it.

    Args:
        office: The office whose hours, lunch and holidays apply.
        at: The instant, naive (office wall time) or aware.
    """
    moment = office_moment(office, at)
    local = moment.local
    if moment.status is OfficeStatus.OPEN:
        hours = office.hours[list(Weekday)[local.weekday()]]
        return f"Open (closes at {_clock(hours.closes, minutes=False)})"
    if moment.status is OfficeStatus.LUNCH:
        return f"Lunch (reopens {moment.next_open_phrase})"
    if moment.status is OfficeStatus.HOLIDAY:
        closure = moment.holiday
        reason = "Closed today" if closure == OFFICE_CLOSED else f"Closed for {closure}"
        return f"{reason} (reopens {moment.next_open_phrase})"
    opening = moment.next_open
    if opening is not None and opening.date() == local.date():
        phrase = moment.next_open_phrase.removeprefix("later today ")
        return f"Closed (opens {phrase})"
    return f"Closed (reopens {moment.next_open_phrase})"


def _zone_label(office: Office, local: datetime) -> str:
    """A short timezone label: "ET" for New York all year, else the zone's abbreviation."""
    name = local.strftime("%Z")
    if office.timezone.startswith(_US_ZONE_PREFIXES):
        return _US_ZONE_LABELS.get(name, name)
    return name


def clock_phrase(office: Office, at: datetime) -> str:
    """The office's wall-clock time and weekday, as in "2:30 PM ET, Wednesday".

    Args:
        office: The office whose timezone applies.
        at: The instant, naive (office wall time) or aware.
    """
    local = local_time(office, at)
    return f"{_clock(local.time(), minutes=True)} {_zone_label(office, local)}, {_weekday(local)}"
