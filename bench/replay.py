"""Replay's speed: reading stored calls, replaying on the chart alone, replaying through a session.

The scenario suite's calls are recorded once through real sessions into a SQLite
store, then copied (new call ids, the same rows) until the store holds `CALLS`
calls. With an agency file whose personal new-business split has moved, every call
is replayed on the chart alone where that settles it; a sample is also replayed
through whole sessions, and the two verdicts are compared call by call.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path

from sqlalchemy import insert, select

from statecharts import AgencyConfig, default_agency, load_agency
from voiceagent.replay.recorded import RecordedCall, from_store
from voiceagent.replay.runner import replay_call
from voiceagent.scripted.scenario_files import load_scenarios
from voiceagent.scripted.simulate import run_script
from voiceagent.scripted.turns import parse_turns
from voiceagent.store.location import connect_store
from voiceagent.store.schema import calls, events, metrics, transcript
from voiceagent.store.sql import SqlCallStore
from voiceagent.telephony.console import ConsoleTelephony

SUITE = Path(__file__).resolve().parents[1] / "scenarios" / "harry_levine.yaml"
AGENCY = Path(__file__).resolve().parents[1] / "statecharts" / "agencies" / "harry_levine.toml"
CALLS = 2000
SAMPLE = 40
"""Calls also replayed through whole sessions."""


def moved_split(folder: Path) -> AgencyConfig:
    """The shipped agency with the new-business split moved from L/M to U/V."""
    text = AGENCY.read_text()
    text = text.replace(
        'alpha_split = "personal_new"\nalpha_range = "A-L"',
        'alpha_split = "personal_new"\nalpha_range = "A-U"',
    )
    text = text.replace(
        'alpha_split = "personal_new"\nalpha_range = "M-Z"',
        'alpha_split = "personal_new"\nalpha_range = "V-Z"',
    )
    tomllib.loads(text)
    path = folder / "moved.toml"
    path.write_text(text)
    return load_agency(path)


async def record_suite(store: SqlCallStore) -> int:
    """Each scenario once, as a real call kept in the store; seconds a call."""
    config = default_agency()
    scenarios = load_scenarios(SUITE)
    for scenario in scenarios:
        await run_script(
            config,
            scenario.at,
            parse_turns(scenario.turns),
            caller_number=scenario.caller_number,
            telephony=ConsoleTelephony(fail_transfers=scenario.transfers_fail),
            store=store,
        )
    return len(scenarios)


async def multiply(store: SqlCallStore, total: int) -> None:
    """Copy the stored calls (rows and all) under new ids until there are `total`."""
    engine = store._ready()  # a benchmark's shortcut to the rows
    with engine.begin() as conn:
        originals = [dict(r._mapping) for r in conn.execute(select(calls))]
        tables = {
            table: [dict(r._mapping) for r in conn.execute(select(table))]
            for table in (events, transcript, metrics)
        }
        copies = 0
        while len(originals) * (copies + 1) < total:
            copies += 1
            for row in originals:
                new_id = f"{row['call_id']}-{copies}"
                conn.execute(insert(calls).values({**row, "call_id": new_id}))
                for table, rows in tables.items():
                    mine = [
                        {k: v for k, v in r.items() if k != "id"} | {"call_id": new_id}
                        for r in rows
                        if r["call_id"] == row["call_id"]
                    ]
                    if mine:
                        conn.execute(insert(table), mine)


async def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        moved = moved_split(Path(folder))
        store = await connect_store(str(Path(folder) / "calls.sqlite3"))
        async with store:
            start = time.perf_counter()
            recorded = await record_suite(store)
            per_call = (time.perf_counter() - start) / recorded
            await multiply(store, CALLS)
            rows = await store.recent_calls()
            start = time.perf_counter()
            loaded: list[RecordedCall] = [await from_store(store, r.call_id) for r in rows]
            reading = (time.perf_counter() - start) / len(loaded)
        await replay_call(loaded[0], moved)  # imports and caches warm
        timings, vias = [], Counter[str]()
        verdicts = {}
        start_all = time.perf_counter()
        for call in loaded:
            start = time.perf_counter()
            verdict = await replay_call(call, moved)
            timings.append(time.perf_counter() - start)
            vias[verdict.via or "none"] += 1
            verdicts[call.call_id] = verdict
        total = time.perf_counter() - start_all
        sample = loaded[:: max(1, len(loaded) // SAMPLE)][:SAMPLE]
        session_times, disagree = [], 0
        for call in sample:
            start = time.perf_counter()
            exact = await replay_call(call, moved, through_session=True)
            session_times.append(time.perf_counter() - start)
            quick = verdicts[call.call_id]
            disagree += (exact.status, exact.replayed) != (quick.status, quick.replayed)
    chart_ms = [1000 * t for t in timings]
    print(f"replay: {len(loaded)} stored calls ({recorded} distinct, each recorded once)")
    print(f"  recording a call through a session:        {1000 * per_call:7.1f} ms a call")
    print(f"  reading a call from the store (SQLite):   {1000 * reading:7.2f} ms a call")
    print(
        f"  replaying every call (chart first):      {1000 * total / len(loaded):7.2f} ms a call, "
        f"{total:.1f} s in all"
    )
    print(
        f"    median {statistics.median(chart_ms):.2f} ms; settled on the chart alone: "
        f"{vias['chart']}, through a session: {vias['session']}, not replayable: {vias['none']}"
    )
    print(
        f"  through a whole session ({len(sample)} calls):  "
        f"{1000 * statistics.median(session_times):7.1f} ms a call (median)"
    )
    print(f"  chart-first and session verdicts disagree on {disagree} of {len(sample)} calls")


def main() -> None:
    """Print the figures."""
    asyncio.run(run())


if __name__ == "__main__":
    main()
