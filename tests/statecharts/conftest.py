"""Transition coverage for the reception chart, enforced over a full run of this package.

Every chart built in any test of the session gets a listener that records each
transition it takes. When the whole package was selected and ran, the session
fails if a transition the chart declares was never taken, listing each one, so a
new transition cannot land without a test that drives it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from statecharts import Reception
from tests.statecharts.chart_driver import CoverageGate, TransitionRecorder, declared_transitions

RECORDER = TransitionRecorder()
"""Every transition taken by any chart in this session."""

GATE = CoverageGate(Path(__file__).parent.resolve())
"""Whether this run covers the whole package, so coverage can be enforced."""


@pytest.fixture(scope="session", autouse=True)
def _record_chart_transitions() -> Iterator[None]:
    """Attach the session's recorder to every `Reception` built while the tests run."""
    original = Reception.__init__

    def init(self: Reception, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.add_listener(RECORDER)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Reception, "__init__", init)
        yield


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
    """Print the coverage line and fail a full run that left a transition untaken."""
    lines, missing = GATE.verdict(declared_transitions(), RECORDER.taken)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("")
        for line in lines:
            reporter.write_line(line)
    GATE.enforce(session, missing)
