"""The phone line of one call in a LiveKit room: SIP callers are dialled, others recorded.

The worker knows who the caller is only once they have joined, so the line is made
before the session starts and told the caller later. A SIP caller is transferred
through LiveKit SIP: warm for the "something else" caller when an outbound trunk is
configured, cold otherwise. A caller in a browser or app is not on the phone
network: their transfer is recorded, not dialled, and the chart runs the same path
(DESIGN.md, "Telephony").
"""

from __future__ import annotations

from collections.abc import Callable

import structlog
from livekit import rtc

from statecharts import Target
from voiceagent.telephony.console import ConsoleTelephony
from voiceagent.telephony.port import TelephonyPort, TransferResult
from voiceagent.telephony.warm import WarmTransfer

__all__ = ["CallLine"]

_log = structlog.get_logger(__name__)

SipFactory = Callable[[rtc.Participant], TelephonyPort]
"""Makes the SIP telephony for a SIP caller (their identity is only known once they join)."""


class CallLine:
    """A `TelephonyPort` that picks how to reach the caller's destination.

    Args:
        sip: Makes cold-transfer SIP telephony for a SIP caller.
        warm: Warm transfers, when an outbound trunk is configured.
        wants_warm: Whether the current caller is to be handed over warm.
    """

    def __init__(
        self,
        *,
        sip: SipFactory,
        warm: WarmTransfer | None,
        wants_warm: Callable[[], bool],
    ) -> None:
        self._sip = sip
        self._warm = warm
        self._wants_warm = wants_warm
        self._recorded = ConsoleTelephony()
        self._caller: rtc.Participant | None = None
        self._phone: TelephonyPort | None = None

    @property
    def recorded(self) -> ConsoleTelephony:
        """Transfers recorded, not dialled, for a caller who is not on SIP."""
        return self._recorded

    @property
    def on_sip(self) -> bool:
        """Whether the caller reached the agency over the phone network."""
        caller = self._caller
        return caller is not None and caller.kind == rtc.ParticipantKind.PARTICIPANT_KIND_SIP

    def caller_joined(self, participant: rtc.Participant) -> None:
        """The caller is in the room: from now on transfers reach them."""
        self._caller = participant
        self._phone = None
        _log.info("caller joined", on_sip=self.on_sip)

    def _sip_phone(self) -> TelephonyPort | None:
        """The SIP telephony for a SIP caller, made on first use; None for anyone else."""
        if self._caller is None or not self.on_sip:
            return None
        if self._phone is None:
            self._phone = self._sip(self._caller)
        return self._phone

    async def transfer(self, target: Target) -> TransferResult:
        """Warm, cold, or recorded, by who the caller is and what they asked for."""
        phone = self._sip_phone()
        if phone is None:
            return await self._recorded.transfer(target)
        if self._warm is not None and self._wants_warm():
            return await self._warm.transfer(target)
        return await phone.transfer(target)

    async def transfer_to_voicemail(self, target: Target) -> TransferResult:
        """Voicemail is always a cold transfer (there is nobody to brief)."""
        phone = self._sip_phone()
        if phone is None:
            return await self._recorded.transfer_to_voicemail(target)
        return await phone.transfer_to_voicemail(target)

    async def hang_up(self) -> None:
        """End the call, unless a warm transfer has left the caller talking to a colleague.

        A caller who is not on SIP leaves when the session closes and deletes the room.
        """
        if self._warm is not None and self._warm.connected:
            _log.info("receptionist left a warm-transferred call")
            return
        phone = self._sip_phone()
        if phone is not None:
            await phone.hang_up()
            return
        await self._recorded.hang_up()
