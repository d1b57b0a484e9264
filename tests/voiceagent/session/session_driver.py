"""A call through the real session, for tests: opened, driven turn by turn, closed.

Shared by the session, bad-input and property tests so each reads as its calls.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

from livekit.agents import RunResult, llm

from statecharts import OutcomeKind, default_agency
from voiceagent.brain import OfflineBrain
from voiceagent.session.call import CallRun, new_call
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony
from voiceagent.telephony.port import TransferKind

AGENCY = default_agency()
OPEN = datetime(2026, 11, 24, 10, 0)
"""Tuesday 10:00 Eastern: open, so a wrong move would be a live transfer."""

Target = dict[str, str | None]


@dataclass
class Call:
    """A call opened for a test, with its fakes."""

    run: CallRun
    telephony: ConsoleTelephony
    store: SqliteCallStore

    async def turn(self, text: str) -> RunResult[None]:
        """One caller turn through the session, run until background work has settled.

        As `CallRun.say` does, a turn that gave the chart nothing is reported to it
        (`caller_unclear`); what the chart says then is in `replied_after`.
        """
        assert not self.run.ended, f"the call ended before the caller said {text!r}"
        result: RunResult[None] = await self.run.session.run(user_input=text)
        await self.run.orchestrator.wait_idle()
        before = len(self.run.transcript)
        await self.run.turn_ended()
        self.replied_after = " ".join(
            line.text for line in self.run.transcript[before:] if line.speaker == "agent"
        )
        return result

    replied_after: str = ""
    """What the receptionist said after the last turn's run: the chart's answer to a turn
    that gave it nothing."""

    def reply(self, result: RunResult[None]) -> str:
        """Everything said back to the last turn: during its run, and after it."""
        return " ".join(part for part in (said(result), self.replied_after) if part)

    @property
    def outcome(self) -> tuple[OutcomeKind | None, Target | None]:
        """The chart's outcome: its kind and the target as the JSON contract names it."""
        outcome = self.run.chart.outcome
        if outcome is None:
            return None, None
        return outcome.kind, outcome.target.as_dict() if outcome.target else None

    def transcript(self) -> str:
        """Everything the receptionist said in the call, as one text."""
        return " ".join(line.text for line in self.run.transcript if line.speaker == "agent")

    def dialled(self) -> list[tuple[TransferKind, str]]:
        """Every transfer the telephony port was asked to make, by kind and target name."""
        return [(kind, target.name) for kind, target in self.telephony.transfers]

    def dialled_extensions(self) -> list[tuple[TransferKind, str, str | None]]:
        """Every transfer asked of the telephony port: kind, target name, extension."""
        return [(kind, t.name, t.extension) for kind, t in self.telephony.transfers]


@contextlib.asynccontextmanager
async def call_at(at: datetime = OPEN, *, fail_transfers: bool = False) -> AsyncIterator[Call]:
    """A call greeted at `at`; hung up and its store closed when the test is done."""
    store = SqliteCallStore(":memory:")
    telephony = ConsoleTelephony(fail_transfers=fail_transfers)
    run = new_call(
        config=AGENCY,
        at=at,
        brain=OfflineBrain(),
        telephony=telephony,
        store=store,
        user_away_timeout=None,
    )
    await run.start()
    try:
        yield Call(run, telephony, store)
    finally:
        await run.close()
        await store.close()


def said(result: RunResult[None]) -> str:
    """What the receptionist said during one run."""
    return " ".join(
        event.item.text_content or ""
        for event in result.events
        if isinstance(event.item, llm.ChatMessage) and event.item.role == "assistant"
    )


def tools_called(result: RunResult[None]) -> list[str]:
    """The names of the tools called during one run, in order."""
    return [event.item.name for event in result.events if isinstance(event.item, llm.FunctionCall)]
