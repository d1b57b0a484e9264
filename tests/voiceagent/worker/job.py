"""The worker's entry point under LiveKit's test job context, with a room that never dials out.

`FakeRoom` is a real `rtc.Room` (so LiveKit's RoomIO and our handlers attach to it)
that reports itself connected once the job has "connected", and lets a test emit
what a LiveKit server would: a caller joining or leaving, reconnects, a disconnect.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from livekit import rtc
from livekit.agents import JobContext
from livekit.agents.testing import fake_job_context
from livekit.rtc._proto import participant_pb2

from statecharts import default_agency
from voiceagent.store.outbox import LogDelivery, Outbox
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.worker.entry import Answered, Seams, answer
from voiceagent.worker.prewarm import Prewarmed, prepare
from voiceagent.worker.records import Records
from voiceagent.worker.settings import WorkerSettings

ROOM = "hli-test-room"
CALLER_NUMBER = "+14075550123"


class FakeRoom(rtc.Room):
    """A room that records handler registration; it never connects to a server.

    LiveKit's RoomIO waits on it for a connection that never comes, so the call runs
    as a text call with the caller's turns given by the test.
    """

    def __init__(self, journal: list[str]) -> None:
        super().__init__()
        self._journal = journal

    @property
    def name(self) -> str:
        return ROOM

    def on(self, event: Any, callback: Any = None) -> Any:
        self._journal.append(f"room.on {event}")
        return super().on(event, callback)


def participant(
    *, sip: bool = True, number: str | None = CALLER_NUMBER, identity: str = "sip_caller"
) -> rtc.RemoteParticipant:
    """A remote participant as LiveKit would describe a SIP or browser caller."""
    kind = (
        rtc.ParticipantKind.PARTICIPANT_KIND_SIP
        if sip
        else rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD
    )
    attributes = {"sip.phoneNumber": number} if number else {}
    info = participant_pb2.ParticipantInfo(
        identity=identity,
        kind=kind,
        attributes=attributes,
        state=rtc.ParticipantState.PARTICIPANT_STATE_ACTIVE,
    )
    return rtc.RemoteParticipant(participant_pb2.OwnedParticipant(info=info))


@dataclass
class Job:
    """An answered call in a fake job, with its room, context and store."""

    ctx: JobContext
    room: FakeRoom
    call: Answered
    store: SqliteCallStore
    journal: list[str] = field(default_factory=list)

    def join(self, caller: rtc.RemoteParticipant) -> None:
        """The caller joins the room."""
        self.room._remote_participants[caller.identity] = caller
        self.room.emit("participant_connected", caller)
        self.room.emit("participant_active", caller)

    def leave(self, caller: rtc.RemoteParticipant) -> None:
        """The caller hangs up."""
        self.room._remote_participants.pop(caller.identity, None)
        self.room.emit("participant_disconnected", caller)

    async def shut_down(self, reason: str = "job shutdown") -> None:
        """What LiveKit does at the end of a job: every shutdown callback, concurrently."""
        await asyncio.gather(*(cb(reason) for cb in self.ctx._shutdown_callbacks))

    async def ended(self, timeout: float = 20.0) -> None:
        """Wait until the call has ended and its record is closed (generous: CI is slow)."""
        await asyncio.wait_for(self.call.run.orchestrator.finished.wait(), timeout)
        await self.settle()

    async def settle(self) -> None:
        """Let background work (greeting, handoffs, spawned events) finish."""
        await asyncio.sleep(0)
        await self.call.run.orchestrator.wait_idle()
        await asyncio.gather(*list(self.call.tasks), return_exceptions=True)


_PREPARED: dict[str, Prewarmed] = {}


def prewarmed(settings: WorkerSettings) -> Prewarmed:
    """Prewarm once per test module's settings shape (the VAD load is shared)."""
    base = _PREPARED.get("base")
    if base is None:
        base = _PREPARED["base"] = prepare(WorkerSettings(turn={"detector": "vad"}))
    return Prewarmed(settings, default_agency(), base.vad, base.detector, base.seconds)


@contextlib.asynccontextmanager
async def answered(
    settings: WorkerSettings | None = None, *, journal: list[str] | None = None, **seams: Any
) -> AsyncIterator[Job]:
    """A call answered by the worker's entry point in a fake job, shut down afterwards."""
    settings = settings or WorkerSettings()
    journal = [] if journal is None else journal
    room = FakeRoom(journal)
    store = SqliteCallStore(":memory:")

    @contextlib.asynccontextmanager
    async def open_store(_settings: WorkerSettings) -> AsyncIterator[Records]:
        yield Records(store, Outbox(store, LogDelivery(), clock=seams.get("clock") or _now))

    with fake_job_context(room=room, job_id="job-1") as ctx:
        ctx._connected = False
        original_callback = ctx.add_shutdown_callback

        def add_shutdown_callback(callback: Any) -> None:
            journal.append("shutdown callback")
            original_callback(callback)

        async def connect(**_: Any) -> None:
            journal.append("connect")
            ctx._connected = True

        async def wait_for_participant(*, kind: Any = None, **_: Any) -> rtc.RemoteParticipant:
            # LiveKit's own wait needs a connected room; this one answers the same way.
            joined: asyncio.Future[rtc.RemoteParticipant] = asyncio.Future()

            def active(p: rtc.RemoteParticipant) -> None:
                if (kind is None or p.kind in kind) and not joined.done():
                    joined.set_result(p)

            room.on("participant_active", active)
            for p in room.remote_participants.values():
                active(p)
            try:
                return await joined
            finally:
                room.off("participant_active", active)

        ctx.add_shutdown_callback = add_shutdown_callback  # type: ignore[method-assign]
        ctx.connect = connect  # type: ignore[method-assign]
        ctx.wait_for_participant = wait_for_participant  # type: ignore[method-assign]
        call = await answer(ctx, prewarmed(settings), Seams(open_records=open_store, **seams))
        job = Job(ctx, room, call, store, journal)
        try:
            yield job
        finally:
            if not call.finished.is_set():
                await job.shut_down()
            await store.close()


def _now() -> datetime:
    return datetime.now(UTC)
