"""Drive the reception chart in tests: instants, agencies, a call wrapper, and coverage.

The flow, property and walk tests all need the same few things: an instant for
each office status, the default agency and two variants (voicemail configured,
a claims group with extensions), a call that keeps every effect it ever
produced, and a snapshot to prove that a refused event changed nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from statemachine.orderedset import OrderedSet

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
    "Snapshot",
    "Step",
    "snapshot",
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

    def fail(self, error: Exception) -> list[str]:
        """The shell hits an error it cannot recover from; keep the chart's effects."""
        entered = self.chart.fail(error)
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

    def save(self) -> Saved:
        """Everything needed to put this call back where it is now (see `restore`)."""
        chart = self.chart
        data = {name: value for name, value in vars(chart).items() if name not in _MACHINE}
        return Saved(
            tuple(chart.configuration_values),
            copy.deepcopy(data, _shared(chart.config)),
            tuple(self.effects),
            running=not chart.is_terminated,
            callbacks=chart._callbacks,
        )

    def restore(self, saved: Saved) -> None:
        """Put this call back exactly where `save` found it, in place.

        A deep copy of a python-statemachine chart rebuilds its whole callback
        registry (milliseconds); a walk that branches thousands of times instead
        rewinds one chart: the chart's own data, its configuration, and the
        engine's "running" flag that ending the call clears.
        `test_chart_walk.py` checks that a restored call behaves as if it never
        left, so a library upgrade that keeps more state elsewhere fails there.
        """
        chart = self.chart
        vars(chart).update(copy.deepcopy(saved.data, _shared(chart.config)))
        chart.configuration = OrderedSet(chart.states_map[value] for value in saved.configuration)
        chart._engine.running = saved.running
        chart._callbacks = saved.callbacks
        self.effects = list(saved.effects)

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


_MACHINE = frozenset(
    {
        "_callbacks",
        "_config",
        "_engine",
        "_listeners",
        "history_values",
        "model",
        "start_configuration_values",
        "state_field",
        *(state.id for state in Reception.states_map.values()),
    }
)
"""python-statemachine's own attributes on a chart: everything else is the chart's data."""


def _shared(config: AgencyConfig) -> dict[int, Any]:
    """A deep-copy memo that shares the agency and its (immutable) staff and carriers."""
    shared: list[Any] = [config, *config.staff, *config.carriers]
    return {id(value): value for value in shared}


@dataclass(frozen=True)
class Saved:
    """A call as `Call.save` kept it."""

    configuration: tuple[Any, ...]
    data: dict[str, Any]
    effects: tuple[Effect, ...]
    running: bool
    """False once the call has ended: the engine then refuses every event."""
    callbacks: Any
    """The chart's callback registry, shared, not copied: an ended chart lets go of its
    own (`Reception._release_callbacks_once_ended`), and a rewound one needs it back."""


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
