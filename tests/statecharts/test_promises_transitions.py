"""The transitions behind the caller-facing promises, each asserted once where it leads.

Never stuck (issue 8): a turn nobody could use (`caller_unclear`) answered in
place, then the internal `stuck` event from every state that asks the caller
something, on each side of its guards. Nothing lost (issue 11): "that's all" while
a need is unmet stores a callback; "that's all" while leaving a message stores it.
Every row fires one event with `assert_transition`, which credits the transitions
and guard verdicts to the package's coverage ledger only when every state entered
is the one listed; the row also asserts what the caller hears (the lines said) and
what is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from statecharts import AgencyConfig, Reception
from tests.statecharts.chart_driver import AGENCY, CLOSED, LUNCH, OPEN, PHONE, Call, Step
from tests.statecharts.transition_coverage import assert_refused, assert_transition

pytestmark = pytest.mark.flow


def ev(event: str, **arguments: Any) -> Step:
    """One event with its arguments."""
    return (event, arguments)


UNCLEAR = ev("caller_unclear")
MESSAGE = ("after_hours", "after_hours.taking_message")
RECORDED = ("after_hours.message_recorded", "ended")
FRONT_DESK = ("triage.routing", "transfer")
A_MESSAGE = ev("provide_details", first_name="Bo", phone=PHONE, message="Roof leak")
HELPED = (UNCLEAR, UNCLEAR)
"""Two unclear turns: the call was moved on once already (to the intake)."""


@dataclass(frozen=True)
class Row:
    """One event fired from a call set up for it: the states it enters, what it says and stores."""

    id: str
    steps: tuple[Step, ...]
    event: str
    arguments: Mapping[str, Any]
    leads_to: tuple[str, ...]
    at: datetime = OPEN
    config: AgencyConfig = AGENCY
    greeted: bool = True
    caller_id: bool = False
    says: tuple[str, ...] = ()
    """The lines the event says, in order: what the caller hears."""
    stores: tuple[str, ...] = ()
    """The kinds of the messages the event stores."""


def row(
    id_: str, steps: tuple[Step, ...], step: Step, leads_to: tuple[str, ...], **setup: Any
) -> Row:
    """A table row: the steps before, the event fired, where it must lead."""
    return Row(id_, steps, step[0], step[1], leads_to, **setup)


ROWS: list[Row] = [
    # the first miss: answered in place, wherever the caller is asked something
    row("unclear-in-triage", (), UNCLEAR, (), says=("clarify",)),
    row("unclear-in-claims", (ev("report_claim"),), UNCLEAR, (), at=CLOSED, says=("clarify",)),
    row("unclear-in-mortgagee", (ev("certificate"),), UNCLEAR, (), says=("clarify",)),
    row("unclear-taking-message", (ev("leave_message"),), UNCLEAR, (), says=("clarify",)),
    # out of patience in "how can I help?"
    row(
        "listening-answered",
        (ev("certificate", kind="new"), UNCLEAR),
        UNCLEAR,
        ("ended",),
        says=("unclear_wrap_up",),
    ),
    row("listening-open", (UNCLEAR,), UNCLEAR, ("triage.intake",), says=("help_question",)),
    row(
        "listening-closed", (UNCLEAR,), UNCLEAR, MESSAGE, at=CLOSED, says=("help", "message_closed")
    ),
    # out of patience with a question only the caller can answer
    row(
        "which-open",
        (ev("ask_for_person", name="Rachel"), UNCLEAR),
        UNCLEAR,
        ("triage.intake",),
        says=("help_question",),
    ),
    row(
        "which-closed",
        (ev("ask_for_person", name="Rachel"), UNCLEAR),
        UNCLEAR,
        MESSAGE,
        at=CLOSED,
        says=("help", "message_closed"),
    ),
    row(
        "which-helped",
        (*HELPED, ev("ask_for_person", name="Rachel")),
        UNCLEAR,
        FRONT_DESK,
        says=("transfer_group",),
    ),
    row(
        "restricted-open",
        (ev("ask_for_person", name="Jason"), UNCLEAR),
        UNCLEAR,
        ("triage.intake",),
        says=("help_question",),
    ),
    row(
        "restricted-closed",
        (ev("ask_for_person", name="Jason"), UNCLEAR),
        UNCLEAR,
        MESSAGE,
        at=LUNCH,
        says=("help", "message_lunch"),
    ),
    row(
        "restricted-helped",
        (*HELPED, ev("ask_for_person", name="Jason")),
        UNCLEAR,
        FRONT_DESK,
        says=("transfer_group",),
    ),
    row(
        "certificate-open",
        (ev("certificate"), UNCLEAR),
        UNCLEAR,
        ("triage", "triage.intake"),
        says=("help_question",),
    ),
    row(
        "certificate-closed",
        (ev("certificate"), UNCLEAR),
        UNCLEAR,
        MESSAGE,
        at=CLOSED,
        says=("help", "message_closed"),
    ),
    row(
        "certificate-helped",
        (*HELPED, ev("certificate")),
        UNCLEAR,
        ("triage", *FRONT_DESK),
        says=("transfer_group",),
    ),
    row(
        "lender-open",
        (ev("mortgagee_request"), UNCLEAR),
        UNCLEAR,
        ("triage", "triage.intake"),
        says=("help_question",),
    ),
    row(
        "lender-closed",
        (ev("mortgagee_request"), UNCLEAR),
        UNCLEAR,
        MESSAGE,
        at=CLOSED,
        says=("help", "message_closed"),
    ),
    row(
        "lender-helped",
        (*HELPED, ev("mortgagee_request")),
        UNCLEAR,
        ("triage", *FRONT_DESK),
        says=("transfer_group",),
    ),
    row(
        "intake",
        (ev("request", intent="make_change"), UNCLEAR),
        UNCLEAR,
        FRONT_DESK,
        says=("transfer_group",),
    ),
    row(
        "reason",
        (ev("ask_for_person", name="Al"), UNCLEAR),
        UNCLEAR,
        FRONT_DESK,
        says=("transfer",),
    ),
    # claims: a callback instead, or goodbye once a message or the number was given
    row(
        "carrier-callback",
        (ev("report_claim"), UNCLEAR),
        UNCLEAR,
        MESSAGE,
        at=CLOSED,
        says=("message_closed",),
    ),
    row(
        "carrier-after-message",
        (ev("report_claim"), A_MESSAGE, UNCLEAR),
        UNCLEAR,
        ("ended",),
        at=LUNCH,
        says=("unclear_wrap_up",),
    ),
    row(
        "line-callback",
        (ev("report_claim"), ev("name_carrier", carrier="Travelers"), UNCLEAR),
        UNCLEAR,
        MESSAGE,
        at=CLOSED,
        says=("message_closed",),
    ),
    row(
        "line-after-message",
        (ev("report_claim"), A_MESSAGE, ev("name_carrier", carrier="Travelers"), UNCLEAR),
        UNCLEAR,
        ("ended",),
        at=LUNCH,
        says=("unclear_wrap_up",),
    ),
    row(
        "carrier-given",
        (ev("report_claim", carrier="GEICO"), UNCLEAR),
        UNCLEAR,
        ("ended",),
        at=CLOSED,
        says=("unclear_wrap_up",),
    ),
    # a message that cannot be finished: kept with the number, or goodbye
    row(
        "message-kept",
        (ev("leave_message"), ev("provide_details", first_name="Bo", phone=PHONE), UNCLEAR),
        UNCLEAR,
        RECORDED,
        at=CLOSED,
        says=("message_taken", "wrap_up"),
        stores=("message",),
    ),
    row(
        "message-no-number",
        (ev("leave_message"), UNCLEAR),
        UNCLEAR,
        ("ended",),
        at=CLOSED,
        says=("unclear_goodbye",),
    ),
    # say it again
    row("repeat-greeting", (), ev("repeat"), (), greeted=False, says=("say_again",)),
    row("repeat-triage", (), ev("repeat"), (), says=("say_again",)),
    row(
        "repeat-claims",
        (ev("report_claim", carrier="GEICO"),),
        ev("repeat"),
        (),
        at=CLOSED,
        says=("say_again",),
    ),
    row("repeat-mortgagee", (ev("certificate"),), ev("repeat"), (), says=("say_again",)),
    row("repeat-message", (ev("leave_message"),), ev("repeat"), (), says=("say_again",)),
    # "that's all": what is owed is stored before goodbye
    row(
        "done-owed-triage",
        (ev("request", intent="new_quote"), ev("provide_details", phone=PHONE)),
        ev("caller_done"),
        ("after_hours", *RECORDED),
        says=("message_taken", "wrap_up"),
        stores=("callback",),
    ),
    row(
        "done-owed-claims",
        (ev("report_claim"), ev("provide_details", phone=PHONE)),
        ev("caller_done"),
        ("after_hours", *RECORDED),
        at=CLOSED,
        says=("message_taken", "wrap_up"),
        stores=("callback",),
    ),
    row(
        "done-nothing-owed-claims",
        (ev("report_claim"),),
        ev("caller_done"),
        ("ended",),
        at=CLOSED,
        says=("wrap_up",),
    ),
    row(
        "done-nothing-owed-mortgagee",
        (ev("certificate"),),
        ev("caller_done"),
        ("ended",),
        says=("wrap_up",),
    ),
    row(
        "done-leaving-message",
        (ev("leave_message", person="Brad"), ev("provide_details", first_name="Bo", phone=PHONE)),
        ev("caller_done"),
        RECORDED,
        at=CLOSED,
        says=("message_taken", "wrap_up"),
        stores=("message",),
    ),
    row(
        "done-message-no-number",
        (ev("leave_message"),),
        ev("caller_done"),
        ("ended",),
        at=CLOSED,
        says=("wrap_up",),
    ),
    row(
        "done-message-caller-id",
        (ev("leave_message"),),
        ev("caller_done"),
        RECORDED,
        at=CLOSED,
        caller_id=True,
        says=("message_taken", "wrap_up"),
        stores=("message",),
    ),
]


@pytest.mark.parametrize("case", ROWS, ids=[r.id for r in ROWS])
def test_transition_leads_where_it_should(case: Row) -> None:
    """The event enters exactly these states, says these lines, stores these messages."""
    chart = Reception(case.config, case.at, caller_number="4075550100" if case.caller_id else None)
    call = Call(chart)
    call.drain()
    if case.greeted:
        call.fire("greeted")
    call.run(case.steps)
    said, stored = len(call.lines), len(call.messages)
    assert_transition(call, case.event, case.arguments, case.leads_to)
    assert tuple(call.lines[said:]) == case.says
    assert tuple(m.message.kind.value for m in call.messages[stored:]) == case.stores


def test_no_unclear_turn_in_the_greeting() -> None:
    """Before anyone was greeted there is no turn to report: the chart refuses it."""
    call = Call.start(OPEN, greeted=False)
    assert_refused(call, "caller_unclear", {})
