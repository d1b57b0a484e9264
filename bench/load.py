"""How many calls at once one process, and one machine, hold before the first stall.

Each call is a scenario of the shipped suite. Its caller pauses between turns as a
person does (`CALLER_PAUSE`), the model answers after a network-like delay
(`MODEL_DELAY`), and the reply watchdog runs with the production bound. The number
of calls at once doubles until a call raises a watchdog event (a caller waited past
the bound), fails its scenario or does not end; the figure is the largest number
held, with the longest and the 95th-percentile wait for a reply at each step.

`python -m bench.load` runs both ramps; `--process N` runs one batch of N calls in
this process and prints its figures as one JSON line (the machine ramp runs one such
batch per core, all at once).
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import json
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from livekit.agents import llm
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions

from statecharts import default_agency
from voiceagent.brain import OfflineBrain
from voiceagent.brain._llm import OfflineStream
from voiceagent.logs import configure_logging
from voiceagent.scripted.scenario_files import Scenario, load_scenarios
from voiceagent.scripted.scenarios import expectation_failures
from voiceagent.scripted.simulate import call_report
from voiceagent.scripted.turns import parse_turns
from voiceagent.session.call import new_call
from voiceagent.session.watchdog import REPLY_BOUND, Debt
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony

SUITE = Path(__file__).resolve().parents[1] / "scenarios" / "harry_levine.yaml"
CALLER_PAUSE = 1.0
"""Seconds a caller takes before each turn (listening, then speaking), on average."""
MODEL_DELAY = 0.15
"""Seconds the model takes to start answering, on average (a fast cloud model)."""
MOST_CALLS = 512
"""The ramp stops here even if nothing stalled."""
REFINE = 2
"""Halvings of the gap between the last batch held and the first that stalled."""
RESULT = "bench-load-result "


class _RemoteBrain(OfflineBrain):
    """The offline brain behind a network: each answer starts after a short delay."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self._rng = rng

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        tool_choice: Any = None,
        **_: Any,
    ) -> OfflineStream:
        return _DelayedStream(
            self,
            chat_ctx=chat_ctx,
            tools=tools or [],
            conn_options=conn_options,
            words_only=tool_choice == "none",
            delay=self._rng.uniform(0.5, 1.5) * MODEL_DELAY,
        )


class _DelayedStream(OfflineStream):
    def __init__(self, *args: Any, delay: float, **kwargs: Any) -> None:
        self._delay = delay
        super().__init__(*args, **kwargs)

    async def _run(self) -> None:
        await asyncio.sleep(self._delay)
        await super()._run()


@dataclass(frozen=True, slots=True)
class Batch:
    """What one batch of calls at once did."""

    calls: int
    stalled: int
    """Calls with a watchdog event, a reply wait past the bound, a failed scenario, or no end."""
    watchdog_events: int
    longest_wait: float
    p95_wait: float
    seconds: float


async def _call(
    scenario: Scenario, store: SqliteCallStore, rng: random.Random
) -> tuple[bool, int, list[float]]:
    await asyncio.sleep(rng.uniform(0, CALLER_PAUSE))  # calls arrive spread out
    run = new_call(
        config=default_agency(),
        at=scenario.at,
        brain=_RemoteBrain(rng),
        telephony=ConsoleTelephony(fail_transfers=scenario.transfers_fail),
        store=store,
        caller_number=scenario.caller_number,
        user_away_timeout=None,
        reply_bound=REPLY_BOUND,
    )
    error: str | None = None
    try:
        await run.start()
        for turn in parse_turns(scenario.turns):
            if run.ended:
                break
            await asyncio.sleep(rng.uniform(0.5, 1.5) * CALLER_PAUSE)
            if turn.line_event is not None:
                await run.shell_event(turn.line_event)
            else:
                await run.say(turn.text)
    except Exception as failure:  # a stall by another name: counted, not raised
        error = repr(failure)
    finally:
        await run.close()
    report = call_report(run, error)
    watchdog = run.orchestrator.watchdog
    waits = [wait for debt, wait in watchdog.waits if debt is Debt.REPLY]
    ok = run.ended and not report["error"] and not expectation_failures(scenario.expect, report)
    # a wait past the bound is a stall even when a starved loop ran the watchdog's timer late
    ok = ok and watchdog.events == 0 and max(waits, default=0.0) <= REPLY_BOUND
    return ok, watchdog.events, waits


