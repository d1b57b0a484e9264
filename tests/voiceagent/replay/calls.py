"""Real calls recorded into a store once, for the replay, diagram and export tests.

Each is a scripted call through the whole session (chart, orchestrator, offline
brain), kept in a SQLite file as a live call would be.
"""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from statecharts import AgencyConfig, Outcome, OutcomeKind, default_agency, load_agency
from voiceagent.scripted.simulate import run_script
from voiceagent.scripted.turns import parse_turns
from voiceagent.store.location import connect_store
from voiceagent.telephony.console import ConsoleTelephony

OPEN = datetime(2026, 11, 24, 10, 0)
CLOSED = datetime(2026, 11, 24, 19, 30)
AGENCY = Path(__file__).resolve().parents[3] / "statecharts" / "agencies" / "harry_levine.toml"


@dataclass(frozen=True)
class Script:
    """One call to record: when, what the caller says, whether transfers fail."""

    name: str
    at: datetime
    turns: tuple[str, ...]
    transfers_fail: bool = False
    caller_number: str | None = None


QUOTE_URBAN = Script(
    "quote, Urban", OPEN, ("I need a quote for my car", "Kelly Urban, U R B A N, 407 555 0123")
)
"""A new-business quote on U: Brad (M-Z) takes it."""
QUOTE_LEE = Script(
    "quote, Lee", OPEN, ("I'm shopping for home insurance", "Ann Lee, L E E, 407 555 0000")
)
"""On L: Rachel Moreno (A-L) takes it, before and after the split moves to A-U."""
CLAIM = Script("claim after hours", CLOSED, ("I have a claim", "State Farm"))
"""After hours: the carrier's 24/7 line, then the caller hangs up."""
REFUSED = Script(
    "quote, Urban, transfer refused",
    OPEN,
    ("I need a quote for my car", "Kelly Urban, U R B A N, 407 555 0123", "Please call me back"),
    transfers_fail=True,
    caller_number="+14075550188",
)
"""Brad's line refuses the transfer: the caller leaves a message for him."""
SILENT = Script(
    "silence", OPEN, ("<silence>", "I'd like to talk to someone about my policy", "<hangup>")
)
"""The caller says nothing at first, then asks for a person and hangs up."""
SCRIPTS = (QUOTE_URBAN, QUOTE_LEE, CLAIM, REFUSED, SILENT)


def moved_split(folder: Path) -> Path:
    """The shipped agency file with the new-business split moved from L/M to U/V."""
    text = AGENCY.read_text()
    for old, new in (("A-L", "A-U"), ("M-Z", "V-Z")):
        text = text.replace(
            f'alpha_split = "personal_new"\nalpha_range = "{old}"',
            f'alpha_split = "personal_new"\nalpha_range = "{new}"',
        )
    path = folder / "moved.toml"
    path.write_text(text)
    load_agency(path)  # a valid file
    return path


def later_tuesday(folder: Path) -> Path:
    """The shipped agency file with Tuesday's opening moved from 9:00 to 11:00."""
    old = "[office.hours.tuesday]\nopens = 09:00:00"
    text = AGENCY.read_text()
    assert old in text
    path = folder / "later.toml"
    path.write_text(text.replace(old, "[office.hours.tuesday]\nopens = 11:00:00"))
    load_agency(path)  # a valid file
    return path


async def record(location: str, scripts: tuple[Script, ...], config: AgencyConfig) -> list[str]:
    """Hold each scripted call, kept in the store at `location`; their call ids, in order."""
    ids = []
    store = await connect_store(location)
    async with store:
        for script in scripts:
            run = await run_script(
                config,
                script.at,
                parse_turns(script.turns),
                caller_number=script.caller_number,
                telephony=ConsoleTelephony(fail_transfers=script.transfers_fail),
                store=store,
            )
            ids.append(run.orchestrator.call_id)
    return ids


OLDER = "older"
"""The id `add_older_call` gives its call."""


async def add_older_call(location: str) -> None:
    """Keep a call an older chart made: it passed through `lunch_line`, a state since removed."""
    when = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    store = await connect_store(location, must_exist=True)
    async with store:
        await store.start_call(OLDER, when, None, "Harry Levine Insurance", office_time=when)
        await store.record_event(OLDER, when, "greeted", {}, ["call", "triage", "listening"])
        await store.finish_call(
            OLDER, when, Outcome(OutcomeKind.HUNG_UP), {}, ["greeting", "lunch_line", "ended"]
        )


class Recorded:
    """A store file holding `SCRIPTS`, recorded once a session and copied for each test."""

    def __init__(self, folder: Path) -> None:
        self.master = folder / "calls.sqlite3"
        self.ids = dict(
            zip(
                [s.name for s in SCRIPTS],
                asyncio.run(record(str(self.master), SCRIPTS, default_agency())),
                strict=True,
            )
        )

    def copy(self, folder: Path) -> str:
        """A copy of the store of its own, for a test that may write to it."""
        path = folder / "calls.sqlite3"
        shutil.copyfile(self.master, path)
        return str(path)
