"""The caller's record: everything the caller has told us, carried across every state.

The record is the memory that makes "never ask twice" possible: every state reads
it to decide what is still missing, and updates to it are monotonic (a value can
be corrected, never erased by a missing one).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum

from statecharts._agency import InsuranceLine

__all__ = ["INTAKE_INTENTS", "CallerRecord", "Intent", "Question"]


class Intent(StrEnum):
    """Why the caller is calling, in the agency's own words."""

    NEW_QUOTE = "new_quote"
    MAKE_PAYMENT = "make_payment"
    MAKE_CHANGE = "make_change"
    CANCELLATION = "cancellation"
    COVERAGE_RATE_QUESTIONS = "coverage_rate_questions"
    POLICY_REVIEW_RENEWAL = "policy_review_renewal"
    SOMETHING_ELSE = "something_else"
    SPANISH_SPEAKER = "spanish_speaker"
    MORTGAGEE_LIENHOLDERS = "mortgagee_lienholders"
    BANK_CALLER = "bank_caller"
    CERTIFICATES = "certificates"
    CLAIMS = "claims"
    HOURS_LOCATION = "hours_location"
    SPECIFIC_AGENT = "specific_agent"
    APPOINTMENT = "appointment"


INTAKE_INTENTS = frozenset(
    {
        Intent.NEW_QUOTE,
        Intent.MAKE_PAYMENT,
        Intent.MAKE_CHANGE,
        Intent.CANCELLATION,
        Intent.COVERAGE_RATE_QUESTIONS,
        Intent.POLICY_REVIEW_RENEWAL,
        Intent.SOMETHING_ELSE,
    }
)
"""Intents that go through the standard intake before a transfer."""


class Question(StrEnum):
    """What the receptionist still needs to ask, derived from the record and the state."""

    HOW_CAN_I_HELP = "how_can_i_help"
    INSURANCE_TYPE = "insurance_type"
    CONTACT = "contact"
    """First name, last-name spelling and phone in one combined question."""
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    LAST_NAME_SPELLING = "last_name_spelling"
    PHONE = "phone"
    PHONE_CONFIRMATION = "phone_confirmation"
    """Whether the number read back to the caller is right (spoken calls only)."""
    BUSINESS_NAME = "business_name"
    MESSAGE = "message"
    CARRIER = "carrier"
    CERTIFICATE_KIND = "certificate_kind"
    CALLER_ROLE = "caller_role"
    REASON = "reason"
    WHICH_PERSON = "which_person"
    CALLER_KIND = "caller_kind"


@dataclass(slots=True)
class CallerRecord:
    """Everything known about the caller (agency.md section 4)."""

    first_name: str | None = None
    last_name: str | None = None
    phone_number: str | None = None
    """Digits only, validated: 10 to 15 of them."""
    insurance_type: InsuranceLine | None = None
    business_name: str | None = None
    """The commercial routing identifier; never inferred from a personal name."""
    last_name_spelled: str | None = None
    """The personal routing identifier, uppercase letters only."""
    call_intent: Intent | None = None
    specific_agent_name: str | None = None
    """The raw name the caller asked for."""
    requested_agent_name: str | None = None
    """The canonical name of the transferable person asked for."""
    restricted_agent_name: str | None = None
    pending_ae_redirect: bool = False
    """A sales agent was asked for with a service need: route to the account executive."""
    assigned_agent: str | None = None
    """The canonical name routing chose (never a pronunciation)."""
    additional_notes: str = ""
    carrier: str | None = None
    """The carrier whose claims line was given, by its canonical name."""
    message: str | None = None
    """The short message or description the caller left."""
    caller_number: str | None = None
    """The number the call came from (caller ID), when telephony knows it."""
    notes: list[str] = field(default_factory=list)

    @property
    def last_name_spelling_collected(self) -> bool:
        """Whether the caller spelled their last name."""
        return bool(self.last_name_spelled)

    @property
    def name(self) -> str | None:
        """The full name ("First Last"), for older readers and messages."""
        parts = [p for p in (self.first_name, self.last_name) if p]
        return " ".join(parts) or None

    @property
    def identifier(self) -> str | None:
        """The routing identifier: the business name if set, else the spelled last name."""
        if self.insurance_type is InsuranceLine.BUSINESS:
            return self.business_name
        return self.last_name_spelled or self.business_name

    def is_ready_for_routing(self) -> bool:
        """Name and phone are both known."""
        return bool(self.first_name and self.phone_number)

    def has_insurance_identifier(self) -> bool:
        """The identifier routing needs for the known insurance type is known."""
        if self.insurance_type is InsuranceLine.BUSINESS:
            return bool(self.business_name)
        if self.insurance_type is InsuranceLine.PERSONAL:
            return bool(self.last_name_spelled)
        return False

    def add_note(self, note: str) -> None:
        """Keep a note for staff (reason, carrier, "Spanish-speaking caller")."""
        if note and note not in self.notes:
            self.notes.append(note)
            self.additional_notes = "; ".join(self.notes)

    def collected(self) -> frozenset[str]:
        """Names of the fields that hold a value (for "never ask twice" checks)."""
        return frozenset(
            f.name for f in fields(self) if getattr(self, f.name) not in (None, "", False, [])
        )

    def snapshot(self) -> dict[str, object]:
        """A plain copy of the record, for call records and comparisons."""
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, list) else value
        return out
