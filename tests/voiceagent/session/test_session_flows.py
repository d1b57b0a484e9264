"""Every intent in every office status, through the real `AgentSession`.

Each test opens a real call (chart, orchestrator, speech adapters, the offline
brain in the LLM seat, console telephony and an in-memory store), runs caller
turns with `AgentSession.run`, and reads each turn's `RunResult.expect`: the
tool calls and their arguments, the handoffs between adapters, and what was
said. At the end it checks the chart's outcome, the telephony record and the
stored messages: what a caller would have lived through, and what staff get.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from livekit.agents import RunResult

from statecharts import MessageKind, OutcomeKind
from voiceagent.brain import OfflineBrain
from voiceagent.session.adapters import (
    AfterHoursAdapter,
    ClaimsAdapter,
    MortgageeAdapter,
    TransferAdapter,
    TriageAdapter,
)
from voiceagent.session.call import new_call
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony
from voiceagent.telephony.port import TransferKind

from .session_driver import AGENCY, OPEN, Call, Target, call_at, said, tools_called

pytestmark = pytest.mark.session

LUNCH = datetime(2026, 11, 24, 12, 30)
"""Tuesday 12:30: the team is at lunch."""
CLOSED = datetime(2026, 11, 24, 19, 30)
"""Tuesday 19:30: closed for the evening."""
HOLIDAY = datetime(2026, 11, 26, 10, 0)
"""Thanksgiving, Thursday 10:00: closed for the holiday."""
STATUSES = {"open": OPEN, "lunch": LUNCH, "closed": CLOSED, "holiday": HOLIDAY}
NOT_OPEN = ("lunch", "closed", "holiday")
MESSAGE_KIND = {
    "lunch": MessageKind.CALLBACK,
    "closed": MessageKind.MESSAGE,
    "holiday": MessageKind.MESSAGE,
}
"""The kind of message taken instead of a live transfer, by office status."""
MESSAGE = "I'd like to go over my options, please."
"""What a caller leaves as their message when nobody can take the call."""


def person(name: str, extension: str) -> Target:
    """A staff member as the outcome's target names them."""
    return {"name": name, "extension": extension, "group": None}


BRAD = person("Brad", "7007")
RACHEL_MORENO = person("Rachel Moreno", "7010")
ADRIANA = person("Adriana", "7002")
RAYVON = person("Rayvon", "7018")
YARISLYN = person("Yarislyn", "7011")
AL = person("Al", "7015")
LOUIS = person("Louis", "7017")
STEPHANIE = person("Stephanie", "7014")
VA_GROUP: Target = {"name": "Virtual Assistant Team", "extension": None, "group": "VA"}
CLAIMS_GROUP: Target = {"name": "Claims Team", "extension": None, "group": "Claims"}


async def finish_routed(
    call: Call,
    status: str,
    last: RunResult[None],
    target: Target,
    *,
    contact: str | None = None,
    said_need: str | None = None,
) -> None:
    """The routed call ends as the office status allows: a live transfer, else a message.

    Open: the last turn handed the call to the silent transfer adapter and the
    target was dialled once. Otherwise: the after-hours adapter takes over, the
    caller gives what is still missing and a message, and the message is stored
    for the same target before the call ends; nobody is dialled. When the caller
    already said what they need in words (`said_need`), those words are the message,
    and it is not asked for again.
    """
    if status == "open":
        last.expect.contains_agent_handoff(new_agent_type=TransferAdapter)
        assert "connecting you with" in said(last)
        assert call.outcome == (OutcomeKind.TRANSFER, target)
        assert call.dialled() == [(TransferKind.LIVE, target["name"])]
    else:
        if said_need is None:
            last.expect.contains_agent_handoff(new_agent_type=AfterHoursAdapter)
        assert "connecting you" not in call.transcript()
        if contact is not None:
            given = await call.turn(contact)
            given.expect.contains_function_call(name="provide_details")
        text = said_need or MESSAGE
        if said_need is None:
            left = await call.turn(MESSAGE)
            left.expect.contains_function_call(
                name="provide_details", arguments={"message": MESSAGE}
            )
        if said_need is not None:
            assert "What would you like me to pass along" not in call.transcript()
        assert "passed your message" in call.transcript()
        assert call.outcome == (OutcomeKind.MESSAGE, target)
        stored = [m.message for m in await call.store.list_messages()]
        assert [(m.kind, m.for_target.name if m.for_target else None, m.text) for m in stored] == [
            (MESSAGE_KIND[status], target["name"], text)
        ]
        assert call.dialled() == []
    assert call.run.ended
    assert call.telephony.hung_up


