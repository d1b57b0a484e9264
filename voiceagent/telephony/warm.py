"""Warm transfer: a person at the agency is briefed before the caller is put through.

The agency wants the "something else" caller handed over warm, with the summary
they gave (agency.md §3): LiveKit's `WarmTransferTask` dials the account executive
on an outbound SIP trunk, briefs them while the caller hears hold music, and
merges the two calls when they accept. Without an outbound trunk every transfer is
cold (`SipTelephony`).

`WarmTransferTask` is an `AgentTask`: LiveKit lets one run only inside an agent's
`on_enter` or a tool, so `WarmTransfer` hands the session to a small host agent
whose `on_enter` awaits the task and reports how it went. It needs a real room, a
job and a trunk: offline tests check the choice and the hand-over with fakes; the
dial itself is LiveKit's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import structlog
from livekit.agents import Agent, AgentSession, llm
from livekit.agents.beta.workflows import WarmTransferTask

from statecharts import CallerRecord, Intent, Target
from voiceagent.telephony.port import NO_DESTINATION, TransferResult, mask_destination

__all__ = ["TransferHost", "WarmTransfer", "wants_warm_transfer"]

_log = structlog.get_logger(__name__)

_MARGIN = 15.0
"""Seconds past the ring time for the briefing before the transfer counts as failed."""


def wants_warm_transfer(record: CallerRecord) -> bool:
    """Whether the agency hands this caller over warm: the "something else" intent."""
    return record.call_intent is Intent.SOMETHING_ELSE


class TaskFactory(Protocol):
    """Makes the `AgentTask` that dials and briefs the person (LiveKit's by default)."""

    def __call__(
        self, destination: str, *, trunk_id: str, ring_seconds: float, chat_ctx: llm.ChatContext
    ) -> Awaitable[object]:
        """An awaitable agent task resolving once the person accepted, raising otherwise."""
        ...


def livekit_warm_transfer(
    destination: str, *, trunk_id: str, ring_seconds: float, chat_ctx: llm.ChatContext
) -> Awaitable[object]:
    """LiveKit's warm-transfer workflow, with the call's history as the briefing."""
    return WarmTransferTask(
        destination, sip_trunk_id=trunk_id, ringing_timeout=ring_seconds, chat_ctx=chat_ctx
    )


class TransferHost(Agent):
    """Runs one warm transfer from its `on_enter`, where LiveKit allows an `AgentTask`."""

    def __init__(self, task: Awaitable[object], *, chat_ctx: llm.ChatContext | None) -> None:
        super().__init__(
            instructions="The caller is on hold while a colleague is briefed.", chat_ctx=chat_ctx
        )
        self._task = task
        self._waiting: asyncio.Future[object] | None = None
        self.outcome: asyncio.Future[TransferResult] = asyncio.get_running_loop().create_future()

    async def on_enter(self) -> None:
        """Await the transfer task and report its result (never raises)."""
        self._waiting = asyncio.ensure_future(self._task)
        try:
            await self._waiting
        except asyncio.CancelledError:
            result = TransferResult(connected=False, reason="timed out")
        except Exception as error:  # ToolError: declined, no answer, voicemail, room closed
            result = TransferResult(connected=False, reason=f"warm transfer failed: {error}")
        else:
            result = TransferResult(connected=True, reason="connected")
        if not self.outcome.done():
            self.outcome.set_result(result)

    def abandon(self) -> None:
        """Stop waiting for the colleague (the ring time is over)."""
        if self._waiting is not None:
            self._waiting.cancel()


class WarmTransfer:
    """Warm transfers for one call.

    Args:
        session: The call's session (read when a transfer starts).
        trunk_id: The LiveKit outbound SIP trunk that dials staff.
        ring_seconds: How long the person's phone rings.
        task: Makes the transfer task; LiveKit's `WarmTransferTask` by default.
    """

    def __init__(
        self,
        session: Callable[[], AgentSession[Any]],
        *,
        trunk_id: str,
        ring_seconds: float,
        task: TaskFactory = livekit_warm_transfer,
    ) -> None:
        self._session = session
        self._trunk = trunk_id
        self._ring = ring_seconds
        self._task = task
        self.connected = False
        """Whether a warm transfer put the caller through (the room must then stay up)."""

    async def transfer(self, target: Target) -> TransferResult:
        """Dial, brief and merge; a failure or timeout is a result, never an exception."""
        if target.destination is None:
            return TransferResult(connected=False, reason=NO_DESTINATION)
        session = self._session()
        chat_ctx = session.history.copy()
        fields = {"target": target.name, "destination_masked": mask_destination(target.destination)}
        _log.info("warm transfer requested", **fields)
        try:
            task = self._task(
                target.destination, trunk_id=self._trunk, ring_seconds=self._ring, chat_ctx=chat_ctx
            )
            host = TransferHost(task, chat_ctx=session.current_agent.chat_ctx.copy())
            session.update_agent(host)
            try:
                async with asyncio.timeout(self._ring + _MARGIN):
                    result = await host.outcome
            except TimeoutError:
                host.abandon()
                result = TransferResult(connected=False, reason="timed out")
        except Exception as error:  # no trunk, no job: never strand the caller
            result = TransferResult(connected=False, reason=f"unexpected {type(error).__name__}")
        if result.connected:
            self.connected = True
            _keep_room(session)
            _log.info("warm transfer connected", **fields)
        else:
            _log.warning("warm transfer failed", reason=result.reason, **fields)
        return result


def _keep_room(session: AgentSession[Any]) -> None:
    """The caller and the colleague now share the room: closing the session must not delete it.

    LiveKit reads `delete_room_on_close` from the room options when the session
    closes; after a warm transfer the receptionist leaves and the room stays.
    """
    try:
        options = session.room_io._options  # no public setter in 1.8.9
    except RuntimeError:  # not started with a room: nothing to keep
        return
    options.delete_room_on_close = False
