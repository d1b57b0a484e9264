"""The chart's actions: updating the caller's record and queuing what the shell must do.

Each action is named by a transition of `Reception` (`on=...`). Actions change the
caller's record, choose routing targets by the agency's rules, and append effects
(lines to say, messages to store) to the queue the orchestrator drains.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from statecharts._agency import InsuranceLine
from statecharts._calendar import OfficeStatus
from statecharts._caller import INTAKE_INTENTS, Intent, Question
from statecharts._decisions import (
    claims_target,
    heading_target,
    intake_target,
    office_target,
    payments_target,
    person_target,
)
from statecharts._directory import bilingual_pick
from statecharts._effects import (
    Effect,
    MessageKind,
    Outcome,
    OutcomeKind,
    Say,
    Target,
)
from statecharts._events import CallerKind, Confirmation, RedirectTopic
from statecharts._questions import intake_question
from statecharts._reception_guards import ReceptionGuards
from statecharts._script import ONCE_PER_CALL, UNINTERRUPTIBLE, Line, render
from statecharts._speech import digits_for_speech, phone_read_back
from statecharts._spoken import digit_words
from statecharts._text import phone_last_four

__all__ = ["ReceptionActions"]

_REDIRECT_LINES = {
    RedirectTopic.INSTRUCTIONS: Line.INSTRUCTIONS_REDIRECT,
    RedirectTopic.ROLE_PLAY: Line.INSTRUCTIONS_REDIRECT,
    RedirectTopic.OTHER_CALLERS: Line.OTHER_CALLERS_REDIRECT,
    RedirectTopic.POLICY_DETAILS: Line.POLICY_DETAILS_REDIRECT,
}

REPEATABLE = frozenset(
    {
        Line.CARRIER_NUMBER,
        Line.CARRIER_NOT_FOUND,
        Line.CERTIFICATE_NEW,
        Line.MORTGAGEE_IN_WRITING,
        Line.VENDOR_EMAIL,
        Line.HOURS_LOCATION,
        Line.HOURS_LOCATION_AGAIN,
        Line.SERVICES,
        Line.SERVICES_AGAIN,
    }
)
"""Answers a caller may ask to hear again ("could you repeat that?")."""

STUCK_FROM = frozenset(
    {
        "listening",
        "intake",
        "which_person",
        "person_reason",
        "restricted_question",
        "certificate_kind_question",
        "lender_question",
        "carrier_question",
        "carrier_line_question",
        "carrier_given",
        "taking_message",
    }
)
"""Where a caller turn can be a miss that moves the call on (the chart's `stuck` sources)."""

_DETAIL_FIELDS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "last_name_spelled": "last_name_spelled",
    "phone": "phone_number",
    "business_name": "business_name",
    "message": "message",
}


