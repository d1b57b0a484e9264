"""A local webhook on 127.0.0.1 that answers from a script: fail, dawdle, refuse, accept."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from voiceagent.store.webhook import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, sign

SLOW = "slow"
"""A script step: answer 200, but only after the client has given up."""
HANG = "hang"
"""A script step: never answer."""


@dataclass
class Received:
    """One request as the webhook saw it."""

    body: bytes
    key: str | None
    signature: str | None
    answered: int | str

    @property
    def message(self) -> dict[str, Any]:
        return json.loads(self.body)

    def signed_with(self, secret: str) -> bool:
        return self.signature == sign(secret, self.body)


@dataclass
class Webhook:
    """The script of answers (then `then` for every later request) and what was received."""

    script: list[int | str] = field(default_factory=list)
    then: int | str = 200
    slow_seconds: float = 2.0
    delay: float = 0.0
    """Seconds every answer waits, to give concurrent clients a chance to overlap."""
    received: list[Received] = field(default_factory=list)
    url: str = ""

    def accepted(self) -> list[Received]:
        return [r for r in self.received if r.answered == 200]

    async def handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        step = self.script.pop(0) if self.script else self.then
        self.received.append(
            Received(
                body,
                request.headers.get(IDEMPOTENCY_HEADER),
                request.headers.get(SIGNATURE_HEADER),
                step,
            )
        )
        if self.delay:
            await asyncio.sleep(self.delay)
        if step == HANG:
            await asyncio.Event().wait()
        if step == SLOW:
            await asyncio.sleep(self.slow_seconds)
            return web.Response(status=200)
        if isinstance(step, int) and 300 <= step < 400:
            return web.Response(status=step, headers={"Location": "http://127.0.0.1:9/elsewhere"})
        return web.Response(status=int(step))


@asynccontextmanager
async def webhook(
    script: list[int | str] | None = None, then: int | str = 200
) -> AsyncIterator[Webhook]:
    """Serve a scripted webhook on a free loopback port for the duration."""
    hook = Webhook(script=list(script or []), then=then)
    app = web.Application()
    app.router.add_post("/messages", hook.handle)
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    hook.url = f"http://127.0.0.1:{port}/messages"
    try:
        yield hook
    finally:
        await runner.cleanup()
