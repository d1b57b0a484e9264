"""An exhaustive walk of the reception chart: every reachable configuration has an exit.

A breadth-first search from the greeting, at each office status, fires every
stimulus of a finite alphabet (each public event with a few representative
argument sets) wherever it is legal, branching with a deep copy of the chart,
up to a bounded depth. Nodes are configurations (plus the silence count and
whether the insurance type is known, the only data the exits depend on). From
every node the call must reach `ended` through events no LLM has to choose: a
hang-up, two silences, and the telephony's transfer results. The same promise is
also checked statically on the chart's declaration.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

import pytest
from statemachine.graph import iterate_states, visit_connected_states

from statecharts import AgencyConfig, EndCall, Reception, Refusal
from tests.statecharts.chart_driver import (
    AGENCY,
    HOLIDAY,
    LUNCH,
    OPEN,
    PHONE,
    SATURDAY,
    VOICEMAIL_AGENCY,
    Call,
    Step,
)

pytestmark = pytest.mark.flow

DEPTH = 7
"""Events fired from the greeting before a branch stops growing."""

PERSONAL = {
    "insurance_type": "personal",
    "first_name": "Bo",
    "last_name": "Smith",
    "last_name_spelled": "S M I T H",
    "phone": PHONE,
}

ALPHABET: list[Step] = [
    ("greeted", {}),
    ("request", {"intent": "new_quote"}),
    ("provide_details", PERSONAL),
    ("provide_details", {"insurance_type": "personal"}),
    ("provide_details", {"message": "Please call me back"}),
    ("report_claim", {}),
    ("report_claim", {"carrier": "Tower Hill"}),
    ("name_carrier", {"carrier": "State Farm"}),
    ("name_carrier", {"carrier": "Tower Hill"}),
    ("name_carrier", {"carrier": "Acme Mutual"}),
    ("carrier_unknown", {}),
    ("request_callback", {}),
    ("certificate", {}),
    ("certificate", {"kind": "existing"}),
    ("certificate_kind", {"kind": "new"}),
    ("certificate_kind", {"kind": "existing"}),
    ("mortgagee_request", {}),
    ("mortgagee_request", {"role": "policyholder"}),
    ("caller_role", {"role": "bank"}),
    ("caller_role", {"role": "policyholder"}),
    ("bank_caller", {}),
    ("ask_hours", {}),
    ("ask_services", {}),
    ("appointment", {}),
    ("ask_for_person", {"name": "Louis"}),
    ("ask_for_person", {"name": "Rachel"}),
    ("ask_for_person", {"name": "Jason"}),
    ("ask_for_person", {"name": "Harry"}),
    ("give_reason", {"reason": "My policy", "kind": "service"}),
    ("give_reason", {"reason": "My policy", "kind": "other"}),
    ("caller_kind", {"kind": "vendor"}),
    ("caller_kind", {"kind": "new_client"}),
    ("caller_kind", {"kind": "existing_client"}),
    ("spanish_speaker", {}),
    ("live_person", {}),
    ("redirect", {"topic": "off_topic"}),
    ("leave_message", {}),
    ("transfer_succeeded", {}),
    ("transfer_failed", {"reason": "busy"}),
    ("caller_done", {}),
    ("caller_away_timeout", {}),
]
"""Every public event, with argument sets that reach different configurations.

