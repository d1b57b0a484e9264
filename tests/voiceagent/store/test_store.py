"""The SQLite call store: round trips, durability, the outbox transaction, the schema."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from statecharts import Intent, Message, MessageKind, Outcome, OutcomeKind, Target, TargetKind
from voiceagent.store import sqlite_schema
from voiceagent.store.port import SCHEMA_VERSION, StoreSchemaError
from voiceagent.store.sqlite import SqliteCallStore

pytestmark = pytest.mark.unit

T0 = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
LOUIS = Target(
    kind=TargetKind.PERSON,
    name="Louis",
    spoken_name="Lewis",
    extension="7017",
    destination="sip:7017@pbx.example.invalid",
    voicemail="sip:vm7017@pbx.example.invalid",
    reason="primary",
)
MESSAGE = Message(
    kind=MessageKind.CALLBACK,
    for_target=LOUIS,
    caller_name="Jane Doe",
    phone_number="407-555-0100",
    insurance_type="personal",
    identifier="Doe",
    intent=Intent.MAKE_CHANGE,
    text="Please call me back about adding a driver.",
    notes="lunch callback",
)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "calls.sqlite3"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[SqliteCallStore]:
    async with SqliteCallStore(db_path) as opened:
        yield opened


def raw(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    """Read with a fresh connection, as another process would."""
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


async def test_schema_is_created_at_the_current_version(store: SqliteCallStore, db_path: Path):
    """A new file gets the schema, its version in user_version, and WAL journaling."""
    assert await store.schema_version() == SCHEMA_VERSION
    assert raw(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert raw(db_path, "PRAGMA journal_mode") == [("wal",)]


async def test_a_newer_schema_is_refused(db_path: Path) -> None:
    """A database from a newer build is refused rather than misread."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA user_version = 99")
    store = SqliteCallStore(db_path)
    with pytest.raises(StoreSchemaError):
        await store.get_call("any")
    await store.close()


async def test_call_record_round_trips(store: SqliteCallStore) -> None:
    """A started and finished call reads back with its outcome, caller and path."""
    eastern = timezone(timedelta(hours=-5))
    await store.start_call("c1", T0.astimezone(eastern), "+14075550100", "harry_levine")
    caller = {"first_name": "Jane", "intent": Intent.MAKE_CHANGE}
    outcome = Outcome(OutcomeKind.TRANSFER, LOUIS)
    await store.finish_call("c1", T0 + timedelta(minutes=2), outcome, caller, ["greeting", "ended"])

    record = await store.get_call("c1")
    assert record is not None
    assert record.agency == "harry_levine"
    assert record.caller_number == "+14075550100"
    assert record.started_at == T0
    assert record.started_at.tzinfo is not None
    assert record.finished_at == T0 + timedelta(minutes=2)
    assert record.outcome == outcome
    assert record.caller == {"first_name": "Jane", "intent": "make_change"}
    assert record.path == ("greeting", "ended")


async def test_timestamps_are_stored_as_iso_utc(store: SqliteCallStore, db_path: Path) -> None:
    """Instants are written as ISO-8601 strings in UTC, whatever zone they came in."""
    await store.start_call("c1", T0.astimezone(timezone(timedelta(hours=-4))), None, "a")
    assert raw(db_path, "SELECT started_at FROM calls") == [("2026-03-02T14:30:00.000000+00:00",)]


async def test_an_unstarted_call_can_still_be_finished(store: SqliteCallStore) -> None:
    """A call whose start was never recorded still keeps its outcome."""
    await store.finish_call("c2", T0, Outcome(OutcomeKind.HUNG_UP), {}, ["greeting"])
    record = await store.get_call("c2")
    assert record is not None
    assert record.started_at is None
    assert record.outcome == Outcome(OutcomeKind.HUNG_UP)


async def test_an_unknown_call_is_none(store: SqliteCallStore) -> None:
    """Reading a call that was never recorded gives None."""
    assert await store.get_call("nobody") is None


async def test_event_trace_round_trips_in_order(store: SqliteCallStore) -> None:
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


async def test_concurrent_events_from_many_tasks_are_all_kept(store: SqliteCallStore) -> None:
    """Events recorded concurrently by several tasks are all stored, each task's in order."""

    async def one_task(task: int) -> None:
        for step in range(20):
            await store.record_event("c1", T0, f"e{task}", {"step": step}, ["triage"])

    await asyncio.gather(*(one_task(task) for task in range(8)))
    events = await store.call_events("c1")
    assert len(events) == 160
    for task in range(8):
        steps = [e.arguments["step"] for e in events if e.name == f"e{task}"]
        assert steps == list(range(20))


async def test_message_round_trips(store: SqliteCallStore) -> None:
    """A message reads back with every field; the target without its dial addresses."""
    message_id = await store.record_message("c1", T0, MESSAGE)
    (stored,) = await store.list_messages("c1")
    assert stored.id == message_id
    assert stored.call_id == "c1"
    assert stored.at == T0
    assert stored.message == replace(
        MESSAGE, for_target=replace(LOUIS, destination=None, voicemail=None)
    )


async def test_a_message_without_target_or_intent_round_trips(store: SqliteCallStore) -> None:
    """Optional message fields stay None through the store."""
    bare = Message(MessageKind.ERROR, None, None, None, None, None, None, "", "")
    await store.record_message("c1", T0, bare)
    assert [stored.message for stored in await store.list_messages()] == [bare]


async def test_messages_are_listed_per_call_or_all(store: SqliteCallStore) -> None:
    """Messages list in the order taken, filtered by call when asked."""
    first = await store.record_message("c1", T0, MESSAGE)
    second = await store.record_message("c2", T0, MESSAGE)
    assert [m.id for m in await store.list_messages()] == [first, second]
    assert [m.id for m in await store.list_messages("c2")] == [second]


