"""The call-flow statechart: the single authority over where a call goes.

Greeting, Triage, Claims, Mortgagee, AfterHours, Transfer and Ended, as the
agency's receptionist moves through them. The chart is pure: the agency's
configuration and the instant are inputs, and what the shell must do (speak a
line, transfer, record a message, end the call) comes out as `effects`. Guards
are named predicates over the caller's record and the agency's rules, so no
prompt and no tool can move a call where the rules forbid.

The callbacks live in mixins (`_reception_guards.py`, `_reception_actions.py`,
`_reception_entries.py`), so this module reads as the chart itself.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from statemachine import State, StateChart
from statemachine.callbacks import CallbacksRegistry
from statemachine.exceptions import TransitionNotAllowed

from statecharts._agency import AgencyConfig
from statecharts._caller import CallerRecord
from statecharts._engine import IndexedEngine
from statecharts._events import EVENTS, Refusal, parse_arguments
from statecharts._reception_entries import ReceptionRules

__all__ = ["PUBLIC_EVENTS", "Reception"]

PUBLIC_EVENTS = frozenset(EVENTS)
"""Events adapters and the shell may fire; everything else is internal."""

_ALLOWED_IN: dict[tuple[type, tuple[State, ...]], frozenset[str]] = {}
"""Public events with a transition from a configuration (guards aside), per chart class.

