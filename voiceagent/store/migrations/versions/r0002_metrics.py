"""Per-call figures: each turn's latency, model usage, watchdog events.

SQLite files written before the migration tool at `PRAGMA user_version = 2` are
stamped at this revision.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from voiceagent.store.schema import Instant, JsonText

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the metrics table."""
    op.create_table(
        "metrics",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
        sa.Column("call_id", sa.Text, nullable=False),
        sa.Column("at", Instant, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("figures", JsonText, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("metrics_by_call", "metrics", ["call_id", "id"])
