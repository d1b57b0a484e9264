"""`voiceagent replay`: which stored calls would end differently with this chart and agency file.

Before an agency edits its configuration (a new account executive, a moved alpha
split, new hours) or a new chart goes live, every stored call since a date is
replayed with it: the caller's side of the call, at its original office time. The
table lists the calls whose outcome or target would change, with the first point
where the replay parts from the recording, and the calls that cannot be replayed,
with the reason. Exit status 1 when any call changes or cannot be replayed (either way
the answer is not "nothing changes"), unless `--accept`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from statecharts import AgencyConfig, default_agency, load_agency, office_moment
from voiceagent.cli.progress import Progress
from voiceagent.cli.store_commands import parse_since, resolve_store
from voiceagent.logs import configure_logging
from voiceagent.replay.recorded import outcome_text
from voiceagent.replay.runner import replay_stored
from voiceagent.replay.verdict import Verdict
from voiceagent.store.location import connect_store

__all__ = ["add_replay_command"]

_NOT_THE_SAME = 1


def add_replay_command(commands: Any) -> None:
    """Register `replay` on the main parser's subcommands."""
    replay = commands.add_parser(
        "replay",
        help="replay stored calls with this chart and an agency file: which would end differently",
        description="Replay the caller's side of stored calls (their words, silences and "
        "hang-ups, at their original office time) with the current chart, the offline brain "
        "and an agency file, and list the calls whose outcome or target would change.",
    )
    replay.add_argument("--since", metavar="WHEN", help="calls since an ISO date or time, or 7d")
    replay.add_argument(
        "--agency", metavar="FILE", help="the agency file to try (default: the shipped one)"
    )
    replay.add_argument("--store", metavar="PATH|URL", help="a SQLite file or postgresql:// URL")
    replay.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    replay.add_argument(
        "--accept",
        action="store_true",
        help="exit 0 even when calls would change or cannot be replayed",
    )
    replay.add_argument("--verbose", action="store_true", help="show the replayed calls' log lines")
    replay.add_argument(
        "--session",
        action="store_true",
        help="replay every call through a whole session, not the chart alone where it can "
        "(slower; a check on the shortcut)",
    )
    replay.set_defaults(handler=_replay)


def _replay(args: argparse.Namespace) -> int:
    config = load_agency(args.agency) if args.agency else default_agency()
    # A replayed call logs as a live one would (a refused transfer is a warning): only
    # with --verbose, so the table stays the whole output.
    configure_logging(json=False, level="INFO" if args.verbose else "ERROR")
    since = parse_since(args.since, datetime.now(UTC))
    verdicts = asyncio.run(_run(args, config, since))
    agency = args.agency or "the shipped agency file"
    if args.json:
        print(json.dumps(_json(verdicts, agency), ensure_ascii=False))
    else:
        for line in _report(verdicts, config, agency, args.since):
            print(line)
    same = all(v.status == "same" for v in verdicts)
    return 0 if same or args.accept else _NOT_THE_SAME


async def _run(
    args: argparse.Namespace, config: AgencyConfig, since: datetime | None
) -> list[Verdict]:
    settings = resolve_store(args.store)
    store = await connect_store(settings.store, timeout=settings.store_timeout, must_exist=True)
    progress = Progress(0, "replaying calls")
    try:
        return await replay_stored(
            store, config, since=since, through_session=args.session, tally=progress
        )
    finally:
        progress.close()
        await store.close()


def _json(verdicts: Sequence[Verdict], agency: str) -> dict[str, Any]:
    counts = {
        s: sum(v.status == s for v in verdicts) for s in ("same", "changed", "not replayable")
    }
    return {
        "agency": agency,
        "calls": [v.as_json() for v in verdicts],
        "summary": {
            "replayed": len(verdicts),
            **{k.replace(" ", "_"): n for k, n in counts.items()},
        },
    }


def _when(config: AgencyConfig, moment: datetime | None) -> str:
    if moment is None:
        return "-"
    return office_moment(config.office, moment).local.strftime("%a %d %b %Y %H:%M")


def _report(
    verdicts: Sequence[Verdict], config: AgencyConfig, agency: str, since: str | None
) -> list[str]:
    if not verdicts:
        return [f"no calls in the store{f' since {since}' if since else ''} to replay"]
    changed = [v for v in verdicts if v.status == "changed"]
    stuck = [v for v in verdicts if v.status == "not replayable"]
    same = len(verdicts) - len(changed) - len(stuck)
    # Out of the calls replayed: one that cannot be is in neither answer.
    replayed = len(verdicts) - len(stuck)
    counted = " replayed" if stuck else ""
    lines = []
    if changed:
        lines.append(
            f"{_calls(len(changed))} of {replayed}{counted} would end differently with {agency}:"
        )
        lines += _table(
            ["CALL ID", "OFFICE TIME", "WAS", "NOW", "WHERE THE PATHS PART"],
            [
                [
                    v.call_id, _when(config, v.office_time), outcome_text(v.recorded),
                    outcome_text(v.replayed), v.parting.text if v.parting else "-",
                ]
                for v in changed
            ],
        )  # fmt: skip
    elif replayed:
        lines.append(f"none of the {_calls(replayed)}{counted} would end differently with {agency}")
    if stuck:
        lines.append(f"{_calls(len(stuck))} cannot be replayed:")
        lines += _table(
            ["CALL ID", "OFFICE TIME", "WAS", "WHY"],
            [
                [v.call_id, _when(config, v.office_time), outcome_text(v.recorded), v.reason or ""]
                for v in stuck
            ],
        )
    lines.append(f"{_calls(same)} end the same.")
    return lines


def _calls(count: int) -> str:
    return f"{count} call" if count == 1 else f"{count} calls"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    return [
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in (headers, *rows)
    ]
