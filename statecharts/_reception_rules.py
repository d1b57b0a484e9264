"""The chart's guards and actions: the agency's rules, as named predicates and steps.

`Reception` declares states and transitions; this mixin holds what the
transitions name: guards such as `office_open`, `intake_complete` and
`can_transfer_live`, and actions that update the caller's record and queue the
effects the shell must carry out. Nothing here reads a clock or does I/O.
"""

from __future__ import annotations

from datetime import datetime

from statecharts._agency import AgencyConfig, AlphaSplit, InsuranceLine, StaffMember
from statecharts._calendar import OfficeMoment, OfficeStatus, office_moment
from statecharts._caller import INTAKE_INTENTS, CallerRecord, Intent, Question
from statecharts._carriers import CarrierMatch, find_carrier
from statecharts._decisions import (
    claims_target,
    intake_target,
    office_target,
    payments_target,
    person_target,
)
from statecharts._directory import StaffLookup, bilingual_pick, find_staff
from statecharts._effects import (
    Effect,
    EndCall,
    Message,
    MessageKind,
    Outcome,
    OutcomeKind,
    RecordMessage,
    Say,
    Target,
    TargetKind,
    Transfer,
    TransferToVoicemail,
)
from statecharts._events import CallerKind, CallerRole, CertificateKind, ReasonKind, RedirectTopic
from statecharts._questions import pending_question
from statecharts._script import ONCE_PER_CALL, UNINTERRUPTIBLE, Line, question_text, render
from statecharts._speech import digits_for_speech
from statecharts._text import phone_last_four

__all__ = ["ReceptionRules"]

_REDIRECT_LINES = {
    RedirectTopic.INSTRUCTIONS: Line.INSTRUCTIONS_REDIRECT,
    RedirectTopic.ROLE_PLAY: Line.INSTRUCTIONS_REDIRECT,
    RedirectTopic.OTHER_CALLERS: Line.OTHER_CALLERS_REDIRECT,
    RedirectTopic.POLICY_DETAILS: Line.POLICY_DETAILS_REDIRECT,
}

_DETAIL_FIELDS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "last_name_spelled": "last_name_spelled",
    "phone": "phone_number",
    "business_name": "business_name",
    "message": "message",
}


