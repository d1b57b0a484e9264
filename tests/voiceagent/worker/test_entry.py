"""The worker's entry point under LiveKit's test job context, with the offline brain."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from livekit import api
from livekit.agents import AgentSession
from structlog.testing import capture_logs

from statecharts import MessageKind, OutcomeKind
from tests.voiceagent.session.test_fatal_errors import BrokenLLM
from tests.voiceagent.telephony.test_telephony import SECRET, TwirpStub
from tests.voiceagent.worker.job import CALLER_NUMBER, ROOM, answered, participant
from voiceagent.telephony.sip import SipTelephony
from voiceagent.worker.connection import HOLD_ON_LINE
from voiceagent.worker.settings import WorkerSettings

pytestmark = pytest.mark.session


async def test_lifecycle_runs_in_the_audit_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shutdown callback and room handlers, then session.start, then connect (audit A1)."""
    starts: list[dict[str, Any]] = []
    original = AgentSession.start
    journal: list[str] = []

    async def start(self: AgentSession[Any], agent: Any, **kwargs: Any) -> Any:
        journal.append("session.start")
        starts.append(kwargs)
        return await original(self, agent, **kwargs)

    monkeypatch.setattr(AgentSession, "start", start)
    async with answered(journal=journal) as job:
        started = journal.index("session.start")
        before, after = journal[:started], journal[started:]
        assert "shutdown callback" in before
        for event in ("reconnecting", "reconnected", "disconnected", "participant_disconnected"):
            assert f"room.on {event}" in before
        assert "connect" not in before
        assert "connect" in after
        assert job.call.steps == ["handlers registered", "session started", "connected"]
        (kwargs,) = starts
        assert kwargs["room"] is job.room
        options = kwargs["room_options"]
        assert options.close_on_disconnect is True
        assert options.delete_room_on_close is True


async def test_a_sip_caller_prefills_the_caller_number() -> None:
    """A SIP caller's `sip.phoneNumber` pre-fills the record, and transfers will dial SIP."""
    async with (
        api.LiveKitAPI("http://127.0.0.1:9", "devkey", "x" * 32) as lk,
        answered(api=lambda _ctx: lk) as job,
    ):
        job.join(participant(sip=True))
        assert job.call.meeting is not None
        await asyncio.wait_for(job.call.meeting, 5)
        assert job.call.run.chart.record.caller_number == CALLER_NUMBER
        assert job.call.line.on_sip
        assert isinstance(job.call.line._sip_phone(), SipTelephony)
        assert job.call.steps[-1] == "caller met"


async def test_a_browser_caller_is_recorded_not_dialled() -> None:
    """A standard (browser) participant has no number and their transfers are only recorded."""
    async with answered() as job:
        job.join(participant(sip=False, number=None, identity="web-caller"))
        assert job.call.meeting is not None
        await asyncio.wait_for(job.call.meeting, 5)
        assert job.call.run.chart.record.caller_number is None
        assert not job.call.line.on_sip
        assert job.call.line._sip_phone() is None


async def test_a_caller_who_hangs_up_ends_the_call_in_the_chart() -> None:
    """The caller leaving the room fires the chart's hangup; the record is closed."""
    async with answered() as job:
        caller = participant()
        job.join(caller)
        await job.settle()
        job.leave(caller)
        await job.settle()
        assert job.call.run.ended
        assert job.call.run.chart.outcome is not None
        assert job.call.run.chart.outcome.kind is OutcomeKind.HUNG_UP
        assert "hangup" in [name for name, _ in job.call.run.chart.event_log]


async def test_silence_checks_in_then_ends_the_call() -> None:
    """User-away feeds the chart's check-in; more silence ends the call."""
    settings = WorkerSettings(turn={"user_away_timeout": 0.3})
    async with answered(settings) as job:
        await job.settle()
        session = job.call.run.session
        assert session.options.user_away_timeout == 0.3
        # LiveKit's away timer runs only for a caller linked in a connected room; a room
        # that never connects cannot link one, so mark the caller away as it would.
        session._update_user_state("away")
        await job.ended()
        said = " ".join(line.text for line in job.call.run.transcript if line.speaker == "agent")
        assert "Just checking in." in said
        assert job.call.run.ended


