"""The chart's views: overview, detail per compound state, full; all read from the chart."""

from __future__ import annotations

from datetime import datetime

import pytest
from statemachine import State, StateChart
from statemachine.transition import Transition

from statecharts import Reception, default_agency
from statecharts._diagram import FULL, OVERVIEW, UnknownViewError, chart_view, view_names
from statecharts._diagram_chart import Story, transition_key
from statecharts._diagram_model import NodeKind
from statecharts._diagram_views import condition
from statecharts._diagram_words import GUARD_WORDS

pytestmark = pytest.mark.unit

STORY = Story.of(Reception)
STORY_STATES = ("greeting", "triage", "claims", "mortgagee", "after_hours", "transfer", "ended")


def _key(source: str, target: str | None, event: str = "") -> str:
    """The key of the one declared transition from `source` to `target` on `event`."""
    found = [
        t.key
        for t in STORY.transitions
        if t.source == source and t.target == target and t.events == ((event,) if event else ())
    ]
    assert len(found) == 1, found
    return found[0]


def test_every_guard_of_the_chart_has_words() -> None:
    """Each guard the chart declares has agency words for diagrams (add them to GUARD_WORDS)."""
    guards = {name for t in STORY.transitions for name, _holds in t.guards}
    assert guards, "the chart declares guards"
    assert sorted(guards - set(GUARD_WORDS)) == []


def test_story_states_are_read_in_declaration_order() -> None:
    """The story is the holder's children then the states beside it, as the chart declares."""
    assert STORY.holder == "call"
    assert STORY.story == STORY_STATES
    assert STORY.compounds() == ("triage", "claims", "mortgagee", "after_hours")


def test_call_wide_rules_are_found_by_where_they_are_declared() -> None:
    """Rules on the holder, or declared from most story states, are call-wide; others are not."""
    wide = {e for t in STORY.call_wide() for e in t.events}
    assert {"hangup", "caller_away_timeout", "error_execution", "call_time_limit"} <= wide
    assert {"caller_done", "ask_hours", "ask_services", "redirect"} <= wide
    assert not {"report_claim", "greeted", "leave_message", "transfer_failed"} & wide


def test_overview_draws_the_seven_states_and_nothing_else() -> None:
    """The overview's boxes are exactly the story states: no helper node, Ended at the right."""
    view = chart_view(OVERVIEW)
    assert tuple(n.id for n in view.nodes) == STORY_STATES
    assert not view.frames
    assert view.sinks == ("ended",)
    assert all(e.source in STORY_STATES and e.target in STORY_STATES for e in view.edges)


def test_overview_has_at_most_twenty_edges_and_no_call_wide_one() -> None:
    """Call-wide rules are not edges from every state: the overview stays small."""
    view = chart_view(OVERVIEW)
    wide = set(STORY.call_wide())
    assert len(view.edges) <= 20
    assert all(e.source != e.target for e in view.edges)
    assert not [t for e in view.edges for t in e.transitions if t in wide]


def test_overview_shows_every_move_between_story_states() -> None:
    """Each non-call-wide move between story states is an edge, or a recovery in the legend."""
    view = chart_view(OVERVIEW)
    drawn = {t.key for e in view.edges for t in e.transitions}
    drawn |= {t.key for g in view.legend for i in g.items for t in i.transitions}
    wide = set(STORY.call_wide())
    moves = [
        t
        for t in STORY.transitions
        if t not in wide and t.target and STORY.top(t.source) != STORY.top(t.target)
    ]
    assert moves
    assert [t.key for t in moves if t.key not in drawn] == []


def test_overview_labels_speak_the_agency_words() -> None:
    """Edges carry the event and the guard in words, with "otherwise" made explicit."""
    reasons = {
        e.id: [(r.event, r.condition) for r in e.reasons] for e in chart_view(OVERVIEW).edges
    }
    assert reasons["greeting->triage"] == [("greeted", "")]
    assert reasons["triage->transfer"] == [("after routing", "open, with a number to dial")]
    assert ("after routing", "no live transfer") in reasons["triage->after_hours"]
    assert reasons["triage->claims"] == [("report claim", "")]
    assert reasons["triage->ended"] == [("Spanish speaker", "no Spanish speaker free")]


