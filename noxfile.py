"""One small session per concern; the default sessions are the full gate.

Sessions run inside the project's uv environment (`uv run --locked`), so they use
exactly the locked dependencies and share one virtual environment.
"""

from __future__ import annotations

import collections
import re

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_external_run = False  # every command goes through `uv run`


def _uv(session: nox.Session, *command: str) -> None:
    session.run("uv", "run", "--locked", *command, external=True)


@nox.session(python=False)
def tests(session: nox.Session) -> None:
    """The whole test suite (arguments are passed to pytest)."""
    _uv(session, "pytest", *session.posargs)


@nox.session(python=False)
def lint(session: nox.Session) -> None:
    """Ruff lint and format check."""
    _uv(session, "ruff", "check", ".")
    _uv(session, "ruff", "format", "--check", ".")


@nox.session(python=False)
def typecheck(session: nox.Session) -> None:
    """Mypy strict on both packages, and on this file."""
    _uv(session, "mypy")
    _uv(session, "mypy", "noxfile.py")


@nox.session(python=False)
def diagrams(session: nox.Session) -> None:
    """Re-render every view of the chart in docs/diagrams/ (Mermaid and SVG)."""
    _uv(session, "voiceagent", "diagram", "--update-docs")


@nox.session(python=False)
def coverage_map(session: nox.Session) -> None:
    """Draw which chart transitions the tests assert: build/transition-coverage.svg.

    The chart's tests write their ledger (`--transition-ledger`), and the full view
    of the chart is drawn with each transition green (asserted) or red (not).
    """
    ledger = "build/transition-ledger.json"
    _uv(session, "pytest", "tests/statecharts", "-q", "--transition-ledger", ledger)
    for kind in ("svg", "png"):
        out = f"build/transition-coverage.{kind}"
        _uv(
            session,
            "voiceagent",
            "diagram",
            "--full",
            "--ledger",
            ledger,
            "--format",
            kind,
            "--out",
            out,
        )
        session.log(f"wrote {out}")


@nox.session(python=False)
def bench(session: nox.Session) -> None:
    """Print the benchmarks' figures (never asserted: these machines are noisy)."""
    _uv(session, "python", "-m", "bench", *session.posargs)


@nox.session(python=False)
def planted_bugs(session: nox.Session) -> None:
    """Plant every known bug and run every property test against each (minutes).

    The suite runs a subset (tests/statecharts/test_planted_bugs.py); this runs the
    whole matrix, the exhaustive walk and the session property included.
    """
    session.env["PLANTED_BUGS"] = "all"
    _uv(session, "pytest", "tests/statecharts/test_planted_bugs.py", "-q", *session.posargs)


_MUTANT = re.compile(r"^\s*(?P<module>[\w.]+?)\.x\S*__mutmut_\d+: (?P<status>.+?)\s*$")
_KILLED = frozenset({"killed", "timeout", "segfault"})
"""Caught: a failing test, a run past its CPU limit, or one killed by a signal (mutmut says
"segfault" for any signal; here that is an endless loop growing a list until it is killed)."""
_UNTESTED = "not checked"


def mutation_summary(results: str) -> str:
    """The share of mutants killed, overall and by file, from `mutmut results --all true`.

    The score counts tested mutants only: mutants "not checked" yet (a run cut short,
    or a file left out with posargs) are listed beside it, never scored as survivors.
    """
    by_file: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for line in results.splitlines():
        match = _MUTANT.match(line)
        if match:
            by_file[match["module"]][match["status"]] += 1
    lines = [f"{'module':40} {'killed':>7} {'of':>5} {'score':>6}  not killed"]
    killed_all = tested_all = 0
    for module, counts in sorted(by_file.items()):
        tested = sum(n for status, n in counts.items() if status != _UNTESTED)
        killed = sum(counts[status] for status in _KILLED)
        killed_all, tested_all = killed_all + killed, tested_all + tested
        score = f"{killed / tested:6.1%}" if tested else f"{'-':>6}"
        others = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s not in _KILLED)
        lines.append(f"{module:40} {killed:7} {tested:5} {score}  {others}")
    if tested_all:
        lines.append(f"{'all':40} {killed_all:7} {tested_all:5} {killed_all / tested_all:6.1%}")
    return "\n".join(lines)


@nox.session(python=False)
def mutation(session: nox.Session) -> None:
    """Mutation testing of the rules and the chart with mutmut (an hour or more; run it niced).

    Prints the share of mutants killed, overall and by file; `mutmut results` and
    `mutmut show NAME` (through `uv run --group mutation`) list and show survivors.
    """
    _uv(session, "--group", "mutation", "mutmut", "run", *session.posargs)
    results = session.run(
        *("uv", "run", "--locked", "--group", "mutation", "mutmut", "results", "--all", "true"),
        external=True,
        silent=True,
    )
    session.log("\n" + mutation_summary(str(results)))
