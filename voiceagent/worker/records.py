"""Where the worker keeps calls and messages, and how messages reach staff.

One seam, so the worker only speaks the store port: `open_records` gives the call
store and its outbox for one call and closes the store afterwards.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from voiceagent.store.outbox import LogDelivery, Outbox
from voiceagent.store.port import CallStore
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.worker.settings import WorkerSettings

__all__ = ["DEFAULT_STORE", "Records", "open_records"]

DEFAULT_STORE = Path("calls.sqlite3")
"""The embedded store, beside the worker, as for `voiceagent call`."""


@dataclass(frozen=True, slots=True)
class Records:
    """A call's store and the outbox that delivers its messages to staff."""

    store: CallStore
    outbox: Outbox


RecordsOpener = Callable[[WorkerSettings], contextlib.AbstractAsyncContextManager[Records]]


@contextlib.asynccontextmanager
async def open_records(settings: WorkerSettings) -> AsyncIterator[Records]:
    """Open the configured store for one call; close it when the call is done."""
    del settings  # one embedded store until the durable store's settings land
    store = SqliteCallStore(DEFAULT_STORE)
    try:
        yield Records(store, Outbox(store, LogDelivery(), clock=lambda: datetime.now(UTC)))
    finally:
        await store.close()
