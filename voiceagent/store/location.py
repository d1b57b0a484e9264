"""Where a call store lives: a SQLite file path or a PostgreSQL URL, opened the same way.

Every command and the worker name the store with one string (`VOICEAGENT_STORE`,
`--store`): a path (or `:memory:`) is the embedded SQLite default, a
`postgresql://` URL is PostgreSQL for several workers. `connect_store` opens and
migrates it at start and turns a database that cannot be reached into one line
naming it, with any password masked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from voiceagent.store.port import StoreUnavailableError

if TYPE_CHECKING:
    from voiceagent.store.sql import SqlCallStore

__all__ = ["MEMORY", "connect_store", "describe", "is_postgres", "open_store"]

MEMORY = ":memory:"
"""The path of a private, in-memory SQLite store (simulations, tests)."""
_POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def is_postgres(location: str) -> bool:
    """Whether `location` is a PostgreSQL URL (rather than a SQLite path)."""
    return location.lower().startswith(_POSTGRES_SCHEMES)


def describe(location: str) -> str:
    """`location` fit for a message or a log line: a URL's password masked."""
    if not is_postgres(location):
        return location
    try:
        url = make_url(location.replace("postgres://", "postgresql://", 1))
    except ArgumentError:
        return "a malformed postgresql:// URL"
    return url.render_as_string(hide_password=True)


def open_store(
    location: str, *, journal_dir: Path | None = None, timeout: float = 5.0
) -> SqlCallStore:
    """The store at `location`, not yet connected (it connects on first use)."""
    from voiceagent.store.journal import Journal  # noqa: PLC0415 - SQLAlchemy loads on use
    from voiceagent.store.postgres import PostgresCallStore  # noqa: PLC0415
    from voiceagent.store.sqlite import SqliteCallStore  # noqa: PLC0415

    journal = Journal(journal_dir) if journal_dir is not None else None
    if is_postgres(location):
        url = location.replace("postgres://", "postgresql://", 1)
        return PostgresCallStore(url, timeout=timeout, journal=journal)
    return SqliteCallStore(location, timeout=timeout, journal=journal)


async def connect_store(
    location: str,
    *,
    journal_dir: Path | None = None,
    timeout: float = 5.0,
    must_exist: bool = False,
) -> SqlCallStore:
    """Open the store at `location` now: connected, migrated, its journal moved in.

    Args:
        location: A SQLite path or a PostgreSQL URL.
        journal_dir: Where writes wait while the database is out of reach.
        timeout: Seconds to connect and migrate.
        must_exist: Refuse a SQLite file that does not exist yet (for commands that
            only read, so that a mistyped path is not silently created).

    Raises:
        StoreUnavailableError: The store cannot be reached or opened (one line).
        StoreSchemaError: The database was written by a newer build.
    """
    local = not is_postgres(location) and location != MEMORY
    if must_exist and local and not Path(location).is_file():
        msg = f"no call store at {location}"
        raise StoreUnavailableError(msg)
    try:
        store = open_store(location, journal_dir=journal_dir, timeout=timeout)
    except (ArgumentError, ValueError) as error:
        msg = f"cannot read the store location {describe(location)}: {error}"
        raise StoreUnavailableError(msg) from None
    try:
        await store.open()
    except (SQLAlchemyError, TimeoutError, OSError) as error:
        await store.close()
        reason = _first_line(error)
        msg = f"cannot reach the call store at {describe(location)}: {reason}"
        raise StoreUnavailableError(msg) from None
    except BaseException:
        await store.close()
        raise
    return store


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    text = str(original).strip() or type(original).__name__
    return text.splitlines()[0]
