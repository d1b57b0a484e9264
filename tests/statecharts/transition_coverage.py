"""Asserted transition coverage: a transition counts only when a test checked where it led.

`assert_transition` fires an event and asserts every state it enters; only then
are the transitions it took, and the verdict of every guard evaluated on the
way, credited to the session's `LEDGER`. `assert_refused` does the same for an
event every transition of which is guarded off. At the end of the package the
coverage gate (a test, `test_chart_coverage.py::test_coverage_gate`) compares
the ledger with what the chart declares: every transition, and both sides of
every guard, must have been asserted. A walk or a property that merely executes
a transition credits nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pytest
from statemachine.graph import iterate_states

from statecharts import Reception, Refusal
from statecharts._diagram_chart import Story
from tests.statecharts.chart_driver import Call, snapshot

__all__ = [
    "LEDGER",
    "CoverageGate",
    "CoverageReport",
    "GuardSide",
    "Ledger",
    "Probe",
    "TransitionKey",
    "assert_refused",
    "assert_transition",
    "declared_guard_sides",
    "declared_transitions",
    "describe",
    "describe_side",
    "ledger_file",
    "transition_key",
]

TransitionKey = tuple[str, str, str]
"""(source state id, event, target state id); eventless is event "", targetless target ""."""

GuardSide = tuple[TransitionKey, str, bool]
"""One side of one guard of one transition: (transition, guard name, verdict)."""


class _Transition(Protocol):
    source: Any
    event: str
    targets: Sequence[Any]
    cond: Iterable[Any]
    initial: bool


def transition_key(transition: _Transition) -> TransitionKey:
    """The coverage key of one declared transition.

    An event declared under two names ("error_execution error.execution") is keyed
    by its first name; several targets are joined with commas.
    """
    event = transition.event.split()[0] if transition.event else ""
    target = ",".join(state.id for state in transition.targets)
    return (transition.source.id, event, target)


def describe(key: TransitionKey) -> str:
    """A transition key as one readable line."""
    source, event, target = key
    return f"{source} --{event or '(eventless)'}--> {target or '(stays)'}"


def describe_side(side: GuardSide) -> str:
    """A guard side as one readable line."""
    key, guard, verdict = side
    return f"{describe(key)} [{guard} is {'true' if verdict else 'false'}]"


def _declared(chart: type[Reception]) -> list[_Transition]:
    return [
        transition
        for state in iterate_states(chart.states)
        for transition in state.transitions
        if not transition.initial
    ]


def declared_transitions(chart: type[Reception] = Reception) -> frozenset[TransitionKey]:
    """Every transition the chart declares, compound-initial entries left out."""
    return frozenset(transition_key(transition) for transition in _declared(chart))


def declared_guard_sides(chart: type[Reception] = Reception) -> frozenset[GuardSide]:
    """Both sides of every guard of every declared transition."""
    return frozenset(
        (transition_key(transition), str(guard), verdict)
        for transition in _declared(chart)
        for guard in transition.cond
        for verdict in (True, False)
    )


@dataclass
class Ledger:
    """What tests have asserted: transitions whose destination was checked, guard sides seen.

    Only `assert_transition` credits it, so a transition a walk or a property
    merely executed, with no assertion about where it went, stays uncovered.
    """

    transitions: set[TransitionKey] = field(default_factory=set)
    guard_sides: set[GuardSide] = field(default_factory=set)


LEDGER = Ledger()
"""The session's ledger, which the coverage gate reads at the end of the package."""


class Probe:
    """Watches one chart's engine for one event: the transitions taken and every guard verdict.

    python-statemachine 3.2's engine evaluates a transition's guards in
    `_conditions_match` and takes transitions in `microstep` (eventless ones too);
    the probe wraps both on this chart's engine only, for the duration of a `with`
    block. If an upgrade renames either, the probe sees nothing and every
    transition is reported untaken: the gate fails closed.
    """

    def __init__(self, chart: Reception) -> None:
        self._chart = chart
        self._engine: Any = chart._engine
        self.taken: list[TransitionKey] = []
        self.guards: list[GuardSide] = []

    def __enter__(self) -> Probe:
        engine = self._engine
        conditions_match, microstep = engine._conditions_match, engine.microstep
        callbacks = self._chart._callbacks

        def watched_conditions(transition: _Transition, trigger_data: Any) -> Any:
            result = conditions_match(transition, trigger_data)
            args, kwargs = engine._get_args_kwargs(transition, trigger_data)
            key = transition_key(transition)
            for guard in callbacks[transition.cond.key]:  # type: ignore[attr-defined]
                try:
                    verdict = bool(guard.call(*args, **kwargs))
                except Exception:  # the engine treats a raising guard as false
                    verdict = False
                self.guards.append((key, str(guard), verdict))
                if not verdict:
                    break
            return result

        def watched_microstep(transitions: list[_Transition], trigger_data: Any) -> Any:
            self.taken.extend(transition_key(t) for t in transitions if not t.initial)
            return microstep(transitions, trigger_data)

        engine._conditions_match = watched_conditions
        engine.microstep = watched_microstep
        return self

    def __exit__(self, *_: object) -> None:
        del self._engine._conditions_match
        del self._engine.microstep


