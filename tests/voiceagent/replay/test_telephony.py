"""A replayed call's line answers each transfer as the recording's line did."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from statecharts import Target, TargetKind
from voiceagent.replay.recorded import RecordedCall, RecordedEvent
from voiceagent.replay.telephony import replay_telephony
from voiceagent.telephony.port import NO_DESTINATION

pytestmark = pytest.mark.unit

BRAD = Target(TargetKind.PERSON, "Brad", "Brad", "7007", destination="sip:7007@pbx.invalid")


def _call(*events: RecordedEvent) -> RecordedCall:
    return RecordedCall(
        "c1",
        datetime(2026, 11, 24, 15, tzinfo=UTC),
        None,
        "local/offline-brain",
        False,
        {"kind": "message", "target": None},
        (),
        events,
    )


async def test_transfers_fail_where_the_recorded_ones_did() -> None:
    """The first transfer fails with the recorded reason; the next connects, as recorded."""
    telephony = replay_telephony(
        _call(
            RecordedEvent("transfer_failed", {"reason": "busy"}),
            RecordedEvent("transfer_succeeded", {}),
        )
    )
    first, second, third = [await telephony.transfer(BRAD) for _ in range(3)]
    assert (first.connected, first.reason) == (False, "busy")
    assert second.connected
    assert third.connected, "beyond the recording, transfers connect"


async def test_a_failure_for_want_of_a_destination_is_not_replayed() -> None:
    """The agency file decides afresh whether there is somewhere to dial."""
    telephony = replay_telephony(
        _call(RecordedEvent("transfer_failed", {"reason": NO_DESTINATION}))
    )
    assert (await telephony.transfer(BRAD)).connected
