"""Drive the reception chart in tests: instants, agencies, a call wrapper, and coverage.

The flow, property and walk tests all need the same few things: an instant for
each office status, the default agency and two variants (voicemail configured,
a claims group with extensions), a call that keeps every effect it ever
produced, a snapshot to prove that a refused event changed nothing, and the
transition-coverage bookkeeping the package's conftest enforces.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest
from statemachine.graph import iterate_states

from statecharts import (
    AgencyConfig,
    Effect,
    EndCall,
    Reception,
    RecordMessage,
    Say,
    Transfer,
    TransferToVoicemail,
    default_agency,
)
from statecharts._agency import Telephony

__all__ = [
    "AGENCY",
    "CLAIMS_GROUP_AGENCY",
    "CLOSED",
    "HOLIDAY",
    "LUNCH",
    "OPEN",
    "PHONE",
    "SATURDAY",
    "STATUS_INSTANTS",
    "VOICEMAIL_AGENCY",
    "Call",
    "CoverageGate",
    "Snapshot",
    "Step",
    "TransitionKey",
    "TransitionRecorder",
    "declared_transitions",
    "describe",
    "snapshot",
    "transition_key",
]

OPEN = datetime(2026, 11, 23, 10, 0)
"""Monday 10:00 Eastern: open."""
LUNCH = datetime(2026, 11, 23, 12, 30)
"""Monday 12:30: lunch."""
CLOSED = datetime(2026, 11, 23, 19, 0)
"""Monday 19:00: closed for the evening."""
HOLIDAY = datetime(2026, 11, 26, 10, 0)
"""Thanksgiving, Thursday 10:00: closed for the holiday."""
SATURDAY = datetime(2026, 11, 28, 11, 0)
"""Saturday 11:00: closed for the weekend."""

STATUS_INSTANTS = {"open": OPEN, "lunch": LUNCH, "closed": CLOSED, "holiday": HOLIDAY}
"""One instant per office status that changes routing."""

PHONE = "555-123-4567"
"""A valid phone number, as a caller would say it."""

AGENCY = default_agency()
"""The shipped default agency: no voicemail, and a claims group with no extensions."""

VOICEMAIL_AGENCY = AGENCY.model_copy(
    update={
        "telephony": Telephony(
            extension_destination="sip:{extension}@pbx.invalid",
            voicemail_destination="sip:vm-{extension}@pbx.invalid",
        )
    }
)
"""The default agency with a voicemail box for every extension."""

CLAIMS_GROUP_AGENCY = AGENCY.model_copy(
    update={
        "ring_groups": tuple(
            group.model_copy(update={"extensions": ("7016", "7008")})
            if group.key == AGENCY.claims_ring_group
            else group
            for group in AGENCY.ring_groups
        )
    }
)
"""The default agency with the claims group given extensions, so claims transfer live."""

Step = tuple[str, Mapping[str, Any]]
"""One event with its arguments."""

_E = TypeVar("_E")


@dataclass
class Call:
    """A reception chart plus every effect it produced, for assertions over a whole call."""

    chart: Reception
    effects: list[Effect] = field(default_factory=list)

    @classmethod
    def start(
        cls, at: datetime = OPEN, config: AgencyConfig = AGENCY, *, greeted: bool = True
    ) -> Call:
        """A new call at `at`, greeted (in triage) unless told otherwise."""
        call = cls(Reception(config, at))
        call.drain()
        if greeted:
            call.fire("greeted")
        return call

    def drain(self) -> list[Effect]:
        """Take the chart's queued effects, keep them, and return them."""
        taken = self.chart.take_effects()
        self.effects.extend(taken)
        return taken

    def fire(self, event: str, **arguments: Any) -> list[str]:
        """Fire one event and keep its effects; a `Refusal` propagates."""
        entered = self.chart.fire(event, **arguments)
        self.drain()
        return entered

    def run(self, steps: Iterable[Step]) -> Call:
        """Fire every step in order."""
        for event, arguments in steps:
            self.fire(event, **arguments)
        return self

    def copy(self) -> Call:
        """An independent copy (the agency configuration is shared, it is immutable)."""
        memo = {id(self.chart.config): self.chart.config}
        return Call(copy.deepcopy(self.chart, memo), list(self.effects))

    @property
    def lines(self) -> list[str]:
        """Ids of every line said, in order."""
        return [effect.line for effect in self.effects if isinstance(effect, Say)]

    def of_type(self, kind: type[_E]) -> list[_E]:
        """Every effect of one type, in order."""
        return [effect for effect in self.effects if isinstance(effect, kind)]

    @property
    def transfers(self) -> list[Transfer]:
        """Live transfers started."""
        return self.of_type(Transfer)

    @property
    def voicemails(self) -> list[TransferToVoicemail]:
        """Voicemail transfers started."""
        return self.of_type(TransferToVoicemail)

    @property
    def messages(self) -> list[RecordMessage]:
        """Messages stored."""
        return self.of_type(RecordMessage)

    @property
    def ends(self) -> list[EndCall]:
        """Hang-ups (there is at most one)."""
        return self.of_type(EndCall)