# --- the standard intake, in every office status ----------------------------------------------


@dataclass(frozen=True, slots=True)
class IntakeCase:
    """A direct-transfer intent, said the way callers say it."""

    name: str
    opening: str
    intent: str
    details: tuple[str, ...]
    """The caller's answers to the intake questions, one turn each."""
    open_target: Target
    """Where the rules route it while staff are in (and for the lunch callback)."""
    closed_target: Target
    """Where the message goes after hours: always the account executive."""
    insurance_type: str | None = None
    """The line of business the opening already names, so it is never asked."""
    ack: str = "Got it."


INTAKE_CASES = [
    IntakeCase(
        "new_quote_personal",
        "I need a quote for my car",
        "new_quote",
        ("My name is Kelly Urban, that's U R B A N, and my number is 407 555 0123",),
        BRAD,
        LOUIS,
        insurance_type="personal",
    ),
    IntakeCase(
        "new_quote_business",
        "I'd like a quote for my business",
        "new_quote",
        ("This is John Smith, 407-555-0123", "The business is The Great Plumbing Company"),
        ADRIANA,
        ADRIANA,
        insurance_type="business",
    ),
    IntakeCase(
        "payment",
        "I need to make a payment on my auto policy",
        "make_payment",
        ("Ann Lee, L E E, 407 555 0000",),
        VA_GROUP,
        AL,
        insurance_type="personal",
    ),
    IntakeCase(
        "change",
        "I need to add a vehicle to my auto policy",
        "make_change",
        ("Maria Garcia, G A R C I A, 407 555 1234",),
        YARISLYN,
        YARISLYN,
        insurance_type="personal",
    ),
    IntakeCase(
        "cancellation",
        "I want to cancel my home insurance",
        "cancellation",
        ("Tom Nguyen, N G U Y E N, 407 555 9876",),
        LOUIS,
        LOUIS,
        insurance_type="personal",
        ack="I understand.",
    ),
    IntakeCase(
        "coverage",
        "Why did my rate go up on my car insurance?",
        "coverage_rate_questions",
        ("Al Harper, H A R P E R, 407 555 3333",),
        AL,
        AL,
        insurance_type="personal",
    ),
    IntakeCase(
        "review",
        "My home policy is coming up for renewal and I'd like a review",
        "policy_review_renewal",
        ("Sam Wilson, W I L S O N, 407 555 4444",),
        LOUIS,
        LOUIS,
        insurance_type="personal",
    ),
    IntakeCase(
        "something_else",
        "I have a question about my account",
        "something_else",
        ("it's for my business", "Pat Jones, 407 555 5555", "Zephyr Industries"),
        RAYVON,
        RAYVON,
    ),
]


SAID_IN_WORDS = frozenset(
    {
        "new_quote",
        "make_payment",
        "make_change",
        "cancellation",
        "coverage_rate_questions",
        "policy_review_renewal",
        "something_else",
    }
)
"""Needs the brain passes on in the caller's words (the summary): they are the message."""


@pytest.mark.parametrize("status", list(STATUSES))
@pytest.mark.parametrize("case", INTAKE_CASES, ids=[c.name for c in INTAKE_CASES])
async def test_intake_intent_routes_by_the_rules(case: IntakeCase, status: str) -> None:
    """Each intake intent fires `request`, collects the details, then transfers or messages."""
    async with call_at(STATUSES[status]) as call:
        opening = await call.turn(case.opening)
        opening.expect.contains_function_call(name="request", arguments={"intent": case.intent})
        if case.insurance_type is not None:
            opening.expect.contains_function_call(
                name="provide_details", arguments={"insurance_type": case.insurance_type}
            )
        assert said(opening).startswith(case.ack)
        last = opening
        for answer in case.details:
            last = await call.turn(answer)
            last.expect.contains_function_call(name="provide_details")
        target = case.open_target if status in ("open", "lunch") else case.closed_target
        said_need = case.opening if case.intent in SAID_IN_WORDS else None
        await finish_routed(call, status, last, target, said_need=said_need)
        assert call.run.chart.record.call_intent == case.intent


