"""`voiceagent calls` and `voiceagent messages`: what the store holds, for people and scripts.

Both read the configured store (`VOICEAGENT_STORE`, or `--store` with a SQLite path
or a PostgreSQL URL), newest first. Callers' names, numbers and words are masked
unless `--show-pii`; `--json` prints one JSON array for scripts. `calls` takes
subcommands for one call: `calls show CALL_ID` prints it step by step, `calls
export CALL_ID` writes it as a scenario, the caller's personal data replaced.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

from statecharts import mask_name, mask_phone
from voiceagent.cli.export import export_call
from voiceagent.logs import mask_pii
from voiceagent.store.location import connect_store
from voiceagent.store.port import (
    CallEvent,
    CallRecordRow,
    MessageListing,
    StoreSchemaError,
    StoreUnavailableError,
    Utterance,
)
from voiceagent.store.settings import SettingsError, StoreSettings, load_store_settings
from voiceagent.store.sql import SqlCallStore

__all__ = [
    "STORE_ERRORS",
    "StoreCommandError",
    "add_store_commands",
    "parse_since",
    "resolve_store",
]

_USAGE_ERROR = 2
_RELATIVE = re.compile(r"^(\d+)\s*([mhd])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}


class StoreCommandError(Exception):
    """Bad input to a store command: one line, exit status 2."""


STORE_ERRORS = (StoreCommandError, StoreUnavailableError, StoreSchemaError)
"""What a command that opens the store reports as one line and exit status 2."""


def _store_options(*, default: Any = None) -> argparse.ArgumentParser:
    """The options every store command takes.

    A subcommand repeats them with `default=SUPPRESS`, so `calls --store X show ID`
    keeps the X given before the subcommand.
    """
    store = argparse.ArgumentParser(add_help=False)
    store.add_argument(
        "--store", metavar="PATH|URL", default=default, help="a SQLite file or a "
        "postgresql:// URL (default: $VOICEAGENT_STORE, else calls.sqlite3)",
    )  # fmt: skip
    store.add_argument(
        "--show-pii", action="store_true", default=default or False,
        help="show callers' names, numbers and words",
    )  # fmt: skip
    store.add_argument(
        "--json", action="store_true", default=default or False, help="print JSON for scripts"
    )
    return store


def add_store_commands(commands: Any) -> None:
    """Register `calls` and `messages` on the main parser's subcommands."""
    store = _store_options()
    listing = argparse.ArgumentParser(add_help=False)
    listing.add_argument("--since", metavar="WHEN", help="ISO date or time (UTC), or 30m, 6h, 7d")
    listing.add_argument("--limit", type=int, default=20, metavar="N", help="at most N (20)")

    calls = commands.add_parser(
        "calls", parents=[store, listing], help="list recent calls from the store"
    )
    calls.set_defaults(handler=_command(_list_calls))
    one_call = calls.add_subparsers(dest="call_command", metavar="SUBCOMMAND")
    again = _store_options(default=argparse.SUPPRESS)
    show = one_call.add_parser("show", parents=[again], help="one call, step by step")
    show.add_argument("call_id", metavar="CALL_ID")
    show.set_defaults(handler=_command(_show_call))
    export = one_call.add_parser(
        "export",
        parents=[again],
        help="write one call as a scenario (personal data replaced) for `voiceagent scenarios`",
    )
    export.add_argument("call_id", metavar="CALL_ID")
    export.add_argument("--out", metavar="FILE", help="write the scenario to FILE (default: print)")
    export.add_argument("--agency", metavar="FILE", help="the agency file the scenario runs with")
    export.set_defaults(handler=_command(export_call))

    messages = commands.add_parser(
        "messages", parents=[store, listing], help="list recent messages and their delivery"
    )
    messages.add_argument(
        "--status", choices=("pending", "delivered", "parked"), help="only messages in this state"
    )
    messages.set_defaults(handler=_command(_list_messages))
    one_message = messages.add_subparsers(dest="message_command", metavar="SUBCOMMAND")
    retry = one_message.add_parser(
        "retry", parents=[again], help="offer parked (or waiting) messages to staff again now"
    )
    retry.add_argument("keys", nargs="+", metavar="KEY", help="message keys (see --json)")
    retry.set_defaults(handler=_command(_retry_messages))


