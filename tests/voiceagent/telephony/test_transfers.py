"""Transfers as the worker makes them: the exact Twirp request, hold audio, warm or cold.

Against a local server on 127.0.0.1 speaking LiveKit's Twirp API (`TwirpStub`):
what could not be tested offline is LiveKit's own warm-transfer dial (a second room,
an outbound trunk); its hand-over is tested here with a fake transfer task.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import jwt
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from livekit import api
from livekit.agents import Agent, AgentSession, ToolError, llm

from statecharts import CallerRecord, Intent
from tests.voiceagent.telephony.test_telephony import CLAIMS, LOUIS, SECRET, TwirpStub
from tests.voiceagent.worker.job import participant
from voiceagent.brain import OfflineBrain
from voiceagent.telephony.line import CallLine
from voiceagent.telephony.port import NO_DESTINATION, TransferResult
from voiceagent.telephony.sip import SipTelephony
from voiceagent.telephony.warm import TransferHost, WarmTransfer, wants_warm_transfer

pytestmark = pytest.mark.unit


@dataclass
class Recorder(TwirpStub):
    """The stub, also keeping each request's bearer token and answering after a delay."""

    tokens: list[str] = field(default_factory=list)
    delay: float = 0.0
    hold_playing: list[bool] = field(default_factory=list)
    hold: FakeHold | None = None

    async def transfer(self, request: web.Request) -> web.StreamResponse:
        self.tokens.append(request.headers["Authorization"].removeprefix("Bearer "))
        if self.hold is not None:
            self.hold_playing.append(self.hold.playing)
        if self.delay:
            await asyncio.sleep(self.delay)
        return await super().transfer(request)


@dataclass
class FakeHold:
    """Hold audio that records when it plays."""

    moves: list[str] = field(default_factory=list)
    playing: bool = False

    async def start(self) -> None:
        self.moves.append("start")
        self.playing = True

    async def stop(self) -> None:
        self.moves.append("stop")
        self.playing = False


@dataclass
class Server:
    stub: Recorder
    lk: api.LiveKitAPI
    hold: FakeHold

    def phone(self, **options: Any) -> SipTelephony:
        return SipTelephony(self.lk, "hli-call-1", "sip_caller", hold=self.hold, **options)


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    hold = FakeHold()
    stub = Recorder(hold=hold)
    app = web.Application()
    app.router.add_post("/twirp/livekit.SIP/TransferSIPParticipant", stub.transfer)
    app.router.add_post("/twirp/livekit.RoomService/DeleteRoom", stub.delete_room)
    test_server = TestServer(app, host="127.0.0.1")
    await test_server.start_server()
    lk = api.LiveKitAPI(str(test_server.make_url("")), "devkey", SECRET)
    yield Server(stub, lk, hold)
    stub.release.set()
    await lk.aclose()
    await test_server.close()


async def test_the_request_and_its_token_are_exact(server: Server) -> None:
    """A cold transfer sends the room, caller, destination and 30 s ring, signed for SIP."""
    assert (await server.phone().transfer(LOUIS)).connected
    (sent,) = server.stub.transfers
    assert sent == api.TransferSIPParticipantRequest(
        room_name="hli-call-1",
        participant_identity="sip_caller",
        transfer_to="sip:7017@pbx.example.invalid",
        play_dialtone=False,
        ringing_timeout={"seconds": 30},
    )
    claims = jwt.decode(server.stub.tokens[0], SECRET, algorithms=["HS256"])
    assert claims["iss"] == "devkey"
    assert claims["video"]["roomAdmin"] is True
    assert claims["video"]["room"] == "hli-call-1"
    assert claims["sip"]["call"] is True
    assert claims["exp"] > claims["nbf"]


async def test_the_ring_time_comes_from_settings(server: Server) -> None:
    """The ring window sent is the configured ring time."""
    await server.phone(ring_seconds=45).transfer(LOUIS)
    assert server.stub.transfers[0].ringing_timeout.seconds == 45


async def test_hold_audio_plays_while_the_transfer_connects(server: Server) -> None:
    """Hold music starts before the request, plays during it, and stops after."""
    assert (await server.phone().transfer(LOUIS)).connected
    assert server.stub.hold_playing == [True]
    assert server.hold.moves == ["start", "stop"]


async def test_a_slow_answer_still_connects(server: Server) -> None:
    """A server that answers slowly, within the deadline, completes the transfer."""
    server.stub.delay = 0.3
    assert (await server.phone(timeout=5.0).transfer(LOUIS)).connected


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("hang", "timed out"),
        ("error", "livekit error invalid_argument (HTTP 400)"),
        ("sip_refused", "transfer refused: SIP 486"),
    ],
)
async def test_a_failed_transfer_stops_the_hold_audio(
    server: Server, mode: str, reason: str
) -> None:
    """Whatever way the transfer fails, the result says why and the hold music stops."""
    server.stub.mode = mode
    result = await server.phone(timeout=0.5).transfer(LOUIS)
    assert result == TransferResult(connected=False, reason=reason)
    assert server.hold.moves == ["start", "stop"]


