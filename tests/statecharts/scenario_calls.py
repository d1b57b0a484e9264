"""Cooperative callers with a need, driven through the chart, for the reference model to judge.

A `Scenario` is what the reference model reasons about (a need, what the caller
tells the receptionist, the instant, the agency variant, whether telephony fails);
`drive` plays that caller against the real chart, answering whatever the chart
asks, correcting themselves where the scenario says so, until the call ends;
`observed_ending` reads back how it ended in the reference's terms.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from hypothesis import strategies as st

from statecharts import (
    AgencyConfig,
    CallerRecord,
    InsuranceLine,
    Intent,
    MessageKind,
    OutcomeKind,
    Target,
    TargetKind,
)
from tests.reference.facts import STAFF
from tests.reference.outcomes import (
    INTAKE,
    OFFICE,
    Addressee,
    Agency,
    Caller,
    ClientKind,
    Ending,
    Need,
)
from tests.reference.strategies import BOUNDARY_LAST_NAMES, business_names, instants, spellings
from tests.statecharts.chart_driver import (
    AGENCY,
    CLAIMS_GROUP_AGENCY,
    PHONE,
    VOICEMAIL_AGENCY,
    Call,
)

__all__ = [
    "AGENCIES",
    "Scenario",
    "addressee_of",
    "caller_of",
    "drive",
    "observed_ending",
    "scenarios",
]

AGENCIES: dict[Agency, AgencyConfig] = {
    Agency(): AGENCY,
    Agency(voicemail=True): VOICEMAIL_AGENCY,
    Agency(claims_lines=True): CLAIMS_GROUP_AGENCY,
    Agency(voicemail=True, claims_lines=True): VOICEMAIL_AGENCY.model_copy(
        update={"ring_groups": CLAIMS_GROUP_AGENCY.ring_groups}
    ),
}
"""The production configuration for each agency variant the reference knows.

The planted-bug checks swap these for broken copies, so the properties that read
them run against the bug."""


def addressee_of(target: Target | None) -> Addressee:
    """A production target in the reference's terms."""
    if target is None or target.kind is TargetKind.OFFICE:
        return OFFICE
    if target.kind is TargetKind.GROUP:
        return Addressee("group", target.group)
    return Addressee("person", target.name)


def caller_of(record: CallerRecord) -> Caller | None:
    """What the caller told the chart, in the reference's terms (None before the line is known)."""
    if record.insurance_type is None:
        return None
    return Caller(
        line=record.insurance_type,
        first=record.first_name or "",
        last=record.last_name or "",
        spelled=record.last_name_spelled,
        business=record.business_name,
    )


@dataclass(frozen=True)
class Scenario:
    """One caller: their need, what they say, when they call, and what telephony does."""

    need: Need
    caller: Caller
    at: datetime
    agency: Agency
    transfer_fails: bool
    correction: str
    """How the caller corrects themselves in the intake: "none", "line", "name" or "spelling"."""

    def details(self) -> list[dict[str, Any]]:
        """The intake answers, in order: a wrong start (never complete), then the truth."""
        caller = self.caller
        truth: dict[str, Any] = {
            "insurance_type": caller.line.value,
            "first_name": caller.first,
            "last_name": caller.last,
            "phone": PHONE,
        }
        if caller.line is InsuranceLine.PERSONAL:
            truth["last_name_spelled"] = caller.spelled
        else:
            truth["business_name"] = caller.business
        wrong_line = (
            InsuranceLine.BUSINESS
            if caller.line is InsuranceLine.PERSONAL
            else InsuranceLine.PERSONAL
        )
        starts: Mapping[str, dict[str, Any]] = {
            "line": {"insurance_type": wrong_line.value, "first_name": caller.first},
            "name": {"first_name": caller.first, "last_name": "Quinn"},
            "spelling": {"last_name_spelled": "Q U I N N", "last_name": "Quinn"},
        }
        start = starts.get(self.correction)
        return [start, truth] if start else [truth]


def _opening(need: Need) -> tuple[str, dict[str, Any]]:
    intent = need.intent
    if intent in INTAKE:
        return "request", {"intent": intent.value}
    openings: dict[Intent, tuple[str, dict[str, Any]]] = {
        Intent.CLAIMS: ("report_claim", {}),
        Intent.CERTIFICATES: ("certificate", {"kind": need.certificate}),
        Intent.MORTGAGEE_LIENHOLDERS: ("mortgagee_request", {"role": need.role}),
        Intent.BANK_CALLER: ("bank_caller", {}),
        Intent.APPOINTMENT: ("appointment", {}),
        Intent.SPANISH_SPEAKER: ("spanish_speaker", {}),
        Intent.SPECIFIC_AGENT: ("ask_for_person", {"name": need.person}),
        Intent.HOURS_LOCATION: ("ask_hours", {}),
    }
    return openings[intent]


