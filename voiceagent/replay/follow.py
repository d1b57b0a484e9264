"""Following a recorded call through the current chart, or saying why it cannot be.

A call can be followed when the chart still has every state it passed through,
its office time is known, and each recorded event, fired again with the same
agency file, is taken and leaves the chart where the recording says it did. A
call recorded under another agency file or an older chart fails one of these,
and the reason names the first event where it does.
"""

from __future__ import annotations

from dataclasses import dataclass

from statecharts import AgencyConfig
from statecharts._retrace import Trace, retrace, unknown_states, where_of
from voiceagent.replay.recorded import RecordedCall, RecordedError

__all__ = ["Followed", "follow", "follow_strictly", "unfollowable"]


@dataclass(frozen=True, slots=True)
class Followed:
    """A call followed as far as it goes: the trace, and why it stops short (or None)."""

    trace: Trace | None
    """None when the call could not be started at all (unknown states, no office time)."""
    problem: str | None


def unfollowable(call: RecordedCall) -> str | None:
    """Why no chart can even start following the call, or None if one can."""
    unknown = unknown_states(call.states())
    if unknown:
        return (
            f"recorded by an older chart: it passed through {', '.join(unknown)}, "
            "which the current chart does not have"
        )
    if call.office_time is None:
        return "no office time was recorded for it (it was recorded before they were kept)"
    return None


def follow(call: RecordedCall, config: AgencyConfig) -> Followed:
    """Re-fire the call's events on a fresh chart; stop where the recording parts from it."""
    reason = unfollowable(call)
    if reason is not None or call.office_time is None:
        return Followed(None, f"call {call.call_id} cannot be followed: {reason}")
    events = call.events
    trace = retrace(
        config,
        call.office_time,
        [(event.name, event.arguments) for event in events],
        caller_number=call.caller_number,
        read_back_phone=call.phone_read_back,
    )
    for number, (step, event) in enumerate(zip(trace.steps, events, strict=False), start=1):
        if step.refused is not None:
            problem = f"event {number} ({event.name}) is refused: {step.refused}"
        elif event.configuration is not None and step.configuration != event.configuration:
            problem = (
                f"event {number} ({event.name}) leads to {step.where}, "
                f"where the recording went to {where_of(event.configuration)}"
            )
        else:
            continue
        del trace.steps[number:]
        return Followed(
            trace,
            f"call {call.call_id} does not follow the current chart with this agency file: "
            f"{problem}; it was recorded with another agency file (--agency) or chart",
        )
    return Followed(trace, None)


def follow_strictly(call: RecordedCall, config: AgencyConfig) -> Trace:
    """The whole call followed, or `RecordedError` saying where and why it cannot be."""
    followed = follow(call, config)
    if followed.problem is not None or followed.trace is None:
        raise RecordedError(followed.problem or f"call {call.call_id} cannot be followed")
    return followed.trace