async def test_the_maximum_call_length_ends_the_call_with_a_callback() -> None:
    """Past the maximum length the chart stores a callback request and ends the call."""
    settings = WorkerSettings(call={"max_minutes": 0.005})
    async with answered(settings) as job:
        await job.ended()
        assert job.call.timer.fired
        assert "call_time_limit" in [name for name, _ in job.call.run.chart.event_log]
        messages = await job.store.list_messages(job.call.run.orchestrator.call_id)
        assert [m.message.kind for m in messages] == [MessageKind.CALLBACK]


async def test_a_fatal_model_error_ends_the_call_safely() -> None:
    """An LLM failing beyond retry ends the call with a message stored for staff."""
    async with answered(brain=BrokenLLM) as job:
        await job.settle()
        await job.call.run.say("I need a quote for my car")  # the model is first asked here
        await job.ended()
        assert job.call.run.ended
        messages = await job.store.list_messages(job.call.run.orchestrator.call_id)
        assert [m.message.kind for m in messages] == [MessageKind.ERROR]


async def test_a_long_reconnect_asks_the_caller_to_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reconnects are logged with their length; a long one earns a "please hold on"."""
    settings = WorkerSettings(call={"reconnect_hold_seconds": 0.05})
    said: list[str] = []
    async with answered(settings) as job:
        await job.settle()
        monkeypatch.setattr(job.call.run.session, "say", lambda text, **_: said.append(text))
        with capture_logs() as logs:
            job.room.emit("reconnecting")
            await asyncio.sleep(0.2)
            job.room.emit("reconnected")
        assert said == [HOLD_ON_LINE]
        events = [entry["event"] for entry in logs]
        assert events[:3] == [
            "room reconnecting",
            "caller asked to hold during reconnect",
            "room reconnected",
        ]
        assert next(e for e in logs if e["event"] == "room reconnected")["seconds"] >= 0.05
        assert job.call.watch.reconnects == 1
        assert not job.call.run.ended


async def test_a_short_reconnect_says_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reconnect shorter than the hold threshold is only logged."""
    said: list[str] = []
    async with answered() as job:
        await job.settle()
        monkeypatch.setattr(job.call.run.session, "say", lambda text, **_: said.append(text))
        job.room.emit("reconnecting")
        job.room.emit("reconnected")
        await asyncio.sleep(0.05)
        assert said == []


async def test_a_lost_room_ends_the_call_with_its_record() -> None:
    """The room disconnecting for good fires hangup, and the record is kept."""
    async with answered() as job:
        await job.settle()
        job.room.emit("disconnected", 0)
        await job.settle()
        assert job.call.run.ended
        record = await job.store.get_call(job.call.run.orchestrator.call_id)
        assert record is not None
        assert record.finished_at is not None


async def test_shutdown_closes_the_record_and_flushes_the_outbox() -> None:
    """The shutdown callback finalises the call, saves usage and delivers pending messages."""
    settings = WorkerSettings(call={"max_minutes": 0.005})
    async with answered(settings) as job:
        await job.ended()
        call_id = job.call.run.orchestrator.call_id
        with capture_logs() as logs:
            await asyncio.wait_for(job.shut_down(), settings.worker.shutdown_seconds)
        assert job.call.finished.is_set()
        record = await job.store.get_call(call_id)
        assert record is not None
        assert record.outcome is not None
        assert await job.store.pending_deliveries() == []
        kinds = [metric.kind for metric in await job.store.call_metrics(call_id)]
        assert "usage" in kinds
        events = [entry["event"] for entry in logs]
        assert "call shutting down" in events
        assert "call record closed" in events


async def test_shutdown_of_a_live_call_hangs_it_up_first() -> None:
    """A job shut down while the caller is still on the line ends the call in the chart."""
    async with answered() as job:
        await job.settle()
        assert not job.call.run.ended
        await job.shut_down("worker draining")
        assert job.call.run.ended
        record = await job.store.get_call(job.call.run.orchestrator.call_id)
        assert record is not None
        assert record.outcome is not None
        assert record.outcome.kind is OutcomeKind.HUNG_UP


