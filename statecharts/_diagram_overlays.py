"""What calls did, drawn over any view: one call's path, or how often many calls went each way.

Both are `Overlay`s over a `View`, built only from transition keys (what
`statecharts._retrace` reports a call took) and the view's own edges, nodes and
legend: nothing here names a state or an event of the chart.

- `path_overlay`: the transitions one call took, numbered in order on their edges
  and legend lines, the states it entered outlined, where it ended noted, and a
  numbered list of every step (with the event that fired it) in the legend, since
  some steps (inside a state, or answered in place) have no edge in a given view.
- `heat_overlay`: every edge coloured by how many calls (or scenarios, or tests) took
  any of its transitions, the ones none took dashed, and a key to the colours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from statecharts._diagram_chart import ChartTransition, Story
from statecharts._diagram_model import (
    Edge,
    LegendItem,
    NodeKind,
    Overlay,
    Style,
    Swatch,
    View,
)
from statecharts._diagram_views import condition
from statecharts._diagram_words import event_words

__all__ = [
    "HeatScale",
    "PathStep",
    "coverage_overlay",
    "heat_overlay",
    "heat_scale",
    "path_overlay",
    "path_steps",
]

PATH = "#d9480f"
"""The path's colour: a strong orange, apart from the diagrams' blue ink."""
_FADED = Style(color="#c5cdd8")
_ENTERED = 2.6
_TAKEN = 2.8
UNTAKEN = Style(color="#9aa5b4", width=1.2, dashed=True)
"""An edge no call took: thin, dashed, grey."""
_SCALE = ("#fdb863", "#f08a24", "#d94801", "#a63603", "#6b1d00")
"""Five steps from light orange to dark brown: darker and wider is more."""
_NAMES = ("light orange", "orange", "dark orange", "brown", "dark brown")
_WIDTHS = (1.6, 2.4, 3.2, 4.2, 5.4)


@dataclass(frozen=True, slots=True)
class PathStep:
    """One transition a call took, numbered in the call's order."""

    number: int
    key: str
    event: str | None
    """The event that fired it, or None for a move made by itself (after another)."""
    at: str = ""
    """Where the call was when the event came (dotted): where an in-place answer is given."""


def path_steps(
    taken: Sequence[tuple[str, str | None, Sequence[str]]], story: Story
) -> list[PathStep]:
    """Number each transition a call took; `taken` is (where, event, keys) per event.

    `where` is the state the call was in when the event came. An event can set off
    further, eventless transitions: those carry no event.
    """
    by_key = {t.key: t for t in story.transitions}
    steps: list[PathStep] = []
    for where, event, keys in taken:
        for key in keys:
            fired_by = event if event in by_key[key].events else None
            steps.append(PathStep(len(steps) + 1, key, fired_by, where))
    return steps


def _numbers(numbers: Sequence[int]) -> str:
    word = "step" if len(numbers) == 1 else "steps"
    return f"{word} {', '.join(str(n) for n in numbers)}"


def _boxes(view: View, story: Story, state: str) -> list[str]:
    """Ids of the boxes and frames that show `state` (dotted) or a state containing it.

    The most specific first: the state's own box, then its parents' (in a detail
    view, a state outside it shows as the entry or exit box of its top state).
    """
    chain: list[str] = []
    current: str | None = state.rsplit(".", maxsplit=1)[-1]
    while current is not None:
        chain.append(current)
        current = story.parents.get(current)
    ids = []
    for name in chain:
        ids += [n.id for n in view.nodes if n.state == name]
        ids += [f.id for f in view.frames if f.state == name]
    return ids


def _step_line(step: PathStep, t: ChartTransition, story: Story) -> str:
    if step.event is not None:
        what = event_words(step.event)
    else:
        when = condition(story, [t])
        what = "then" + (f" [{when}]" if when else "")
    leaf = step.at.rsplit(".", maxsplit=1)[-1]
    here = story.names.get(leaf, leaf)
    if t.target is None:
        return f"{step.number}. {what}: answered in place ({here})"
    # An event is taken wherever the call was (a compound's rule holds in any of its
    # steps); a move made by itself leaves the state that declares it.
    source = here if step.event is not None and step.at else story.names[t.source]
    return f"{step.number}. {what}: {source} → {story.names[t.target]}"


def path_overlay(
    view: View,
    story: Story,
    steps: Sequence[PathStep],
    entered: Sequence[str],
    *,
    ended_in: str,
    ending: str,
    ended: bool = True,
    title: str,
) -> Overlay:
    """One call drawn over `view`: its transitions numbered, its states outlined.

    Args:
        view: The view to draw on.
        story: The chart the view was built from.
        steps: The transitions the call took, numbered (`path_steps`).
        entered: The states it entered, dotted, in order.
        ended_in: Where the call was last (dotted).
        ending: How it ended, in words ("transfer to Brad (7007)").
        ended: Whether it ended (a call still in progress was last in `ended_in`).
        title: The first legend line ("Call 3f2a…, 24 Nov 2026 10:00").
    """
    by_key = {t.key: t for t in story.transitions}
    numbers: dict[str, list[int]] = {}
    for step in steps:
        for shown in view.find(step.key):
            numbers.setdefault(shown.id, []).append(step.number)
    edge_ids = {e.id for e in view.edges}
    edges = {
        i: Style(color=PATH, width=_TAKEN, note=_numbers(n))
        for i, n in numbers.items()
        if i in edge_ids
    }
    legend = {
        i: Style(color=PATH, note=_numbers(n)) for i, n in numbers.items() if i not in edge_ids
    }
    nodes: dict[str, Style] = {}
    for state in entered:
        for box in _boxes(view, story, state):
            nodes[box] = Style(color=PATH, width=_ENTERED)
    last = _boxes(view, story, ended_in)
    if last:
        nodes[last[0]] = Style(
            color=PATH, width=_ENTERED + 1, note=f"the call ended here: {ending}"
        )
    lines = (
        title,
        f"In orange, the way the call went ({len(steps)} steps); it ended: {ending}.",
        *(_step_line(step, by_key[step.key], story) for step in steps),
    )
    return Overlay(edges=edges, nodes=nodes, legend=legend, lines=lines, default_edge=_FADED)


