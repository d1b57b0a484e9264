"""The receptionist's scripted lines and questions, rendered from the agency's data.

Lines the chart must control (greetings, empathy, transfer and hold lines, emails,
carrier numbers, the bank answer) are written here once, so they are said exactly
as the agency wants and exactly once. Every spoken office name uses the office's
`spoken_name` ("Harry Leveen Insurance") so text-to-speech says it right.
"""

from __future__ import annotations

from enum import StrEnum

from statecharts._agency import AgencyConfig
from statecharts._calendar import OfficeMoment, OfficeStatus
from statecharts._caller import Question
from statecharts._speech import email_for_speech

__all__ = ["ONCE_PER_CALL", "SELF_CONTAINED", "UNINTERRUPTIBLE", "Line", "question_text", "render"]


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
    SERVICES = "services"
    APPOINTMENT = "appointment"
    APPOINTMENT_CLOSED = "appointment_closed"
    PERSON_SCREENING = "person_screening"
    PERSON_AMBIGUOUS = "person_ambiguous"
    PERSON_NOT_FOUND = "person_not_found"
    PERSON_RESTRICTED = "person_restricted"
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
    MESSAGE_TRANSFER_FAILED = "message_transfer_failed"
    MESSAGE_REQUESTED = "message_requested"
    VOICEMAIL = "voicemail"
    MESSAGE_TAKEN = "message_taken"
    CALLBACK_ALREADY = "callback_already"
    PHONE_READ_BACK = "phone_read_back"
    PHONE_AGAIN = "phone_again"
    CHECK_IN = "check_in"
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
        Line.SERVICES,
        Line.PERSON_SCREENING,
        Line.PERSON_AMBIGUOUS,
        Line.PERSON_NOT_FOUND,
        Line.PERSON_RESTRICTED,
        Line.VENDOR_EMAIL,
        Line.SPANISH_WAIT,
        Line.CHECK_IN,
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


def _greeting(config: AgencyConfig, moment: OfficeMoment) -> str:
    office = config.office.spoken_name
    intro = f"Thank you for calling {office}. I'm {config.persona.name}, an automated assistant."
    if moment.status is OfficeStatus.LUNCH:
        return (
            f"{intro} Our team is on their lunch break and will be back at 1. "
            "How can I help you today?"
        )
    if moment.status is OfficeStatus.OPEN:
        return f"{intro} How can I help you today?"
    closed = "We're closed right now"
    if moment.holiday:
        closed = f"We're closed today for {moment.holiday}"
    return (
        f"{intro} {closed}, but we're open weekdays 9 to 5 Eastern, and we reopen "
        f"{moment.next_open_phrase}. How can I help with your insurance?"
    )


def _closed_word(moment: OfficeMoment) -> str:
    return "evening" if moment.local.hour >= 17 else "day"


