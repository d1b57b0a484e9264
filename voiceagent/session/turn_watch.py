"""Caller turns that gave the chart nothing it could use, reported to the chart.

The chart guarantees that no caller is stuck, whatever the language model makes of
their words; for that it must know when a caller turn ended without any accepted
chart event. This watch tells it, as the silence watch tells it about silence: it
notes when the caller speaks, and when the reply to that turn is finished — for a
text turn when `CallRun.say` has run it through, for live speech when the agent is
back to listening — it fires `caller_unclear` if no event was accepted meanwhile.
The chart then asks a clarifying question, or gets the caller to a person.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import structlog

__all__ = ["TurnWatch"]

_log = structlog.get_logger(__name__)


class TurnWatch:
    """Fires `caller_unclear` for each caller turn that produced no accepted chart event."""

    def __init__(
        self,
        *,
        accepted: Callable[[], int],
        fire: Callable[[], Awaitable[None]],
        listening: Callable[[], bool],
        settle: Callable[[], Awaitable[None]],
    ) -> None:
        """Watch one call.

        Args:
            accepted: How many chart events the caller's turns have produced so far.
            fire: Sends `caller_unclear` to the chart (and carries out what it decides).
            listening: Whether the chart takes `caller_unclear` now (not during a
                transfer, the greeting, or after the end).
            settle: Waits until the reply and any work it started are finished.
        """
        self._accepted = accepted
        self._fire = fire
        self._listening = listening
        self._settle = settle
        self._turns = 0
        self._open: int | None = None
        """The caller turn whose reply is not finished yet, by number."""
        self._accepted_before = 0
        self._tasks: set[asyncio.Task[None]] = set()

    def caller_spoke(self) -> None:
        """A caller turn begins (their words reached the session)."""
        self._turns += 1
        self._open = self._turns
        self._accepted_before = self._accepted()

    async def turn_ended(self) -> None:
        """The reply to the caller's turn is finished: report the turn if it gave nothing."""
        turn = self._open
        if turn is None:
            return
        self._open = None
        if self._accepted() != self._accepted_before or not self._listening():
            return
        _log.info("caller turn unclear", turn=turn)
        await self._fire()

    def agent_listening(self) -> None:
        """Live speech: the agent is back to listening; end the turn once all is settled."""
        if self._open is None:
            return
        task = asyncio.ensure_future(self._end_when_settled(self._open))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        """Let a report already under way finish (it may be ending the call)."""
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _end_when_settled(self, turn: int) -> None:
        await self._settle()
        if self._open == turn:  # the caller has not started another turn meanwhile
            await self.turn_ended()
