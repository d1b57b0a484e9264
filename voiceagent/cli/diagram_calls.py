"""`voiceagent diagram --call`, `--heat`, `--scenarios` and `--ledger`: calls drawn on the chart.

Each builds an overlay for the chosen view from calls followed through the
current chart (`voiceagent.replay.follow`): one call's numbered path, how many
stored calls (or scenarios) took each transition, or which transitions the test
suite asserted (the ledger `pytest --transition-ledger FILE` writes).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from statecharts import AgencyConfig, office_moment
from statecharts._diagram import chart_view
from statecharts._diagram_chart import Story
from statecharts._diagram_model import Overlay
from statecharts._diagram_overlays import coverage_overlay, heat_overlay, path_overlay, path_steps
from statecharts._reception import Reception
from statecharts._retrace import Trace
from voiceagent.cli.progress import Progress
from voiceagent.cli.store_commands import StoreCommandError, parse_since, resolve_store
from voiceagent.replay.follow import Followed, follow, follow_strictly
from voiceagent.replay.recorded import (
    RecordedCall,
    RecordedError,
    RecordedEvent,
    from_json,
    from_store,
)
from voiceagent.store.location import connect_store

__all__ = ["call_overlay", "coverage_from_ledger", "heat_from_scenarios", "heat_from_store"]

_STORY = Story.of(Reception)


def _when(config: AgencyConfig, moment: datetime | None) -> str:
    if moment is None:
        return "at an unknown office time"
    return office_moment(config.office, moment).local.strftime("%a %d %b %Y %H:%M")


async def _one_call(source: str, store: str | None) -> RecordedCall:
    path = Path(source)
    if source.endswith(".json") or path.is_file():
        return from_json(path)
    settings = resolve_store(store)
    calls = await connect_store(settings.store, timeout=settings.store_timeout, must_exist=True)
    try:
        return await from_store(calls, source)
    finally:
        await calls.close()


def call_overlay(source: str, store: str | None, config: AgencyConfig, view: str) -> Overlay:
    """One call's path over `view`: a call id in the store, or a `simulate --json` file."""
    call = asyncio.run(_one_call(source, store))
    trace = follow_strictly(call, config)
    story = _STORY
    wheres = [story.entry_leaf(story.story[0]), *(step.where for step in trace.steps)]
    steps = path_steps(
        [(where, step.event, step.taken) for where, step in zip(wheres, trace.steps, strict=False)],
        story,
    )
    entered = [*dict.fromkeys(s for step in trace.steps for s in step.entered)]
    ended_in = trace.steps[-1].where if trace.steps else "greeting"
    ending = _ending(trace, call)
    return path_overlay(
        chart_view(view),
        story,
        steps,
        ["greeting", *entered],
        ended_in=ended_in,
        ending=ending,
        ended=trace.ended,
        title=f"Call {call.call_id}, {_when(config, call.office_time)} at the office",
    )


def _ending(trace: Trace, call: RecordedCall) -> str:
    if not trace.ended:
        return "still in progress when recorded" if call.outcome is None else "not ended"
    outcome = trace.outcome
    kind = outcome.kind.value.replace("_", " ") if outcome is not None else "hung up"
    target = outcome.target if outcome is not None else None
    if target is None:
        return kind
    extension = f" ({target.extension})" if target.extension else ""
    return f"{kind} to {target.name}{extension}"


class _Takers:
    """Which takers (calls, scenarios) took each transition and entered each state."""

    def __init__(self) -> None:
        self.by_key: dict[str, set[int]] = {}
        self.by_state: dict[str, set[int]] = {}
        self.count = 0

    def add(self, trace: Trace) -> None:
        taker = self.count
        self.count += 1
        for step in trace.steps:
            for key in step.taken:
                self.by_key.setdefault(key, set()).add(taker)
            for state in step.configuration:
                self.by_state.setdefault(state, set()).add(taker)
        if trace.steps:
            self.by_state.setdefault(_STORY.story[0], set()).add(taker)

    def overlay(
        self, view: str, title: str, noun: tuple[str, str], notes: Sequence[str]
    ) -> Overlay:
        return heat_overlay(
            chart_view(view),
            {k: frozenset(v) for k, v in self.by_key.items()},
            total=self.count,
            noun=noun,
            entered={k: frozenset(v) for k, v in self.by_state.items()},
            title=title,
            notes=notes,
        )


