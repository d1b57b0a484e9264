"""What a call must end in, by the caller's need and the office's status (agency.md 0, 3, 5).

`addressee` answers "who does this need go to right now?" and `ending` turns
that into how the call ends: a live transfer while the office is open, a
callback request at lunch, voicemail or a message after hours, and a message
for the intended person or group whenever a transfer cannot be made or fails.
Needs the receptionist answers itself (new certificates, mortgagee changes,
bank callers, hours, claims after hours) end answered.

Messages follow issue 11: a message for a person the caller named is addressed
to that person; otherwise to where the need routes (the account executive by
alpha split, the VA group, the claims group); to the office as a whole only
when no rule names anyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from statecharts import InsuranceLine, Intent, OutcomeKind
from tests.reference.calendar import Status, local, status
from tests.reference.facts import CLAIMS_GROUP, VA_GROUP, Person, Split
from tests.reference.routing import (
    bilingual,
    business_letter,
    lookup,
    new_quote_person,
    owner,
    personal_letter,
)

__all__ = [
    "DEFAULT",
    "INTAKE",
    "OFFICE",
    "Addressee",
    "Agency",
    "Caller",
    "ClientKind",
    "Ending",
    "Need",
    "addressee",
    "asked_for",
    "ending",
    "intake_addressee",
]

INTAKE = (
    Intent.NEW_QUOTE,
    Intent.MAKE_PAYMENT,
    Intent.MAKE_CHANGE,
    Intent.CANCELLATION,
    Intent.COVERAGE_RATE_QUESTIONS,
    Intent.POLICY_REVIEW_RENEWAL,
    Intent.SOMETHING_ELSE,
)
"""The "direct transfer" intents of section 3: the standard intake, then a person."""


@dataclass(frozen=True)
class Addressee:
    """Who a transfer, a voicemail or a message is for."""

    kind: str
    """"person", "group" or "office"."""
    name: str | None = None
    """The person's canonical name, or the ring group's key."""


OFFICE = Addressee("office")
"""Nobody in particular: the general mailbox."""


def _person(member: Person | None) -> Addressee:
    return Addressee("person", member.name) if member is not None else OFFICE


def _group(group: tuple[str, str, tuple[str, ...]]) -> Addressee:
    return Addressee("group", group[0])


@dataclass(frozen=True)
class Agency:
    """The default agency, or a variant that opens a path the default file closes."""

    voicemail: bool = False
    """Every person has a voicemail box (the default has none: messages instead)."""
    claims_lines: bool = False
    """The claims group has extensions (the default's is empty)."""

    def group_has_lines(self, group: Addressee) -> bool:
        """Whether a live transfer to the group can ring anyone."""
        if group.name == VA_GROUP[0]:
            return bool(VA_GROUP[2])
        return self.claims_lines or bool(CLAIMS_GROUP[2])


DEFAULT = Agency()
"""The shipped default agency: no voicemail boxes, an empty claims group."""


@dataclass(frozen=True)
class Caller:
    """What the caller tells the receptionist (after any corrections)."""

    line: InsuranceLine
    first: str = "Bo"
    last: str = "Smith"
    spelled: str | None = None
    """The spelled last name, letters only; None if never spelled."""
    business: str | None = None


class ClientKind(StrEnum):
    """The three-way answer when a restricted person is asked for, or a message."""

    EXISTING = "existing_client"
    NEW = "new_client"
    VENDOR = "vendor"
    MESSAGE = "message"
    """The caller leaves a message for the restricted person instead."""


@dataclass(frozen=True)
class Need:
    """Why the caller is calling, as far as routing cares."""

    intent: Intent
    certificate: str | None = None
    """For certificates: "new" or "existing"."""
    role: str | None = None
    """For mortgagee requests: "bank" or "policyholder"."""
    person: str | None = None
    """For a by-name request: the name as the caller said it."""
    choice: str | None = None
    """For a name that fits several people ("Rachel"): the one the caller then picks."""
    reason: str = "other"
    """For a by-name request: "new_business", "service" or "other"."""
    client: ClientKind = ClientKind.EXISTING
    """For a restricted person: what the caller answers to the three-way question."""
    asks_callback: bool = False
    """For claims after hours: the caller asks for a callback."""


@dataclass(frozen=True)
class Ending:
    """How the call ends, and for whom."""

    kind: OutcomeKind
    to: Addressee | None = None
    callback: bool = False
    """The message is a callback request (lunch, a claims callback, or open with nobody to
    put the call through to live)."""
    notes: tuple[str, ...] = field(default=(), compare=False)
    """Why the reference expects this, for failure messages."""


def _intake_line(caller: Caller) -> str:
    if caller.line is InsuranceLine.BUSINESS:
        return business_letter(caller.business or "")
    return personal_letter(caller.last, caller.spelled)


def intake_addressee(intent: Intent, caller: Caller, at: datetime) -> Addressee:
    """Where a completed standard intake goes at `at` (section 2's routing rules).

    Open or at lunch: payments to the VA group, personal new quotes down the
    sales fallback chain, everything else to the account executive by letter.
    After hours, always the account executive (voicemail is for existing clients).
    """
    when = status(at)
    business = caller.line is InsuranceLine.BUSINESS
    letter = _intake_line(caller)
    if not when.after_hours:
        if intent is Intent.MAKE_PAYMENT:
            return _group(VA_GROUP)
        if intent is Intent.NEW_QUOTE and not business:
            return _person(new_quote_person(letter, local(at).time()))
    split = Split.COMMERCIAL if business else Split.PERSONAL_EXISTING
    return _person(owner(split, letter))


def addressee(need: Need, caller: Caller, at: datetime) -> Addressee | None:
    """Who the need goes to at `at`; None when the receptionist answers it itself."""
    intent = need.intent
    when = status(at)
    if intent in INTAKE:
        return intake_addressee(intent, caller, at)
    if intent is Intent.CERTIFICATES:
        if need.certificate != "existing":
            return None
        business = replace(caller, line=InsuranceLine.BUSINESS)  # commercial only
        return intake_addressee(Intent.SOMETHING_ELSE, business, at)
    if intent is Intent.APPOINTMENT:
        return _group(VA_GROUP)
    if intent is Intent.CLAIMS:
        return _group(CLAIMS_GROUP) if not when.after_hours or need.asks_callback else None
    if intent is Intent.SPANISH_SPEAKER:
        chosen = bilingual(local(at).time()) if when is Status.OPEN else None
        return _person(chosen) if chosen is not None else None
    if intent is Intent.SPECIFIC_AGENT:
        return _asked_for(need, caller, at)
    return None  # mortgagee, bank callers, hours: answered


def asked_for(need: Need) -> Person:
    """The person a by-name request means, after "which one?" when the name is ambiguous."""
    found = lookup(need.person or "")
    if found.ambiguous:
        found = lookup(need.choice or "")
    member = found.found
    assert member is not None, f"the scenario names nobody: {need.person!r}, {need.choice!r}"
    return member


def _asked_for(need: Need, caller: Caller, at: datetime) -> Addressee | None:
    member = asked_for(need)
    if member.former:
        return intake_addressee(Intent.SOMETHING_ELSE, caller, at)
    if member.restricted:
        if need.client is ClientKind.VENDOR:
            return None
        if need.client is ClientKind.MESSAGE:
            return _person(member)
        intent = Intent.NEW_QUOTE if need.client is ClientKind.NEW else Intent.SOMETHING_ELSE
        return intake_addressee(intent, caller, at)
    if need.reason == "service" and member.split is Split.PERSONAL_NEW:
        return intake_addressee(Intent.SOMETHING_ELSE, caller, at)  # "your account manager is"
    return _person(member)


def ending(
    need: Need,
    caller: Caller,
    at: datetime,
    agency: Agency = DEFAULT,
    *,
    transfer_fails: bool = False,
) -> Ending:
    """How a cooperative caller's call with `need` ends at `at`.

    The caller answers every question, leaves a message when asked, and says
    goodbye once answered; `transfer_fails` makes every transfer (and voicemail
    transfer) the telephony tries fail.
    """
    to = addressee(need, caller, at)
    when = status(at)
    if to is None:
        return Ending(OutcomeKind.ANSWERED, notes=(f"{need.intent} is answered at {when}",))
    asked = asked_for(need) if need.intent is Intent.SPECIFIC_AGENT else None
    if asked is not None and asked.restricted and need.client is ClientKind.MESSAGE:
        return Ending(OutcomeKind.MESSAGE, to, notes=("a message for restricted staff",))
    if need.intent is Intent.CLAIMS and when.after_hours:
        return Ending(OutcomeKind.MESSAGE, to, callback=True, notes=("claims callback",))
    if when is Status.LUNCH:
        return Ending(OutcomeKind.MESSAGE, to, callback=True, notes=("lunch: a callback",))
    if when is Status.OPEN:
        live = to.kind == "person" or (to.kind == "group" and agency.group_has_lines(to))
        if live and not transfer_fails:
            return Ending(OutcomeKind.TRANSFER, to, notes=("open: a live transfer",))
        if not live:  # issue 12: nobody to put through live is said plainly, a callback
            return Ending(OutcomeKind.MESSAGE, to, callback=True, notes=("open, not live",))
        return Ending(OutcomeKind.MESSAGE, to, notes=("open, the transfer failed: a message",))
    if to.kind == "person" and agency.voicemail and not transfer_fails:
        return Ending(OutcomeKind.VOICEMAIL, to, notes=("after hours: voicemail",))
    return Ending(OutcomeKind.MESSAGE, to, notes=("after hours: a message",))
