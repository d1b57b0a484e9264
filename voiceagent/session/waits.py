"""Waiting on a call's events: the first of several, without cutting anything off."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

__all__ = ["first_of"]


async def first_of(*waits: Awaitable[object], keep: Awaitable[object] | None = None) -> None:
    """Wait until the first of `waits` (or `keep`) is done; cancel the other `waits`.

    `keep` is waited for like the others but never cancelled: work that must run to
    its end (a caller's turn inside LiveKit) even when the wait stops being about it.
    """
    tasks = [asyncio.ensure_future(w) for w in waits]
    kept = [asyncio.ensure_future(keep)] if keep is not None else []
    try:
        await asyncio.wait([*tasks, *kept], return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            if not task.done():
                task.cancel()
