"""The `voiceagent` command line.

Each subcommand is a thin reader of arguments that hands off to one module;
errors a user can fix end with a one-line message and exit status 2; anything
else (a call that failed, a bug) with a one-line message saying what happened and
where, and exit status 1 — never a traceback, never an empty message.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from statecharts import AgencyConfig, AgencyConfigError, default_agency, load_agency
from statecharts._diagram import FULL, OVERVIEW, view_names
from statecharts._diagram_model import Overlay
from voiceagent.cli.diagram import (
    DOCS,
    FORMATS,
    DiagramError,
    format_for,
    render,
    stale_docs,
    update_docs,
)
from voiceagent.cli.replay import add_replay_command
from voiceagent.cli.spoken import add_audio_arguments, spoken_call
from voiceagent.cli.store_commands import STORE_ERRORS, add_store_commands, resolve_store
from voiceagent.errors import describe
from voiceagent.logs import configure_logging
from voiceagent.replay.recorded import RecordedError
from voiceagent.scripted.scenario_files import ScenarioError, load_scenarios
from voiceagent.scripted.turns import parse_at, parse_turns
from voiceagent.store.location import connect_store
from voiceagent.worker.settings import SettingsError

if TYPE_CHECKING:
    from voiceagent.scripted.scenarios import ScenarioResult
    from voiceagent.session.call import CallRun

__all__ = ["main"]

_CALL_FAILED = 1
"""Something went wrong that the user could not have prevented (a call that failed)."""
_USAGE_ERROR = 2
_INTERRUPTED = 130


class UsageError(Exception):
    """Bad input the user can fix: printed as one line, exit status 2."""


_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def _agency(args: argparse.Namespace) -> AgencyConfig:
    return load_agency(args.agency) if args.agency else default_agency()


def _at(args: argparse.Namespace) -> datetime:
    if args.at is None:
        return datetime.now(UTC)
    try:
        return parse_at(args.at)
    except ValueError as error:
        raise UsageError(str(error)) from None


def _logging(args: argparse.Namespace) -> None:
    configure_logging(json=args.log_json, level="INFO" if args.verbose else "WARNING")


def _call(args: argparse.Namespace) -> int:
    if args.audio is not None or args.out is not None or args.json:
        _logging(args)
        return spoken_call(args, _agency(args), _at(args))
    from voiceagent.cli.console import console_call  # noqa: PLC0415 - loads LiveKit only when needed

    _logging(args)
    return asyncio.run(console_call(_agency(args), _at(args), store=resolve_store(args.store)))


def _simulate(args: argparse.Namespace) -> int:
    # LiveKit loads only when a command needs it
    from voiceagent.scripted.simulate import (  # noqa: PLC0415
        CallFailedError,
        call_report,
        report_lines,
        run_script,
    )

    config = _agency(args)
    at = _at(args)
    if args.caller_number is not None and not _E164.match(args.caller_number):
        msg = f"--caller-number {args.caller_number!r} is not an E.164 number (like +14075550123)"
        raise UsageError(msg)
    if args.file in (None, "-"):
        lines = sys.stdin.read().splitlines()
    else:
        try:
            lines = Path(args.file).read_text().splitlines()
        except (OSError, UnicodeDecodeError) as error:
            msg = f"cannot read {args.file}: {getattr(error, 'strerror', None) or error}"
            raise UsageError(msg) from None
    _logging(args)
    turns = parse_turns(lines)

    async def simulated() -> CallRun:
        if args.store is None:
            return await run_script(config, at, turns, caller_number=args.caller_number)
        settings = resolve_store(args.store)
        calls = await connect_store(
            settings.store, journal_dir=settings.journal_path(), timeout=settings.store_timeout
        )
        async with calls:
            return await run_script(
                config, at, turns, caller_number=args.caller_number, store=calls
            )

    try:
        run = asyncio.run(simulated())
    except CallFailedError as failed:
        report = call_report(failed.run, str(failed))
    else:
        report = call_report(run)
    status = _CALL_FAILED if report["error"] else 0
    if args.json:
        print(json.dumps(report))
        return status
    print("\n".join(report_lines(report, config.persona.name)))
    if report["error"]:
        print(f"voiceagent simulate: error: the call failed: {report['error']}", file=sys.stderr)
    return status


def _scenarios(args: argparse.Namespace) -> int:
    from voiceagent.scripted.scenarios import run_scenario, table  # noqa: PLC0415 - loads LiveKit

    config = _agency(args)
    scenarios = [s for path in args.paths for s in load_scenarios(Path(path))]
    _logging(args)

    async def run_all() -> list[ScenarioResult]:
        return [await run_scenario(config, scenario) for scenario in scenarios]

    results = asyncio.run(run_all())
    print(table(results))
    return 0 if all(r.passed for r in results) else 1


def _overlay(args: argparse.Namespace, view: str) -> Overlay | None:
    """The calls (or tests) drawn over the view, if any were asked for."""
    from voiceagent.cli import diagram_calls  # noqa: PLC0415 - loads the store only when needed

    if args.since is not None and not args.heat:
        raise UsageError("--since picks the calls of --heat: add --heat")
    if args.store is not None and not (args.heat or args.call):
        raise UsageError("--store is where --call and --heat find calls: add one of them")
    if args.agency is not None and not (args.heat or args.call or args.scenarios):
        raise UsageError("--agency is the file calls are followed with: add --call or --heat")
    if args.call is not None:
        return diagram_calls.call_overlay(args.call, args.store, _agency(args), view)
    if args.heat:
        return diagram_calls.heat_from_store(args.store, args.since, _agency(args), view)
    if args.scenarios:
        return diagram_calls.heat_from_scenarios(args.scenarios, _agency(args), view)
    if args.ledger is not None:
        return diagram_calls.coverage_from_ledger(Path(args.ledger), view)
    return None


def _diagram(args: argparse.Namespace) -> int:
    # The scenarios drawn by --scenarios are whole calls, which log: only their errors,
    # on stderr, so standard output is the diagram alone.
    configure_logging(json=False, level="ERROR")
    docs = Path(args.docs)
    view = FULL if args.full else (args.state or OVERVIEW)
    if (args.check or args.update_docs) and view != OVERVIEW:
        msg = "--check and --update-docs cover every view: drop --state/--full"
        raise UsageError(msg)
    overlay = _overlay(args, view)
    if args.check:
        stale = stale_docs(docs)
        for path in stale:
            print(f"stale diagram: {path} (run: voiceagent diagram --update-docs)", file=sys.stderr)
        return 1 if stale else 0
    if args.update_docs:
        for path in update_docs(docs):
            print(f"wrote {path}")
        return 0
    data = render(args.format or format_for(args.out), view, overlay)
    if args.out in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(args.out).write_bytes(data)
    return 0


def _worker(args: argparse.Namespace) -> int:
    from voiceagent.worker.server import run_command  # noqa: PLC0415 - loads the LiveKit worker

    env_file = Path(args.env_file) if args.env_file else None
    run_command(args.command, args.livekit_arguments, env_file=env_file)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voiceagent",
        description="The statechart receptionist: a phone receptionist for an insurance agency.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    diagram = commands.add_parser(
        "diagram",
        help="render the call-flow statechart",
        description="Render the call flow: by default the overview of the whole call; "
        "--state NAME draws one state step by step, --full every state and transition.",
    )
    diagram.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from --out's suffix, .svg .png .dot .mmd; else mermaid)",
    )
    diagram.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    diagram.add_argument("--docs", default=str(DOCS), metavar="DIR", help="the rendered views")
    which = diagram.add_mutually_exclusive_group()
    which.add_argument(
        "--state",
        choices=[v for v in view_names() if v not in (OVERVIEW, FULL)],
        help="one state with its steps, entries and exits",
    )
    which.add_argument("--full", action="store_true", help="every state and every transition")
    mode = diagram.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="fail if DIR's views are stale")
    mode.add_argument("--update-docs", action="store_true", help="re-render every view into DIR")
    mode.add_argument(
        "--call",
        metavar="CALL_ID|FILE.json",
        help="draw one call's path: a call in the store, or a `simulate --json` file",
    )
    mode.add_argument(
        "--heat",
        action="store_true",
        help="colour each transition by how many stored calls took it",
    )
    mode.add_argument(
        "--scenarios",
        nargs="+",
        metavar="PATH",
        help="colour each transition by how many scenarios of these files take it",
    )
    mode.add_argument(
        "--ledger",
        metavar="FILE",
        help="show which transitions the tests asserted (pytest --transition-ledger FILE)",
    )
    diagram.add_argument("--since", metavar="WHEN", help="--heat: calls since an ISO date or 7d")
    diagram.add_argument("--store", metavar="PATH|URL", help="a SQLite file or postgresql:// URL")
    diagram.add_argument("--agency", metavar="FILE", help="the agency file calls are followed with")
    diagram.set_defaults(handler=_diagram)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--agency", metavar="FILE", help="an agency file (default: Harry Levine)")
    common.add_argument("--verbose", action="store_true", help="show the call's log lines")
    common.add_argument("--log-json", action="store_true", help="log as JSON (production)")
    clock = argparse.ArgumentParser(add_help=False)
    clock.add_argument("--at", metavar="ISO-8601", help="the office clock (default: now)")

    call = commands.add_parser(
        "call", parents=[common, clock], help="hold a call in the terminal (offline, no keys)"
    )
    call.add_argument("--store", metavar="PATH|URL", help="a SQLite file or postgresql:// URL")
    add_audio_arguments(call)
    call.set_defaults(handler=_call)

    simulate = commands.add_parser(
        "simulate", parents=[common, clock], help="run a scripted call and print it"
    )
    simulate.add_argument("--caller-number", metavar="E.164", help="the caller's number")
    simulate.add_argument(
        "--store", metavar="PATH|URL", help="also keep the call in this store (SQLite or URL)"
    )
    simulate.add_argument("--json", action="store_true", help="print one JSON object")
    simulate.add_argument("file", nargs="?", metavar="FILE|-", help="caller turns, one a line")
    simulate.set_defaults(handler=_simulate)

    scenarios = commands.add_parser(
        "scenarios", parents=[common], help="run scenario files and print a pass/fail table"
    )
    scenarios.add_argument("paths", nargs="+", metavar="PATH", help="scenario YAML files")
    scenarios.set_defaults(handler=_scenarios)
    add_store_commands(commands)
    add_replay_command(commands)

    helps = {
        "start": "run the worker for production (LiveKit's `start`; needs LIVEKIT_URL and keys)",
        "dev": "run the worker for development (LiveKit's `dev`; readable logs)",
        "console": "talk to the worker's agent in this terminal (LiveKit's `console`)",
    }
    for name, text in helps.items():
        worker = commands.add_parser(name, help=text, add_help=False)
        worker.add_argument("--env-file", metavar="FILE", help="read settings from FILE too")
        worker.add_argument("livekit_arguments", nargs=argparse.REMAINDER, metavar="...")
        worker.set_defaults(handler=_worker)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.handler is not _worker:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.handler is _worker:  # LiveKit's own options pass through untouched
        args.livekit_arguments = [*unknown, *args.livekit_arguments]
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        print(f"voiceagent {args.command}: interrupted", file=sys.stderr)
        return _INTERRUPTED
    except TimeoutError as error:  # an OSError, but never the user's: a stall
        print(f"voiceagent {args.command}: error: {describe(error)}", file=sys.stderr)
        return _CALL_FAILED
    except (
        UsageError,
        DiagramError,
        AgencyConfigError,
        ScenarioError,
        RecordedError,
        SettingsError,
        OSError,
        *STORE_ERRORS,
    ) as error:
        print(f"voiceagent {args.command}: error: {describe(error)}", file=sys.stderr)
        return _USAGE_ERROR
    except Exception as error:  # one line, never a traceback, never an empty message
        print(f"voiceagent {args.command}: error: {describe(error)}", file=sys.stderr)
        return _CALL_FAILED