def render(line: Line, config: AgencyConfig, moment: OfficeMoment, **params: str) -> str:
    """The exact text of a scripted line, with its parameters filled in."""
    office = config.office
    info_email = email_for_speech(office.general_email)
    name = params.get("name", "")
    texts: dict[Line, str] = {
        Line.INTAKE_ACK: "Got it.",
        Line.CANCELLATION_ACK: "I understand.",
        Line.CLAIM_EMPATHY: "I'm so sorry to hear about that. I hope everyone is okay.",
        Line.CARRIER_LINE_QUESTION: (
            "That carrier has separate claims lines. Is this for a business policy "
            "or a personal policy?"
        ),
        Line.CARRIER_NUMBER: (
            f"The 24/7 claims line for {name} is {params.get('digits', '')}. "
            "You can call them right now, any time, day or night."
        ),
        Line.CARRIER_NOT_FOUND: (
            "I don't have a claims number for that carrier. You'll find your carrier's "
            "claims number on your insurance card or your policy documents."
        ),
        Line.CARRIER_AMBIGUOUS: f"We work with {name}. Which one is your carrier?",
        Line.TRANSFER: f"I'm connecting you with {name} now. One moment while I connect you.",
        Line.TRANSFER_GROUP: (
            "I'm connecting you with our team now. One moment while I connect you."
        ),
        Line.TRANSFER_CLAIMS: (
            "Let me connect you with someone who can help with your claim. One moment."
        ),
        Line.AE_REDIRECT: (
            f"It looks like your account manager is actually {name}. "
            "Let me see if they're available."
        ),
        Line.CERTIFICATE_KIND_QUESTION: (
            "I can help with your certificate request. Is this a new certificate request, "
            "or a question about an existing certificate?"
        ),
        Line.CERTIFICATE_NEW: (
            "For a new certificate, please email "
            f"{email_for_speech(office.certificate_email)}. You can also get certificates "
            f"yourself in the {office.name} app, or through the client portal on our website, "
            f"{office.website_spoken}. Do you know your login, or do you need it resent?"
        ),
        Line.CERTIFICATE_EXISTING: "Let me get you to an agent.",
        Line.LENDER_QUESTION: (
            "Are you calling from a bank or mortgage company, or are you the policyholder?"
        ),
        Line.MORTGAGEE_IN_WRITING: (
            "All mortgagee and lienholder requests need to be made in writing, by email to "
            f"{info_email}. Would you like me to repeat that? "
            "Is there anything else I can help with?"
        ),
        Line.BANK_ANSWER: (
            f"All requests need to be made in writing, by email to {info_email}. "
            "We don't have a fax number. Have a good day. Goodbye."
        ),
        Line.HOURS_LOCATION: (
            f"We're open {office.hours_phrase}. We're at {office.address}. "
            "Is there anything else, or would you like to schedule an appointment?"
        ),
        Line.SERVICES: (
            f"We offer {', '.join(office.services[:-1])}, and {office.services[-1]} insurance. "
            "Can I help you with one of those, or get you a quote?"
            if office.services
            else "Can I help you with a quote?"
        ),
        Line.APPOINTMENT: (
            "Walk-ins are welcome, but appointments are strongly recommended so we have "
            "enough time to review your concerns, questions, or changes. I'm transferring "
            "you to our team to get that scheduled."
        ),
        Line.APPOINTMENT_CLOSED: (
            "Walk-ins are welcome, but appointments are strongly recommended so we have "
            "enough time to review your concerns, questions, or changes."
        ),
        Line.PERSON_SCREENING: (
            f"Sure, I can connect you with {name}. What is this in reference to?"
        ),
        Line.PERSON_AMBIGUOUS: f"We have {name}. Which one would you like?",
        Line.PERSON_NOT_FOUND: (
            "I'm not finding that name in our directory. Could you double-check the name?"
        ),
        Line.PERSON_RESTRICTED: (
            f"{name} isn't available for direct calls. Are you an existing client, "
            "looking to become a client, or is this a vendor or sales call?"
        ),
        Line.PERSON_FORMER: (
            f"{params.get('status', '')} I'd be happy to connect you with another team member."
        ),
        Line.VENDOR_EMAIL: (
            f"All vendor and sales inquiries go by email to {info_email}. "
            "Is there anything else I can help with?"
        ),
        Line.NEW_CLIENT_ACK: "I'd be happy to connect you with a sales agent.",
        Line.EXISTING_CLIENT_ACK: "Let me connect you with the right team member.",
        Line.SPANISH_WAIT: "Un momento, por favor.",
        Line.SPANISH_FALLBACK: (
            "I'm sorry, no Spanish-speaking team member is available right now. We're open "
            f"Monday to Friday, 9 to 5 Eastern, and you can email {info_email}. "
            "Lo siento mucho. Gracias por llamar."
        ),
        Line.LIVE_PERSON: "Absolutely. To get you to the right person, I need a few details.",
        Line.LIVE_PERSON_INSIST: (
            "The quickest way to reach the right person is your name, phone number, and what "
            "you need. It only takes a moment."
        ),
        Line.REDIRECT: "I'm here to help with insurance. What can I assist you with?",
        Line.INSTRUCTIONS_REDIRECT: (
            f"I'm {config.persona.name}, the {office.name} receptionist. "
            "How can I help with your insurance?"
        ),
        Line.OTHER_CALLERS_REDIRECT: (
            "I can't share anything about other callers. How can I help with your insurance?"
        ),
        Line.POLICY_DETAILS_REDIRECT: (
            "I don't have access to policy details, but your account executive can pull up "
            "your policy and help."
        ),
        Line.MESSAGE_LUNCH: (
            f"Our team is at lunch until 1, so I can't transfer you right now. I'll take your "
            f"details and a short message so {name or 'our team'} can call you back."
        ),
        Line.MESSAGE_CLOSED: (
            f"We're closed right now, so I'll take a message for {name or 'our team'}, and "
            "they'll call you back on the next business day."
        ),
        Line.MESSAGE_TRANSFER_FAILED: (
            f"I'm sorry, I wasn't able to connect you with {name or 'our team'}. "
            "Let me take a message so they can call you back."
        ),
        Line.MESSAGE_REQUESTED: f"Of course. I'll take a message for {name or 'our team'}.",
        Line.VOICEMAIL: (
            f"I'll transfer you to {name}'s voicemail. Please leave your name, number, and a "
            "short description, and they'll call you back on the next business day."
        ),
        Line.MESSAGE_TAKEN: (
            f"Thank you. I've passed your message to {name or 'our team'}, and they'll call "
            f"you back at the number ending in {params.get('last4', '')}."
        ),
        Line.CALLBACK_ALREADY: (
            "Your message is already with our team, and they'll call you back at the number "
            f"ending in {params.get('last4', '')}."
        ),
        Line.PHONE_READ_BACK: (
            f"Let me read that back: {params.get('digits', '')}. Is that right?"
        ),
        Line.PHONE_AGAIN: "Sorry about that. Could you say the number again for me?",
        Line.CHECK_IN: "Are you still there?",
        Line.SILENCE_GOODBYE: (
            f"It seems we got disconnected. Thank you for calling {office.spoken_name}. Goodbye."
        ),
        Line.WRAP_UP: (
            f"Thank you for calling {office.spoken_name}. Have a great {_closed_word(moment)}!"
        ),
        Line.ERROR_GOODBYE: (
            "I'm sorry, something went wrong on my end. I've noted your call, and someone "
            f"from {office.spoken_name} will call you back. Goodbye."
        ),
        Line.TIME_LIMIT_GOODBYE: (
            "I'm sorry, we've reached the time limit for this call. I've noted everything "
            f"you told me, and someone from {office.spoken_name} will call you back. Goodbye."
        ),
    }
    if line in (Line.GREETING_OPEN, Line.GREETING_LUNCH, Line.GREETING_CLOSED):
        return _greeting(config, moment)
    if line is Line.CLAIMS_CARRIER_QUESTION:
        return _carrier_question(
            moment,
            after_message=params.get("after_message") == "yes",
            ask=params.get("ask", "yes") == "yes",
        )
    return texts[line]


