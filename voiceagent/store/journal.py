"""The local journal: writes kept on disk while the database is out of reach.

When the database cannot be reached, a write (above all a message the caller is
about to be told was taken) is written here first: one file an entry, written to a
temporary name, fsynced, renamed into place and the folder fsynced, so an entry is
either whole on disk or absent. The store moves the entries into the database, in
order, once it answers again, and deletes each file only after its transaction has
committed; applying an entry twice stores it once (see `voiceagent/store/writes.py`).

The folder holds callers' data: it is created readable by its owner only.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import structlog

from voiceagent.store.writes import Write

__all__ = ["Journal", "JournalEntry"]

_log = structlog.get_logger(__name__)

_INSTANT = "$instant"
"""Marks a datetime in an entry's JSON."""


class JournalEntry:
    """One write waiting in the journal."""

    __slots__ = ("path", "write")

    def __init__(self, path: Path, write: Write) -> None:
        self.path = path
        self.write = write


class Journal:
    """A folder of pending writes, applied in the order they were made.

    Args:
        directory: Where entries live; created (owner-only) if missing.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._counter = 0

    def append(self, write: Write) -> Path:
        """Put one write on disk, durably; return its file once it is there for good."""
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._counter += 1
        name = f"{time.time_ns():020d}-{os.getpid():07d}-{self._counter:06d}-{uuid.uuid4().hex[:8]}"
        final = self.directory / f"{name}.json"
        partial = self.directory / f".{name}.partial"
        body = json.dumps({"op": write.op, "values": write.values}, default=_encode).encode()
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, body)
            os.fsync(fd)
        finally:
            os.close(fd)
        partial.rename(final)
        _fsync_directory(self.directory)
        return final

    def pending(self) -> bool:
        """Whether any entry waits to be applied."""
        return bool(self._paths())

    def entries(self) -> list[JournalEntry]:
        """The waiting entries, oldest first; an unreadable one is set aside, not lost."""
        entries = []
        for path in self._paths():
            try:
                raw = json.loads(path.read_bytes(), object_hook=_decode)
                entries.append(JournalEntry(path, Write(raw["op"], raw["values"])))
            except FileNotFoundError:
                continue  # another worker applied it meanwhile
            except (ValueError, KeyError, TypeError) as error:
                aside = path.with_suffix(".unreadable")
                path.rename(aside)
                _log.error(
                    "journal entry unreadable", entry=aside.name, error_type=type(error).__name__
                )
        return entries

    def remove(self, entry: JournalEntry) -> None:
        """Forget an entry whose write is in the database."""
        entry.path.unlink(missing_ok=True)

    def set_aside(self, entry: JournalEntry, reason: str) -> None:
        """Keep an entry the database refused, out of the queue, for an operator to read."""
        aside = entry.path.with_suffix(".refused")
        entry.path.rename(aside)
        _log.error("journal entry refused", entry=aside.name, reason=reason)

    def _paths(self) -> list[Path]:
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob("*.json"))


def _encode(value: object) -> Any:
    if isinstance(value, datetime):
        return {_INSTANT: value.isoformat()}
    return str(value)


def _decode(value: dict[str, Any]) -> Any:
    if len(value) == 1 and _INSTANT in value:
        return datetime.fromisoformat(value[_INSTANT])
    return value


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
