"""Real worker processes: one killed with SIGKILL mid-delivery, two delivering from one database."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.voiceagent.store.samples import MESSAGE, T0
from tests.voiceagent.store.webhook_server import HANG, webhook
from voiceagent.store.location import open_store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
SECRET = "process-test-secret"  # noqa: S105 - a test's own shared secret


async def deliverer(*arguments: str) -> asyncio.subprocess.Process:
    """Start a worker process (see `deliverer_process.py`)."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.voiceagent.store.deliverer_process",
        "--secret",
        SECRET,
        *arguments,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def finished(process: asyncio.subprocess.Process) -> list[str]:
    """Its output lines, once it has exited successfully."""
    async with asyncio.timeout(120):
        out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return out.decode().splitlines()


async def test_a_worker_killed_between_commit_and_delivery_loses_nothing(location: str) -> None:
    """SIGKILL while the webhook holds the message unanswered: the next worker delivers it."""
    async with webhook([HANG]) as hook:
        first = await deliverer("--store", location, "--webhook", hook.url, "--record", "1",
                                "--deliver")  # fmt: skip
        assert first.stdout is not None
        async with asyncio.timeout(120):
            committed = (await first.stdout.readline()).decode().split()
            while not hook.received:
                await asyncio.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        assert first.returncode == -signal.SIGKILL
        assert committed[0] == "committed"

        # A SQLite claim is a lease that lapses on its own: the next worker's clock is past it.
        # A PostgreSQL claim is a row lock that died with the killed worker's connection.
        ahead = "0" if location.startswith("postgresql") else "120"
        second = await deliverer("--store", location, "--webhook", hook.url, "--deliver",
                                 "--clock-ahead", ahead)  # fmt: skip
        lines = await finished(second)
    assert lines[-1] == "delivered 1"
    assert [(r.key, r.answered) for r in hook.received] == [
        (committed[1], "hang"),
        (committed[1], 200),
    ]
    async with open_store(location) as store:
        (listing,) = await store.recent_messages()
    assert listing.delivery is not None
    assert listing.delivery.status == "delivered"


async def test_two_workers_on_one_postgres_deliver_each_message_exactly_once(
    postgres_url: str,
) -> None:
    """Two worker processes drain one PostgreSQL outbox together: every message arrives once."""
    async with open_store(postgres_url) as store:
        keys = [await store.record_message("c1", T0, MESSAGE) for _ in range(24)]
    async with webhook() as hook:
        hook.delay = 0.02
        workers = [
            await deliverer("--store", postgres_url, "--webhook", hook.url, "--deliver")
            for _ in range(2)
        ]
        outputs = [await finished(worker) for worker in workers]
    counts = Counter(r.key for r in hook.accepted())
    assert sorted(counts) == sorted(keys)
    assert set(counts.values()) == {1}
    assert len(hook.received) == 24
    shares = [int(out[-1].split()[1]) for out in outputs]
    assert sum(shares) == 24
    print(f"deliveries per worker: {shares}")
