"""The receptionist's scripted lines, rendered from the agency's data, written for the ear.

Lines the chart must control (greetings, empathy, transfer and hold lines, emails,
carrier numbers, the bank answer, what happens to a message) are written here once,
so they are said exactly as the agency wants and exactly once. Every line is written
to be spoken: no parentheses, slashes or dashes as ranges; hours, addresses and
numbers as a person says them (`_spoken.py`, and the agency file's spoken forms).
Names are written as the agency writes them ("Harry Levine Insurance", "Louis"):
pronunciation hints are applied only to the text sent to speech synthesis.
"""

from __future__ import annotations

from collections.abc import Callable

from statecharts._agency import AgencyConfig
from statecharts._calendar import OfficeMoment, OfficeStatus
from statecharts._caller import Question
from statecharts._holidays import OFFICE_CLOSED
from statecharts._lines import ONCE_PER_CALL, SELF_CONTAINED, UNINTERRUPTIBLE, Line
from statecharts._questions import question_text
from statecharts._speech import email_for_speech
from statecharts._spoken import (
    lunch_phrase,
    lunch_return,
    services_phrase,
    weekly_hours,
)

__all__ = ["ONCE_PER_CALL", "SELF_CONTAINED", "UNINTERRUPTIBLE", "Line", "question_text", "render"]


def _greeting(config: AgencyConfig, moment: OfficeMoment) -> str:
    office = config.office
    intro = (
        f"Thank you for calling {office.name}. I'm {config.persona.name}, an automated assistant."
    )
    if moment.status is OfficeStatus.LUNCH:
        return (
            f"{intro} Our team is on their lunch break and will be back at "
            f"{lunch_return(office)}. How can I help you today?"
        )
    if moment.status is OfficeStatus.OPEN:
        return f"{intro} How can I help you today?"
    closed = "We're closed right now"
    if moment.holiday and moment.holiday != OFFICE_CLOSED:
        closed = f"We're closed today for {moment.holiday}"
    elif moment.holiday:
        closed = "We're closed today"
    return (
        f"{intro} {closed}, but we're open {weekly_hours(office)}, and we reopen "
        f"{moment.next_open_phrase}. How can I help you today?"
    )


def _closed_word(moment: OfficeMoment) -> str:
    return "evening" if moment.local.hour >= 17 else "day"


def _hours(config: AgencyConfig) -> str:
    """The hours answer: "Monday through Friday, nine to five Eastern, and we're closed…"."""
    office = config.office
    lunch = lunch_phrase(office)
    return f"{weekly_hours(office)}, and we're {lunch}" if lunch else weekly_hours(office)


def _then(lead: str, rest: str) -> str:
    """A lead-in, then (when there is one) what follows it: a question, a line said again."""
    return f"{lead} {rest}" if rest else lead


def _who(name: str) -> str:
    return name or "our team"


