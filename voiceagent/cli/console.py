"""`voiceagent call`: hold a call with the receptionist in the terminal.

Text in, text out, with the offline brain, console telephony (transfers are
recorded, not dialled) and the configured call store (a SQLite file by default).
Lines piped on standard input are read as caller turns; end of input hangs up.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime
from typing import TextIO

from statecharts import AgencyConfig
from voiceagent.brain import OfflineBrain
from voiceagent.scripted.turns import parse_turns
from voiceagent.session.call import CallRun, new_call
from voiceagent.store.location import connect_store
from voiceagent.store.settings import StoreSettings
from voiceagent.telephony.console import ConsoleTelephony
from voiceagent.telephony.port import destination_for

__all__ = ["console_call"]


class _Printer:
    """Prints agent lines as they are added to the transcript."""

    def __init__(self, run: CallRun, persona: str, out: TextIO, *, echo_caller: bool) -> None:
        self._run = run
        self._persona = persona
        self._out = out
        self._echo = echo_caller
        self._shown = 0

    def flush(self) -> None:
        lines = self._run.transcript
        for line in lines[self._shown :]:
            if line.speaker == "agent":
                print(f"{self._persona}: {line.text}", file=self._out)
            elif self._echo:
                print(f"You: {line.text}", file=self._out)
        self._shown = len(lines)
        self._out.flush()


async def _read_line(source: TextIO) -> str | None:
    line = await asyncio.to_thread(source.readline)
    return line if line else None


async def console_call(
    config: AgencyConfig,
    at: datetime,
    *,
    store: StoreSettings,
    source: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
) -> int:
    """Hold one call; return 0 once it has ended."""
    interactive = source.isatty()
    telephony = ConsoleTelephony()
    calls = await connect_store(
        store.store, journal_dir=store.journal_path(), timeout=store.store_timeout
    )
    async with calls:
        run = new_call(
            config=config,
            at=at,
            brain=OfflineBrain(),
            telephony=telephony,
            store=calls,
            user_away_timeout=None,
        )
        await run.start()
        printer = _Printer(run, config.persona.name, out, echo_caller=not interactive)
        printer.flush()
        while not run.ended:
            if interactive:
                print("You: ", end="", file=out, flush=True)
            raw = await _read_line(source)
            if raw is None:
                break
            for turn in parse_turns([raw]):
                if turn.line_event is not None:
                    await run.shell_event(turn.line_event)
                else:
                    await run.say(turn.text)
            printer.flush()
        await run.close()
        printer.flush()
        outcome = run.chart.outcome
        for kind, target in telephony.transfers:
            dial = destination_for(kind, target)
            print(f"[{kind.value} to {target.name} (would dial {dial})]", file=out)
        if outcome is not None:
            print(f"[call ended: {outcome.kind.value}]", file=out)
    return 0
