"""An exhaustive walk of the reception chart: every reachable configuration has an exit.

A breadth-first search from the greeting fires every stimulus of a finite
alphabet (each public event with a few representative argument sets) wherever
it is legal, branching with a deep copy of the chart, until no new node appears
(or a generous depth bound). A node is the configuration together with what the
exits may depend on: the silence count, the caller's record (notes aside), the
routing target, the outcome so far and the messages stored. The walks run at each
office status, for the default agency and for the variants that open the paths
the default file closes: voicemail boxes, and a claims group with extensions.

Every edge is kept, so the promises are questions about the graph, costing no
further copies: from every live node a hang-up ends the call, two silences end
it, and telephony's transfer results end it or fall back to a message that two
silences end. The same promise is also checked on the chart's declaration,
ignoring the call-wide exits, with a check shown to fail when a state loses its
exits.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statemachine.graph import iterate_states

from statecharts import AgencyConfig, EndCall, Intent, Reception, Refusal
from tests.statecharts.chart_declaration import Declaration, stuck_states
from tests.statecharts.chart_driver import (
    AGENCY,
    CLAIMS_GROUP_AGENCY,
    HOLIDAY,
    LUNCH,
    OPEN,
    PHONE,
    SATURDAY,
    VOICEMAIL_AGENCY,
    Call,
    Saved,
    Step,
    snapshot,
)

pytestmark = pytest.mark.flow

MAX_DEPTH = 24
"""A safety bound only: every walk must reach its fixpoint (no new node) well before it."""

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
    ("hangup", {}),
]
"""Every public event, with argument sets that reach different configurations."""

HANGUP = ALPHABET.index(("hangup", {}))
SILENCE = ALPHABET.index(("caller_away_timeout", {}))
SUCCEEDED = ALPHABET.index(("transfer_succeeded", {}))
FAILED = ALPHABET.index(("transfer_failed", {"reason": "busy"}))

VOICEMAIL_AND_CLAIMS_LINES = VOICEMAIL_AGENCY.model_copy(
    update={"ring_groups": CLAIMS_GROUP_AGENCY.ring_groups}
)
"""Voicemail boxes and a claims group with extensions: every path the default closes, open."""

WALKS: dict[str, tuple[datetime, AgencyConfig]] = {
    "open": (OPEN, AGENCY),
    "open-claims-lines": (OPEN, VOICEMAIL_AND_CLAIMS_LINES),
    "lunch": (LUNCH, AGENCY),
    "closed-voicemail": (SATURDAY, VOICEMAIL_AND_CLAIMS_LINES),
    "holiday": (HOLIDAY, AGENCY),
}
"""Each office status that routes differently, with the agency variants that open paths."""

REACH_TELEPHONY = frozenset({"open", "open-claims-lines", "closed-voicemail"})
"""Walks that must reach a transfer or a voicemail (lunch, and a holiday without voicemail
boxes, never transfer: they take messages)."""

KNOWN = ("first_name", "last_name", "last_name_spelled", "phone_number", "business_name", "message")
"""Record fields whose presence the exits read (a complete intake, a complete message)."""

Key = tuple[object, ...]


def ended(messages: int) -> Key:
    """The node of an ended call: nothing leaves it, so only its stored messages count."""
    return ("ended", messages)


def is_ended(node: Key) -> bool:
    """Whether the node is an ended call."""
    return node[0] == "ended"


def messages(node: Key) -> int:
    """How many messages the call had stored on reaching the node."""
    return int(node[-1])  # type: ignore[call-overload]


def key(call: Call) -> Key:
    """A node: the configuration, and the caller's data the exits depend on.

    The data is what the guards read, abstracted so the graph stays finite and
    small: which details are known (not their values), the line of business,
    whether the need is a claim and the carrier line was offered, what kind of
    target routing chose, the outcome so far and how many messages are stored.
    """
    chart = call.chart
    if chart.is_terminated:
        return ended(len(call.messages))
    record = chart.record
    return (
        tuple(str(value) for value in chart.configuration_values),
        chart.away_count,
        tuple(bool(getattr(record, name)) for name in KNOWN),
        record.insurance_type,
        record.call_intent is Intent.CLAIMS,
        "claims.carrier_question" in chart.path,
        chart.target.kind.value if chart.target else None,
        chart.outcome.kind.value if chart.outcome else None,
        len(call.messages),
    )


@dataclass
class Walk:
    """The reachable graph at one instant, for one agency."""

    nodes: dict[Key, tuple[Saved, tuple[Step, ...]]] = field(default_factory=dict)
    """Each node found, saved, with the steps that first reached it."""
    edges: dict[Key, dict[int, Key]] = field(default_factory=dict)
    """From each live node, by stimulus index, the node it reached (refusals left out)."""
    entered: set[str] = field(default_factory=set)
    depth: int = 0
    """The longest shortest path from the greeting to a node."""

    def after(self, node: Key, *stimuli: int) -> Key | None:
        """Where a run of stimuli leads from `node`; None if one of them is refused there."""
        for stimulus in stimuli:
            if is_ended(node):
                return node
            following = self.edges[node].get(stimulus)
            if following is None:
                return None
            node = following
        return node

    def live(self) -> Iterator[tuple[Key, tuple[Step, ...]]]:
        """Every node whose call has not ended, with the steps that first reached it."""
        return ((node, steps) for node, (_, steps) in self.nodes.items() if not is_ended(node))


def _check_ending(call: Call, steps: tuple[Step, ...]) -> None:
    assert list(call.chart.configuration_values) == ["ended"], steps
    assert isinstance(call.effects[-1], EndCall), f"EndCall is not last after {steps}"
    assert sum(isinstance(effect, EndCall) for effect in call.effects) == 1, steps


def walk(at: datetime, config: AgencyConfig, max_depth: int = MAX_DEPTH) -> Walk:
    """Breadth-first over the alphabet from the greeting, to the fixpoint.

    One chart does all the work: before each stimulus it is rewound to the node
    being expanded (`Call.restore`), unless the last stimulus was refused or
    answered in place, so that the chart still stands for that node. Every ended
    branch is checked on the spot: one EndCall, and it is the last effect.
    """
    call = Call.start(at, config, greeted=False)
    found = Walk()
    first = key(call)
    found.nodes[first] = (call.save(), ())
    found.entered.update(call.chart.path)
    queue: deque[Key] = deque([first])
    while queue:
        here = queue.popleft()
        saved, steps = found.nodes[here]
        found.edges[here] = {}
        found.depth = max(found.depth, len(steps))
        if len(steps) >= max_depth:
            continue
        call.restore(saved)
        allowed = call.chart.allowed_event_names()
        moved = False
        for index, (event, arguments) in enumerate(ALPHABET):
            if event not in allowed:
                continue
            if moved:
                call.restore(saved)
            try:
                call.fire(event, **arguments)
            except Refusal:
                moved = False
                continue
            found.entered.update(call.chart.path)
            node = key(call)
            found.edges[here][index] = node
            moved = node != here  # an answer in place still stands for this node
            reached = (*steps, (event, arguments))
            if is_ended(node):
                _check_ending(call, reached)
            if node not in found.nodes:
                found.nodes[node] = (call.save(), reached)
                if not is_ended(node):
                    queue.append(node)
    return found


_WALKED: dict[str, Walk] = {}


@pytest.fixture(scope="module")
def walks() -> Iterator[dict[str, Walk]]:
    """The walks, computed once per module run, on first use."""
    yield _WALKED
    _WALKED.clear()


def _walk(walks: dict[str, Walk], name: str) -> Walk:
    if name not in walks:
        walks[name] = walk(*WALKS[name])
    return walks[name]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(WALKS))
def test_every_reachable_configuration_ends_on_hangup(walks: dict[str, Walk], name: str) -> None:
    """From every configuration reached, a hang-up ends the call with EndCall last."""
    walked = _walk(walks, name)
    for node, steps in walked.live():
        after = walked.after(node, HANGUP)
        assert after is not None, f"hangup was refused after {steps}"
        assert is_ended(after), f"hangup did not end the call after {steps}"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(WALKS))
def test_every_reachable_configuration_ends_after_two_silences(
    walks: dict[str, Walk], name: str
) -> None:
    """From every configuration reached, at most two silences end the call."""
    walked = _walk(walks, name)
    for node, steps in walked.live():
        after = walked.after(node, SILENCE, SILENCE)
        assert after is not None, f"a silence was refused after {steps}"
        assert is_ended(after), f"still on the line after two silences, after {steps}"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(WALKS))
def test_transfer_results_end_the_call_or_fall_back(walks: dict[str, Walk], name: str) -> None:
    """Wherever telephony can report, success ends the call; failure takes a message."""
    walked = _walk(walks, name)
    reported = 0
    for node, steps in walked.live():
        if SUCCEEDED in walked.edges[node]:
            reported += 1
            succeeded = walked.after(node, SUCCEEDED)
            assert succeeded is not None, steps
            assert is_ended(succeeded), steps
        if FAILED in walked.edges[node]:
            fallback = walked.after(node, FAILED)
            assert fallback is not None
            stored = messages(fallback) > messages(node)  # the caller had said it all already
            taking = not is_ended(fallback) and "taking_message" in fallback[0]
            assert stored or taking, f"a failed transfer took no message after {steps}"
            silent = walked.after(fallback, SILENCE, SILENCE)
            assert silent is not None, steps
            assert is_ended(silent), steps
    if name in REACH_TELEPHONY:
        assert reported, f"the {name} walk never reached a transfer or voicemail"


@pytest.mark.slow
def test_walks_enter_every_state_and_reach_their_fixpoint(
    walks: dict[str, Walk], capsys: pytest.CaptureFixture[str]
) -> None:
    """Together the walks enter every declared state; each stops because nothing new is left."""
    entered: set[str] = set()
    with capsys.disabled():
        for name in sorted(WALKS):
            walked = _walk(walks, name)
            entered |= {dotted.rsplit(".", 1)[-1] for dotted in walked.entered}
            edges = sum(len(out) for out in walked.edges.values())
            print(
                f"\nchart walk {name}: {len(walked.nodes)} nodes, {edges} edges, "
                f"depth {walked.depth} ({len(ALPHABET)} stimuli)"
            )
            assert walked.depth < MAX_DEPTH, f"the {name} walk was cut off at the depth bound"
    declared = {state.id for state in iterate_states(Reception.states)} - {"call"}
    assert declared - entered == set()


def test_the_claims_lines_walk_transfers_claims_live() -> None:
    """The variant with claims extensions really opens claims -> transfer (the default cannot)."""
    call = Call.start(OPEN, VOICEMAIL_AND_CLAIMS_LINES).run([("report_claim", {})])
    assert call.chart.where() == "transfer"
    assert call.transfers[0].target.group == "Claims"


# --- the same promise, read from the chart's declaration --------------------------------------

CALL_WIDE = frozenset(
    {"hangup", "caller_away_timeout", "caller_done", "call_time_limit", "error_execution"}
)
"""The exits declared once for the whole call (or every talking state): hang-up, silence,
wrap-up, the time limit and errors. Without them, each state must still have a way out."""


def test_every_state_can_reach_ended_without_the_call_wide_exits() -> None:
    """Even ignoring hang-up, silence, wrap-up, the time limit and errors, no state is stuck."""
    assert stuck_states(Declaration.of(Reception).without_events(CALL_WIDE)) == []


def test_every_state_can_reach_ended_with_every_exit() -> None:
    """With every transition, no state is stuck (the easier promise, for completeness)."""
    assert stuck_states(Declaration.of(Reception)) == []


@pytest.mark.parametrize("state", ["transfer", "in_writing", "certificate_emailed", "bank_answer"])
def test_the_reachability_check_fails_when_a_state_loses_its_exits(state: str) -> None:
    """A copy of the chart with one state's exits deleted: the check names that state."""
    broken = Declaration.of(Reception).without_events(CALL_WIDE).without_exits(state)
    assert state in stuck_states(broken)


