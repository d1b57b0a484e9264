"""The chart's engine: python-statemachine's own, with its transition search indexed.

python-statemachine 3.2 selects transitions by scanning, for every event, every
transition of every active state and of its ancestors, asking each whether its
event name matches (`Events.match` splits both names on dots every time), and
does the same scan twice more per event for eventless transitions. Which
transitions a state *could* take on an event name is fixed when the chart class
is built, so this engine works that list out once per (state, event name) and
keeps it; only the guards are evaluated per event, in the library's own order.
Everything else (guards, callbacks, exit and entry, conflicts, errors, queues)
is the library's code unchanged.
"""

from __future__ import annotations

import weakref
from itertools import chain
from typing import Any

from statemachine.engines.sync import SyncEngine
from statemachine.event_data import TriggerData
from statemachine.orderedset import OrderedSet
from statemachine.state import State
from statemachine.transition import Transition

__all__ = ["IndexedEngine", "candidate_transitions"]

_Candidates = tuple[Transition, ...]
_INDEX: weakref.WeakKeyDictionary[type, dict[tuple[State, str | None], _Candidates]] = (
    weakref.WeakKeyDictionary()
)
"""Per chart class: (atomic state, event name or None for eventless) -> candidates."""


def candidate_transitions(chart_class: type, state: State, event: str | None) -> _Candidates:
    """The transitions `state` may take on `event` (None: eventless), in the library's order.

    The library's order is the state's own transitions, then each ancestor's, in
    declaration order, skipping a compound state's initial entry; the first whose
    guards pass is taken. Matching an event name is the library's own
    `Transition.match`, so dotted names and wildcards mean what they meant.
    """
    index = _INDEX.get(chart_class)
    if index is None:
        index = _INDEX.setdefault(chart_class, {})
    key = (state, event)
    found = index.get(key)
    if found is None:
        found = tuple(
            transition
            for source in chain([state], state.ancestors())
            for transition in source.transitions
            if not transition.initial
            and (transition.is_eventless if event is None else transition.match(event))
        )
        index[key] = found
    return found


class IndexedEngine(SyncEngine):
    """`SyncEngine`, selecting transitions from the per-state index instead of a scan."""

    def select_eventless_transitions(self, trigger_data: TriggerData) -> OrderedSet[Transition]:
        """The eventless transitions enabled now (the library's `_select_transitions`)."""
        return self._select_from_index(trigger_data, None)

    def select_transitions(self, trigger_data: TriggerData) -> OrderedSet[Transition]:
        """The transitions `trigger_data`'s event enables now."""
        event: Any = trigger_data.event
        return self._select_from_index(trigger_data, None if event is None else str(event))

    def _select_from_index(
        self, trigger_data: TriggerData, event: str | None
    ) -> OrderedSet[Transition]:
        enabled = OrderedSet[Transition]()
        for candidates in _candidates_in(self.sm, event):
            for transition in candidates:
                if self._conditions_match(transition, trigger_data):
                    enabled.add(transition)
                    break
        if not enabled:
            return enabled
        return self._filter_conflicting_transitions(enabled)


_BY_CONFIGURATION: weakref.WeakKeyDictionary[
    type, dict[tuple[tuple[State, ...], str | None], tuple[_Candidates, ...]]
] = weakref.WeakKeyDictionary()
"""Per chart class: (active configuration, event) -> each atomic state's candidates."""


def _candidates_in(chart: Any, event: str | None) -> tuple[_Candidates, ...]:
    """The candidates of each active atomic state, in configuration order, none empty."""
    chart_class = type(chart)
    index = _BY_CONFIGURATION.get(chart_class)
    if index is None:
        index = _BY_CONFIGURATION.setdefault(chart_class, {})
    configuration = tuple(chart.configuration)
    key = (configuration, event)
    found = index.get(key)
    if found is None:
        found = tuple(
            candidates
            for state in configuration
            if state.is_atomic
            for candidates in (candidate_transitions(chart_class, state, event),)
            if candidates
        )
        index[key] = found
    return found
