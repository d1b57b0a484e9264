"""The chart's structure as plain data, read from its declared transitions.

Every diagram view is built from this, never from a hand-drawn copy: python-statemachine
keeps each state's transitions (source, target, events, guards, actions) on the class,
and `Story.of(chart)` reads them once. A change to the chart shows up in every view on
the next render.

Two readings matter for readable pictures:

- The *story states*: the top-level states a caller moves through (greeting, triage,
  claims, ...), found as the children of the one compound state that holds the call,
  plus the top-level states beside it (ended).
- The *call-wide rules*: a transition declared on that compound holder, or the same
  transition (same events, target, guards and actions) declared from more than half of
  the story states. Those are drawn once, as a legend, instead of as an edge from
  every state. Nothing here lists event names: a new call-wide event is found by where
  it is declared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from statemachine import State, StateChart
from statemachine.transition import Transition

__all__ = ["ChartTransition", "Story", "declared_keys", "transition_key"]


@dataclass(frozen=True, slots=True)
class ChartTransition:
    """One transition as the chart declares it."""

    key: str
    """Stable id ("triage-report_claim->connecting[open_or_at_lunch]"), unique in the chart."""
    source: str
    """The state that declares it (a compound's transitions apply in any of its steps)."""
    target: str | None
    """The state it enters, or None when it is answered in place."""
    events: tuple[str, ...]
    """The events that fire it; empty when it fires by itself once its guards hold."""
    guards: tuple[tuple[str, bool], ...]
    """Guard names with the value each must have (False for an `unless` guard)."""
    actions: tuple[str, ...]
    """The chart's own actions on the way (not the library's naming conventions)."""

    @property
    def rule(self) -> tuple[object, ...]:
        """What it does, whichever state declares it: events, target, guards, actions."""
        return (self.events, self.target, self.guards, self.actions)


def _events(transition: Transition) -> tuple[str, ...]:
    names = [str(e) for e in transition.events]
    every = set(names)
    # python-statemachine registers "error.execution" beside "error_execution": keep one.
    return tuple(n for n in names if not ("." in n and n.replace(".", "_") in every))


def transition_key(transition: Transition) -> str:
    """The stable id of a declared transition, as `ChartTransition.key` has it.

    A listener's `on_transition(transition)` receives the transition taken; its key
    finds the edge that shows it on any view (`View.find`), which is how a call's
    path is drawn over a diagram.
    """
    source = transition.source.id
    target = transition.targets[0].id if transition.targets else None
    events = _events(transition)
    guards = [
        str(c.attr_name) if c.expected_value is not False else f"!{c.attr_name}"
        for c in transition.cond
    ]
    when = f"[{'&'.join(guards)}]" if guards else ""
    return f"{source}-{'/'.join(events) or 'auto'}->{target or 'here'}{when}"


def _walk(states: Sequence[State]) -> Iterator[State]:
    for state in states:
        yield state
        yield from _walk(list(state.states))


def _declared(chart: type[StateChart]) -> Iterator[tuple[State, Transition, str]]:  # type: ignore[type-arg]  # any chart
    """Every declared transition (compound states' initial entries aside) with its unique key."""
    keys: Counter[str] = Counter()
    for state in _walk(list(chart.states)):
        for t in state.transitions:
            if t.initial:
                continue
            key = transition_key(t)
            keys[key] += 1
            if keys[key] > 1:  # the same transition declared twice: keep both apart
                key = f"{key}#{keys[key]}"
            yield state, t, key


def declared_keys(chart: type[StateChart]) -> dict[int, str]:  # type: ignore[type-arg]  # any chart
    """The key of each declared transition object, by `id()`: what a listener sees, keyed.

    `transition_key` alone cannot tell apart a transition declared twice; this can.
    """
    return {id(t): key for _, t, key in _declared(chart)}


@dataclass(frozen=True, slots=True)
class Story:
    """The chart's states and transitions, with the story order the chart declares."""

    holder: str | None
    """The compound state that holds the whole call ("call"), if the chart has one."""
    story: tuple[str, ...]
    """Top-level states of the call in declaration order: the order of the story."""
    names: dict[str, str]
    """Display name of every state ("After hours")."""
    parents: dict[str, str | None]
    """Each state's parent state id."""
    children: dict[str, tuple[str, ...]]
    """Each state's sub-states in declaration order."""
    initial: dict[str, str]
    """Each compound state's initial sub-state."""
    finals: frozenset[str]
    """States that end the call."""
    transitions: tuple[ChartTransition, ...]
    """Every declared transition except compound states' implicit initial entries."""

    @classmethod
    def of(cls, chart: type[StateChart]) -> Story:  # type: ignore[type-arg]  # any chart
        """Read a chart class (it is never instantiated)."""
        tops = list(chart.states)
        holder = next((s for s in tops if s.initial and s.states and not s.final), None)
        story = [s.id for s in holder.states] if holder is not None else []
        story += [s.id for s in tops if s is not holder]
        names: dict[str, str] = {}
        parents: dict[str, str | None] = {}
        children: dict[str, tuple[str, ...]] = {}
        initial: dict[str, str] = {}
        transitions: list[ChartTransition] = []
        for state in _walk(tops):
            names[state.id] = str(state.name)
            parents[state.id] = state.parent.id if state.parent is not None else None
            children[state.id] = tuple(s.id for s in state.states)
            initial.update((state.id, t.targets[0].id) for t in state.transitions if t.initial)
        for state, t, key in _declared(chart):
            target = t.targets[0].id if t.targets else None
            guards = tuple((str(c.attr_name), c.expected_value is not False) for c in t.cond)
            actions = tuple(str(c.attr_name) for c in t.on if not c.is_convention)
            transitions.append(ChartTransition(key, state.id, target, _events(t), guards, actions))
        finals = frozenset(s.id for s in _walk(tops) if s.final)
        return cls(
            holder.id if holder is not None else None,
            tuple(story),
            names,
            parents,
            children,
            initial,
            finals,
            tuple(transitions),
        )

    def top(self, state: str) -> str:
        """The story state that contains `state` (the holder stays itself)."""
        current: str | None = state
        while current is not None and current not in self.story:
            current = self.parents[current]
        return current if current is not None else state

    def within(self, state: str, ancestor: str) -> bool:
        """Whether `state` is `ancestor` or one of its descendants."""
        current: str | None = state
        while current is not None:
            if current == ancestor:
                return True
            current = self.parents[current]
        return False

    def compounds(self) -> tuple[str, ...]:
        """Story states with steps of their own, in story order."""
        return tuple(s for s in self.story if self.children[s])

    def entry_leaf(self, state: str) -> str:
        """The simple state a call is in right after entering `state`."""
        while state in self.initial:
            state = self.initial[state]
        return state

    def family(self, transition: ChartTransition) -> tuple[ChartTransition, ...]:
        """Transitions from the same state on the same events, in the order tried."""
        return tuple(
            t
            for t in self.transitions
            if t.source == transition.source and t.events == transition.events
        )

    def call_wide(self) -> tuple[ChartTransition, ...]:
        """Transitions that hold anywhere in the call, in declaration order.

        Declared on the holder, or the same rule declared from more than half of the
        story states that do not end the call.
        """
        living = [s for s in self.story if s not in self.finals]
        spread: dict[tuple[object, ...], set[str]] = {}
        for t in self.transitions:
            spread.setdefault(t.rule, set()).add(self.top(t.source))
        wide = {rule for rule, tops in spread.items() if 2 * len(tops & set(living)) > len(living)}
        return tuple(t for t in self.transitions if t.source == self.holder or t.rule in wide)
