"""The call store in SQLite: WAL, `synchronous=FULL`, one writer thread.

A message is committed before `record_message` returns, with its outbox row in the
same transaction (see `voiceagent/store/port.py` for why). Work runs strictly in order
on one dedicated thread, so a timed-out operation can never run inside another's
transaction; every operation is bounded by a timeout.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar, overload

from statecharts import Intent, Message, MessageKind, Outcome, OutcomeKind, Target, TargetKind
from voiceagent.store.port import (
    CallEvent,
    CallMetric,
    CallRecordRow,
    Delivery,
    StoredMessage,
)
from voiceagent.store.sqlite_schema import migrate, transaction

__all__ = ["SqliteCallStore"]

_T = TypeVar("_T")


_MESSAGE_FIELDS = (
    "call_id", "at", "kind", "target_kind", "target_name", "target_spoken_name",
    "target_extension", "target_group", "target_reason", "caller_name", "phone_number",
    "insurance_type", "identifier", "intent", "text", "notes",
)  # fmt: skip
_INSERT_MESSAGE = (
    f"INSERT INTO messages ({', '.join(_MESSAGE_FIELDS)}) "  # noqa: S608 - constant column names
    f"VALUES ({', '.join(':' + name for name in _MESSAGE_FIELDS)})"
)
_SELECT_MESSAGE = "m.id AS message_id, " + ", ".join(f"m.{name}" for name in _MESSAGE_FIELDS)


class SqliteCallStore:
    """A `CallStore` in one SQLite file (or `":memory:"`), owned by one worker thread.

    All work on the connection runs, in submission order, on a single dedicated
    thread: the event loop never blocks on disk, and operations never interleave
    inside one another's transactions. A timed-out operation is abandoned by its
    caller but still finishes (or fails) on that thread before the next one
    starts, so a timeout can never leave the connection shared mid-transaction
    (which `asyncio.to_thread` under an `asyncio.Lock` would allow: the lock is
    released on timeout while the thread is still inside the transaction).

    Args:
        path: The database file, created with its schema on first use.
        timeout: Seconds any one operation may take, queueing included (audit A6).
    """

    def __init__(self, path: str | Path, *, timeout: float = 5.0) -> None:
        self._path = str(path)
        self._timeout = timeout
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="call-store")
        self._conn: sqlite3.Connection | None = None

    async def __aenter__(self) -> SqliteCallStore:
        await self._run(self._connection)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""

        def close() -> None:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

        try:
            await self._run(close)
        finally:
            self._executor.shutdown(wait=False)

    async def schema_version(self) -> int:
        """The schema version of the open database."""
        rows = await self._read("PRAGMA user_version", {})
        return int(rows[0][0])

    async def start_call(
        self, call_id: str, started_at: datetime, caller_number: str | None, agency: str
    ) -> None:
        """Open the call's record (again, harmlessly, if it already exists)."""
        await self._write(
            "INSERT INTO calls (call_id, agency, started_at, caller_number) "
            "VALUES (:call_id, :agency, :started_at, :caller_number) "
            "ON CONFLICT (call_id) DO UPDATE SET agency = excluded.agency, "
            "started_at = excluded.started_at, caller_number = excluded.caller_number",
            {"call_id": call_id, "agency": agency, "started_at": _iso(started_at),
             "caller_number": caller_number},
        )  # fmt: skip

    async def record_event(
        self,
        call_id: str,
        at: datetime,
        name: str,
        arguments: Mapping[str, object],
        states: Sequence[str],
    ) -> None:
        """Append one chart event to the call's trace."""
        await self._write(
            "INSERT INTO events (call_id, at, name, arguments, states) "
            "VALUES (:call_id, :at, :name, :arguments, :states)",
            {"call_id": call_id, "at": _iso(at), "name": name,
             "arguments": _json(dict(arguments)), "states": _json(list(states))},
        )  # fmt: skip

    async def record_metrics(
        self, call_id: str, at: datetime, kind: str, figures: Mapping[str, object]
    ) -> None:
        """Append figures about the call (a turn's latency, model usage, a watchdog event)."""
        await self._write(
            "INSERT INTO metrics (call_id, at, kind, figures) "
            "VALUES (:call_id, :at, :kind, :figures)",
            {"call_id": call_id, "at": _iso(at), "kind": kind, "figures": _json(dict(figures))},
        )

    async def record_message(self, call_id: str, at: datetime, message: Message) -> int:
        """Store the message and its outbox row in one durable transaction."""
        params = _message_params(call_id, _iso(at), message)

        def insert() -> int:
            conn = self._connection()
            with transaction(conn):
                message_id = conn.execute(_INSERT_MESSAGE, params).lastrowid
                conn.execute(
                    "INSERT INTO outbox (message_id, created_at, next_attempt_at) "
                    "VALUES (:message_id, :at, :at)",
                    {"message_id": message_id, "at": params["at"]},
                )
            assert message_id is not None
            return message_id

        return await self._run(insert)

    async def finish_call(
        self,
        call_id: str,
        at: datetime,
        outcome: Outcome,
        caller: Mapping[str, object],
        path: Sequence[str],
    ) -> None:
        """Close the call's record; creates it if its start was never recorded."""
        await self._write(
            "INSERT INTO calls (call_id, finished_at, outcome, outcome_target, caller, path) "
            "VALUES (:call_id, :finished_at, :outcome, :outcome_target, :caller, :path) "
            "ON CONFLICT (call_id) DO UPDATE SET finished_at = excluded.finished_at, "
            "outcome = excluded.outcome, outcome_target = excluded.outcome_target, "
            "caller = excluded.caller, path = excluded.path",
            {"call_id": call_id, "finished_at": _iso(at), "outcome": outcome.kind.value,
             "outcome_target": _json(asdict(outcome.target)) if outcome.target else None,
             "caller": _json(dict(caller)), "path": _json(list(path))},
        )  # fmt: skip

    async def pending_deliveries(self, due_at: datetime | None = None) -> list[Delivery]:
        """Undelivered outbox rows, soonest due first."""
        sql = (
            f"SELECT o.id, o.attempts, o.next_attempt_at, {_SELECT_MESSAGE} "  # noqa: S608 - constant
            "FROM outbox o JOIN messages m ON m.id = o.message_id WHERE o.delivered_at IS NULL "
            "AND (:due_at IS NULL OR o.next_attempt_at <= :due_at) "
            "ORDER BY o.next_attempt_at, o.id"
        )
        rows = await self._read(sql, {"due_at": _iso(due_at) if due_at else None})
        return [
            Delivery(row["id"], row["attempts"], _from_iso(row["next_attempt_at"]), _stored(row))
            for row in rows
        ]

    async def claim_delivery(self, delivery_id: int, at: datetime, until: datetime) -> bool:
        """Push a due delivery's next attempt to `until`, unless someone else did first.

        Each job runs in its own process and each may flush the outbox at shutdown,
        so two processes can see the same due row. The conditional update lets only
        one of them deliver it; if that one dies mid-attempt, the claim simply
        expires at `until` and the row is due again.
        """

        def claim() -> bool:
            conn = self._connection()
            with transaction(conn):
                cursor = conn.execute(
                    "UPDATE outbox SET next_attempt_at = :until WHERE id = :id "
                    "AND delivered_at IS NULL AND next_attempt_at <= :at",
                    {"id": delivery_id, "at": _iso(at), "until": _iso(until)},
                )
            return cursor.rowcount == 1

        return await self._run(claim)

    async def mark_delivered(self, delivery_id: int, at: datetime) -> None:
        """Record that staff received the message; it is never offered again."""
        await self._write(
            "UPDATE outbox SET delivered_at = :at, last_attempt_at = :at, "
            "attempts = attempts + 1 WHERE id = :id",
            {"at": _iso(at), "id": delivery_id},
        )

    async def mark_failed(
        self, delivery_id: int, at: datetime, error: str, next_attempt_at: datetime
    ) -> None:
        """Record a failed attempt and when to try again; the row stays pending."""
        await self._write(
            "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = :at, "
            "last_error = :error, next_attempt_at = :next WHERE id = :id",
            {"at": _iso(at), "error": error, "next": _iso(next_attempt_at), "id": delivery_id},
        )

    async def get_call(self, call_id: str) -> CallRecordRow | None:
        """The call's record, or None if nothing was recorded for it."""
        rows = await self._read("SELECT * FROM calls WHERE call_id = :id", {"id": call_id})
        if not rows:
            return None
        row = rows[0]
        outcome = None
        if row["outcome"] is not None:
            target = json.loads(row["outcome_target"] or "null")
            if target is not None:
                target = Target(**{**target, "kind": TargetKind(target["kind"])})
            outcome = Outcome(OutcomeKind(row["outcome"]), target)
        return CallRecordRow(
            call_id=row["call_id"],
            agency=row["agency"],
            started_at=_from_iso(row["started_at"]),
            caller_number=row["caller_number"],
            finished_at=_from_iso(row["finished_at"]),
            outcome=outcome,
            caller=json.loads(row["caller"]),
            path=tuple(json.loads(row["path"])),
        )

    async def list_messages(self, call_id: str | None = None) -> list[StoredMessage]:
        """Messages in the order taken, for one call or for all calls."""
        sql = (
            f"SELECT {_SELECT_MESSAGE} FROM messages m "  # noqa: S608 - constant columns
            "WHERE :call_id IS NULL OR m.call_id = :call_id ORDER BY m.id"
        )
        return [_stored(row) for row in await self._read(sql, {"call_id": call_id})]

    async def call_events(self, call_id: str) -> list[CallEvent]:
        """The call's event trace, in the order it was recorded."""
        rows = await self._read(
            "SELECT * FROM events WHERE call_id = :id ORDER BY id", {"id": call_id}
        )
        return [
            CallEvent(
                id=row["id"],
                call_id=row["call_id"],
                at=_from_iso(row["at"]),
                name=row["name"],
                arguments=json.loads(row["arguments"]),
                states=tuple(json.loads(row["states"])),
            )
            for row in rows
        ]

    async def call_metrics(self, call_id: str) -> list[CallMetric]:
        """The call's figures, in the order they were recorded."""
        rows = await self._read(
            "SELECT * FROM metrics WHERE call_id = :id ORDER BY id", {"id": call_id}
        )
        return [
            CallMetric(
                id=row["id"],
                call_id=row["call_id"],
                at=_from_iso(row["at"]),
                kind=row["kind"],
                figures=json.loads(row["figures"]),
            )
            for row in rows
        ]

    async def _run(self, work: Callable[[], _T]) -> _T:
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(self._timeout):
            return await loop.run_in_executor(self._executor, work)

    async def _write(self, sql: str, params: Mapping[str, object]) -> None:
        def write() -> None:
            conn = self._connection()
            with transaction(conn):
                conn.execute(sql, params)

        await self._run(write)

    async def _read(self, sql: str, params: Mapping[str, object]) -> list[sqlite3.Row]:
        return await self._run(lambda: self._connection().execute(sql, params).fetchall())

    def _connection(self) -> sqlite3.Connection:
        """The connection, opened and migrated on first use (on the store's thread)."""
        if self._conn is None:
            conn = sqlite3.connect(self._path, isolation_level=None, timeout=self._timeout)
            conn.row_factory = sqlite3.Row
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                migrate(conn)
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn


