"""A worker process for the delivery tests: record messages, deliver them, or both.

Run as `python -m tests.voiceagent.store.deliverer_process ...` by the tests, which
kill it with SIGKILL or run two at once. It builds the store and the outbox exactly
as a worker does, from `StoreSettings`; it prints one line per fact, flushed, so the
test can follow it: `committed KEY`, `delivering`, `delivered N`.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import UTC, datetime, timedelta

from tests.voiceagent.store.samples import MESSAGE
from voiceagent.store.settings import StoreSettings
from voiceagent.store.staff import configured_outbox, connect_configured_store


async def main(args: argparse.Namespace) -> None:
    settings = StoreSettings(
        store=args.store,
        webhook_url=args.webhook,
        webhook_secret=args.secret,
        webhook_timeout=args.webhook_timeout,
        delivery_base_delay=0.1,
    )
    ahead = timedelta(seconds=args.clock_ahead)
    store = await connect_configured_store(settings)
    try:
        for _ in range(args.record):
            key = await store.record_message("c1", datetime.now(UTC), MESSAGE)
            print(f"committed {key}", flush=True)
        if not args.deliver:
            return
        outbox = configured_outbox(settings, store, clock=lambda: datetime.now(UTC) + ahead)
        print("delivering", flush=True)
        delivered = 0
        deadline = time.monotonic() + args.deliver_for
        while time.monotonic() < deadline:
            delivered += await outbox.deliver_due()
            if not await store.pending_deliveries():
                break
            await asyncio.sleep(0.05)
        print(f"delivered {delivered}", flush=True)
    finally:
        await store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True)
    parser.add_argument("--webhook", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--webhook-timeout", type=float, default=30.0)
    parser.add_argument("--record", type=int, default=0)
    parser.add_argument("--deliver", action="store_true")
    parser.add_argument("--deliver-for", type=float, default=60.0)
    parser.add_argument("--clock-ahead", type=float, default=0.0)
    asyncio.run(main(parser.parse_args()))
