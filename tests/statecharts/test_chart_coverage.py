"""Every transition the chart declares, asserted; both sides of every guard; and the gate.

The table below fires each declared transition once from a call set up for it
and asserts every state the event enters (`assert_transition`), and shows each
guard false where only a refusal can (`assert_refused`). Those assertions, and
any other test's, credit the ledger; `test_coverage_gate` runs last in the
package and fails, naming each one, if a declared transition or a guard side
was never asserted. The rest of this module tests the machinery itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from statecharts import AgencyConfig, Reception
from tests.statecharts import conftest
from tests.statecharts.chart_driver import (
    AGENCY,
    CLAIMS_GROUP_AGENCY,
    CLOSED,
    LUNCH,
    OPEN,
    PHONE,
    VOICEMAIL_AGENCY,
    Call,
    Step,
)
from tests.statecharts.transition_coverage import (
    LEDGER,
    CoverageGate,
    Ledger,
    Probe,
    assert_refused,
    assert_transition,
    declared_guard_sides,
    declared_transitions,
    describe,
    describe_side,
)

pytestmark = pytest.mark.unit

PACKAGE = Path(conftest.__file__).parent.resolve()
MODULES = sorted(PACKAGE.glob("test_*.py"))


def ev(event: str, **arguments: Any) -> Step:
    """One event with its arguments."""
    return (event, arguments)


SMITH = {
    "insurance_type": "personal",
    "first_name": "Bo",
    "last_name": "Smith",
    "last_name_spelled": "S M I T H",
    "phone": PHONE,
}
"""Everything a personal-lines intake needs (Smith: Louis for service)."""
MESSAGE = {"first_name": "Bo", "phone": PHONE, "message": "Please call me back"}
"""Everything a message needs."""

LISTENING = ("triage", "triage.listening")
TO_MESSAGE = ("after_hours", "after_hours.taking_message")
TO_LISTENING_FROM_EMAIL = ("triage", "triage.listening")


@dataclass(frozen=True)
class Row:
    """One transition (or guard side) fired from a call set up for it."""

    id: str
    steps: tuple[Step, ...]
    """What happens first, after the greeting (not credited: only the last event is)."""
    event: str
    arguments: Mapping[str, Any]
    leads_to: tuple[str, ...] | None
    """Every state the event enters, in order; None when the chart must refuse it."""
    at: datetime = OPEN
    config: AgencyConfig = AGENCY
    greeted: bool = True

    def call(self) -> Call:
        """A call in the state this row fires from."""
        return Call.start(self.at, self.config, greeted=self.greeted).run(self.steps)


def row(
    id_: str,
    steps: tuple[Step, ...],
    step: Step,
    leads_to: tuple[str, ...] | None,
    **setup: Any,
) -> Row:
    """A table row: the steps before, the event fired, where it must lead."""
    return Row(id_, steps, step[0], step[1], leads_to, **setup)


INTAKE = (ev("request", intent="make_change"),)
CLAIM_CLOSED = (ev("report_claim"),)
CLAIM_CALLBACK = (ev("report_claim"), ev("request_callback"))
TRANSFER = (*INTAKE, ev("provide_details", **SMITH))
VOICEMAIL = TRANSFER

ROWS: list[Row] = [
    # the greeting
    row("greeted", (), ev("greeted"), LISTENING, greeted=False),
    row("greeting-live-person", (), ev("live_person"), (), greeted=False),
    row("greeting-hours", (), ev("ask_hours"), (), greeted=False),
    row("greeting-services", (), ev("ask_services"), (), greeted=False),
    row("greeting-redirect", (), ev("redirect", topic="off_topic"), (), greeted=False),
    row("greeting-done", (), ev("caller_done"), ("ended",), greeted=False),
    # anywhere in the call
    row("details-in-place", (), ev("provide_details", first_name="Bo"), ()),
    row("hangup", (), ev("hangup"), ("ended",)),
    row("first-silence", (), ev("caller_away_timeout"), ()),
    row("second-silence", (ev("caller_away_timeout"),), ev("caller_away_timeout"), ("ended",)),
    row("time-limit", (), ev("call_time_limit"), ("ended",)),
    # triage
    row("request", (), ev("request", intent="make_change"), ("triage.intake",)),
    row("listening-live-person", (), ev("live_person"), ("triage.intake",)),
    row("intake-live-person", INTAKE, ev("live_person"), ()),
    row("person-transferable", (), ev("ask_for_person", name="Louis"), ("triage.person_reason",)),
    row("person-ambiguous", (), ev("ask_for_person", name="Rachel"), ("triage.which_person",)),
    row(
        "person-restricted",
        (),
        ev("ask_for_person", name="Jason"),
        ("triage.restricted_question",),
    ),
    row("person-former", (), ev("ask_for_person", name="Debi"), ("triage.intake",)),
    row("person-unknown", (), ev("ask_for_person", name="Zelda"), ()),
    row("appointment", (), ev("appointment"), ("triage.routing", "transfer")),
    row("spanish", (), ev("spanish_speaker"), ("triage.routing", "transfer")),
    row("spanish-at-lunch", (), ev("spanish_speaker"), ("ended",), at=LUNCH),
    row(
        "claim-open",
        (),
        ev("report_claim"),
        ("claims", "claims.connecting", *TO_MESSAGE),
    ),
    row(
        "claim-open-with-lines",
        (),
        ev("report_claim"),
        ("claims", "claims.connecting", "transfer"),
        config=CLAIMS_GROUP_AGENCY,
    ),
    row("claim-closed", (), ev("report_claim"), ("claims", "claims.carrier_question"), at=CLOSED),
    row(
        "claim-with-carrier",
        (),
        ev("report_claim", carrier="State Farm"),
        ("claims", "claims.carrier_question", "claims.carrier_given"),
        at=CLOSED,
    ),
    row(
        "claim-with-split-carrier",
        (),
        ev("report_claim", carrier="Tower Hill"),
        ("claims", "claims.carrier_question", "claims.carrier_line_question"),
        at=CLOSED,
    ),
    row(
        "certificate-new",
        (),
        ev("certificate", kind="new"),
        ("mortgagee", "mortgagee.certificate_emailed", *TO_LISTENING_FROM_EMAIL),
    ),
    row("certificate-existing", (), ev("certificate", kind="existing"), ("triage.intake",)),
    row(
        "certificate-kind-unknown",
        (),
        ev("certificate"),
        ("mortgagee", "mortgagee.certificate_kind_question"),
    ),
    row(
        "mortgagee-bank",
        (),
        ev("mortgagee_request", role="bank"),
        ("mortgagee", "mortgagee.bank_answer", "ended"),
    ),
    row(
        "mortgagee-policyholder",
        (),
        ev("mortgagee_request", role="policyholder"),
        ("mortgagee", "mortgagee.in_writing", *TO_LISTENING_FROM_EMAIL),
    ),
    row(
        "mortgagee-role-unknown",
        (),
        ev("mortgagee_request"),
        ("mortgagee", "mortgagee.lender_question"),
    ),
    row("bank-caller", (), ev("bank_caller"), ("mortgagee", "mortgagee.bank_answer", "ended")),
    row("leave-message", (), ev("leave_message"), TO_MESSAGE),
    row("triage-hours", (), ev("ask_hours"), ()),
    row("triage-services", (), ev("ask_services"), ()),
    row("triage-redirect", (), ev("redirect", topic="admin"), ()),
    row("triage-done", (), ev("caller_done"), ("ended",)),
    # the intake and the routing gate
    row(
        "intake-to-transfer", INTAKE, ev("provide_details", **SMITH), ("triage.routing", "transfer")
    ),
    row(
        "intake-to-voicemail",
        INTAKE,
        ev("provide_details", **SMITH),
        ("triage.routing", "after_hours", "after_hours.voicemail"),
        at=CLOSED,
        config=VOICEMAIL_AGENCY,
    ),
    row(
        "intake-to-message",
        INTAKE,
        ev("provide_details", **SMITH),
        ("triage.routing", *TO_MESSAGE),
        at=CLOSED,
    ),
    row(
        "sales-agent-service",
        (ev("ask_for_person", name="Brad"),),
        ev("give_reason", reason="My policy", kind="service"),
        ("triage.intake",),
    ),
    row(
        "person-reason",
        (ev("ask_for_person", name="Louis"),),
        ev("give_reason", reason="My policy", kind="other"),
        ("triage.routing", "transfer"),
    ),
    row(
        "restricted-vendor",
        (ev("ask_for_person", name="Fred"),),
        ev("caller_kind", kind="vendor"),
        ("triage.listening",),
    ),
    row(
        "restricted-client",
        (ev("ask_for_person", name="Fred"),),
        ev("caller_kind", kind="existing_client"),
        ("triage.intake",),
    ),
    # claims
    row("claims-live-person", CLAIM_CLOSED, ev("live_person"), (), at=CLOSED),
    row(
        "carrier-named",
        CLAIM_CLOSED,
        ev("name_carrier", carrier="State Farm"),
        ("claims.carrier_given",),
        at=CLOSED,
    ),
    row(
        "carrier-needs-line",
        CLAIM_CLOSED,
        ev("name_carrier", carrier="Tower Hill"),
        ("claims.carrier_line_question",),
        at=CLOSED,
    ),
    row(
        "carrier-not-found",
        CLAIM_CLOSED,
        ev("name_carrier", carrier="Acme Mutual"),
        (),
        at=CLOSED,
    ),
    row(
        "carrier-line-given",
        (*CLAIM_CLOSED, ev("name_carrier", carrier="Tower Hill")),
        ev("provide_details", insurance_type="personal"),
        ("claims.carrier_given",),
        at=CLOSED,
    ),
    row("carrier-unknown", CLAIM_CLOSED, ev("carrier_unknown"), (), at=CLOSED),
    row("claims-callback", CLAIM_CLOSED, ev("request_callback"), TO_MESSAGE, at=CLOSED),
    row(
        "claims-callback-again",
        (ev("report_claim"), ev("provide_details", **MESSAGE)),
        ev("request_callback"),
        (),
    ),
    row("claims-hours", CLAIM_CLOSED, ev("ask_hours"), (), at=CLOSED),
    row("claims-services", CLAIM_CLOSED, ev("ask_services"), (), at=CLOSED),
    row("claims-redirect", CLAIM_CLOSED, ev("redirect", topic="off_topic"), (), at=CLOSED),
    row("claims-done", CLAIM_CLOSED, ev("caller_done"), ("ended",), at=CLOSED),
    # certificates and mortgagee requests
    row(
        "certificate-kind-new",
        (ev("certificate"),),
        ev("certificate_kind", kind="new"),
        ("mortgagee.certificate_emailed", *TO_LISTENING_FROM_EMAIL),
    ),
    row(
        "certificate-kind-existing",
        (ev("certificate"),),
        ev("certificate_kind", kind="existing"),
        ("triage", "triage.intake"),
    ),
    row(
        "role-bank",
        (ev("mortgagee_request"),),
        ev("caller_role", role="bank"),
        ("mortgagee.bank_answer", "ended"),
    ),
    row(
        "role-policyholder",
        (ev("mortgagee_request"),),
        ev("caller_role", role="policyholder"),
        ("mortgagee.in_writing", *TO_LISTENING_FROM_EMAIL),
    ),
    row("mortgagee-live-person", (ev("mortgagee_request"),), ev("live_person"), ()),
    row("mortgagee-hours", (ev("mortgagee_request"),), ev("ask_hours"), ()),
    row("mortgagee-services", (ev("mortgagee_request"),), ev("ask_services"), ()),
    row("mortgagee-redirect", (ev("mortgagee_request"),), ev("redirect", topic="admin"), ()),
    row("mortgagee-done", (ev("mortgagee_request"),), ev("caller_done"), ("ended",)),
    # messages, voicemail and transfers
    row(
        "claim-while-message-open",
        (ev("leave_message"),),
        ev("report_claim"),
        ("claims", "claims.connecting", *TO_MESSAGE),
    ),
    row(
        "claim-while-message-closed",
        (ev("leave_message"),),
        ev("report_claim"),
        ("claims", "claims.carrier_question"),
        at=CLOSED,
    ),
    row("claim-already-reported", CLAIM_CALLBACK, ev("report_claim"), None, at=CLOSED),
    row(
        "message-complete",
        (ev("leave_message"),),
        ev("provide_details", **MESSAGE),
        ("after_hours.message_recorded", "ended"),
    ),
    row(
        "claims-message-then-carrier",
        (ev("report_claim"),),
        ev("provide_details", **MESSAGE),
        ("after_hours.message_recorded", "claims", "claims.carrier_question"),
    ),
    row("message-live-person", (ev("leave_message"),), ev("live_person"), ()),
    row("message-hours", (ev("leave_message"),), ev("ask_hours"), ()),
    row("message-services", (ev("leave_message"),), ev("ask_services"), ()),
    row("message-redirect", (ev("leave_message"),), ev("redirect", topic="admin"), ()),
    row("message-done", (ev("leave_message"),), ev("caller_done"), ("ended",)),
    row(
        "voicemail-left",
        VOICEMAIL,
        ev("transfer_succeeded"),
        ("ended",),
        at=CLOSED,
        config=VOICEMAIL_AGENCY,
    ),
    row(
        "voicemail-failed",
        VOICEMAIL,
        ev("transfer_failed", reason="no answer"),
        ("after_hours.taking_message",),
        at=CLOSED,
        config=VOICEMAIL_AGENCY,
    ),
    row("transferred", TRANSFER, ev("transfer_succeeded"), ("ended",)),
    row("transfer-failed", TRANSFER, ev("transfer_failed"), TO_MESSAGE),
]
"""One row per declared transition, plus the calls that show each guard's other side."""


