"""The store and the outbox as the settings describe them: what a worker starts with.

`connect_configured_store` opens (and migrates) the configured database at start,
failing with one line that names `VOICEAGENT_STORE` when it cannot be reached.
`configured_outbox` delivers to the configured webhook, or, with none configured,
logs each message (masked) and keeps it safe in the store until one is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from voiceagent.store.location import connect_store
from voiceagent.store.outbox import LogDelivery, Outbox
from voiceagent.store.port import CallStore, Delivery, StoreUnavailableError
from voiceagent.store.settings import ENV_PREFIX, StoreSettings
from voiceagent.store.sql import SqlCallStore

__all__ = ["configured_deliverer", "configured_outbox", "connect_configured_store"]


async def connect_configured_store(settings: StoreSettings) -> SqlCallStore:
    """The configured store, connected and migrated.

    Raises:
        StoreUnavailableError: One line naming `VOICEAGENT_STORE` and what went wrong.
        StoreSchemaError: The database was written by a newer build.
    """
    try:
        return await connect_store(
            settings.store, journal_dir=settings.journal_path(), timeout=settings.store_timeout
        )
    except StoreUnavailableError as error:
        msg = f"{ENV_PREFIX}STORE: {error}"
        raise StoreUnavailableError(msg) from None


def configured_deliverer(settings: StoreSettings) -> Callable[[Delivery], Awaitable[None]]:
    """The webhook if one is configured, else the logging stand-in."""
    if settings.webhook_url is None or settings.webhook_secret is None:
        return LogDelivery()
    from voiceagent.store.webhook import WebhookDelivery  # noqa: PLC0415 - aiohttp only if used

    return WebhookDelivery(
        str(settings.webhook_url),
        settings.webhook_secret.get_secret_value(),
        timeout=settings.webhook_timeout,
    )


def configured_outbox(
    settings: StoreSettings,
    store: CallStore,
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Outbox:
    """The outbox that drains `store` to staff, with the configured backoff and limits."""
    return Outbox(
        store,
        configured_deliverer(settings),
        clock=clock,
        base_delay=settings.delivery_base_delay,
        max_delay=settings.delivery_max_delay,
        deliver_timeout=settings.webhook_timeout + 1.0,  # the POST's own timeout fires first
        max_rejections=settings.delivery_max_rejections,
    )
