"""The reply watchdog: a late reply gets the holding line and a retry; a stuck call ends safely."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import pytest

from statecharts import MessageKind, OutcomeKind, default_agency
from voiceagent.session.call import CallRun, new_call
from voiceagent.session.watchdog import (
    HOLDING_LINE,
    CallStalledError,
    Debt,
    Overdue,
    ReplyWatchdog,
)
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony

from .delays import SlowBrain, slow_seams

pytestmark = pytest.mark.session

OPEN = datetime(2026, 11, 24, 10, 0)
BOUND = 0.3
"""A short bound so the tests are quick; nothing asserts how long anything took."""
HANG_GUARD = 60.0
"""Only so a broken build fails instead of hanging: far beyond any real wait."""


async def until(condition: Callable[[], bool]) -> None:
    """Wait until `condition` holds (the watchdog works in the background)."""
    async with asyncio.timeout(HANG_GUARD):
        while not condition():
            await asyncio.sleep(0.02)


class Ledger:
    """The watchdog's collaborators, as plain records."""

    def __init__(self, *results: Overdue) -> None:
        self.retries: list[tuple[Debt, str]] = []
        self.gave_up: list[CallStalledError] = []
        self.records: list[Mapping[str, object]] = []
        self._results = list(results)

    async def retry(self, debt: Debt, reason: str) -> Overdue:
        self.retries.append((debt, reason))
        return self._results.pop(0) if self._results else Overdue.HOLDING_LINE

    async def give_up(self, stalled: CallStalledError) -> None:
        self.gave_up.append(stalled)

    async def record(self, figures: Mapping[str, object]) -> None:
        self.records.append(figures)

    def watchdog(self) -> ReplyWatchdog:
        return ReplyWatchdog(
            bound=0.05,
            retry=self.retry,
            give_up=self.give_up,
            record=self.record,
            call_id="c1",
        )


# --- the watchdog alone ----------------------------------------------------------------------


@pytest.mark.unit
async def test_a_debt_met_at_once_never_escalates() -> None:
    """A reply that begins before the bound leaves no retry, no record, no end of call."""
    ledger = Ledger()
    watchdog = ledger.watchdog()
    watchdog.owe(Debt.REPLY, "the caller's turn")
    watchdog.met(Debt.REPLY)
    await asyncio.sleep(0.2)
    await watchdog.close()
    assert (ledger.retries, ledger.gave_up, ledger.records, watchdog.events) == ([], [], [], 0)


@pytest.mark.unit
async def test_a_late_debt_is_retried_once_and_met_by_the_retry() -> None:
    """Past the bound: one retry with the reason; met after it, the call goes on."""
    ledger = Ledger()
    watchdog = ledger.watchdog()
    watchdog.owe(Debt.REPLY, "the caller's turn")
    await until(lambda: bool(ledger.retries))
    watchdog.met(Debt.REPLY)
    await watchdog.close()
    assert ledger.retries == [(Debt.REPLY, "the caller's turn")]
    assert ledger.gave_up == []
    assert [(r["debt"], r["after"], r["action"]) for r in ledger.records] == [
        ("reply", "the caller's turn", "holding_line")
    ]
    assert watchdog.events == 1


@pytest.mark.unit
async def test_a_debt_still_late_after_the_retry_ends_the_call() -> None:
    """Nothing after the retry either: the call is given up, with the stall in words."""
    ledger = Ledger()
    watchdog = ledger.watchdog()
    watchdog.owe(Debt.HANDOFF, "the handoff to triage")
    await until(lambda: bool(ledger.gave_up))
    await watchdog.close()
    assert str(ledger.gave_up[0]) == (
        "the call did not become ready within 0.05 s after the handoff to triage"
    )
    assert [r["action"] for r in ledger.records] == ["holding_line", "ended_call"]
    assert watchdog.events == 2


