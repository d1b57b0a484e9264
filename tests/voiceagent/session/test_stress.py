"""Under load, every call ends with its outcome, no caller waits past the bound, no message is lost.

Issue 13's proof: one call of every kind (each intent in each office status) at once
in this process, while two other processes run batches of their own (three busy
processes on the machine's cores), with pauses injected where the orchestrator and
LiveKit hand work over, the event loops starved now and then, and a thread here
contending for the CPU half the time. Two more calls carry a fault (a reply
lost, a model that never answers): the watchdog must rescue the first and end the
second safely. Nothing here is timed: the watchdog is the clock.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import pytest

from .delays import cpu_contention, jitter, slow_seams
from .stress_calls import KINDS, PAUSE_MOST, RESULT, CallResult, many_calls

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
OTHER_PROCESSES = 2
"""Batches run in other processes at the same time as this one's."""
PER_PROCESS = 5
"""Calls in each other process's batch."""


async def other_process(seed: int, names: Sequence[str]) -> list[CallResult]:
    """One batch in another Python process, its results read back from JSON lines."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.voiceagent.session.stress_calls",
        str(seed),
        *names,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()[-3000:]
    lines = out.decode().splitlines()
    return [
        CallResult(**json.loads(line[len(RESULT) :])) for line in lines if line.startswith(RESULT)
    ]


def explain(results: Sequence[CallResult]) -> str:
    return "\n".join(json.dumps(asdict(r)) for r in results)


async def test_every_call_of_every_kind_ends_well_under_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Many calls at once in several processes: outcomes right, no stall, no message lost."""
    slow_seams(monkeypatch, jitter(PAUSE_MOST, seed=13))
    batches = [
        other_process(100 * (n + 1), [KINDS[(n * 5 + i) % len(KINDS)] for i in range(PER_PROCESS)])
        for n in range(OTHER_PROCESSES)
    ]
    with cpu_contention():
        here, *elsewhere = await asyncio.gather(
            many_calls(list(KINDS), seed=13, faults=("lost reply", "wedged model")), *batches
        )
    results = [*here, *(r for batch in elsewhere for r in batch)]
    healthy = [r for r in results if r.fault is None]
    faulty = {r.fault: r for r in results if r.fault is not None}
    assert len(healthy) == len(KINDS) + OTHER_PROCESSES * PER_PROCESS

    assert [r for r in results if not r.ended] == [], explain(results)
    assert [r for r in healthy if r.failures or r.error] == [], explain(healthy)
    assert [r for r in healthy if r.watchdog_events] == [], explain(healthy)
    assert [r for r in results if r.messages_stored != r.messages_decided] == [], explain(results)
    assert sum(r.messages_stored for r in healthy) > 0  # the message paths were exercised

    # the faults: the watchdog rescues a lost reply, and ends a wedged model's call safely
    lost = faulty["lost reply"]
    assert (lost.failures, lost.error) == ([], None), explain([lost])
    assert lost.watchdog_events >= 1, explain([lost])
    wedged = faulty["wedged model"]
    assert (wedged.outcome, wedged.messages_stored) == ("message", 1), explain([wedged])
    assert wedged.watchdog_events >= 2, explain([wedged])
    assert "after the caller's turn" in (wedged.error or ""), explain([wedged])