@pytest.mark.parametrize("case", ROWS, ids=lambda case: case.id)
def test_transition_leads_where_declared(case: Row) -> None:
    """The event enters exactly the states the chart's rules say (or is refused)."""
    call = case.call()
    if case.leads_to is None:
        assert_refused(call, case.event, case.arguments)
    else:
        assert_transition(call, case.event, case.arguments, case.leads_to)


def test_an_error_ends_the_call() -> None:
    """An error the shell cannot recover from ends the call, from anywhere."""
    call = Call.start(OPEN).run(INTAKE)
    assert_transition(
        call, "error_execution", {}, ("ended",), send=lambda: call.fail(RuntimeError("boom"))
    )


# --- the gate ---------------------------------------------------------------------------------


def check_gate(gate: CoverageGate, ledger: Ledger, gate_test: str) -> None:
    """Skip a partial run; fail a whole one that left anything unasserted, naming each gap."""
    if not gate.complete(gate_test):
        pytest.skip(f"partial run, coverage not enforced: {gate.why_partial(gate_test)}")
    report = gate.report(ledger, declared_transitions(), declared_guard_sides())
    assert not report.gaps, "\n".join(report.lines)


def test_coverage_gate(request: pytest.FixtureRequest) -> None:
    """Run last in the package: every transition and both sides of every guard were asserted."""
    check_gate(conftest.GATE, LEDGER, request.node.nodeid)