def _reply(scenario: Scenario, call: Call, pending: list[dict[str, Any]]) -> tuple[str, Any]:
    """What this caller (or the telephony) does next, where the chart is now."""
    need, leaf = scenario.need, call.chart.where().rsplit(".", 1)[-1]
    if leaf == "intake":
        return "provide_details", pending.pop(0) if pending else {"first_name": "Bo"}
    replies: dict[str, tuple[str, dict[str, Any]]] = {
        "taking_message": (
            "provide_details",
            {"first_name": scenario.caller.first, "phone": PHONE, "message": "Call me back"},
        ),
        "person_reason": ("give_reason", {"reason": "About my policy", "kind": need.reason}),
        "which_person": ("ask_for_person", {"name": need.choice or "Rachel Moreno"}),
        "carrier_line_question": (
            "provide_details",
            {"insurance_type": scenario.caller.line.value},
        ),
        "certificate_kind_question": ("certificate_kind", {"kind": need.certificate or "new"}),
        "lender_question": ("caller_role", {"role": need.role or "policyholder"}),
    }
    if leaf in ("transfer", "voicemail"):
        return ("transfer_failed" if scenario.transfer_fails else "transfer_succeeded"), {}
    if leaf == "restricted_question":
        if need.client is ClientKind.MESSAGE:
            return "leave_message", {}
        return "caller_kind", {"kind": need.client.value}
    if leaf == "carrier_question":
        if need.asks_callback and not call.messages:
            return "request_callback", {}
        return "name_carrier", {"carrier": "State Farm"}
    return replies.get(leaf, ("caller_done", {}))


def drive(scenario: Scenario, config: AgencyConfig | None = None) -> Call:
    """Play the scenario's caller against the chart until the call ends."""
    call = Call.start(scenario.at, config or AGENCIES[scenario.agency])
    pending = scenario.details()
    event, arguments = _opening(scenario.need)
    for _ in range(16):
        call.fire(event, **arguments)
        if call.chart.is_terminated:
            return call
        event, arguments = _reply(scenario, call, pending)
    msg = f"the call did not end: {call.chart.path}"
    raise AssertionError(msg)


def observed_ending(call: Call) -> Ending:
    """How the driven call ended, in the reference's terms."""
    outcome = call.chart.outcome
    assert outcome is not None
    if outcome.kind is OutcomeKind.MESSAGE:
        stored = [effect.message for effect in call.messages]
        assert stored, "the call ended as a message, but none was stored"
        last = stored[-1]
        return Ending(
            OutcomeKind.MESSAGE,
            addressee_of(last.for_target),
            callback=last.kind is MessageKind.CALLBACK,
        )
    if outcome.kind in (OutcomeKind.TRANSFER, OutcomeKind.VOICEMAIL):
        return Ending(outcome.kind, addressee_of(outcome.target))
    return Ending(outcome.kind)


# --- strategies -------------------------------------------------------------------------------

_intake = st.builds(Need, st.sampled_from(INTAKE))
by_name = st.builds(
    Need,
    st.just(Intent.SPECIFIC_AGENT),
    person=st.sampled_from(
        [m.name for m in STAFF] + ["Rachel", "Luis", "Lewis", "Deb", "Steph", "Ray", "Jason"]
    ),
    choice=st.sampled_from(("Rachel Moreno", "Rachel T.")),
    reason=st.sampled_from(["new_business", "service", "other"]),
    client=st.sampled_from(list(ClientKind)),
)
"""A by-name request for anyone on the staff list, restricted and former people included."""
needs = st.one_of(
    _intake,
    _intake,
    _intake,
    st.builds(Need, st.just(Intent.CLAIMS), asks_callback=st.booleans()),
    st.builds(Need, st.just(Intent.CERTIFICATES), certificate=st.sampled_from(["new", "existing"])),
    st.builds(
        Need, st.just(Intent.MORTGAGEE_LIENHOLDERS), role=st.sampled_from(["bank", "policyholder"])
    ),
    st.sampled_from(
        [Need(Intent.BANK_CALLER), Need(Intent.APPOINTMENT), Need(Intent.HOURS_LOCATION)]
    ),
    st.just(Need(Intent.SPANISH_SPEAKER)),
    by_name,
)
"""Every need agency.md names (the intake intents weighted up: most callers have one),
and by-name requests for everyone on the staff list."""


@st.composite
def callers(draw: st.DrawFn) -> Caller:
    """A caller on an alpha boundary, with a business name or a (maybe misheard) spelling."""
    line = draw(st.sampled_from(list(InsuranceLine)))
    last = draw(st.sampled_from(BOUNDARY_LAST_NAMES))
    spelled = "".join(draw(spellings(last)).split()).replace("-", "").upper()
    business = draw(business_names) if line is InsuranceLine.BUSINESS else None
    return Caller(line=line, first="Bo", last=last, spelled=spelled, business=business)


@st.composite
def scenarios(draw: st.DrawFn, need_strategy: st.SearchStrategy[Need] = needs) -> Scenario:
    """Any caller with any need, at any instant, for any agency variant."""
    need = draw(need_strategy)
    caller = draw(callers())
    if need.intent is Intent.CERTIFICATES:  # certificates are commercial only
        business = caller.business or draw(business_names)
        caller = replace(caller, line=InsuranceLine.BUSINESS, business=business)
    return Scenario(
        need=need,
        caller=caller,
        at=draw(instants),
        agency=draw(st.sampled_from(list(AGENCIES))),
        transfer_fails=draw(st.booleans()),
        correction=draw(st.sampled_from(["none", "none", "line", "name", "spelling"])),
    )
