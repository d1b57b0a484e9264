"""The in-process telephony used by console calls and tests: it dials nothing.

A console or browser caller is not on SIP, yet the orchestrator must run exactly
the path a phone call runs (DESIGN.md, "Telephony"). This fake records each
transfer it would have made and answers as configured, so tests can drive both
the connected and the failed branch of the chart without a network.
"""

from __future__ import annotations

from collections.abc import Callable

import structlog

from statecharts import Target
from voiceagent.telephony.port import (
    NO_DESTINATION,
    TransferKind,
    TransferResult,
    destination_for,
    mask_destination,
)

__all__ = ["ConsoleTelephony"]

_log = structlog.get_logger(__name__)

FailurePredicate = Callable[[TransferKind, Target], bool]


class ConsoleTelephony:
    """A `TelephonyPort` that records instead of dialling.

    Args:
        fail_transfers: False (the default) connects every transfer; True fails
            every one; a predicate `(kind, target) -> bool` fails the transfers
            it returns True for, e.g. only voicemail, or only one person.
        failure_reason: The reason reported for a transfer told to fail.
    """

    def __init__(
        self,
        *,
        fail_transfers: bool | FailurePredicate = False,
        failure_reason: str = "transfer refused by console telephony",
    ) -> None:
        self._fail = fail_transfers
        self._failure_reason = failure_reason
        self.transfers: list[tuple[TransferKind, Target]] = []
        """Every transfer that would have dialled, in order (not the unconfigured ones)."""
        self.hung_up = False
        """Whether the orchestrator has hung up."""

    async def transfer(self, target: Target) -> TransferResult:
        """Record a live transfer to the target's destination."""
        return self._attempt(TransferKind.LIVE, target)

    async def transfer_to_voicemail(self, target: Target) -> TransferResult:
        """Record a transfer to the target's voicemail box."""
        return self._attempt(TransferKind.VOICEMAIL, target)

    async def hang_up(self) -> None:
        """Note that the call was ended; nothing to tear down in-process."""
        self.hung_up = True
        _log.info("console call hung up")

    def _attempt(self, kind: TransferKind, target: Target) -> TransferResult:
        destination = destination_for(kind, target)
        if destination is None:
            _log.info("transfer not attempted", kind=kind.value, target=target.name)
            return TransferResult(connected=False, reason=NO_DESTINATION)
        self.transfers.append((kind, target))
        fails = self._fail(kind, target) if callable(self._fail) else self._fail
        _log.info(
            "console transfer recorded",
            kind=kind.value,
            target=target.name,
            destination_masked=mask_destination(destination),
            connected=not fails,
        )
        if fails:
            return TransferResult(connected=False, reason=self._failure_reason)
        return TransferResult(connected=True, reason="connected")