Variants that only ever reach configurations another stimulus reaches first (other
intents, a business caller, more names) are left to the flow tests: each costs a
deep copy per node here and finds nothing new.
"""

WALKS: dict[str, tuple[datetime, AgencyConfig]] = {
    "open": (OPEN, AGENCY),
    "lunch": (LUNCH, AGENCY),
    "closed-with-voicemail": (SATURDAY, VOICEMAIL_AGENCY),
    "holiday": (HOLIDAY, AGENCY),
}
"""Each office status that routes differently; closed with voicemail reaches the voicemail state."""

Key = tuple[tuple[str, ...], int, bool]


def key(chart: Reception) -> Key:
    """A node: the configuration, the silence count, and whether the line of business is known."""
    return (
        tuple(str(value) for value in chart.configuration_values),
        chart.away_count,
        chart.record.insurance_type is not None,
    )


@dataclass
class Walk:
    """The reachable graph at one instant: nodes with the steps that reach them."""

    nodes: dict[Key, tuple[Call, tuple[Step, ...]]] = field(default_factory=dict)
    edges: int = 0
    entered: set[str] = field(default_factory=set)


def walk(at: datetime, config: AgencyConfig, depth: int = DEPTH) -> Walk:
    """Breadth-first over the alphabet, branching with deep copies, up to `depth` events.

    A copy whose stimulus left it in the same node (an answer in place, a refusal)
    still stands for that node, so it takes the next stimulus instead of a fresh copy:
    deep copies are what a walk costs.
    """
    start = Call.start(at, config, greeted=False)
    found = Walk()
    found.nodes[key(start.chart)] = (start, ())
    found.entered.update(start.chart.path)
    queue: deque[tuple[Call, tuple[Step, ...]]] = deque([(start, ())])
    while queue:
        call, steps = queue.popleft()
        if call.chart.is_terminated or len(steps) >= depth:
            continue
        here = key(call.chart)
        allowed = call.chart.allowed_event_names()
        branch: Call | None = None
        for event, arguments in ALPHABET:
            if event not in allowed:
                continue
            branch = branch or call.copy()
            try:
                branch.fire(event, **arguments)
            except Refusal:
                continue
            found.edges += 1
            found.entered.update(branch.chart.path)
            node = key(branch.chart)
            if node == here:
                continue
            if node not in found.nodes:
                reached = (*steps, (event, arguments))
                found.nodes[node] = (branch, reached)
                queue.append((branch, reached))
            branch = None
    return found


_WALKED: dict[str, Walk] = {}


@pytest.fixture(scope="module")
def walks() -> Iterator[dict[str, Walk]]:
    """The walks, computed once per module run, on first use."""
    yield _WALKED
    _WALKED.clear()


def _walk(walks: dict[str, Walk], status: str) -> Walk:
    if status not in walks:
        walks[status] = walk(*WALKS[status])
    return walks[status]


def _ends(call: Call, steps: tuple[Step, ...], how: str) -> None:
    assert call.chart.is_terminated, f"{how} did not end the call after {steps}"
    assert list(call.chart.configuration_values) == ["ended"]
    assert isinstance(call.effects[-1], EndCall), f"{how}: last effect after {steps}"
    assert sum(isinstance(effect, EndCall) for effect in call.effects) == 1


def _live(walked: Walk) -> Iterator[tuple[Call, tuple[Step, ...]]]:
    return (node for node in walked.nodes.values() if not node[0].chart.is_terminated)


@pytest.mark.parametrize("status", sorted(WALKS))
def test_every_reachable_configuration_ends_on_hangup(walks: dict[str, Walk], status: str) -> None:
    """From every configuration reached, a hang-up ends the call with EndCall last."""
    for call, steps in _live(_walk(walks, status)):
        branch = call.copy()
        branch.fire("hangup")
        _ends(branch, steps, "hangup")


@pytest.mark.parametrize("status", sorted(WALKS))
def test_every_reachable_configuration_ends_after_two_silences(
    walks: dict[str, Walk], status: str
) -> None:
    """From every configuration reached, at most two silences end the call."""
    for call, steps in _live(_walk(walks, status)):
        branch = call.copy()
        for _ in range(2):
            if not branch.chart.is_terminated:
                branch.fire("caller_away_timeout")
        _ends(branch, steps, "two silences")


@pytest.mark.parametrize("status", sorted(WALKS))
def test_transfer_results_end_the_call_or_fall_back(walks: dict[str, Walk], status: str) -> None:
    """Wherever telephony can report, success ends the call; failure falls back, then ends."""
    for call, steps in _live(_walk(walks, status)):
        allowed = call.chart.allowed_event_names()
        if "transfer_succeeded" in allowed:
            branch = call.copy()
            branch.fire("transfer_succeeded")
            _ends(branch, steps, "transfer_succeeded")
        if "transfer_failed" in allowed:
            branch = call.copy()
            branch.fire("transfer_failed")
            assert not branch.chart.is_terminated
            assert branch.chart.where() == "after_hours.taking_message"
            branch.fire("caller_away_timeout")
            branch.fire("caller_away_timeout")
            _ends(branch, steps, "transfer_failed then two silences")


def test_walk_enters_every_state(walks: dict[str, Walk]) -> None:
    """Across the office statuses, the walk enters every state the chart declares."""
    entered: set[str] = set()
    for status in WALKS:
        entered |= {dotted.rsplit(".", 1)[-1] for dotted in _walk(walks, status).entered}
    declared = {state.id for state in iterate_states(Reception.states)} - {"call"}
    assert declared - entered == set()


def test_report_visited_configurations(
    walks: dict[str, Walk], capsys: pytest.CaptureFixture[str]
) -> None:
    """The walk reports its size (configurations and edges) per office status."""
    sizes = {status: _walk(walks, status) for status in sorted(WALKS)}
    with capsys.disabled():
        for status, walked in sizes.items():
            print(
                f"\nchart walk {status}: {len(walked.nodes)} configurations, "
                f"{walked.edges} edges (depth {DEPTH}, {len(ALPHABET)} stimuli)"
            )
    assert all(len(walked.nodes) > 10 for walked in sizes.values())


def test_every_state_can_reach_ended_statically() -> None:
    """Read from the declaration: every non-final state has a path to `ended`."""
    stuck = [
        state.id
        for state in iterate_states(Reception.states)
        if not state.final and not any(s.final for s in visit_connected_states(state))
    ]
    assert stuck == []


CALL_WIDE = frozenset({"hangup", "caller_away_timeout", "caller_done", "error_execution"})
"""The exits declared once on `call`, which make the static check above trivially true."""


def test_every_state_can_reach_ended_without_the_call_wide_exits() -> None:
    """Even ignoring hang-up, silence, wrap-up and errors, every state has a way to `ended`."""
    by_id = {state.id: state for state in iterate_states(Reception.states)}

    def successors(state_id: str) -> set[str]:
        state = by_id[state_id]
        following = {
            target.id
            for transition in state.transitions
            if not (set(transition.event.split()) & CALL_WIDE)
            for target in transition.targets
        }
        following |= {child.id for child in state.states if child.initial}
        if state.parent is not None:
            following.add(state.parent.id)
        return following

    for state_id, state in by_id.items():
        if state.final:
            continue
        seen, frontier = {state_id}, [state_id]
        while frontier:
            for following in successors(frontier.pop()):
                if following not in seen:
                    seen.add(following)
                    frontier.append(following)
        assert "ended" in seen, state_id