class ReceptionRules:
    """Guards and actions of the reception chart (mixed into `Reception`)."""

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

    def _start_call(self, config: AgencyConfig, at: datetime, record: CallerRecord) -> None:
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
        """The office's status at the chart's instant."""
        return office_moment(self.config.office, self.now)

    def take_effects(self) -> list[Effect]:
        """Hand the queued effects to the shell, in order, and clear the queue."""
        taken, self.effects = self.effects, []
        return taken

    def pending_question(self) -> Question | None:
        """What the receptionist still needs to ask the caller here, if anything."""
        return pending_question(self.leaf(), self.record)

    def leaf(self) -> str:  # pragma: no cover - provided by Reception
        """The innermost active state's id."""
        raise NotImplementedError

    def _say(self, line: Line, **params: str) -> None:
        if line in ONCE_PER_CALL and line in self.said:
            return
        self.said.append(line)
        text = render(line, self.config, self.moment, **params)
        self.effects.append(Say(line.value, text, interruptible=line not in UNINTERRUPTIBLE))

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

    def intake_complete(self) -> bool:
        """Name, phone, insurance type and the routing identifier are all collected."""
        r = self.record
        has_last = bool(r.last_name or r.last_name_spelled)
        return (
            bool(r.first_name and has_last and r.phone_number and r.insurance_type)
            and r.has_insurance_identifier()
        )

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
        r = self.record
        return bool(r.first_name and r.phone_number and r.message)

    def claim_needs_carrier(self) -> bool:
        """A claim's callback was taken, and the carrier's 24/7 line has not been offered yet."""
        return self.record.call_intent is Intent.CLAIMS and not self._carrier_offered

    def no_message_taken(self) -> bool:
        """No message has been stored in this call yet."""
        return self._messages_recorded == 0

    def away_again(self) -> bool:
        """The caller was already checked on once and is still silent."""
        return self.away_count >= 1

    # --- actions: triage ----------------------------------------------------------------------
    def start_intake(self, intent: Intent, summary: str | None = None) -> None:
        """Start (or correct) the standard intake for a service intent."""
        self.record.call_intent = intent
        if intent is Intent.NEW_QUOTE:
            self.record.pending_ae_redirect = False  # new business after all: the sales agent
        if summary:
            self.record.add_note(summary)
        self._say(Line.CANCELLATION_ACK if intent is Intent.CANCELLATION else Line.INTAKE_ACK)

    def start_live_person(self) -> None:
        """A live person was asked for: collect what's needed to reach the right one."""
        self._live_person_asked = True
        if self.record.call_intent not in INTAKE_INTENTS:
            self.record.call_intent = Intent.SOMETHING_ELSE  # a new need, not an answered one
        self._say(Line.LIVE_PERSON)

    def insist_live_person(self) -> None:
        """A second request for a live person: explain the quickest way."""
        self._say(Line.LIVE_PERSON_INSIST if self._live_person_asked else Line.LIVE_PERSON)
        self._live_person_asked = True

    def choose_person(self, name: str) -> None:
        """Screen a by-name request: "what is this in reference to?"."""
        member = self._person(name)
        assert member is not None  # the guard found exactly one
        self.record.call_intent = Intent.SPECIFIC_AGENT
        self.record.specific_agent_name = name
        self.record.requested_agent_name = member.name
        self._person_asked_for = member.name
        self._say(Line.PERSON_SCREENING, name=member.spoken_name)

    def offer_choices(self, name: str) -> None:
        """Several people fit the name: list them and ask which one."""
        spoken = [m.name for m in self._lookup(name).matches]
        listed = ", ".join(spoken[:-1]) + f" and {spoken[-1]}" if len(spoken) > 1 else spoken[0]
        self.record.specific_agent_name = name
        self._say(Line.PERSON_AMBIGUOUS, name=listed)

    def explain_restricted(self, name: str) -> None:
        """A restricted person: never transferred; ask the three-way question."""
        member = self._person(name)
        assert member is not None
        self.record.specific_agent_name = name
        self.record.restricted_agent_name = member.name
        self._person_asked_for = member.name
        self._say(Line.PERSON_RESTRICTED, name=member.spoken_name)

    def explain_former(self, name: str) -> None:
        """A former staff member: say so, then help through the standard intake."""
        member = self._person(name)
        assert member is not None
        self.record.specific_agent_name = name
        self.record.call_intent = Intent.SOMETHING_ELSE
        self._say(Line.PERSON_FORMER, status=member.status_message or "")

    def person_not_found(self, name: str) -> None:
        """Nobody by that name: ask the caller to double-check."""
        self._say(Line.PERSON_NOT_FOUND)

    def start_ae_redirect(self, reason: str) -> None:
        """A sales agent asked for with a service need: intake, then the account executive."""
        self.record.pending_ae_redirect = True
        self.record.call_intent = Intent.SOMETHING_ELSE
        self.record.add_note(reason)

    def route_to_person(self, reason: str) -> None:
        """Route to the person the caller asked for, with their reason noted for staff."""
        member = self._person(self.record.requested_agent_name or "")
        self.record.add_note(reason)
        self.target = person_target(self.config, member, "requested") if member else None

    def answer_vendor(self) -> None:
        """Vendors and sales calls go by email."""
        self._say(Line.VENDOR_EMAIL)

    def start_client_intake(self, kind: CallerKind) -> None:
        """A client asking for restricted staff: new business or service intake."""
        if kind is CallerKind.NEW_CLIENT:
            self.record.call_intent = Intent.NEW_QUOTE
            self._say(Line.NEW_CLIENT_ACK)
        else:
            self.record.call_intent = Intent.SOMETHING_ELSE
            self._say(Line.EXISTING_CLIENT_ACK)

    def route_appointment(self) -> None:
        """Appointments go to the payments/appointments ring group; never booked by us."""
        self.record.call_intent = Intent.APPOINTMENT
        self.record.add_note("Appointment scheduling request")
        self.target = payments_target(self.config) or office_target(self.config)
        self._say(Line.APPOINTMENT if self.office_open() else Line.APPOINTMENT_CLOSED)

    def route_spanish(self) -> None:
        """A Spanish speaker: the first free bilingual team member."""
        member = bilingual_pick(self.config, self.moment.local.time())
        assert member is not None
        self.record.call_intent = Intent.SPANISH_SPEAKER
        self.record.add_note("Spanish-speaking caller")
        self.target = person_target(self.config, member, "bilingual")
        self._say(Line.SPANISH_WAIT)

    def spanish_fallback(self) -> None:
        """Nobody bilingual is free: hours, email and a Spanish apology, then goodbye."""
        self.record.call_intent = Intent.SPANISH_SPEAKER
        self._say(Line.SPANISH_FALLBACK)
        self.outcome = Outcome(OutcomeKind.ANSWERED)

    def route_intake(self) -> None:
        """The intake is complete: pick the target the rules give."""
        status = self.moment.status
        after_hours = status in (OfficeStatus.CLOSED, OfficeStatus.HOLIDAY)
        self.target = intake_target(
            self.config, self.record, self.moment.local.time(), after_hours=after_hours
        )
        redirected = (
            self.record.pending_ae_redirect and self.record.call_intent is not Intent.NEW_QUOTE
        )
        if redirected and self.target is not None and self.office_open():
            self._say(Line.AE_REDIRECT, name=self.target.spoken_name)

    def explain_message(self) -> None:
        """No live transfer: say why, and take a message (a callback at lunch)."""
        status = self.moment.status
        if self.target is None:
            self.target = office_target(self.config)
        if status is OfficeStatus.LUNCH:
            self._message_kind, self._message_line = MessageKind.CALLBACK, Line.MESSAGE_LUNCH
        elif status is OfficeStatus.OPEN:
            self._message_kind = MessageKind.TRANSFER_FAILED
            self._message_line = Line.MESSAGE_TRANSFER_FAILED
        else:
            self._message_kind, self._message_line = MessageKind.MESSAGE, Line.MESSAGE_CLOSED

    def start_requested_message(self) -> None:
        """The caller asked to leave a message (for restricted staff, say)."""
        name = self._person_asked_for
        member = next((m for m in self.config.staff if m.name == name), None)
        self.target = (
            person_target(self.config, member, "message") if member else office_target(self.config)
        )
        self._message_kind, self._message_line = MessageKind.MESSAGE, Line.MESSAGE_REQUESTED

    # --- actions: claims ----------------------------------------------------------------------
    def start_claim(self, carrier: str | None = None) -> None:
        """One empathy line, said once, by whoever first hears the claim."""
        self.record.call_intent = Intent.CLAIMS
        if carrier:
            self._carrier_query = carrier  # said with the claim: never asked for again
        self.target = claims_target(self.config)
        self._say(Line.CLAIM_EMPATHY)

    def give_carrier(self, carrier: str | None = None) -> None:
        """Read the carrier's 24/7 claims number, digit by digit."""
        match = self._carrier_match(carrier)
        assert match.carrier is not None
        self.record.carrier = match.carrier.name
        self.record.add_note(f"Carrier: {match.carrier.name}")
        self._say(
            Line.CARRIER_NUMBER,
            name=match.carrier.family or match.carrier.name,
            digits=digits_for_speech(match.carrier.claims_phone),
        )

    def ask_carrier_line(self, carrier: str | None = None) -> None:
        """Split-line carrier with no known line: keep the name, ask business or personal."""
        self._carrier_query = carrier or self._carrier_query
        self._say(Line.CARRIER_LINE_QUESTION)

    def carrier_not_found(self, carrier: str | None = None) -> None:
        """No number for that carrier (or the caller doesn't know it): the insurance card."""
        match = self._carrier_match(carrier) if carrier else None
        if match is not None and len(match.candidates) > 1:
            names = [c.name for c in match.candidates]
            self._say(Line.CARRIER_AMBIGUOUS, name=" and ".join(names))
            return
        self._say(Line.CARRIER_NOT_FOUND)

    def callback_already_requested(self) -> None:
        """The caller's message is already with staff: say so rather than take it twice."""
        self._say(Line.CALLBACK_ALREADY, last4=phone_last_four(self.record.phone_number or ""))

    def start_claims_callback(self) -> None:
        """The caller asked for a callback about their claim."""
        self.target = claims_target(self.config)
        self._message_kind, self._message_line = MessageKind.CALLBACK, Line.MESSAGE_REQUESTED

    # --- actions: certificates, mortgagee -----------------------------------------------------
    def start_existing_certificate(self) -> None:
        """Existing certificates are commercial only: the business's account executive."""
        self.record.call_intent = Intent.CERTIFICATES
        self.record.insurance_type = InsuranceLine.BUSINESS
        self.record.add_note("Existing certificate issue")
        self._say(Line.CERTIFICATE_EXISTING)

    def answered(self) -> None:
        """The bank caller had their one complete answer: the call ends."""
        self.record.call_intent = self.record.call_intent or Intent.BANK_CALLER
        self.outcome = self.outcome or Outcome(OutcomeKind.ANSWERED)

    # --- actions: transfers and messages ------------------------------------------------------
    def transferred(self) -> None:
        """The live transfer connected."""
        self.outcome = Outcome(OutcomeKind.TRANSFER, self.target)

    def voicemail_left(self) -> None:
        """The caller was put through to voicemail."""
        self.outcome = Outcome(OutcomeKind.VOICEMAIL, self.target)

    def transfer_did_not_connect(self, reason: str | None = None) -> None:
        """A failed transfer becomes a message for the intended person or group."""
        self.record.add_note(f"Transfer failed: {reason}" if reason else "Transfer failed")
        self._message_kind = MessageKind.TRANSFER_FAILED
        self._message_line = Line.MESSAGE_TRANSFER_FAILED

    # --- actions: anywhere --------------------------------------------------------------------
    def take_details(self, **details: object) -> None:
        """Keep what the caller told us; a value may be corrected, never erased."""
        r = self.record
        for key, attribute in _DETAIL_FIELDS.items():
            value = details.get(key)
            if isinstance(value, str):
                setattr(r, attribute, value)
        kind = details.get("insurance_type")
        if isinstance(kind, InsuranceLine):
            r.insurance_type = kind

    def answer_hours(self) -> None:
        """Hours and address, from the configuration, never from memory."""
        self._say(Line.HOURS_LOCATION)

    def answer_services(self) -> None:
        """The lines of insurance the agency offers."""
        self._say(Line.SERVICES)

    def answer_redirect(self, topic: RedirectTopic) -> None:
        """Politely decline and steer back to insurance help."""
        self._say(_REDIRECT_LINES.get(topic, Line.REDIRECT))

    def wrap_up(self) -> None:
        """The caller is done: a warm goodbye."""
        self._say(Line.WRAP_UP)
        self.outcome = self.outcome or Outcome(OutcomeKind.ANSWERED)

    def caller_hung_up(self) -> None:
        """The caller hung up; whatever was recorded stays recorded."""
        self._keep_unfinished_message()
        self.outcome = self.outcome or Outcome(OutcomeKind.HUNG_UP)

    def _keep_unfinished_message(self) -> None:
        """A caller who leaves mid-message has still left their details: store them."""
        r = self.record
        # `on` actions run after the old states were exited: the path still names them.
        leaving = self.path[-1] if self.path else ""
        if leaving != "after_hours.taking_message" or not (r.first_name and r.phone_number):
            return
        text = r.message or "The caller hung up before leaving a message."
        self._messages_recorded += 1
        self.effects.append(RecordMessage(self._message(self._message_kind, text)))
        self.outcome = Outcome(OutcomeKind.MESSAGE, self.target)

    def check_in(self) -> None:
        """First silence: check the caller is still there and repeat the question."""
        self.away_count += 1
        question = self.pending_question()
        text = f" {question_text(question)}" if question else ""
        self.effects.append(Say(Line.CHECK_IN.value, f"Are you still there?{text}"))
        self.said.append(Line.CHECK_IN)

    def silence_goodbye(self) -> None:
        """Still silent after the check-in: end the call politely."""
        self._keep_unfinished_message()
        self._say(Line.SILENCE_GOODBYE)
        self.outcome = self.outcome or Outcome(OutcomeKind.HUNG_UP)

    def end_on_error(self, error: Exception | None = None) -> None:
        """An internal error: record a callback message with what we have, then end safely."""
        self.errors.append(repr(error))
        self.effects.append(
            RecordMessage(self._message(MessageKind.ERROR, "Call ended on an error"))
        )
        self._say(Line.ERROR_GOODBYE)
        self.outcome = self.outcome or Outcome(OutcomeKind.MESSAGE, self.target)

    # --- entering states: what the shell must do ----------------------------------------------
    def on_enter_greeting(self) -> None:
        """The greeting for the office's status (open, lunch, closed or holiday)."""
        status = self.moment.status
        line = {
            OfficeStatus.OPEN: Line.GREETING_OPEN,
            OfficeStatus.LUNCH: Line.GREETING_LUNCH,
        }.get(status, Line.GREETING_CLOSED)
        self._say(line)

    def on_enter_carrier_question(self) -> None:
        """Offer the carrier's 24/7 claims line (without asking for a carrier already named)."""
        after_message = "yes" if self._carrier_offered is False and self.record.message else "no"
        self._carrier_offered = True
        named = self._carrier_query
        self._say(
            Line.CLAIMS_CARRIER_QUESTION,
            after_message=after_message,
            ask="no" if named else "yes",
        )
        match = self._carrier_match(None) if named else None
        if match is not None and match.carrier is None and not match.needs_line:
            self.carrier_not_found(named)  # said, but not one we have a number for

    def on_enter_certificate_kind_question(self) -> None:
        """New certificate, or an existing one?"""
        self.record.call_intent = Intent.CERTIFICATES
        self._say(Line.CERTIFICATE_KIND_QUESTION)

    def on_enter_certificate_emailed(self) -> None:
        """New certificates: the certificate email, the app and the portal."""
        self.record.call_intent = Intent.CERTIFICATES
        self._say(Line.CERTIFICATE_NEW)

    def on_enter_lender_question(self) -> None:
        """Mortgagee requests: bank, or policyholder?"""
        self.record.call_intent = Intent.MORTGAGEE_LIENHOLDERS
        self._say(Line.LENDER_QUESTION)

    def on_enter_in_writing(self) -> None:
        """Policyholders: mortgagee changes go in writing to the general email."""
        self.record.call_intent = Intent.MORTGAGEE_LIENHOLDERS
        self._say(Line.MORTGAGEE_IN_WRITING)

    def on_enter_bank_answer(self) -> None:
        """The bank caller's one complete answer, whole and uninterruptible."""
        self.record.call_intent = self.record.call_intent or Intent.BANK_CALLER
        if self.record.call_intent is Intent.MORTGAGEE_LIENHOLDERS:
            self.record.call_intent = Intent.BANK_CALLER
        self._say(Line.BANK_ANSWER)

    def on_enter_transfer(self) -> None:
        """The transfer and hold line, said once and whole, then the transfer itself."""
        target = self.target
        assert target is not None  # can_transfer_live checked it
        self.record.assigned_agent = target.name
        if target.reason == "claims":
            self._say(Line.TRANSFER_CLAIMS)
        elif target.kind is TargetKind.GROUP:
            self._say(Line.TRANSFER_GROUP)
        else:
            self._say(Line.TRANSFER, name=target.spoken_name)
        self.effects.append(Transfer(target))

    def on_enter_voicemail(self) -> None:
        """After hours, to the account executive's voicemail box."""
        target = self.target
        assert target is not None  # voicemail_available checked it
        self.record.assigned_agent = target.name
        self._say(Line.VOICEMAIL, name=target.spoken_name)
        self.effects.append(TransferToVoicemail(target))

    def on_enter_taking_message(self) -> None:
        """Say why a message is being taken; an earlier message is stored, so ask afresh."""
        if self._messages_recorded:
            self.record.message = None
        target = self.target or office_target(self.config)
        self.target = target
        if target.kind is TargetKind.PERSON:
            self.record.assigned_agent = target.name
        self._say(
            self._message_line, name=target.spoken_name if target.kind is TargetKind.PERSON else ""
        )

    def on_enter_message_recorded(self) -> None:
        """Store the message first, then tell the caller it was taken."""
        target = self.target
        self._messages_recorded += 1
        self.effects.append(
            RecordMessage(self._message(self._message_kind, self.record.message or ""))
        )
        spoken = target.spoken_name if target and target.kind is TargetKind.PERSON else ""
        self._say(
            Line.MESSAGE_TAKEN, name=spoken, last4=phone_last_four(self.record.phone_number or "")
        )
        if self.outcome is None or self.outcome.kind is not OutcomeKind.TRANSFER:
            self.outcome = Outcome(OutcomeKind.MESSAGE, target)

    def on_enter_ended(self) -> None:
        """The call is over: hang up after the last line."""
        self.outcome = self.outcome or Outcome(OutcomeKind.HUNG_UP)
        self.effects.append(EndCall(self.outcome))

    def _message(self, kind: MessageKind, text: str) -> Message:
        r = self.record
        return Message(
            kind=kind,
            for_target=self.target,
            caller_name=r.name,
            phone_number=r.phone_number,
            insurance_type=r.insurance_type.value if r.insurance_type else None,
            identifier=r.identifier,
            intent=r.call_intent,
            text=text,
            notes=r.additional_notes,
        )
