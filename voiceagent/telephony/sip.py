"""Telephony over LiveKit SIP: cold transfer by SIP REFER, hang-up by deleting the room.

Every request is bounded by one timeout (audit A6) and every failure, whether an
API error, a refused REFER or a timeout, comes back as a `TransferResult` rather
than an exception: the orchestrator turns it into the chart's transfer-failed
event, so the caller is never stranded (agency.md §0, "Transfer failure").

Logs carry static event names and only masked addresses. The room name and the
caller's participant identity are never logged: LiveKit derives both from the
caller's number on SIP dispatch.
"""

from __future__ import annotations

import asyncio
import math

import aiohttp
import structlog
from livekit import api as lk

from statecharts import Target
from voiceagent.telephony.hold import HoldAudio
from voiceagent.telephony.port import (
    NO_DESTINATION,
    TransferKind,
    TransferResult,
    destination_for,
    mask_destination,
)

__all__ = ["SipTelephony"]

_log = structlog.get_logger(__name__)

_RINGING_MARGIN = 2.0
"""Seconds left between the end of the ring window and our own deadline."""


class SipTelephony:
    """A `TelephonyPort` for a caller who reached the agency over SIP.

    Args:
        api: A LiveKit server API client (in a job, `JobContext.api`).
        room_name: The call's room.
        participant_identity: The SIP caller's participant identity in that room.
        ring_seconds: How long a transferred call rings before it counts as
            unanswered (long enough for a person to pick up).
        timeout: Seconds any one request may take before it counts as failed;
            by default the ring time plus a margin. The ring window sent with a
            transfer always ends before it, so the SIP service gives up on an
            unanswered extension and reports it, instead of being abandoned mid-ring.
        hold: Hold audio played to the caller while a transfer connects.
    """

    def __init__(
        self,
        api: lk.LiveKitAPI,
        room_name: str,
        participant_identity: str,
        *,
        ring_seconds: float = 30.0,
        timeout: float | None = None,
        hold: HoldAudio | None = None,
    ) -> None:
        timeout = ring_seconds + _RINGING_MARGIN if timeout is None else timeout
        if timeout <= 0 or ring_seconds <= 0:
            raise ValueError("timeout and ring_seconds must be positive")
        self._api = api
        self._room_name = room_name
        self._identity = participant_identity
        self._timeout = timeout
        self._ring = max(1, math.floor(min(ring_seconds, timeout - _RINGING_MARGIN)))
        self._hold = hold

    async def transfer(self, target: Target) -> TransferResult:
        """Cold-transfer the caller to the target's live destination."""
        return await self._transfer(TransferKind.LIVE, target)

    async def transfer_to_voicemail(self, target: Target) -> TransferResult:
        """Transfer the caller to the target's voicemail box."""
        return await self._transfer(TransferKind.VOICEMAIL, target)

    async def hang_up(self) -> None:
        """Delete the call's room, which disconnects the caller.

        A failure is logged, not raised: hang-up runs while the call is being torn
        down, and a room left behind is closed by LiveKit once it empties.
        """
        try:
            async with asyncio.timeout(self._timeout):
                await self._api.room.delete_room(lk.DeleteRoomRequest(room=self._room_name))
        except TimeoutError:
            _log.warning("hang up timed out", timeout=self._timeout)
        except lk.ServerError as error:
            _log.warning("hang up failed", code=error.code, status=error.status)
        except aiohttp.ClientError as error:
            _log.warning("hang up failed", error_type=type(error).__name__)
        else:
            _log.info("call hung up")

    async def _transfer(self, kind: TransferKind, target: Target) -> TransferResult:
        destination = destination_for(kind, target)
        if destination is None:
            _log.info("transfer not attempted", kind=kind.value, target=target.name)
            return TransferResult(connected=False, reason=NO_DESTINATION)
        fields = {
            "kind": kind.value,
            "target": target.name,
            "destination_masked": mask_destination(destination),
        }
        _log.info("transfer requested", **fields)
        request = lk.TransferSIPParticipantRequest(
            room_name=self._room_name,
            participant_identity=self._identity,
            transfer_to=destination,
            play_dialtone=False,
        )
        request.ringing_timeout.seconds = self._ring
        if self._hold is not None:
            await self._hold.start()
        try:
            result = await self._send(request)
        finally:
            if self._hold is not None:
                await self._hold.stop()
        if result.connected:
            _log.info("transfer connected", **fields)
        else:
            _log.warning("transfer failed", reason=result.reason, **fields)
        return result

    async def _send(self, request: lk.TransferSIPParticipantRequest) -> TransferResult:
        """Issue the transfer and fold every way it can fail into a `TransferResult`.

        Reasons are built from codes only, never from the server's message text,
        which may quote the dialled address.
        """
        try:
            async with asyncio.timeout(self._timeout):
                response = await self._api.sip.transfer_sip_participant(request)
        except TimeoutError:
            return TransferResult(connected=False, reason="timed out")
        except lk.SipCallError as error:
            detail = error.sip_transfer_reason or f"SIP {error.sip_status_code or 'error'}"
            return TransferResult(connected=False, reason=f"transfer refused: {detail}")
        except lk.ServerError as error:
            return TransferResult(
                connected=False, reason=f"livekit error {error.code} (HTTP {error.status})"
            )
        except aiohttp.ClientError as error:
            return TransferResult(
                connected=False, reason=f"connection error: {type(error).__name__}"
            )
        except Exception as error:  # e.g. the job's HTTP session already closed: never strand
            return TransferResult(connected=False, reason=f"unexpected {type(error).__name__}")
        # An empty response (older servers) reads as ONGOING: the REFER was accepted.
        if response.status == lk.SIPTransferStatus.STS_TRANSFER_FAILED:
            reason_name = _reason_name(response.reason)
            return TransferResult(connected=False, reason=f"transfer refused: {reason_name}")
        return TransferResult(connected=True, reason="connected")


def _reason_name(reason: int) -> str:
    """The transfer reason's enum name, tolerating values newer than this client."""
    try:
        return lk.SIPTransferReason.Name(reason)
    except ValueError:
        return f"reason {reason}"
