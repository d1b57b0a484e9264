"""The transcript, one order for a call's steps, message keys and urgency, parked deliveries.

- `transcript`: what the caller and the receptionist said, for replaying real calls.
- `seq` on events and metrics (and transcript): one order for all of a call's steps,
  unique per call so that replaying the local journal never stores a step twice.
  Existing rows take their id, which already ordered them.
- `messages.key`: the idempotency key staff's webhook receives; `messages.urgency`.
- `outbox.rejections` and `outbox.parked_at`: a webhook that keeps refusing a
  message (4xx) parks it, visibly, instead of retrying forever.
- `calls.room`: the LiveKit room the call ran in; `calls.office_time`: the instant the
  chart took as "now" for the agency's hours, which a replay needs.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

from voiceagent.store.schema import Instant

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_URGENT = "intent = 'claims' OR kind IN ('error', 'transfer_failed')"
"""The rule of `voiceagent.store.port.message_urgency`, for messages stored before it."""


def upgrade() -> None:
    """Add the transcript, the per-call order, message keys and parking."""
    op.create_table(
        "transcript",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
        sa.Column("call_id", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("at", Instant, nullable=False),
        sa.Column("speaker", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("transcript_by_call", "transcript", ["call_id", "seq"], unique=True)

    for table in ("events", "metrics"):
        op.add_column(table, sa.Column("seq", sa.BigInteger))
        op.execute(f"UPDATE {table} SET seq = id")  # noqa: S608 - constant table names
        op.drop_index(f"{table}_by_call", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.alter_column("seq", existing_type=sa.BigInteger, nullable=False)
        op.create_index(f"{table}_by_call", table, ["call_id", "seq"], unique=True)

    op.add_column("messages", sa.Column("key", sa.Text))
    op.add_column(
        "messages", sa.Column("urgency", sa.Text, nullable=False, server_default="normal")
    )
    messages = sa.table("messages", sa.column("id"), sa.column("key"))
    connection = op.get_bind()
    for (message_id,) in connection.execute(sa.select(messages.c.id)).all():
        connection.execute(
            messages.update().where(messages.c.id == message_id).values(key=uuid.uuid4().hex)
        )
    op.execute(f"UPDATE messages SET urgency = 'high' WHERE {_URGENT}")  # noqa: S608 - constant
    with op.batch_alter_table("messages") as batch:
        batch.alter_column("key", existing_type=sa.Text, nullable=False)
    op.create_index("messages_by_key", "messages", ["key"], unique=True)
    op.create_index("messages_by_time", "messages", ["at"])

    op.add_column("outbox", sa.Column("rejections", sa.Integer, nullable=False, server_default="0"))
    op.add_column("outbox", sa.Column("parked_at", Instant))
    op.drop_index("outbox_pending", table_name="outbox")
    pending = sa.text("delivered_at IS NULL AND parked_at IS NULL")
    op.create_index(
        "outbox_pending",
        "outbox",
        ["next_attempt_at"],
        sqlite_where=pending,
        postgresql_where=pending,
    )

    op.add_column("calls", sa.Column("room", sa.Text))
    op.add_column("calls", sa.Column("office_time", Instant))
    op.create_index("calls_by_start", "calls", ["started_at"])
