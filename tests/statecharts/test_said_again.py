"""Asked again, answered in other words: no sentence said in two consecutive turns (issue 12).

A caller who asks for the hours and then where the office is, or for the services
twice, hears the same facts again, but not the same sentences; once a need was
answered, the question left open is "anything else?", never "how can I help?" again.
"""

from __future__ import annotations

import re

import pytest

from statecharts import Say
from statecharts._reception_misses import ANYTHING_ELSE
from tests.statecharts.chart_driver import CLOSED, OPEN, Call, Step

pytestmark = pytest.mark.flow

_SENTENCE = re.compile(r"[^.?!]+[.?!]")


def sentences(text: str) -> set[str]:
    """The sentences of a line, trimmed."""
    return {s.strip() for s in _SENTENCE.findall(text)}


def said(call: Call) -> list[str]:
    """Every text said, in order."""
    return [effect.text for effect in call.of_type(Say)]


@pytest.mark.parametrize(
    ("event", "first", "again"),
    [
        ("ask_hours", "hours_location", "hours_location_again"),
        ("ask_services", "services", "services_again"),
    ],
)
def test_an_answer_asked_for_again_is_said_in_other_words(
    event: str, first: str, again: str
) -> None:
    """The same facts, not the same sentences; a third time alternates back."""
    call = Call.start(CLOSED)
    call.fire(event)
    call.fire(event)
    assert call.lines[-2:] == [first, again]
    before, after = said(call)[-2:]
    assert not sentences(before) & sentences(after)
    call.fire(event)
    assert call.lines[-1] == again  # still in other words than the line just said


def test_an_answer_after_something_else_is_said_as_usual() -> None:
    """Hours asked, then something else, then hours again: the usual answer."""
    call = Call.start(CLOSED)
    steps: list[Step] = [("ask_hours", {}), ("ask_services", {}), ("ask_hours", {})]
    call.run(steps)
    assert call.lines[-3:] == ["hours_location", "services", "hours_location"]


def test_once_answered_the_open_question_is_anything_else() -> None:
    """After a need was answered, the receptionist offers more, never starts over."""
    call = Call.start(OPEN)
    assert call.chart.ask_text() != ANYTHING_ELSE  # "how can I help?" before any need
    call.fire("mortgagee_request", role="policyholder")
    assert call.chart.where() == "triage.listening"
    assert call.chart.ask_text() == ANYTHING_ELSE