def assert_transition(
    call: Call,
    event: str,
    arguments: Mapping[str, Any],
    leads_to: Sequence[str],
    *,
    send: Callable[[], list[str]] | None = None,
) -> None:
    """Fire `event` and assert the states it enters, in order; credit what it took.

    `leads_to` lists every state the event enters, through any eventless
    transitions it sets off (`[]` for an answer in place). Only when the
    assertion holds are the transitions taken and the guard verdicts seen
    credited to the session's ledger. `send` replaces the firing for what is not
    a public event (the shell's `fail`, which sends `error.execution`).
    """
    with Probe(call.chart) as probe:
        entered = send() if send is not None else call.fire(event, **arguments)
    assert entered == list(leads_to), f"{event} entered {entered}, expected {list(leads_to)}"
    assert probe.taken, f"{event} took no transition the probe could see"
    LEDGER.transitions.update(probe.taken)
    LEDGER.guard_sides.update(probe.guards)


def assert_refused(call: Call, event: str, arguments: Mapping[str, Any]) -> None:
    """Fire `event`, assert the chart refuses it and nothing changed; credit the guards seen.

    A guard's false side sometimes shows only as a refusal (every transition of
    the event guarded off), so refusals asserted here count for guard coverage.
    """
    before = snapshot(call.chart)
    with Probe(call.chart) as probe, pytest.raises(Refusal):
        call.fire(event, **arguments)
    assert snapshot(call.chart) == before, f"refused {event} changed the chart"
    assert not probe.taken
    LEDGER.guard_sides.update(probe.guards)


@dataclass(frozen=True)
class CoverageReport:
    """What the gate found: one line per gap, and the gaps themselves."""

    lines: list[str]
    transitions: list[TransitionKey]
    """Declared transitions no test asserted."""
    guard_sides: list[GuardSide]
    """Guard sides no asserted event saw."""

    @property
    def gaps(self) -> bool:
        """Whether anything declared went unasserted."""
        return bool(self.transitions or self.guard_sides)


@dataclass
class CoverageGate:
    """Decides whether this run covers the whole package, so coverage must be complete.

    Coverage is enforced only when every test module in the package was collected,
    nothing in it was deselected, and every other collected test in it ran before
    the gate: a `-k`, a `-m`, a single file or a node id, `-x` stopping early, or
    `--collect-only` all make the run partial, and then the gate test skips,
    saying why.
    """

    package: Path
    reasons: list[str] = field(default_factory=list)
    collected: set[str] = field(default_factory=set)
    ran: set[str] = field(default_factory=set)

    def inside(self, path: Path | str) -> bool:
        """Whether a test file belongs to the package."""
        return Path(path).resolve().is_relative_to(self.package)

    def note_arguments(self, args: Iterable[str]) -> None:
        """Node ids on the command line select part of a module."""
        if any("::" in arg for arg in args):
            self.reasons.append("tests were selected by node id")

    def note_deselected(self, paths: Iterable[Path | str]) -> None:
        """Tests of the package deselected by -k, -m, --lf, ..."""
        if any(self.inside(path) for path in paths):
            self.reasons.append("some tests were deselected")

    def note_collected(self, items: Iterable[tuple[str, Path | str]]) -> None:
        """The package's collected tests, and whether every module is among them."""
        modules = set()
        for nodeid, path in items:
            if self.inside(path):
                self.collected.add(nodeid)
                modules.add(Path(path).resolve())
        expected = {path.resolve() for path in self.package.glob("test_*.py")}
        if not expected <= modules:
            self.reasons.append("not every test module was collected")

    def note_ran(self, nodeid: str) -> None:
        """A test of the package ran (passed, failed or skipped)."""
        self.ran.add(nodeid)

    def complete(self, gate: str = "") -> bool:
        """Whether this run selected the whole package and ran all of it but `gate`."""
        return not self.reasons and bool(self.collected) and self.collected - {gate} <= self.ran

    def why_partial(self, gate: str = "") -> str:
        """Why the run is partial, in words."""
        if self.reasons:
            return "; ".join(self.reasons)
        return "nothing was collected" if not self.collected else "not every selected test ran"

    def report(
        self,
        ledger: Ledger,
        declared: frozenset[TransitionKey],
        sides: frozenset[GuardSide],
    ) -> CoverageReport:
        """Compare what tests asserted with what the chart declares."""
        transitions = sorted(declared - ledger.transitions)
        unseen = sorted(sides - ledger.guard_sides)
        lines = [
            f"chart transitions asserted: {len(declared) - len(transitions)}/{len(declared)}; "
            f"guard sides asserted: {len(sides) - len(unseen)}/{len(sides)}"
        ]
        lines.extend(f"  unasserted transition: {describe(key)}" for key in transitions)
        lines.extend(f"  unasserted guard side: {describe_side(side)}" for side in unseen)
        return CoverageReport(lines, transitions, unseen)


def ledger_file(ledger: Ledger, *, whole_run: bool) -> dict[str, Any]:
    """The ledger as `voiceagent diagram --ledger FILE` reads it: asserted transitions by key.

    The ledger keys a transition by (source, event, target); a diagram by its key,
    which also holds its guards. A diagram transition counts as asserted when the
    ledger holds its (source, event, target): guard sides are the gate's business.
    """
    story = Story.of(Reception)
    asserted = [
        t.key
        for t in story.transitions
        if (t.source, t.events[0] if t.events else "", t.target or "") in ledger.transitions
    ]
    return {"asserted": asserted, "declared": len(story.transitions), "whole_run": whole_run}
