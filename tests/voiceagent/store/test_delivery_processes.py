"""Real worker processes: one killed with SIGKILL mid-delivery, two draining one database."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.voiceagent.store.samples import MESSAGE, T0, Clock
from tests.voiceagent.store.webhook_server import HANG, webhook
from voiceagent.store.location import open_store
from voiceagent.store.settings import StoreSettings
from voiceagent.store.staff import configured_outbox

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
        killed = await deliverer("--store", location, "--webhook", hook.url, "--record", "1",
                                 "--deliver")  # fmt: skip
        assert killed.stdout is not None
        async with asyncio.timeout(120):
            committed = (await killed.stdout.readline()).decode().split()
            while not hook.received:
                await asyncio.sleep(0.05)
        killed.send_signal(signal.SIGKILL)
        await killed.wait()
        assert killed.returncode == -signal.SIGKILL
        assert committed[0] == "committed"

        # The next worker (this process). A SQLite claim is a lease that lapses on its
        # own, so its clock is set past it; a PostgreSQL claim is a row lock, which
        # died with the killed worker's connection.
        clock = Clock()
        clock.now = datetime.now(UTC)
        if not location.startswith("postgresql"):
            clock.advance(120)
        settings = StoreSettings(store=location, webhook_url=hook.url, webhook_secret=SECRET)
        async with open_store(location) as store:
            outbox = configured_outbox(settings, store, clock=clock)
            assert await outbox.deliver_due() == 1
            (listing,) = await store.recent_messages()
    assert [(r.key, r.answered) for r in hook.received] == [
        (committed[1], "hang"),
        (committed[1], 200),
    ]
    assert listing.delivery is not None
    assert listing.delivery.status == "delivered"


async def test_two_workers_on_one_postgres_deliver_each_message_exactly_once(
    postgres_url: str,
) -> None:
    """A worker process and this one drain one PostgreSQL outbox together: each message once."""
    async with open_store(postgres_url) as store:
        keys = [await store.record_message("c1", T0, MESSAGE) for _ in range(24)]
        async with webhook() as hook:
            hook.delay = 0.02
            other = await deliverer("--store", postgres_url, "--webhook", hook.url, "--deliver")
            assert other.stdout is not None
            async with asyncio.timeout(120):
                assert await other.stdout.readline() == b"delivering\n"
            settings = StoreSettings(
                store=postgres_url, webhook_url=hook.url, webhook_secret=SECRET
            )
            outbox = configured_outbox(settings, store, clock=lambda: datetime.now(UTC))
            ours = 0
            async with asyncio.timeout(120):
                while await store.pending_deliveries():
                    ours += await outbox.deliver_due()
                    await asyncio.sleep(0.01)
            theirs = int((await finished(other))[-1].split()[1])
    counts = Counter(r.key for r in hook.accepted())
    assert sorted(counts) == sorted(keys)
    assert set(counts.values()) == {1}
    assert len(hook.received) == 24
    assert ours + theirs == 24
    print(f"deliveries: this process {ours}, the other worker {theirs}")
