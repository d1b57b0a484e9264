"""Schema migrations: replayed revisions match the tables, old databases are migrated at start."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from tests.voiceagent.store import legacy_schema
from tests.voiceagent.store.samples import MESSAGE, T0
from voiceagent.store import migrate
from voiceagent.store.location import is_postgres, open_store
from voiceagent.store.port import StoreSchemaError
from voiceagent.store.schema import metadata

pytestmark = pytest.mark.unit


def engine_for(location: str) -> Engine:
    if is_postgres(location):
        return create_engine(location.replace("postgresql://", "postgresql+psycopg://", 1))
    return create_engine(f"sqlite:///{location}")


def replay(location: str, revision: str = "head") -> None:
    """Apply the Alembic revisions one by one, as an old database would have them applied."""
    engine = engine_for(location)
    try:
        with engine.begin() as conn:
            config = migrate._config()
            config.attributes["connection"] = conn
            try:
                command.upgrade(config, revision)
            finally:
                config.attributes.pop("connection")
    finally:
        engine.dispose()


def test_head_is_the_newest_revision() -> None:
    """The build's HEAD is the migration scripts' single head."""
    assert ScriptDirectory.from_config(migrate._config()).get_heads() == [migrate.HEAD]


def test_replaying_every_revision_gives_the_declared_tables(location: str) -> None:
    """The revisions, applied one by one from nothing, build exactly the declared schema."""
    replay(location)
    engine = engine_for(location)
    try:
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert differences == []


async def test_a_new_store_is_created_at_head(location: str) -> None:
    """A new, empty database is created with the newest schema and stamped at HEAD."""
    async with open_store(location) as store:
        assert await store.schema_version() == migrate.HEAD
    engine = engine_for(location)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    finally:
        engine.dispose()


def legacy_file(path: Path, version: int) -> None:
    """A SQLite file as the hand-written schema of `version` left it, with a call in it."""
    with sqlite3.connect(path) as conn:
        conn.executescript(legacy_schema.SCHEMA_V1)
        if version >= 2:
            conn.executescript(legacy_schema.SCHEMA_V2)
            conn.execute(
                "INSERT INTO metrics (call_id, at, kind, figures) "
                "VALUES ('old', '2026-03-02T14:30:00.000000+00:00', 'usage', '{\"tokens\": 12}')"
            )
        conn.executescript(legacy_schema.A_CALL)
        conn.execute(f"PRAGMA user_version = {version:d}")


@pytest.mark.parametrize("version", [1, 2])
async def test_a_file_from_before_the_migration_tool_is_migrated_keeping_its_calls(
    tmp_path: Path, version: int
) -> None:
    """A user_version 1 or 2 file is adopted, migrated to HEAD, and keeps every row."""
    path = tmp_path / "calls.sqlite3"
    legacy_file(path, version)
    async with open_store(str(path)) as store:
        assert await store.schema_version() == migrate.HEAD
        record = await store.get_call("old")
        assert record is not None
        assert record.caller == {"first_name": "Jane"}
        assert [e.name for e in await store.call_events("old")] == ["greeted", "choose_intent"]
        (stored,) = await store.list_messages("old")
        assert stored.message.caller_name == "Jane Doe"
        assert len(stored.key) == 32
        assert stored.urgency == "high"  # a claims callback
        (pending,) = await store.pending_deliveries()
        assert (pending.message.key, pending.attempts) == (stored.key, 2)
        figures = await store.call_metrics("old")
        assert [m.figures for m in figures] == ([{"tokens": 12}] if version == 2 else [])
        await store.record_event("old", T0, "hangup", {}, ["ended"])
        assert [e.name for e in await store.call_events("old")][-1] == "hangup"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (migrate.ALEMBIC_MARK,)


async def test_an_unknown_sqlite_version_is_refused(tmp_path: Path) -> None:
    """A file at a user_version no build wrote is refused rather than misread."""
    path = tmp_path / "calls.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE calls (call_id TEXT)")
        conn.execute("PRAGMA user_version = 99")
    store = open_store(str(path))
    with pytest.raises(StoreSchemaError, match="schema version 99"):
        await store.get_call("any")
    await store.close()


async def test_a_database_from_a_newer_build_is_refused(location: str) -> None:
    """A database at a revision this build does not know is refused, on both backends."""
    async with open_store(location) as store:
        await store.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store = open_store(location)
    with pytest.raises(StoreSchemaError, match="revision 9999, newer than this build"):
        await store.get_call("any")
    await store.close()


async def test_a_postgres_database_at_an_older_revision_is_migrated_with_its_rows(
    postgres_url: str,
) -> None:
    """A PostgreSQL database at revision 0001 with a call in it is brought to HEAD at start."""
    replay(postgres_url, "0001")
    engine = engine_for(postgres_url)
    try:
        with engine.begin() as conn:
            for statement in legacy_schema.A_CALL.split(";"):
                if statement.strip():
                    conn.execute(text(statement))
    finally:
        engine.dispose()
    async with open_store(postgres_url) as store:
        assert await store.schema_version() == migrate.HEAD
        assert [e.name for e in await store.call_events("old")] == ["greeted", "choose_intent"]
        (stored,) = await store.list_messages()
        assert (stored.urgency, len(stored.key)) == ("high", 32)
        await store.record_message("new", T0, MESSAGE)
        assert len(await store.pending_deliveries()) == 2


async def test_workers_starting_together_migrate_once(postgres_url: str) -> None:
    """Several stores opening one empty PostgreSQL at once all start; the schema is made once."""
    stores = [open_store(postgres_url) for _ in range(3)]
    try:
        await asyncio.gather(*(store.open() for store in stores))
        versions = {await store.schema_version() for store in stores}
        assert versions == {migrate.HEAD}
    finally:
        for store in stores:
            await store.close()
