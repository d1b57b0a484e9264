"""The reply watchdog: a caller owed a reply is never left in silence.

The receptionist owes the caller a reply after the greeting, after each caller turn
and after a handoff (the new adapter must become live, and speak if the line before
it did not ask). Whatever the cause of a stall — a handoff LiveKit never carries out,
a reply lost, a wedged model — the watchdog notices that nothing was said within
`bound` seconds: it has the shell say a short holding line and retry, and if the
retry is not heard within the bound either, it ends the call through the chart's
error path (a message stored with what is known, an apology, a hang-up). Each event
is logged with the call id and counted in the call's record.

The watchdog only keeps time. What a retry is (a fresh reply, the handoff again) and
how a call is ended are the orchestrator's; it passes them in.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import structlog

__all__ = [
    "HOLDING_LINE",
    "REPLY_BOUND",
    "CallStalledError",
    "Debt",
    "Overdue",
    "ReplyWatchdog",
]

REPLY_BOUND = 5.0
"""Seconds a caller may wait for an owed reply before the holding line (default)."""
HOLDING_LINE = "One moment, please."
"""What the caller hears when a reply is late; never counts as the reply itself."""

_log = structlog.get_logger(__name__)


class CallStalledError(RuntimeError):
    """The call stopped moving: nothing was said, or it never became ready, in time."""


class Debt(StrEnum):
    """What the receptionist owes the caller."""

    REPLY = "reply"
    """Words: the greeting, the answer to a caller turn, a new adapter's question."""
    HANDOFF = "handoff"
    """The adapter the chart handed the call to must become live."""


class Overdue(StrEnum):
    """What the watchdog did about a debt that was not met in time."""

    HOLDING_LINE = "holding_line"
    """Said the holding line and retried."""
    STILL_SPEAKING = "still_speaking"
    """A reply was under way: a holding line would only queue behind it, so none was said
    (a bound later, the reply is retried if it ended without a word, or the call ended if
    it is still under way)."""
    ENDED_CALL = "ended_call"
    """The retry was not heard either: the call was ended through the chart's error path."""


@dataclass(frozen=True, slots=True)
class _Owed:
    reason: str
    since: float
    settled: asyncio.Event = field(default_factory=asyncio.Event)
    """Set when the debt is met, replaced by a newer one, or the watch stops."""


class ReplyWatchdog:
    """Keeps time on what the caller is owed, and escalates when it is late.

    Args:
        bound: Seconds before each escalation: first the holding line and a retry,
            then the end of the call.
        retry: Says the holding line and retries the debt (never waits for playout);
            returns what it did (a reply already under way is left to finish).
        give_up: Ends the call safely; given the stall, described in words.
        record: Stores one watchdog event's figures in the call's record.
        call_id: For the log lines.
    """

    def __init__(
        self,
        *,
        bound: float,
        retry: Callable[[Debt, str], Awaitable[Overdue]],
        give_up: Callable[[CallStalledError], Awaitable[None]],
        record: Callable[[Mapping[str, object]], Awaitable[None]],
        call_id: str,
    ) -> None:
        self.bound = bound
        self._retry = retry
        self._give_up = give_up
        self._record = record
        self._log = _log.bind(call_id=call_id)
        self._owed: dict[Debt, _Owed] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopped = False
        self.events = 0
        """Watchdog events in this call (each also logged and recorded)."""
        self.waits: list[tuple[Debt, float]] = []
        """How long each debt met in this call was owed, in seconds (for figures)."""

    def owe(self, debt: Debt, reason: str) -> None:
        """The caller is owed `debt` from now on (a new reason restarts the clock)."""
        if self._stopped:
            return
        self._drop(debt)
        owed = _Owed(reason, time.monotonic())
        self._owed[debt] = owed
        task = asyncio.ensure_future(self._watch(debt, owed))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def met(self, debt: Debt) -> None:
        """The debt is paid: the reply began, or the adapter is live."""
        owed = self._owed.pop(debt, None)
        if owed is not None:
            owed.settled.set()
            self.waits.append((debt, time.monotonic() - owed.since))

    async def paid(self, debt: Debt) -> None:
        """Wait until `debt` is no longer owed: met, or given up with the call."""
        while (owed := self._owed.get(debt)) is not None:
            await owed.settled.wait()

    def owes(self, debt: Debt) -> str | None:
        """The reason `debt` is owed, or None if it is not."""
        owed = self._owed.get(debt)
        return owed.reason if owed else None

    def stop(self) -> None:
        """Nothing more is owed: the call ended (an escalation under way still finishes)."""
        self._stopped = True
        for debt in list(self._owed):
            self._drop(debt)

    def _drop(self, debt: Debt) -> None:
        """Forget a debt without it being met (replaced, or the call is over)."""
        owed = self._owed.pop(debt, None)
        if owed is not None:
            owed.settled.set()

    async def close(self) -> None:
        """Stop, and wait for an escalation under way (never cut one off halfway)."""
        self.stop()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _late(self, owed: _Owed) -> bool:
        """Wait one bound: True if the debt is still owed at its end."""
        try:
            async with asyncio.timeout(self.bound):
                await owed.settled.wait()
        except TimeoutError:
            return not self._stopped
        return False

    async def _watch(self, debt: Debt, owed: _Owed) -> None:
        """Escalate while the debt stays late: retry once, then end the call.

        A reply still under way when the bound passes gets one more bound before the
        retry (it may end without a word, and then the holding line and a retry follow);
        under way a bound later still, it is wedged.
        """
        tried: list[Overdue] = []
        while await self._late(owed):
            if tried and tried[-1] is Overdue.HOLDING_LINE:
                break
            action = await self._retry(debt, owed.reason)
            if tried and action is Overdue.STILL_SPEAKING:
                break
            tried.append(action)
            await self._event(debt, owed, action)
        else:
            return
        await self._event(debt, owed, Overdue.ENDED_CALL)
        self._stopped = True
        stalled = CallStalledError(_stall(debt, owed.reason, self.bound, tried))
        await self._give_up(stalled)

    async def _event(self, debt: Debt, owed: _Owed, action: Overdue) -> None:
        self.events += 1
        waited = round(time.monotonic() - owed.since, 3)
        figures = {
            "debt": debt.value,
            "after": owed.reason,
            "action": action.value,
            "waited_s": waited,
            "bound_s": self.bound,
        }
        self._log.warning(
            "watchdog", debt=debt.value, after=owed.reason, action=action.value, waited_s=waited
        )
        try:
            await self._record(figures)
        except Exception as error:  # a record that fails must not stop the rescue
            self._log.error("watchdog event not recorded", error=repr(error))


def _stall(debt: Debt, reason: str, bound: float, tried: list[Overdue]) -> str:
    """The stall in words, for the call's record and the error a command prints."""
    if debt is Debt.HANDOFF:
        return f"the call did not become ready within {bound:g} s after {reason}"
    if Overdue.HOLDING_LINE in tried:
        return f"nothing was said within {bound:g} s after {reason}, nor after the holding line"
    waited = bound * (len(tried) + 1)
    return f"a reply was under way but nothing was heard within {waited:g} s after {reason}"
