"""The phone line of a replayed call: transfers connect or fail as they did when recorded.

Whether a transfer connects is the line's doing, not the chart's, so a replay
gives each transfer the result the recording's transfer in the same place got: the
second transfer attempted fails if the recording's second one did. A recorded
failure for want of a destination is not replayed: that came from the agency
file, and the new file decides it afresh. Transfers beyond what was recorded
connect.
"""

from __future__ import annotations

from statecharts import Target
from voiceagent.replay.recorded import RecordedCall
from voiceagent.telephony.console import ConsoleTelephony
from voiceagent.telephony.port import (
    CONNECTED_EVENT,
    FAILED_EVENT,
    NO_DESTINATION,
    TransferKind,
)

__all__ = ["replay_telephony"]


def replay_telephony(call: RecordedCall) -> ConsoleTelephony:
    """Console telephony answering each transfer as the recorded call's line did."""
    results = [
        (event.name == FAILED_EVENT, str(event.arguments.get("reason") or ""))
        for event in call.events
        if event.name in (CONNECTED_EVENT, FAILED_EVENT)
        and event.arguments.get("reason") != NO_DESTINATION
    ]
    answers = iter(results)

    def fails(kind: TransferKind, target: Target) -> bool:
        del kind, target  # the line's answer, whoever was dialled
        failed, _ = next(answers, (False, ""))
        return failed

    reason = next((reason for failed, reason in results if failed and reason), None)
    if reason is None:
        return ConsoleTelephony(fail_transfers=fails)
    return ConsoleTelephony(fail_transfers=fails, failure_reason=reason)
