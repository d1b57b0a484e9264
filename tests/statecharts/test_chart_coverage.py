"""The transition-coverage gate itself: what it counts, and that it really fails a run.

The package's conftest records every transition any chart takes during the
session and, on a full run, fails the session if a declared transition was
never taken. These tests drive the same gate with fake "taken" sets and a fake
session, so a gate that silently passes everything cannot go unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from statemachine.graph import iterate_states

from statecharts import Reception
from tests.statecharts import conftest
from tests.statecharts.chart_driver import (
    AGENCY,
    OPEN,
    CoverageGate,
    TransitionRecorder,
    declared_transitions,
    describe,
)

pytestmark = pytest.mark.unit

PACKAGE = Path(conftest.__file__).parent.resolve()
MODULES = sorted(PACKAGE.glob("test_*.py"))


@dataclass
class FakeSession:
    """The one attribute of `pytest.Session` the gate touches."""

    exitstatus: int | pytest.ExitCode = pytest.ExitCode.OK


def full_gate() -> CoverageGate:
    """A gate that saw every module collected and every collected test run."""
    gate = CoverageGate(PACKAGE)
    gate.note_arguments(["tests/statecharts"])
    gate.note_collected((f"{path.name}::test", path) for path in MODULES)
    for path in MODULES:
        gate.note_ran(f"{path.name}::test")
    return gate


def test_declared_transitions_are_every_non_initial_transition() -> None:
    """The declared set holds each transition once, leaving out compound-initial entries."""
    declared = declared_transitions()
    transitions = [t for s in iterate_states(Reception.states) for t in s.transitions]
    assert len(declared) == sum(not t.initial for t in transitions)
    assert ("routing", "", "transfer") in declared
    assert ("call", "hangup", "ended") in declared
    assert ("call", "error_execution", "ended") in declared
    assert any(target == "" for _, _, target in declared)  # answered in place
    assert ("call", "", "greeting") not in declared


def test_recorder_records_what_a_chart_takes() -> None:
    """A recorder on a chart sees eventful, eventless and targetless transitions by key."""
    recorder = TransitionRecorder()
    chart = Reception(AGENCY, OPEN)
    chart.add_listener(recorder)
    chart.fire("greeted")
    chart.fire("ask_hours")
    chart.fire("appointment")
    assert {
        ("greeting", "greeted", "triage"),
        ("triage", "appointment", "routing"),
        ("routing", "", "transfer"),
    } < recorder.taken
    assert [target for _, event, target in recorder.taken if event == "ask_hours"] == [""]
    assert len(recorder.taken) == 4
    assert recorder.taken <= declared_transitions()


def test_session_recorder_is_attached_to_every_chart() -> None:
    """Charts built in a test report to the session's recorder (the conftest fixture works)."""
    chart = Reception(AGENCY, OPEN)
    assert conftest.RECORDER in chart.active_listeners
    chart.fire("greeted")
    assert ("greeting", "greeted", "triage") in conftest.RECORDER.taken


def test_gate_fails_a_full_run_with_an_untaken_transition() -> None:
    """Two transitions missing from a full run: both listed, and the session fails."""
    declared = declared_transitions()
    untaken = sorted(declared)[:2]
    gate = full_gate()
    lines, missing = gate.verdict(declared, declared - set(untaken))
    assert missing == untaken
    assert lines[0] == f"chart transition coverage: {len(declared) - 2}/{len(declared)}"
    assert lines[1:] == [f"  untaken: {describe(key)}" for key in untaken]
    session = FakeSession()
    gate.enforce(session, missing)
    assert session.exitstatus == pytest.ExitCode.TESTS_FAILED


def test_gate_passes_a_full_run_that_took_everything() -> None:
    """Every declared transition taken (extra keys ignored): one summary line, no failure."""
    declared = declared_transitions()
    gate = full_gate()
    lines, missing = gate.verdict(declared, {*declared, ("nowhere", "x", "")})
    assert missing == []
    assert lines == [f"chart transition coverage: {len(declared)}/{len(declared)}"]
    session = FakeSession()
    gate.enforce(session, missing)
    assert session.exitstatus == pytest.ExitCode.OK


def test_gate_keeps_an_earlier_failure() -> None:
    """A run that already failed keeps its own exit status."""
    declared = declared_transitions()
    gate = full_gate()
    _, missing = gate.verdict(declared, set())
    session = FakeSession(pytest.ExitCode.INTERRUPTED)
    gate.enforce(session, missing)
    assert session.exitstatus == pytest.ExitCode.INTERRUPTED


@pytest.mark.parametrize(
    "narrowing",
    ["node id", "deselected", "one module", "not run", "nothing collected"],
)
def test_gate_does_not_enforce_a_partial_run(narrowing: str) -> None:
    """-k/-m, node ids, a single module or an early stop: numbers printed, nothing enforced."""
    gate = CoverageGate(PACKAGE)
    modules = MODULES[:1] if narrowing == "one module" else MODULES
    if narrowing != "nothing collected":
        gate.note_collected((f"{path.name}::test", path) for path in modules)
    gate.note_arguments(
        ["tests/statecharts/test_flow_intents.py::test_flow"] if narrowing == "node id" else []
    )
    if narrowing == "deselected":
        gate.note_deselected([MODULES[0]])
    for path in modules if narrowing != "not run" else modules[1:]:
        gate.note_ran(f"{path.name}::test")
    declared = declared_transitions()
    lines, missing = gate.verdict(declared, set())
    assert missing
    assert "not enforced" in lines[0]
    session = FakeSession()
    gate.enforce(session, missing)
    assert session.exitstatus == pytest.ExitCode.OK


def test_gate_ignores_tests_outside_the_package(tmp_path: Path) -> None:
    """Deselecting tests elsewhere leaves this package's run complete."""
    gate = full_gate()
    gate.note_deselected([tmp_path / "test_other.py"])
    assert gate.complete()
