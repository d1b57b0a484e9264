"""The default agency's facts, copied by hand from agency.md (sections 0, 1 and 2).

Nothing here is read from `statecharts/agencies/harry_levine.toml`: the point of
a reference model is that a wrong value in the shipped file disagrees with it.
Time blocks follow agency.md's reading rule ("hours 1-6 are read as PM") and
are inclusive at both ends, to the minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum

__all__ = [
    "ALIASES",
    "BILINGUAL_ORDER",
    "CLAIMS_GROUP",
    "CLOSES",
    "ESCALATION",
    "FRONT_DESK_GROUP",
    "LUNCH_ENDS",
    "LUNCH_STARTS",
    "OPENS",
    "PREFIXES",
    "STAFF",
    "TIMEZONE",
    "VA_GROUP",
    "WORKING_DAYS",
    "Person",
    "Split",
    "person",
]

TIMEZONE = "America/New_York"
"""Eastern, DST-aware (section 1)."""
WORKING_DAYS = frozenset({0, 1, 2, 3, 4})
"""Monday to Friday (Monday is 0); Saturday and Sunday are closed."""
OPENS = time(9, 0)
CLOSES = time(17, 0)
"""Open means OPENS <= t < CLOSES: 9:00:00 is open, 5:00:00 PM is closed."""
LUNCH_STARTS = time(12, 0)
LUNCH_ENDS = time(13, 0)
"""Lunch means LUNCH_STARTS <= t < LUNCH_ENDS, on working days only."""

PREFIXES = (("the",), ("law", "office", "of"), ("law", "offices", "of"))
"""Business-name prefixes skipped as whole words, case-insensitively (section 0)."""

VA_GROUP = ("VA", "Virtual Assistant Team", ("7016", "7008"))
"""Payments, ID cards, dec pages and appointments: Ann and Sheree (section 2)."""
CLAIMS_GROUP = ("Claims", "Claims Team", ())
"""Business-hours claims: the client never supplied its extensions (section 2)."""
FRONT_DESK_GROUP = VA_GROUP[0]
"""Issue 8: during business hours, a caller nobody could understand and who gave no name
to route on is put through to the front desk, the VA group (Ann and Sheree)."""


class Split(StrEnum):
    """The three alphabetical assignments (section 2, "Routing rules")."""

    COMMERCIAL = "commercial"
    PERSONAL_NEW = "personal_new"
    PERSONAL_EXISTING = "personal_existing"


@dataclass(frozen=True)
class Person:
    """One row of agency.md's staff table."""

    name: str
    extension: str | None
    department: str
    split: Split | None = None
    letters: str = ""
    """The letters the person owns in `split`, spelled out ("ABCDEFGHIJKL")."""
    blocks: tuple[tuple[time, time], ...] = ()
    """Unavailable slots, inclusive at both ends, to the minute."""
    spanish: bool = False
    restricted: bool = False
    former: bool = False

    @property
    def may_be_transferred_to(self) -> bool:
        """Restricted and former staff are never transferred to (sections 0 and 5)."""
        return not self.restricted and not self.former and self.extension is not None

    def free_at(self, moment: time) -> bool:
        """No block covers this minute; the end minute of a block is still unavailable."""
        minute = moment.hour * 60 + moment.minute
        return not any(
            start.hour * 60 + start.minute <= minute <= end.hour * 60 + end.minute
            for start, end in self.blocks
        )


def _letters(first: str, last: str) -> str:
    return "".join(chr(code) for code in range(ord(first), ord(last) + 1))


_ONE_TO_TWO = ((time(13, 0), time(14, 0)),)
_TWO_TO_THREE = ((time(14, 0), time(15, 0)),)
_NINE_TO_TEN = ((time(9, 0), time(10, 0)),)

STAFF: tuple[Person, ...] = (
    Person("Anamer L.", "7013", "Agency Support", blocks=((time(12, 0), time(13, 0)),)),
    Person("Adriana", "7002", "CL-Account Executive", Split.COMMERCIAL, _letters("A", "L"),
           _ONE_TO_TWO),
    Person("Rayvon", "7018", "CL-Account Executive", Split.COMMERCIAL, _letters("M", "Z"),
           _NINE_TO_TEN),
    Person("Rachel T.", "7005", "CL-Department Manager", blocks=_ONE_TO_TWO),
    Person("Kevin K.", "7003", "CL-Producer"),
    Person("Stephanie", "7014", "CL-Service", blocks=_TWO_TO_THREE, spanish=True),
    Person("Julie L.", "7001", "Management"),
    Person("Jason L.", "7000", "Management", restricted=True),
    Person("Kelly U.", "7009", "Management", blocks=((time(16, 0), time(17, 0)),)),
    Person("Yarislyn", "7011", "PL-Account Executive", Split.PERSONAL_EXISTING,
           _letters("A", "G"), ((time(11, 0), time(12, 0)),), spanish=True),
    Person("Al", "7015", "PL-Account Executive", Split.PERSONAL_EXISTING, _letters("H", "M"),
           _NINE_TO_TEN),
    Person("Louis", "7017", "PL-Account Executive", Split.PERSONAL_EXISTING, _letters("N", "Z"),
           ((time(10, 0), time(11, 0)),), spanish=True),
    Person("Rachel Moreno", "7010", "PL-Sales Agent", Split.PERSONAL_NEW, _letters("A", "L"),
           spanish=True),
    Person("Brad", "7007", "PL-Sales Agent", Split.PERSONAL_NEW, _letters("M", "Z")),
    Person("Ann", "7016", "PL-Service", blocks=_ONE_TO_TWO),
    Person("Sheree", "7008", "PL-Service", blocks=_TWO_TO_THREE),
    Person("Fred", "7012", "PL-Special Projects", restricted=True),
    Person("Debi", None, "Former", former=True),
    Person("Harry", None, "Former", former=True),
    Person("Rosa", None, "Former", former=True),
)  # fmt: skip
"""The directory, in agency.md's order (the order the bilingual pick and management use)."""

ALIASES = {
    "luis": "Louis",
    "lewis": "Louis",
    "louie": "Louis",
    "deb": "Debi",
    "debbie": "Debi",
    "steph": "Stephanie",
    "yari": "Yarislyn",
    "ray": "Rayvon",
}
"""Section 0's aliases; pronunciations ("Yah-ris-lin", "Lewis" as Louis's) are never keys,
but "Lewis" is also an alias in its own right."""

BILINGUAL_ORDER = ("Stephanie", "Yarislyn", "Louis", "Rachel Moreno")
"""Section 2, "Spanish speakers": the first available of these, in this order."""

ESCALATION = ("Julie L.", "Kelly U.")
"""The new-quote chain's last step: management, first available and transferable
(Jason L. is restricted, so never used)."""


def person(name: str) -> Person:
    """The staff row with this canonical name."""
    return next(member for member in STAFF if member.name == name)