Which events a configuration has transitions for is fixed when the class is built,
so the answer is worked out once per configuration reached, not on every `fire`.
"""


def _targetless(sources: Sequence[State], *, on: str, cond: str | None = None) -> Any:
    """The same targetless transition (answer in place) from each of `sources`."""
    return functools.reduce(operator.or_, (source.to(None, on=on, cond=cond) for source in sources))


def _to_each(sources: Sequence[State], target: State, *, on: str, cond: str | None = None) -> Any:
    """The same transition to `target` from each of `sources`."""
    return functools.reduce(
        operator.or_, (source.to(target, on=on, cond=cond) for source in sources)
    )


class _Bookkeeper:
    """Keeps the path of states entered, and notices the caller is back after silence.

    A listener rather than chart callbacks, so the diagrams show only the rules.
    """

    def __init__(self, chart: Reception) -> None:
        self._chart = chart

    def on_enter_state(self, state: State) -> None:
        if state.id != "call":
            self._chart.path.append(Reception.dotted(state))

    def on_transition(self, event: str) -> None:
        if event != "caller_away_timeout":
            self._chart.away_count = 0  # the caller said something: back from silence


class Reception(ReceptionRules, StateChart["Reception"]):
    """One phone call, from the greeting to the end."""

    allow_event_without_transition = False
    """An event with no transition here is refused (and reported), never silently ignored."""

    class call(State.Compound):
        """The call while the caller is on the line: hang-up, silence and errors end it."""

        greeting = State(initial=True)

        class triage(State.Compound):
            """Working out what the caller needs, and collecting what staff need."""

            listening = State(initial=True)
            intake = State()
            which_person = State()
            person_reason = State()
            restricted_question = State()
            routing = State()

        class claims(State.Compound):
            """A claim: connect during business hours, else the carrier's 24/7 line."""

            connecting = State(initial=True)
            carrier_question = State()
            carrier_line_question = State()
            carrier_given = State()

        class mortgagee(State.Compound):
            """Certificates, mortgagee and lienholder requests, bank callers: answered by email."""

            certificate_kind_question = State(initial=True)
            certificate_emailed = State()
            lender_question = State()
            in_writing = State()
            bank_answer = State()

        class after_hours(State.Compound):
            """No live transfer possible: voicemail, or a message taken and stored."""

            taking_message = State(initial=True)
            voicemail = State()
            message_recorded = State()

        transfer = State()

    ended = State(final=True)

    _TALKING = (
        call.greeting,
        call.triage,
        call.claims,
        call.mortgagee,
        call.after_hours.taking_message,
    )
    """Where the receptionist talks with the caller: not while a transfer or voicemail is
    under way, when anything it said would talk over the transfer line."""
    _LISTENING = _TALKING[1:]
    """Where a caller's turn answers the receptionist (the greeting is said to no one yet)."""

    # --- greeting and triage -------------------------------------------------------------
    greeted = call.greeting.to(call.triage)
    request = call.triage.to(call.triage.intake, internal=True, on="start_intake")
    live_person = call.triage.listening.to(
        call.triage.intake, on="start_live_person"
    ) | _targetless(_TALKING, on="insist_live_person")
    ask_for_person = (
        call.triage.to(
            call.triage.person_reason, internal=True, cond="person_transferable", on="choose_person"
        )
        | call.triage.to(
            call.triage.which_person, internal=True, cond="person_ambiguous", on="offer_choices"
        )
        | call.triage.to(
            call.triage.restricted_question,
            internal=True,
            cond="person_restricted",
            on="explain_restricted",
        )
        | call.triage.to(
            call.triage.intake, internal=True, cond="person_former", on="explain_former"
        )
        | call.triage.to(None, on="person_not_found")
    )
    give_reason = call.triage.person_reason.to(
        call.triage.intake, cond="needs_ae_redirect", on="start_ae_redirect"
    ) | call.triage.person_reason.to(call.triage.routing, on="route_to_person")
    caller_kind = call.triage.restricted_question.to(
        call.triage.listening, cond="is_vendor", on="answer_vendor"
    ) | call.triage.restricted_question.to(call.triage.intake, on="start_client_intake")
    appointment = call.triage.to(call.triage.routing, internal=True, on="route_appointment")
    spanish_speaker = call.triage.to(
        call.triage.routing, internal=True, cond="bilingual_available", on="route_spanish"
    ) | call.triage.to(ended, on="spanish_fallback")
    call.triage.intake.to(call.triage.routing, cond="intake_complete", on="route_intake")

    # --- the routing gate: nothing transfers live unless the office is open -------------
    call.triage.routing.to(call.transfer, cond="can_transfer_live")
    call.triage.routing.to(call.after_hours.voicemail, cond="voicemail_available")
    call.triage.routing.to(call.after_hours.taking_message, on="explain_message")

    # --- claims ---------------------------------------------------------------------------
    report_claim = (
        call.triage.to(call.claims.connecting, cond="open_or_at_lunch", on="start_claim")
        | call.triage.to(call.claims.carrier_question, on="start_claim")
        | call.after_hours.to(
            call.claims.connecting, cond=["claim_is_new", "open_or_at_lunch"], on="start_claim"
        )
        | call.after_hours.to(call.claims.carrier_question, cond="claim_is_new", on="start_claim")
    )
    call.claims.connecting.to(call.transfer, cond="can_transfer_live")
    call.claims.connecting.to(call.after_hours.taking_message, on="explain_message")
    name_carrier = (
        call.claims.to(
            call.claims.carrier_given, internal=True, cond="carrier_resolved", on="give_carrier"
        )
        | call.claims.to(
            call.claims.carrier_line_question,
            internal=True,
            cond="carrier_needs_line",
            on="ask_carrier_line",
        )
        | call.claims.to(None, on="carrier_not_found")
    )
    call.claims.carrier_line_question.to(
        call.claims.carrier_given, cond="carrier_resolved", on="give_carrier"
    )
    call.claims.carrier_question.to(
        call.claims.carrier_given, cond="carrier_resolved", on="give_carrier"
    )
    call.claims.carrier_question.to(
        call.claims.carrier_line_question, cond="carrier_needs_line", on="ask_carrier_line"
    )
    carrier_unknown = call.claims.to(None, on="carrier_not_found")
    request_callback = call.claims.to(
        call.after_hours.taking_message, cond="no_message_taken", on="start_claims_callback"
    ) | call.claims.to(None, on="callback_already_requested")

    # --- certificates, mortgagee, bank callers ---------------------------------------------
    certificate = (
        call.triage.to(call.mortgagee.certificate_emailed, cond="wants_new_certificate")
        | call.triage.to(
            call.triage.intake,
            internal=True,
            cond="wants_existing_certificate",
            on="start_existing_certificate",
        )
        | call.triage.to(call.mortgagee.certificate_kind_question)
    )
    certificate_kind = call.mortgagee.certificate_kind_question.to(
        call.mortgagee.certificate_emailed, cond="wants_new_certificate"
    ) | call.mortgagee.certificate_kind_question.to(
        call.triage.intake, on="start_existing_certificate"
    )
    call.mortgagee.certificate_emailed.to(call.triage.listening)
    mortgagee_request = (
        call.triage.to(call.mortgagee.bank_answer, cond="is_bank")
        | call.triage.to(call.mortgagee.in_writing, cond="is_policyholder")
        | call.triage.to(call.mortgagee.lender_question)
    )
    caller_role = call.mortgagee.lender_question.to(
        call.mortgagee.bank_answer, cond="is_bank"
    ) | call.mortgagee.lender_question.to(call.mortgagee.in_writing)
    call.mortgagee.in_writing.to(call.triage.listening)
    bank_caller = call.triage.to(call.mortgagee.bank_answer)
    call.mortgagee.bank_answer.to(ended, on="answered")

    # --- transfers, voicemail and messages --------------------------------------------------
    transfer_succeeded = call.transfer.to(ended, on="transferred") | call.after_hours.voicemail.to(
        ended, on="voicemail_left"
    )
    transfer_failed = call.transfer.to(
        call.after_hours.taking_message, on="transfer_did_not_connect"
    ) | call.after_hours.voicemail.to(
        call.after_hours.taking_message, on="transfer_did_not_connect"
    )
    leave_message = call.triage.to(call.after_hours.taking_message, on="start_requested_message")
    call.after_hours.taking_message.to(call.after_hours.message_recorded, cond="message_complete")
    call.after_hours.message_recorded.to(call.claims.carrier_question, cond="claim_needs_carrier")
    call.after_hours.message_recorded.to(ended, on="wrap_up")

    # --- never stuck: out of patience with turns it cannot use, the call moves on ---------
    _ASKING = (
        call.triage.listening,
        call.triage.which_person,
        call.triage.restricted_question,
        call.mortgagee.certificate_kind_question,
        call.mortgagee.lender_question,
    )
    _CARRIER = (call.claims.carrier_question, call.claims.carrier_line_question)
    stuck = (
        call.triage.listening.to(ended, cond="call_answered", on="unclear_wrap_up")
        | _to_each(_ASKING[1:], call.triage.routing, cond="helped_before", on="route_for_help")
        | _to_each(_ASKING, call.triage.intake, cond="office_open", on="start_help_intake")
        | _to_each(_ASKING, call.after_hours.taking_message, on="start_help_message")
        | call.triage.intake.to(call.triage.routing, on="route_for_help")
        | call.triage.person_reason.to(call.triage.routing, on="route_unheard_reason")
        | _to_each(
            _CARRIER,
            call.after_hours.taking_message,
            cond="no_message_taken",
            on="help_with_claim_callback",
        )
        | _to_each((*_CARRIER, call.claims.carrier_given), ended, on="unclear_wrap_up")
        | call.after_hours.taking_message.to(
            call.after_hours.message_recorded, cond="has_callback_number", on="keep_what_we_have"
        )
        | call.after_hours.taking_message.to(ended, on="unclear_goodbye")
    )
    """Raised by a miss once the agency's patience is spent (see `Misses`): get the caller
    to a person, or keep what they left, instead of asking again."""
    del _ASKING, _CARRIER

    # --- anywhere in the call ---------------------------------------------------------------
    provide_details = call.to(None, on="take_details")
    confirm_phone = call.to(None, cond="phone_unconfirmed", on="confirm_phone_answer")
    ask_hours = _targetless(_TALKING, on="answer_hours")
    ask_services = _targetless(_TALKING, on="answer_services")
    repeat = _targetless(_TALKING, on="say_again")
    redirect = _targetless(_TALKING, on="answer_redirect")
    caller_unclear = _targetless(_LISTENING, on="clarify")
    caller_done = (
        call.after_hours.taking_message.to(
            call.after_hours.message_recorded, cond="has_callback_number", on="finish_message"
        )
        | _to_each(
            # a need staff must act on is stated in these (certificates and mortgagee
            # changes are answered by email); taking a message stores it itself
            _TALKING[1:3],
            call.after_hours.message_recorded,
            cond="callback_owed",
            on="leave_callback",
        )
        | _to_each(_TALKING, ended, on="wrap_up")
    )
    hangup = call.to(ended, on="caller_hung_up")
    caller_away_timeout = call.to(ended, cond="away_again", on="silence_goodbye") | call.to(
        None, on="check_in"
    )
    call_time_limit = call.to(ended, on="end_on_time_limit")
    error_execution = call.to(ended, on="end_on_error")
    del _TALKING, _LISTENING

    def __init__(
        self,
        config: AgencyConfig,
        at: datetime,
        *,
        caller_number: str | None = None,
        read_back_phone: bool = False,
        listeners: Sequence[object] = (),
    ) -> None:
        """A call at instant `at`; `read_back_phone` for spoken calls, where STT can mishear."""
        self._start_call(
            config, at, CallerRecord(caller_number=caller_number), read_back_phone=read_back_phone
        )
        super().__init__(listeners=[_Bookkeeper(self), *listeners])

    def _get_engine(self) -> Any:
        """The library's engine with its transition search indexed (`_engine.py`)."""
        if self._callbacks.has_async_callbacks:
            return super()._get_engine()  # type: ignore[no-untyped-call]  # the library leaves it untyped
        return IndexedEngine(self)

    def fire(self, event: str, **arguments: Any) -> list[str]:
        """Send a public event; return the states entered, or raise `Refusal` saying why.

        A refused event changes nothing: arguments are checked before the chart sees
        them, and an event with no transition in the current configuration is
        rejected by the engine before any callback runs.
        """
        if self.is_terminated:
            msg = f"{event} is not possible: the call has ended"
            raise Refusal(msg)
        parsed = parse_arguments(event, arguments)
        if event not in self.allowed_event_names():
            msg = f"{event} is not possible while the call is in {self.where()}"
            raise Refusal(msg)
        before = len(self.path)
        try:
            self.send(event, **parsed)
        except TransitionNotAllowed:
            msg = f"{event} is not possible while the call is in {self.where()}"
            raise Refusal(msg) from None
        self.event_log.append((event, dict(parsed)))
        self._after_event(event)
        self._release_callbacks_once_ended()
        return self.path[before:]

    def fail(self, error: Exception) -> list[str]:
        """The shell hit an error it cannot recover from: end the call safely.

        The chart records a callback message with whatever the caller gave and says
        goodbye, exactly as for an error inside the chart itself.
        """
        if self.is_terminated:
            return []
        before = len(self.path)
        self.send("error.execution", error=error)
        self._release_callbacks_once_ended()
        return self.path[before:]

    def _release_callbacks_once_ended(self) -> None:
        """Drop the engine's callback registry once the call has ended.

        The library binds every guard and action to this chart (about 230 callback
        wrappers, 2,400 objects in reference cycles with it), so an ended call could
        only be freed by the garbage collector's full pass, tens of milliseconds per
        pass on a busy worker. An ended chart runs no callback again (no transition
        leaves `ended`, and `fire` and `fail` refuse first), so releasing them lets
        reference counting free nearly all of a finished call at once.
        """
        if self.is_terminated:
            self._callbacks = CallbacksRegistry()

    def allowed_event_names(self) -> frozenset[str]:
        """Public events with a transition from the current configuration (guards aside).

        `confirm_phone` only while a number awaits confirmation: a model is never
        offered a yes-or-no about a number nobody read back.
        """
        key = (type(self), tuple(self.configuration))
        names = _ALLOWED_IN.get(key)
        if names is None:
            names = frozenset(e.id for e in self.allowed_events) & PUBLIC_EVENTS
            _ALLOWED_IN[key] = names
        return names if self.phone_to_confirm is not None else names - {"confirm_phone"}

    def where(self) -> str:
        """The current leaf state, as a dotted id ("triage.intake")."""
        return self.path[-1] if self.path else "nowhere"

    @staticmethod
    def dotted(state: State) -> str:
        """A state's id with its parents below `call`: "claims.carrier_question"."""
        names = [state.id]
        parent = state.parent
        while parent is not None and parent.id != "call":
            names.append(parent.id)
            parent = parent.parent
        return ".".join(reversed(names))

    def leaf(self) -> str:
        """The id of the innermost active state."""
        return str(list(self.configuration_values)[-1])
