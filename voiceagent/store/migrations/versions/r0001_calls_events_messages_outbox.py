"""Calls, their chart events, messages and the staff outbox.

This is the schema that SQLite files written before the migration tool carry as
`PRAGMA user_version = 1`; such a file is stamped at this revision, not rebuilt.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from voiceagent.store.schema import Instant, JsonText

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")
_OPTIONAL_MESSAGE_FIELDS = (
    "target_kind", "target_name", "target_spoken_name", "target_extension", "target_group",
    "target_reason", "caller_name", "phone_number", "insurance_type", "identifier", "intent",
)  # fmt: skip


def upgrade() -> None:
    """Create the first four tables."""
    op.create_table(
        "calls",
        sa.Column("call_id", sa.Text, primary_key=True),
        sa.Column("agency", sa.Text),
        sa.Column("started_at", Instant),
        sa.Column("caller_number", sa.Text),
        sa.Column("finished_at", Instant),
        sa.Column("outcome", sa.Text),
        sa.Column("outcome_target", JsonText),
        sa.Column("caller", JsonText, nullable=False, server_default="{}"),
        sa.Column("path", JsonText, nullable=False, server_default="[]"),
    )
    op.create_table(
        "events",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("call_id", sa.Text, nullable=False),
        sa.Column("at", Instant, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("arguments", JsonText, nullable=False),
        sa.Column("states", JsonText, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("events_by_call", "events", ["call_id", "id"])
    op.create_table(
        "messages",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("call_id", sa.Text, nullable=False),
        sa.Column("at", Instant, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        *(sa.Column(name, sa.Text) for name in _OPTIONAL_MESSAGE_FIELDS),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("messages_by_call", "messages", ["call_id", "id"])
    op.create_table(
        "outbox",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("message_id", _ID, sa.ForeignKey("messages.id"), nullable=False, unique=True),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", Instant, nullable=False),
        sa.Column("last_attempt_at", Instant),
        sa.Column("last_error", sa.Text),
        sa.Column("delivered_at", Instant),
        sqlite_autoincrement=True,
    )
    pending = sa.text("delivered_at IS NULL")
    op.create_index(
        "outbox_pending",
        "outbox",
        ["next_attempt_at"],
        sqlite_where=pending,
        postgresql_where=pending,
    )
