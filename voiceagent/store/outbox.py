"""The staff outbox: deliver every stored message, retrying until it succeeds.

`record_message` queues each message in the same transaction that stores it; this
module drains that queue. A failed delivery is never dropped: it is marked failed
with the next attempt pushed back exponentially (capped), and tried again on a
later pass, for as long as it takes (agency.md §0, "Messages": nothing a caller
leaves is ever lost). The one exception is a message staff's endpoint keeps
refusing (`DeliveryRejectedError`, a 4xx answer): retrying will not change its mind, so
after `max_rejections` refusals the message is parked, kept in the store and shown
by `voiceagent messages`, for a person to look at.

Each attempt first claims its row in the store (`CallStore.claim_delivery`), so two
workers draining one database never both deliver a message. Delivery is still at
least once: if the store cannot record a success, or a worker dies mid-attempt,
the message is offered again, which is why every delivery carries the message's
key for the receiving end to drop repeats.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

import structlog

from statecharts import mask_name, mask_phone
from voiceagent.store.port import CallStore, Delivery, DeliveryClaim

__all__ = ["DeliveryRejectedError", "LogDelivery", "Outbox"]

_log = structlog.get_logger(__name__)

_ERROR_LIMIT = 500
"""Characters of a deliverer's error kept in the store, for the operator."""

_CLAIM_MARGIN = 10.0
"""Seconds a claim outlives the delivery timeout, before another worker may retry."""

_PASS_LIMIT = 1000
"""Most deliveries one pass attempts, so a pass always ends."""


class DeliveryRejectedError(Exception):
    """Staff's endpoint refused the message itself (a 4xx answer): retrying may not help."""


class Outbox:
    """Drains the store's outbox through one deliverer.

    Args:
        store: Where messages and their outbox rows live.
        deliver: Hands one message to staff; any exception (or running past
            `deliver_timeout`) counts as a failed attempt.
        clock: The current instant; injected so tests control time.
        base_delay: Seconds before the first retry; doubled after each failure.
        max_delay: The longest wait between two attempts.
        deliver_timeout: Seconds one delivery may take (audit A6).
        max_rejections: Refusals (`DeliveryRejectedError`) after which a message is parked.
    """

    def __init__(
        self,
        store: CallStore,
        deliver: Callable[[Delivery], Awaitable[None]],
        *,
        clock: Callable[[], datetime],
        base_delay: float = 2.0,
        max_delay: float = 300.0,
        deliver_timeout: float = 30.0,
        max_rejections: int = 5,
    ) -> None:
        self._store = store
        self._deliver = deliver
        self._clock = clock
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._deliver_timeout = deliver_timeout
        self._max_rejections = max_rejections
        self._lock = asyncio.Lock()
        """One pass at a time, so `run` and `flush` never deliver a message twice over."""
        self._delivered = 0

    def retry_delay(self, failed_attempts: int) -> float:
        """Seconds to wait after the attempt that follows `failed_attempts` earlier failures."""
        return min(self._max_delay, self._base_delay * 2.0 ** min(failed_attempts, 64))

    async def deliver_due(self) -> int:
        """Try every delivery that is due now, once; return how many succeeded.

        Raises:
            TimeoutError, sqlalchemy.exc.SQLAlchemyError: The store itself failed;
                nothing is lost, the pending rows stay pending for the next pass.
        """
        async with self._lock:
            delivered = 0
            for _ in range(_PASS_LIMIT):
                now = self._clock()
                lease = now + timedelta(seconds=self._deliver_timeout + _CLAIM_MARGIN)
                async with self._store.claim_delivery(now, lease) as claim:
                    if claim is None:
                        break
                    if await self._attempt(claim):
                        delivered += 1
                        self._delivered += 1
            return delivered

    async def run(self, stop: asyncio.Event, interval: float) -> None:
        """Deliver due messages every `interval` seconds until `stop` is set.

        A failing pass is logged and the loop goes on: an outage of the store or
        of staff delivery must not end the worker's only route to staff.
        """
        while not stop.is_set():
            try:
                await self.deliver_due()
            except Exception as error:  # logged; the next pass retries
                _log.warning("outbox pass failed", error_type=type(error).__name__)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(interval):
                    await stop.wait()

    async def flush(self, timeout: float) -> int:
        """Try everything due now once, within `timeout`; used at shutdown.

        Never raises: at shutdown there is nobody left to tell. Whatever is not
        delivered stays in the store and goes out on the next worker's first pass.

        Returns:
            How many messages were delivered during the flush.
        """
        before = self._delivered
        try:
            async with asyncio.timeout(timeout):
                await self.deliver_due()
        except TimeoutError:
            _log.warning("outbox flush timed out", timeout=timeout)
        except Exception as error:  # shutdown must go on
            _log.warning("outbox flush failed", error_type=type(error).__name__)
        return self._delivered - before

    async def _attempt(self, claim: DeliveryClaim) -> bool:
        delivery = claim.delivery
        fields = {"delivery_id": delivery.id, "message_id": delivery.message.id}
        try:
            async with asyncio.timeout(self._deliver_timeout):
                await self._deliver(delivery)
        except Exception as error:  # every failure is retried (or parked), none is lost
            now = self._clock()
            detail = f"{type(error).__name__}: {error}"[:_ERROR_LIMIT]
            rejected = isinstance(error, DeliveryRejectedError)
            if rejected and delivery.rejections + 1 >= self._max_rejections:
                await claim.parked(now, detail)
                _log.error(
                    "message delivery parked",
                    attempts=delivery.attempts + 1,
                    rejections=delivery.rejections + 1,
                    error_type=type(error).__name__,
                    **fields,
                )
                return False
            delay = self.retry_delay(delivery.attempts)
            retry_at = now + timedelta(seconds=delay)
            await claim.failed(now, detail, retry_at, rejected=rejected)
            _log.warning(
                "message delivery failed",
                attempts=delivery.attempts + 1,
                retry_in=delay,
                error_type=type(error).__name__,
                **fields,
            )
            return False
        await claim.delivered(self._clock())
        _log.info("message delivered", attempts=delivery.attempts + 1, **fields)
        return True


class LogDelivery:
    """A stand-in deliverer that only writes the message to the log.

    How messages reach staff (email, the agency's CRM, or their own database)
    is an open question for the agency (agency.md, "Where data sheets and
    messages are stored"). Until it is decided, the message is safe in the store
    and this logs that it is waiting, with caller data masked; the real
    deliverer replaces it without changing the outbox.
    """

    async def __call__(self, delivery: Delivery) -> None:
        """Log the message's routing and masked caller details."""
        stored = delivery.message
        message = stored.message
        target = message.for_target
        _log.info(
            "message queued for staff",
            delivery_id=delivery.id,
            message_id=stored.id,
            call_id=stored.call_id,
            kind=message.kind.value,
            for_target=target.name if target else None,
            extension=target.extension if target else None,
            group=target.group if target else None,
            caller_name=mask_name(message.caller_name) if message.caller_name else None,
            phone_number=mask_phone(message.phone_number) if message.phone_number else None,
            identifier=mask_name(message.identifier) if message.identifier else None,
            insurance_type=message.insurance_type,
            intent=message.intent.value if message.intent else None,
            text_length=len(message.text),
        )