async def test_no_destination_neither_dials_nor_plays_hold(server: Server) -> None:
    """A target with nowhere to dial fails at once: no request, no hold music."""
    assert await server.phone().transfer(CLAIMS) == TransferResult(False, NO_DESTINATION)
    assert server.stub.transfers == []
    assert server.hold.moves == []


# --- the call's line: recorded, cold or warm ------------------------------------------------


def _line(server: Server, *, warm: WarmTransfer | None = None, wants: bool = False) -> CallLine:
    return CallLine(sip=lambda p: server.phone(), warm=warm, wants_warm=lambda: wants)


async def test_a_caller_not_on_sip_is_recorded_not_dialled(server: Server) -> None:
    """A browser caller's transfer is recorded and reported connected; nothing is dialled."""
    line = _line(server)
    line.caller_joined(participant(sip=False, number=None, identity="web"))
    assert (await line.transfer(LOUIS)).connected
    assert (await line.transfer_to_voicemail(LOUIS)).connected
    assert [t.name for _, t in line.recorded.transfers] == ["Louis", "Louis"]
    assert server.stub.transfers == []


async def test_a_sip_caller_is_transferred_cold(server: Server) -> None:
    """Without a trunk, a SIP caller's transfer is a SIP REFER to the destination."""
    line = _line(server, wants=True)
    line.caller_joined(participant(sip=True))
    assert (await line.transfer(LOUIS)).connected
    assert [t.transfer_to for t in server.stub.transfers] == [LOUIS.destination]


def test_something_else_is_the_warm_intent() -> None:
    """Only the "something else" caller is handed over warm (agency.md §3)."""
    assert wants_warm_transfer(CallerRecord(call_intent=Intent.SOMETHING_ELSE))
    assert not wants_warm_transfer(CallerRecord(call_intent=Intent.NEW_QUOTE))
    assert not wants_warm_transfer(CallerRecord())


class _Front(Agent):
    def __init__(self) -> None:
        super().__init__(instructions="front desk")


@pytest.fixture
async def session() -> AsyncIterator[AgentSession[Any]]:
    async with AgentSession(
        llm=OfflineBrain(), vad=None, turn_handling={"turn_detection": None}
    ) as s:
        await s.start(_Front())
        yield s


async def test_a_warm_transfer_hands_the_call_to_the_transfer_task(
    session: AgentSession[Any], server: Server
) -> None:
    """With a trunk, the something-else caller's transfer runs the warm task on the session."""
    asked: list[dict[str, Any]] = []

    async def accepted() -> str:
        await asyncio.sleep(0.05)
        return "human-agent-sip"

    def task(destination: str, **options: Any) -> Any:
        asked.append({"destination": destination, **options})
        return accepted()

    warm = WarmTransfer(lambda: session, trunk_id="ST_trunk", ring_seconds=20, task=task)
    line = _line(server, warm=warm, wants=True)
    line.caller_joined(participant(sip=True))
    assert await line.transfer(LOUIS) == TransferResult(connected=True, reason="connected")
    assert isinstance(session.current_agent, TransferHost)
    (request,) = asked
    assert request["destination"] == LOUIS.destination
    assert request["trunk_id"] == "ST_trunk"
    assert request["ring_seconds"] == 20
    assert isinstance(request["chat_ctx"], llm.ChatContext)
    assert server.stub.transfers == []  # not a cold REFER
    await line.hang_up()
    assert server.stub.deletions == []  # the caller stays with the colleague


async def test_a_declined_warm_transfer_is_a_failure(session: AgentSession[Any]) -> None:
    """A colleague who declines (LiveKit's ToolError) gives a failed result for the chart."""

    async def declined() -> None:
        raise ToolError("human agent declined to connect: busy")

    warm = WarmTransfer(
        lambda: session, trunk_id="ST", ring_seconds=5, task=lambda *_, **__: declined()
    )
    result = await warm.transfer(LOUIS)
    assert not result.connected
    assert "declined" in result.reason
    assert not warm.connected


async def test_a_warm_transfer_that_never_answers_times_out(
    session: AgentSession[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm transfer past its ring time and margin fails as timed out."""
    monkeypatch.setattr("voiceagent.telephony.warm._MARGIN", 0.1)

    async def ringing() -> None:
        await asyncio.sleep(60)

    warm = WarmTransfer(
        lambda: session, trunk_id="ST", ring_seconds=0.1, task=lambda *_, **__: ringing()
    )
    assert await warm.transfer(LOUIS) == TransferResult(connected=False, reason="timed out")


async def test_a_warm_transfer_without_destination_is_not_tried(session: AgentSession[Any]) -> None:
    """No destination: the chart hears at once that there is nowhere to transfer."""
    warm = WarmTransfer(lambda: session, trunk_id="ST", ring_seconds=5, task=lambda *_, **__: None)  # type: ignore[arg-type,return-value]
    assert await warm.transfer(CLAIMS) == TransferResult(False, NO_DESTINATION)