class ReceptionActions(ReceptionGuards):
    """Actions of the reception chart (mixed into `Reception`)."""

    def take_effects(self) -> list[Effect]:
        """Hand the queued effects to the shell, in order, and clear the queue."""
        taken, self.effects = self.effects, []
        return taken

    def _say(self, line: Line, **params: str) -> None:
        if line in ONCE_PER_CALL and line in self.said:
            return
        self.said.append(line)
        text = render(line, self.config, self.moment, **params)
        self.effects.append(Say(line.value, text, interruptible=line not in UNINTERRUPTIBLE))
        self.heard_agent(text)  # a line that asks a question puts it to the caller
        if line in REPEATABLE:
            self._last_answer = (line, params)

    def _miss(self, landing: str | None = None) -> bool:
        """This caller turn could not be used: count it; True when the call must move on.

        Once the agency's patience is spent (`Misses`: in a row, or in the call), the
        internal `stuck` event moves the call on instead of asking again, from where
        the transition lands (`landing`, a leaf id; by default where the call is).
        """
        self._missed = True
        self.misses += 1
        self.misses_total += 1
        limits = self.config.misses
        spent = self.misses >= limits.in_a_row or self.misses_total >= limits.per_call
        if spent and (landing or self.leaf()) in STUCK_FROM:
            self.raise_("stuck")
            return True
        return False

    def _same_again(
        self,
        landing: str,
        question: Question | None,
        line: Line = Line.ASK_AGAIN,
        **params: str,
    ) -> None:
        """The caller said again what they said before: a miss, and no explanation again.

        While the agency's patience lasts, the question that is still open is put in
        other words (after `line`'s short reminder, if any; the explanation is not
        repeated word for word); after that the call moves on.
        """
        if not self._miss(landing) and question is not None:
            self._say(line, question=self._ask(question), **params)

    def heard_agent(self, text: str) -> None:  # pragma: no cover - see ReceptionMisses
        """Note the question `text` puts to the caller (defined with the misses)."""
        raise NotImplementedError

    def _ask(self, question: Question) -> str:  # pragma: no cover - see ReceptionMisses
        """Words for `question`, in other words if just asked (defined with the misses)."""
        raise NotImplementedError

    if TYPE_CHECKING:  # provided by StateChart, which comes after the mixins

        def raise_(
            self,
            event: str,
            *args: Any,
            delay: float | None = None,
            send_id: str | None = None,
            **kwargs: Any,
        ) -> Any:
            """Queue an internal event, handled before this one finishes."""

    def _need(self, text: str | None = None) -> None:
        """The caller states a (new) need: it is not answered yet; keep their words."""
        self._answered = False
        if text:
            self._need_text = text

    def _answer(self) -> None:
        """The caller's need was answered by the receptionist itself."""
        self._answered = True

    def _callback_number(self) -> str | None:
        """The number to call back: given (or read back, awaiting a yes), else the line's."""
        r = self.record
        return r.phone_number or self.phone_to_confirm or r.caller_number

    def _last4(self) -> str:
        """The callback number's last four digits, said one by one."""
        return digit_words(phone_last_four(self._callback_number() or ""))

    def _heading(self) -> Target:
        """Where the call is heading from what is known so far (for a message or a callback)."""
        r = self.record
        # A sales agent asked for with a service need, or a restricted person whose caller
        # went through the intake instead: the call is no longer for that person.
        name = None if r.pending_ae_redirect else r.requested_agent_name or self._person_asked_for
        member = next((m for m in self.config.staff if m.name == name), None) if name else None
        closed = self.moment.status in (OfficeStatus.CLOSED, OfficeStatus.HOLIDAY)
        return heading_target(
            self.config, self.record, self.moment.local.time(), person=member, after_hours=closed
        )

    # --- actions: triage ----------------------------------------------------------------------
    def start_intake(self, intent: Intent, summary: str | None = None) -> None:
        """Start (or correct) the standard intake for a service intent.

        The same need said again moves nothing: a miss (see `Misses`).
        """
        if intent is self.record.call_intent and self._miss("intake"):
            return
        self._need(summary)
        self.record.call_intent = intent
        if intent is Intent.NEW_QUOTE:
            self.record.pending_ae_redirect = False  # new business after all: the sales agent
        if summary:
            self.record.add_note(summary)
        self._say(Line.CANCELLATION_ACK if intent is Intent.CANCELLATION else Line.INTAKE_ACK)

    def start_live_person(self) -> None:
        """A live person was asked for: collect what's needed to reach the right one."""
        self._live_person_asked = True
        self._need()
        if self.record.call_intent not in INTAKE_INTENTS:
            self.record.call_intent = Intent.SOMETHING_ELSE  # a new need, not an answered one
        self._say(Line.LIVE_PERSON)

    def insist_live_person(self) -> None:
        """A second request for a live person: explain the quickest way (a miss: no progress)."""
        if self._miss():
            return
        self._say(Line.LIVE_PERSON_INSIST if self._live_person_asked else Line.LIVE_PERSON)
        self._live_person_asked = True

    def choose_person(self, name: str) -> None:
        """Screen a by-name request: "what is this in reference to?"."""
        member = self._person(name)
        assert member is not None  # the guard found exactly one
        if member.name == self._person_asked_for:
            self._same_again("person_reason", Question.REASON)
            return
        self._need()
        self.record.call_intent = Intent.SPECIFIC_AGENT
        self.record.specific_agent_name = name
        self.record.requested_agent_name = member.name
        self._person_asked_for = member.name
        live = self.office_open() and person_target(self.config, member).destination is not None
        line = Line.PERSON_SCREENING if live else Line.PERSON_SCREENING_MESSAGE
        self._say(line, name=member.first_name, question=self._ask(Question.REASON))

    def offer_choices(self, name: str) -> None:
        """Several people fit the name: list them and ask which one."""
        spoken = [m.name for m in self._lookup(name).matches]
        if self._person_asked_for in spoken:  # by a name that fits several: no progress
            self._same_again("which_person", Question.WHICH_PERSON)
            return
        listed = ", ".join(spoken[:-1]) + f" and {spoken[-1]}" if len(spoken) > 1 else spoken[0]
        self.record.specific_agent_name = name
        self.record.call_intent = self.record.call_intent or Intent.SPECIFIC_AGENT
        self._need()
        self._say(Line.PERSON_AMBIGUOUS, name=listed, question=self._ask(Question.WHICH_PERSON))

    def explain_restricted(self, name: str) -> None:
        """A restricted person: never transferred; ask the three-way question."""
        member = self._person(name)
        assert member is not None
        if member.name in (self._person_asked_for, self.record.restricted_agent_name):
            # also once the intake took over: asked for again, it is still the same answer
            self._same_again(
                "restricted_question",
                Question.CALLER_KIND,
                Line.PERSON_RESTRICTED_AGAIN,
                name=member.first_name,
            )
            return
        self.record.specific_agent_name = name
        self.record.restricted_agent_name = member.name
        self._person_asked_for = member.name
        self._need()
        self._say(
            Line.PERSON_RESTRICTED, name=member.first_name, question=self._ask(Question.CALLER_KIND)
        )

    def explain_former(self, name: str) -> None:
        """A former staff member: say so, then help through the standard intake."""
        member = self._person(name)
        assert member is not None
        if self.record.specific_agent_name == name:
            self._same_again("intake", intake_question(self.record))
            return
        self.record.specific_agent_name = name
        self.record.call_intent = Intent.SOMETHING_ELSE
        self._need()
        self._say(Line.PERSON_FORMER, status=member.status_message or "")

    def person_not_found(self, name: str) -> None:
        """Nobody by that name: ask the caller to double-check (a miss: no progress)."""
        if not self._miss():
            self._say(Line.PERSON_NOT_FOUND)

    def start_ae_redirect(self, reason: str) -> None:
        """A sales agent asked for with a service need: intake, then the account executive.

        The same redirect again (the caller went round to the same person and reason)
        moves nothing: a miss.
        """
        if self.record.pending_ae_redirect and self._miss("intake"):
            return
        self.record.pending_ae_redirect = True
        self.record.call_intent = Intent.SOMETHING_ELSE
        self._need(reason)
        self.record.add_note(reason)

    def route_to_person(self, reason: str) -> None:
        """Route to the person the caller asked for, with their reason noted for staff."""
        member = self._person(self.record.requested_agent_name or "")
        self._need(reason)
        self.record.add_note(reason)
        self.target = person_target(self.config, member, "requested") if member else None

    def answer_vendor(self) -> None:
        """Vendors and sales calls go by email."""
        self._answer()
        self._say(Line.VENDOR_EMAIL)

    def start_client_intake(self, kind: CallerKind) -> None:
        """A client asking for restricted staff: new business or service intake."""
        self._person_asked_for = None  # the intake decides who; the record keeps the name
        if kind is CallerKind.NEW_CLIENT:
            self.record.call_intent = Intent.NEW_QUOTE
            self._say(Line.NEW_CLIENT_ACK)
        else:
            self.record.call_intent = Intent.SOMETHING_ELSE
            self._say(Line.EXISTING_CLIENT_ACK)

    def route_appointment(self) -> None:
        """Appointments go to the payments/appointments ring group; never booked by us."""
        self._need()
        self.record.call_intent = Intent.APPOINTMENT
        self.record.add_note("Appointment scheduling request")
        self.target = payments_target(self.config) or office_target(self.config)
        self._say(Line.APPOINTMENT if self.can_transfer_live() else Line.APPOINTMENT_CLOSED)

    def route_spanish(self) -> None:
        """A Spanish speaker: the first free bilingual team member."""
        member = bilingual_pick(self.config, self.moment.local.time())
        assert member is not None
        self._need()
        self.record.call_intent = Intent.SPANISH_SPEAKER
        self.record.add_note("Spanish-speaking caller")
        self.target = person_target(self.config, member, "bilingual")
        self._say(Line.SPANISH_WAIT)

    def spanish_fallback(self) -> None:
        """Nobody bilingual is free: hours, email and a Spanish apology, then goodbye."""
        self.record.call_intent = Intent.SPANISH_SPEAKER
        self._answer()
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
        """No live transfer: say plainly why, and take a message (a callback at lunch).

        An apology for a failed transfer is said only after one was tried
        (`transfer_did_not_connect`); here nobody could take the call live.
        """
        status = self.moment.status
        if self.target is None:
            self.target = self._heading()
        if status is OfficeStatus.LUNCH:
            self._message_kind, self._message_line = MessageKind.CALLBACK, Line.MESSAGE_LUNCH
        elif status is OfficeStatus.OPEN:
            self._message_kind, self._message_line = MessageKind.CALLBACK, Line.MESSAGE_NOT_LIVE
        else:
            self._message_kind, self._message_line = MessageKind.MESSAGE, Line.MESSAGE_CLOSED

    # --- actions: claims ----------------------------------------------------------------------
    def start_claim(self, carrier: str | None = None, summary: str | None = None) -> None:
        """One empathy line, said once, by whoever first hears the claim.

        What happened, in the caller's words, is the message if one is taken.
        """
        self._need(summary)
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
        self._answer()
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
        """No number for that carrier (or the caller doesn't know it): the insurance card.

        A miss: the call is where it was, so the turns it can take are counted.
        """
        if not self._miss():
            self._no_carrier_number(carrier)

    def _no_carrier_number(self, carrier: str | None) -> None:
        match = self._carrier_match(carrier) if carrier else None
        if match is not None and len(match.candidates) > 1:
            names = [c.name for c in match.candidates]
            self._say(Line.CARRIER_AMBIGUOUS, name=" and ".join(names))
            return
        self._say(Line.CARRIER_NOT_FOUND)

    def callback_already_requested(self) -> None:
        """The caller's message is already with staff: say so rather than take it twice."""
        name = self.target.spoken_name if self.target else ""
        self._say(Line.CALLBACK_ALREADY, name=name, last4=self._last4())

    def start_claims_callback(self) -> None:
        """The caller asked for a callback about their claim."""
        self.target = claims_target(self.config)
        self._message_kind, self._message_line = MessageKind.CALLBACK, Line.MESSAGE_REQUESTED

    # --- actions: certificates, mortgagee -----------------------------------------------------
    def start_existing_certificate(self) -> None:
        """Existing certificates are commercial only: the business's account executive."""
        self._need()
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
        """Keep what the caller told us; a value may be corrected, never erased.

        Details that fill no empty field (the same name again, a correction) move the
        call nowhere: a miss, so a caller repeating themselves cannot keep it in place.
        """
        r = self.record
        new = False
        for key, attribute in _DETAIL_FIELDS.items():
            value = details.get(key)
            if not isinstance(value, str):
                continue
            new = new or not getattr(r, attribute)
            if key == "phone" and self.read_back_phone:
                self._read_back(value)
            else:
                setattr(r, attribute, value)
        kind = details.get("insurance_type")
        if isinstance(kind, InsuranceLine):
            new = new or r.insurance_type is None
            r.insurance_type = kind
        first = details.get("first_name")
        self._got = f"Got it, {first}." if isinstance(first, str) else "Got it."
        if not new:
            self._miss()

    def _read_back(self, phone: str) -> None:
        """Spoken calls: read a new number back; it is kept once the caller confirms it."""
        if phone == self.record.phone_number and self.phone_to_confirm is None:
            return  # the number already confirmed, said again
        self.phone_to_confirm = phone
        self._say(Line.PHONE_READ_BACK, digits=phone_read_back(phone))

    def confirm_phone_answer(self, answer: Confirmation) -> None:
        """Yes keeps the number read back; no drops it and asks for it again.

        A no leaves the call where it was: a miss, so a number that never comes out
        right cannot hold the call (the agency's patience then moves it on).
        """
        phone, self.phone_to_confirm = self.phone_to_confirm, None
        if answer is Confirmation.YES:
            self.record.phone_number = phone
        elif not self._miss():
            self._say(Line.PHONE_AGAIN)

    def answer_hours(self) -> None:
        """Hours and address, from the configuration, never from memory.

        Asked again straight after ("and where are you?"), in other words.
        """
        self._answer_again_or(Line.HOURS_LOCATION, Line.HOURS_LOCATION_AGAIN)

    def answer_services(self) -> None:
        """The lines of insurance the agency offers (in other words if just said)."""
        self._answer_again_or(Line.SERVICES, Line.SERVICES_AGAIN)

    def _answer_again_or(self, line: Line, again: Line) -> None:
        just_said = self.said[-1] if self.said else None
        self._say(again if just_said in (line, again) else line)

    def answer_redirect(self, topic: RedirectTopic) -> None:
        """Politely decline and steer back: the question still pending, in other words.

        A miss (no progress): once patience is spent the call moves on instead.
        """
        if not self._miss():
            question = self.pending_question()
            asked = self._ask(question) if question else "What can I help you with?"
            self._say(_REDIRECT_LINES.get(topic, Line.REDIRECT), question=asked)

    def wrap_up(self) -> None:
        """The caller is done: a warm goodbye."""
        self._say(Line.WRAP_UP)
        self.outcome = self.outcome or Outcome(OutcomeKind.ANSWERED)
