"""The telephony port: the console fake, and SIP transfers against a local Twirp stub."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from livekit import api
from structlog.testing import capture_logs

from statecharts import Target, TargetKind
from voiceagent.telephony.console import ConsoleTelephony
from voiceagent.telephony.port import (
    NO_DESTINATION,
    TelephonyPort,
    TransferKind,
    TransferResult,
    mask_destination,
)
from voiceagent.telephony.sip import SipTelephony

pytestmark = pytest.mark.unit

OUTSIDE_NUMBER = "tel:+15559876543"
LOUIS = Target(
    kind=TargetKind.PERSON,
    name="Louis",
    spoken_name="Lewis",
    extension="7017",
    destination="sip:7017@pbx.example.invalid",
    voicemail="sip:vm7017@pbx.example.invalid",
)
CLAIMS = Target(kind=TargetKind.GROUP, name="Claims Team", spoken_name="our team", group="Claims")
SECRET = "a-test-secret-long-enough-for-hs256-signing"  # noqa: S105 - a local stub's key


# --- ConsoleTelephony ---------------------------------------------------------------


async def test_console_connects_and_records_a_live_transfer() -> None:
    """By default a console transfer connects and is recorded with its kind."""
    phone = ConsoleTelephony()
    result = await phone.transfer(LOUIS)
    assert result == TransferResult(connected=True, reason="connected")
    assert phone.transfers == [(TransferKind.LIVE, LOUIS)]


async def test_console_records_a_voicemail_transfer() -> None:
    """A voicemail transfer is recorded as such, after any earlier live one."""
    phone = ConsoleTelephony()
    await phone.transfer(LOUIS)
    result = await phone.transfer_to_voicemail(LOUIS)
    assert result.connected
    assert phone.transfers == [(TransferKind.LIVE, LOUIS), (TransferKind.VOICEMAIL, LOUIS)]


async def test_console_fails_every_transfer_when_told_to() -> None:
    """With fail_transfers=True every transfer fails, and is still recorded as attempted."""
    phone = ConsoleTelephony(fail_transfers=True, failure_reason="busy")
    assert await phone.transfer(LOUIS) == TransferResult(connected=False, reason="busy")
    assert await phone.transfer_to_voicemail(LOUIS) == TransferResult(False, "busy")
    assert [kind for kind, _ in phone.transfers] == [TransferKind.LIVE, TransferKind.VOICEMAIL]


async def test_console_predicate_chooses_which_transfers_fail() -> None:
    """A predicate fails only the transfers it selects: here, voicemail only."""
    phone = ConsoleTelephony(fail_transfers=lambda kind, _target: kind is TransferKind.VOICEMAIL)
    assert (await phone.transfer(LOUIS)).connected
    assert not (await phone.transfer_to_voicemail(LOUIS)).connected


@pytest.mark.parametrize("kind", list(TransferKind))
async def test_console_without_destination_fails_without_dialling(kind: TransferKind) -> None:
    """A target with no address for the kind fails with the fixed reason and is not recorded."""
    phone = ConsoleTelephony()
    send = phone.transfer if kind is TransferKind.LIVE else phone.transfer_to_voicemail
    assert await send(CLAIMS) == TransferResult(connected=False, reason=NO_DESTINATION)
    assert phone.transfers == []


async def test_console_hang_up_sets_the_flag() -> None:
    """Hanging up is recorded, and may happen more than once."""
    phone = ConsoleTelephony()
    assert not phone.hung_up
    await phone.hang_up()
    await phone.hang_up()
    assert phone.hung_up


def test_both_implementations_offer_the_port_methods() -> None:
    """ConsoleTelephony and SipTelephony both implement every method of the port."""
    for cls in (ConsoleTelephony, SipTelephony):
        for name in ("transfer", "transfer_to_voicemail", "hang_up"):
            assert asyncio.iscoroutinefunction(getattr(cls, name))
    port: TelephonyPort = ConsoleTelephony()
    assert port is not None


@pytest.mark.parametrize(
    ("destination", "masked"),
    [
        ("tel:+15559876543", "tel:***-***-6543"),
        ("sip:+15559876543@trunk.example.invalid", "sip:***-***-6543@trunk.example.invalid"),
        ("sip:7013@pbx.example.invalid", "sip:***-***-7013@pbx.example.invalid"),
        ("+15559876543", "***-***-6543"),
    ],
)
def test_mask_destination_keeps_scheme_and_host(destination: str, masked: str) -> None:
    """A dial address keeps its scheme and host and only the last four digits of its user."""
    assert mask_destination(destination) == masked


# --- SipTelephony against a local Twirp stub -----------------------------------------


@dataclass
class TwirpStub:
    """A LiveKit server that answers the two Twirp methods SipTelephony uses."""

    mode: str = "ok"
    transfers: list[api.TransferSIPParticipantRequest] = field(default_factory=list)
    deletions: list[api.DeleteRoomRequest] = field(default_factory=list)
    authorized: list[bool] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def transfer(self, request: web.Request) -> web.StreamResponse:
        self.authorized.append(request.headers.get("Authorization", "").startswith("Bearer "))
        self.transfers.append(api.TransferSIPParticipantRequest.FromString(await request.read()))
        if self.mode == "hang":
            await self.release.wait()
        if self.mode == "error":
            return web.json_response({"code": "invalid_argument", "msg": "bad"}, status=400)
        if self.mode == "sip_refused":
            meta = {"sip_status_code": "486", "sip_status": "Busy Here"}
            return web.json_response(
                {"code": "failed_precondition", "msg": "busy", "meta": meta}, status=400
            )
        status = api.SIPTransferStatus.STS_TRANSFER_SUCCESSFUL
        reason = api.SIPTransferReason.STR_COMPLETED
        if self.mode == "failed_status":
            status = api.SIPTransferStatus.STS_TRANSFER_FAILED
            reason = api.SIPTransferReason.STR_REJECTED
        body = api.TransferSIPParticipantResponse(transfer_id="TR_1", status=status, reason=reason)
        return web.Response(body=body.SerializeToString(), content_type="application/protobuf")

    async def delete_room(self, request: web.Request) -> web.StreamResponse:
        self.deletions.append(api.DeleteRoomRequest.FromString(await request.read()))
        if self.mode == "error":
            return web.json_response({"code": "not_found", "msg": "no room"}, status=404)
        body = api.DeleteRoomResponse().SerializeToString()
        return web.Response(body=body, content_type="application/protobuf")


@dataclass
class Stubbed:
    stub: TwirpStub
    lk: api.LiveKitAPI

    def phone(self, timeout: float = 10.0) -> SipTelephony:
        return SipTelephony(self.lk, "hli-call-1", "sip_caller", timeout=timeout)


@pytest.fixture
async def stubbed() -> AsyncIterator[Stubbed]:
    stub = TwirpStub()
    app = web.Application()
    app.router.add_post("/twirp/livekit.SIP/TransferSIPParticipant", stub.transfer)
    app.router.add_post("/twirp/livekit.RoomService/DeleteRoom", stub.delete_room)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    lk = api.LiveKitAPI(str(server.make_url("")), "devkey", SECRET)
    yield Stubbed(stub, lk)
    stub.release.set()
    await lk.aclose()
    await server.close()


async def test_sip_transfer_sends_the_request_fields(stubbed: Stubbed) -> None:
    """A live transfer REFERs the caller to the destination, without a dial tone."""
    result = await stubbed.phone(timeout=10.0).transfer(LOUIS)
    assert result == TransferResult(connected=True, reason="connected")
    (sent,) = stubbed.stub.transfers
    assert sent.room_name == "hli-call-1"
    assert sent.participant_identity == "sip_caller"
    assert sent.transfer_to == LOUIS.destination
    assert sent.play_dialtone is False
    assert sent.ringing_timeout.seconds == 8  # the ring window ends before our own deadline
    assert stubbed.stub.authorized == [True]


async def test_sip_voicemail_dials_the_voicemail_address(stubbed: Stubbed) -> None:
    """A voicemail transfer dials the target's voicemail box, not its extension."""
    assert (await stubbed.phone().transfer_to_voicemail(LOUIS)).connected
    assert [sent.transfer_to for sent in stubbed.stub.transfers] == [LOUIS.voicemail]


