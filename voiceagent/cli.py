"""The `voiceagent` command line.

Each subcommand is a thin reader of arguments that hands off to one module;
errors a user can fix end with a one-line message and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from voiceagent.diagram import FORMATS, DiagramError, render, stale_docs, update_docs

__all__ = ["main"]

_USAGE_ERROR = 2


class UsageError(Exception):
    """Bad input the user can fix: printed as one line, exit status 2."""


def _diagram(args: argparse.Namespace) -> int:
    docs = Path(args.docs)
    if args.check:
        stale = stale_docs(docs)
        for path in stale:
            print(f"stale diagram: {path} (run: voiceagent diagram --update-docs)", file=sys.stderr)
        return 1 if stale else 0
    if args.update_docs:
        for path in update_docs(docs):
            print(f"wrote {path}")
        return 0
    data = render(args.format)
    if args.out in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(args.out).write_bytes(data)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voiceagent",
        description="The statechart receptionist: a phone receptionist for an insurance agency.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    diagram = commands.add_parser("diagram", help="render the call-flow statechart")
    diagram.add_argument("--format", choices=FORMATS, default="mermaid", help="output format")
    diagram.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    diagram.add_argument("--docs", default="docs", metavar="DIR", help="the rendered-docs folder")
    mode = diagram.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="fail if DIR's diagrams are stale")
    mode.add_argument("--update-docs", action="store_true", help="re-render DIR's diagrams")
    diagram.set_defaults(handler=_diagram)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except (UsageError, DiagramError, OSError) as error:
        print(f"voiceagent {args.command}: error: {error}", file=sys.stderr)
        return _USAGE_ERROR
