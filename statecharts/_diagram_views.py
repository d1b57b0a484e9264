"""The views of the chart: the overview, a detail view per compound state, and the full chart.

Each view is a `View` (nodes, frames, edges with ids, legend) built only from the
chart's declared transitions (`Story`):

- **overview**: the story states and the transitions between them, one edge per pair
  of states and event; call-wide rules in the legend.
- **detail** of a compound state: its steps and the transitions among them, entries
  from the states that lead in at the left, exits to the states it leads to at the
  right; what is answered in place listed in the state; call-wide rules in the legend.
- **full**: every state and every transition, call-wide ones included; in-place
  answers listed in their state rather than drawn as loops.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from statecharts._diagram_chart import ChartTransition, Story
from statecharts._diagram_model import (
    Edge,
    Frame,
    LegendGroup,
    LegendItem,
    Node,
    NodeKind,
    Reason,
    View,
)
from statecharts._diagram_words import RECOVERY_EVENTS, action_words, event_words, guard_words

__all__ = ["condition", "detail_view", "full_view", "overview"]

_ANY_STEP = ".any_step"
_IN_PLACE = "answered in place"
_MOST_NEGATED = 2
"""An "otherwise" that would negate more guards than this reads as "otherwise"."""
ANY_STEP_HELP = "from “any step of …”: taken in whichever step of that state the call is in"
OUTSIDE_HELP = "dashed boxes: the states a call comes from (left) and goes on to (right)"


def _all(guards: Iterable[tuple[str, bool]]) -> str:
    return " and ".join(guard_words(name, holds=holds) for name, holds in guards)


def _negated(t: ChartTransition) -> str:
    return " or ".join(guard_words(name, holds=not holds) for name, holds in t.guards)


def condition(story: Story, members: Sequence[ChartTransition]) -> str:
    """The guard in words under which one of `members` is taken; "" when always.

    Transitions from one state on one event are tried in declaration order, so the
    first unguarded one is the "otherwise" of those before it. When a group holds
    that "otherwise", it is taken unless one of the earlier transitions it lacks is:
    it reads as their negation ("no live transfer"), and as always when it lacks none.
    """
    phrases: list[str] = []
    families = dict.fromkeys(story.family(t) for t in members)
    for family in families:
        otherwise = next((t for t in family if not t.guards), None)
        if otherwise in members:
            assert otherwise is not None  # for mypy: `in members` already says so
            lacking = [o for o in family[: family.index(otherwise)] if o not in members]
            if not lacking:
                return ""
            phrases.append(
                ", ".join(_negated(o) for o in lacking)
                if len(lacking) <= _MOST_NEGATED
                else "otherwise"
            )
            continue
        taken = [t for t in family if t in members]
        common = [g for g in taken[0].guards if all(g in t.guards for t in family)]
        if len(taken) == len(family) and common:
            phrases.append(_all(common))
        else:
            phrases += [_all(t.guards) for t in taken]
    return " or ".join(dict.fromkeys(p for p in phrases if p))


def _event(story: Story, members: Sequence[ChartTransition], drawn_from: str) -> str:
    """The event in words; for an automatic transition, the step it follows."""
    named = dict.fromkeys(event_words(e) for t in members for e in t.events)
    if named:
        return " or ".join(named)
    after = dict.fromkeys(story.names[t.source].lower() for t in members if t.source != drawn_from)
    return f"after {' or '.join(after)}" if after else ""


def _group(
    story: Story,
    transitions: Iterable[ChartTransition],
    place: Callable[[ChartTransition], tuple[str, str] | None],
    order: Sequence[str],
) -> tuple[Edge, ...]:
    """One edge per pair of boxes, one reason per event on it, in declaration order.

    `order` is the boxes' order in the story: an edge from a later box to an earlier
    one is a way back.
    """
    pairs: dict[tuple[str, str], dict[tuple[str, ...], list[ChartTransition]]] = {}
    for t in transitions:
        where = place(t)
        if where is not None:
            pairs.setdefault(where, {}).setdefault(t.events, []).append(t)
    rank = {node: i for i, node in enumerate(order)}
    edges = []
    for (source, target), by_event in pairs.items():
        reasons = tuple(
            Reason(
                _event(story, members, source.removesuffix(_ANY_STEP)),
                condition(story, members),
                tuple(members),
            )
            for members in by_event.values()
        )
        back = rank.get(target, 0) < rank.get(source, 0)
        edges.append(Edge(f"{source}->{target}", source, target, reasons, back))
    return tuple(edges)


def _in_place(story: Story, members: Sequence[ChartTransition]) -> tuple[str, ...]:
    """In-place answers, one phrase per event, with the guard when there is one."""
    by_event: dict[tuple[str, ...], list[ChartTransition]] = {}
    for t in members:
        by_event.setdefault(t.events, []).append(t)
    phrases = []
    for events, ts in by_event.items():
        words = " or ".join(event_words(e) for e in events) or "automatically"
        when = condition(story, ts)
        doing = [w for t in ts for a in t.actions if (w := action_words(a))]
        phrases.append(
            words + (f" [{when}]" if when else "") + (f" ({', '.join(doing)})" if doing else "")
        )
    return tuple(phrases)


def _scope(story: Story, sources: Iterable[str]) -> str:
    names = []
    for s in dict.fromkeys(sources):
        top = story.top(s)
        names.append(story.names[s] if s == top else f"{story.names[top]} ({story.names[s]})")
    return "In " + ", ".join(names)


def legend(story: Story) -> tuple[LegendGroup, ...]:
    """The call-wide rules, once: grouped by where they hold, one line per outcome."""
    wide = story.call_wide()
    where: dict[tuple[object, ...], list[str]] = {}
    for t in wide:
        where.setdefault(t.rule, []).append(t.source)
    scopes: dict[tuple[str, ...], dict[str, list[ChartTransition]]] = {}
    for t in wide:
        scope = (t.source,) if t.source == story.holder else tuple(where[t.rule])
        outcome = _IN_PLACE if t.target is None else story.top(t.target)
        scopes.setdefault(scope, {}).setdefault(outcome, []).append(t)
    groups = []
    for scope, outcomes in scopes.items():
        heading = "Anywhere in the call" if scope == (story.holder,) else _scope(story, scope)
        items = []
        # Where the call goes first, then what is answered without moving.
        for outcome, ts in sorted(outcomes.items(), key=lambda item: item[0] == _IN_PLACE):
            # Each rule once: phrased from the first state that declares it.
            phrases = "; ".join(_in_place(story, [t for t in ts if t.source == scope[0]]))
            text = f"{phrases}: {outcome}" if outcome == _IN_PLACE else f"{phrases} → "
            text += "" if outcome == _IN_PLACE else story.names[outcome]
            target = "here" if outcome == _IN_PLACE else outcome
            items.append(LegendItem(f"rule:{'+'.join(scope)}->{target}", text, tuple(ts)))
        groups.append(LegendGroup(heading, tuple(items)))
    return tuple(groups)


def _recovery(story: Story) -> tuple[ChartTransition, ...]:
    """Transitions that move a call on when the caller cannot be understood."""
    return tuple(t for t in story.transitions if set(t.events) & RECOVERY_EVENTS)


def recovery_legend(story: Story) -> tuple[LegendGroup, ...]:
    """The recovery moves, once: from each step, where the call goes and when."""
    moves = _recovery(story)
    if not moves:
        return ()
    by_source: dict[str, list[ChartTransition]] = {}
    for t in moves:
        by_source.setdefault(t.source, []).append(t)
    items = []
    for source, ts in by_source.items():
        ways = []
        for t in ts:
            assert t.target is not None  # a recovery moves the call
            when = condition(story, [t])
            ways.append(story.names[t.target] + (f" [{when}]" if when else ""))
        items.append(LegendItem(f"recovery:{source}", f"{story.names[source]} → "
                                + "; else ".join(ways), tuple(ts)))  # fmt: skip
    heading = f"When the caller cannot be understood ({event_words(moves[0].events[0])})"
    return (LegendGroup(heading, tuple(items)),)


def _recovery_here(story: Story, state: str) -> tuple[LegendGroup, ...]:
    """The recovery moves from, or into, this state's steps."""

    def touches(item: LegendItem) -> bool:
        return any(
            story.within(t.source, state) or (t.target and story.within(t.target, state))
            for t in item.transitions
        )

    return tuple(
        LegendGroup(group.heading, tuple(i for i in group.items if touches(i)))
        for group in recovery_legend(story)
        if any(touches(i) for i in group.items)
    )


