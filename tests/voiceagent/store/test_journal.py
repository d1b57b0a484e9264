"""The local journal: with the database down a message is fsynced to disk, and moved in later."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import make_url
from structlog.testing import capture_logs

from tests.voiceagent.postgres import PostgresServer
from tests.voiceagent.store.samples import MESSAGE, T0
from voiceagent.store import writes
from voiceagent.store.journal import Journal
from voiceagent.store.port import Utterance
from voiceagent.store.postgres import PostgresCallStore
from voiceagent.store.sqlite import SqliteCallStore

pytestmark = pytest.mark.unit


def test_an_entry_round_trips_through_the_disk(tmp_path: Path) -> None:
    """A write comes back from the journal as it went in, instants included; owner-only files."""
    journal = Journal(tmp_path / "journal")
    write = writes.message_recorded("c1", T0, MESSAGE)
    path = journal.append(write)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal.directory.stat().st_mode) == 0o700
    (entry,) = journal.entries()
    assert entry.write == write
    assert entry.write.values["at"] == T0
    journal.remove(entry)
    assert not journal.pending()


def test_entries_come_back_in_the_order_written(tmp_path: Path) -> None:
    """Entries are applied in the order they were written."""
    journal = Journal(tmp_path)
    lines = [writes.utterance_recorded("c1", T0, "caller", str(n)) for n in range(12)]
    for line in lines:
        journal.append(line)
    assert [entry.write.values["text"] for entry in journal.entries()] == [
        str(n) for n in range(12)
    ]


def test_an_unreadable_entry_is_set_aside_not_lost(tmp_path: Path) -> None:
    """A damaged entry is renamed out of the queue (and logged), never deleted."""
    journal = Journal(tmp_path)
    (tmp_path / "00000000000000000001-broken.json").write_text("{not json")
    journal.append(writes.utterance_recorded("c1", T0, "caller", "fine"))
    with capture_logs() as logs:
        entries = journal.entries()
    assert [entry.write.values["text"] for entry in entries] == ["fine"]
    assert (tmp_path / "00000000000000000001-broken.unreadable").exists()
    assert [entry["event"] for entry in logs] == ["journal entry unreadable"]


LOCKED_OUT = 1.0
"""Seconds a write waits for a locked file before it goes to the journal."""


async def migrated(folder: Path) -> Path:
    """A store file already created, so that opening it with a short timeout is quick."""
    path = folder / "calls.sqlite3"
    async with SqliteCallStore(path):
        pass
    return path


@contextmanager
def sqlite_locked(path: Path) -> Iterator[None]:
    """Another process holds the file's write lock: writes cannot get in."""
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


async def test_a_message_goes_to_the_journal_while_sqlite_is_locked_then_in(
    tmp_path: Path,
) -> None:
    """A locked file: the message is on disk in the journal when record_message returns."""
    path = await migrated(tmp_path)
    journal = Journal(tmp_path / "journal")
    async with SqliteCallStore(path, timeout=LOCKED_OUT, journal=journal) as store:
        with sqlite_locked(path), capture_logs() as logs:
            key = await store.record_message("c1", T0, MESSAGE)
            (entry,) = journal.entries()
            assert entry.write.values["key"] == key
            assert entry.write.values["caller_name"] == "Jane Doe"
        assert "store unreachable, writing to the journal" in [e["event"] for e in logs]

        assert await store.move_journal(force=True) == 1
        assert not journal.pending()
        (stored,) = await store.list_messages()
        assert stored.key == key
        (delivery,) = await store.pending_deliveries()
        assert delivery.message.key == key


async def test_while_the_journal_waits_later_writes_follow_it_in_order(tmp_path: Path) -> None:
    """Writes made during and after an outage keep the call's order once moved in."""
    path = await migrated(tmp_path)
    journal = Journal(tmp_path / "journal")
    store = SqliteCallStore(path, timeout=LOCKED_OUT, journal=journal)
    store._journal_retry = 3600.0  # the database is not retried during this test's outage
    async with store:
        await store.record_utterance("c1", T0, "caller", "one")
        with sqlite_locked(path):
            await store.record_utterance("c1", T0, "caller", "two")
        await store.record_utterance("c1", T0, "caller", "three")  # follows "two" to the journal
        assert len(journal.entries()) == 2
        assert await store.move_journal(force=True) == 2
        await store.record_utterance("c1", T0, "caller", "four")
        timeline = await store.call_timeline("c1")
    assert [s.text for s in timeline if isinstance(s, Utterance)] == ["one", "two", "three", "four"]


async def test_moving_an_entry_twice_stores_it_once(tmp_path: Path) -> None:
    """An entry applied again (the first commit landed late) does not duplicate anything."""
    journal = Journal(tmp_path / "journal")
    async with SqliteCallStore(tmp_path / "calls.sqlite3", journal=journal) as store:
        for write in (
            writes.message_recorded("c1", T0, MESSAGE),
            writes.event_recorded("c1", T0, "greeted", {}, ["triage"]),
            writes.call_started("c1", T0, None, "a"),
        ):
            await store._transaction(lambda conn, w=write: writes.apply_write(conn, w))
            journal.append(write)
        assert await store.move_journal(force=True) == 3
        assert len(await store.list_messages()) == 1
        assert len(await store.pending_deliveries()) == 1
        assert len(await store.call_events("c1")) == 1


async def test_with_no_disk_either_the_message_is_not_acknowledged(tmp_path: Path) -> None:
    """If neither the database nor the journal can take it, record_message raises."""
    path = await migrated(tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    journal = Journal(blocked / "journal")
    async with SqliteCallStore(path, timeout=LOCKED_OUT, journal=journal) as store:
        with sqlite_locked(path), pytest.raises(NotADirectoryError):
            await store.record_message("c1", T0, MESSAGE)


async def test_postgres_down_then_back_keeps_the_message(
    postgres: PostgresServer, postgres_url: str, tmp_path: Path
) -> None:
    """PostgreSQL refuses connections: messages wait in the journal, move in when it is back."""
    database = make_url(postgres_url).database
    journal = Journal(tmp_path / "journal")
    store = PostgresCallStore(postgres_url, timeout=2.0, journal=journal)
    async with store:
        await store.start_call("c1", T0, None, "harry_levine")
        postgres.admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        postgres.admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (database,),
        )
        try:
            first = await store.record_message("c1", T0, MESSAGE)
            second = await store.record_message("c1", T0 + timedelta(seconds=1), MESSAGE)
            assert len(journal.entries()) == 2
            assert await store.move_journal(force=True) == 0  # still down: nothing moves
        finally:
            postgres.admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
        store._journal_retry = 0.0
        await store.record_utterance("c1", T0, "caller", "back")  # the next write moves it in
        assert not journal.pending()
        assert [m.key for m in await store.list_messages()] == [first, second]
        assert len(await store.pending_deliveries()) == 2
        assert [u.text for u in await store.call_transcript("c1")] == ["back"]
