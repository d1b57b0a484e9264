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

    def caller_spoke(self) -> None:
        """The caller said something: any pending follow-up is moot."""
        self._turns += 1
        for task in list(self._tasks):
            task.cancel()

    def caller_away(self) -> None:
        """LiveKit saw the caller go silent: check in, then watch for more silence."""
        if self._ended() or self._on_hold():
            return
        self._spawn(self._check_in(self._turns))

    async def close(self) -> None:
        """Stop watching (the call has ended)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _check_in(self, turns: int) -> None:
        await self._fire()
        await asyncio.sleep(self._timeout)
        still_silent = self._turns == turns
        if still_silent and not self._ended() and not self._on_hold():
            await self._fire()