async def test_sip_without_destination_does_not_dial(stubbed: Stubbed) -> None:
    """A target with nowhere to dial fails at once and sends nothing to LiveKit."""
    phone = stubbed.phone()
    assert await phone.transfer(CLAIMS) == TransferResult(False, NO_DESTINATION)
    assert await phone.transfer_to_voicemail(replace(LOUIS, voicemail=None)) == TransferResult(
        False, NO_DESTINATION
    )
    assert stubbed.stub.transfers == []


async def test_sip_transfer_that_hangs_times_out(stubbed: Stubbed) -> None:
    """A server that never answers gives connected=False once the timeout passes."""
    stubbed.stub.mode = "hang"
    started = time.monotonic()
    result = await stubbed.phone(timeout=0.3).transfer(LOUIS)
    assert result == TransferResult(connected=False, reason="timed out")
    assert time.monotonic() - started < 2.0


async def test_sip_twirp_error_fails_the_transfer(stubbed: Stubbed) -> None:
    """A Twirp error reply becomes connected=False with its code, never an exception."""
    stubbed.stub.mode = "error"
    result = await stubbed.phone().transfer(LOUIS)
    assert not result.connected
    assert result.reason == "livekit error invalid_argument (HTTP 400)"


async def test_sip_refusal_reports_the_sip_status(stubbed: Stubbed) -> None:
    """A transfer refused with a SIP status reports that status as the reason."""
    stubbed.stub.mode = "sip_refused"
    assert await stubbed.phone().transfer(LOUIS) == TransferResult(
        False, "transfer refused: SIP 486"
    )