def test_long_labels_wrap_with_the_guard_under_its_event() -> None:
    """A reason too long for one line puts its guard on the next, so pictures stay narrow."""
    edge = next(e for e in chart_view(OVERVIEW).edges if e.id == "triage->transfer")
    assert edge.label == "after routing\n[open, with a number to dial]"
    assert next(e for e in chart_view(OVERVIEW).edges if e.id == "transfer->ended").label == (
        "transfer connected"
    )


def test_legend_states_the_call_wide_rules_once() -> None:
    """Hang-up, silence twice, errors, the time limit and in-place answers are in the legend."""
    groups = chart_view(OVERVIEW).legend
    text = "\n".join(f"{g.heading}: {i.text}" for g in groups for i in g.items)
    assert "Anywhere in the call: hang-up; silence [twice]" in text
    assert "error (what the caller left is kept)" in text
    assert "time limit (what the caller left is kept)" in text
    assert "hours; services; asked to repeat; off-topic question: answered in place" in text
    assert "caller done → Ended" in text
    assert text.count("hang-up") == 1


@pytest.mark.parametrize("state", ["triage", "claims", "mortgagee", "after_hours"])
def test_detail_view_draws_the_state_its_steps_entries_and_exits(state: str) -> None:
    """A detail view has the state's steps in its frame, entries at left, exits at right."""
    view = chart_view(state)
    steps = {n.id for n in view.nodes if n.frame == state and n.kind is NodeKind.STATE}
    assert steps == set(STORY.children[state])
    assert [f.id for f in view.frames] == [state]
    ids = {n.id for n in view.nodes}
    assert all(e.source in ids and e.target in ids for e in view.edges)
    assert all(e.source != e.target for e in view.edges), "in-place answers are not loops"
    assert view.sinks
    assert set(view.sinks) <= ids
    outside = [n for n in view.nodes if n.kind in (NodeKind.ENTRY, NodeKind.EXIT)]
    assert all(n.state in STORY_STATES and n.label == STORY.names[n.state] for n in outside)
    assert view.legend[0].heading == "Anywhere in the call"


@pytest.mark.parametrize("state", ["triage", "claims", "mortgagee", "after_hours"])
def test_detail_view_shows_every_transition_of_its_state(state: str) -> None:
    """Every non-call-wide transition into, within or out of the state is an edge or a note."""
    view = chart_view(state)
    drawn = {t.key for e in view.edges for t in e.transitions}
    drawn |= {t.key for g in view.legend for i in g.items for t in i.transitions}
    wide = set(STORY.call_wide())
    for t in STORY.transitions:
        inside = STORY.within(t.source, state)
        touches = inside or (t.target is not None and STORY.within(t.target, state))
        if t in wide or not touches:
            continue
        if t.target is None:
            notes = [n for node in view.nodes for n in node.notes]
            assert any(
                n.startswith(" or ".join(e.replace("_", " ") for e in t.events)) for n in notes
            )
        else:
            assert t.key in drawn, t.key


def test_in_place_answers_are_listed_once_in_their_state() -> None:
    """Claims lists what it answers without moving under its "any step", not as loops."""
    view = chart_view("claims")
    anywhere = next(n for n in view.nodes if n.kind is NodeKind.ANY_STEP)
    assert "carrier unknown" in anywhere.notes
    assert any(n.startswith("request callback [message already taken]") for n in anywhere.notes)


def test_full_view_draws_every_transition() -> None:
    """The full view has every declared transition with a target as an edge."""
    view = chart_view(FULL)
    drawn = {t.key for e in view.edges for t in e.transitions}
    assert {t.key for t in STORY.transitions if t.target} == drawn
    assert {f.id for f in view.frames} == {"call", *STORY.compounds()}


def test_views_are_named_after_the_compound_states() -> None:
    """The views are the overview, one per compound state in story order, and the full chart."""
    assert view_names() == (OVERVIEW, "triage", "claims", "mortgagee", "after_hours", FULL)
    with pytest.raises(UnknownViewError, match="choose one of overview, triage"):
        chart_view("greeting")