def _iso(moment: datetime) -> str:
    """ISO-8601 in UTC, fixed width so that text order is time order.

    Naive datetimes are taken as UTC: the shell's clock is `datetime.now(UTC)`.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@overload
def _from_iso(text: str) -> datetime: ...
@overload
def _from_iso(text: None) -> None: ...
def _from_iso(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _json(value: object) -> str:
    return json.dumps(value, default=str, ensure_ascii=False, sort_keys=True)


def _message_params(call_id: str, at: str, message: Message) -> dict[str, str | None]:
    target = message.for_target
    return {
        "call_id": call_id, "at": at, "kind": message.kind.value,
        "target_kind": target.kind.value if target else None,
        "target_name": target.name if target else None,
        "target_spoken_name": target.spoken_name if target else None,
        "target_extension": target.extension if target else None,
        "target_group": target.group if target else None,
        "target_reason": target.reason if target else None,
        "caller_name": message.caller_name, "phone_number": message.phone_number,
        "insurance_type": message.insurance_type, "identifier": message.identifier,
        "intent": message.intent.value if message.intent else None,
        "text": message.text, "notes": message.notes,
    }  # fmt: skip


def _stored(row: sqlite3.Row) -> StoredMessage:
    target = None
    if row["target_kind"] is not None:
        target = Target(
            kind=TargetKind(row["target_kind"]), name=row["target_name"],
            spoken_name=row["target_spoken_name"], extension=row["target_extension"],
            group=row["target_group"], reason=row["target_reason"],
        )  # fmt: skip
    message = Message(
        kind=MessageKind(row["kind"]), for_target=target, caller_name=row["caller_name"],
        phone_number=row["phone_number"], insurance_type=row["insurance_type"],
        identifier=row["identifier"], text=row["text"], notes=row["notes"],
        intent=Intent(row["intent"]) if row["intent"] else None,
    )  # fmt: skip
    return StoredMessage(row["message_id"], row["call_id"], _from_iso(row["at"]), message)
