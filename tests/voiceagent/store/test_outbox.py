"""The staff outbox: delivery, retries with backoff, nothing lost, flush at shutdown."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from structlog.testing import capture_logs

from voiceagent.store.location import open_store
from voiceagent.store.outbox import DeliveryRejectedError, LogDelivery, Outbox
from voiceagent.store.port import Delivery
from voiceagent.store.sql import SqlCallStore
from voiceagent.store.sqlite import SqliteCallStore

from .samples import MESSAGE, T0, Clock

pytestmark = pytest.mark.unit


class Staff:
    """A deliverer that fails while `down` (refuses while `refusing`), recording what it got."""

    def __init__(self, *, down: bool = False, delay: float = 0.0, refusing: bool = False) -> None:
        self.down = down
        self.refusing = refusing
        self.delay = delay
        self.received: list[str] = []
        self.attempts = 0

    async def __call__(self, delivery: Delivery) -> None:
        self.attempts += 1
        await asyncio.sleep(self.delay)
        if self.down:
            raise ConnectionError("mail server unreachable")
        if self.refusing:
            raise DeliveryRejectedError("webhook refused the message with 422")
        self.received.append(delivery.message.key)


@pytest.fixture
async def memory() -> AsyncIterator[SqliteCallStore]:
    async with SqliteCallStore(":memory:") as opened:
        yield opened


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def test_a_due_message_is_delivered_and_marked(store: SqlCallStore, clock: Clock):
    """A stored message goes to staff once and is no longer pending."""
    message_id = await store.record_message("c1", T0, MESSAGE)
    staff = Staff()
    outbox = Outbox(store, staff, clock=clock)
    assert await outbox.deliver_due() == 1
    assert staff.received == [message_id]
    assert await store.pending_deliveries() == []
    assert await outbox.deliver_due() == 0
    assert staff.received == [message_id]


async def test_a_failing_deliverer_is_retried_with_growing_delay(
    store: SqlCallStore, clock: Clock
) -> None:
    """Each failure doubles the wait; the message stays pending and goes out on recovery."""
    message_id = await store.record_message("c1", T0, MESSAGE)
    staff = Staff(down=True)
    outbox = Outbox(store, staff, clock=clock, base_delay=2.0, max_delay=300.0)

    waits = []
    for _ in range(4):
        assert await outbox.deliver_due() == 0
        (pending,) = await store.pending_deliveries()
        waits.append((pending.next_attempt_at - clock.now).total_seconds())
        clock.advance(waits[-1] - 0.5)
        assert await outbox.deliver_due() == 0  # not due yet: no attempt
        clock.advance(0.5)
    assert waits == [2.0, 4.0, 8.0, 16.0]
    assert staff.attempts == 4
    assert pending.attempts == 4

    staff.down = False
    assert await outbox.deliver_due() == 1
    assert staff.received == [message_id]
    assert await store.pending_deliveries() == []


def test_the_retry_delay_is_capped() -> None:
    """The backoff doubles from the base delay and never exceeds the maximum."""
    outbox = Outbox(SqliteCallStore(":memory:"), Staff(), clock=Clock(), max_delay=300.0)
    assert [outbox.retry_delay(n) for n in range(4)] == [2.0, 4.0, 8.0, 16.0]
    assert outbox.retry_delay(10) == 300.0
    assert outbox.retry_delay(10_000) == 300.0


async def test_a_deliverer_past_its_timeout_counts_as_failed(memory: SqliteCallStore, clock: Clock):
    """A delivery that hangs past deliver_timeout is marked failed, not lost."""
    await memory.record_message("c1", T0, MESSAGE)
    outbox = Outbox(memory, Staff(delay=5.0), clock=clock, deliver_timeout=0.05)
    assert await outbox.deliver_due() == 0
    (pending,) = await memory.pending_deliveries()
    assert pending.attempts == 1


async def test_flush_delivers_everything_due(memory: SqliteCallStore, clock: Clock) -> None:
    """At shutdown, flush sends every due message once and reports how many went out."""
    ids = [await memory.record_message("c1", T0, MESSAGE) for _ in range(3)]
    staff = Staff()
    assert await Outbox(memory, staff, clock=clock).flush(timeout=1.0) == 3
    assert staff.received == ids


async def test_flush_past_its_timeout_returns_and_keeps_the_message(
    memory: SqliteCallStore, clock: Clock
) -> None:
    """A flush that runs out of time returns without raising; the message stays pending."""
    await memory.record_message("c1", T0, MESSAGE)
    outbox = Outbox(memory, Staff(delay=5.0), clock=clock)
    assert await outbox.flush(timeout=0.05) == 0
    assert len(await memory.pending_deliveries()) == 1


async def test_flush_survives_a_broken_store(clock: Clock) -> None:
    """A store that fails during the flush is logged, not raised, at shutdown."""
    store = SqliteCallStore(":memory:")
    await store.close()
    with capture_logs() as logs:
        assert await Outbox(store, Staff(), clock=clock).flush(timeout=1.0) == 0
    assert [entry["event"] for entry in logs] == ["outbox flush failed"]


async def test_run_delivers_until_stopped(memory: SqliteCallStore, clock: Clock) -> None:
    """The loop picks up messages recorded while it runs, and ends when told to stop."""
    staff = Staff()
    stop = asyncio.Event()
    runner = asyncio.create_task(Outbox(memory, staff, clock=clock).run(stop, interval=0.01))
    message_id = await memory.record_message("c1", T0, MESSAGE)
    async with asyncio.timeout(2.0):
        while not staff.received:
            await asyncio.sleep(0.01)
    stop.set()
    async with asyncio.timeout(1.0):
        await runner
    assert staff.received == [message_id]


async def test_run_survives_a_failing_pass(clock: Clock) -> None:
    """A pass that fails (the store is down) is logged and the loop carries on."""
    store = SqliteCallStore(":memory:")
    await store.close()
    stop = asyncio.Event()
    with capture_logs() as logs:
        runner = asyncio.create_task(Outbox(store, Staff(), clock=clock).run(stop, 0.01))
        await asyncio.sleep(0.1)
        assert not runner.done()
        stop.set()
        await runner
    assert len(logs) >= 2
    assert {entry["event"] for entry in logs} == {"outbox pass failed"}


async def test_concurrent_passes_deliver_each_message_once(
    memory: SqliteCallStore, clock: Clock
) -> None:
    """A flush during a running pass does not deliver the same message twice."""
    for _ in range(2):
        await memory.record_message("c1", T0, MESSAGE)
    staff = Staff(delay=0.02)
    outbox = Outbox(memory, staff, clock=clock)
    await asyncio.gather(outbox.deliver_due(), outbox.flush(timeout=1.0))
    assert len(staff.received) == len(set(staff.received)) == 2


async def test_two_workers_sharing_a_database_deliver_each_message_once(location: str) -> None:
    """Two workers (two stores on one database) flushing together deliver each message once."""
    staff = Staff(delay=0.02)
    async with open_store(location) as first, open_store(location) as second:
        keys = [await first.record_message("c1", T0, MESSAGE) for _ in range(6)]
        await asyncio.gather(
            Outbox(first, staff, clock=Clock()).flush(timeout=5.0),
            Outbox(second, staff, clock=Clock()).flush(timeout=5.0),
        )
        assert await first.pending_deliveries() == []
    assert sorted(staff.received) == sorted(keys)


async def test_a_refusing_endpoint_is_retried_a_bounded_number_of_times_then_parked(
    store: SqlCallStore, clock: Clock
) -> None:
    """Refusals (4xx) back off like failures; the third parks the message, visibly."""
    key = await store.record_message("c1", T0, MESSAGE)
    staff = Staff(refusing=True)
    outbox = Outbox(store, staff, clock=clock, max_rejections=3)
    with capture_logs() as logs:
        for _ in range(5):
            assert await outbox.deliver_due() == 0
            clock.advance(3600)
    assert staff.attempts == 3
    assert await store.pending_deliveries() == []
    (listing,) = await store.recent_messages()
    assert listing.stored.key == key
    assert listing.delivery is not None
    assert listing.delivery.status == "parked"
    assert listing.delivery.last_error == (
        "DeliveryRejectedError: webhook refused the message with 422"
    )
    events = [entry["event"] for entry in logs]
    assert events == ["message delivery failed"] * 2 + ["message delivery parked"]


async def test_failures_before_a_refusal_do_not_count_towards_parking(
    memory: SqliteCallStore, clock: Clock
) -> None:
    """Only refusals count towards parking: an outage's failures never park a message."""
    await memory.record_message("c1", T0, MESSAGE)
    staff = Staff(down=True)
    outbox = Outbox(memory, staff, clock=clock, max_rejections=2)
    for _ in range(4):
        await outbox.deliver_due()
        clock.advance(3600)
    staff.down, staff.refusing = False, True
    await outbox.deliver_due()
    (pending,) = await memory.pending_deliveries()
    assert (pending.attempts, pending.rejections) == (5, 1)
    clock.advance(3600)
    staff.refusing = False
    assert await outbox.deliver_due() == 1


async def test_log_delivery_masks_caller_data(memory: SqliteCallStore, clock: Clock) -> None:
    """The stand-in deliverer logs routing plainly and the caller's details masked."""
    await memory.record_message("c1", T0, MESSAGE)
    (delivery,) = await memory.pending_deliveries()
    with capture_logs() as logs:
        await LogDelivery()(delivery)
    (entry,) = logs
    assert entry["event"] == "message queued for staff"
    assert entry["for_target"] == "Louis"
    assert entry["caller_name"] == "J*******"
    assert entry["phone_number"] == "***-***-0100"
    assert "Jane" not in repr(logs)
    assert "407-555" not in repr(logs)
    assert MESSAGE.text not in repr(logs)