def test_a_transition_is_found_on_any_view() -> None:
    """`View.find` names the edge that shows a declared transition (the overlay seam)."""
    key = _key("routing", "transfer")
    (overview_edge,) = chart_view(OVERVIEW).find(key)
    assert overview_edge.id == "triage->transfer"
    (detail_edge,) = chart_view("triage").find(key)
    assert detail_edge.id == "routing->to.transfer"
    (legend_item,) = chart_view(OVERVIEW).find(_key("call", "ended", "hangup"))
    assert legend_item.id == "rule:call->ended"


def test_otherwise_reads_as_the_negation_of_what_came_before() -> None:
    """An unguarded transition reads as the negation of those before it; a whole family, always."""
    routing = [t for t in STORY.transitions if t.source == "routing"]
    assert condition(STORY, routing[2:]) == "no live transfer, no voicemail box"
    assert condition(STORY, routing[1:]) == "no live transfer"
    assert condition(STORY, routing) == ""
    assert condition(STORY, routing[:1]) == "open, with a number to dial"


class Toy(StateChart):  # type: ignore[type-arg]  # a chart drawn, never run
    """A small chart with a call-wide event and a guard the words table does not know."""

    class call(State.Compound):  # noqa: N801 - state ids are the class names
        """The call while the caller is on the line."""

        hello = State(initial=True)

        class help(State.Compound):  # noqa: N801 - state ids are the class names
            """A state with steps of its own."""

            ask = State(initial=True)
            answer = State()
            ask.to(answer, cond="knows_the_answer")

        bye = State()
        greeted = hello.to(help)
        done = help.to(bye)
        caller_unclear = hello.to(None) | help.to(None) | bye.to(None)

    ended = State(final=True)
    hangup = call.to(ended)
    finished = call.bye.to(ended)


def test_a_new_call_wide_event_joins_the_legend_without_code_changes() -> None:
    """An event declared from every talking state is found and listed once in the legend."""
    view = chart_view(OVERVIEW, Toy)
    text = [i.text for g in view.legend for i in g.items]
    assert "not understood: answered in place" in text
    assert "hang-up → Ended" in text
    assert {e.id for e in view.edges} == {"hello->help", "help->bye", "bye->ended"}
    assert view_names(Toy) == (OVERVIEW, "help", FULL)


def test_a_guard_without_words_still_renders() -> None:
    """A guard missing from the words table is drawn as its name in words, never an error."""
    view = chart_view("help", Toy)
    assert any("[knows the answer]" in e.label for e in view.edges)


class _PathRecorder:
    """Keeps the key of every transition a call takes, as a diagram overlay would."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def on_transition(self, transition: Transition) -> None:
        if not transition.initial:
            self.keys.append(transition_key(transition))


def test_a_calls_path_maps_onto_the_overview() -> None:
    """The transitions a real call takes are found on the overview's edges, in order."""
    recorder = _PathRecorder()
    call = Reception(default_agency(), datetime(2026, 11, 24, 10, 0), listeners=[recorder])
    call.fire("greeted")
    call.fire("report_claim")
    view = chart_view(OVERVIEW)
    shown = [item.id for key in dict.fromkeys(recorder.keys) for item in view.find(key)]
    assert shown == ["greeting->triage", "triage->claims", "claims->after_hours"]


def test_recovery_moves_are_listed_once_in_the_legend_not_drawn() -> None:
    """What happens to a caller nobody can understand is one legend group, by step."""
    view = chart_view(OVERVIEW)
    assert not any("out of patience" in r.event for e in view.edges for r in e.reasons)
    group = next(g for g in view.legend if g.heading.startswith("When the caller cannot"))
    text = {i.text for i in group.items}
    assert "Intake → Routing" in text
    listening = next(t for t in text if t.startswith("Listening"))
    assert listening.startswith("Listening → Ended [already answered]; else Intake [office open]")
    triage = chart_view("triage")
    here = next(g for g in triage.legend if g.heading.startswith("When the caller cannot"))
    assert all(not i.text.startswith("Carrier") for i in here.items)  # claims' own steps