def parse_since(text: str | None, now: datetime) -> datetime | None:
    """`--since`: an ISO date or time (naive is UTC), or a span back from now ("6h")."""
    if text is None:
        return None
    relative = _RELATIVE.match(text.strip())
    if relative:
        amount, unit = relative.groups()
        return now - timedelta(**{_UNITS[unit]: int(amount)})
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        msg = f"--since {text!r} is neither an ISO date or time nor a span like 30m, 6h or 7d"
        raise StoreCommandError(msg) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def resolve_store(argument: str | None) -> StoreSettings:
    """The store settings, with `--store` (when given) in place of `VOICEAGENT_STORE`."""
    try:
        if argument:
            return load_store_settings(store=argument)
        return load_store_settings()
    except SettingsError as error:
        raise StoreCommandError(str(error).replace("VOICEAGENT_STORE:", "--store:")) from None


_Handler = Callable[[SqlCallStore, argparse.Namespace], Coroutine[Any, Any, int]]


def _command(handler: _Handler) -> Callable[[argparse.Namespace], int]:
    """Open the store read-side, run the handler, turn known failures into one line."""

    def run(args: argparse.Namespace) -> int:
        async def go() -> int:
            settings = resolve_store(args.store)
            store = await connect_store(
                settings.store, timeout=settings.store_timeout, must_exist=True
            )
            try:
                return await handler(store, args)
            finally:
                await store.close()

        try:
            return asyncio.run(go())
        except STORE_ERRORS as error:
            print(f"voiceagent {args.command}: error: {error}", file=sys.stderr)
            return _USAGE_ERROR

    return run