async def batch(calls: int, seed: int = 0) -> Batch:
    """`calls` calls at once in this process, the scenarios taken in turn."""
    scenarios = [s for s in load_scenarios(SUITE) if not s.name.startswith("open: silence")]
    rng = random.Random(seed)
    store = SqliteCallStore(":memory:")
    start = time.perf_counter()
    try:
        results = await asyncio.gather(
            *(
                asyncio.create_task(
                    _call(scenarios[i % len(scenarios)], store, random.Random(rng.random())),
                    context=contextvars.Context(),
                )
                for i in range(calls)
            )
        )
    finally:
        await store.close()
    waits = sorted(w for _, _, ws in results for w in ws) or [0.0]
    return Batch(
        calls=calls,
        stalled=sum(1 for ok, _, _ in results if not ok),
        watchdog_events=sum(events for _, events, _ in results),
        longest_wait=round(waits[-1], 3),
        p95_wait=round(waits[min(len(waits) - 1, int(0.95 * len(waits)))], 3),
        seconds=round(time.perf_counter() - start, 1),
    )


def _line(label: str, b: Batch) -> str:
    verdict = (
        "held"
        if b.stalled == 0
        else f"STALLED ({b.stalled} calls, {b.watchdog_events} watchdog events)"
    )
    return (
        f"  {label:>14}: reply wait p95 {b.p95_wait:5.2f} s, longest {b.longest_wait:5.2f} s"
        f"  ({b.seconds:5.1f} s)  {verdict}"
    )


def _ramp(run: Callable[[int], Batch], step: int, most: int) -> int:
    """Double the calls until a batch stalls, then halve the gap twice; the most held."""
    held, stalled, calls = 0, 0, step
    while calls <= most:
        result = run(calls)
        print(_line(f"{calls} calls", result), flush=True)
        if result.stalled:
            stalled = calls
            break
        held, calls = calls, calls * 2
    for _ in range(REFINE):
        middle = (held + stalled) // 2 // step * step
        if not stalled or middle <= held:
            break
        result = run(middle)
        print(_line(f"{middle} calls", result), flush=True)
        held, stalled = (held, middle) if result.stalled else (middle, stalled)
    return held


def process_ramp(most: int) -> int:
    """The most calls at once one process holds."""
    print(
        f"one process (watchdog bound {REPLY_BOUND:g} s, "
        f"caller pause ~{CALLER_PAUSE:g} s, model ~{MODEL_DELAY:g} s):"
    )
    return _ramp(lambda calls: asyncio.run(batch(calls, seed=calls)), 1, most)


def _processes_at_once(per_process: int, processes: int) -> list[Batch]:
    """One batch per process, all at the same time, each reporting one JSON line."""
    import subprocess  # noqa: PLC0415 - only the machine ramp starts processes

    command = [sys.executable, "-m", "bench.load", "--process", str(per_process)]
    root = Path(__file__).resolve().parents[1]
    workers = [
        subprocess.Popen(  # noqa: S603 - our own module, with our own arguments
            command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        for _ in range(processes)
    ]
    batches = []
    for worker in workers:
        out, _ = worker.communicate()
        lines = [line for line in out.splitlines() if line.startswith(RESULT)]
        if worker.returncode != 0 or not lines:
            batches.append(Batch(per_process, per_process, 0, 0.0, 0.0, 0.0))
            continue
        batches.append(Batch(**json.loads(lines[-1][len(RESULT) :])))
    return batches


def machine_ramp(most: int) -> int:
    """The most calls at once one machine holds, one process per core."""
    cores = os.cpu_count() or 1
    print(f"one machine ({cores} cores, one process per core):")

    def run(calls: int) -> Batch:
        batches = _processes_at_once(calls // cores, cores)
        return Batch(
            calls=calls,
            stalled=sum(b.stalled for b in batches),
            watchdog_events=sum(b.watchdog_events for b in batches),
            longest_wait=max(b.longest_wait for b in batches),
            p95_wait=max(b.p95_wait for b in batches),
            seconds=max(b.seconds for b in batches),
        )

    return _ramp(run, cores, most)


def main(argv: list[str] | None = None) -> None:
    """Print how many calls at once a process and a machine hold."""
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--process", type=int, metavar="N", help="run one batch of N calls")
    parser.add_argument("--most", type=int, default=MOST_CALLS, help="stop the ramps here")
    args = parser.parse_args(argv)
    configure_logging(json=False, level="CRITICAL")  # the figures, not the calls' log lines
    if args.process:
        print(RESULT + json.dumps(asdict(asyncio.run(batch(args.process)))))
        return
    in_process = process_ramp(args.most)
    on_machine = machine_ramp(args.most)
    print(
        f"  held before the first stall: one process {in_process} calls, "
        f"one machine {on_machine} calls"
    )


if __name__ == "__main__":
    main()