@dataclass(frozen=True, slots=True)
class HeatScale:
    """Count ranges, each with its colour and width."""

    bounds: tuple[tuple[int, int], ...]
    """(lowest, highest) count of each step of the scale, in order."""

    def style(self, count: int, note: str | None = None) -> Style:
        """The style of an edge taken `count` times (at least once)."""
        for index, (_, high) in enumerate(self.bounds):
            if count <= high:
                return Style(color=_SCALE[index], width=_WIDTHS[index], note=note)
        return Style(color=_SCALE[-1], width=_WIDTHS[-1], note=note)


def heat_scale(most: int) -> HeatScale:
    """Up to five ranges from 1 to `most`, growing geometrically (most edges are rare)."""
    if most <= len(_SCALE):
        return HeatScale(tuple((n, n) for n in range(1, max(most, 1) + 1)))
    tops = sorted({max(1, round(most ** ((i + 1) / len(_SCALE)))) for i in range(len(_SCALE))})
    bounds, low = [], 1
    for top in tops:
        if top >= low:
            bounds.append((low, top))
            low = top + 1
    return HeatScale(tuple(bounds))


def _range(low: int, high: int, noun: str, plural: str) -> str:
    if low == high:
        return f"{low} {noun if low == 1 else plural}"
    return f"{low} to {high} {plural}"


def heat_overlay(
    view: View,
    takers: Mapping[str, frozenset[int]],
    *,
    total: int,
    noun: tuple[str, str] = ("call", "calls"),
    entered: Mapping[str, frozenset[int]] | None = None,
    title: str,
    notes: Sequence[str] = (),
) -> Overlay:
    """Every edge of `view` coloured by how many of `total` takers went along it.

    Args:
        view: The view to draw on.
        takers: For each transition key, which takers (calls, scenarios) took it.
        total: How many takers there are.
        noun: What a taker is, singular and plural.
        entered: For each state id, which takers entered it (noted on its box).
        title: The first legend line.
        notes: Further legend lines (calls that could not be followed, say).
    """
    one, many = noun

    def count(shown: Edge | LegendItem) -> int:
        who: set[int] = set()
        for t in shown.transitions:
            who |= takers.get(t.key, frozenset())
        return len(who)

    counts = {e.id: count(e) for e in view.edges}
    legend_counts = {i.id: count(i) for g in view.legend for i in g.items if i.transitions}
    scale = heat_scale(max([*counts.values(), *legend_counts.values(), 0]))

    def styled(n: int) -> Style:
        return scale.style(n, note=_range(n, n, one, many)) if n else UNTAKEN

    nodes = {}
    for node in view.nodes:
        who = (entered or {}).get(node.state)
        if who is not None and node.kind in (NodeKind.STATE, NodeKind.FINAL):
            nodes[node.id] = Style(note=_range(len(who), len(who), one, many))
    swatches = tuple(
        Swatch(scale.style(high), f"{_range(low, high, one, many)} ({_NAMES[i]})")
        for i, (low, high) in enumerate(scale.bounds)
    )
    return Overlay(
        edges={i: styled(n) for i, n in counts.items()},
        nodes=nodes,
        legend={i: styled(n) for i, n in legend_counts.items()},
        lines=(title, f"Each arrow is coloured by how many of the {total} {many} took it:"),
        swatches=(*swatches, Swatch(UNTAKEN, f"no {one} took it (dashed grey)")),
        after=tuple(notes),
    )


ASSERTED = Style(color="#2b8a3e", width=2.4)
"""Every transition the edge stands for was asserted by a test."""
PARTLY = Style(color="#e8a317", width=2.4)
"""Some of the edge's transitions were asserted, some not."""
UNASSERTED = Style(color="#e03131", width=2.4, dashed=True)
"""No test asserted where any of the edge's transitions leads."""


def coverage_overlay(
    view: View, asserted: frozenset[str], *, title: str, notes: Sequence[str] = ()
) -> Overlay:
    """Which edges tests asserted: green all, amber some, red dashed none of their transitions."""

    def styled(shown: Edge | LegendItem) -> Style:
        keys = {t.key for t in shown.transitions}
        done = keys & asserted
        if done == keys:
            return ASSERTED
        return PARTLY if done else UNASSERTED

    return Overlay(
        edges={e.id: styled(e) for e in view.edges},
        legend={i.id: styled(i) for g in view.legend for i in g.items if i.transitions},
        lines=(title,),
        swatches=(
            Swatch(ASSERTED, "a test asserted where each of its transitions leads (green)"),
            Swatch(PARTLY, "tests asserted some of its transitions, not all (amber)"),
            Swatch(UNASSERTED, "no test asserted any of its transitions (red, dashed)"),
        ),
        after=tuple(notes),
    )
