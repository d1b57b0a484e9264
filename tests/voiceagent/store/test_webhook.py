"""Delivery to staff's webhook: signed, keyed, retried through failures and slowness, parked."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

import pytest

from tests.voiceagent.store.samples import MESSAGE, T0, Clock
from tests.voiceagent.store.webhook_server import SLOW, webhook
from voiceagent.store.outbox import DeliveryRejectedError, Outbox
from voiceagent.store.settings import StoreSettings
from voiceagent.store.sql import SqlCallStore
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.store.staff import configured_deliverer, configured_outbox
from voiceagent.store.webhook import WebhookDelivery, WebhookFailedError

pytestmark = pytest.mark.unit

SECRET = "s3cret-for-tests"  # noqa: S105 - a test's own shared secret


async def test_a_message_arrives_signed_with_its_key(store: SqlCallStore) -> None:
    """The body is the message; the HMAC-SHA256 of the body is in the header; the key too."""
    key = await store.record_message("c1", T0, MESSAGE)
    (delivery,) = await store.pending_deliveries()
    async with webhook() as hook:
        await WebhookDelivery(hook.url, SECRET, timeout=5.0)(delivery)
    (received,) = hook.received
    expected = hmac.new(SECRET.encode(), received.body, hashlib.sha256).hexdigest()
    assert received.signature == f"sha256={expected}"
    assert received.key == key
    body = received.message
    assert body["key"] == key
    assert body["for"] == {"kind": "person", "name": "Louis", "extension": "7017", "group": None}
    assert body["from"] == {"name": "Jane Doe", "identifier": "Doe"}
    assert body["callback_number"] == "407-555-0100"
    assert (body["urgency"], body["kind"], body["intent"]) == ("normal", "callback", "make_change")
    assert body["text"] == MESSAGE.text
    assert body["taken_at"] == "2026-03-02T14:30:00+00:00"


async def test_failures_and_a_slow_answer_are_retried_with_backoff_until_accepted(
    store: SqlCallStore,
) -> None:
    """Three 5xx, one answer too slow, then 200: five attempts, one delivery, one key."""
    key = await store.record_message("c1", T0, MESSAGE)
    clock = Clock()
    async with webhook([500, 502, 503, SLOW]) as hook:
        hook.slow_seconds = 3.0
        deliver = WebhookDelivery(hook.url, SECRET, timeout=1.0)
        outbox = Outbox(store, deliver, clock=clock, base_delay=2.0, deliver_timeout=5.0)
        waits = []
        for _ in range(4):
            assert await outbox.deliver_due() == 0
            (pending,) = await store.pending_deliveries()
            waits.append((pending.next_attempt_at - clock.now).total_seconds())
            clock.advance(waits[-1])
        assert await outbox.deliver_due() == 1
    assert waits == [2.0, 4.0, 8.0, 16.0]
    assert [r.answered for r in hook.received] == [500, 502, 503, SLOW, 200]
    assert {r.key for r in hook.received} == {key}
    assert all(r.signed_with(SECRET) for r in hook.received)
    assert await store.pending_deliveries() == []
    (listing,) = await store.recent_messages()
    assert listing.delivery is not None
    assert (listing.delivery.status, listing.delivery.attempts) == ("delivered", 5)


@pytest.mark.parametrize(
    ("status", "error"),
    [(404, DeliveryRejectedError), (422, DeliveryRejectedError), (301, DeliveryRejectedError),
     (429, WebhookFailedError), (408, WebhookFailedError), (500, WebhookFailedError)],
)  # fmt: skip
async def test_answers_are_told_apart(status: int, error: type[Exception]) -> None:
    """A 4xx or a redirect is a refusal; 408, 429 and 5xx are failures to retry."""
    async with SqliteCallStore(":memory:") as store:
        await store.record_message("c1", T0, MESSAGE)
        (delivery,) = await store.pending_deliveries()
    async with webhook([status]) as hook:
        with pytest.raises(error, match=str(status)):
            await WebhookDelivery(hook.url, SECRET, timeout=5.0)(delivery)
    assert len(hook.received) == 1  # a redirect is not followed


async def test_a_refusing_webhook_parks_the_message_after_the_configured_refusals() -> None:
    """With the settings' limit of two, a 422 webhook is tried twice, then the message is parked."""
    async with webhook(then=422) as hook, SqliteCallStore(":memory:") as store:
        settings = StoreSettings(
            store=":memory:",
            webhook_url=hook.url,
            webhook_secret=SECRET,
            delivery_max_rejections=2,
            delivery_base_delay=1.0,
        )
        clock = Clock()
        outbox = configured_outbox(settings, store, clock=clock)
        await store.record_message("c1", T0, MESSAGE)
        for _ in range(4):
            await outbox.deliver_due()
            clock.advance(60)
        (listing,) = await store.recent_messages()
    assert len(hook.received) == 2
    assert listing.delivery is not None
    assert listing.delivery.status == "parked"
    assert listing.delivery.last_error == (
        "DeliveryRejectedError: webhook refused the message with 422"
    )


async def test_an_unreachable_webhook_is_a_failure_to_retry(unused_port: int) -> None:
    """Nobody listening: the attempt fails (no refusal) and the message waits for the next."""
    async with SqliteCallStore(":memory:") as store:
        await store.record_message("c1", T0, MESSAGE)
        deliver = WebhookDelivery(f"http://127.0.0.1:{unused_port}/messages", SECRET, timeout=2.0)
        outbox = Outbox(store, deliver, clock=Clock())
        assert await outbox.deliver_due() == 0
        (pending,) = await store.pending_deliveries()
    assert (pending.attempts, pending.rejections) == (1, 0)
    assert pending.next_attempt_at == T0 + timedelta(seconds=2)


def test_without_a_webhook_messages_are_logged_and_the_secret_never_shows() -> None:
    """No URL: the logging stand-in; with one, the deliverer's repr hides the secret."""
    assert type(configured_deliverer(StoreSettings())).__name__ == "LogDelivery"
    settings = StoreSettings(webhook_url="https://hooks.example/messages", webhook_secret=SECRET)
    deliverer = configured_deliverer(settings)
    assert isinstance(deliverer, WebhookDelivery)
    assert SECRET not in repr(deliverer)
    assert SECRET not in repr(settings)
    assert SECRET not in str(settings.model_dump())
