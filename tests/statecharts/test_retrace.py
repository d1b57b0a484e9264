"""Following a recorded call's events through a fresh chart: transitions, states, words."""

from __future__ import annotations

from datetime import datetime

import pytest

from statecharts import OutcomeKind, Reception, default_agency
from statecharts._diagram_chart import Story, declared_keys
from statecharts._retrace import Retrace, retrace, unknown_states, where_of

pytestmark = pytest.mark.unit

OPEN = datetime(2026, 11, 24, 10, 0)
QUOTE = [
    ("greeted", {}),
    ("request", {"intent": "new_quote"}),
    ("provide_details", {"insurance_type": "personal"}),
    (
        "provide_details",
        {
            "first_name": "Kelly",
            "last_name": "Urban",
            "last_name_spelled": "URBAN",
            "phone": "4075550123",
        },
    ),
    ("transfer_succeeded", {}),
]


def test_a_quote_call_is_retraced_transition_by_transition() -> None:
    """Each event reports the transitions it set off (eventless ones too) and where it led."""
    trace = retrace(default_agency(), OPEN, QUOTE)
    assert trace.opening[0].startswith("Thank you for calling")
    assert [step.taken for step in trace.steps] == [
        ("greeting-greeted->triage",),
        ("triage-request->intake",),
        ("call-provide_details->here",),
        (
            "call-provide_details->here",
            "intake-auto->routing[intake_complete]",
            "routing-auto->transfer[can_transfer_live]",
        ),
        ("transfer-transfer_succeeded->ended",),
    ]
    details = trace.steps[3]
    assert details.entered == ("triage.routing", "transfer")
    assert details.configuration == ("call", "transfer")
    assert details.where == "transfer"
    assert details.said == ("I'm connecting you with Brad now. One moment while I connect you.",)
    assert trace.ended
    assert trace.outcome is not None
    assert trace.outcome.kind is OutcomeKind.TRANSFER
    assert trace.outcome.target is not None
    assert trace.outcome.target.name == "Brad"


def test_a_refused_event_stops_the_trace_and_changes_nothing() -> None:
    """An event the chart refuses is reported with the reason; the trace stops there."""
    trace = retrace(
        default_agency(), OPEN, [("greeted", {}), ("transfer_succeeded", {}), *QUOTE[1:]]
    )
    assert len(trace.steps) == 2
    refused = trace.steps[1]
    assert refused.refused is not None
    assert "transfer_succeeded is not possible" in refused.refused
    assert refused.taken == ()
    assert refused.configuration == ("call", "triage", "listening")
    assert trace.refusal is refused
    assert not trace.ended


def test_every_event_is_kept_when_asked() -> None:
    """With `stop_at_refusal=False` the events after a refusal are fired too."""
    events = [("greeted", {}), ("transfer_succeeded", {}), ("hangup", {})]
    trace = retrace(default_agency(), OPEN, events, stop_at_refusal=False)
    assert [step.refused is None for step in trace.steps] == [True, False, True]
    assert trace.ended


def test_a_recorded_shell_failure_ends_the_call_as_any_failure_does() -> None:
    """An event the chart does not know as public (the shell's "error") fails the call."""
    run = Retrace(default_agency(), OPEN)
    run.fire("greeted", {})
    step = run.fire("error", {})
    assert step.refused is None
    assert step.where == "ended"
    assert "call-error_execution->ended" in step.taken


def test_every_transition_the_chart_takes_has_a_diagram_key() -> None:
    """The keys a retrace reports are exactly the diagrams' keys for declared transitions."""
    keys = set(declared_keys(Reception).values())
    assert keys == {t.key for t in Story.of(Reception).transitions}


def test_states_the_chart_lacks_are_named() -> None:
    """Ids and dotted paths the chart does not have are listed; known ones are not."""
    named = ["call", "triage", "intake", "triage.intake", "claims.old_step", "lunch"]
    assert unknown_states(named) == ["claims.old_step", "lunch"]


def test_where_of_a_configuration_is_its_dotted_leaf() -> None:
    """A configuration of ids reads as the innermost state, dotted as a path has it."""
    assert where_of(("call", "triage", "intake")) == "triage.intake"
    assert where_of(("ended",)) == "ended"
    assert where_of(()) == "nowhere"