async def test_a_message_is_durable_when_record_message_returns(
    store: SqliteCallStore, db_path: Path
) -> None:
    """Once record_message returns, a new connection sees the message and its outbox row."""
    message_id = await store.record_message("c1", T0, MESSAGE)
    assert raw(db_path, "SELECT id, caller_name, phone_number FROM messages") == [
        (message_id, "Jane Doe", "407-555-0100")
    ]
    assert raw(db_path, "SELECT message_id, delivered_at FROM outbox") == [(message_id, None)]


async def test_message_and_outbox_row_share_one_transaction(
    store: SqliteCallStore, db_path: Path
) -> None:
    """If the outbox row cannot be written, the message is not stored either."""
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "CREATE TRIGGER outbox_down BEFORE INSERT ON outbox "
            "BEGIN SELECT RAISE(ABORT, 'outbox down'); END"
        )
    with pytest.raises(sqlite3.IntegrityError):
        await store.record_message("c1", T0, MESSAGE)
    assert await store.list_messages() == []
    assert raw(db_path, "SELECT count(*) FROM messages") == [(0,)]


async def test_deliveries_follow_their_outbox_state(store: SqliteCallStore) -> None:
    """A failed delivery waits until its next attempt; a delivered one is never offered again."""
    first = await store.record_message("c1", T0, MESSAGE)
    second = await store.record_message("c1", T0, MESSAGE)
    pending = await store.pending_deliveries(due_at=T0)
    assert [(d.message.id, d.attempts, d.next_attempt_at) for d in pending] == [
        (first, 0, T0),
        (second, 0, T0),
    ]
    await store.mark_delivered(pending[0].id, T0)
    retry_at = T0 + timedelta(seconds=30)
    await store.mark_failed(pending[1].id, T0, "SMTPError: down", retry_at)

    assert await store.pending_deliveries(due_at=T0 + timedelta(seconds=29)) == []
    (waiting,) = await store.pending_deliveries()
    assert (waiting.message.id, waiting.attempts, waiting.next_attempt_at) == (second, 1, retry_at)
    assert await store.pending_deliveries(due_at=retry_at) == [waiting]


async def test_a_delivery_is_claimed_by_one_worker_at_a_time(store: SqliteCallStore) -> None:
    """Only one claim on a due delivery wins; the claim expires; a delivered row stays put."""
    await store.record_message("c1", T0, MESSAGE)
    (delivery,) = await store.pending_deliveries(due_at=T0)
    lease = T0 + timedelta(seconds=40)
    assert await store.claim_delivery(delivery.id, T0, lease)
    assert not await store.claim_delivery(delivery.id, T0, lease)
    assert await store.pending_deliveries(due_at=T0) == []
    assert await store.claim_delivery(delivery.id, lease, lease + timedelta(seconds=40))
    await store.mark_delivered(delivery.id, lease)
    assert not await store.claim_delivery(delivery.id, lease + timedelta(days=1), lease)


async def test_a_file_store_survives_reopening(db_path: Path) -> None:
    """Calls, events, messages and the outbox are all there after closing and reopening."""
    async with SqliteCallStore(db_path) as first:
        await first.start_call("c1", T0, "+14075550100", "harry_levine")
        await first.record_event("c1", T0, "greeted", {}, ["triage"])
        await first.record_message("c1", T0, MESSAGE)
        await first.finish_call("c1", T0, Outcome(OutcomeKind.MESSAGE, LOUIS), {}, ["ended"])
    async with SqliteCallStore(db_path) as second:
        assert await second.schema_version() == SCHEMA_VERSION
        record = await second.get_call("c1")
        assert record is not None
        assert record.outcome == Outcome(OutcomeKind.MESSAGE, LOUIS)
        assert [e.name for e in await second.call_events("c1")] == ["greeted"]
        assert len(await second.list_messages("c1")) == 1
        assert len(await second.pending_deliveries()) == 1


async def test_an_in_memory_store_works() -> None:
    """An in-memory database gives a working, private store (for tests and console calls)."""
    async with SqliteCallStore(":memory:") as store:
        await store.record_message("c1", T0, MESSAGE)
        assert len(await store.pending_deliveries(due_at=T0)) == 1
        assert await store.schema_version() == SCHEMA_VERSION


async def test_a_slow_operation_times_out_and_the_store_recovers(db_path: Path) -> None:
    """Past the timeout a caller gets TimeoutError; work queued behind it never runs late."""
    async with SqliteCallStore(db_path, timeout=0.2) as store:
        with pytest.raises(TimeoutError):
            await store._run(lambda: time.sleep(0.8))  # a disk that stalls
        with pytest.raises(TimeoutError):
            await store.start_call("late", T0, None, "a")  # queued behind the stall
        await asyncio.sleep(0.5)
        assert await store.get_call("late") is None
        await store.start_call("c1", T0, None, "a")
        assert await store.get_call("c1") is not None


async def test_metrics_round_trip_per_call_in_order(store: SqliteCallStore) -> None:
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


async def test_a_version_1_database_is_migrated_keeping_its_calls(db_path: Path) -> None:
    """A file written by schema version 1 gains the metrics table and keeps its rows."""
    with sqlite3.connect(db_path) as conn:
        conn.executescript(sqlite_schema._SCHEMA_V1)
        conn.execute("INSERT INTO calls (call_id) VALUES ('old')")
        conn.execute("PRAGMA user_version = 1")
    async with SqliteCallStore(db_path) as store:
        assert await store.schema_version() == SCHEMA_VERSION
        assert await store.get_call("old") is not None
        await store.record_metrics("old", T0, "usage", {"llm_tokens": 12})
        assert len(await store.call_metrics("old")) == 1
