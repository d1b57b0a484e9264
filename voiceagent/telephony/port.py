"""The telephony port: the three things the orchestrator asks of the phone line.

The chart decides *that* a caller is transferred, sent to voicemail or hung up on;
this port is the only seam through which the shell carries it out. Keeping it this
narrow lets console calls and tests run the very same orchestrator path as a SIP
call, with `ConsoleTelephony` recording what would have been dialled and
`SipTelephony` dialling through LiveKit.

A transfer never raises: it answers with a `TransferResult`, because a failed
transfer is an event the chart handles (a message, the carrier's line), never a
dead end for the caller (agency.md §0, "Transfer failure").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from statecharts import Target, mask_phone

__all__ = [
    "CONNECTED_EVENT",
    "FAILED_EVENT",
    "NO_DESTINATION",
    "TelephonyPort",
    "TransferKind",
    "TransferResult",
    "destination_for",
    "mask_destination",
]

NO_DESTINATION = "no destination configured"
"""The reason given, without dialling, when the agency configured nowhere to dial."""
CONNECTED_EVENT = "transfer_succeeded"
"""The chart event the orchestrator fires when a transfer connects."""
FAILED_EVENT = "transfer_failed"
"""The chart event the orchestrator fires when a transfer fails, with the `reason`."""


class TransferKind(StrEnum):
    """Which of a target's addresses a transfer dials."""

    LIVE = "transfer"
    """The person's extension or the ring group: `Target.destination`."""
    VOICEMAIL = "voicemail"
    """The person's voicemail box: `Target.voicemail`."""


@dataclass(frozen=True, slots=True)
class TransferResult:
    """What became of a transfer: the chart's next event depends on `connected`."""

    connected: bool
    reason: str
    """Why it failed (or "connected"); never contains caller data, so it can be logged."""


class TelephonyPort(Protocol):
    """The phone line as the orchestrator sees it.

    Implementations must answer a target with no address for the requested kind
    with `TransferResult(False, NO_DESTINATION)` without dialling (see
    `destination_for`), must never raise from a transfer, and must bound every
    call to the outside world with a timeout (audit A6).
    """

    async def transfer(self, target: Target) -> TransferResult:
        """Cold-transfer the caller to the target's live destination."""
        ...

    async def transfer_to_voicemail(self, target: Target) -> TransferResult:
        """Transfer the caller to the target's voicemail box."""
        ...

    async def hang_up(self) -> None:
        """End the call for the caller; safe to call more than once."""
        ...


def destination_for(kind: TransferKind, target: Target) -> str | None:
    """The address a transfer of this kind dials, or None when none is configured.

    Args:
        kind: A live transfer or a voicemail transfer.
        target: The routing decision, carrying the configured addresses.

    Returns:
        `target.destination` for a live transfer, `target.voicemail` for voicemail.
    """
    return target.destination if kind is TransferKind.LIVE else target.voicemail


def mask_destination(destination: str) -> str:
    """A dial address fit for a log line: the user part masked like a phone number.

    Destinations are SIP or tel URIs; their user part may be a caller-grade phone
    number (a carrier line, an outside mobile), so it is masked even when it is
    only an extension. The scheme and host stay readable, which is what an
    operator needs to tell a PBX address from a trunk one.

    >>> mask_destination("tel:+15559876543")
    'tel:***-***-6543'
    >>> mask_destination("sip:7013@pbx.example.invalid")
    'sip:***-***-7013@pbx.example.invalid'
    """
    scheme, colon, rest = destination.partition(":")
    if not colon:
        return mask_phone(destination)
    user, at, host = rest.partition("@")
    return f"{scheme}:{mask_phone(user)}{at}{host}"
