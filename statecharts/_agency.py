"""The agency as data: one typed, validated configuration.

Every fact the receptionist needs about an agency (office, hours, staff, alpha
splits, ring groups, carriers, emails) lives here as frozen values, so that the
chart and the rules read data instead of carrying business facts in code. A bad
file fails at load time with a message that names the field and the problem;
the cross-field checks live in `_agency_checks.py`.
"""

from __future__ import annotations

import string
from datetime import date, time
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

__all__ = [
    "AgencyConfig",
    "AlphaRange",
    "AlphaSplit",
    "Carrier",
    "DailyHours",
    "HolidayRule",
    "InsuranceLine",
    "Lunch",
    "Misses",
    "Office",
    "Persona",
    "RingGroup",
    "StaffMember",
    "Telephony",
    "TimeBlock",
    "Weekday",
]

NonBlank = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Extension = Annotated[str, StringConstraints(pattern=r"^\d{3,6}$")]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class InsuranceLine(StrEnum):
    """The two lines of business an independent agency writes."""

    BUSINESS = "business"
    PERSONAL = "personal"


class AlphaSplit(StrEnum):
    """The three alphabetical splits that assign a caller to a person."""

    COMMERCIAL = "commercial"
    """Commercial lines account executives, new and existing, by business name."""
    PERSONAL_NEW = "personal_new"
    """Personal lines sales agents, new business, by spelled last name."""
    PERSONAL_EXISTING = "personal_existing"
    """Personal lines account executives, existing clients, by spelled last name."""


class Weekday(StrEnum):
    """Days of the week, in the order `date.weekday()` numbers them."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """Monday is 0, as in `date.weekday()`."""
        return list(Weekday).index(self)


class HolidayRule(StrEnum):
    """Holidays the calendar knows how to compute for any year."""

    NEW_YEARS_DAY = "new_years_day"
    MEMORIAL_DAY = "memorial_day"
    INDEPENDENCE_DAY = "independence_day"
    LABOR_DAY = "labor_day"
    THANKSGIVING = "thanksgiving"
    CHRISTMAS = "christmas"


class AlphaRange(_Frozen):
    """An inclusive range of first letters, such as A-L."""

    first: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
    last: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]

    @classmethod
    def parse(cls, text: str) -> AlphaRange:
        """Read "A-L" (an en dash also works) into a range."""
        parts = text.replace("\u2013", "-").split("-")
        if len(parts) != 2:
            msg = f"alpha range {text!r} must look like 'A-L'"
            raise ValueError(msg)
        return cls(first=parts[0].strip().upper(), last=parts[1].strip().upper())

    def letters(self) -> str:
        """Every letter the range covers."""
        letters = string.ascii_uppercase
        return letters[letters.index(self.first) : letters.index(self.last) + 1]

    def covers(self, letter: str) -> bool:
        """Whether the uppercase `letter` falls in the range."""
        return len(letter) == 1 and letter in self.letters()

    def __str__(self) -> str:
        return f"{self.first}-{self.last}"


class TimeBlock(_Frozen):
    """A slot in which a staff member is unavailable, inclusive at both ends."""

    start: time
    end: time
    lunch: bool = False
    """Marked "L" in the agency's directory: this block is the person's lunch."""

    def covers(self, moment: time) -> bool:
        """Whether a wall-clock time falls inside the block (the end minute included)."""
        return self.start <= moment.replace(second=0, microsecond=0) <= self.end


class StaffMember(_Frozen):
    """One person in the staff directory, active or former."""

    name: NonBlank
    """The canonical display name ("Rachel T."), stored as `assigned_agent`."""
    extension: Extension | None = None
    department: NonBlank
    role: str = ""
    alpha_split: AlphaSplit | None = None
    alpha_range: AlphaRange | None = None
    time_blocks: tuple[TimeBlock, ...] = ()
    languages: tuple[str, ...] = ()
    pronunciation: str | None = None
    """How text-to-speech should say the name; never a lookup key."""
    aliases: tuple[str, ...] = ()
    restricted: bool = False
    """Never transferred to directly, whatever a caller says."""
    former: Literal["retired", "deceased"] | None = None
    status_message: str | None = None
    """What the receptionist says when a caller asks for a former staff member."""
    destination: str | None = None
    """Transfer destination (SIP URI or tel:) overriding the office template."""
    voicemail: str | None = None
    """Voicemail destination overriding the office template."""

    @field_validator("alpha_range", mode="before")
    @classmethod
    def _read_range(cls, value: object) -> object:
        return AlphaRange.parse(value) if isinstance(value, str) else value

    @property
    def first_name(self) -> str:
        """The first word of the display name, used for "Adriana Smith" lookups."""
        return self.name.split()[0]

    @property
    def spoken_name(self) -> str:
        """The name as the receptionist says it: the pronunciation when there is one."""
        return self.pronunciation or self.first_name

    @property
    def transferable(self) -> bool:
        """Fails closed: restricted, former and extension-less staff are never transferable."""
        return not self.restricted and self.former is None and self.extension is not None

    @property
    def bilingual(self) -> bool:
        """Speaks Spanish as well as English."""
        return "es" in self.languages

    def available_at(self, moment: time) -> bool:
        """Whether no time block covers this wall-clock time."""
        return not any(block.covers(moment) for block in self.time_blocks)


class RingGroup(_Frozen):
    """A group of extensions that ring together (the VA team, the claims group)."""

    key: NonBlank
    """Case-sensitive lookup key: "VA" is found, "va" is not."""
    name: NonBlank
    extensions: tuple[Extension, ...] = ()
    use: str = ""
    destination: str | None = None


class Carrier(_Frozen):
    """An insurance carrier and its 24/7 claims line."""

    name: NonBlank
    """As written in the client's spreadsheet, for example "Tower Hill CL"."""
    claims_phone: Annotated[str, StringConstraints(pattern=r"^\d{3}-\d{3}-\d{4}( x\d+)?$")]
    family: str | None = None
    """For carriers with split lines: the name callers say ("Tower Hill")."""
    line: InsuranceLine | None = None
    """For carriers with split lines: which line this number serves."""


