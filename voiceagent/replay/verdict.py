"""One recorded call replayed with the current chart and an agency file: does it end the same?

Two ways to replay, the cheap one first:

- **On the chart alone** (about a millisecond): the recorded events are fired again
  on a fresh chart. While every event is taken, leaves the chart where the
  recording says, and the chart gives the receptionist the same words, the brain
  in the recorded call saw exactly what it would see now (its inputs are the
  chart's state, the tools it allows and what was said), so its recorded answers
  stand. Once the two part, events that came from the line (a transfer's result, a
  hang-up) still stand, but an answer of the brain's after that point might not.
- **Through the whole session** (about a tenth of a second): the caller's side of
  the call (their words, silences, hang-up) is played into a new session with the
  offline brain, at the original office time, and the call it makes is compared
  with the recording. Used only where the chart alone cannot tell, or when asked.

A call whose brain was not the offline brain cannot be replayed past the point
where the chart parts from it, and is reported as such, with the reason; so are
calls the current chart cannot follow at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from statecharts import AgencyConfig
from statecharts._reception import PUBLIC_EVENTS
from statecharts._retrace import Retrace, Trace
from voiceagent.replay.follow import unfollowable
from voiceagent.replay.parting import Parting, parting, walk_of_call, walk_of_trace
from voiceagent.replay.recorded import RecordedCall, RecordedEvent, is_caller_side
from voiceagent.scripted.turns import LINE_EVENTS

__all__ = [
    "OFFLINE_BRAIN",
    "ChartReplay",
    "Status",
    "Verdict",
    "cannot_start",
    "replay_on_chart",
    "replay_through_session",
    "session_obstacle",
]

Status = Literal["same", "changed", "not replayable"]
OFFLINE_BRAIN = "local/offline-brain"
"""How a call's record names the offline brain (`brain_name(OfflineBrain())`)."""
_HANG_UP = LINE_EVENTS["<hangup>"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a replay found for one call."""

    call_id: str
    office_time: datetime | None
    status: Status
    recorded: Mapping[str, Any] | None
    """The recorded outcome (`{"kind", "target"}`), None if the call never ended."""
    replayed: Mapping[str, Any] | None = None
    parting: Parting | None = None
    reason: str | None = None
    """Why the call cannot be replayed."""
    via: Literal["chart", "session"] | None = None

    def as_json(self) -> dict[str, Any]:
        """The verdict as `replay --json` prints it."""
        return {
            "call_id": self.call_id,
            "office_time": self.office_time.isoformat() if self.office_time else None,
            "status": self.status,
            "recorded": self.recorded,
            "replayed": self.replayed,
            "parts": None
            if self.parting is None
            else {
                "caller_turn": self.parting.turn,
                "event": self.parting.event,
                "was": self.parting.was,
                "now": self.parting.now,
                "text": self.parting.text,
            },
            "reason": self.reason,
            "replayed_by": self.via,
        }


def _outcome(trace: Trace) -> dict[str, Any] | None:
    outcome = trace.outcome
    if outcome is None:
        return None
    target = outcome.target
    return {"kind": outcome.kind.value, "target": target.as_dict() if target else None}


def _same(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    """The same outcome: the same kind, to the same person or group."""
    return (a or {}).get("kind") == (b or {}).get("kind") and (a or {}).get("target") == (
        b or {}
    ).get("target")


def _unreplayable(call: RecordedCall, reason: str) -> Verdict:
    return Verdict(call.call_id, call.office_time, "not replayable", call.outcome, reason=reason)


def cannot_start(call: RecordedCall) -> Verdict | None:
    """The verdict for a call no replay can start, or None if one can."""
    reason = unfollowable(call)
    if reason is not None:
        return _unreplayable(call, reason)
    if call.outcome is None:
        return _unreplayable(call, "it never ended (or its end was not recorded)")
    return None


@dataclass(frozen=True, slots=True)
class ChartReplay:
    """The call replayed on the chart alone, and whether that settles it."""

    verdict: Verdict | None
    """The verdict, or None when an answer of the brain's after the parting decides it."""
    parting: Parting | None


def replay_on_chart(
    call: RecordedCall, config: AgencyConfig, brains: frozenset[str]
) -> ChartReplay:
    """Fire the recorded events again; settle the call if the brain's answers still stand.

    `brains` are the events the brain fires (its tools): after the point where the
    replay parts from the recording, those are the answers that might change.
    """
    assert call.office_time is not None  # `cannot_start` comes first
    run = Retrace(
        config,
        call.office_time,
        caller_number=call.caller_number,
        read_back_phone=call.phone_read_back,
    )
    trace = Trace(run.opening)
    turns, turn = [], 0
    for item in call.timeline:
        if is_caller_side(item):
            turn += 1
        if isinstance(item, RecordedEvent) and not run.chart.is_terminated:  # it may end sooner
            step = run.fire(item.name, item.arguments)
            trace.steps.append(step)
            turns.append(turn)
            if step.refused is not None:
                break
    refused = any(step.refused is not None for step in trace.steps)
    if not refused and not run.chart.is_terminated:  # the caller hung up, as the session does
        trace.steps.append(run.fire(_HANG_UP, {}))
        turns.append(turn)
    trace.outcome, trace.ended = run.chart.outcome, bool(run.chart.is_terminated)
    parts = parting(walk_of_call(call), walk_of_trace(trace, turns), replay_lines_complete=False)
    if parts is not None:
        later = call.events[parts.index + 1 : len(trace.steps)]
        if refused or any(event.name in brains for event in later):
            return ChartReplay(None, parts)
    replayed = _outcome(trace)
    status: Status = "same" if _same(call.outcome, replayed) else "changed"
    verdict = Verdict(
        call.call_id, call.office_time, status, call.outcome, replayed, parts, via="chart"
    )
    return ChartReplay(verdict, parts)


def session_obstacle(call: RecordedCall) -> str | None:
    """Why the caller's side of this call cannot be played into a new session, if it cannot."""
    if call.brain != OFFLINE_BRAIN:
        brain = call.brain or "a brain that was not recorded"
        return f"recorded with {brain}: only the offline brain's answers can be given again"
    if call.phone_read_back:
        return "a spoken call (its number was read back): a text replay cannot answer the read-back"
    failure = next((e.name for e in call.events if e.name not in PUBLIC_EVENTS), None)
    if failure is not None:
        return f"it ended on a failure of the shell ({failure}), which no replay can repeat"
    return None


async def replay_through_session(
    call: RecordedCall, config: AgencyConfig, *, parted: Parting | None = None
) -> Verdict:
    """Play the caller's side into a new session with the offline brain; compare the calls."""
    from voiceagent.replay.recorded import from_store  # noqa: PLC0415 - kept beside its use
    from voiceagent.replay.telephony import replay_telephony  # noqa: PLC0415
    from voiceagent.scripted.simulate import run_script  # noqa: PLC0415 - loads LiveKit
    from voiceagent.store.sqlite import SqliteCallStore  # noqa: PLC0415

    obstacle = session_obstacle(call)
    if obstacle is not None:
        where = f" (the replay parts from it {parted.text})" if parted is not None else ""
        return _unreplayable(call, obstacle + where)
    assert call.office_time is not None  # `cannot_start` comes first
    store = SqliteCallStore(":memory:")
    async with store:
        run = await run_script(
            config,
            call.office_time,
            call.caller_side(),
            caller_number=call.caller_number,
            telephony=replay_telephony(call),
            store=store,
        )
        replay = await from_store(store, run.orchestrator.call_id)
    parts = parting(walk_of_call(call), walk_of_call(replay), replay_lines_complete=True)
    status: Status = "same" if _same(call.outcome, replay.outcome) else "changed"
    return Verdict(
        call.call_id, call.office_time, status, call.outcome, replay.outcome, parts, via="session"
    )
