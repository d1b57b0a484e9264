"""Writing views as DOT and Mermaid text, with an overlay styling edges, nodes and legend."""

from __future__ import annotations

import re

import pytest

from statecharts._diagram import FULL, OVERVIEW, chart_view, view_names
from statecharts._diagram_dot import to_dot
from statecharts._diagram_mermaid import to_mermaid
from statecharts._diagram_model import Overlay, Style

pytestmark = pytest.mark.unit

STORY_STATES = {"greeting", "triage", "claims", "mortgagee", "after_hours", "transfer", "ended"}
RED = Style(color="#d62728", width=3, note="step 2")


def _dot_nodes(text: str) -> set[str]:
    return set(re.findall(r'^\s+"([^"]+)" \[label=', text, flags=re.MULTILINE))


def _dot_edge_line(text: str, edge_id: str) -> str:
    (line,) = [line for line in text.splitlines() if f'id="e-{edge_id}"' in line]
    return line


def test_overview_dot_declares_only_the_story_states() -> None:
    """No node but the seven states of the call is drawn: the legend is the graph's label."""
    assert _dot_nodes(to_dot(chart_view(OVERVIEW))) == STORY_STATES


@pytest.mark.parametrize("name", view_names())
def test_every_edge_of_a_view_is_written(name: str) -> None:
    """DOT and Mermaid each write every edge of the view, once, between declared boxes."""
    view = chart_view(name)
    dot, mermaid = to_dot(view), to_mermaid(view)
    assert dot == to_dot(chart_view(name)), "deterministic"
    assert len(re.findall(r'\[id="e-', dot)) == len(view.edges)
    assert len(re.findall(r"^\s+\w+ -->", mermaid, flags=re.MULTILINE)) == len(view.edges)
    assert _dot_nodes(dot) == {n.id for n in view.nodes}


def test_ways_back_keep_the_story_order() -> None:
    """An edge against the story is written forward with its arrow turned, not reversed."""
    line = _dot_edge_line(to_dot(chart_view(OVERVIEW)), "mortgagee-_triage")
    assert line.lstrip().startswith('"triage" -> "mortgagee"')
    assert "dir=back" in line


def test_overlay_styles_one_edge_in_dot() -> None:
    """An overlay colours, widens and annotates the edge it names, and greys the others."""
    overlay = Overlay(
        edges={"triage->claims": RED}, default_edge=Style(color="#bbbbbb", dashed=True)
    )
    text = to_dot(chart_view(OVERVIEW), overlay)
    line = _dot_edge_line(text, "triage-_claims")
    assert 'color="#d62728"' in line
    assert "penwidth=3" in line
    assert 'label="report claim\\nstep 2"' in line
    other = _dot_edge_line(text, "greeting-_triage")
    assert 'color="#bbbbbb"' in other
    assert 'style="dashed"' in other


def test_overlay_styles_one_edge_in_mermaid() -> None:
    """An overlay becomes a linkStyle on the edge's index, and its note joins the label."""
    view = chart_view(OVERVIEW)
    index = [e.id for e in view.edges].index("triage->claims")
    text = to_mermaid(view, Overlay(edges={"triage->claims": RED}))
    assert f"    linkStyle {index} stroke:#d62728,stroke-width:3px" in text
    assert 'triage -->|"report claim<br/>step 2"| claims' in text


def test_overlay_marks_nodes_legend_items_and_adds_lines() -> None:
    """Nodes and legend items are styled by id; extra legend lines are written in both."""
    overlay = Overlay(
        nodes={"claims": RED},
        legend={"rule:call->ended": Style(color="#d62728")},
        lines=("red: the path of call 42",),
    )
    view = chart_view(OVERVIEW)
    dot, mermaid = to_dot(view, overlay), to_mermaid(view, overlay)
    (claims,) = [line for line in dot.splitlines() if line.lstrip().startswith('"claims" [')]
    assert 'color="#d62728"' in claims
    assert '<FONT COLOR="#d62728" POINT-SIZE="12">━━━━</FONT>  <B>hang-up' in dot
    assert "red: the path of call 42" in dot
    assert "style claims stroke:#d62728,stroke-width:3px" in mermaid
    assert "red: the path of call 42" in mermaid


def test_mermaid_ids_are_safe() -> None:
    """Dotted view ids become Mermaid-safe names; every frame is a subgraph."""
    view = chart_view(FULL)
    text = to_mermaid(view)
    assert "call_any_step" in text
    assert "call.any_step" not in text
    assert text.count("subgraph ") == len(view.frames)
    assert text.count("\n    end\n") + text.count("\n        end\n") == len(view.frames)


def test_frames_list_what_is_answered_in_place() -> None:
    """A detail view writes in-place answers under its "any step", not as loops."""
    text = to_dot(chart_view("claims"))
    assert "answered in place:" in text
    assert "carrier unknown" in text
    assert '"claims.any_step" -> "claims.any_step"' not in text


@pytest.mark.parametrize("name", ["triage", "claims", "mortgagee", "after_hours"])
def test_a_detail_view_is_not_framed(name: str) -> None:
    """A detail view's own state is named by its title, not drawn as a frame."""
    view = chart_view(name)
    dot, mermaid = to_dot(view), to_mermaid(view)
    assert "subgraph" not in dot
    assert "subgraph" not in mermaid
    assert f"{view.title}" in dot


def test_mermaid_never_uses_a_keyword_as_an_id() -> None:
    """A state named like a Mermaid keyword ("call", "end") gets a prefixed id."""
    text = to_mermaid(chart_view(FULL))
    assert 'subgraph s_call["' in text
    assert "style s_call " in text
