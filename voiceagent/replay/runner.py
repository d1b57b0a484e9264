"""Replaying many stored calls: each on the chart first, through a session where it must be."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from statecharts import AgencyConfig
from voiceagent.replay.recorded import RecordedCall, from_store
from voiceagent.replay.verdict import (
    Verdict,
    cannot_start,
    replay_on_chart,
    replay_through_session,
    session_obstacle,
)
from voiceagent.store.port import CallStore

__all__ = ["Tally", "replay_call", "replay_stored"]


class Tally(Protocol):
    """Told how many calls there are, then of each one done (a progress bar)."""

    def start(self, total: int) -> None:
        """There are `total` calls."""
        ...

    def advance(self) -> None:
        """One more is done."""
        ...


async def replay_call(
    call: RecordedCall, config: AgencyConfig, *, through_session: bool = False
) -> Verdict:
    """One call's verdict: on the chart alone where that settles it, else through a session.

    `through_session` plays every call the session can take through one, even where
    the chart alone would do (slower; a check on the chart-alone shortcut).
    """
    from voiceagent.session.tools import LLM_EVENTS  # noqa: PLC0415 - loads LiveKit

    refused = cannot_start(call)
    if refused is not None:
        return refused
    on_chart = replay_on_chart(call, config, LLM_EVENTS)
    if through_session and session_obstacle(call) is None:
        return await replay_through_session(call, config)
    if on_chart.verdict is not None:
        return on_chart.verdict
    return await replay_through_session(call, config, parted=on_chart.parting)


async def replay_stored(
    store: CallStore,
    config: AgencyConfig,
    *,
    since: datetime | None = None,
    through_session: bool = False,
    tally: Tally | None = None,
) -> list[Verdict]:
    """Every stored call since `since`, oldest first, replayed; `tally` told of each."""
    rows = await store.recent_calls(since=since)
    if tally is not None:
        tally.start(len(rows))
    verdicts = []
    for row in reversed(rows):
        call = await from_store(store, row.call_id)
        verdicts.append(await replay_call(call, config, through_session=through_session))
        if tally is not None:
            tally.advance()
    return verdicts