@pytest.mark.unit
async def test_a_reply_under_way_gets_another_bound_then_the_retry() -> None:
    """Still speaking at the bound: no holding line yet; ended silently, the retry follows."""
    ledger = Ledger(Overdue.STILL_SPEAKING, Overdue.HOLDING_LINE)
    watchdog = ledger.watchdog()
    watchdog.owe(Debt.REPLY, "the caller's turn")
    await until(lambda: len(ledger.retries) == 2)
    watchdog.met(Debt.REPLY)
    await watchdog.close()
    assert [r["action"] for r in ledger.records] == ["still_speaking", "holding_line"]
    assert ledger.gave_up == []


@pytest.mark.unit
async def test_a_reply_under_way_for_two_bounds_is_wedged_and_ends_the_call() -> None:
    """Still speaking a bound later: the model is wedged, and the call is ended safely."""
    ledger = Ledger(Overdue.STILL_SPEAKING, Overdue.STILL_SPEAKING)
    watchdog = ledger.watchdog()
    watchdog.owe(Debt.REPLY, "the caller's turn")
    await until(lambda: bool(ledger.gave_up))
    await watchdog.close()
    assert [r["action"] for r in ledger.records] == ["still_speaking", "ended_call"]
    assert str(ledger.gave_up[0]) == (
        "a reply was under way but nothing was heard within 0.1 s after the caller's turn"
    )


@pytest.mark.unit
async def test_a_new_debt_of_the_same_kind_restarts_the_clock() -> None:
    """Owing again replaces the reason: the escalation names the newest debt."""
    ledger = Ledger()
    watchdog = ledger.watchdog()
    watchdog.owe(Debt.REPLY, "the start of the call")
    watchdog.owe(Debt.REPLY, "the caller's turn")
    await until(lambda: bool(ledger.retries))
    await watchdog.close()
    assert ledger.retries == [(Debt.REPLY, "the caller's turn")]


@pytest.mark.unit
async def test_a_stopped_watchdog_owes_nothing() -> None:
    """After the call ended, nothing is owed and nothing escalates."""
    ledger = Ledger()
    watchdog = ledger.watchdog()
    watchdog.owe(Debt.REPLY, "the caller's turn")
    watchdog.stop()
    watchdog.owe(Debt.REPLY, "the caller's turn")
    await asyncio.sleep(0.2)
    await watchdog.close()
    assert (ledger.retries, watchdog.owes(Debt.REPLY)) == ([], None)


# --- through the real session --------------------------------------------------------------


async def open_call(brain: SlowBrain, store: SqliteCallStore) -> CallRun:
    """A call with a short watchdog bound, started and greeted."""
    run = new_call(
        config=default_agency(),
        at=OPEN,
        brain=brain,
        telephony=ConsoleTelephony(),
        store=store,
        user_away_timeout=None,
        reply_bound=BOUND,
    )
    await run.start()
    return run


def agent_lines(run: CallRun) -> list[str]:
    return [line.text for line in run.transcript if line.speaker == "agent"]


async def test_a_lost_reply_gets_the_holding_line_and_a_fresh_reply() -> None:
    """The answer to the caller's turn is lost: "one moment", then the reply; the call goes on.

    The reply lost is the model's own words (the business name asked for), after the
    details it recorded: nothing else would have answered the caller.
    """
    store = SqliteCallStore(":memory:")
    run = await open_call(SlowBrain(lose_after_caller=2), store)
    try:
        await run.say("I'd like a quote for my business")
        said_before = len(agent_lines(run))
        await run.say("This is John Smith, 407-555-0123")
        await until(lambda: agent_lines(run)[-1] != HOLDING_LINE)
        await run.orchestrator.wait_idle()
        figures = await store.call_metrics(run.orchestrator.call_id)
    finally:
        await run.close()
        await store.close()
    lines = agent_lines(run)[said_before:]
    assert lines[0] == HOLDING_LINE
    assert lines[-1].endswith("?")
    watchdog = [m.figures for m in figures if m.kind == "watchdog"]
    assert [(f["debt"], f["after"], f["action"]) for f in watchdog] == [
        ("reply", "the caller's turn", "holding_line")
    ]


