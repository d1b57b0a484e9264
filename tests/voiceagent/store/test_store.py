"""The store's contract, on SQLite and on a real PostgreSQL: round trips, order, durability."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta, timezone

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from statecharts import Intent, Message, MessageKind, Outcome, OutcomeKind
from tests.voiceagent.store.samples import LOUIS, MESSAGE, T0
from voiceagent.store.location import is_postgres, open_store
from voiceagent.store.port import CallEvent, Utterance, message_urgency
from voiceagent.store.sql import SqlCallStore

pytestmark = pytest.mark.unit


def raw(location: str, sql: str) -> list[tuple[object, ...]]:
    """Read with a connection of its own, as another process would."""
    url = location if is_postgres(location) else f"sqlite:///{location}"
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]
    finally:
        engine.dispose()


async def test_call_record_round_trips(store: SqlCallStore) -> None:
    """A started and finished call reads back with its room, outcome, caller and path."""
    eastern = timezone(timedelta(hours=-5))
    await store.start_call(
        "c1",
        T0.astimezone(eastern),
        "+14075550100",
        "harry_levine",
        room="sip-room-1",
        office_time=T0 - timedelta(days=3),
    )
    caller = {"first_name": "Jane", "intent": Intent.MAKE_CHANGE}
    outcome = Outcome(OutcomeKind.TRANSFER, LOUIS)
    await store.finish_call("c1", T0 + timedelta(minutes=2), outcome, caller, ["greeting", "ended"])

    record = await store.get_call("c1")
    assert record is not None
    assert record.agency == "harry_levine"
    assert record.room == "sip-room-1"
    assert record.office_time == T0 - timedelta(days=3)
    assert record.caller_number == "+14075550100"
    assert record.started_at == T0
    assert record.started_at.tzinfo is not None
    assert record.finished_at == T0 + timedelta(minutes=2)
    assert record.outcome == outcome
    assert record.caller == {"first_name": "Jane", "intent": "make_change"}
    assert record.path == ("greeting", "ended")


async def test_an_unstarted_call_can_still_be_finished(store: SqlCallStore) -> None:
    """A call whose start was never recorded still keeps its outcome."""
    await store.finish_call("c2", T0, Outcome(OutcomeKind.HUNG_UP), {}, ["greeting"])
    record = await store.get_call("c2")
    assert record is not None
    assert record.started_at is None
    assert record.outcome == Outcome(OutcomeKind.HUNG_UP)
    assert await store.get_call("nobody") is None


async def test_event_trace_round_trips_in_order(store: SqlCallStore) -> None:
    """Events come back in order with their arguments and the chart's states."""
    await store.record_event("c1", T0, "greeted", {}, ["triage", "triage.listening"])
    await store.record_event(
        "c1", T0 + timedelta(seconds=5), "give_name", {"first_name": "Jane", "n": 2}, ["triage"]
    )
    events = await store.call_events("c1")
    assert [(e.name, e.arguments, e.states) for e in events] == [
        ("greeted", {}, ("triage", "triage.listening")),
        ("give_name", {"first_name": "Jane", "n": 2}, ("triage",)),
    ]
    assert events[1].at == T0 + timedelta(seconds=5)
    assert await store.call_events("other") == []


async def test_concurrent_events_from_many_tasks_are_all_kept(store: SqlCallStore) -> None:
    """Events recorded concurrently by several tasks are all stored, each task's in order."""

    async def one_task(task: int) -> None:
        for step in range(10):
            await store.record_event("c1", T0, f"e{task}", {"step": step}, ["triage"])

    await asyncio.gather(*(one_task(task) for task in range(6)))
    events = await store.call_events("c1")
    assert len(events) == 60
    for task in range(6):
        steps = [e.arguments["step"] for e in events if e.name == f"e{task}"]
        assert steps == list(range(10))


async def test_the_timeline_interleaves_what_was_said_with_the_events(store: SqlCallStore) -> None:
    """Transcript lines and events come back in the order they happened, even at one instant."""
    await store.record_utterance("c1", T0, "agent", "Thank you for calling.")
    await store.record_event("c1", T0, "greeted", {}, ["triage"])
    await store.record_utterance("c1", T0, "caller", "I need a quote for my car")
    await store.record_event("c1", T0, "choose_intent", {"intent": "new_quote"}, ["triage"])
    await store.record_event("c1", T0, "caller_away_timeout", {}, ["triage"])
    await store.record_event("c1", T0, "hangup", {}, ["ended"])
    await store.record_utterance("c2", T0, "caller", "another call")

    timeline = await store.call_timeline("c1")
    assert [f"{s.speaker}: {s.text}" if isinstance(s, Utterance) else s.name for s in timeline] == [
        "agent: Thank you for calling.",
        "greeted",
        "caller: I need a quote for my car",
        "choose_intent",
        "caller_away_timeout",
        "hangup",
    ]
    assert [line.text for line in await store.call_transcript("c1")] == [
        "Thank you for calling.",
        "I need a quote for my car",
    ]
    assert all(isinstance(s, CallEvent | Utterance) for s in timeline)