def overview(story: Story) -> View:
    """The story states and the transitions between them; call-wide rules as a legend."""
    wide = set(story.call_wide()) | set(_recovery(story))

    def place(t: ChartTransition) -> tuple[str, str] | None:
        if t in wide or t.target is None:
            return None
        source, target = story.top(t.source), story.top(t.target)
        return None if source == target else (source, target)

    nodes = tuple(
        Node(s, story.names[s], NodeKind.FINAL if s in story.finals else NodeKind.STATE, s)
        for s in story.story
    )
    edges = _group(story, story.transitions, place, story.story)
    finals = tuple(s for s in story.story if s in story.finals)
    first, last = story.names[story.story[0]], story.names[story.story[-1]]
    title = f"The call, from {first} to {last}"
    return View(
        "overview", title, nodes, edges, (), (*legend(story), *recovery_legend(story)), finals
    )


def _any_step(state: str) -> str:
    return f"{state}{_ANY_STEP}"


def _steps(
    story: Story, states: Sequence[str], transitions: Sequence[ChartTransition]
) -> tuple[list[Frame], list[Node]]:
    """Frames for compound states, nodes for simple ones, with their in-place answers."""
    frames: list[Frame] = []
    nodes: list[Node] = []
    declares = {t.source for t in transitions if t.target is not None}

    def add(s: str, frame: str | None) -> None:
        notes = _in_place(story, [t for t in transitions if t.source == s and t.target is None])
        if story.children[s]:
            # A compound state's own transitions hold in any of its steps: they leave from
            # its "any step", and what it answers in place is listed there.
            if s in declares or notes:
                label = f"any step of {story.names[s]}"
                nodes.append(Node(_any_step(s), label, NodeKind.ANY_STEP, s, s, notes))
            frames.append(Frame(s, story.names[s], s, frame))
            for child in story.children[s]:
                add(child, s)
        else:
            kind = NodeKind.FINAL if s in story.finals else NodeKind.STATE
            nodes.append(Node(s, story.names[s], kind, s, frame, notes))

    for s in states:
        add(s, None)
    return frames, nodes