@dataclass
class _Item:
    """The two attributes of a `pytest.Item` the collection hook reads."""

    name: str
    path: Path = field(default_factory=lambda: MODULES[0])


def full_gate() -> CoverageGate:
    """A gate that saw every module collected and every collected test run."""
    gate = CoverageGate(PACKAGE)
    gate.note_arguments(["tests/statecharts"])
    gate.note_collected((f"{path.name}::test", path) for path in MODULES)
    for path in MODULES:
        gate.note_ran(f"{path.name}::test")
    return gate


def test_declared_sets_hold_every_transition_and_both_sides_of_each_guard() -> None:
    """The declared transitions leave out initial entries; each guard has two sides."""
    declared = declared_transitions()
    assert ("routing", "", "transfer") in declared
    assert ("call", "error_execution", "ended") in declared
    assert ("call", "", "greeting") not in declared
    sides = declared_guard_sides()
    assert (("routing", "", "transfer"), "can_transfer_live", True) in sides
    assert (("routing", "", "transfer"), "can_transfer_live", False) in sides
    both = {(key, guard) for key, guard, _ in sides}
    assert len(sides) == 2 * len(both)


def test_probe_sees_transitions_and_guard_verdicts() -> None:
    """The probe reports the eventless chain an event sets off, and each guard's verdict."""
    call = Call.start(CLOSED).run(INTAKE)
    with Probe(call.chart) as probe:
        call.fire("provide_details", **SMITH)
    assert probe.taken == [
        ("call", "provide_details", ""),
        ("intake", "", "routing"),
        ("routing", "", "taking_message"),
    ]
    assert (("routing", "", "transfer"), "can_transfer_live", False) in probe.guards
    assert (("routing", "", "voicemail"), "voicemail_available", False) in probe.guards
    assert (("intake", "", "routing"), "intake_complete", True) in probe.guards
    assert "_conditions_match" not in vars(call.chart._engine)