async def test_bank_customer_with_own_need_is_a_quote_not_a_bank_caller() -> None:
    """'I bank with Chase and need home insurance' is a new quote, never the bank answer."""
    async with call_at(OPEN) as call:
        opening = await call.turn("I bank with Chase and I need home insurance")
        opening.expect.contains_function_call(name="request", arguments={"intent": "new_quote"})
        assert "bank_caller" not in tools_called(opening)
        last = await call.turn("Kelly Urban, U R B A N, 407 555 0123")
        await finish_routed(call, "open", last, BRAD)
        assert "fax" not in call.transcript()


async def test_name_in_the_opening_is_kept_and_not_asked_again() -> None:
    """'Hi, this is Maria Urban. I'd like…': the name is recorded as said, never re-asked."""
    async with call_at(OPEN) as call:
        opening = await call.turn("Hi, this is Maria Urban. I'd like a policy review")
        opening.expect.contains_function_call(
            name="request", arguments={"intent": "policy_review_renewal"}
        )
        opening.expect.contains_function_call(
            name="provide_details", arguments={"first_name": "Maria", "last_name": "Urban"}
        )
        await call.turn("it's for my car")
        await call.turn("U R B A N")
        last = await call.turn("407-555-0000")
        assert call.run.chart.record.last_name == "Urban"
        assert "Can I get your first name" not in call.transcript()
        await finish_routed(call, "open", last, LOUIS)


@pytest.mark.parametrize(
    "answer",
    [
        "Maria Urban, U R B A N, 407 555 0000",
        "Maria Urban, it's spelled U, R, B, A, N, 407-555-0000",
        "Maria Urban, U R B A N, you can reach me at 407-555-0000",
    ],
)
async def test_one_answer_to_the_contact_question_gives_every_fact(answer: str) -> None:
    """Name, spelling and phone in one answer are all recorded; nothing is asked again."""
    async with call_at(OPEN) as call:
        await call.turn("I need a quote for my car")
        last = await call.turn(answer)
        last.expect.contains_function_call(
            name="provide_details",
            arguments={
                "first_name": "Maria",
                "last_name_spelled": "URBAN",
                "phone": "4075550000",
            },
        )
        assert "Can I get your first name?" not in call.transcript()
        await finish_routed(call, "open", last, BRAD)


@pytest.mark.parametrize(
    "answer",
    ["U R B A N", "that's U-R-B-A-N", "spelled U R B A N", "it's spelled U, R, B, A, N"],
)
async def test_the_spelling_is_recorded_letter_for_letter(answer: str) -> None:
    """However the caller spells the last name, every letter is recorded."""
    async with call_at(OPEN) as call:
        await call.turn("I need a quote for my car")
        await call.turn("Maria Urban")
        spelled = await call.turn(answer)
        spelled.expect.contains_function_call(name="provide_details")
        assert call.run.chart.record.last_name_spelled == "URBAN"
        assert "And a good phone number to reach you?" in said(spelled)


@pytest.mark.parametrize(
    "answer",
    [
        "the business is Theater Company of Orlando",
        "it's called Theater Company of Orlando",
        "Theater Company of Orlando",
    ],
)
async def test_the_business_name_is_recorded_whole(answer: str) -> None:
    """The business name is kept as said, words after 'Company' included; T goes to Rayvon."""
    async with call_at(OPEN) as call:
        await call.turn("I need a quote for my company")
        await call.turn("my name is Maria Urban, 407-555-0000")
        last = await call.turn(answer)
        last.expect.contains_function_call(
            name="provide_details", arguments={"business_name": "Theater Company of Orlando"}
        )
        await finish_routed(call, "open", last, RAYVON)


@pytest.mark.parametrize(
    "answer",
    [
        "407-555-0000",
        "(407) 555-0000",
        "my number is 407 555 0000",
        "four oh seven five five five oh oh oh oh",
        "you can reach me at four zero seven five five five zero zero zero zero",
    ],
)
async def test_the_phone_number_is_recorded_in_digits(answer: str) -> None:
    """Digits with dashes, spaces or parentheses, or said as words: the same ten digits."""
    async with call_at(OPEN) as call:
        await call.turn("I need a quote for my car")
        await call.turn("my name is Maria Urban, U R B A N")
        last = await call.turn(answer)
        last.expect.contains_function_call(
            name="provide_details", arguments={"phone": "4075550000"}
        )
        await finish_routed(call, "open", last, BRAD)


