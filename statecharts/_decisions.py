"""Routing decisions: from the caller's record to a target, by the agency's rules.

This is where an intent and the collected details meet the alpha splits, the
new-quote fallback chain and the ring groups. The chart calls these functions;
tests call them as the oracle for "the target is what the rules give".
"""

from __future__ import annotations

from datetime import time

from statecharts._agency import AgencyConfig, AlphaSplit, InsuranceLine, RingGroup, StaffMember
from statecharts._caller import INTAKE_INTENTS, CallerRecord, Intent
from statecharts._effects import Target, TargetKind
from statecharts._routing import (
    DEFAULT_LETTER,
    alpha_split_owner,
    personal_new_quote,
    ring_group,
    routing_letter,
)

__all__ = [
    "account_executive_for",
    "claims_target",
    "front_desk_target",
    "group_target",
    "heading_target",
    "intake_target",
    "office_target",
    "payments_target",
    "person_target",
    "personal_letter",
]


def _fill(template: str | None, extension: str | None) -> str | None:
    if template is None or extension is None:
        return None
    return template.format(extension=extension)


def person_target(config: AgencyConfig, member: StaffMember, reason: str = "") -> Target:
    """A staff member as a routing target, with their configured destinations."""
    telephony = config.telephony
    return Target(
        kind=TargetKind.PERSON,
        name=member.name,
        spoken_name=member.first_name,
        extension=member.extension,
        destination=member.destination or _fill(telephony.extension_destination, member.extension),
        voicemail=member.voicemail or _fill(telephony.voicemail_destination, member.extension),
        reason=reason,
    )


def group_target(config: AgencyConfig, group: RingGroup, reason: str = "ring_group") -> Target:
    """A ring group as a target; a group with no extensions has no destination."""
    destination = group.destination
    if destination is None and group.extensions:
        destination = _fill(config.telephony.extension_destination, group.key)
    return Target(
        kind=TargetKind.GROUP,
        name=group.name,
        spoken_name="our team",
        group=group.key,
        destination=destination,
        reason=reason,
    )


def office_target(config: AgencyConfig) -> Target:
    """Nobody in particular: messages go to the office's general mailbox."""
    return Target(
        kind=TargetKind.OFFICE,
        name=config.office.name,
        spoken_name="our team",
        reason="general",
    )


def personal_letter(record: CallerRecord) -> str:
    """The personal-lines routing letter: the spelled last name's first letter.

    When the spelling's first letter differs from the last name the caller said,
    the said name wins: the difference is taken to be a speech-to-text mishearing.
    """
    spelled = record.last_name_spelled or ""
    said = (record.last_name or "").strip()
    if said and spelled and said[0].upper() != spelled[0].upper():
        return said[0].upper()
    if spelled:
        return spelled[0].upper()
    return said[0].upper() if said else DEFAULT_LETTER


def _line_letter(config: AgencyConfig, record: CallerRecord) -> str:
    if record.insurance_type is InsuranceLine.BUSINESS:
        return routing_letter(record.business_name or "", config.alpha_prefixes)
    return personal_letter(record)


def account_executive_for(config: AgencyConfig, record: CallerRecord) -> StaffMember | None:
    """The caller's account executive by alpha split (existing-client service)."""
    split = (
        AlphaSplit.COMMERCIAL
        if record.insurance_type is InsuranceLine.BUSINESS
        else AlphaSplit.PERSONAL_EXISTING
    )
    return alpha_split_owner(config, split, _line_letter(config, record))


def payments_target(config: AgencyConfig) -> Target | None:
    """The payments ring group, when it is configured with extensions."""
    if config.payments_ring_group is None:
        return None
    group = ring_group(config, config.payments_ring_group)
    if group is None or not group.extensions:
        return None
    return group_target(config, group)


def claims_target(config: AgencyConfig) -> Target:
    """The claims ring group (which may have no destination), else the office."""
    group = ring_group(config, config.claims_ring_group) if config.claims_ring_group else None
    if group is None:
        return office_target(config)
    return group_target(config, group, reason="claims")


def intake_target(
    config: AgencyConfig, record: CallerRecord, moment: time, *, after_hours: bool = False
) -> Target | None:
    """Where a completed intake goes; None when no rule names anyone.

    After hours, the target is always the account executive (voicemail goes to
    the person who looks after existing clients, never a sales agent).
    """
    intent = record.call_intent
    business = record.insurance_type is InsuranceLine.BUSINESS
    if intent is Intent.MAKE_PAYMENT and not after_hours:
        group = payments_target(config)
        if group is not None:
            return group
    if intent is Intent.NEW_QUOTE and not business and not after_hours:
        member, kind = personal_new_quote(config, personal_letter(record), moment)
        return person_target(config, member, kind.value) if member else None
    member = account_executive_for(config, record)
    return person_target(config, member, "alpha_split") if member else None


def front_desk_target(config: AgencyConfig) -> Target | None:
    """The ring group that takes a caller nobody else can be named for, when configured."""
    key = config.front_desk_ring_group
    group = ring_group(config, key) if key else None
    return group_target(config, group, reason="front_desk") if group is not None else None


def _routable(record: CallerRecord) -> bool:
    """The line of business and what the alpha split needs for it are known."""
    if record.insurance_type is InsuranceLine.BUSINESS:
        return bool(record.business_name)
    if record.insurance_type is InsuranceLine.PERSONAL:
        return bool(record.last_name_spelled or record.last_name)
    return False


def heading_target(
    config: AgencyConfig,
    record: CallerRecord,
    moment: time,
    *,
    person: StaffMember | None = None,
    after_hours: bool = False,
) -> Target:
    """Where a call was heading, from what is known so far: for a callback or a message.

    The person asked for, else the target the rules give for the need (claims, the
    payments group, the account executive by alpha split once the line and the name
    are known), and only when nothing else is known the office ("our team").
    """
    if person is not None:
        return person_target(config, person, "requested")
    intent = record.call_intent
    if intent is Intent.CLAIMS:
        return claims_target(config)
    if intent is Intent.APPOINTMENT or (intent is Intent.MAKE_PAYMENT and not after_hours):
        group = payments_target(config)  # after hours a payment is the AE's, as in the intake
        if group is not None:
            return group
    if intent in INTAKE_INTENTS and _routable(record):
        target = intake_target(config, record, moment, after_hours=after_hours)
        if target is not None:
            return target
    return office_target(config)