def test_the_reachability_check_does_not_escape_through_a_parent() -> None:
    """A leaf takes its ancestors' transitions, but never steps up to a parent's initial child."""
    declaration = Declaration.of(Reception).without_events(CALL_WIDE)
    assert declaration.successors("transfer") == {"ended", "taking_message"}
    assert declaration.without_exits("transfer").successors("transfer") == set()
    assert "greeting" in declaration.leaves()


# --- the walk's rewinding is faithful ---------------------------------------------------------


def _replay(at: datetime, config: AgencyConfig, steps: list[Step]) -> Call:
    call = Call.start(at, config, greeted=False)
    for event, arguments in steps:
        with contextlib.suppress(Refusal):
            call.fire(event, **arguments)
    return call


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from(sorted(WALKS)),
    before=st.lists(st.sampled_from(ALPHABET), max_size=8),
    detour=st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=8),
    after=st.lists(st.sampled_from(ALPHABET), max_size=8),
)
def test_a_restored_call_behaves_as_if_the_detour_never_happened(
    name: str, before: list[Step], detour: list[Step], after: list[Step]
) -> None:
    """Save, wander off (even to the end of the call), restore, go on: the same as never leaving."""
    at, config = WALKS[name]
    call = _replay(at, config, before)
    saved = call.save()
    for event, arguments in detour:
        with contextlib.suppress(Refusal):
            call.fire(event, **arguments)
    call.restore(saved)
    for event, arguments in after:
        with contextlib.suppress(Refusal):
            call.fire(event, **arguments)
    fresh = _replay(at, config, before + after)
    assert snapshot(call.chart) == snapshot(fresh.chart)
    assert call.effects == fresh.effects
    assert call.chart.is_terminated == fresh.chart.is_terminated