# --- claims ------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["open", "lunch"])
async def test_claim_while_staff_are_in_takes_a_message_then_offers_the_carrier_line(
    status: str,
) -> None:
    """A claim with no claims extensions: empathy, a stored message, then the carrier line.

    What happened, as the caller told it, is the message: it is not asked for again.
    """
    async with call_at(STATUSES[status]) as call:
        description = "I was in a car accident this morning"
        reported = await call.turn(description)
        reported.expect[0].is_function_call(name="report_claim")  # no speech before the tool
        reported.expect.contains_agent_handoff(new_agent_type=AfterHoursAdapter)
        assert "so sorry to hear" in said(reported)
        contact = await call.turn("Bo Jones, 407 555 0123")
        contact.expect.contains_function_call(
            name="provide_details",
            arguments={"first_name": "Bo", "last_name": "Jones", "phone": "4075550123"},
        )
        contact.expect.contains_agent_handoff(new_agent_type=ClaimsAdapter)
        assert "pass along" not in call.transcript()
        assert "Do you know who your insurance carrier is?" in said(contact)
        carrier = await call.turn("State Farm")
        carrier.expect.contains_function_call(
            name="name_carrier", arguments={"carrier": "State Farm"}
        )
        assert "8 0 0, 7 3 2, 5 2 4 6" in said(carrier)
        done = await call.turn("that's all, thanks")
        done.expect.contains_function_call(name="caller_done")
        assert call.outcome == (OutcomeKind.MESSAGE, CLAIMS_GROUP)
        stored = [m.message for m in await call.store.list_messages()]
        assert [(m.kind, m.text) for m in stored] == [(MessageKind.CALLBACK, description)]
        assert "wasn't able to connect" not in call.transcript()  # no transfer was tried
        assert call.dialled() == []  # the claims group has no extensions to dial
        transcript = call.transcript().lower()
        assert "claims team" not in transcript
        assert "claims department" not in transcript
        assert transcript.count("so sorry to hear") == 1


async def test_claim_description_is_the_message_not_a_second_claim() -> None:
    """A claim described while the message is taken is stored as said, not re-reported."""
    async with call_at(OPEN) as call:
        await call.turn("I need to file a claim")  # no story yet: what happened is asked for
        await call.turn("Bo Jones, 407 555 0123")
        description = "Someone rear-ended me on I-4"
        left = await call.turn(description)
        assert "report_claim" not in tools_called(left)
        left.expect.contains_function_call(
            name="provide_details", arguments={"message": description}
        )
        stored = [m.message.text for m in await call.store.list_messages()]
        assert stored == [description]
        assert call.transcript().count("can't put you through to our team live") == 1


@pytest.mark.parametrize("status", ["closed", "holiday"])
async def test_claim_when_closed_reads_the_carriers_24_7_line(status: str) -> None:
    """Closed: one empathy line, the carrier question, then the carrier's number; no message."""
    async with call_at(STATUSES[status]) as call:
        reported = await call.turn("Someone broke into my house")
        reported.expect[0].is_function_call(name="report_claim")
        reported.expect.contains_agent_handoff(new_agent_type=ClaimsAdapter)
        assert "Our office is closed" in said(reported)
        carrier = await call.turn("Universal Property")
        carrier.expect.contains_function_call(
            name="name_carrier", arguments={"carrier": "Universal Property"}
        )
        assert "8 0 0, 4 7 0, 0 5 9 9" in said(carrier)
        await call.turn("that's all")
        assert call.outcome == (OutcomeKind.ANSWERED, None)
        assert await call.store.list_messages() == []
        assert call.dialled() == []
        assert "connecting you" not in call.transcript()


# --- certificates, mortgagee and bank callers -------------------------------------------------


@pytest.mark.parametrize("status", list(STATUSES))
async def test_new_certificate_is_answered_by_email(status: str) -> None:
    """A new certificate request gets the certificate email, the app and the portal."""
    async with call_at(STATUSES[status]) as call:
        asked = await call.turn("I need a certificate of insurance")
        asked.expect[0].is_function_call(name="certificate")
        asked.expect.contains_agent_handoff(new_agent_type=MortgageeAdapter)
        assert "new certificate request, or a question about an existing" in said(asked)
        answered = await call.turn("It's a new request")
        answered.expect.contains_function_call(name="certificate_kind", arguments={"kind": "new"})
        answered.expect.contains_agent_handoff(new_agent_type=TriageAdapter)
        assert "C, E, R, T, I, F, I, C, A, T, E" in said(answered)
        assert "portal" in said(answered)
        await call.turn("that's all")
        assert call.outcome == (OutcomeKind.ANSWERED, None)
        assert call.dialled() == []