async def test_every_log_line_names_the_call_room_and_job() -> None:
    """Call id, room and job travel on every line the worker logs (contextvars)."""
    with capture_logs(processors=[__import__("structlog").contextvars.merge_contextvars]) as logs:
        async with answered() as job:
            await job.settle()
    assert logs
    for entry in logs:
        assert entry.get("room") == ROOM, entry
        assert entry.get("job") == "job-1", entry
        assert entry.get("call_id"), entry


OPEN_UTC = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
"""Tuesday 10:00 Eastern: open, so a routed caller is transferred live."""


@pytest.fixture
async def twirp() -> AsyncIterator[tuple[TwirpStub, api.LiveKitAPI]]:
    stub = TwirpStub(mode="error")
    app = web.Application()
    app.router.add_post("/twirp/livekit.SIP/TransferSIPParticipant", stub.transfer)
    app.router.add_post("/twirp/livekit.RoomService/DeleteRoom", stub.delete_room)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    lk = api.LiveKitAPI(str(server.make_url("")), "devkey", SECRET)
    yield stub, lk
    await lk.aclose()
    await server.close()


async def test_a_failed_sip_transfer_is_an_event_for_the_chart(
    twirp: tuple[TwirpStub, api.LiveKitAPI],
) -> None:
    """A SIP caller is dialled at the settings' destination; a refusal fires transfer_failed."""
    stub, lk = twirp
    settings = WorkerSettings(
        telephony={"extension_destination": "sip:{extension}@pbx.test", "hold_music": False}
    )
    async with answered(settings, api=lambda _ctx: lk, clock=lambda: OPEN_UTC) as job:
        job.join(participant(sip=True))
        assert job.call.meeting is not None
        await asyncio.wait_for(job.call.meeting, 5)
        await job.settle()
        for text in ("I need a quote for my car", "Kelly Urban, U R B A N, 407 555 0123"):
            await job.call.run.say(text)
        await job.settle()
        assert [sent.transfer_to for sent in stub.transfers] == ["sip:7007@pbx.test"]
        assert [sent.participant_identity for sent in stub.transfers] == ["sip_caller"]
        events = [name for name, _ in job.call.run.chart.event_log]
        assert "transfer_failed" in events
        metrics = await job.store.call_metrics(job.call.run.orchestrator.call_id)
        turns = [m.figures for m in metrics if m.kind == "turn"]
        assert turns
        assert any("llm_first_token" in turn for turn in turns)


async def test_a_call_stuck_at_shutdown_still_gets_its_record_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A goodbye that never finishes playing cannot leave the call open in the store."""
    settings = WorkerSettings(worker={"shutdown_seconds": 1.0})
    async with answered(settings) as job:
        await job.settle()
        forever = asyncio.Event()

        async def never_played() -> None:
            await forever.wait()

        monkeypatch.setattr(job.call.run.orchestrator, "_played", never_played)
        with capture_logs() as logs:
            await asyncio.wait_for(job.shut_down(), 5)
        record = await job.store.get_call(job.call.run.orchestrator.call_id)
        assert record is not None
        assert record.finished_at is not None
        assert record.outcome is not None
        events = [entry["event"] for entry in logs]
        assert "call did not end in time" in events
        assert "call record closed by the shutdown" in events
        forever.set()


async def test_shutdown_in_livekits_order_closes_the_record() -> None:
    """LiveKit closes the session first, then runs the callbacks: the record still closes."""
    async with answered() as job:
        await job.settle()
        await job.call.run.session.aclose()
        await asyncio.wait_for(job.shut_down(), 10)
        record = await job.store.get_call(job.call.run.orchestrator.call_id)
        assert record is not None
        assert record.finished_at is not None
        assert record.outcome is not None
        assert record.outcome.kind is OutcomeKind.HUNG_UP


async def test_the_reply_watchdog_bound_comes_from_settings() -> None:
    """VOICEAGENT_CALL__REPLY_BOUND_SECONDS sets the call's reply watchdog (issue 13)."""
    settings = WorkerSettings(call={"reply_bound_seconds": 7.5})
    async with answered(settings) as job:
        assert job.call.run.orchestrator.watchdog.bound == 7.5
