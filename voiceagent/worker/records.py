"""Where the worker keeps calls and messages, and how messages reach staff.

One seam, so the worker only speaks the store port: `open_records` connects the
configured store (SQLite file or PostgreSQL, migrated) and its outbox to staff (the
signed webhook, or the log until one is configured) for one call, and closes the
store afterwards. `check_records` connects once at start, so an unreachable database
stops the worker with one line naming `VOICEAGENT_STORE`.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from voiceagent.store.outbox import Outbox
from voiceagent.store.port import CallStore
from voiceagent.store.staff import configured_outbox, connect_configured_store
from voiceagent.worker.settings import WorkerSettings

__all__ = ["Records", "RecordsOpener", "check_records", "open_records"]


@dataclass(frozen=True, slots=True)
class Records:
    """A call's store and the outbox that delivers its messages to staff."""

    store: CallStore
    outbox: Outbox


RecordsOpener = Callable[[WorkerSettings], contextlib.AbstractAsyncContextManager[Records]]


@contextlib.asynccontextmanager
async def open_records(settings: WorkerSettings) -> AsyncIterator[Records]:
    """Open the configured store for one call; close it when the call is done."""
    store = await connect_configured_store(settings.records)
    try:
        yield Records(store, configured_outbox(settings.records, store))
    finally:
        await store.close()


async def check_records(settings: WorkerSettings) -> None:
    """Connect to (and migrate) the configured store once, at start.

    Raises:
        StoreUnavailableError: One line naming `VOICEAGENT_STORE` and what went wrong.
    """
    store = await connect_configured_store(settings.records)
    await store.close()
