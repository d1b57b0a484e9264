"""Fixtures for the shell's tests: a real PostgreSQL started once, and real calls recorded once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.voiceagent.postgres import PostgresServer, postgres_server
from tests.voiceagent.replay.calls import Recorded

_started: list[PostgresServer] = []


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole session."""
    with postgres_server() as server:
        _started.append(server)
        yield server


@pytest.fixture
def postgres_url(postgres: PostgresServer) -> Iterator[str]:
    """The URL of a fresh, empty database of its own, dropped afterwards."""
    url = postgres.new_database()
    yield url
    postgres.drop_database(url)


@pytest.fixture(scope="session")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Recorded:
    """A handful of real calls (`replay/calls.py`) kept in a SQLite store, recorded once."""
    return Recorded(tmp_path_factory.mktemp("recorded"))


@pytest.fixture
def store_file(recorded: Recorded, tmp_path: Path) -> str:
    """A copy of the recorded calls' store for one test."""
    return recorded.copy(tmp_path)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how long the embedded PostgreSQL took to start."""
    for server in _started:
        if server.started_in is not None:
            terminalreporter.write_line(f"embedded PostgreSQL started in {server.started_in:.2f} s")
