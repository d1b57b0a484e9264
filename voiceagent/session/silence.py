"""The caller's silence, turned into chart events: a check-in first, then the end of the call.

LiveKit marks the caller "away" once, after `user_away_timeout` seconds of silence,
and stays there. The agency wants a check-in ("are you still there?") and, if the
silence goes on, the end of the call, so after the first event this watch waits the
same time again and fires once more unless the caller spoke. Silence while the caller
holds for a transfer or voicemail is expected and ignored.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

__all__ = ["SilenceWatch"]


class SilenceWatch:
    """Fires `caller_away_timeout` on silence, and again if the silence goes on."""

    def __init__(
        self,
        fire: Callable[[], Awaitable[None]],
        *,
        timeout: float,
        on_hold: Callable[[], bool],
        ended: Callable[[], bool],
    ) -> None:
        self._fire = fire
        self._timeout = timeout
        self._on_hold = on_hold
        self._ended = ended
        self._turns = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._waiting: set[asyncio.Task[None]] = set()
        """Tasks sleeping between the check-in and the follow-up: safe to cancel."""

    def caller_spoke(self) -> None:
        """The caller said something: any pending follow-up is moot."""
        self._turns += 1
        self._stop_waiting()

    def caller_away(self) -> None:
        """LiveKit saw the caller go silent: check in, then watch for more silence."""
        if self._ended() or self._on_hold():
            return
        self._spawn(self._check_in(self._turns))

    async def close(self) -> None:
        """Stop watching; an event already being handled is let finish, never cut off."""
        self._stop_waiting()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _stop_waiting(self) -> None:
        # Only the waits are cancelled: cancelling a task inside `fire` would leave the
        # chart ended with its goodbye, record and hang-up never carried out.
        for task in list(self._waiting):
            task.cancel()

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _check_in(self, turns: int) -> None:
        await self._fire()
        task = asyncio.current_task()
        assert task is not None
        self._waiting.add(task)
        try:
            await asyncio.sleep(self._timeout)
        except asyncio.CancelledError:
            return
        finally:
            self._waiting.discard(task)
        still_silent = self._turns == turns
        if still_silent and not self._ended() and not self._on_hold():
            await self._fire()
