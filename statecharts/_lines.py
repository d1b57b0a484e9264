"""The receptionist's scripted lines by id, and how the shell treats each.

A line may be said once per call, never be interrupted, or ask its own question
(so the model stays silent after it). The words are rendered in `_script.py`.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ONCE_PER_CALL", "SELF_CONTAINED", "UNINTERRUPTIBLE", "Line"]


class Line(StrEnum):
    """Every scripted line, by id."""

    GREETING_OPEN = "greeting_open"
    GREETING_LUNCH = "greeting_lunch"
    GREETING_CLOSED = "greeting_closed"
    INTAKE_ACK = "intake_ack"
    CANCELLATION_ACK = "cancellation_ack"
    CLAIM_EMPATHY = "claim_empathy"
    CLAIMS_CARRIER_QUESTION = "claims_carrier_question"
    CARRIER_LINE_QUESTION = "carrier_line_question"
    CARRIER_NUMBER = "carrier_number"
    CARRIER_NOT_FOUND = "carrier_not_found"
    CARRIER_AMBIGUOUS = "carrier_ambiguous"
    TRANSFER = "transfer"
    TRANSFER_GROUP = "transfer_group"
    TRANSFER_CLAIMS = "transfer_claims"
    AE_REDIRECT = "ae_redirect"
    CERTIFICATE_KIND_QUESTION = "certificate_kind_question"
    CERTIFICATE_NEW = "certificate_new"
    CERTIFICATE_EXISTING = "certificate_existing"
    LENDER_QUESTION = "lender_question"
    MORTGAGEE_IN_WRITING = "mortgagee_in_writing"
    BANK_ANSWER = "bank_answer"
    HOURS_LOCATION = "hours_location"
    HOURS_LOCATION_AGAIN = "hours_location_again"
    SERVICES = "services"
    SERVICES_AGAIN = "services_again"
    APPOINTMENT = "appointment"
    APPOINTMENT_CLOSED = "appointment_closed"
    PERSON_SCREENING = "person_screening"
    PERSON_SCREENING_MESSAGE = "person_screening_message"
    PERSON_AMBIGUOUS = "person_ambiguous"
    PERSON_NOT_FOUND = "person_not_found"
    PERSON_RESTRICTED = "person_restricted"
    PERSON_RESTRICTED_AGAIN = "person_restricted_again"
    PERSON_FORMER = "person_former"
    VENDOR_EMAIL = "vendor_email"
    NEW_CLIENT_ACK = "new_client_ack"
    EXISTING_CLIENT_ACK = "existing_client_ack"
    SPANISH_WAIT = "spanish_wait"
    SPANISH_FALLBACK = "spanish_fallback"
    LIVE_PERSON = "live_person"
    LIVE_PERSON_INSIST = "live_person_insist"
    REDIRECT = "redirect"
    INSTRUCTIONS_REDIRECT = "instructions_redirect"
    OTHER_CALLERS_REDIRECT = "other_callers_redirect"
    POLICY_DETAILS_REDIRECT = "policy_details_redirect"
    MESSAGE_LUNCH = "message_lunch"
    MESSAGE_CLOSED = "message_closed"
    MESSAGE_NOT_LIVE = "message_not_live"
    MESSAGE_TRANSFER_FAILED = "message_transfer_failed"
    MESSAGE_REQUESTED = "message_requested"
    MESSAGE_AGAIN = "message_again"
    VOICEMAIL = "voicemail"
    MESSAGE_TAKEN = "message_taken"
    CALLBACK_ALREADY = "callback_already"
    PHONE_READ_BACK = "phone_read_back"
    PHONE_AGAIN = "phone_again"
    CHECK_IN = "check_in"
    CLARIFY = "clarify"
    HELP = "help"
    HELP_QUESTION = "help_question"
    SAY_AGAIN = "say_again"
    ASK_AGAIN = "ask_again"
    UNCLEAR_WRAP_UP = "unclear_wrap_up"
    UNCLEAR_GOODBYE = "unclear_goodbye"
    SILENCE_GOODBYE = "silence_goodbye"
    WRAP_UP = "wrap_up"
    ERROR_GOODBYE = "error_goodbye"
    TIME_LIMIT_GOODBYE = "time_limit_goodbye"


ONCE_PER_CALL = frozenset(
    {
        Line.GREETING_OPEN,
        Line.GREETING_LUNCH,
        Line.GREETING_CLOSED,
        Line.INTAKE_ACK,
        Line.CANCELLATION_ACK,
        Line.CLAIM_EMPATHY,
        Line.TRANSFER,
        Line.TRANSFER_GROUP,
        Line.TRANSFER_CLAIMS,
        Line.AE_REDIRECT,
        Line.BANK_ANSWER,
        Line.SPANISH_WAIT,
        Line.VOICEMAIL,
        Line.MESSAGE_TAKEN,
        Line.WRAP_UP,
        Line.UNCLEAR_WRAP_UP,
        Line.UNCLEAR_GOODBYE,
        Line.SILENCE_GOODBYE,
        Line.ERROR_GOODBYE,
        Line.TIME_LIMIT_GOODBYE,
    }
)
"""Lines that are never said twice in one call ("one voice per moment")."""

UNINTERRUPTIBLE = frozenset(
    {
        Line.TRANSFER,
        Line.TRANSFER_GROUP,
        Line.TRANSFER_CLAIMS,
        Line.BANK_ANSWER,
        Line.VOICEMAIL,
        Line.MESSAGE_TAKEN,
        Line.CARRIER_NUMBER,
    }
)
"""Lines a caller must hear whole: transfer and hold lines, numbers, the bank answer."""


SELF_CONTAINED = frozenset(
    {
        Line.GREETING_OPEN,
        Line.GREETING_LUNCH,
        Line.GREETING_CLOSED,
        Line.CLAIMS_CARRIER_QUESTION,
        Line.CARRIER_LINE_QUESTION,
        Line.CARRIER_NUMBER,
        Line.CARRIER_NOT_FOUND,
        Line.CARRIER_AMBIGUOUS,
        Line.CERTIFICATE_KIND_QUESTION,
        Line.CERTIFICATE_NEW,
        Line.LENDER_QUESTION,
        Line.MORTGAGEE_IN_WRITING,
        Line.HOURS_LOCATION,
        Line.HOURS_LOCATION_AGAIN,
        Line.SERVICES,
        Line.SERVICES_AGAIN,
        Line.PERSON_SCREENING,
        Line.PERSON_SCREENING_MESSAGE,
        Line.PERSON_AMBIGUOUS,
        Line.PERSON_NOT_FOUND,
        Line.PERSON_RESTRICTED,
        Line.PERSON_RESTRICTED_AGAIN,
        Line.VENDOR_EMAIL,
        Line.SPANISH_WAIT,
        Line.CHECK_IN,
        Line.CLARIFY,
        Line.REDIRECT,
        Line.INSTRUCTIONS_REDIRECT,
        Line.OTHER_CALLERS_REDIRECT,
        Line.POLICY_DETAILS_REDIRECT,
        Line.HELP_QUESTION,
        Line.SAY_AGAIN,
        Line.ASK_AGAIN,
        Line.TRANSFER,
        Line.TRANSFER_GROUP,
        Line.TRANSFER_CLAIMS,
        Line.VOICEMAIL,
        Line.APPOINTMENT,
        Line.PHONE_READ_BACK,
        Line.PHONE_AGAIN,
    }
)
"""Lines that end with their own question or close the moment: the model stays silent."""