@pytest.mark.parametrize("status", list(STATUSES))
async def test_existing_certificate_goes_to_the_commercial_account_executive(status: str) -> None:
    """An existing certificate is commercial: business name asked, then the CL AE by letter."""
    async with call_at(STATUSES[status]) as call:
        await call.turn("I need a certificate of insurance")
        existing = await call.turn("It's about an existing certificate")
        existing.expect.contains_function_call(
            name="certificate_kind", arguments={"kind": "existing"}
        )
        existing.expect.contains_agent_handoff(new_agent_type=TriageAdapter)
        contact = await call.turn("John Smith, 407 555 0123")
        assert "What is the name of the business?" in said(contact)
        assert "business policy, or a personal policy" not in call.transcript()
        last = await call.turn("Acme Corporation")
        last.expect.contains_function_call(
            name="provide_details", arguments={"business_name": "Acme Corporation"}
        )
        await finish_routed(call, status, last, ADRIANA)
        assert "Existing certificate issue" in call.run.chart.record.notes


@pytest.mark.parametrize("status", list(STATUSES))
async def test_policyholder_mortgagee_request_goes_in_writing(status: str) -> None:
    """Mortgagee: bank or policyholder? A policyholder is told to write in; no transfer."""
    async with call_at(STATUSES[status]) as call:
        asked = await call.turn("My lender needs the mortgagee clause updated")
        asked.expect[0].is_function_call(name="mortgagee_request")
        asked.expect.contains_agent_handoff(new_agent_type=MortgageeAdapter)
        assert "bank or mortgage company, or are you the policyholder?" in said(asked)
        role = await call.turn("I'm the policyholder")
        role.expect.contains_function_call(name="caller_role", arguments={"role": "policyholder"})
        assert "in writing" in said(role)
        assert "I, N, F, O" in said(role)
        await call.turn("that's all")
        assert call.outcome == (OutcomeKind.ANSWERED, None)
        assert call.dialled() == []


@pytest.mark.parametrize("status", list(STATUSES))
async def test_bank_caller_gets_one_complete_answer_and_the_call_ends(status: str) -> None:
    """A bank representative hears 'in writing, no fax, goodbye' at once, and is hung up on."""
    async with call_at(STATUSES[status]) as call:
        result = await call.turn(
            "Hi, I'm calling from Wells Fargo on a recorded line to verify coverage "
            "for a mutual customer"
        )
        result.expect[0].is_function_call(name="bank_caller")
        assert tools_called(result) == ["bank_caller"]  # no clarifying question first
        answer = said(result)
        assert "in writing" in answer
        assert "fax" in answer
        assert "Goodbye" in answer
        assert call.run.ended
        assert call.telephony.hung_up
        assert call.outcome == (OutcomeKind.ANSWERED, None)
        assert call.run.chart.record.call_intent == "bank_caller"
        assert call.dialled() == []


# --- questions answered on the spot -----------------------------------------------------------


@pytest.mark.parametrize("status", list(STATUSES))
async def test_hours_and_location_are_answered_from_the_configuration(status: str) -> None:
    """Hours and the address are answered by the chart in every status, then a wrap-up."""
    async with call_at(STATUSES[status]) as call:
        asked = await call.turn("What are your hours?")
        asked.expect.contains_function_call(name="ask_hours")
        answer = said(asked)
        assert "Monday through Friday, nine to five Eastern" in answer
        assert "seventy-two oh eight West Sand Lake Road" in answer
        done = await call.turn("that's all, thank you")
        done.expect.contains_function_call(name="caller_done")
        assert "Thanks for calling" in said(done)
        assert call.outcome == (OutcomeKind.ANSWERED, None)
        assert call.dialled() == []


@pytest.mark.parametrize("status", list(STATUSES))
async def test_services_are_answered_from_the_configuration(status: str) -> None:
    """The lines of insurance offered are listed, with an offer to help or quote."""
    async with call_at(STATUSES[status]) as call:
        asked = await call.turn("What kinds of insurance do you offer?")
        asked.expect.contains_function_call(name="ask_services")
        answer = said(asked)
        assert "motorcycle" in answer
        assert "quote" in answer
        await call.turn("no thanks, that's all")
        assert call.outcome == (OutcomeKind.ANSWERED, None)
        assert call.dialled() == []


