"""The chart's declaration as plain data, for static checks that can be shown to fail.

`Declaration.of(Reception)` copies what the chart declares: each state's parent,
initial child and finality, and each transition's source, events and targets.
Copies can then be cut (`without_events`, `without_exits`) to prove that a check
over them notices a state with no way out, without building a broken chart class.

A call rests only in leaf states. A leaf can take the transitions declared on it
and on each of its ancestors (that is how a compound state's transitions apply),
and entering a compound state enters its initial child, down to a leaf. That is
the whole step relation: a leaf never "steps up" to its parent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from statemachine.graph import iterate_states

__all__ = ["Declaration", "Move", "stuck_states"]


@dataclass(frozen=True)
class Move:
    """One declared transition: from a state, on events (none: eventless), to targets."""

    source: str
    events: frozenset[str]
    targets: tuple[str, ...]
    """Empty for a transition that answers in place."""


@dataclass(frozen=True)
class Declaration:
    """States and transitions of a chart, by state id."""

    parents: dict[str, str | None]
    initial: dict[str, str]
    """Each compound state's initial child."""
    finals: frozenset[str]
    moves: tuple[Move, ...]

    @classmethod
    def of(cls, chart: Any) -> Declaration:
        """Copy the declaration of a python-statemachine chart class."""
        states = list(iterate_states(chart.states))
        return cls(
            parents={s.id: s.parent.id if s.parent is not None else None for s in states},
            initial={s.id: child.id for s in states for child in s.states if child.initial},
            finals=frozenset(s.id for s in states if s.final),
            moves=tuple(
                Move(
                    t.source.id,
                    frozenset(t.event.split()) if t.event else frozenset(),
                    tuple(target.id for target in t.targets),
                )
                for s in states
                for t in s.transitions
                if not t.initial
            ),
        )

    def without_events(self, events: Iterable[str]) -> Declaration:
        """A copy without the transitions on any of `events`."""
        dropped = frozenset(events)
        return replace(self, moves=tuple(m for m in self.moves if not m.events & dropped))

    def without_exits(self, state: str) -> Declaration:
        """A copy in which `state` declares no transitions of its own."""
        return replace(self, moves=tuple(m for m in self.moves if m.source != state))

    def leaves(self) -> list[str]:
        """The states a call can rest in."""
        return sorted(state for state in self.parents if state not in self.initial)

    def _leaf(self, state: str) -> str:
        while state in self.initial:
            state = self.initial[state]
        return state

    def _lineage(self, state: str) -> list[str]:
        lineage: list[str] = []
        current: str | None = state
        while current is not None:
            lineage.append(current)
            current = self.parents[current]
        return lineage

    def successors(self, leaf: str) -> set[str]:
        """The leaves one declared transition can take a call in `leaf` to."""
        sources = set(self._lineage(leaf))
        return {
            self._leaf(target)
            for move in self.moves
            if move.source in sources
            for target in move.targets
        }


def stuck_states(declaration: Declaration) -> list[str]:
    """Leaves from which no sequence of declared transitions reaches a final state."""
    stuck = []
    for leaf in declaration.leaves():
        if leaf in declaration.finals:
            continue
        seen, frontier = {leaf}, [leaf]
        while frontier:
            for following in declaration.successors(frontier.pop()):
                if following not in seen:
                    seen.add(following)
                    frontier.append(following)
        if not seen & declaration.finals:
            stuck.append(leaf)
    return stuck