def render(line: Line, config: AgencyConfig, moment: OfficeMoment, **params: str) -> str:
    """The exact text of a scripted line, with its parameters filled in.

    Parameters a line may take: `name` (a person as written, or "" for the team),
    `about` (" about your renewal", or ""), `complete` ("yes": the message is already
    complete, so nothing is said about taking it), `last4` (digits said one by one),
    `when` (" on the next business day", or ""), `digits` (a phone number said in
    groups), `status` (a former colleague's
    status), `question` (the question the line ends with), `passed` (what was
    done with the caller's message, said before a goodbye), `again` (a line said
    again on request).
    """
    office = config.office
    info_email = email_for_speech(office.general_email)
    name = params.get("name", "")
    about = params.get("about", "")
    question = params.get("question", "")
    ending = f" at the number ending in {params['last4']}" if params.get("last4") else ""
    passed = f" {params['passed']}" if params.get("passed") else ""

    def ask(asked: Question) -> str:
        """The question a line ends with: the chart's words for it (`question`), else its first."""
        return question or question_text(asked)

    def taking(text: str) -> str:
        """What taking the message involves: nothing to add when it is already complete."""
        return "" if params.get("complete") == "yes" else text

    texts: dict[Line, Callable[[], str]] = {
        Line.INTAKE_ACK: lambda: "Got it.",
        Line.CANCELLATION_ACK: lambda: "I understand.",
        Line.CLAIM_EMPATHY: lambda: "I'm so sorry to hear about that. I hope everyone is okay.",
        Line.CARRIER_LINE_QUESTION: lambda: (
            "That carrier has separate claims lines. Is this for a business policy "
            "or a personal policy?"
        ),
        Line.CARRIER_NUMBER: lambda: (
            f"The 24-hour claims line for {name} is {params.get('digits', '')}. "
            "You can call them right now, any time, day or night."
        ),
        Line.CARRIER_NOT_FOUND: lambda: (
            "I don't have a claims number for that carrier. You'll find your carrier's "
            "claims number on your insurance card or your policy documents."
        ),
        Line.CARRIER_AMBIGUOUS: lambda: f"We work with {name}. Which one is your carrier?",
        Line.TRANSFER: lambda: (
            f"I'm connecting you with {name} now. One moment while I connect you."
        ),
        Line.TRANSFER_GROUP: lambda: (
            "I'm connecting you with our team now. One moment while I connect you."
        ),
        Line.TRANSFER_CLAIMS: lambda: (
            "Let me connect you with someone who can help with your claim. One moment."
        ),
        Line.AE_REDIRECT: lambda: (
            f"It looks like your account manager is actually {name}. "
            "Let me see if they're available."
        ),
        Line.CERTIFICATE_KIND_QUESTION: lambda: _then(
            "I can help with your certificate request.",
            ask(Question.CERTIFICATE_KIND),
        ),
        Line.CERTIFICATE_NEW: lambda: (
            "For a new certificate, please email "
            f"{email_for_speech(office.certificate_email)}. You can also get certificates "
            f"yourself in the {office.name} app, or through the client portal on our website, "
            f"{office.website_spoken or office.website}. "
            "Do you know your login, or do you need it resent?"
        ),
        Line.CERTIFICATE_EXISTING: lambda: "Let me get you to an agent.",
        Line.LENDER_QUESTION: lambda: ask(Question.CALLER_ROLE),
        Line.MORTGAGEE_IN_WRITING: lambda: (
            "All mortgagee and lienholder requests need to be made in writing, by email to "
            f"{info_email}. I can repeat that if you'd like. "
            "Is there anything else I can help with?"
        ),
        Line.BANK_ANSWER: lambda: (
            f"All requests need to be made in writing, by email to {info_email}. "
            "We don't have a fax number. Have a good day. Goodbye."
        ),
        Line.HOURS_LOCATION: lambda: (
            f"We're open {_hours(config)}. We're at {office.address_spoken or office.address}. "
            "Is there anything else, or would you like to schedule an appointment?"
        ),
        Line.HOURS_LOCATION_AGAIN: lambda: (
            f"Sure. Our office is at {office.address_spoken or office.address}, and our hours "
            f"are {_hours(config)}. Is there anything else I can help you with?"
        ),
        Line.SERVICES_AGAIN: lambda: (
            f"Sure. The insurance we write is {services_phrase(office.services)}. "
            "Would you like a quote on one of them?"
            if office.services
            else "Would you like a quote?"
        ),
        Line.SERVICES: lambda: (
            f"We offer {services_phrase(office.services)}. "
            "Can I help you with one of those, or get you a quote?"
            if office.services
            else "Can I help you with a quote?"
        ),
        Line.APPOINTMENT: lambda: (
            "Walk-ins are welcome, but appointments are strongly recommended so we have "
            "enough time to review your concerns, questions, or changes. Our team can get "
            "that scheduled for you."
        ),
        Line.APPOINTMENT_CLOSED: lambda: (
            "Walk-ins are welcome, but appointments are strongly recommended so we have "
            "enough time to review your concerns, questions, or changes."
        ),
        Line.PERSON_SCREENING: lambda: _then(
            f"Sure, I can connect you with {name}.", ask(Question.REASON)
        ),
        Line.PERSON_SCREENING_MESSAGE: lambda: _then(
            f"{name} can't take calls right now, but I can make sure they get your message.",
            ask(Question.REASON),
        ),
        Line.PERSON_AMBIGUOUS: lambda: _then(f"We have {name}.", ask(Question.WHICH_PERSON)),
        Line.PERSON_NOT_FOUND: lambda: (
            "I'm not finding that name in our directory. Could you double-check the name?"
        ),
        Line.PERSON_RESTRICTED: lambda: _then(
            f"{name} isn't available for direct calls.", ask(Question.CALLER_KIND)
        ),
        Line.PERSON_RESTRICTED_AGAIN: lambda: _then(
            f"I'm sorry, {name} doesn't take direct calls.", question
        ),
        Line.PERSON_FORMER: lambda: (
            f"{params.get('status', '')} I'd be happy to connect you with another team member."
        ),
        Line.VENDOR_EMAIL: lambda: (
            f"All vendor and sales inquiries go by email to {info_email}. "
            "Is there anything else I can help with?"
        ),
        Line.NEW_CLIENT_ACK: lambda: "I'd be happy to connect you with a sales agent.",
        Line.EXISTING_CLIENT_ACK: lambda: "Let me connect you with the right team member.",
        Line.SPANISH_WAIT: lambda: "Un momento, por favor.",
        Line.SPANISH_FALLBACK: lambda: (
            "I'm sorry, no Spanish-speaking team member is available right now. We're open "
            f"{weekly_hours(office)}, and you can email {info_email}. "
            "Lo siento mucho. Gracias por llamar."
        ),
        Line.LIVE_PERSON: lambda: (
            "Absolutely. To get you to the right person, I need a few details."
        ),
        Line.LIVE_PERSON_INSIST: lambda: (
            "The quickest way to reach the right person is your name, phone number, and what "
            "you need. It only takes a moment."
        ),
        Line.REDIRECT: lambda: _then("I'm here to help with insurance.", question),
        Line.INSTRUCTIONS_REDIRECT: lambda: _then(
            f"I'm {config.persona.name}, the {office.name} receptionist, and I'm here to help "
            "with your insurance.",
            question,
        ),
        Line.OTHER_CALLERS_REDIRECT: lambda: _then(
            "I can't share anything about other callers, but I'm happy to help with your "
            "insurance.",
            question,
        ),
        Line.POLICY_DETAILS_REDIRECT: lambda: _then(
            "I don't have access to policy details, but your account executive can pull up "
            "your policy and help.",
            question,
        ),
        Line.MESSAGE_LUNCH: lambda: (
            f"Our team is at lunch until {lunch_return(office)}, so I can't transfer you "
            "right now."
            + taking(
                f" I'll take your details and a short message{about} so {_who(name)} "
                "can call you back."
            )
        ),
        Line.MESSAGE_CLOSED: lambda: (
            "We're closed right now"
            + taking(
                f", so I'll take a message{about} for {_who(name)}, and they'll call you "
                "back on the next business day",
            )
            + "."
        ),
        Line.MESSAGE_NOT_LIVE: lambda: (
            f"I can't put you through to {name or 'anyone'} live right now"
            + taking(
                f", so I'll take a message{about}, and {name or 'someone from our team'} "
                "will call you back"
            )
            + "."
        ),
        Line.MESSAGE_TRANSFER_FAILED: lambda: (
            f"I'm sorry, I wasn't able to connect you with {_who(name)}."
            + taking(" Let me take a message so they can call you back.")
        ),
        Line.MESSAGE_REQUESTED: lambda: (
            "Of course." + taking(f" I'll take a message{about} for {_who(name)}.")
        ),
        Line.MESSAGE_AGAIN: lambda: f"Let me take a message{about} for {_who(name)}.",
        Line.VOICEMAIL: lambda: (
            f"I'll transfer you to {name}'s voicemail. Please leave your name, number, and a "
            "short description, and they'll call you back on the next business day."
        ),
        Line.MESSAGE_TAKEN: lambda: (
            f"Thank you. I've passed your message{about} to {_who(name)}, and they'll call "
            f"you back{params.get('when', '')}{ending}."
        ),
        Line.CALLBACK_ALREADY: lambda: (
            f"Your message is already with {_who(name)}, and they'll call you back{ending}."
        ),
        Line.PHONE_READ_BACK: lambda: (
            f"Let me read that back: {params.get('digits', '')}. Is that right?"
        ),
        Line.PHONE_AGAIN: lambda: "Sorry about that. Could you say the number again for me?",
        # one question at a time: the open question, after silence, is the check-in itself
        Line.CHECK_IN: lambda: (
            f"Just checking in. {question}" if question else "Are you still there?"
        ),
        Line.CLARIFY: lambda: _then("Sorry, I didn't quite catch that.", question),
        Line.HELP: lambda: "Let me get you to someone who can help.",
        Line.HELP_QUESTION: lambda: _then("Let me get you to someone who can help.", question),
        Line.SAY_AGAIN: lambda: _then("Of course.", params.get("again", "")),
        Line.ASK_AGAIN: lambda: question,
        Line.UNCLEAR_WRAP_UP: lambda: (
            "I'm sorry, I didn't catch that. If you need anything else, please call us back "
            "any time. Thanks for calling. Goodbye."
        ),
        Line.UNCLEAR_GOODBYE: lambda: (
            "I'm sorry, I'm having trouble understanding, and I couldn't get a number to call "
            f"you back. Please call us again during office hours, {weekly_hours(office)}, or "
            f"email {info_email}. Thanks for calling. Goodbye."
        ),
        Line.SILENCE_GOODBYE: lambda: (
            f"It seems we got disconnected.{passed} Thanks for calling. Goodbye."
        ),
        # the greeting thanked the caller for calling the agency by name: not word for word again
        Line.WRAP_UP: lambda: f"Thanks for calling, and have a great {_closed_word(moment)}!",
        Line.ERROR_GOODBYE: lambda: (
            "I'm sorry, something went wrong on my end."
            f"{passed or ' Please call us back, and we will be glad to help.'} "
            "Thanks for calling. Goodbye."
        ),
        Line.TIME_LIMIT_GOODBYE: lambda: (
            "I'm sorry, we've reached the time limit for this call."
            f"{passed or ' Please call us back, and we will be glad to help.'} "
            "Thanks for calling. Goodbye."
        ),
    }
    if line in (Line.GREETING_OPEN, Line.GREETING_LUNCH, Line.GREETING_CLOSED):
        return _greeting(config, moment)
    if line is Line.CLAIMS_CARRIER_QUESTION:
        lead = _carrier_question(config, moment, after_message=params.get("after_message") == "yes")
        return _then(lead, ask(Question.CARRIER)) if params.get("ask", "yes") == "yes" else lead
    return texts[line]()


def _carrier_question(config: AgencyConfig, moment: OfficeMoment, *, after_message: bool) -> str:
    if after_message:
        lead = "In the meantime, your carrier's 24-hour claims line can help you right away."
    elif moment.status is OfficeStatus.LUNCH:
        lead = (
            f"Our team is at lunch until {lunch_return(config.office)}, but I can help you "
            "reach your carrier's 24-hour claims line."
        )
    else:
        lead = "Our office is closed, but I can help you reach your carrier's 24-hour claims line."
    return lead


def passed_on(name: str, last4: str, about: str = "") -> str:
    """What was done with a message, said before a goodbye: "I've passed your message…"."""
    ending = f" at the number ending in {last4}" if last4 else ""
    return f"I've passed your message{about} to {_who(name)}, and they'll call you back{ending}."