def test_only_an_assertion_that_holds_credits_the_ledger() -> None:
    """A wrong expectation fails and credits nothing; a refusal credits only guard verdicts."""
    before = (set(LEDGER.transitions), set(LEDGER.guard_sides))
    call = Call.start(OPEN)
    with pytest.raises(AssertionError, match="entered"):
        assert_transition(call, "ask_for_person", {"name": "Louis"}, ("triage.intake",))
    assert (set(LEDGER.transitions), set(LEDGER.guard_sides)) == before


def test_a_gap_fails_the_gate_with_a_line_naming_it() -> None:
    """A whole run missing a transition and a guard side fails, naming both."""
    declared, sides = declared_transitions(), declared_guard_sides()
    missing = sorted(declared)[0]
    side = sorted(sides)[0]
    ledger = Ledger(set(declared) - {missing}, set(sides) - {side})
    with pytest.raises(AssertionError) as failure:
        check_gate(full_gate(), ledger, "")
    message = str(failure.value)
    assert f"unasserted transition: {describe(missing)}" in message
    assert f"unasserted guard side: {describe_side(side)}" in message
    assert f"chart transitions asserted: {len(declared) - 1}/{len(declared)}" in message


def test_the_gate_passes_a_whole_run_that_asserted_everything() -> None:
    """Everything asserted: the gate passes (extra keys are ignored)."""
    ledger = Ledger({*declared_transitions(), ("nowhere", "x", "")}, set(declared_guard_sides()))
    check_gate(full_gate(), ledger, "")