def _carrier_question(moment: OfficeMoment, *, after_message: bool, ask: bool) -> str:
    if after_message:
        lead = "In the meantime, your carrier's 24/7 claims line can help you right away."
    elif moment.status is OfficeStatus.LUNCH:
        lead = (
            "Our team is at lunch until 1, but I can help you reach your carrier's "
            "24/7 claims line."
        )
    else:
        lead = "Our office is closed, but I can help you reach your carrier's 24/7 claims line."
    return f"{lead} Do you know who your insurance carrier is?" if ask else lead


_QUESTIONS: dict[Question, str] = {
    Question.HOW_CAN_I_HELP: "How can I help you today?",
    Question.INSURANCE_TYPE: (
        "Is this for a business policy, or a personal policy like home or auto?"
    ),
    Question.CONTACT: (
        "Can I get your first name, the spelling of your last name, and a good phone number?"
    ),
    Question.FIRST_NAME: "Can I get your first name?",
    Question.LAST_NAME: "And your last name?",
    Question.LAST_NAME_SPELLING: "Could you spell your last name for me?",
    Question.PHONE: "And a good phone number to reach you?",
    Question.PHONE_CONFIRMATION: "Did I get your phone number right?",
    Question.BUSINESS_NAME: "What is the name of the business?",
    Question.MESSAGE: "What would you like me to pass along?",
    Question.CARRIER: "Do you know who your insurance carrier is?",
    Question.CERTIFICATE_KIND: (
        "Is this a new certificate request, or a question about an existing certificate?"
    ),
    Question.CALLER_ROLE: (
        "Are you calling from a bank or mortgage company, or are you the policyholder?"
    ),
    Question.REASON: "What is this in reference to?",
    Question.WHICH_PERSON: "Which one would you like?",
    Question.CALLER_KIND: (
        "Are you an existing client, looking to become a client, or is this a vendor or sales call?"
    ),
}


def question_text(question: Question) -> str:
    """How the receptionist asks for what the chart still needs."""
    return _QUESTIONS[question]
