"""Stores for the contract tests: every test that takes `store` runs on SQLite and PostgreSQL."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from voiceagent.store.location import open_store
from voiceagent.store.sql import SqlCallStore


@pytest.fixture(params=["sqlite", "postgres"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh store lives: a SQLite file, or a PostgreSQL database of its own."""
    if request.param == "sqlite":
        return str(tmp_path / "calls.sqlite3")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
async def store(location: str) -> AsyncIterator[SqlCallStore]:
    """An opened store on each backend."""
    async with open_store(location) as opened:
        yield opened


@pytest.fixture
def unused_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
