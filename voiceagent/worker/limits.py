"""The maximum length of a call: past it, the chart ends the call politely (audit A6).

The chart's `call_time_limit` stores a callback request and says goodbye; this
timer only decides when to fire it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import structlog

__all__ = ["CallTimer"]

_log = structlog.get_logger(__name__)


class CallTimer:
    """Fires once when the call has lasted `seconds`, unless it ended or was stopped first."""

    def __init__(
        self,
        seconds: float,
        fire: Callable[[], Awaitable[None]],
        *,
        ended: Callable[[], bool],
    ) -> None:
        self._seconds = seconds
        self._fire = fire
        self._ended = ended
        self._task: asyncio.Task[None] | None = None
        self.fired = False

    def start(self) -> None:
        """Start counting (from the moment the call is answered)."""
        self._task = asyncio.create_task(self._run(), name="call_time_limit")

    async def stop(self) -> None:
        """Stop counting; a limit being handled is let finish, never cut off."""
        task, self._task = self._task, None
        if task is None or task.done():
            return
        if self.fired:
            await task
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def _run(self) -> None:
        await asyncio.sleep(self._seconds)
        if self._ended():
            return
        self.fired = True
        _log.info("call time limit reached", minutes=round(self._seconds / 60, 2))
        await self._fire()
