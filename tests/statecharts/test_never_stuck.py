"""Never stuck: turns the receptionist cannot use, and where the chart takes the call then.

A miss (the shell's `caller_unclear`, a redirect, a name nobody has, a carrier
with no number, a live person asked for again) is met first with a clarifying
question in other words; once the agency's patience is spent (`[misses]`: two in
a row, three in a call), the internal `stuck` event gets the caller to a person:
the standard intake and a live transfer during business hours, otherwise a
message; a message that cannot be finished is stored with what the caller gave,
or the call ends politely. Each flow here drives one of those transitions and
asserts where it leads.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from statecharts import (
    AgencyConfig,
    Intent,
    MessageKind,
    OutcomeKind,
    Question,
    Reception,
    Refusal,
    Say,
    TargetKind,
    question_text,
)
from statecharts._agency import Misses
from statecharts._questions import QUESTION_WORDINGS
from statecharts._reception_actions import STUCK_FROM
from tests.statecharts.chart_driver import (
    AGENCY,
    CLOSED,
    HOLIDAY,
    LUNCH,
    OPEN,
    PHONE,
    VOICEMAIL_AGENCY,
    Call,
    Step,
)
from tests.statecharts.transition_coverage import declared_transitions

pytestmark = pytest.mark.flow

NO_FRONT_DESK = AGENCY.model_copy(update={"front_desk_ring_group": None})
"""The default agency without a front desk: with no name to route on, a message."""

CALLER_ID = "4075550100"


def ev(event: str, **arguments: Any) -> Step:
    """One event with its arguments."""
    return (event, arguments)


UNCLEAR = ev("caller_unclear")


def start(at: datetime = OPEN, config: AgencyConfig = AGENCY, *, caller_id: bool = False) -> Call:
    """A greeted call, optionally with the line's caller ID."""
    call = Call(Reception(config, at, caller_number=CALLER_ID if caller_id else None))
    call.drain()
    call.fire("greeted")
    return call


def said(call: Call) -> list[str]:
    """Every text said, in order."""
    return [effect.text for effect in call.of_type(Say)]


# --- the first miss: a clarifying question in other words ---------------------------------------


def test_first_unclear_turn_offers_the_common_choices() -> None:
    """Not understood at "how can I help": a quote, a claim, a payment, or something else?"""
    call = start()
    assert call.fire("caller_unclear") == []
    assert said(call)[-1] == (
        "Sorry, I didn't quite catch that. Is it about a quote, a claim, a payment, "
        "or something else?"
    )
    assert (call.chart.misses, call.chart.misses_total) == (1, 1)


@pytest.mark.parametrize(
    ("steps", "question"),
    [
        ([ev("request", intent="new_quote")], Question.INSURANCE_TYPE),
        ([ev("ask_for_person", name="Rachel")], Question.WHICH_PERSON),
        ([ev("ask_for_person", name="Al")], Question.REASON),
        ([ev("ask_for_person", name="Jason")], Question.CALLER_KIND),
        ([ev("certificate")], Question.CERTIFICATE_KIND),
        ([ev("mortgagee_request")], Question.CALLER_ROLE),
        ([ev("leave_message")], Question.CONTACT),
    ],
)
def test_first_miss_asks_the_pending_question_in_other_words(
    steps: list[Step], question: Question
) -> None:
    """Once: the question still pending, in words the caller has not just heard."""
    call = start().run(steps)
    assert call.chart.pending_question() is question
    for text in said(call):
        call.chart.heard_agent(text)  # what the caller heard: a line may have asked it
    if question_text(question) not in said(call)[-1]:
        call.chart.heard_agent(question_text(question))  # else the model asked it
    call.fire("caller_unclear")
    last = said(call)[-1]
    assert last.startswith("Sorry, I didn't quite catch that. ")
    assert last.endswith(question_text(question, 1))
    assert question_text(question, 0) not in last


def test_after_an_answer_a_miss_offers_more_help() -> None:
    """Answered already (a new certificate by email): "anything else?", not start over."""
    call = start().run([ev("certificate", kind="new")])
    call.fire("caller_unclear")
    assert said(call)[-1] == (
        "Sorry, I didn't quite catch that. Is there anything else I can help you with?"
    )


