"""The brain's decisions that keep what callers say: facts whatever was asked, and messages."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from statecharts import Question
from tests.voiceagent.brain.test_policy import LISTENING, TRIAGE, block, pairs, steps, tools
from voiceagent.brain import AgentSaid, CallerSaid, CallTool, Handoff, Speak, ToolSpec, decide

pytestmark = pytest.mark.unit

INTAKE_TYPE = block("triage.intake", Question.INSURANCE_TYPE)
"""Intake, asking "business or personal?"."""


def test_a_name_and_number_given_to_the_wrong_question_are_kept() -> None:
    """Asked "business or personal?", "Sam Rubin, 818-555-1234" is still recorded."""
    calls, _ = steps(INTAKE_TYPE, [CallerSaid("Sam Rubin, 818-555-1234")], TRIAGE)
    assert pairs(calls) == [
        ("provide_details", {"first_name": "Sam", "last_name": "Rubin", "phone": "8185551234"})
    ]


def test_a_spelling_given_to_the_wrong_question_is_kept() -> None:
    """Asked "business or personal?", "R U B I N" is the last name's spelling."""
    calls, _ = steps(INTAKE_TYPE, [CallerSaid("R U B I N")], TRIAGE)
    assert pairs(calls) == [("provide_details", {"last_name_spelled": "RUBIN"})]


def test_a_spelling_is_never_taken_for_the_business_name() -> None:
    """Asked for the business name, letters spelled are a spelling, not a business."""
    instructions = block("triage.intake", Question.BUSINESS_NAME)
    calls, _ = steps(instructions, [CallerSaid("R U B I N")], TRIAGE)
    assert pairs(calls) == [("provide_details", {"last_name_spelled": "RUBIN"})]


def test_a_business_name_given_early_is_kept() -> None:
    """An introduction "from Orlando Tire and Lube" names the caller and the business."""
    calls, _ = steps(LISTENING, [CallerSaid("this is Mike from Orlando Tire and Lube")], TRIAGE)
    assert pairs(calls) == [
        ("provide_details", {"first_name": "Mike", "business_name": "Orlando Tire and Lube"})
    ]


def test_a_quote_asked_with_a_question_about_the_line_is_a_quote() -> None:
    """Asking if boats are insured, while buying one, is a quote, not the services list."""
    said = "do you do boat insurance? I'm buying a pontoon boat next week"
    decision = decide(LISTENING, [CallerSaid(said)], TRIAGE)
    assert decision == CallTool("request", {"intent": "new_quote", "summary": said})


def test_a_question_about_the_callers_own_policy_is_routed_not_declined() -> None:
    """A deductible question goes to the coverage intake, with no refusal first."""
    said = "what's my deductible?"
    decision = decide(LISTENING, [CallerSaid(said)], TRIAGE)
    assert decision == CallTool("request", {"intent": "coverage_rate_questions", "summary": said})


def test_a_bare_given_name_asked_for_help_is_a_person() -> None:
    """A bare given name asks for that person; asked for a name, it is the caller's."""
    assert decide(LISTENING, [CallerSaid("Adriana")], TRIAGE) == CallTool(
        "ask_for_person", {"name": "Adriana"}
    )
    asked_name = block("triage.intake", Question.FIRST_NAME)
    assert decide(asked_name, [CallerSaid("Adriana")], TRIAGE) == CallTool(
        "provide_details", {"first_name": "Adriana"}
    )


def test_speaking_of_ones_own_policy_is_the_catch_all_need() -> None:
    """A caller who speaks of their policy with no need recognised gets the catch-all."""
    said = "there's a thing with my auto policy I wanted to ask about"
    decision = decide(LISTENING, [CallerSaid(said)], TRIAGE)
    assert decision == CallTool("request", {"intent": "something_else", "summary": said})


@pytest.mark.parametrize("closing", ["no", "nope", "okay thanks", "no thank you so much"])
def test_no_or_thanks_to_anything_else_ends_the_call(closing: str) -> None:
    """After "anything else?", a bare "no" or "thanks" is a goodbye."""
    history = [
        CallerSaid("what are your hours"),
        AgentSaid("We're open 9 to 5. Is there anything else I can help you with?"),
        CallerSaid(closing),
    ]
    assert decide(LISTENING, history, TRIAGE) == CallTool("caller_done")


def test_a_bare_no_to_another_question_does_not_end_the_call() -> None:
    """A "no" to another question is an answer, not a goodbye."""
    history = [AgentSaid("Are you an existing client?"), CallerSaid("no")]
    assert decide(LISTENING, history, TRIAGE) != CallTool("caller_done")


