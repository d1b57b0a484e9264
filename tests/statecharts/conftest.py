"""The coverage gate runs last in this package, and knows whether the run was whole.

Tests credit the ledger in `transition_coverage.py` only through
`assert_transition` / `assert_refused`. The gate is an ordinary test
(`test_chart_coverage.py::test_coverage_gate`), moved here to run after every
other test of the package, so a transition or guard side no test asserted fails
the run with a FAILED line naming it. A partial run (-k, -m, a node id, one
module, -x) cannot prove coverage, so there the gate skips and says why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

from tests.statecharts.transition_coverage import (
    LEDGER,
    CoverageGate,
    declared_guard_sides,
    declared_transitions,
    ledger_file,
)

settings.register_profile("mutation", derandomize=True, deadline=None)
"""For `nox -s mutation`: the same examples for every mutant, and no timing verdicts."""

GATE = CoverageGate(Path(__file__).parent.resolve())
"""Whether this run covers the whole package, so coverage can be enforced."""

GATE_TEST = "test_coverage_gate"
"""The gate's test function, in `test_chart_coverage.py`."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move the gate to just after the package's last test, so it sees every assertion."""
    gates = [item for item in items if GATE.inside(item.path) and item.name == GATE_TEST]
    ours = [item for item in items if GATE.inside(item.path) and item not in gates]
    if not gates or not ours:
        return
    for gate in gates:
        items.remove(gate)
    last = items.index(ours[-1])
    items[last + 1 : last + 1] = gates


def pytest_deselected(items: list[pytest.Item]) -> None:
    """Deselecting any test here (-k, -m, --lf) makes the run partial."""
    GATE.note_deselected(item.path for item in items)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Note what was collected here, and whether node ids narrowed the selection."""
    GATE.note_arguments(session.config.args)
    GATE.note_collected((item.nodeid, item.path) for item in session.items)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """A test counts as run once its call phase ends, or its setup skips or fails."""
    if report.when == "call" or (report.when == "setup" and not report.passed):
        GATE.note_ran(report.nodeid)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """With `--transition-ledger FILE`, write what the tests asserted for the diagram."""
    path = session.config.getoption("--transition-ledger", default=None)
    if path and GATE.collected:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(ledger_file(LEDGER, whole_run=GATE.complete()), indent=1))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print how much of the chart the package's tests asserted, whole run or not."""
    if GATE.collected:
        report = GATE.report(LEDGER, declared_transitions(), declared_guard_sides())
        terminalreporter.write_line(report.lines[0])