def _reading(helps: Sequence[str]) -> tuple[LegendGroup, ...]:
    """How to read a view's notation, when it uses any."""
    items = tuple(LegendItem(f"help:{i}", text) for i, text in enumerate(helps))
    return (LegendGroup("Reading this view", items),) if items else ()


def detail_view(story: Story, state: str) -> View:
    """One compound state: its steps, how calls come in, and where they go next."""
    wide = set(story.call_wide()) | set(_recovery(story))
    mine = [t for t in story.transitions if t not in wide]
    frames, nodes = _steps(story, [state], mine)

    def drawn(s: str) -> str:
        return _any_step(s) if story.children[s] else s

    entries: dict[str, Node] = {}
    exits: dict[str, Node] = {}

    def place(t: ChartTransition) -> tuple[str, str] | None:
        if t.target is None:
            return None
        inside, goes_in = story.within(t.source, state), story.within(t.target, state)
        if inside and goes_in:
            return drawn(t.source), story.entry_leaf(t.target)
        if inside:
            top = story.top(t.target)
            kind = NodeKind.FINAL if top in story.finals else NodeKind.EXIT
            exits.setdefault(top, Node(f"to.{top}", story.names[top], kind, top))
            return drawn(t.source), f"to.{top}"
        if goes_in:
            top = story.top(t.source)
            entries.setdefault(top, Node(f"from.{top}", story.names[top], NodeKind.ENTRY, top))
            return f"from.{top}", story.entry_leaf(t.target)
        return None

    placed = {t.key: place(t) for t in mine}
    ordered_exits = [exits[s] for s in story.story if s in exits]
    ordered_entries = [entries[s] for s in story.story if s in entries]
    edges = _group(story, mine, lambda t: placed[t.key], ())
    helps = [OUTSIDE_HELP] if entries or exits else []
    helps += [ANY_STEP_HELP] if any(n.kind is NodeKind.ANY_STEP for n in nodes) else []
    return View(
        state,
        f"{story.names[state]}, step by step",
        (*ordered_entries, *nodes, *ordered_exits),
        edges,
        tuple(frames),
        (*legend(story), *_recovery_here(story, state), *_reading(helps)),
        sinks=tuple(n.id for n in ordered_exits),
        sources=tuple(n.id for n in ordered_entries),
    )


def full_view(story: Story) -> View:
    """Every state and every transition; in-place answers listed in their state."""
    tops = [story.holder] if story.holder is not None else []
    tops += [s for s in story.story if story.parents[s] is None and s not in tops]
    frames, nodes = _steps(story, tops, story.transitions)

    def place(t: ChartTransition) -> tuple[str, str] | None:
        if t.target is None:
            return None
        source = _any_step(t.source) if story.children[t.source] else t.source
        return source, story.entry_leaf(t.target)

    edges = _group(story, story.transitions, place, [n.id for n in nodes])
    finals = tuple(s for s in story.story if s in story.finals)
    return View(
        "full",
        "Every state and transition",
        tuple(nodes),
        edges,
        tuple(frames),
        _reading([ANY_STEP_HELP]),
        finals,
        fit_screen=False,
    )
