"""Agency facts said the way a person says them: hours, lunch, services, short numbers.

The agency file keeps written values for records ("Monday - Friday, 9 AM to 5 PM");
a caller hears "Monday through Friday, nine to five Eastern". The spoken forms are
rendered here from the structured data (opening hours, lunch), so what the
receptionist says and what the calendar decides can never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from statecharts._agency import DailyHours, Office, Weekday

__all__ = [
    "clock_words",
    "digit_words",
    "lunch_phrase",
    "lunch_return",
    "services_phrase",
    "weekly_hours",
]

_ONES = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
    *("seventeen", "eighteen", "nineteen"),
)
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty"}


def _number(value: int) -> str:
    """0 to 59 in words."""
    if value < len(_ONES):
        return _ONES[value]
    tens, ones = divmod(value, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def clock_words(moment: time) -> str:
    """A wall time as people say it in opening hours: "nine", "nine thirty", "noon"."""
    if moment.hour == 12 and moment.minute == 0:
        return "noon"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = _number(moment.hour % 12 or 12)
    if not moment.minute:
        return hour
    minutes = _number(moment.minute)
    return f"{hour} oh {minutes}" if moment.minute < 10 else f"{hour} {minutes}"


def digit_words(digits: str) -> str:
    """Digits said one by one ("0123" is "0 1 2 3"): never "one hundred twenty-three"."""
    return " ".join(char for char in digits if char.isdigit())


def _days(days: Sequence[Weekday]) -> str:
    names = [day.value.capitalize() for day in days]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} through {names[-1]}"


def _runs(office: Office) -> list[tuple[list[Weekday], DailyHours]]:
    """Consecutive weekdays with the same hours, in week order."""
    runs: list[tuple[list[Weekday], DailyHours]] = []
    for day in Weekday:
        hours = office.hours.get(day)
        if hours is None:
            continue
        last = runs[-1] if runs else None
        if last and last[1] == hours and last[0][-1].number == day.number - 1:
            last[0].append(day)
        else:
            runs.append(([day], hours))
    return runs


def weekly_hours(office: Office) -> str:
    """The opening hours as said: "Monday through Friday, nine to five Eastern"."""
    parts = [
        f"{_days(days)}, {clock_words(hours.opens)} to {clock_words(hours.closes)}"
        for days, hours in _runs(office)
    ]
    if not parts:
        return "by appointment"
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f", and {parts[-1]}"
    return f"{said} {office.timezone_spoken}".rstrip()


def lunch_phrase(office: Office) -> str:
    """The lunch closure as said ("closed from noon to one for lunch"), or "" without one."""
    lunch = office.lunch
    if lunch is None:
        return ""
    return f"closed from {clock_words(lunch.start)} to {clock_words(lunch.end)} for lunch"


def lunch_return(office: Office) -> str:
    """When staff are back from lunch, as said ("one"); "" without a lunch closure."""
    return clock_words(office.lunch.end) if office.lunch else ""


def services_phrase(services: Sequence[str]) -> str:
    """The lines the agency writes, as a spoken list: "home, auto, and boat insurance".

    Words are said in lower case except abbreviations said letter by letter ("RV").
    """
    said = [" ".join(w if w.isupper() else w.lower() for w in s.split()) for s in services]
    if not said:
        return ""
    if len(said) == 1:
        return f"{said[0]} insurance"
    return f"{', '.join(said[:-1])}, and {said[-1]} insurance"