async def _list_calls(store: SqlCallStore, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise StoreCommandError("--limit must be at least 1")
    since = parse_since(args.since, datetime.now(UTC))
    calls = await store.recent_calls(since=since, limit=args.limit)
    rows = [_call_json(call, show_pii=args.show_pii) for call in calls]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not rows:
        print("no calls")
        return 0
    _table(
        ["STARTED (UTC)", "CALL ID", "OUTCOME", "TARGET", "CALLER", "NUMBER", "PATH"],
        [
            [
                _when(row["started_at"] or row["finished_at"]), row["call_id"],
                row["outcome"]["kind"] if row["outcome"] else "in progress",
                (row["outcome"]["target"] or {}).get("name", "") if row["outcome"] else "",
                row["caller_name"] or "", row["caller_number"] or "",
                " > ".join(row["path"]),
            ]
            for row in rows
        ],
    )  # fmt: skip
    return 0


async def _show_call(store: SqlCallStore, args: argparse.Namespace) -> int:
    call = await store.get_call(args.call_id)
    timeline = await store.call_timeline(args.call_id)
    if call is None and not timeline:
        raise StoreCommandError(f"no call {args.call_id!r} in the store")
    steps = [_step_json(step, show_pii=args.show_pii) for step in timeline]
    record = _call_json(call, show_pii=args.show_pii) if call else None
    if args.json:
        print(json.dumps({"call": record, "timeline": steps}, ensure_ascii=False))
        return 0
    if record is not None:
        outcome = record["outcome"]
        print(f"call {record['call_id']} ({record['agency'] or 'unknown agency'})")
        print(f"  started {_when(record['started_at'])}, ended {_when(record['finished_at'])}")
        if record["office_time"]:
            print(f"  office clock {_when(record['office_time'])} UTC")
        print(f"  caller {record['caller_name'] or '-'}, number {record['caller_number'] or '-'}")
        if outcome:
            target = (outcome["target"] or {}).get("name")
            print(f"  outcome {outcome['kind']}" + (f" to {target}" if target else ""))
    for step in steps:
        time = _when(step["at"])[11:]
        if step["type"] == "said":
            print(f"{time}  {step['speaker']:>6}: {step['text']}")
        else:
            arguments = (
                json.dumps(step["arguments"], ensure_ascii=False) if step["arguments"] else ""
            )
            print(f"{time}  [{step['name']}] {arguments}".rstrip())
    return 0


async def _retry_messages(store: SqlCallStore, args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    unknown = [key for key in args.keys if not await store.requeue_delivery(key, now)]
    if unknown:
        raise StoreCommandError(f"no undelivered message with key {', '.join(unknown)}")
    print(f"{len(args.keys)} message(s) queued for staff again")
    return 0


async def _list_messages(store: SqlCallStore, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise StoreCommandError("--limit must be at least 1")
    since = parse_since(args.since, datetime.now(UTC))
    listed = await store.recent_messages(since=since, limit=args.limit, status=args.status)
    rows = [_message_json(entry, show_pii=args.show_pii) for entry in listed]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    parked = [] if args.status else await store.recent_messages(status="parked")
    if rows:
        _table(_MESSAGE_COLUMNS, [_message_cells(row) for row in rows])
    else:
        print("no messages")
    if parked:
        print(
            f"{len(parked)} message(s) parked, waiting for a person: "
            "voiceagent messages --status parked; voiceagent messages retry KEY"
        )
    return 0


_MESSAGE_COLUMNS = [
    "TAKEN (UTC)", "KIND", "URGENCY", "FOR", "FROM", "CALLBACK", "DELIVERY", "TEXT", "KEY"
]  # fmt: skip


def _message_cells(row: dict[str, Any]) -> list[str]:
    text = row["text"] if row["text"] is not None else f"({row['text_length']} characters)"
    return [
        _when(row["taken_at"]), row["kind"], row["urgency"], (row["for"] or {}).get("name", ""),
        row["from"]["name"] or "", row["callback_number"] or "", _delivery_text(row["delivery"]),
        text, row["key"],
    ]  # fmt: skip


def _call_json(call: CallRecordRow, *, show_pii: bool) -> dict[str, Any]:
    caller = dict(call.caller)
    first, last = caller.get("first_name"), caller.get("last_name")
    name = " ".join(str(part) for part in (first, last) if part) or caller.get("business_name")
    number = call.caller_number or caller.get("phone_number")
    outcome = call.outcome
    return {
        "call_id": call.call_id,
        "agency": call.agency,
        "room": call.room,
        "started_at": _iso(call.started_at),
        "finished_at": _iso(call.finished_at),
        "office_time": _iso(call.office_time),
        "outcome": None
        if outcome is None
        else {
            "kind": outcome.kind.value,
            "target": outcome.target.as_dict() if outcome.target else None,
        },
        "caller_name": _masked(name, mask_name, show_pii=show_pii),
        "caller_number": _masked(number, mask_phone, show_pii=show_pii),
        "caller": caller if show_pii else dict(mask_pii(None, "", caller)),
        "path": list(call.path),
    }


def _step_json(step: CallEvent | Utterance, *, show_pii: bool) -> dict[str, Any]:
    if isinstance(step, Utterance):
        return {
            "type": "said",
            "at": _iso(step.at),
            "speaker": step.speaker,
            "text": step.text if show_pii else f"({len(step.text)} characters)",
        }
    arguments = step.arguments if show_pii else dict(mask_pii(None, "", dict(step.arguments)))
    return {"type": "event", "at": _iso(step.at), "name": step.name, "arguments": arguments}


def _message_json(entry: MessageListing, *, show_pii: bool) -> dict[str, Any]:
    stored, delivery = entry.stored, entry.delivery
    message = stored.message
    target = message.for_target
    return {
        "key": stored.key,
        "message_id": stored.id,
        "call_id": stored.call_id,
        "taken_at": _iso(stored.at),
        "kind": message.kind.value,
        "urgency": stored.urgency,
        "for": target.as_dict() if target else None,
        "from": {
            "name": _masked(message.caller_name, mask_name, show_pii=show_pii),
            "identifier": _masked(message.identifier, mask_name, show_pii=show_pii),
        },
        "callback_number": _masked(message.phone_number, mask_phone, show_pii=show_pii),
        "intent": message.intent.value if message.intent else None,
        "text": message.text if show_pii else None,
        "text_length": len(message.text),
        "delivery": None
        if delivery is None
        else {
            "status": delivery.status,
            "attempts": delivery.attempts,
            "rejections": delivery.rejections,
            "last_error": delivery.last_error,
            "next_attempt_at": _iso(delivery.next_attempt_at),
            "delivered_at": _iso(delivery.delivered_at),
            "parked_at": _iso(delivery.parked_at),
        },
    }


def _delivery_text(delivery: dict[str, Any] | None) -> str:
    if delivery is None:
        return "not queued"
    status, attempts = delivery["status"], delivery["attempts"]
    if status == "delivered":
        return f"delivered {_when(delivery['delivered_at'])[11:]}"
    if status == "parked":
        return f"PARKED after {_attempts(attempts)}: {delivery['last_error']}"
    if attempts:
        return f"retrying ({_attempts(attempts)} failed: {delivery['last_error']})"
    return "pending"


def _attempts(count: int) -> str:
    return f"{count} attempt" if count == 1 else f"{count} attempts"


def _masked(value: object, mask: Callable[[str], str], *, show_pii: bool) -> str | None:
    if value is None or value == "":
        return None
    return str(value) if show_pii else mask(str(value))


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def _when(iso: str | None) -> str:
    return "-" if iso is None else iso[:19].replace("T", " ")


def _table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    for line in (headers, *rows):
        print(
            "  ".join(
                str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)
            ).rstrip()
        )
