"""The call store's SQLite schema and its migrations, one step per version.

`PRAGMA user_version` holds the schema version; a database written by a newer
build is refused rather than misread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from voiceagent.store.port import SCHEMA_VERSION, StoreSchemaError

__all__ = ["migrate", "transaction"]

_SCHEMA_V1 = """
CREATE TABLE calls (
    call_id TEXT PRIMARY KEY, agency TEXT, started_at TEXT, caller_number TEXT,
    finished_at TEXT, outcome TEXT, outcome_target TEXT,
    caller TEXT NOT NULL DEFAULT '{}', path TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, call_id TEXT NOT NULL, at TEXT NOT NULL,
    name TEXT NOT NULL, arguments TEXT NOT NULL, states TEXT NOT NULL
);
CREATE INDEX events_by_call ON events (call_id, id);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, call_id TEXT NOT NULL, at TEXT NOT NULL,
    kind TEXT NOT NULL, target_kind TEXT, target_name TEXT, target_spoken_name TEXT,
    target_extension TEXT, target_group TEXT, target_reason TEXT,
    caller_name TEXT, phone_number TEXT, insurance_type TEXT, identifier TEXT, intent TEXT,
    text TEXT NOT NULL, notes TEXT NOT NULL
);
CREATE INDEX messages_by_call ON messages (call_id, id);
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER NOT NULL UNIQUE REFERENCES messages (id),
    created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL, last_attempt_at TEXT, last_error TEXT, delivered_at TEXT
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
"""
"""Events and messages have no foreign key to `calls`: a message must be kept even
when the call's start could not be recorded."""

_SCHEMA_V2 = """
CREATE TABLE metrics (
    id INTEGER PRIMARY KEY AUTOINCREMENT, call_id TEXT NOT NULL, at TEXT NOT NULL,
    kind TEXT NOT NULL, figures TEXT NOT NULL
);
CREATE INDEX metrics_by_call ON metrics (call_id, id);
"""
"""Per-call figures: each turn's latency, model usage, watchdog events."""

_MIGRATIONS = {1: _SCHEMA_V1, 2: _SCHEMA_V2}
"""The script that takes the schema from version n - 1 to n."""


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the database to this build's schema, one version at a time, each in a transaction."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreSchemaError(
            f"call store schema is version {version}; this build knows up to {SCHEMA_VERSION}"
        )
    for target in range(version + 1, SCHEMA_VERSION + 1):
        with transaction(conn):
            for statement in _MIGRATIONS[target].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target:d}")