class DailyHours(_Frozen):
    """Opening hours of one weekday: open at `opens`, closed from `closes`."""

    opens: time
    closes: time


class Lunch(_Frozen):
    """The daily lunch closure on open days."""

    start: time
    end: time


class Persona(_Frozen):
    """Who the receptionist says it is."""

    name: NonBlank = "Aizellee"
    """Also the worker's dispatch agent name, so the two can never drift apart."""


class Office(_Frozen):
    """The agency's office facts."""

    name: NonBlank
    """Legal and display name, for example "Harry Levine Insurance"."""
    spoken_name: NonBlank
    """The name as text-to-speech must say it ("Harry Leveen Insurance")."""
    short_name: str = ""
    address: NonBlank
    location_label: str = ""
    address_spoken: str = ""
    """The address as a person reads it out ("seventy-two oh eight West Sand Lake Road,
    Suite two oh six, Orlando, Florida"); empty when it reads as written."""
    website: str = ""
    website_spoken: str = ""
    general_email: NonBlank
    certificate_email: NonBlank
    fax: str | None = None
    phone: str = ""
    timezone: NonBlank
    timezone_spoken: str = ""
    """How the receptionist names the timezone after the hours ("Eastern")."""
    hours_phrase: NonBlank
    """The hours as written, lunch included, for records and displays. The receptionist
    says the hours from `hours` and `lunch`, so the two can never disagree."""
    hours: dict[Weekday, DailyHours]
    lunch: Lunch | None = None
    holidays: tuple[HolidayRule, ...] = ()
    extra_closed_dates: tuple[date, ...] = ()
    observe_weekend_holidays: bool = True
    """A holiday on Saturday is observed on Friday, one on Sunday on Monday."""
    services: tuple[NonBlank, ...] = ()
    room_prefix: str = ""


class Misses(_Frozen):
    """How patient the receptionist is with caller turns it cannot use.

    A miss is a caller turn that does not move the call on: nothing understood,
    off-topic, a name not in the directory, a carrier without a number. The first
    miss gets a clarifying question in other words; after `in_a_row` misses in a
    row, or `per_call` in the whole call, the receptionist stops guessing and gets
    the caller to a person (live during business hours, otherwise a message).
    """

    in_a_row: Annotated[int, Field(ge=1, le=5)] = 2
    per_call: Annotated[int, Field(ge=1, le=10)] = 3

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.per_call < self.in_a_row:
            msg = f"per_call ({self.per_call}) must be at least in_a_row ({self.in_a_row})"
            raise ValueError(msg)
        return self


class Telephony(_Frozen):
    """Where transfers and voicemail go; placeholders until the client supplies them."""

    extension_destination: str | None = None
    """Template for a staff transfer, with `{extension}`, for example "sip:{extension}@pbx"."""
    voicemail_destination: str | None = None
    """Template for a staff voicemail box, with `{extension}`; none means take a message."""


class AgencyConfig(_Frozen):
    """Everything the receptionist knows about one agency."""

    persona: Persona = Field(default_factory=Persona)
    office: Office
    alpha_prefixes: tuple[NonBlank, ...] = ()
    """Business-name prefixes skipped as whole words ("The", "Law office of")."""
    staff: tuple[StaffMember, ...]
    ring_groups: tuple[RingGroup, ...] = ()
    payments_ring_group: str | None = None
    """Key of the ring group that takes payments, ID cards, dec pages, appointments."""
    claims_ring_group: str | None = None
    """Key of the ring group for business-hours claims transfers."""
    front_desk_ring_group: str | None = None
    """Key of the ring group that takes a caller whom nobody else can be named for."""
    escalation_department: str = "Management"
    """Department tried last in the personal new-quote fallback chain."""
    carriers: tuple[Carrier, ...]
    telephony: Telephony = Field(default_factory=Telephony)
    misses: Misses = Field(default_factory=Misses)

    @model_validator(mode="after")
    def _check(self) -> Self:
        """Run the cross-field checks, so a bad agency never loads.

        Raises:
            ValueError: One "field: problem" line per problem found.
        """
        # Imported here: the checks module needs this module's types at import time.
        from statecharts._agency_checks import check_agency  # noqa: PLC0415

        problems = check_agency(self)
        if problems:
            raise ValueError("\n".join(problems))
        return self
