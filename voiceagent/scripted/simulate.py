"""Scripted calls: run caller turns through the real session and report the call.

`voiceagent simulate` prints a call for people, or with `--json` exactly one JSON
object (states, outcome, caller, transcript, events, error, and what it takes to
follow the call through the chart again: the office time `at`, the caller's number,
the brain and whether numbers were read back) for programs. The call runs through
the same chart, orchestrator and adapters as a live one, with the offline brain in
the LLM seat, console telephony and an in-memory store (or, with `--store`, the call
store, so the call can be listed, drawn and replayed later).

A call that fails is still a call: it is closed (hung up, recorded) and reported as
far as it went, with `error` saying what went wrong; `error` is null otherwise.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from statecharts import AgencyConfig, office_moment
from voiceagent.brain import OfflineBrain
from voiceagent.errors import describe
from voiceagent.scripted.turns import Turn
from voiceagent.session.call import CallRun, new_call
from voiceagent.store.port import CallStore
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony
from voiceagent.telephony.port import TelephonyPort

__all__ = ["CallFailedError", "call_report", "report_lines", "run_script"]


class CallFailedError(Exception):
    """A scripted call that could not run to its end, with the call as far as it went."""

    def __init__(self, run: CallRun, error: BaseException) -> None:
        super().__init__(describe(error))
        self.run = run


async def run_script(
    config: AgencyConfig,
    at: datetime,
    turns: Sequence[Turn],
    *,
    caller_number: str | None = None,
    telephony: TelephonyPort | None = None,
    store: CallStore | None = None,
) -> CallRun:
    """Run every turn, then hang up if the call has not ended.

    Raises:
        CallFailedError: The call could not run to its end (it is closed all the same).

    The call is recorded in `store` (left open), or in a private in-memory store.
    It runs in a task of its own with an empty context: LiveKit keeps the active
    agent in context variables, and a finished call must not leak them into the
    next one run from the same task (the scenario runner runs many).
    """

    async def call() -> CallRun:
        calls = store if store is not None else SqliteCallStore(":memory:")
        try:
            return await _run_turns(
                config, at, turns, caller_number=caller_number, telephony=telephony, store=calls
            )
        finally:
            if store is None:
                await calls.close()

    return await asyncio.create_task(call(), context=contextvars.Context())


async def _run_turns(
    config: AgencyConfig,
    at: datetime,
    turns: Sequence[Turn],
    *,
    caller_number: str | None,
    telephony: TelephonyPort | None,
    store: CallStore,
) -> CallRun:
    run = new_call(
        config=config,
        at=at,
        brain=OfflineBrain(),
        telephony=telephony or ConsoleTelephony(),
        store=store,
        caller_number=caller_number,
        user_away_timeout=None,
    )
    failure: Exception | None = None
    try:
        await run.start()
        for turn in turns:
            if run.ended:
                break
            if turn.line_event is not None:
                await run.shell_event(turn.line_event)
            else:
                await run.say(turn.text)
    except Exception as error:  # reported with the call below, never lost
        failure = error
    try:
        await run.close()
    except Exception as error:  # closing a broken call may fail too: the first error wins
        failure = failure or error
    if failure is not None:
        raise CallFailedError(run, failure) from failure
    return run


def call_report(run: CallRun, error: str | None = None) -> dict[str, Any]:
    """The call as the `simulate --json` contract names it.

    `error` is why the call failed (a `CallFailedError`); a call the shell ended
    through the chart's error path reports its own failure there.
    """
    chart = run.chart
    record = chart.record
    outcome = chart.outcome
    return {
        "at": office_moment(chart.config.office, chart.now).local.isoformat(),
        "caller_number": record.caller_number,
        "phone_read_back": chart.read_back_phone,
        "brain": run.setup.get("brain"),
        "states": list(chart.path),
        "outcome": {
            "kind": outcome.kind.value if outcome else "hung_up",
            "target": outcome.target.as_dict() if outcome and outcome.target else None,
        },
        "caller": {
            "first_name": record.first_name,
            "last_name": record.last_name,
            "phone": record.phone_number,
            "insurance_type": record.insurance_type.value if record.insurance_type else None,
            "business_name": record.business_name,
            "last_name_spelled": record.last_name_spelled,
            "intent": record.call_intent.value if record.call_intent else None,
        },
        "transcript": _transcript(run),
        "events": [{"name": name, "args": _plain(args)} for name, args in chart.event_log],
        "error": error or run.orchestrator.failure,
    }


def report_lines(report: dict[str, Any], persona: str) -> list[str]:
    """The call as `simulate` prints it for people: the transcript, the states, the outcome."""
    lines = [
        f"{persona if line['speaker'] == 'agent' else 'Caller'}: "
        f"{line['text'] or '(' + line.get('note', 'silence') + ')'}"
        for line in report["transcript"]
    ]
    target = report["outcome"]["target"]
    lines.append(f"[states: {' -> '.join(report['states'])}]")
    to = f" to {target['name']}" if target else ""
    lines.append(f"[outcome: {report['outcome']['kind']}{to}]")
    return lines


def _transcript(run: CallRun) -> list[dict[str, str]]:
    """The lines said, with each caller turn that had no words as an empty caller line.

    Its `note` says which: a "silence" the caller let pass, or "nothing heard".
    """
    lines: list[dict[str, str]] = []
    pending = sorted(run.wordless)
    for index, line in enumerate(run.transcript):
        while pending and pending[0][0] <= index:
            lines.append({"speaker": "caller", "text": "", "note": pending.pop(0)[1]})
        lines.append({"speaker": line.speaker, "text": line.text})
    lines.extend({"speaker": "caller", "text": "", "note": note} for _, note in pending)
    return lines


def _plain(args: dict[str, object]) -> dict[str, object]:
    return {k: v if isinstance(v, str | int | float | bool) else str(v) for k, v in args.items()}