def test_a_callback_asked_for_in_triage_is_a_message() -> None:
    """A callback asked for where no callback tool is offered is a message."""
    decision = decide(LISTENING, [CallerSaid("can you have someone call me back")], TRIAGE)
    assert decision == CallTool("leave_message")


def _with_message_arguments() -> dict[str, ToolSpec]:
    """Triage tools where `leave_message` takes the person and the message."""
    spec = ToolSpec(
        "leave_message",
        frozenset({"person", "message"}),
        frozenset(),
        MappingProxyType({}),
    )
    return {**TRIAGE, "leave_message": spec}


def test_a_message_for_a_named_person_fills_the_arguments_the_tool_offers() -> None:
    """Having Louis call back about a renewal is a message for Louis, the words its text."""
    said = "Please have Louis call me back about my renewal, this is Tom Reyes, 407 555 0166"
    calls, _ = steps(LISTENING, [CallerSaid(said)], _with_message_arguments())
    assert pairs(calls)[0] == ("provide_details", {
        "first_name": "Tom", "last_name": "Reyes", "phone": "4075550166"})  # fmt: skip
    assert pairs(calls)[1] == ("leave_message", {"person": "Louis", "message": said})


def test_a_message_request_without_arguments_when_the_tool_takes_none() -> None:
    """Where `leave_message` takes no arguments, none are invented."""
    offered = {**TRIAGE, "leave_message": ToolSpec("leave_message")}
    decision = decide(LISTENING, [CallerSaid("I want to leave a message for Brad")], offered)
    assert decision == CallTool("leave_message")


def test_what_a_message_is_about_is_taken_as_the_message() -> None:
    """Taking a message, "…please call me back about my renewal" is not asked for again."""
    said = "This is Kelly Urban, 407 555 0123, please call me back about my renewal"
    taking = block("after_hours.taking_message", Question.CONTACT)
    calls, _ = steps(taking, [CallerSaid(said)], tools("provide_details", "caller_done"))
    assert pairs(calls) == [
        ("provide_details", {"first_name": "Kelly", "last_name": "Urban",
                             "phone": "4075550123", "message": said}),
    ]  # fmt: skip


def test_a_message_request_is_not_read_as_its_reasons_intent() -> None:
    """A message about a renewal is a message, not a renewal request."""
    calls, _ = steps(LISTENING, [CallerSaid("have Louis call me about my renewal")], TRIAGE)
    assert [call.name for call in calls] == ["leave_message"]


@pytest.mark.parametrize(
    ("question", "answer", "tool", "arguments"),
    [
        (Question.CERTIFICATE_KIND, "I need a new one for my client", "certificate_kind",
         {"kind": "new"}),
        (Question.CERTIFICATE_KIND, "the one you sent has the holder misspelled",
         "certificate_kind", {"kind": "existing"}),
        (Question.CALLER_KIND, "I'm not a client", "caller_kind", {"kind": "new_client"}),
        (Question.CALLER_KIND, "I already have insurance with you guys", "caller_kind",
         {"kind": "existing_client"}),
        (Question.CALLER_KIND, "I'm a new client", "caller_kind", {"kind": "new_client"}),
    ],
)  # fmt: skip
def test_answers_to_multiple_choice_questions(
    question: Question, answer: str, tool: str, arguments: dict[str, str]
) -> None:
    """An answer said outright wins; "client" counts only where the caller's kind is asked."""
    offered = {**TRIAGE, **tools("certificate_kind", "caller_kind")}
    decision = decide(block("triage.question", question), [CallerSaid(answer)], offered)
    assert decision == CallTool(tool, arguments)


def test_naming_the_carrier_on_the_way_out_is_a_goodbye() -> None:
    """Saying they will call the carrier now, after its number was given, ends the call."""
    carrier_given = block("claims.carrier_given")
    offered = tools("caller_done", "name_carrier", "provide_details")
    decision = decide(carrier_given, [CallerSaid("ok I'll call Geico now, thanks")], offered)
    assert decision == CallTool("caller_done")


def test_words_used_before_a_takeover_are_not_called_unclear() -> None:
    """A message taken, then the claims adapter asks for the carrier: no "didn't catch that"."""
    history = [
        CallerSaid("the ceiling in the bedroom is soaked"),
        Handoff(),
        AgentSaid("In the meantime, do you know who your insurance carrier is?"),
    ]
    carrier = "Call state: claims.carrier_question\nStill needed: carrier"
    offered = tools("name_carrier", "carrier_unknown", "provide_details", "caller_done")
    assert decide(carrier, history, offered) == Speak("")
