"""Stores for the contract tests: every test that takes `store` runs on SQLite and PostgreSQL."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from statecharts import Intent, Message, MessageKind, Target, TargetKind
from voiceagent.store.location import open_store
from voiceagent.store.sql import SqlCallStore

T0 = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
LOUIS = Target(
    kind=TargetKind.PERSON,
    name="Louis",
    spoken_name="Lewis",
    extension="7017",
    destination="sip:7017@pbx.example.invalid",
    voicemail="sip:vm7017@pbx.example.invalid",
    reason="primary",
)
MESSAGE = Message(
    kind=MessageKind.CALLBACK,
    for_target=LOUIS,
    caller_name="Jane Doe",
    phone_number="407-555-0100",
    insurance_type="personal",
    identifier="Doe",
    intent=Intent.MAKE_CHANGE,
    text="Please call me back about adding a driver.",
    notes="lunch callback",
)


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


class Clock:
    """A clock the test moves by hand, starting at T0."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