async def _stored_calls(
    store: str | None, since: datetime | None, config: AgencyConfig
) -> list[Followed]:
    """Every stored call since `since`, each followed through the chart as it is read."""
    settings = resolve_store(store)
    calls = await connect_store(settings.store, timeout=settings.store_timeout, must_exist=True)
    try:
        rows = await calls.recent_calls(since=since)
        progress = Progress(len(rows), "reading calls")
        followed = []
        for row in rows:
            followed.append(follow(await from_store(calls, row.call_id), config))
            progress.advance()
        progress.close()
        return followed
    finally:
        await calls.close()


def heat_from_store(
    store: str | None, since_text: str | None, config: AgencyConfig, view: str
) -> Overlay:
    """How many stored calls (since `since_text`) took each transition, over `view`."""
    since = parse_since(since_text, datetime.now(UTC))
    calls = asyncio.run(_stored_calls(store, since, config))
    if not calls:
        when = f" since {since_text}" if since_text else ""
        msg = f"no calls in the store{when} to draw"
        raise StoreCommandError(msg)
    takers, partly, never = _Takers(), 0, 0
    for followed in calls:
        if followed.trace is None:
            never += 1
            continue
        partly += followed.problem is not None
        takers.add(followed.trace)
    notes = []
    if partly:
        are = "is" if partly == 1 else "are"
        notes.append(
            f"{partly} of the calls {are} drawn only as far as the current chart and agency "
            "file follow them (recorded under another agency file or chart)."
        )
    if never:
        calls_word = "call" if never == 1 else "calls"
        notes.append(
            f"{never} {calls_word} could not be followed at all (older chart, or no office time)."
        )
    since_words = f" since {since_text}" if since_text else ""
    title = f"Stored calls{since_words}: {len(calls)}"
    return takers.overlay(view, title, ("call", "calls"), notes)


def heat_from_scenarios(paths: Sequence[str], config: AgencyConfig, view: str) -> Overlay:
    """How many scenarios of the suite took each transition, over `view`."""
    from voiceagent.scripted.scenario_files import load_scenarios  # noqa: PLC0415 - LiveKit
    from voiceagent.scripted.scenarios import run_scenario  # noqa: PLC0415 - loads LiveKit

    scenarios = [s for path in paths for s in load_scenarios(Path(path))]

    async def run_all() -> list[dict[str, Any]]:
        progress = Progress(len(scenarios), "running scenarios")
        reports = []
        for scenario in scenarios:
            reports.append(dict((await run_scenario(config, scenario)).report))
            progress.advance()
        progress.close()
        return reports

    takers = _Takers()
    for scenario, report in zip(scenarios, asyncio.run(run_all()), strict=True):
        call = RecordedCall(
            call_id=scenario.name,
            office_time=datetime.fromisoformat(report["at"]),
            caller_number=report["caller_number"],
            brain=report["brain"],
            phone_read_back=report["phone_read_back"],
            outcome=report["outcome"],
            path=tuple(report["states"]),
            timeline=tuple(RecordedEvent(e["name"], e["args"]) for e in report["events"]),
        )
        takers.add(follow_strictly(call, config))
    title = f"The scenarios in {', '.join(paths)}: {len(scenarios)}"
    return takers.overlay(view, title, ("scenario", "scenarios"), ())


def coverage_from_ledger(path: Path, view: str) -> Overlay:
    """The transitions the test suite asserted (`pytest --transition-ledger FILE`), over `view`."""
    try:
        ledger = json.loads(path.read_text())
        asserted = frozenset(str(key) for key in ledger["asserted"])
        declared = int(ledger["declared"])
        whole = bool(ledger["whole_run"])
    except OSError as error:
        msg = f"cannot read the ledger {path}: {error.strerror or error}"
        raise RecordedError(msg) from None
    except (ValueError, KeyError, TypeError):
        msg = f"{path} is not a transition ledger (write one with: pytest --transition-ledger FILE)"
        raise RecordedError(msg) from None
    known = {t.key for t in _STORY.transitions}
    notes = []
    stale = asserted - known
    if stale:
        notes.append(f"{len(stale)} asserted transitions are no longer in the chart.")
    if not whole:
        notes.append("The ledger is from a partial run: tests not run asserted nothing.")
    done = len(asserted & known)
    title = f"Transitions the tests asserted: {done} of {declared}"
    return coverage_overlay(chart_view(view), asserted, title=title, notes=notes)