async def test_message_round_trips_with_its_key_and_urgency(store: SqlCallStore) -> None:
    """A message reads back with every field, its key, its urgency; no dial addresses."""
    key = await store.record_message("c1", T0, MESSAGE)
    (stored,) = await store.list_messages("c1")
    assert stored.key == key
    assert len(key) == 32
    assert stored.call_id == "c1"
    assert stored.at == T0
    assert stored.urgency == "normal"
    assert stored.message == replace(
        MESSAGE, for_target=replace(LOUIS, destination=None, voicemail=None)
    )


async def test_a_message_without_target_or_intent_round_trips(store: SqlCallStore) -> None:
    """Optional message fields stay None through the store; an error message is urgent."""
    bare = Message(MessageKind.ERROR, None, None, None, None, None, None, "", "")
    await store.record_message("c1", T0, bare)
    (stored,) = await store.list_messages()
    assert stored.message == bare
    assert stored.urgency == "high"


def test_urgency_is_high_for_claims_and_stranded_callers() -> None:
    """Claims, failed transfers and errors are urgent; an ordinary callback is not."""
    assert message_urgency(MESSAGE) == "normal"
    assert message_urgency(replace(MESSAGE, intent=Intent.CLAIMS)) == "high"
    assert message_urgency(replace(MESSAGE, kind=MessageKind.TRANSFER_FAILED)) == "high"


async def test_messages_are_listed_per_call_or_all(store: SqlCallStore) -> None:
    """Messages list in the order taken, filtered by call when asked."""
    first = await store.record_message("c1", T0, MESSAGE)
    second = await store.record_message("c2", T0, MESSAGE)
    assert [m.key for m in await store.list_messages()] == [first, second]
    assert [m.key for m in await store.list_messages("c2")] == [second]