def test_a_usable_turn_ends_the_run_of_misses() -> None:
    """A miss, an answer, a miss: two misses, but not in a row, so a clarification again."""
    call = start().run([UNCLEAR, ev("request", intent="new_quote"), UNCLEAR])
    assert call.chart.where() == "triage.intake"
    assert call.lines[-1] == "clarify"
    assert (call.chart.misses, call.chart.misses_total) == (1, 2)


def test_silence_neither_counts_nor_resets_misses() -> None:
    """A silence between two unclear turns: they are still two in a row."""
    call = start().run([UNCLEAR, ev("caller_away_timeout"), UNCLEAR])
    assert call.chart.where() == "triage.intake"
    assert call.lines[-1] == "help_question"


MISSES: list[tuple[str, datetime, list[Step], Step, str]] = [
    ("off-topic", OPEN, [], ev("redirect", topic="off_topic"), "redirect"),
    ("nobody-by-that-name", OPEN, [], ev("ask_for_person", name="Zelda"), "person_not_found"),
    ("live-person-again", OPEN, [ev("live_person")], ev("live_person"), "live_person_insist"),
    ("no-such-carrier", CLOSED, [ev("report_claim")], ev("name_carrier", carrier="Acme"),
     "carrier_not_found"),
    ("carrier-unknown", CLOSED, [ev("report_claim")], ev("carrier_unknown"), "carrier_not_found"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("at", "before", "miss", "line"), [m[1:] for m in MISSES], ids=[m[0] for m in MISSES]
)
def test_every_kind_of_miss_counts(at: datetime, before: list[Step], miss: Step, line: str) -> None:
    """Off-topic, a name nobody has, a live person again, no carrier: each is a miss."""
    call = start(at).run(before)
    where = call.chart.where()
    call.run([miss])
    assert (call.chart.misses, call.lines[-1], call.chart.where()) == (1, line, where)
    call.run([miss])
    assert call.chart.misses == 2
    assert call.chart.where() != where or call.chart.is_terminated


def test_the_greeting_is_never_stuck() -> None:
    """A redirect before anyone was greeted is answered, however often: nothing to move yet."""
    call = Call(Reception(AGENCY, OPEN))
    call.drain()
    for _ in range(4):
        assert call.fire("redirect", topic="off_topic") == []
    assert call.chart.where() == "greeting"
    with pytest.raises(Refusal):
        call.fire("caller_unclear")


@pytest.mark.parametrize("state", ["transfer", "after_hours.voicemail"])
def test_no_unclear_turn_while_the_caller_holds(state: str) -> None:
    """During a transfer or a voicemail hand-off the caller's words are nobody's turn."""
    if state == "transfer":
        call = start().run([ev("appointment")])
    else:
        call = start(CLOSED, VOICEMAIL_AGENCY).run(
            [ev("request", intent="make_change"), _personal("Hill")]
        )
    assert call.chart.where() == state
    with pytest.raises(Refusal):
        call.fire("caller_unclear")


def _personal(last: str) -> Step:
    return ev(
        "provide_details",
        insurance_type="personal",
        first_name="Bo",
        last_name=last,
        last_name_spelled=last,
        phone=PHONE,
    )


# --- out of patience: where each state takes the call -------------------------------------------


def test_listening_open_starts_the_intake_for_something_else() -> None:
    """Twice not understood, open: the standard intake, asking its first question."""
    call = start().run([UNCLEAR, UNCLEAR])
    assert call.chart.path[-1] == "triage.intake"
    assert call.chart.record.call_intent is Intent.SOMETHING_ELSE
    assert said(call)[-1] == (
        "Let me get you to someone who can help. " + question_text(Question.INSURANCE_TYPE)
    )


@pytest.mark.parametrize(
    ("at", "kind", "line"),
    [
        (CLOSED, MessageKind.MESSAGE, "message_closed"),
        (HOLIDAY, MessageKind.MESSAGE, "message_closed"),
        (LUNCH, MessageKind.CALLBACK, "message_lunch"),
    ],
)
def test_listening_when_no_one_is_in_takes_a_message(
    at: datetime, kind: MessageKind, line: str
) -> None:
    """Twice not understood, closed or at lunch: a message for the team."""
    call = start(at).run([UNCLEAR, UNCLEAR])
    assert call.chart.where() == "after_hours.taking_message"
    assert call.lines[-2:] == ["help", line]
    assert call.chart.target is not None
    assert call.chart.target.kind is TargetKind.OFFICE
    call.fire("provide_details", first_name="Bo", phone=PHONE, message="Call me")
    assert [m.message.kind for m in call.messages] == [kind]


def test_listening_after_an_answer_says_goodbye() -> None:
    """Answered, then twice not understood: a polite goodbye, the call answered."""
    call = start().run([ev("certificate", kind="new"), UNCLEAR, UNCLEAR])
    assert call.chart.is_terminated
    assert call.lines[-1] == "unclear_wrap_up"
    assert call.ends[0].outcome.kind is OutcomeKind.ANSWERED


QUESTION_STATES: list[tuple[str, list[Step]]] = [
    ("triage.which_person", [ev("ask_for_person", name="Rachel")]),
    ("triage.restricted_question", [ev("ask_for_person", name="Jason")]),
    ("mortgagee.certificate_kind_question", [ev("certificate")]),
    ("mortgagee.lender_question", [ev("mortgagee_request")]),
]


@pytest.mark.parametrize(("state", "steps"), QUESTION_STATES, ids=[q[0] for q in QUESTION_STATES])
@pytest.mark.parametrize(("at", "goes_to"), [(OPEN, "triage.intake"), (CLOSED, "after_hours")])
def test_a_question_nobody_can_answer_moves_on_to_a_person(
    state: str, steps: list[Step], at: datetime, goes_to: str
) -> None:
    """Which Rachel, which caller, which certificate, bank or not: twice unclear, it moves on."""
    call = start(at).run(steps)
    assert call.chart.where() == state
    call.run([UNCLEAR, UNCLEAR])
    assert call.chart.where().startswith(goes_to)
    assert call.transfers == []


def test_intake_open_with_no_name_goes_to_the_front_desk() -> None:
    """The intake cannot be finished and no name can be had: the front desk, live."""
    call = start().run([UNCLEAR, UNCLEAR, UNCLEAR])
    assert [(t.target.group, t.target.reason) for t in call.transfers] == [("VA", "front_desk")]
    assert call.lines[1:] == ["clarify", "help_question", "transfer_group"]


def test_intake_open_with_a_name_goes_to_the_account_executive() -> None:
    """Line and name known, the rest not forthcoming: the account executive by alpha split."""
    call = start().run(
        [
            ev("request", intent="something_else"),
            ev("provide_details", insurance_type="personal", last_name_spelled="Nguyen"),
            UNCLEAR,
            UNCLEAR,
        ]
    )
    assert [(t.target.name, t.target.extension) for t in call.transfers] == [("Louis", "7017")]


def test_intake_open_without_a_front_desk_takes_a_message() -> None:
    """No front desk configured and no name: nobody can take the call live, so a message."""
    call = start(OPEN, NO_FRONT_DESK).run([ev("request", intent="new_quote"), UNCLEAR, UNCLEAR])
    assert call.transfers == []
    assert call.chart.where() == "after_hours.taking_message"
    assert call.lines[-1] == "message_not_live"


@pytest.mark.parametrize("at", [CLOSED, LUNCH])
def test_intake_when_no_one_is_in_is_a_message(at: datetime) -> None:
    """The gate holds: the intake cannot be finished after hours, so a message, no transfer."""
    call = start(at).run([ev("request", intent="make_change"), UNCLEAR, UNCLEAR])
    assert call.transfers == []
    assert call.chart.where() == "after_hours.taking_message"
    # the front desk takes calls live only; the message is for where the call was heading
    assert call.chart.target is not None
    assert call.chart.target.kind is TargetKind.OFFICE


@pytest.mark.parametrize(("at", "transfers"), [(OPEN, [("Al", "7015")]), (CLOSED, [])])
def test_an_unheard_reason_still_reaches_the_person(
    at: datetime, transfers: list[tuple[str, str]]
) -> None:
    """Al was asked for; the reason never came through: Al, live when open, else a message."""
    call = start(at).run([ev("ask_for_person", name="Al"), UNCLEAR, UNCLEAR])
    assert [(t.target.name, t.target.extension) for t in call.transfers] == transfers
    assert call.chart.record.requested_agent_name == "Al"
    if not transfers:
        assert call.chart.where() == "after_hours.taking_message"
        assert call.chart.target is not None
        assert call.chart.target.name == "Al"


def test_restricted_staff_stay_unreachable_when_stuck() -> None:
    """Jason asked for, then nothing understood: the intake, never a transfer to Jason."""
    call = start().run([ev("ask_for_person", name="Jason"), UNCLEAR, UNCLEAR, UNCLEAR])
    assert all(t.target.name != "Jason L." for t in call.transfers)
    assert [t.target.group for t in call.transfers] == ["VA"]


@pytest.mark.parametrize(
    ("steps", "state"),
    [
        ([ev("report_claim")], "claims.carrier_question"),
        ([ev("report_claim"), ev("name_carrier", carrier="Travelers")],
         "claims.carrier_line_question"),
    ],
)  # fmt: skip
def test_a_carrier_that_cannot_be_found_becomes_a_claim_callback(
    steps: list[Step], state: str
) -> None:
    """After hours, no carrier line found: take a callback about the claim instead."""
    call = start(CLOSED).run(steps)
    assert call.chart.where() == state
    call.run([UNCLEAR, UNCLEAR])
    assert call.chart.where() == "after_hours.taking_message"
    assert call.chart.target is not None
    assert call.chart.target.name == "Claims Team"
    call.fire("provide_details", first_name="Bo", phone=PHONE, message="Roof leak")
    assert [m.message.kind for m in call.messages] == [MessageKind.CALLBACK]


@pytest.mark.parametrize(
    "steps",
    [
        [ev("report_claim"), ev("provide_details", first_name="Bo", phone=PHONE, message="Leak")],
        [ev("report_claim"), ev("provide_details", first_name="Bo", phone=PHONE, message="Leak"),
         ev("name_carrier", carrier="Travelers")],
        [ev("report_claim", carrier="GEICO")],
    ],
    ids=["carrier_question", "carrier_line_question", "carrier_given"],
)  # fmt: skip
def test_claims_with_a_message_already_or_a_number_given_end_politely(steps: list[Step]) -> None:
    """A callback is already taken, or the carrier's number given: twice unclear, goodbye."""
    call = start(LUNCH if len(steps) > 1 else CLOSED).run(steps)
    call.run([UNCLEAR, UNCLEAR])
    assert call.chart.is_terminated
    assert call.lines[-1] == "unclear_wrap_up"
    assert len(call.messages) <= 1


def test_a_message_that_cannot_be_finished_is_kept_with_the_callers_number() -> None:
    """Taking a message, nothing more understood: what was given is stored, then goodbye."""
    call = start(CLOSED, caller_id=True).run([ev("leave_message"), UNCLEAR, UNCLEAR])
    assert call.chart.is_terminated
    stored = [m.message for m in call.messages]
    assert [(m.kind, m.phone_number) for m in stored] == [(MessageKind.MESSAGE, CALLER_ID)]
    assert "could not be understood" in stored[0].text
    assert call.lines[-2:] == ["message_taken", "wrap_up"]


def test_a_message_with_no_number_ends_with_how_to_reach_us() -> None:
    """No number to call back, nothing understood: the hours and the email, goodbye."""
    call = start(CLOSED).run([ev("leave_message"), UNCLEAR, UNCLEAR])
    assert call.chart.is_terminated
    assert call.messages == []
    assert call.lines[-1] == "unclear_goodbye"
    assert call.ends[0].outcome.kind is OutcomeKind.UNRESOLVED
    assert "nine to five" in said(call)[-1]


def test_three_misses_in_a_call_are_enough_even_apart() -> None:
    """Miss, answer, miss, answer, miss: the third miss in the call moves it on."""
    call = start().run(
        [
            UNCLEAR,
            ev("request", intent="new_quote"),
            UNCLEAR,
            ev("provide_details", insurance_type="personal"),
            UNCLEAR,
        ]
    )
    assert call.chart.misses_total == 3
    assert [t.target.reason for t in call.transfers] == ["front_desk"]


def test_the_limits_are_agency_configuration() -> None:
    """An agency that wants no clarifying question moves on at the first miss."""
    hasty = AGENCY.model_copy(update={"misses": Misses(in_a_row=1, per_call=1)})
    call = start(OPEN, hasty).run([UNCLEAR])
    assert call.chart.where() == "triage.intake"
    with pytest.raises(ValueError, match="per_call"):
        Misses(in_a_row=3, per_call=2)


# --- asked again, in other words ---------------------------------------------------------------


def test_a_question_asked_again_after_another_answer_is_rephrased_with_thanks() -> None:
    """Asked "business or personal?", the caller gives a name: "Got it, Sam", other words."""
    call = start().run([ev("request", intent="new_quote")])
    call.chart.heard_agent(question_text(Question.INSURANCE_TYPE))
    call.fire("provide_details", first_name="Sam", phone=PHONE)
    assert call.chart.ask_text() == "Got it, Sam. " + question_text(Question.INSURANCE_TYPE, 1)


def test_a_question_not_yet_said_is_asked_in_its_first_words() -> None:
    """A question the caller has not heard yet is asked plainly, whatever was given."""
    call = start().run([ev("request", intent="new_quote"), ev("provide_details", phone=PHONE)])
    assert call.chart.ask_text() == question_text(Question.INSURANCE_TYPE)


def test_the_check_in_puts_the_question_in_other_words() -> None:
    """After a silence the question is repeated, but never in the same sentence."""
    call = start().run([ev("request", intent="new_quote")])
    call.chart.heard_agent(question_text(Question.INSURANCE_TYPE))
    call.fire("caller_away_timeout")
    assert said(call)[-1] == "Just checking in. " + question_text(Question.INSURANCE_TYPE, 1)


# --- say it again ------------------------------------------------------------------------------


def test_repeat_says_the_last_answer_again() -> None:
    """Asked to repeat after the carrier's number: the number again."""
    call = start(CLOSED).run([ev("report_claim", carrier="State Farm")])
    number = said(call)[-1]
    call.fire("repeat")
    assert said(call)[-1] == f"Of course. {number}"


def test_repeat_with_nothing_answered_asks_again_in_other_words() -> None:
    """Nothing said to repeat: the pending question, in other words."""
    call = start()
    call.fire("repeat")
    assert said(call)[-1] == "Of course. " + question_text(Question.HOW_CAN_I_HELP, 1)


def test_repeat_with_nothing_pending_offers_more_help() -> None:
    """Nothing to repeat and nothing to ask (still greeting): "anything else?"."""
    call = Call(Reception(AGENCY, OPEN))
    call.drain()
    call.fire("repeat")
    assert said(call)[-1] == "Of course. Is there anything else I can help you with?"


def test_the_states_that_count_misses_are_the_states_stuck_moves_from() -> None:
    """A miss can move the call on exactly where the chart declares where it goes."""
    declared = {source for source, event, _ in declared_transitions() if event == "stuck"}
    assert declared == STUCK_FROM


def test_the_same_details_again_are_a_miss() -> None:
    """Saying again what the receptionist already has moves nothing: twice, and on it goes."""
    call = start().run(
        [ev("request", intent="new_quote"), ev("provide_details", insurance_type="business")]
    )
    call.fire("provide_details", insurance_type="business")
    assert call.chart.misses == 1
    call.fire("provide_details", insurance_type="business")
    assert [t.target.reason for t in call.transfers] == ["front_desk"]


def test_details_given_while_on_hold_are_kept_and_move_nothing() -> None:
    """On hold for a transfer, a repeated detail is no miss to act on: the transfer stands."""
    call = start().run([ev("appointment")])
    assert call.chart.where() == "transfer"
    call.fire("provide_details", first_name="Bo")
    call.fire("provide_details", first_name="Bo")
    call.fire("provide_details", first_name="Bo")
    assert call.chart.where() == "transfer"
    assert call.chart.errors == []


HELPED_THEN_ASKED: list[tuple[str, Step]] = [
    ("triage.which_person", ev("ask_for_person", name="Rachel")),
    ("triage.restricted_question", ev("ask_for_person", name="Jason")),
    ("mortgagee.certificate_kind_question", ev("certificate")),
    ("mortgagee.lender_question", ev("mortgagee_request")),
]


@pytest.mark.parametrize(
    ("state", "step"), HELPED_THEN_ASKED, ids=[h[0] for h in HELPED_THEN_ASKED]
)
def test_moved_on_once_the_next_time_goes_straight_to_a_person(state: str, step: Step) -> None:
    """After the call was moved on once, a question nobody can answer goes to a person at once."""
    call = start().run([UNCLEAR, UNCLEAR, step])
    assert call.chart.where() == state
    call.fire("caller_unclear")
    assert [t.target.reason for t in call.transfers] == ["front_desk"]


def test_asking_for_the_same_person_again_is_a_miss() -> None:
    """Jason, again and again: the same answer moves nothing, so the call moves on."""
    call = start().run([ev("ask_for_person", name="Jason")])
    call.fire("ask_for_person", name="Jason")
    assert call.chart.misses == 1
    call.fire("ask_for_person", name="Jason")
    assert call.chart.where() == "triage.intake"
    assert call.transfers == []


def test_a_number_that_never_comes_out_right_does_not_hold_the_call() -> None:
    """Spoken calls: "no, that's wrong" to the read-back each time, and the call moves on."""
    call = Call(Reception(AGENCY, OPEN, read_back_phone=True))
    call.drain()
    call.run([ev("greeted"), ev("request", intent="new_quote")])
    for _ in range(3):  # each new number read back is progress; each no is a miss
        call.fire("provide_details", phone=PHONE)
        call.fire("confirm_phone", answer="no")
    assert call.lines.count("phone_again") == 2
    assert [t.target.reason for t in call.transfers] == ["front_desk"]


def test_the_same_need_again_is_a_miss() -> None:
    """The same need said again and again: the intake does not restart; the call moves on."""
    call = start().run([ev("request", intent="new_quote"), ev("request", intent="new_quote")])
    assert call.chart.misses == 1
    assert call.chart.where() == "triage.intake"
    call.fire("request", intent="new_quote")
    assert [t.target.reason for t in call.transfers] == ["front_desk"]


def test_going_round_to_the_same_sales_agent_again_is_a_miss() -> None:
    """Rachel, Rachel Moreno, a service reason, again: the round moves nothing, the call moves on.

    Found by the never-stuck property: each step of the round looked like progress,
    so the caller could go round for as long as they stayed on the line.
    """
    round_ = [
        ev("ask_for_person", name="Rachel"),
        ev("ask_for_person", name="Rachel Moreno"),
        ev("give_reason", reason="My renewal", kind="service"),
    ]
    call = start().run([*round_, ev("provide_details", insurance_type="personal"), UNCLEAR])
    assert call.chart.where() == "triage.intake"
    call.run(round_[:1])  # the same person again, by the name that fits two: the second miss
    assert call.chart.where() == "triage.intake"
    assert call.chart.helped_before()  # moved on: the standard intake, to reach a person
    call.fire("caller_unclear")
    assert [t.target.reason for t in call.transfers] == ["front_desk"]  # no name to route on


def test_asking_for_restricted_staff_again_after_the_intake_began_is_a_miss() -> None:
    """Jason, "a client", Jason again: the intake took over, so asking again moves nothing.

    Found by the never-stuck property: the client intake forgot who was asked for, so
    the same round looked like progress each time.
    """
    call = start().run(
        [ev("ask_for_person", name="Jason"), ev("caller_kind", kind="existing_client")]
    )
    call.fire("caller_unclear")
    call.fire("ask_for_person", name="Jason")
    assert call.chart.misses == 2
    assert call.chart.helped_before()  # moved on: the standard intake, to reach a person


def test_asking_for_former_staff_again_is_a_miss() -> None:
    """A former colleague asked for twice: the second time is no progress."""
    call = start().run([ev("ask_for_person", name="Debi"), ev("ask_for_person", name="Debi")])
    assert call.chart.misses == 1


@pytest.mark.parametrize(
    ("before", "name", "question"),
    [
        ("Jason", "Jason", Question.CALLER_KIND),
        ("Louis", "Louis", Question.REASON),
        ("Rachel Moreno", "Rachel", Question.WHICH_PERSON),
    ],
)
def test_the_same_person_again_gets_the_question_in_other_words(
    before: str, name: str, question: Question
) -> None:
    """Asked for again, the person is not explained again: the open question, in other words."""
    call = start().run([ev("ask_for_person", name=before)])
    first = said(call)[-1]
    call.fire("ask_for_person", name=name)
    again = said(call)[-1]
    if name == "Jason":  # a short reminder first, in other words than the first time
        assert call.lines[-1] == "person_restricted_again"
        again = again.removeprefix("I'm sorry, Jason doesn't take direct calls. ")
    else:
        assert call.lines[-1] == "ask_again"
    assert again in QUESTION_WORDINGS[question]
    assert again not in first  # other words than the question just put
    assert call.chart.misses == 1