@pytest.mark.parametrize("status", list(STATUSES))
async def test_appointment_goes_to_the_va_group(status: str) -> None:
    """Appointments are recommended, never booked: the VA group, live or by message."""
    async with call_at(STATUSES[status]) as call:
        asked = await call.turn("I'd like to come in and meet in person")
        asked.expect[0].is_function_call(name="appointment")
        assert "strongly recommended" in said(asked)
        await finish_routed(call, status, asked, VA_GROUP, contact="Ann Lee, 407 555 0000")
        assert "booked" not in call.transcript()


# --- a specific person --------------------------------------------------------------------------


@pytest.mark.parametrize("status", list(STATUSES))
async def test_a_named_person_is_screened_then_reached(status: str) -> None:
    """'Can I speak to Adriana?': what is it about, then Adriana, live or by message."""
    async with call_at(STATUSES[status]) as call:
        asked = await call.turn("Can I speak to Adriana?")
        asked.expect.contains_function_call(name="ask_for_person", arguments={"name": "Adriana"})
        assert "What is this in reference to?" in call.transcript()
        why = "It's about my business policy renewal"
        reason = await call.turn(why)
        reason.expect.contains_function_call(name="give_reason", arguments={"kind": "service"})
        await finish_routed(
            call, status, reason, ADRIANA, contact="Ann Lee, 407 555 0000", said_need=why
        )


async def test_rachel_is_always_disambiguated() -> None:
    """'Rachel' fits two people: the caller chooses, and only then is anyone reached."""
    async with call_at(OPEN) as call:
        asked = await call.turn("Is Rachel there?")
        asked.expect.contains_function_call(name="ask_for_person", arguments={"name": "Rachel"})
        assert "Rachel T. and Rachel Moreno" in said(asked)
        chosen = await call.turn("Rachel Moreno")
        chosen.expect.contains_function_call(
            name="ask_for_person", arguments={"name": "Rachel Moreno"}
        )
        reason = await call.turn("I want a quote for a new policy")
        reason.expect.contains_function_call(name="give_reason", arguments={"kind": "new_business"})
        await finish_routed(call, "open", reason, RACHEL_MORENO)


@pytest.mark.parametrize("status", list(STATUSES))
async def test_restricted_staff_are_never_reached_and_vendors_get_the_email(status: str) -> None:
    """Jason takes no direct calls: the three-way question, and vendors are sent to email."""
    async with call_at(STATUSES[status]) as call:
        asked = await call.turn("Can I speak with Jason?")
        asked.expect.contains_function_call(name="ask_for_person", arguments={"name": "Jason"})
        assert "isn't available for direct calls" in said(asked)
        vendor = await call.turn("I'm a vendor")
        vendor.expect.contains_function_call(name="caller_kind", arguments={"kind": "vendor"})
        assert "I, N, F, O" in said(vendor)
        await call.turn("that's all")
        assert call.outcome == (OutcomeKind.ANSWERED, None)
        assert call.dialled() == []
        assert "connecting you with Jason" not in call.transcript()


@pytest.mark.parametrize("status", list(STATUSES))
async def test_former_staff_are_explained_then_the_standard_intake_runs(status: str) -> None:
    """Harry is no longer with us: the caller is helped through intake to their AE."""
    async with call_at(STATUSES[status]) as call:
        asked = await call.turn("Can I speak to Harry?")
        asked.expect.contains_function_call(name="ask_for_person", arguments={"name": "Harry"})
        assert "no longer with us" in said(asked)
        kind = await call.turn("personal")
        kind.expect.contains_function_call(
            name="provide_details", arguments={"insurance_type": "personal"}
        )
        last = await call.turn("Kelly Urban, U R B A N, 407 555 0123")
        await finish_routed(call, status, last, LOUIS)


# --- Spanish, live person, failed transfers ----------------------------------------------------


async def test_spanish_speaker_reaches_the_first_free_bilingual_member_when_open() -> None:
    """Open: 'Un momento, por favor', then Stephanie, the first free bilingual member."""
    async with call_at(OPEN) as call:
        result = await call.turn("¿Habla español?")
        result.expect[0].is_function_call(name="spanish_speaker")
        assert "Un momento, por favor" in said(result)
        await finish_routed(call, "open", result, STEPHANIE)
        assert "Spanish-speaking caller" in call.run.chart.record.notes


