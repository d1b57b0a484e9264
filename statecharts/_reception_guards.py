"""The chart's guards, and what the chart knows: the agency's rules as named predicates.

`Reception` declares states and transitions; the guards it names (`office_open`,
`intake_complete`, `can_transfer_live`, ...) live here, over the caller's record,
the agency's configuration and the office calendar. Nothing here reads a clock or
does I/O. Actions are in `_reception_actions.py`, entry actions in
`_reception_entries.py`.
"""

from __future__ import annotations

from datetime import datetime

from statecharts._agency import AgencyConfig, AlphaSplit, StaffMember
from statecharts._calendar import OfficeMoment, OfficeStatus, office_moment
from statecharts._caller import CallerRecord, Intent, Question
from statecharts._carriers import CarrierMatch, find_carrier
from statecharts._directory import StaffLookup, bilingual_pick, find_staff
from statecharts._effects import (
    Effect,
    MessageKind,
    Outcome,
    Target,
    TargetKind,
)
from statecharts._events import CallerKind, CallerRole, CertificateKind, ReasonKind
from statecharts._questions import intake_question, message_question, pending_question
from statecharts._script import Line

__all__ = ["ReceptionGuards"]


class ReceptionGuards:
    """Guards of the reception chart, and the state they read (mixed into `Reception`)."""

    config: AgencyConfig
    now: datetime
    record: CallerRecord
    effects: list[Effect]
    path: list[str]
    event_log: list[tuple[str, dict[str, object]]]
    said: list[str]
    errors: list[str]
    target: Target | None
    outcome: Outcome | None
    away_count: int
    misses: int
    """Caller turns in a row the receptionist could not use (see `Misses`)."""
    misses_total: int
    """Caller turns in the whole call the receptionist could not use."""
    read_back_phone: bool
    """Spoken calls: a number the caller says is read back, and kept only once confirmed."""
    phone_to_confirm: str | None
    """The number read back to the caller, awaiting their yes or no (digits)."""

    def _start_call(
        self,
        config: AgencyConfig,
        at: datetime,
        record: CallerRecord,
        *,
        read_back_phone: bool = False,
    ) -> None:
        self.config = config
        self.now = at
        self.record = record
        self.effects = []
        self.path = []
        self.event_log = []
        self.said = []
        self.errors = []
        self.target = None
        self.outcome = None
        self.away_count = 0
        self.misses = 0
        self.misses_total = 0
        self._missed = False
        """The event being handled was a miss (set by the miss actions)."""
        self._asked: tuple[Question, tuple[int, ...]] | None = None
        """The question last put to the caller, and the wordings used in its last two
        askings (the latest last)."""
        self._got = ""
        """An acknowledgement of what the caller gave since ("Got it, Sam."), said before
        the same question in other words."""
        self._need_text: str | None = None
        """What the caller said they need, in their words (the message text if one is taken)."""
        self._answered = False
        """The caller's latest need was answered (an email, a carrier's number, ...)."""
        self._closing = False
        """The caller said they are done: after their message, no more offers."""
        self._helped = False
        """The call was moved on once for turns it could not use."""
        self._last_answer: tuple[Line, dict[str, str]] | None = None
        """The last answer line said, and its parameters, for "could you repeat that?"."""
        self.read_back_phone = read_back_phone
        self.phone_to_confirm = None
        self._message_kind = MessageKind.MESSAGE
        self._message_line = Line.MESSAGE_CLOSED
        self._carrier_query: str | None = None
        self._carrier_offered = False
        self._live_person_asked = False
        self._lookups: dict[str, StaffLookup] = {}
        self._person_asked_for: str | None = None
        """Canonical name of the last person asked for by name, restricted or not."""
        self._messages_recorded = 0

    # --- reading the world --------------------------------------------------------------------
    @property
    def moment(self) -> OfficeMoment:
        """The office's status at the chart's instant (computed once per instant)."""
        cached = self.__dict__.get("_moment")
        if cached is None or cached[0] != self.now:
            cached = (self.now, office_moment(self.config.office, self.now))
            self.__dict__["_moment"] = cached
        return cached[1]

    def pending_question(self) -> Question | None:
        """What the receptionist still needs to ask the caller here, if anything.

        A number read back and not yet confirmed comes first: nothing else is asked,
        and nothing moves on, until the caller says whether it is right.
        """
        if self.phone_to_confirm is not None:
            return Question.PHONE_CONFIRMATION
        return pending_question(self.leaf(), self.record)

    def leaf(self) -> str:  # pragma: no cover - provided by Reception
        """The innermost active state's id."""
        raise NotImplementedError

    def _lookup(self, name: str) -> StaffLookup:
        if name not in self._lookups:
            self._lookups[name] = find_staff(self.config, name)
        return self._lookups[name]

    def _person(self, name: str) -> StaffMember | None:
        lookup = self._lookup(name)
        return lookup.matches[0] if lookup.found else None

    # --- guards -------------------------------------------------------------------------------
    def office_open(self) -> bool:
        """Staff are in and not at lunch: the only time a live transfer may happen."""
        return self.moment.status is OfficeStatus.OPEN

    def open_or_at_lunch(self) -> bool:
        """A working day with staff about: claims try the claims group, else take a callback."""
        return self.moment.status in (OfficeStatus.OPEN, OfficeStatus.LUNCH)

    def claim_is_new(self) -> bool:
        """The claim was not already reported in this call (a message about it is under way)."""
        return self.record.call_intent is not Intent.CLAIMS

    def intake_complete(self) -> bool:
        """Name, phone, insurance type and the routing identifier are all collected.

        Complete exactly when no intake question is left, so what is asked and what
        the gate requires can never disagree.
        """
        return intake_question(self.record) is None and self.phone_to_confirm is None

    def can_transfer_live(self) -> bool:
        """Open, with a target that may be transferred to and a destination to dial."""
        target = self.target
        if not self.office_open() or target is None or target.destination is None:
            return False
        if target.kind is TargetKind.PERSON:
            member = next((m for m in self.config.staff if m.name == target.name), None)
            return member is not None and member.transferable
        return target.kind is TargetKind.GROUP

    def voicemail_available(self) -> bool:
        """Closed (not lunch), and the target has a voicemail box configured."""
        closed = self.moment.status in (OfficeStatus.CLOSED, OfficeStatus.HOLIDAY)
        return closed and self.target is not None and self.target.voicemail is not None

    def person_transferable(self, name: str = "") -> bool:
        """The name resolves to exactly one person who may be transferred to."""
        member = self._person(name)
        return member is not None and member.transferable

    def person_ambiguous(self, name: str = "") -> bool:
        """The name fits several people ("Rachel"): ask which one."""
        lookup = self._lookup(name)
        return lookup.ambiguous or len(lookup.matches) > 1

    def person_restricted(self, name: str = "") -> bool:
        """The name is someone the receptionist never transfers to directly."""
        member = self._person(name)
        return member is not None and member.restricted

    def person_former(self, name: str = "") -> bool:
        """The name is someone who no longer works at the agency."""
        member = self._person(name)
        return member is not None and member.former is not None

    def needs_ae_redirect(self, kind: ReasonKind | None = None) -> bool:
        """A sales agent was asked for with a service need: route to the account executive."""
        member = self._person(self.record.requested_agent_name or "")
        return (
            kind is ReasonKind.SERVICE
            and member is not None
            and member.alpha_split is AlphaSplit.PERSONAL_NEW
        )

    def is_vendor(self, kind: CallerKind | None = None) -> bool:
        """The caller asking for restricted staff is a vendor or sales call."""
        return kind is CallerKind.VENDOR

    def bilingual_available(self) -> bool:
        """Open, and a Spanish-speaking team member is free right now."""
        return (
            self.office_open() and bilingual_pick(self.config, self.moment.local.time()) is not None
        )

    def wants_new_certificate(self, kind: CertificateKind | None = None) -> bool:
        """A new certificate request (answered by email), not an existing one."""
        return kind is CertificateKind.NEW

    def wants_existing_certificate(self, kind: CertificateKind | None = None) -> bool:
        """A question about an existing certificate (commercial only: to the CL AE)."""
        return kind is CertificateKind.EXISTING

    def is_bank(self, role: CallerRole | None = None) -> bool:
        """The caller is a bank or mortgage company, not the policyholder."""
        return role is CallerRole.BANK

    def is_policyholder(self, role: CallerRole | None = None) -> bool:
        """The caller is the policyholder (mortgagee changes go in writing)."""
        return role is CallerRole.POLICYHOLDER

    def _carrier_match(self, carrier: str | None) -> CarrierMatch:
        query = carrier or self._carrier_query or ""
        return find_carrier(self.config, query, self.record.insurance_type)

    def carrier_resolved(self, carrier: str | None = None) -> bool:
        """The carrier (and, for split lines, its line) is known: its number can be read."""
        return self._carrier_match(carrier).carrier is not None

    def carrier_needs_line(self, carrier: str | None = None) -> bool:
        """The carrier has separate business and personal claims lines, and the line is unknown."""
        return self._carrier_match(carrier).needs_line

    def message_complete(self) -> bool:
        """Name, phone and a message: enough for staff to call back."""
        return message_question(self.record) is None and self.phone_to_confirm is None

    def claim_needs_carrier(self) -> bool:
        """A claim's callback was taken, and the carrier's 24-hour line was not offered yet.

        Not once the caller has said they are done: their message is taken, they go.
        """
        return (
            self.record.call_intent is Intent.CLAIMS
            and not self._carrier_offered
            and not self._closing
        )

    def no_message_taken(self) -> bool:
        """No message has been stored in this call yet."""
        return self._messages_recorded == 0

    def phone_unconfirmed(self) -> bool:
        """A number was read back to the caller and awaits their yes or no."""
        return self.phone_to_confirm is not None

    def away_again(self) -> bool:
        """The caller was already checked on once and is still silent."""
        return self.away_count >= 1

    # --- never stuck --------------------------------------------------------------------------
    def helped_before(self) -> bool:
        """The call was moved on once already: this time, straight to a person or a message."""
        return self._helped

    def call_answered(self) -> bool:
        """The caller's latest need was answered: an email, a carrier's number, the hours."""
        return self._answered

    # --- nothing a caller leaves is lost ------------------------------------------------------
    def has_callback_number(self) -> bool:
        """A number to call back on: given (or read back, not yet confirmed), or caller ID."""
        r = self.record
        return bool(r.phone_number or self.phone_to_confirm or r.caller_number)

    def need_stated(self) -> bool:
        """The caller said what they need (or whom they want)."""
        r = self.record
        return bool(
            r.call_intent is not None
            or self._need_text
            or r.requested_agent_name
            or r.restricted_agent_name
            or self._person_asked_for
        )

    def callback_owed(self) -> bool:
        """A stated need, not answered, no message yet, and a number: staff must call back."""
        return (
            self.need_stated()
            and not self._answered
            and self._messages_recorded == 0
            and self.has_callback_number()
        )
