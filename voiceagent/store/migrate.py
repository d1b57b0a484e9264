"""Bring a call store's database to this build's schema, at start, with Alembic.

Every schema change is an Alembic revision in `voiceagent/store/migrations/versions/`,
the same for SQLite and PostgreSQL. A store runs `upgrade` when it opens, inside one
transaction, so a database at an older revision is migrated before the first call is
written, and a failed migration leaves it as it was.

Two kinds of database need a word before Alembic takes over:

- SQLite files written before the migration tool kept their version in
  `PRAGMA user_version` (1 or 2). They are stamped at the matching revision and then
  upgraded like any other; afterwards `user_version` is set past 2, so that a build
  from before the tool refuses the file instead of misreading it.
- A database at a revision this build does not know was written by a newer build,
  and is refused rather than misread.

An empty database is created from the table declarations and stamped at the
newest revision, Alembic's recipe for a new database (and much quicker than
replaying every revision); a test checks that both give the same schema.

Several workers may start at once on one PostgreSQL: an advisory lock held for the
migration's transaction lets one of them migrate while the others wait.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.ddl import CreateIndex, CreateTable, ExecutableDDLElement

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

from voiceagent.store.port import StoreSchemaError
from voiceagent.store.schema import metadata

__all__ = ["ALEMBIC_MARK", "HEAD", "schema_revision", "upgrade"]

_MIGRATIONS = Path(__file__).parent / "migrations"

_LEGACY_SQLITE = {1: "0001", 2: "0002"}
"""`PRAGMA user_version` of a file from before the migration tool, and its revision."""

ALEMBIC_MARK = 3
"""`PRAGMA user_version` of a SQLite file managed by Alembic (past every legacy version)."""

_LOCK_KEY = 0x766F_6963_6561
"""The PostgreSQL advisory lock that serialises migrations ("voicea")."""


@functools.cache
def _config() -> Config:
    # Alembic is imported only when a database needs migrating: a new or current
    # database (every simulated call's) never does, and the import is not free.
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    return ScriptDirectory.from_config(_config())


HEAD: str = "0003"
"""The newest revision; a test checks it is the migration scripts' head."""


_VERSIONS = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)
"""Alembic's own version table, as Alembic creates it."""


def schema_revision(conn: Connection) -> str | None:
    """The database's revision, or None for a database no revision was applied to."""
    if _VERSIONS.name not in inspect(conn).get_table_names():
        return None
    return conn.execute(select(_VERSIONS.c.version_num)).scalar()


def upgrade(conn: Connection) -> None:
    """Migrate the database to `HEAD` inside the connection's open transaction.

    Raises:
        StoreSchemaError: The database was written by a newer build, or is a SQLite
            file at an unknown version.
    """
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    tables = inspect(conn).get_table_names()
    if not tables and _user_version(conn) == 0:
        _create_fresh(conn)
        return
    current = schema_revision(conn) if _VERSIONS.name in tables else None
    if current == HEAD:
        return
    if current is None:
        current = _adopt_legacy(conn)
    from alembic import command  # noqa: PLC0415
    from alembic.util import CommandError  # noqa: PLC0415

    try:
        _scripts().get_revision(current)
    except CommandError:
        msg = f"the call store's schema is at revision {current}, newer than this build's {HEAD}"
        raise StoreSchemaError(msg) from None
    config = _config()
    config.attributes["connection"] = conn
    try:
        command.upgrade(config, "head")
    finally:
        config.attributes.pop("connection", None)
    _mark(conn)


_fresh_schemas: dict[str, tuple[str, ...]] = {}
"""The newest schema's DDL, compiled once per dialect."""


def _create_fresh(conn: Connection) -> None:
    """An empty database gets the newest schema at once, stamped at `HEAD`.

    This is Alembic's own recipe for a new database; it is far quicker than
    replaying every revision (an in-memory store is made for every simulated
    call), and a test proves both roads lead to the same schema.
    """
    dialect = conn.dialect
    if dialect.name not in _fresh_schemas:
        statements: list[ExecutableDDLElement] = [CreateTable(_VERSIONS)]
        for table in metadata.sorted_tables:
            statements.append(CreateTable(table))
            statements.extend(CreateIndex(index) for index in table.indexes)
        _fresh_schemas[dialect.name] = tuple(str(s.compile(dialect=dialect)) for s in statements)
    for statement in _fresh_schemas[dialect.name]:
        conn.exec_driver_sql(statement)
    conn.execute(_VERSIONS.insert().values(version_num=HEAD))
    _mark(conn)


def _user_version(conn: Connection) -> int:
    if conn.dialect.name != "sqlite":
        return 0
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def _mark(conn: Connection) -> None:
    """Tell SQLite builds from before the migration tool that this file is newer."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA user_version = {ALEMBIC_MARK:d}")


def _adopt_legacy(conn: Connection) -> str:
    """Stamp a SQLite file from before the migration tool at its revision."""
    version = _user_version(conn)
    revision = _LEGACY_SQLITE.get(version)
    if revision is None:
        msg = f"the call store's database is at schema version {version}, unknown to this build"
        raise StoreSchemaError(msg)
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

    MigrationContext.configure(conn).stamp(_scripts(), revision)
    return revision