@dataclass(frozen=True)
class Snapshot:
    """Everything a refused event must leave exactly as it was."""

    configuration: tuple[str, ...]
    record: Mapping[str, object]
    path: tuple[str, ...]
    effects: tuple[Effect, ...]
    said: tuple[str, ...]
    target: object
    outcome: object
    terminated: bool


def snapshot(chart: Reception) -> Snapshot:
    """The observable state of a chart, queued effects included."""
    return Snapshot(
        configuration=tuple(str(value) for value in chart.configuration_values),
        record=chart.record.snapshot(),
        path=tuple(chart.path),
        effects=tuple(chart.effects),
        said=tuple(str(line) for line in chart.said),
        target=chart.target,
        outcome=chart.outcome,
        terminated=chart.is_terminated,
    )


# --- transition coverage --------------------------------------------------------------------

TransitionKey = tuple[str, str, str]
"""(source state id, event, target state id); eventless is event "", targetless target ""."""


class _Transition(Protocol):
    source: Any
    event: str
    targets: Sequence[Any]


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


def declared_transitions(chart: type[Reception] = Reception) -> frozenset[TransitionKey]:
    """Every transition the chart declares, compound-initial entries left out."""
    return frozenset(
        transition_key(transition)
        for state in iterate_states(chart.states)
        for transition in state.transitions
        if not transition.initial
    )


class TransitionRecorder:
    """A chart listener that records the key of every transition taken."""

    def __init__(self) -> None:
        self.taken: set[TransitionKey] = set()

    def after_transition(self, transition: _Transition) -> None:
        """Called by python-statemachine after each transition (eventless ones too)."""
        self.taken.add(transition_key(transition))

    def __deepcopy__(self, memo: dict[int, object]) -> TransitionRecorder:
        """Copies of a chart keep reporting to the same recorder."""
        return self


class _Session(Protocol):
    exitstatus: int | pytest.ExitCode


@dataclass
class CoverageGate:
    """Decides whether this run must prove full transition coverage, and enforces it.

    Coverage is enforced only when every test module in the package was collected,
    nothing in it was deselected, and every collected test in it ran: a `-k`, a
    `-m`, a single file or a node id, `-x` stopping early, or `--collect-only`
    all make the run partial, and then the numbers are printed but not enforced.
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

    def complete(self) -> bool:
        """Whether this run selected and ran the whole package."""
        return not self.reasons and bool(self.collected) and self.collected <= self.ran

    def verdict(
        self, declared: frozenset[TransitionKey], taken: Iterable[TransitionKey]
    ) -> tuple[list[str], list[TransitionKey]]:
        """The lines to print and the declared transitions never taken."""
        taken_here = set(taken) & declared
        missing = sorted(declared - taken_here)
        summary = f"chart transition coverage: {len(taken_here)}/{len(declared)}"
        if not self.complete():
            why = "; ".join(self.reasons) or "not every selected test ran"
            return [f"{summary} (partial run, not enforced: {why})"], missing
        lines = [summary]
        lines.extend(f"  untaken: {describe(key)}" for key in missing)
        return lines, missing

    def enforce(self, session: _Session, missing: Sequence[TransitionKey]) -> None:
        """Fail the session when a full run left a declared transition untaken."""
        if missing and self.complete() and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
