"""Many calls of every kind at once, under injected delays, faults and CPU contention.

The stress test runs a batch in its own process and, at the same time, batches in
other processes (`python -m tests.voiceagent.session.stress_calls SEED NAME...`
prints one marked JSON line per call), so calls contend for the loop, the GIL and the cores.
Every call is one scenario of the shipped suite, judged by its own expectations.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest

from statecharts import RecordMessage, default_agency
from voiceagent.errors import describe
from voiceagent.scripted.scenario_files import Scenario, load_scenarios
from voiceagent.scripted.scenarios import expectation_failures
from voiceagent.scripted.simulate import call_report
from voiceagent.scripted.turns import parse_turns
from voiceagent.session.call import new_call
from voiceagent.session.watchdog import Debt
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony

from .delays import SlowBrain, jitter, slow_seams, starve_loop

SUITE = Path(__file__).resolve().parents[3] / "scenarios" / "harry_levine.yaml"
SCENARIOS = {s.name: s for s in load_scenarios(SUITE)}
KINDS = (
    "open: personal new quote, M-Z goes to Brad",
    "open: payment goes to the VA ring group",
    "open: policy change, A-G goes to Yarislyn",
    "open: cancellation, N-Z goes to Louis, named as written",
    "open: claim, the claims group has no extensions: message, then the carrier line",
    "open: new certificate is answered by email",
    "open: policyholder mortgagee request goes in writing",
    "open: bank caller gets one complete answer, then the call ends",
    "open: hours and location are answered",
    "open: a specific person is screened, then transferred",
    "open: restricted staff are never transferred to; vendors get the email",
    "open: Spanish speaker goes to the first free bilingual team member",
    "open: a transfer that fails becomes a message",
    "open: jailbreak attempts are redirected",
    "open: silence twice ends the call",
    "lunch: a quote becomes a callback for the routed person",
    "lunch: claims take a callback, then offer the carrier's 24-hour line",
    "closed: a quote becomes a message for the account executive",
    "closed: claim gets the carrier's 24-hour line",
    "closed: certificates are answered by email",
    "closed: a specific person becomes a message",
    "holiday: a cancellation becomes a message",
    "weekend: something else becomes a message",
)
"""One call of every kind: each intent, in each office status."""
FAULTY = "open: business quote by business name, prefix skipped"
"""The call the faults are injected into: its second turn's reply is the model's own
words (the business name asked for), with no line of the chart before them."""
STRESS_BOUND = 20.0
"""The watchdog's bound for the healthy calls: far above any delay injected, so an
event means a call stalled, not that the machine was busy."""
FAULT_BOUND = 3.0
"""The bound for the calls with an injected fault: the watchdog must rescue them."""
PAUSE_MOST = 0.05
"""Longest pause injected at each seam (on_enter, handoff, model, playout, tool)."""
STARVE_MOST = 0.01
"""Longest block of the event loop by other work."""
RESULT = "stress-call-result "
"""Marks a result line in another process's output (its log lines go there too)."""


@dataclass(frozen=True, slots=True)
class CallResult:
    """One call under stress, as the test judges it."""

    name: str
    fault: str | None
    failures: list[str]
    """The scenario's expectations the call did not meet."""
    ended: bool
    outcome: str
    error: str | None
    watchdog_events: int
    longest_reply_wait: float
    messages_decided: int
    """Messages the chart asked the shell to store."""
    messages_stored: int
    """Messages the store holds for the call, each with its outbox row."""


async def one_call(
    scenario: Scenario, store: SqliteCallStore, *, seed: int, fault: str | None = None
) -> CallResult:
    """Run one scenario's call with injected delays (and maybe a fault); judge it."""
    brain = SlowBrain(
        jitter(PAUSE_MOST, seed),
        lose_after_caller=2 if fault == "lost reply" else None,
        hang_after_caller=1 if fault == "wedged model" else None,
    )
    run = new_call(
        config=default_agency(),
        at=scenario.at,
        brain=brain,
        telephony=ConsoleTelephony(fail_transfers=scenario.transfers_fail),
        store=store,
        caller_number=scenario.caller_number,
        user_away_timeout=None,
        reply_bound=FAULT_BOUND if fault else STRESS_BOUND,
    )
    decided = 0
    take_effects = run.chart.take_effects

    def counting() -> list[Any]:
        nonlocal decided
        effects = take_effects()
        decided += sum(isinstance(effect, RecordMessage) for effect in effects)
        return effects

    run.chart.take_effects = counting  # type: ignore[method-assign]
    error: str | None = None
    try:
        await run.start()
        for turn in parse_turns(scenario.turns):
            if run.ended:
                break
            if turn.line_event is not None:
                await run.shell_event(turn.line_event)
            else:
                await run.say(turn.text)
    except Exception as failure:  # judged below, with the call as far as it went
        error = describe(failure)
    finally:
        await run.close()
    report = call_report(run, error)
    call_id = run.orchestrator.call_id
    stored = await store.list_messages(call_id)
    outbox = {d.message.id for d in await store.pending_deliveries()}
    watchdog = run.orchestrator.watchdog
    waits = [wait for debt, wait in watchdog.waits if debt is Debt.REPLY]
    return CallResult(
        name=scenario.name,
        fault=fault,
        failures=expectation_failures(scenario.expect, report),
        ended=run.ended,
        outcome=report["outcome"]["kind"],
        error=report["error"],
        watchdog_events=watchdog.events,
        longest_reply_wait=round(max(waits, default=0.0), 3),
        messages_decided=decided,
        messages_stored=sum(1 for m in stored if m.id in outbox),
    )


async def many_calls(
    names: list[str], *, seed: int, faults: tuple[str, ...] = (), store_path: str = ":memory:"
) -> list[CallResult]:
    """All the calls at once on one store, with the loop starved now and then.

    The store's own bound (a few seconds, queueing included) is not what is under test:
    it gets the stress bound, so a starved store thread fails no call here.
    """
    store = SqliteCallStore(store_path, timeout=STRESS_BOUND)
    done = asyncio.Event()
    starving = asyncio.ensure_future(starve_loop(jitter(STARVE_MOST, seed), done))
    calls = [(SCENARIOS[name], None) for name in names]
    calls += [(SCENARIOS[FAULTY], fault) for fault in faults]
    try:
        return list(
            await asyncio.gather(
                *(
                    # each call in a fresh context: LiveKit keeps the live agent in one
                    asyncio.create_task(
                        one_call(scenario, store, seed=seed + i, fault=fault),
                        context=contextvars.Context(),
                    )
                    for i, (scenario, fault) in enumerate(calls)
                )
            )
        )
    finally:
        done.set()
        await starving
        await store.close()


def main(argv: list[str]) -> None:
    """Run a batch in this process and print each call's result as a JSON line."""
    seed, names = int(argv[0]), argv[1:]
    with pytest.MonkeyPatch.context() as patch:
        slow_seams(patch, jitter(PAUSE_MOST, seed))
        results = asyncio.run(many_calls(names, seed=seed))
    for result in results:
        print(RESULT + json.dumps(asdict(result)))


if __name__ == "__main__":
    main(sys.argv[1:])
