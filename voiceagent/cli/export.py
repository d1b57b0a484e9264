"""`voiceagent calls export CALL_ID`: a stored call written as a scenario, then checked.

The scenario (`voiceagent.replay.export`) has the caller's personal data replaced
by stand-ins that route the same way; it is run once with the current chart and
agency file, and the command says whether it passes (exit 1 if not), so a
reported problem becomes a regression test in one command.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from statecharts import default_agency, load_agency
from voiceagent.logs import configure_logging
from voiceagent.replay.export import export_scenario
from voiceagent.replay.recorded import from_store
from voiceagent.store.sql import SqlCallStore

__all__ = ["export_call"]


async def export_call(store: SqlCallStore, args: argparse.Namespace) -> int:
    """Write the call as a scenario (or print it), then check that it passes."""
    from voiceagent.scripted.scenarios import run_scenario  # noqa: PLC0415 - loads LiveKit

    config = load_agency(args.agency) if args.agency else default_agency()
    configure_logging(json=False, level="ERROR")  # the check's call is not the output
    call = await from_store(store, args.call_id)
    text, scenario = export_scenario(call, config, today=datetime.now(UTC).date())
    if args.out:
        Path(args.out).write_text(text)
        print(f"wrote {args.out}")
    else:
        print(text, end="")
    result = await run_scenario(config, scenario)
    if not result.passed:
        print(
            f"voiceagent calls export: the scenario does not pass: {'; '.join(result.failures)}",
            file=sys.stderr,
        )
        return 1
    print("checked: the scenario passes with the current chart and agency file", file=sys.stderr)
    return 0