async def test_a_message_is_durable_when_record_message_returns(
    store: SqlCallStore, location: str
) -> None:
    """Once record_message returns, another connection sees the message and its outbox row."""
    key = await store.record_message("c1", T0, MESSAGE)
    assert raw(location, "SELECT key, caller_name, phone_number FROM messages") == [
        (key, "Jane Doe", "407-555-0100")
    ]
    assert raw(location, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL") == [(1,)]


_REFUSE_OUTBOX = {
    "sqlite": [
        "CREATE TRIGGER outbox_down BEFORE INSERT ON outbox "
        "BEGIN SELECT RAISE(ABORT, 'outbox down'); END"
    ],
    "postgres": [
        "CREATE FUNCTION outbox_down() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'outbox down'; END $$",
        "CREATE TRIGGER outbox_down BEFORE INSERT ON outbox "
        "FOR EACH ROW EXECUTE FUNCTION outbox_down()",
    ],
}


async def test_message_and_outbox_row_share_one_transaction(
    store: SqlCallStore, location: str
) -> None:
    """If the outbox row cannot be written, the message is not stored either."""
    backend = "postgres" if is_postgres(location) else "sqlite"
    for statement in _REFUSE_OUTBOX[backend]:
        await store.execute(text(statement))
    with pytest.raises(SQLAlchemyError):
        await store.record_message("c1", T0, MESSAGE)
    assert await store.list_messages() == []
    assert raw(location, "SELECT count(*) FROM messages") == [(0,)]


async def test_deliveries_follow_their_outbox_state(store: SqlCallStore) -> None:
    """A failed delivery waits until its next attempt; a delivered one is never offered again."""
    first = await store.record_message("c1", T0, MESSAGE)
    second = await store.record_message("c1", T0, MESSAGE)
    pending = await store.pending_deliveries(due_at=T0)
    assert [(d.message.key, d.attempts, d.next_attempt_at) for d in pending] == [
        (first, 0, T0),
        (second, 0, T0),
    ]
    lease = T0 + timedelta(seconds=40)
    async with store.claim_delivery(T0, lease) as claim:
        assert claim is not None
        assert claim.delivery.message.key == first
        await claim.delivered(T0)
    retry_at = T0 + timedelta(seconds=30)
    async with store.claim_delivery(T0, lease) as claim:
        assert claim is not None
        await claim.failed(T0, "ConnectionError: down", retry_at)

    assert await store.pending_deliveries(due_at=T0 + timedelta(seconds=29)) == []
    (waiting,) = await store.pending_deliveries()
    assert (waiting.message.key, waiting.attempts, waiting.next_attempt_at) == (
        second,
        1,
        retry_at,
    )
    async with store.claim_delivery(T0 + timedelta(seconds=29), lease) as claim:
        assert claim is None


async def test_a_delivery_is_claimed_by_one_worker_at_a_time(location: str) -> None:
    """While one worker holds a delivery another gets none; an unsettled claim comes back."""
    async with open_store(location) as first, open_store(location) as second:
        await first.record_message("c1", T0, MESSAGE)
        lease = T0 + timedelta(seconds=40)
        async with first.claim_delivery(T0, lease) as held:
            assert held is not None
            async with second.claim_delivery(T0, lease) as other:
                assert other is None
        async with second.claim_delivery(lease, lease + timedelta(seconds=40)) as again:
            assert again is not None
            assert again.delivery.id == held.delivery.id
            await again.delivered(lease)
        async with first.claim_delivery(lease + timedelta(days=1), lease) as none:
            assert none is None


async def test_a_refused_delivery_can_be_parked_and_requeued(store: SqlCallStore) -> None:
    """A parked delivery leaves the queue, shows as parked, and can be offered again."""
    key = await store.record_message("c1", T0, MESSAGE)
    async with store.claim_delivery(T0, T0 + timedelta(seconds=40)) as claim:
        assert claim is not None
        await claim.failed(T0, "refused 422", T0, rejected=True)
    async with store.claim_delivery(T0, T0 + timedelta(seconds=40)) as claim:
        assert claim is not None
        assert claim.delivery.rejections == 1
        await claim.parked(T0, "refused 422")
    assert await store.pending_deliveries() == []
    (listing,) = await store.recent_messages()
    assert listing.stored.key == key
    assert listing.delivery is not None
    assert (listing.delivery.status, listing.delivery.attempts) == ("parked", 2)
    assert (listing.delivery.rejections, listing.delivery.last_error) == (2, "refused 422")

    later = T0 + timedelta(hours=1)
    assert await store.requeue_delivery(key, later)
    assert not await store.requeue_delivery("no-such-key", later)
    (again,) = await store.pending_deliveries(due_at=later)
    assert (again.message.key, again.rejections, again.attempts) == (key, 0, 2)


async def test_a_store_survives_reopening(location: str) -> None:
    """Calls, events, transcript, messages and the outbox are all there after reopening."""
    async with open_store(location) as first:
        await first.start_call("c1", T0, "+14075550100", "harry_levine")
        await first.record_event("c1", T0, "greeted", {}, ["triage"])
        await first.record_utterance("c1", T0, "caller", "hello")
        await first.record_message("c1", T0, MESSAGE)
        await first.finish_call("c1", T0, Outcome(OutcomeKind.MESSAGE, LOUIS), {}, ["ended"])
    async with open_store(location) as second:
        record = await second.get_call("c1")
        assert record is not None
        assert record.outcome == Outcome(OutcomeKind.MESSAGE, LOUIS)
        assert [e.name for e in await second.call_events("c1")] == ["greeted"]
        assert [u.text for u in await second.call_transcript("c1")] == ["hello"]
        assert len(await second.list_messages("c1")) == 1
        assert len(await second.pending_deliveries()) == 1


async def test_metrics_round_trip_per_call_in_order(store: SqlCallStore) -> None:
    """A call's figures (turn latency, usage, watchdog) come back in order, for that call only."""
    await store.record_metrics("c1", T0, "turn", {"end_of_turn_delay": 0.31, "llm_ttft": 0.002})
    await store.record_metrics("c2", T0, "turn", {"end_of_turn_delay": 0.5})
    await store.record_metrics("c1", T0, "watchdog", {"after": "handoff", "waited": 4.0})
    metrics = await store.call_metrics("c1")
    assert [(m.kind, m.figures) for m in metrics] == [
        ("turn", {"end_of_turn_delay": 0.31, "llm_ttft": 0.002}),
        ("watchdog", {"after": "handoff", "waited": 4.0}),
    ]
    assert all(m.at == T0 for m in metrics)
    assert await store.call_metrics("unknown") == []


async def test_recent_calls_and_messages_newest_first_since_and_limited(
    store: SqlCallStore,
) -> None:
    """Listings run newest first, from `since`, at most `limit`; unstarted calls by their end."""
    for minute in range(4):
        at = T0 + timedelta(minutes=minute)
        await store.start_call(f"c{minute}", at, None, "a")
        await store.record_message(f"c{minute}", at, MESSAGE)
    await store.finish_call("late", T0 + timedelta(hours=1), Outcome(OutcomeKind.HUNG_UP), {}, [])

    calls = await store.recent_calls(since=T0 + timedelta(minutes=1), limit=3)
    assert [c.call_id for c in calls] == ["late", "c3", "c2"]
    assert [c.call_id for c in await store.recent_calls()][-1] == "c0"
    listed = await store.recent_messages(since=T0 + timedelta(minutes=2))
    assert [m.stored.call_id for m in listed] == ["c3", "c2"]
    assert [m.delivery.status for m in listed if m.delivery] == ["pending", "pending"]
    async with store.claim_delivery(T0 + timedelta(hours=1), T0) as claim:
        assert claim is not None
        await claim.delivered(T0)
    (done,) = await store.recent_messages(status="delivered")
    assert done.stored.call_id == "c0"
    assert len(await store.recent_messages(status="pending")) == 3
    assert await store.recent_messages(status="parked") == []
    assert len(await store.recent_messages(limit=1)) == 1
