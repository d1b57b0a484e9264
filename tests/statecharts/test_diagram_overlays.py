"""Calls drawn over the chart's views: one call's numbered path, a heat map, test coverage."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from statecharts import Reception, default_agency
from statecharts._diagram import FULL, OVERVIEW, chart_view
from statecharts._diagram_chart import Story
from statecharts._diagram_dot import to_dot
from statecharts._diagram_mermaid import to_mermaid
from statecharts._diagram_overlays import (
    ASSERTED,
    PARTLY,
    PATH,
    UNASSERTED,
    UNTAKEN,
    coverage_overlay,
    heat_overlay,
    heat_scale,
    path_overlay,
    path_steps,
)
from statecharts._retrace import retrace

pytestmark = pytest.mark.unit

STORY = Story.of(Reception)
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


def _quote_overlay(view_name: str):
    trace = retrace(default_agency(), datetime(2026, 11, 24, 10, 0), QUOTE)
    wheres = ["greeting", *(s.where for s in trace.steps)]
    taken = [(w, s.event, s.taken) for w, s in zip(wheres, trace.steps, strict=False)]
    steps = path_steps(taken, STORY)
    entered = ["greeting", *(e for s in trace.steps for e in s.entered)]
    view = chart_view(view_name)
    overlay = path_overlay(
        view,
        STORY,
        steps,
        entered,
        ended_in="ended",
        ending="transfer to Brad (7007)",
        title="Call 42",
    )
    return view, steps, overlay


def test_path_steps_number_every_transition_and_name_what_fired_it() -> None:
    """Steps are numbered in order; a move made by itself carries no event."""
    _, steps, _ = _quote_overlay(OVERVIEW)
    assert [s.number for s in steps] == list(range(1, 8))
    assert [s.event for s in steps] == [
        "greeted",
        "request",
        "provide_details",
        "provide_details",
        None,
        None,
        "transfer_succeeded",
    ]
    assert steps[2].at == "triage.intake"


def test_a_path_numbers_its_edges_and_fades_the_rest() -> None:
    """Edges the call took carry their step numbers in the path's colour; others are faded."""
    view, _, overlay = _quote_overlay(OVERVIEW)
    assert overlay.edges["greeting->triage"].note == "step 1"
    assert overlay.edges["triage->transfer"].note == "step 6"
    assert overlay.edges["transfer->ended"].color == PATH
    assert "triage->claims" not in overlay.edges
    assert overlay.default_edge is not None
    assert overlay.default_edge.color != PATH
    dot = to_dot(view, overlay)
    assert 'label="greeted\\nstep 1"' in dot


def test_a_path_outlines_states_entered_and_notes_where_it_ended() -> None:
    """Every state entered is outlined; the last one says how the call ended."""
    _, _, overlay = _quote_overlay(OVERVIEW)
    assert set(overlay.nodes) == {"greeting", "triage", "transfer", "ended"}
    assert overlay.nodes["ended"].note == "the call ended here: transfer to Brad (7007)"


def test_a_path_lists_every_step_with_its_event_in_the_legend() -> None:
    """Steps without an edge in this view (in place, inside a state) are in the legend."""
    _, _, overlay = _quote_overlay(OVERVIEW)
    assert overlay.lines[0] == "Call 42"
    assert overlay.lines[2:] == (
        "1. greeted: Greeting → Triage",
        "2. request: Listening → Intake",
        "3. details given: answered in place (Intake)",
        "4. details given: answered in place (Intake)",
        "5. then [details complete]: Intake → Routing",
        "6. then [open, with a number to dial]: Routing → Transfer",
        "7. transfer connected: Transfer → Ended",
    )
    (in_place,) = [i for i, style in overlay.legend.items() if style.note == "steps 3, 4"]
    assert in_place.startswith("rule:call->")


def test_a_detail_view_outlines_the_exit_the_call_took() -> None:
    """In triage's view, the call's way out to Transfer and the end are outlined."""
    _, _, overlay = _quote_overlay("triage")
    assert {"listening", "intake", "routing", "to.transfer", "to.ended"} <= set(overlay.nodes)
    assert overlay.edges["routing->to.transfer"].note == "step 6"


def test_heat_scale_covers_every_count_in_at_most_five_ranges() -> None:
    """Small counts get a colour each; large ones geometric ranges from 1 to the most."""
    assert heat_scale(3).bounds == ((1, 1), (2, 2), (3, 3))
    bounds = heat_scale(1000).bounds
    assert len(bounds) <= 5
    assert bounds[0][0] == 1
    assert bounds[-1][1] == 1000
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(bounds))
    widths = [heat_scale(1000).style(high).width for _, high in bounds]
    assert widths == sorted(widths)


def test_heat_counts_each_taker_once_per_edge_and_dashes_untaken_edges() -> None:
    """An edge counts the takers of any of its transitions once; no taker gives a dashed edge."""
    view = chart_view(OVERVIEW)
    transfer = next(e for e in view.edges if e.id == "triage->transfer")
    keys = [t.key for t in transfer.transitions]
    takers = {keys[0]: frozenset({0, 1}), "greeting-greeted->triage": frozenset({0, 1, 2})}
    overlay = heat_overlay(
        view, takers, total=3, entered={"triage": frozenset({0, 1, 2})}, title="Stored calls: 3"
    )
    assert overlay.edges["triage->transfer"].note == "2 calls"
    assert overlay.edges["greeting->triage"].note == "3 calls"
    assert overlay.edges["triage->claims"] == UNTAKEN
    assert overlay.nodes["triage"].note == "3 calls"
    assert overlay.swatches[-1].style == UNTAKEN
    assert [s.text for s in overlay.swatches[:-1]] == [
        "1 call (light orange)",
        "2 calls (orange)",
        "3 calls (dark orange)",
    ]
    dot, mermaid = to_dot(view, overlay), to_mermaid(view, overlay)
    assert "no call took it (dashed grey)" in dot
    assert "╍╍ no call took it (dashed grey)" in mermaid


def test_coverage_marks_asserted_partly_and_unasserted_edges() -> None:
    """Green when every transition of an edge was asserted, amber for some, red for none."""
    view = chart_view(FULL)
    multi = next(e for e in view.edges if len(e.transitions) > 1)
    single = next(e for e in view.edges if len(e.transitions) == 1)
    asserted = frozenset({multi.transitions[0].key, single.transitions[0].key})
    overlay = coverage_overlay(view, asserted, title="Transitions the tests asserted")
    assert overlay.edges[single.id] == ASSERTED
    assert overlay.edges[multi.id] == PARTLY
    assert UNASSERTED in overlay.edges.values()
