"""Hypothesis strategies aimed where the agency's rules can go wrong.

Instants crowd the edges of every office status (a minute either side of 9:00,
12:00, 13:00 and 17:00, on weekdays, weekends, observed holidays, the actual
dates of weekend holidays and the days around daylight-saving changes), names
fall on every alpha boundary (A/B, G/H, L/M, M/N, Z), business names come with
and without the prefixes and with words that merely start like one ("Theater",
"Lawn"), and spellings sometimes disagree with the spoken name.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import strategies as st

from tests.reference.calendar import holidays, is_holiday

__all__ = [
    "BOUNDARY_LAST_NAMES",
    "business_names",
    "instants",
    "last_names",
    "spellings",
    "wall_times",
]

_EDGES = (
    time(0, 0),
    time(6, 0),
    time(8, 59),
    time(8, 59, 59),
    time(9, 0),
    time(9, 0, 1),
    time(10, 0),
    time(10, 59),
    time(11, 0),
    time(11, 59, 59),
    time(12, 0),
    time(12, 30),
    time(12, 59, 59),
    time(13, 0),
    time(13, 1),
    time(14, 0),
    time(14, 1),
    time(15, 0),
    time(16, 0),
    time(16, 59),
    time(16, 59, 59),
    time(17, 0),
    time(17, 1),
    time(19, 30),
    time(23, 59),
)
"""Each side of the opening, lunch and closing minutes, and of the staff's time blocks."""

wall_times = st.sampled_from(_EDGES) | st.times()
"""Office wall-clock times: the edges, or any time at all."""


def _notable_days() -> list[date]:
    days: list[date] = []
    for year in (2026, 2027, 2028):
        days += sorted(holidays(year))
        days += [date(year, 7, 4), date(year, 12, 25), date(year, 1, 1)]  # actual dates
    days += [
        date(2026, 11, 23),  # an ordinary Monday
        date(2026, 11, 27),  # the Friday after Thanksgiving: open
        date(2026, 11, 28),  # Saturday
        date(2026, 11, 29),  # Sunday
        date(2026, 3, 9),  # the Monday after spring forward
        date(2026, 11, 2),  # the Monday after fall back
        date(2027, 3, 15),  # the Monday after spring forward
        date(2027, 11, 8),  # the Monday after fall back
    ]
    return sorted(set(days))


NOTABLE_DAYS = _notable_days()
"""Observed holidays, the actual dates of holidays observed elsewhere, weekends, DST Mondays."""

_days = st.sampled_from(NOTABLE_DAYS) | st.dates(date(2024, 1, 1), date(2030, 12, 31))

_working_days = st.dates(date(2024, 1, 1), date(2030, 12, 31)).filter(
    lambda day: day.weekday() < 5 and not is_holiday(day)
)
_working_hours = st.sampled_from(_EDGES[2:-2]) | st.times(time(9, 0), time(16, 59, 59))

instants = st.one_of(
    st.builds(datetime.combine, _days, st.sampled_from(_EDGES)),
    st.builds(datetime.combine, _days, wall_times),
    st.builds(datetime.combine, _working_days, _working_hours),
    st.datetimes(datetime(2024, 1, 1), datetime(2030, 12, 31), timezones=st.just(UTC)),
)
"""Naive Eastern wall times at the edges of notable days and of working days, and aware
instants anywhere in 2024-2030."""

BOUNDARY_LAST_NAMES = (
    "Adams",
    "Baker",
    "Garcia",
    "Hill",
    "Lopez",
    "Miller",
    "Morgan",
    "Nash",
    "Ortiz",
    "Urban",
    "Young",
    "Zimmer",
)
"""A last name on each side of every alpha boundary: A/B, G/H, L/M, M/N, and Z."""

last_names = st.sampled_from(BOUNDARY_LAST_NAMES)

_CORES = ("Acme", "Bright", "Gulf", "Harbor", "Lakeside", "Magnolia", "Marlin", "Nash", "Orchid",
          "Zephyr", "Great")  # fmt: skip
"""First words on each side of every boundary."""
_PREFIX_LIKE = ("Theater", "Thermo", "Therapy", "Theodore", "Lawn", "Lawson", "Lawyers")
"""Words that only start like a prefix: they route on their own first letter."""
_PREFIXES = ("The ", "the ", "THE ", "Law office of ", "Law Offices of ", "LAW OFFICES OF ")
_SUFFIXES = ("", " Co", " LLC", " Group", " Company")


_ODD = (
    "The",
    "Law office of",
    "The The Company",
    "  Zebra Corp  ",
    "Law offices",
    "123 Industries",
    "@Home Services",
)
"""A prefix alone, a prefix twice, padding, a near-prefix, no letter at all."""


def _joined(*parts: str) -> str:
    return "".join(parts)


_suffixes = st.sampled_from(_SUFFIXES)
business_names = st.one_of(
    st.builds(_joined, st.sampled_from(_PREFIXES), st.sampled_from(_CORES), _suffixes),
    st.builds(_joined, st.sampled_from(_PREFIXES), st.sampled_from(_PREFIX_LIKE), _suffixes),
    st.builds(_joined, st.sampled_from(_PREFIX_LIKE), _suffixes),
    st.builds(_joined, st.sampled_from(_CORES), _suffixes),
    st.sampled_from(_ODD),
)
"""Business names with a prefix, with a word that only starts like one, plain, and odd."""


def _misheard(name: str, letter: str) -> str:
    return letter + name[1:].upper()


def spellings(last: str) -> st.SearchStrategy[str]:
    """How a caller spells `last`: right, in pieces, or misheard on the first letter."""
    upper = last.upper()
    other = st.sampled_from("ABGHLMNZ").filter(lambda letter: letter != upper[0])
    return st.one_of(
        st.just(" ".join(upper)),
        st.just("-".join(upper.lower())),
        st.just(upper),
        other.map(lambda letter: " ".join(_misheard(last, letter))),
    )


def spread(at: datetime, minutes: int) -> datetime:
    """`at` moved by a number of minutes (for "a minute either side")."""
    return at + timedelta(minutes=minutes)
