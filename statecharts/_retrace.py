"""Following a recorded call through the chart again: which transitions each event took.

A call's record keeps its events (with their arguments) and the states it entered,
not which declared transition fired: a diagram of the call, a heat map over many
calls and a replay all need that. `Retrace` re-fires the recorded events, one at a
time, on a fresh chart built with the same agency, office time and caller number,
and reports for each event the transitions taken (by the diagrams' keys), the
states entered, the configuration after it, and the lines the receptionist was
given to say. Nothing here names an event or a state: it is all read from the
chart as it runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from statemachine.transition import Transition

from statecharts._agency import AgencyConfig
from statecharts._diagram_chart import declared_keys
from statecharts._effects import Outcome, Say
from statecharts._events import Refusal
from statecharts._reception import PUBLIC_EVENTS, Reception

__all__ = ["Retrace", "Step", "Trace", "retrace", "unknown_states", "where_of"]

_KEYS = declared_keys(Reception)


class _Taken:
    """Listens to the chart: the key of every transition it takes, in order."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def after_transition(self, transition: Transition) -> None:
        key = _KEYS.get(id(transition))
        if key is not None:  # the chart's own start is no declared transition
            self.keys.append(key)


@dataclass(frozen=True, slots=True)
class Step:
    """One recorded event fired again, and what the chart did with it."""

    event: str
    arguments: Mapping[str, Any]
    taken: tuple[str, ...] = ()
    """The keys of the transitions taken, eventless ones after it included, in order."""
    entered: tuple[str, ...] = ()
    """The states entered, dotted ("triage.intake"), in order."""
    configuration: tuple[str, ...] = ()
    """The active state ids after the event, as a call's record keeps them."""
    where: str = ""
    """The innermost active state after the event, dotted."""
    said: tuple[str, ...] = ()
    """What the receptionist was given to say, word for word."""
    refused: str | None = None
    """Why the chart refused the event (it then changed nothing), or None."""


@dataclass(slots=True)
class Trace:
    """A whole call retraced: the lines said before the first event, then each step."""

    opening: tuple[str, ...]
    steps: list[Step] = field(default_factory=list)
    outcome: Outcome | None = None
    ended: bool = False

    @property
    def taken(self) -> tuple[str, ...]:
        """Every transition taken, in order."""
        return tuple(key for step in self.steps for key in step.taken)

    @property
    def refusal(self) -> Step | None:
        """The first refused step, if any."""
        return next((step for step in self.steps if step.refused is not None), None)


class Retrace:
    """A fresh chart for one recorded call, fed its events one at a time."""

    def __init__(
        self,
        config: AgencyConfig,
        at: datetime,
        *,
        caller_number: str | None = None,
        read_back_phone: bool = False,
    ) -> None:
        self._taken = _Taken()
        self.chart = Reception(
            config,
            at,
            caller_number=caller_number,
            read_back_phone=read_back_phone,
            listeners=[self._taken],
        )
        self.opening = self._said()
        """What the receptionist says before any event (the greeting)."""

    def _said(self) -> tuple[str, ...]:
        return tuple(e.text for e in self.chart.take_effects() if isinstance(e, Say))

    def fire(self, event: str, arguments: Mapping[str, Any]) -> Step:
        """Fire one recorded event; a refusal is reported in the step, never raised.

        An event that is not one of the chart's public events is the shell's report
        of a failure (the orchestrator records it under its own name): the chart ends
        the call the way it ends any failed call.
        """
        chart = self.chart
        self._taken.keys.clear()
        before = len(chart.path)
        try:
            if event in PUBLIC_EVENTS:
                chart.fire(event, **arguments)
            else:
                chart.fail(RuntimeError(f"the recorded call failed here ({event})"))
        except Refusal as refusal:
            return Step(
                event,
                dict(arguments),
                configuration=tuple(chart.configuration_values),
                where=chart.where(),
                refused=str(refusal),
            )
        return Step(
            event,
            dict(arguments),
            taken=tuple(self._taken.keys),
            entered=tuple(chart.path[before:]),
            configuration=tuple(str(s) for s in chart.configuration_values),
            where=chart.where(),
            said=self._said(),
        )


def retrace(
    config: AgencyConfig,
    at: datetime,
    events: Iterable[tuple[str, Mapping[str, Any]]],
    *,
    caller_number: str | None = None,
    read_back_phone: bool = False,
    stop_at_refusal: bool = True,
) -> Trace:
    """Re-fire a call's events on a fresh chart; by default stop at the first refusal.

    After a refusal the chart is no longer where the recorded call was, so what
    follows would describe some other call.
    """
    run = Retrace(config, at, caller_number=caller_number, read_back_phone=read_back_phone)
    trace = Trace(run.opening)
    for name, arguments in events:
        step = run.fire(name, arguments)
        trace.steps.append(step)
        if step.refused is not None and stop_at_refusal:
            break
    trace.outcome = run.chart.outcome
    trace.ended = bool(run.chart.is_terminated)
    return trace


def unknown_states(states: Iterable[str]) -> list[str]:
    """The states among `states` (ids, or dotted as a path has them) the chart lacks.

    A call recorded by an older chart may have passed through states this one no
    longer has: such a call cannot be followed through it.
    """
    every = list(Reception.states_map.values())
    known = {s.id for s in every} | {Reception.dotted(s) for s in every}
    return sorted({s for s in states if s not in known})


def where_of(configuration: Iterable[str]) -> str:
    """The innermost state of a configuration (state ids), dotted as a path has it."""
    states = list(configuration)
    if not states:
        return "nowhere"
    leaf = Reception.states_map.get(states[-1])
    return Reception.dotted(leaf) if leaf is not None else states[-1]
