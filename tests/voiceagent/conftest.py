"""Fixtures for the shell's tests: a real PostgreSQL, started once, when a test needs it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.voiceagent.postgres import PostgresServer, postgres_server

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


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how long the embedded PostgreSQL took to start."""
    for server in _started:
        if server.started_in is not None:
            terminalreporter.write_line(f"embedded PostgreSQL started in {server.started_in:.2f} s")
