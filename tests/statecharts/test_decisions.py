"""Routing decisions: the routing letter, and the target each kind of call is given."""

from __future__ import annotations

from datetime import time

import pytest

from statecharts._agency import AgencyConfig, InsuranceLine, RingGroup, TimeBlock
from statecharts._caller import CallerRecord, Intent
from statecharts._decisions import (
    claims_target,
    group_target,
    intake_target,
    payments_target,
    personal_letter,
)
from statecharts._effects import Target, TargetKind
from statecharts._loading import default_agency
from statecharts._routing import DEFAULT_LETTER

pytestmark = pytest.mark.unit

AGENCY = default_agency()
TEN_AM = time(10, 30)


def with_groups(config: AgencyConfig, *groups: RingGroup) -> AgencyConfig:
    """A copy of `config` whose ring groups with these keys are replaced."""
    by_key = {group.key: group for group in groups}
    return config.model_copy(
        update={"ring_groups": tuple(by_key.get(g.key, g) for g in config.ring_groups)}
    )


def busy(config: AgencyConfig, names: set[str] | None = None) -> AgencyConfig:
    """A copy of `config` in which the named people (default everyone) are always in a meeting."""
    block = TimeBlock(start=time(0, 0), end=time(23, 59))
    staff = tuple(
        member.model_copy(update={"time_blocks": (block,)})
        if names is None or member.name in names
        else member
        for member in config.staff
    )
    return config.model_copy(update={"staff": staff})


def ring_group_named(key: str) -> RingGroup:
    """The default agency's ring group with this key."""
    return next(group for group in AGENCY.ring_groups if group.key == key)


# --- the personal-lines routing letter ------------------------------------------------


@pytest.mark.parametrize(
    ("said", "spelled", "letter"),
    [
        ("urban", "URBAN", "U"),
        ("Urban", "urban", "U"),
        ("urban", None, "U"),
        ("  urban ", None, "U"),
        (None, "URBAN", "U"),
        ("", "urban", "U"),
        ("Urban", "U", "U"),
        ("Kohn", "CONE", "K"),
        ("kohn", "cone", "K"),
        (None, None, DEFAULT_LETTER),
        ("  ", "", DEFAULT_LETTER),
    ],
)
def test_personal_letter(said: str | None, spelled: str | None, letter: str) -> None:
    """The spelled name's first letter routes, the said name's when they disagree, else "A"."""
    record = CallerRecord(last_name=said, last_name_spelled=spelled)
    assert personal_letter(record) == letter


def test_business_caller_without_business_name_routes_on_a() -> None:
    """A business caller who gave no business name goes to the commercial AE for "A"."""
    record = CallerRecord(
        insurance_type=InsuranceLine.BUSINESS, call_intent=Intent.MAKE_CHANGE, last_name="Zeller"
    )
    target = intake_target(AGENCY, record, TEN_AM)
    assert target is not None
    assert (target.name, target.reason) == ("Adriana", "alpha_split")


# --- ring groups and the office -------------------------------------------------------


def test_payments_target_is_the_payments_ring_group() -> None:
    """A payment goes to the VA ring group, dialled by its key and announced as "our team"."""
    assert payments_target(AGENCY) == Target(
        kind=TargetKind.GROUP,
        name="Virtual Assistant Team",
        spoken_name="our team",
        group="VA",
        destination="sip:VA@pbx.hlinsure.invalid",
        reason="ring_group",
    )


def test_payments_ring_group_without_extensions_is_no_target() -> None:
    """A payments group nobody is in gives no target, so nobody dials an empty group."""
    config = with_groups(AGENCY, ring_group_named("VA").model_copy(update={"extensions": ()}))
    assert payments_target(config) is None


def test_ring_group_destination_wins_over_the_extension_template() -> None:
    """A ring group with its own configured destination is dialled there."""
    group = ring_group_named("VA").model_copy(update={"destination": "sip:va-queue@pbx.invalid"})
    target = group_target(AGENCY, group)
    assert target.destination == "sip:va-queue@pbx.invalid"


def test_claims_target_is_the_claims_group() -> None:
    """A claims call goes to the claims group, reason claims; with no extensions it has no dial."""
    assert claims_target(AGENCY) == Target(
        kind=TargetKind.GROUP,
        name="Claims Team",
        spoken_name="our team",
        group="Claims",
        destination=None,
        reason="claims",
    )


def test_claims_without_claims_group_goes_to_the_office() -> None:
    """A claims call with no claims group goes to the office's general mailbox, reason general."""
    config = AGENCY.model_copy(update={"claims_ring_group": None})
    assert claims_target(config) == Target(
        kind=TargetKind.OFFICE, name=AGENCY.office.name, spoken_name="our team", reason="general"
    )


# --- where an intake goes --------------------------------------------------------------


def test_payment_intake_in_hours_goes_to_the_payments_group() -> None:
    """Unless told it is after hours, a payment intake goes to the payments ring group."""
    record = CallerRecord(call_intent=Intent.MAKE_PAYMENT, last_name="Urban")
    assert intake_target(AGENCY, record, TEN_AM) == payments_target(AGENCY)


def test_payment_intake_after_hours_goes_to_the_account_executive() -> None:
    """After hours a payment is for the account executive by alpha split, named as written."""
    record = CallerRecord(call_intent=Intent.MAKE_PAYMENT, last_name="Urban")
    assert intake_target(AGENCY, record, TEN_AM, after_hours=True) == Target(
        kind=TargetKind.PERSON,
        name="Louis",
        spoken_name="Louis",  # pronounced "Lewis" only on the way to speech (issue 6 §2)
        extension="7017",
        destination="sip:7017@pbx.hlinsure.invalid",
        reason="alpha_split",
    )


def test_service_intake_goes_to_the_account_executive() -> None:
    """A personal-lines change goes to the account executive for the letter, reason alpha_split."""
    record = CallerRecord(call_intent=Intent.MAKE_CHANGE, last_name="Hill", last_name_spelled="H")
    target = intake_target(AGENCY, record, TEN_AM)
    assert target is not None
    assert (target.kind, target.name, target.reason) == (TargetKind.PERSON, "Al", "alpha_split")


def test_new_quote_skips_a_sales_agent_in_a_meeting() -> None:
    """A new personal quote while the letter's sales agent is busy goes to the other one."""
    config = busy(AGENCY, {"Rachel Moreno"})
    record = CallerRecord(call_intent=Intent.NEW_QUOTE, last_name="Adams")
    target = intake_target(config, record, TEN_AM)
    assert target is not None
    assert (target.name, target.reason) == ("Brad", "alternate_sales")


def test_new_quote_with_nobody_free_has_no_target() -> None:
    """A new personal quote when nobody can take it has no target: a message is taken."""
    record = CallerRecord(call_intent=Intent.NEW_QUOTE, last_name="Adams")
    assert intake_target(busy(AGENCY), record, TEN_AM) is None
