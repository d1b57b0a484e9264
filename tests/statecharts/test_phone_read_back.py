"""Spoken calls read the caller's number back: yes keeps it, no asks for it again.

Speech recognition mishears digits ("five five five" heard as "55"), so on a
spoken call a number is kept only once the caller confirms it. Text calls keep
the number as typed; their flow is exactly the one the other flow tests cover.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from statemachine.exceptions import TransitionNotAllowed

from statecharts import (
    MessageKind,
    OutcomeKind,
    Question,
    Reception,
    Refusal,
    Say,
    phone_read_back,
)
from tests.statecharts.chart_driver import AGENCY, CLOSED, OPEN, Call
from tests.statecharts.transition_coverage import LEDGER, Probe, assert_refused, assert_transition

pytestmark = pytest.mark.flow

READ_BACK = (
    "Let me read that back: four oh seven, five five five, zero one two three. Is that right?"
)
INTAKE = {"first_name": "Kelly", "last_name_spelled": "W I L S O N", "insurance_type": "personal"}


def spoken(at: datetime = OPEN) -> Call:
    """A spoken call in triage: numbers are read back."""
    call = Call(Reception(AGENCY, at, read_back_phone=True))
    call.drain()
    call.fire("greeted")
    return call


def said(call: Call, since: int = 0) -> list[Say]:
    """The lines said from effect `since` on."""
    return [effect for effect in call.effects[since:] if isinstance(effect, Say)]


def quote_with_number(phone: str = "407-555-0123", **extra: Any) -> Call:
    """A spoken quote whose intake lacks only the number's confirmation."""
    call = spoken()
    call.fire("request", intent="new_quote")
    call.fire("provide_details", phone=phone, **INTAKE, **extra)
    return call


def test_a_number_is_read_back_in_groups_and_not_yet_kept() -> None:
    """A number given on a spoken call is read back in words and held until confirmed."""
    call = quote_with_number()
    assert said(call)[-1].text == READ_BACK
    assert said(call)[-1].line == "phone_read_back"
    assert call.chart.record.phone_number is None
    assert call.chart.phone_to_confirm == "4075550123"
    assert call.chart.pending_question() is Question.PHONE_CONFIRMATION
    assert call.chart.where() == "triage.intake"  # complete otherwise, but not routed yet


def test_yes_keeps_the_number_and_the_call_moves_on() -> None:
    """Yes stores the number; a complete intake then routes and transfers."""
    call = quote_with_number()
    entered = call.fire("confirm_phone", answer="yes")
    assert entered == ["triage.routing", "transfer"]
    assert call.chart.record.phone_number == "4075550123"
    assert call.chart.phone_to_confirm is None
    assert [t.target.name for t in call.transfers] == ["Brad"]


def test_no_drops_the_number_and_asks_for_it_again() -> None:
    """No forgets the number, says sorry and asks for it again; the call stays in intake."""
    call = quote_with_number()
    before = len(call.effects)
    entered = call.fire("confirm_phone", answer="no")
    assert entered == []
    assert call.chart.where() == "triage.intake"
    assert [s.line for s in said(call, before)] == ["phone_again"]
    assert call.chart.record.phone_number is None
    assert call.chart.phone_to_confirm is None
    assert call.chart.pending_question() is Question.PHONE


def test_the_number_said_again_is_read_back_and_kept_once_confirmed() -> None:
    """After a no, the new number is read back, and yes keeps the new one."""
    call = quote_with_number()
    call.fire("confirm_phone", answer="no")
    call.fire("provide_details", phone="407 555 0124")
    assert said(call)[-1].text.endswith("zero one two four. Is that right?")
    assert call.fire("confirm_phone", answer="yes") == ["triage.routing", "transfer"]
    assert call.chart.record.phone_number == "4075550124"


def test_a_new_number_instead_of_yes_or_no_replaces_the_one_read_back() -> None:
    """Saying another number while one awaits confirmation reads the new one back."""
    call = quote_with_number()
    call.fire("provide_details", phone="321-555-0199")
    assert call.chart.phone_to_confirm == "3215550199"
    assert said(call)[-1].line == "phone_read_back"
    assert call.fire("confirm_phone", answer="yes") == ["triage.routing", "transfer"]
    assert call.chart.record.phone_number == "3215550199"


def test_a_corrected_number_holds_the_call_until_confirmed() -> None:
    """A caller correcting a confirmed number is not routed on the old one meanwhile."""
    call = spoken()
    call.fire("provide_details", phone="407-555-0123")
    call.fire("confirm_phone", answer="yes")
    call.fire("request", intent="new_quote")
    call.fire("provide_details", phone="407-555-0199", **INTAKE)
    assert call.chart.where() == "triage.intake"
    assert call.chart.record.phone_number == "4075550123"
    assert call.fire("confirm_phone", answer="yes") == ["triage.routing", "transfer"]
    assert call.chart.record.phone_number == "4075550199"


def test_the_confirmed_number_said_again_is_not_read_back_twice() -> None:
    """Repeating the number already confirmed asks nothing new."""
    call = spoken()
    call.fire("provide_details", phone="407-555-0123")
    call.fire("confirm_phone", answer="yes")
    before = len(call.effects)
    call.fire("provide_details", phone="(407) 555-0123")
    assert said(call, before) == []
    assert call.chart.phone_to_confirm is None