async def test_sip_failed_status_in_a_success_reply_fails(stubbed: Stubbed) -> None:
    """A reply whose status is FAILED means the transfer did not complete."""
    stubbed.stub.mode = "failed_status"
    assert await stubbed.phone().transfer(LOUIS) == TransferResult(
        False, "transfer refused: STR_REJECTED"
    )


async def test_sip_unreachable_server_fails_the_transfer() -> None:
    """A refused connection (nothing listening on the port) gives connected=False."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with api.LiveKitAPI(f"http://127.0.0.1:{port}", "devkey", SECRET) as lk:
        result = await SipTelephony(lk, "hli-call-1", "sip_caller", timeout=2.0).transfer(LOUIS)
    assert not result.connected
    assert result.reason.startswith("connection error")


async def test_sip_transfer_on_a_closed_client_fails_without_raising() -> None:
    """A transfer attempted after the job's HTTP session closed fails, it does not raise."""
    lk = api.LiveKitAPI("http://127.0.0.1:9", "devkey", SECRET)
    await lk.aclose()
    result = await SipTelephony(lk, "hli-call-1", "sip_caller").transfer(LOUIS)
    assert result == TransferResult(connected=False, reason="unexpected RuntimeError")


async def test_sip_hang_up_deletes_the_room(stubbed: Stubbed) -> None:
    """Hanging up deletes the call's room."""
    await stubbed.phone().hang_up()
    assert [sent.room for sent in stubbed.stub.deletions] == ["hli-call-1"]


async def test_sip_hang_up_failure_does_not_raise(stubbed: Stubbed) -> None:
    """A failed room deletion is logged, not raised: the call is ending anyway."""
    stubbed.stub.mode = "error"
    with capture_logs() as logs:
        await stubbed.phone().hang_up()
    assert [entry["event"] for entry in logs] == ["hang up failed"]


async def test_sip_logs_never_show_the_dialled_number(stubbed: Stubbed) -> None:
    """Transfer logs carry the destination masked, never the raw phone number."""
    outside = replace(LOUIS, destination=OUTSIDE_NUMBER)
    stubbed.stub.mode = "error"
    with capture_logs() as logs:
        await stubbed.phone().transfer(outside)
    assert [entry["event"] for entry in logs] == ["transfer requested", "transfer failed"]
    assert all(entry["destination_masked"] == "tel:***-***-6543" for entry in logs)
    assert "5559876543" not in repr(logs)