async def test_the_next_turn_waits_for_a_fresh_reply_whose_tools_are_still_running(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rescued turn is over only when the fresh reply's tools are: the next turn never races them.

    The fresh reply asks for the quote, then for the kind of insurance, in two tool
    steps; LiveKit's idle wait does not count tools running in the background, so
    before the fix the caller's name and number arrived in the middle and the car
    (personal insurance) was never recorded: the call never reached Brad.
    """
    slow_seams(monkeypatch, lambda: 0.2)
    store = SqliteCallStore(":memory:")
    run = await open_call(SlowBrain(lose_after_caller=1), store)
    try:
        await run.say("I need a quote for my car")
        await run.say("My name is Kelly Urban, that's U R B A N, and my number is 407 555 0123")
        await run.orchestrator.wait_idle()
    finally:
        await run.close()
        await store.close()
    outcome = run.chart.outcome
    assert run.chart.record.insurance_type == "personal"
    assert outcome is not None
    assert outcome.target is not None
    assert (outcome.kind, outcome.target.name) == (OutcomeKind.TRANSFER, "Brad")


async def test_a_wedged_model_ends_the_call_through_the_error_path() -> None:
    """The model never answers: after the bound twice, apology, message stored, hang-up."""
    store = SqliteCallStore(":memory:")
    telephony = ConsoleTelephony()
    run = new_call(
        config=default_agency(),
        at=OPEN,
        brain=SlowBrain(hang_after_caller=1),
        telephony=telephony,
        store=store,
        user_away_timeout=None,
        reply_bound=BOUND,
    )
    await run.start()
    try:
        await run.say("I need a quote for my car")
        await until(run.orchestrator.finished.is_set)
        figures = await store.call_metrics(run.orchestrator.call_id)
        messages = await store.list_messages(run.orchestrator.call_id)
    finally:
        await run.close()
        await store.close()
    assert run.chart.outcome is not None
    assert run.chart.outcome.kind is OutcomeKind.MESSAGE
    assert [m.message.kind for m in messages] == [MessageKind.ERROR]
    assert "something went wrong on my end" in agent_lines(run)[-1]
    assert telephony.hung_up
    heard_nothing = f"a reply was under way but nothing was heard within {2 * BOUND:g} s"
    assert run.orchestrator.failure == f"{heard_nothing} after the caller's turn"
    actions = [m.figures["action"] for m in figures if m.kind == "watchdog"]
    assert actions == ["still_speaking", "ended_call"]


async def test_a_handoff_livekit_loses_is_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first `update_agent` is dropped: the watchdog hands off again and triage greets on."""
    store = SqliteCallStore(":memory:")
    run = new_call(
        config=default_agency(),
        at=OPEN,
        brain=SlowBrain(),
        telephony=ConsoleTelephony(),
        store=store,
        user_away_timeout=None,
        reply_bound=BOUND,
    )
    real = run.session.update_agent
    dropped: list[Any] = []

    def lose_the_first(agent: Any) -> None:
        if not dropped:
            dropped.append(agent)
            return
        real(agent)

    monkeypatch.setattr(run.session, "update_agent", lose_the_first)
    try:
        await run.start()
        await run.say("I need a quote for my car")
        figures = await store.call_metrics(run.orchestrator.call_id)
    finally:
        await run.close()
        await store.close()
    assert [type(agent).__name__ for agent in dropped] == ["TriageAdapter"]
    assert run.chart.where() == "ended"
    assert "triage.intake" in run.chart.path
    assert HOLDING_LINE in agent_lines(run)
    watchdog = [m.figures for m in figures if m.kind == "watchdog"]
    assert [(f["debt"], f["after"]) for f in watchdog] == [("handoff", "the handoff to triage")]