def test_confirm_phone_is_offered_only_while_a_number_awaits_confirmation() -> None:
    """With nothing read back, confirm_phone is neither offered nor taken."""
    call = spoken()
    assert "confirm_phone" not in call.chart.allowed_event_names()
    with pytest.raises(Refusal, match="not possible"):
        call.fire("confirm_phone", answer="yes")
    call.fire("provide_details", phone="407-555-0123")
    assert "confirm_phone" in call.chart.allowed_event_names()


def test_an_answer_other_than_yes_or_no_is_refused_and_changes_nothing() -> None:
    """confirm_phone takes yes or no, nothing else."""
    call = quote_with_number()
    with pytest.raises(Refusal, match="answer 'maybe' is not one of: yes, no"):
        call.fire("confirm_phone", answer="maybe")
    assert call.chart.phone_to_confirm == "4075550123"


def test_a_text_call_keeps_the_number_at_once() -> None:
    """Without read-back (text calls) a typed number is kept and routed on directly."""
    call = Call.start(OPEN)
    call.fire("request", intent="new_quote")
    entered = call.fire("provide_details", phone="407-555-0123", **INTAKE)
    assert entered == ["triage.routing", "transfer"]
    assert "phone_read_back" not in call.lines
    assert call.chart.record.phone_number == "4075550123"


def test_a_message_is_stored_only_after_the_number_is_confirmed() -> None:
    """After hours the call waits for the yes, then takes and stores the message with it."""
    call = spoken(CLOSED)
    call.fire("request", intent="make_payment")
    call.fire("provide_details", phone="407-555-0123", message="About my bill", **INTAKE)
    assert call.chart.where() == "triage.intake"
    assert call.messages == []
    entered = call.fire("confirm_phone", answer="yes")
    assert entered[:3] == ["triage.routing", "after_hours", "after_hours.taking_message"]
    assert "after_hours.message_recorded" in entered
    assert [m.message.phone_number for m in call.messages] == ["4075550123"]


def test_a_message_being_taken_waits_for_the_number_to_be_confirmed() -> None:
    """A message with everything but a confirmed number is not recorded yet."""
    call = spoken(CLOSED)
    call.fire("leave_message")
    call.fire("provide_details", first_name="Kelly", phone="407-555-0123", message="Call me")
    assert call.chart.where() == "after_hours.taking_message"
    assert call.messages == []
    assert call.fire("confirm_phone", answer="yes")[:1] == ["after_hours.message_recorded"]
    assert [m.message.phone_number for m in call.messages] == ["4075550123"]


def test_hanging_up_before_confirming_still_keeps_the_number_for_staff() -> None:
    """A caller who leaves mid-message leaves the unconfirmed number, marked as such."""
    call = spoken(CLOSED)
    call.fire("leave_message")
    call.fire("provide_details", first_name="Kelly", phone="407-555-0123", message="Call me")
    call.fire("hangup")
    [stored] = call.messages
    assert stored.message.phone_number == "4075550123"
    assert stored.message.kind is MessageKind.MESSAGE
    assert "not confirmed" in stored.message.notes
    assert call.chart.outcome is not None
    assert call.chart.outcome.kind is OutcomeKind.MESSAGE


def test_the_silence_check_in_asks_about_the_number() -> None:
    """Silence while a number awaits confirmation repeats the confirmation question."""
    call = quote_with_number()
    call.fire("caller_away_timeout")
    assert said(call)[-1].text == "Just checking in. Did I get your phone number right?"


@pytest.mark.parametrize(
    ("digits", "words"),
    [
        ("4075550123", "four oh seven, five five five, zero one two three"),
        ("14075550123", "one, four oh seven, five five five, zero one two three"),
        ("407-555-0100", "four oh seven, five five five, zero one oh oh"),
        ("440123456789", "four four oh one two three four five six seven eight nine"),
        ("", ""),
    ],
)
def test_phone_read_back_says_each_digit_in_its_group(digits: str, words: str) -> None:
    """Digits as words in 3-3-4 groups; 0 is "oh" inside a group, "zero" leading one."""
    assert phone_read_back(digits) == words


def test_confirm_phone_answers_in_place_only_while_a_number_awaits_confirmation() -> None:
    """The transition: yes to a number read back moves on; with nothing read back, refused."""
    call = quote_with_number()
    assert_transition(call, "confirm_phone", {"answer": "yes"}, ("triage.routing", "transfer"))
    assert_refused(spoken(), "confirm_phone", {"answer": "yes"})


def test_the_engine_itself_refuses_confirm_phone_with_nothing_read_back() -> None:
    """Past `fire`'s filter, the guard still holds: the engine takes no transition."""
    chart = spoken().chart
    with Probe(chart) as probe, pytest.raises(TransitionNotAllowed):
        chart.send("confirm_phone", answer="yes")
    assert not probe.taken
    assert probe.guards, "the guard was never asked"
    LEDGER.guard_sides.update(probe.guards)
