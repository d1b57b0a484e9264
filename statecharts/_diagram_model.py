"""A diagram view as a graph: nodes, frames, edges with ids, and a legend.

Views (`_diagram_views.py`) build a `View` from the chart; writers
(`_diagram_dot.py`, `_diagram_mermaid.py`) turn a `View` into text. Between the two,
an `Overlay` can restyle any edge, node or legend item by id and add legend lines,
so a call's path (numbered steps) or a heat map (edge colour by count) is drawn on
any view without changing how views are built or written. Each edge and legend item
names the chart transitions it stands for (`ChartTransition.key`); `View.find`
answers "which edge shows this transition here".
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from statecharts._diagram_chart import ChartTransition

__all__ = [
    "Edge",
    "Frame",
    "LegendGroup",
    "LegendItem",
    "Node",
    "NodeKind",
    "Overlay",
    "Reason",
    "Style",
    "Swatch",
    "View",
]


_LINE = 30
"""Edge labels wrap past this many characters, so pictures stay narrow."""


class NodeKind(StrEnum):
    """What a node stands for, which decides how it is drawn."""

    STATE = "state"
    """A state of the call."""
    FINAL = "final"
    """A state that ends the call."""
    ANY_STEP = "any_step"
    """A compound state's own transitions, which hold in any of its steps, leave from here."""
    ENTRY = "entry"
    """At the left edge of a detail view: a state outside it that leads in."""
    EXIT = "exit"
    """At the right edge of a detail view: a state outside it that the call goes on to."""


@dataclass(frozen=True, slots=True)
class Node:
    """A box on the picture."""

    id: str
    label: str
    kind: NodeKind
    state: str
    """The chart state this node stands for."""
    frame: str | None = None
    """The frame (compound state) drawn around it."""
    notes: tuple[str, ...] = ()
    """Events answered in place while here, in words."""


@dataclass(frozen=True, slots=True)
class Frame:
    """A compound state drawn as a frame around its steps."""

    id: str
    label: str
    state: str
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Reason:
    """One event, with its guard, that moves a call along an edge."""

    event: str
    """The event in words ("report claim"; "after routing" for an automatic move)."""
    condition: str
    """The guard in words, empty when it always holds here."""
    transitions: tuple[ChartTransition, ...]
    """The chart transitions this reason stands for."""

    @property
    def text(self) -> str:
        """Event, then guard in brackets; a long one wraps, the guard under its event."""
        when = f"[{self.condition}]" if self.condition else ""
        line = " ".join(part for part in (self.event, when) if part)
        if len(line) <= _LINE:
            return line
        return "\n".join([*textwrap.wrap(self.event, _LINE), *textwrap.wrap(when, _LINE)])


@dataclass(frozen=True, slots=True)
class Edge:
    """An arrow between two boxes, with every reason a call takes it."""

    id: str
    source: str
    target: str
    reasons: tuple[Reason, ...]
    back: bool = False
    """Goes against the story's order: drawn without pulling the layout backwards."""

    @property
    def transitions(self) -> tuple[ChartTransition, ...]:
        """Every chart transition the edge stands for."""
        return tuple(t for r in self.reasons for t in r.transitions)

    @property
    def label(self) -> str:
        """One line per reason."""
        return "\n".join(r.text for r in self.reasons if r.text)


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One line of the legend: call-wide transitions with the same outcome."""

    id: str
    text: str
    transitions: tuple[ChartTransition, ...] = ()


@dataclass(frozen=True, slots=True)
class LegendGroup:
    """A heading ("Anywhere in the call") and its lines."""

    heading: str
    items: tuple[LegendItem, ...]


@dataclass(frozen=True, slots=True)
class View:
    """One picture of the chart."""

    name: str
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    frames: tuple[Frame, ...] = ()
    legend: tuple[LegendGroup, ...] = ()
    sinks: tuple[str, ...] = ()
    """Nodes kept at the right edge (Ended, exits)."""
    sources: tuple[str, ...] = ()
    """Nodes kept at the left edge (entries)."""
    fit_screen: bool = True
    """Scaled down, if need be, to fit a 1920 x 1056 screen (the full chart is not)."""

    @property
    def subject(self) -> Frame | None:
        """The compound state a detail view is about, which the view's title names."""
        return next((f for f in self.frames if f.id == self.name), None)

    def find(self, key: str) -> tuple[Edge | LegendItem, ...]:
        """The edges and legend items that show the chart transition `key` in this view."""
        found: list[Edge | LegendItem] = [
            e for e in self.edges if any(t.key == key for t in e.transitions)
        ]
        for group in self.legend:
            found += [i for i in group.items if any(t.key == key for t in i.transitions)]
        return tuple(found)


@dataclass(frozen=True, slots=True)
class Style:
    """How an overlay draws one edge, node or legend item."""

    color: str | None = None
    """A colour as `#rrggbb`."""
    width: float | None = None
    """Line width in points."""
    dashed: bool = False
    note: str | None = None
    """Extra text after the label ("1, 4" for step numbers, "12 calls" for a count)."""


@dataclass(frozen=True, slots=True)
class Swatch:
    """A key to an overlay's colours: a short stroke in a style, and what it means."""

    style: Style
    text: str


@dataclass(frozen=True, slots=True)
class Overlay:
    """Per-id styling drawn over a view, with lines added to its legend."""

    edges: Mapping[str, Style] = field(default_factory=dict)
    nodes: Mapping[str, Style] = field(default_factory=dict)
    """Keyed by node id (or frame id)."""
    legend: Mapping[str, Style] = field(default_factory=dict)
    """Keyed by legend item id."""
    lines: tuple[str, ...] = ()
    """Extra legend lines (what the colours mean, where the call ended)."""
    default_edge: Style | None = None
    """For every edge not in `edges` (a heat map greys out untaken edges this way)."""
    swatches: tuple[Swatch, ...] = ()
    """A key to the colours, after `lines`."""
    after: tuple[str, ...] = ()
    """Legend lines after the swatches."""
