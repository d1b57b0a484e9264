"""Alembic's entry point: migrate the connection the store hands over, in its transaction.

The store runs migrations itself at start (`voiceagent/store/migrate.py`), so this
only supports that "online" mode with a connection passed in `config.attributes`.
SQLite cannot alter columns in place: batch mode rebuilds a table where needed.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from voiceagent.store.schema import metadata

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    msg = "run migrations through voiceagent.store.migrate.upgrade, which passes a connection"
    raise TypeError(msg)
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
