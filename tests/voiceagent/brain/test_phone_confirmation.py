"""Numbers on a spoken call: a number read back answered, a number split by a pause joined."""

from __future__ import annotations

import pytest

from statecharts import Question
from tests.voiceagent.brain.test_policy import TRIAGE, block
from voiceagent.brain import AgentSaid, CallerSaid, CallTool, Speak, decide

pytestmark = pytest.mark.unit

CONFIRMING = block("triage.intake", Question.PHONE_CONFIRMATION)
READ_BACK = AgentSaid("Let me read that back: four oh seven, five five five. Is that right?")


def decision(utterance: str) -> CallTool | Speak:
    """The brain's first step when the caller answers the read-back with `utterance`."""
    return decide(CONFIRMING, [READ_BACK, CallerSaid(utterance)], TRIAGE)


@pytest.mark.parametrize("utterance", ["Yes.", "Yes, that's right.", "yeah", "Correct."])
def test_yes_confirms_the_number(utterance: str) -> None:
    """A plain yes is confirm_phone(yes)."""
    assert decision(utterance) == CallTool("confirm_phone", {"answer": "yes"})


@pytest.mark.parametrize(
    "utterance", ["No.", "No, that's not right.", "That's wrong.", "That's not my number."]
)
def test_no_rejects_the_number(utterance: str) -> None:
    """A no, or the number called wrong, is confirm_phone(no)."""
    assert decision(utterance) == CallTool("confirm_phone", {"answer": "no"})


def test_a_new_number_is_given_as_a_correction_not_a_no() -> None:
    """A new number said with a no is sent as a correction (and read back), not a bare no."""
    correction = CallTool("provide_details", {"phone": "4075550124"})
    assert decision("No, it's 407-555-0124.") == correction


def test_neither_yes_nor_no_confirms_nothing() -> None:
    """Words that are neither an answer nor a fact leave the number unconfirmed."""
    result = decision("Hmm, hang on a second.")
    assert not (isinstance(result, CallTool) and result.name == "confirm_phone")


def test_yes_is_only_a_confirmation_when_a_number_was_read_back() -> None:
    """Outside the read-back a "yes" never calls confirm_phone."""
    listening = block("triage.intake", Question.PHONE)
    result = decide(listening, [CallerSaid("Yes.")], TRIAGE)
    assert not (isinstance(result, CallTool) and result.name == "confirm_phone")


def test_a_number_split_by_a_pause_is_joined_across_the_caller_turns() -> None:
    """A number begun in one turn ("407-312") and finished in the next ("6490") is one."""
    asking = block("triage.intake", Question.PHONE)
    history = [
        CallerSaid("My number is 407-312"),
        AgentSaid("Could I get the full phone number, including the area code?"),
        CallerSaid("6490"),
    ]
    assert decide(asking, history, TRIAGE) == CallTool("provide_details", {"phone": "4073126490"})


def test_two_partial_numbers_that_make_no_phone_number_are_not_joined() -> None:
    """Fragments that together are still too short are not sent as a number."""
    asking = block("triage.intake", Question.PHONE)
    history = [CallerSaid("It's 5551"), AgentSaid("The full number?"), CallerSaid("2345")]
    result = decide(asking, history, TRIAGE)
    assert not (isinstance(result, CallTool) and "phone" in result.arguments)
