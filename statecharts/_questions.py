"""What the receptionist still needs to ask, derived from the state and the record.

Questions are never remembered as "asked"; they are computed from what is still
missing. A field the caller already gave can therefore never be asked again,
whichever state the call is in and however it got there.
"""

from __future__ import annotations

from collections.abc import Callable

from statecharts._agency import InsuranceLine
from statecharts._caller import CallerRecord, Question

__all__ = ["QUESTION_FIELDS", "intake_question", "message_question", "pending_question"]

QUESTION_FIELDS: dict[Question, tuple[str, ...]] = {
    Question.INSURANCE_TYPE: ("insurance_type",),
    Question.CONTACT: ("first_name", "last_name_spelled", "phone_number"),
    Question.FIRST_NAME: ("first_name",),
    Question.LAST_NAME: ("last_name", "last_name_spelled"),
    Question.LAST_NAME_SPELLING: ("last_name_spelled",),
    Question.PHONE: ("phone_number",),
    Question.BUSINESS_NAME: ("business_name",),
    Question.MESSAGE: ("message",),
    Question.CARRIER: ("carrier",),
}
"""The record fields a question asks for: none of them may already hold a value."""


def intake_question(r: CallerRecord) -> Question | None:
    """The intake's next question; None once it is complete (the routing guard says so too)."""
    if r.insurance_type is None:
        return Question.INSURANCE_TYPE
    if not (r.first_name or r.last_name or r.last_name_spelled or r.phone_number):
        return Question.CONTACT
    if not r.first_name:
        return Question.FIRST_NAME
    personal = r.insurance_type is InsuranceLine.PERSONAL
    if personal and not r.last_name_spelled:
        return Question.LAST_NAME_SPELLING
    if not (r.last_name or r.last_name_spelled):
        return Question.LAST_NAME
    if not r.phone_number:
        return Question.PHONE
    if not personal and not r.business_name:
        return Question.BUSINESS_NAME
    return None


def message_question(r: CallerRecord) -> Question | None:
    """The message's next question; None once staff can call back."""
    if not (r.first_name or r.last_name or r.last_name_spelled or r.phone_number):
        return Question.CONTACT
    if not r.first_name:
        return Question.FIRST_NAME
    if not r.phone_number:
        return Question.PHONE
    if not r.message:
        return Question.MESSAGE
    return None


def _carrier_line(r: CallerRecord) -> Question | None:
    return Question.INSURANCE_TYPE if r.insurance_type is None else None


_BY_STATE: dict[str, Callable[[CallerRecord], Question | None]] = {
    "listening": lambda r: Question.HOW_CAN_I_HELP,
    "intake": intake_question,
    "taking_message": message_question,
    "carrier_question": lambda r: None if r.carrier else Question.CARRIER,
    "carrier_line_question": _carrier_line,
    "certificate_kind_question": lambda r: Question.CERTIFICATE_KIND,
    "lender_question": lambda r: Question.CALLER_ROLE,
    "person_reason": lambda r: Question.REASON,
    "which_person": lambda r: Question.WHICH_PERSON,
    "restricted_question": lambda r: Question.CALLER_KIND,
}


def pending_question(state: str, record: CallerRecord) -> Question | None:
    """The next question for the caller in `state` (a leaf id), or None."""
    ask = _BY_STATE.get(state)
    return ask(record) if ask else None
