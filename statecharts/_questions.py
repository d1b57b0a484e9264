"""What the receptionist still needs to ask, and the words it asks it in.

Questions are never remembered as "asked"; they are computed from what is still
missing. A field the caller already gave can therefore never be asked again,
whichever state the call is in and however it got there.

Each question has more than one wording. A question asked again in the next turn
(the answer did not fit, or nothing was understood) is put in other words, so the
caller never hears the same sentence twice in a row.
"""

from __future__ import annotations

from collections.abc import Callable

from statecharts._agency import InsuranceLine
from statecharts._caller import CallerRecord, Question

__all__ = [
    "QUESTION_FIELDS",
    "QUESTION_WORDINGS",
    "intake_question",
    "message_question",
    "next_wording",
    "pending_question",
    "question_text",
]

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


QUESTION_WORDINGS: dict[Question, tuple[str, ...]] = {
    Question.HOW_CAN_I_HELP: (
        "How can I help you today?",
        "Is it about a quote, a claim, a payment, or something else?",
        "What can I help you with today?",
    ),
    Question.INSURANCE_TYPE: (
        "Is this for a business policy, or a personal policy like home or auto?",
        "Is it a policy for a business, or a personal one, like your home or your car?",
        "Is this about insurance for a business, or for you personally?",
    ),
    Question.CONTACT: (
        "Can I get your first name, the spelling of your last name, and a good phone number?",
        "Could you tell me your name, spell your last name, and give me a number where we "
        "can reach you?",
        "May I have your name, how you spell your last name, and the best number to reach you?",
    ),
    Question.FIRST_NAME: (
        "Can I get your first name?",
        "And what's your first name?",
        "Who am I speaking with?",
    ),
    Question.LAST_NAME: (
        "And your last name?",
        "Could I have your last name, please?",
        "What's your last name?",
    ),
    Question.LAST_NAME_SPELLING: (
        "Could you spell your last name for me?",
        "How do you spell your last name, letter by letter?",
        "Could you spell that last name out for me?",
    ),
    Question.PHONE: (
        "And a good phone number to reach you?",
        "What's the best number to call you back on, area code first?",
        "What number should we call you back on?",
    ),
    Question.PHONE_CONFIRMATION: (
        "Did I get your phone number right?",
        "Is that the right number?",
        "Was that number correct?",
    ),
    Question.BUSINESS_NAME: (
        "What is the name of the business?",
        "What's the business called?",
        "Which business is this for?",
    ),
    Question.MESSAGE: (
        "What would you like me to pass along?",
        "What should I tell them the call is about?",
        "What message would you like me to leave?",
    ),
    Question.CARRIER: (
        "Do you know who your insurance carrier is?",
        "Which insurance company is your policy with?",
        "Who is your insurance company?",
    ),
    Question.CERTIFICATE_KIND: (
        "Is this a new certificate request, or a question about an existing certificate?",
        "Do you need a new certificate, or is it about one you already have?",
        "Is this for a new certificate, or one that was already issued?",
    ),
    Question.CALLER_ROLE: (
        "Are you calling from a bank or mortgage company, or are you the policyholder?",
        "Are you with the lender, or is the policy yours?",
        "Is this a bank calling, or the policyholder?",
    ),
    Question.REASON: (
        "What is this in reference to?",
        "What's the call about, so I can let them know?",
        "Can I tell them what it's regarding?",
    ),
    Question.WHICH_PERSON: (
        "Which one would you like?",
        "Which of them would you like to speak with?",
        "Which one are you looking for?",
    ),
    Question.CALLER_KIND: (
        "Are you an existing client, looking to become a client, or is this a vendor "
        "or sales call?",
        "Are you already a client with us, hoping to become one, or calling as a vendor?",
        "Are you a client of ours, a new client, or a vendor?",
    ),
}
"""Each question in three wordings, first wording first. A repeat takes one not said in
the last two askings, so no sentence is said in consecutive turns even when a question
was put twice in one."""


def question_text(question: Question, attempt: int = 0) -> str:
    """How the receptionist asks `question` in its `attempt`-th wording (0 is the first)."""
    wordings = QUESTION_WORDINGS[question]
    return wordings[attempt % len(wordings)]


def next_wording(question: Question, recent: tuple[int, ...]) -> int:
    """The first wording of `question` not among the `recent` ones just said."""
    count = len(QUESTION_WORDINGS[question])
    return next((i for i in range(count) if i not in recent), (max(recent, default=-1) + 1) % count)