@pytest.mark.parametrize(
    "narrowing",
    ["node id", "deselected", "one module", "not run", "nothing collected"],
)
def test_the_gate_skips_a_partial_run(narrowing: str) -> None:
    """-k/-m, node ids, a single module or an early stop: the gate skips and says why."""
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
    with pytest.raises(pytest.skip.Exception, match="partial run"):
        check_gate(gate, Ledger(), "")


def test_the_gate_does_not_wait_for_itself() -> None:
    """The gate's own test is the one collected test that has not run when it checks."""
    gate = CoverageGate(PACKAGE)
    gate_test = ("test_chart_coverage.py::test_coverage_gate", MODULES[0])
    gate.note_collected([*((f"{path.name}::test", path) for path in MODULES), gate_test])
    for path in MODULES:
        gate.note_ran(f"{path.name}::test")
    assert not gate.complete()
    assert gate.complete("test_chart_coverage.py::test_coverage_gate")


def test_the_gate_ignores_tests_outside_the_package(tmp_path: Path) -> None:
    """Deselecting tests elsewhere leaves this package's run complete."""
    gate = full_gate()
    gate.note_deselected([tmp_path / "test_other.py"])
    assert gate.complete()


def test_the_gate_is_moved_after_the_package_s_last_test(tmp_path: Path) -> None:
    """Collection puts the gate right after this package's last test, before any other."""
    gate, first, last = _Item("test_coverage_gate"), _Item("test_a"), _Item("test_z", MODULES[-1])
    elsewhere = _Item("test_other", tmp_path / "test_other.py")
    items: list[Any] = [gate, first, last, elsewhere]
    conftest.pytest_collection_modifyitems(items)
    assert items == [first, last, gate, elsewhere]


def test_a_fresh_chart_is_not_watched() -> None:
    """No listener or probe is attached to charts outside an assertion (they cost time)."""
    chart = Reception(AGENCY, OPEN)
    assert "microstep" not in vars(chart._engine)