@pytest.mark.parametrize("status", NOT_OPEN)
async def test_spanish_speaker_hears_the_fallback_when_nobody_is_in(status: str) -> None:
    """Nobody bilingual is free: hours, the email, a Spanish apology, and the call ends."""
    async with call_at(STATUSES[status]) as call:
        result = await call.turn("Hola, necesito ayuda en español")
        result.expect[0].is_function_call(name="spanish_speaker")
        assert "Lo siento" in said(result)
        assert call.run.ended
        assert call.telephony.hung_up
        assert call.outcome == (OutcomeKind.ANSWERED, None)
        assert call.dialled() == []


@pytest.mark.parametrize("status", list(STATUSES))
async def test_live_person_gets_the_standard_intake(status: str) -> None:
    """'A real person': absolutely, a few details first; insisting hears the quickest way."""
    async with call_at(STATUSES[status]) as call:
        first = await call.turn("Can I talk to a real person?")
        first.expect.contains_function_call(name="live_person")
        assert "Absolutely" in said(first)
        again = await call.turn("Can I just talk to a representative?")
        again.expect.contains_function_call(name="live_person")
        assert "quickest way" in said(again)
        kind = await call.turn("it's for my car")
        kind.expect.contains_function_call(
            name="provide_details", arguments={"insurance_type": "personal"}
        )
        last = await call.turn("Kelly Urban, U R B A N, 407 555 0123")
        await finish_routed(call, status, last, LOUIS)


async def test_failed_transfer_becomes_a_stored_message_for_the_intended_person() -> None:
    """A transfer that does not connect: the caller hears so, and what they said is stored."""
    async with call_at(OPEN, fail_transfers=True) as call:
        text = "I need a quote for my car"
        await call.turn(text)
        routed = await call.turn(
            "My name is Kelly Urban, that's U R B A N, and my number is 407 555 0123"
        )
        routed.expect.contains_agent_handoff(new_agent_type=TransferAdapter)
        assert call.dialled() == [(TransferKind.LIVE, "Brad")]
        assert "wasn't able to connect you with Brad" in call.transcript()
        assert "passed your message about a quote to Brad" in call.transcript()
        assert "What would you like me to pass along" not in call.transcript()
        assert call.outcome == (OutcomeKind.MESSAGE, BRAD)
        stored = [m.message for m in await call.store.list_messages()]
        assert [(m.kind, m.for_target.name if m.for_target else None, m.text) for m in stored] == [
            (MessageKind.TRANSFER_FAILED, "Brad", text)
        ]
        assert stored[0].phone_number == "4075550123"
        assert "Transfer failed" in stored[0].notes
        assert call.dialled() == [(TransferKind.LIVE, "Brad")]  # never retried
        assert call.telephony.hung_up


# --- the end of a call ------------------------------------------------------------------------


class SlowStore(SqliteCallStore):
    """A store whose event log is slow to write, as a busy disk or database can be."""

    async def record_event(self, *args: Any, **kwargs: Any) -> None:
        """Write the event after a pause, so the chart's next steps are still pending."""
        await asyncio.sleep(0.2)
        await super().record_event(*args, **kwargs)


async def test_a_call_ended_by_silence_closes_with_its_goodbye_record_and_hang_up() -> None:
    """Closing as soon as silence ends the call still says goodbye, hangs up, files the call."""
    store = SlowStore(":memory:")
    telephony = ConsoleTelephony()
    run = new_call(
        config=AGENCY,
        at=OPEN,
        brain=OfflineBrain(),
        telephony=telephony,
        store=store,
        user_away_timeout=0.1,
    )
    await run.start()
    try:
        try:
            async with asyncio.timeout(10):
                while not run.ended:  # nobody speaks: a check-in, then the goodbye
                    await asyncio.sleep(0.01)
        finally:
            await run.close()
        record = await store.get_call(run.orchestrator.call_id)
    finally:
        await store.close()
    assert "got disconnected" in run.transcript[-1].text
    assert telephony.hung_up
    assert record is not None
    assert record.finished_at is not None
    assert record.outcome is not None
    assert record.outcome.kind is OutcomeKind.HUNG_UP
