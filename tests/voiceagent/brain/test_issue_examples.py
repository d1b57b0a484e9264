"""The callers of issues 8 and 11, end to end: the real chart driven by the offline brain."""

from __future__ import annotations

import pytest

from statecharts import InsuranceLine
from tests.voiceagent.brain.chart_loop import CLOSED, ChartLoop

pytestmark = pytest.mark.flow


def test_a_leaking_roof_after_the_storm_is_a_claim() -> None:
    """A roof leaking after the storm starts the claims flow, not silence."""
    loop = ChartLoop()
    loop.say("my roof is leaking after the storm")
    assert loop.events()[0] == "report_claim"


@pytest.mark.parametrize(
    ("opening", "business"),
    [
        ("Does our business policy cover employee injuries?", True),
        ("What's my coverage for rental cars?", False),
        ("I have a question about my business policy", True),
        ("I need to add a work truck to our commercial auto policy", True),
        ("We're looking for commercial insurance for our business", True),
    ],
)
def test_the_issues_openings_reach_the_intake_and_a_transfer(
    opening: str, *, business: bool
) -> None:
    """Each opening of issue 8 starts an intake that ends in a transfer by the alpha split."""
    loop = ChartLoop()
    loop.say(opening)
    assert loop.events()[0] == "request"
    if not business and loop.call.record.insurance_type is None:
        loop.say("personal")
    loop.say("Sam Rubin, 818-555-1234")
    if business:
        loop.say("the business is Rubin Roofing")
    else:
        loop.say("R U B I N")
    assert loop.call.where() == "transfer"
    assert loop.call.target is not None
    # R routes to the CL account executive for M-Z, or the PL one for N-Z
    assert loop.call.target.name == ("Rayvon" if business else "Louis")


def test_a_name_number_and_spelling_given_to_the_wrong_question_are_never_asked_again() -> None:
    """Asked "business or personal?", the name, number and spelling are kept, never re-asked."""
    loop = ChartLoop()
    loop.say("I need a quote")
    said_before = len(loop.agent_texts())
    loop.say("Sam Rubin, 818-555-1234")
    loop.say("R U B I N")
    record = loop.call.record
    assert (record.first_name, record.last_name, record.phone_number) == (
        "Sam",
        "Rubin",
        "8185551234",
    )
    assert record.last_name_spelled == "RUBIN"
    loop.say("personal")
    assert record.insurance_type is InsuranceLine.PERSONAL
    assert loop.call.where() == "transfer"
    asked_since = " ".join(loop.agent_texts()[said_before:]).lower()
    assert "name" not in asked_since
    assert "phone" not in asked_since


def test_a_message_for_brad_after_hours_keeps_the_reason_said_before_it_was_asked() -> None:
    """Issue 11: the reason given with the contact details is the message; it is stored."""
    loop = ChartLoop(at=CLOSED)
    loop.say("I want to leave a message for Brad")
    assert loop.events() == ["leave_message"]
    loop.say("This is Kelly Urban, 407 555 0123, please call me back about my renewal")
    assert loop.call.record.message is not None
    assert "renewal" in loop.call.record.message
    assert not any("pass along" in text for text in loop.agent_texts())


def test_have_louis_call_me_back_is_a_message_with_the_callers_details() -> None:
    """Issue 11: "Please have Louis call me back…" leaves a message with name, number, reason."""
    loop = ChartLoop()
    loop.say("Please have Louis call me back about my renewal, this is Tom Reyes, 407 555 0166")
    assert "leave_message" in loop.events()
    assert "request" not in loop.events()
    record = loop.call.record
    assert (record.first_name, record.last_name, record.phone_number) == (
        "Tom",
        "Reyes",
        "4075550166",
    )
    assert record.message is not None
    assert "renewal" in record.message
