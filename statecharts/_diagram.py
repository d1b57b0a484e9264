"""The chart as pictures: an overview, a detail view per compound state, the full chart.

Every view is read from the chart class itself (`Story.of`), so a diagram can never
describe a different flow from the one the code runs, and a new state, event or
guard shows up on the next render. A view is a graph (`View`: nodes, frames, edges
with ids, legend) that the Mermaid and DOT writers turn into text; an `Overlay`
restyles any of its edges, nodes or legend items by id, which is how a call's path
or a heat map is drawn on any view. The text is deterministic, so the rendered
files in `docs/` can be checked for staleness byte for byte.
"""

from __future__ import annotations

from statemachine import StateChart

from statecharts._diagram_chart import Story
from statecharts._diagram_dot import to_dot
from statecharts._diagram_mermaid import to_mermaid
from statecharts._diagram_model import Overlay, View
from statecharts._diagram_views import detail_view, full_view, overview
from statecharts._reception import Reception

__all__ = [
    "FULL",
    "OVERVIEW",
    "UnknownViewError",
    "chart_dot",
    "chart_mermaid",
    "chart_view",
    "view_names",
]

OVERVIEW = "overview"
"""The default view: the story states and the transitions between them."""
FULL = "full"
"""Every state and every transition."""

Chart = type[StateChart]  # type: ignore[type-arg]  # any chart class


class UnknownViewError(ValueError):
    """A view name the chart has no view for, with the names it has."""


def view_names(chart: Chart = Reception) -> tuple[str, ...]:
    """The chart's views: the overview, one per compound state in story order, the full one."""
    return (OVERVIEW, *Story.of(chart).compounds(), FULL)


def chart_view(name: str = OVERVIEW, chart: Chart = Reception) -> View:
    """One view of the chart, as a graph."""
    story = Story.of(chart)
    if name == OVERVIEW:
        return overview(story)
    if name == FULL:
        return full_view(story)
    if name in story.compounds():
        return detail_view(story, name)
    choices = ", ".join(view_names(chart))
    msg = f"there is no view {name!r}: choose one of {choices}"
    raise UnknownViewError(msg)


def chart_mermaid(name: str = OVERVIEW, overlay: Overlay | None = None) -> str:
    """A view of the chart as a Mermaid flowchart."""
    return to_mermaid(chart_view(name), overlay)


def chart_dot(name: str = OVERVIEW, overlay: Overlay | None = None) -> str:
    """A view of the chart as Graphviz DOT."""
    return to_dot(chart_view(name), overlay)
