"""Nothing a caller leaves is lost: messages, and callbacks for calls that end too soon.

A message is stored however the taking of it ends (the caller done, a hang-up,
silence, an error, the call's time limit), addressed to the person asked for or
to where the need routes, with what the caller said as its text; a call that drops
after the caller said what they need and how to reach them leaves a callback
request marked as a dropped call. A call never stores two. The caller still on
the line hears what was done and for whom.
"""

from __future__ import annotations

import re

from statecharts._caller import Intent
from statecharts._decisions import person_target
from statecharts._effects import (
    Message,
    MessageKind,
    Outcome,
    OutcomeKind,
    RecordMessage,
    Target,
    TargetKind,
)
from statecharts._reception_actions import ReceptionActions
from statecharts._script import Line, passed_on

__all__ = ["ReceptionMessages"]

ABOUT: dict[Intent, str] = {
    Intent.NEW_QUOTE: " about a quote",
    Intent.MAKE_PAYMENT: " about your account",
    Intent.MAKE_CHANGE: " about a change to your policy",
    Intent.CANCELLATION: " about cancelling your policy",
    Intent.COVERAGE_RATE_QUESTIONS: " about your coverage question",
    Intent.POLICY_REVIEW_RENEWAL: " about your policy renewal",
    Intent.CLAIMS: " about your claim",
    Intent.CERTIFICATES: " about your certificate",
    Intent.APPOINTMENT: " about an appointment",
}
"""What a message is about, as the caller hears it confirmed, by the need they stated."""

NEED: dict[Intent, str] = {
    Intent.NEW_QUOTE: "A quote",
    Intent.MAKE_PAYMENT: "A payment, ID card or declarations page",
    Intent.MAKE_CHANGE: "A change to their policy",
    Intent.CANCELLATION: "Cancelling their policy",
    Intent.COVERAGE_RATE_QUESTIONS: "A coverage or rate question",
    Intent.POLICY_REVIEW_RENEWAL: "A policy review or renewal",
    Intent.CLAIMS: "A claim",
    Intent.CERTIFICATES: "A certificate",
    Intent.APPOINTMENT: "An appointment",
    Intent.SPECIFIC_AGENT: "To speak with a team member",
    Intent.SPANISH_SPEAKER: "Help in Spanish",
}
"""What the caller needs, for staff, when the caller's own words are not known."""

_ABOUT_MY = re.compile(r"\babout (?:my|our) ([a-z' -]{3,40}?)\s*(?:[,.;!?]|$)", re.IGNORECASE)
"""The caller's own topic, "…call me back about my renewal", confirmed as "your renewal"."""

_WHY = {
    MessageKind.DROPPED_CALL: "The call dropped before the caller was helped.",
    MessageKind.ERROR: "The call ended on an error before the caller was helped.",
    MessageKind.CALLBACK: "The call reached its maximum length before the caller was helped.",
}
"""What a callback request says when the caller's own words are not known."""

_DROPS = frozenset({"transfer", "after_hours.voicemail"})
"""States in which the call is already with a person or a voicemail box: no callback."""


class ReceptionMessages(ReceptionActions):
    """Message taking and dropped-call callbacks of the reception chart (mixed into `Reception`)."""

    # --- what to say -------------------------------------------------------------------------
    def _about(self) -> str:
        """What the message is about, for the caller to hear it confirmed (or "")."""
        intent = self.record.call_intent
        if intent is not None and intent in ABOUT:
            return ABOUT[intent]
        said = _ABOUT_MY.search(self.record.message or self._need_text or "")
        return f" about your {said.group(1).strip().lower()}" if said else ""

    def _what_they_said(self, fallback: str) -> str:
        """The caller's own words about their need, else the need itself, else `fallback`."""
        r = self.record
        if r.message:
            return r.message
        if self._need_text:
            return self._need_text
        intent = r.call_intent
        return NEED.get(intent, fallback) if intent is not None else fallback

    def _for_whom(self) -> str:
        target = self.target
        return target.spoken_name if target and target.kind is not TargetKind.OFFICE else ""

    # --- starting and finishing a message ----------------------------------------------------
    def start_requested_message(
        self, person: str | None = None, message: str | None = None
    ) -> None:
        """The caller asked to leave a message: for the person they named, or where it routes.

        A named person is the message's addressee even after hours and even when they
        take no direct calls; a name that fits nobody (or several) is kept as a note,
        and the message goes where the need routes.
        """
        self._need(message)
        if message:
            self.record.message = message
        member = None
        if person:
            lookup = self._lookup(person)
            found = lookup.matches[0] if lookup.found and not lookup.ambiguous else None
            if found is not None and found.former is None:
                member = found
                self._person_asked_for = found.name
            else:
                self.record.add_note(f"Message for: {person}")
        if member is None and self._person_asked_for:
            member = next((m for m in self.config.staff if m.name == self._person_asked_for), None)
        self.target = person_target(self.config, member, "message") if member else self._heading()
        self._message_kind, self._message_line = MessageKind.MESSAGE, Line.MESSAGE_REQUESTED

    def finish_message(self) -> None:
        """The caller is done while leaving a message: store what they gave, then goodbye."""
        self._closing = True
        self.record.message = self._what_they_said("The caller asked to be called back.")

    def leave_callback(self) -> None:
        """The caller is done before their need was met: a callback request for it."""
        self._closing = True
        self.target = self.target or self._heading()
        self._message_kind = MessageKind.CALLBACK
        self.record.message = self._what_they_said("The caller asked to be called back.")

    def _store(self, kind: MessageKind, text: str) -> None:
        self._messages_recorded += 1
        self.effects.append(RecordMessage(self._message(kind, text)))

    def _message(self, kind: MessageKind, text: str) -> Message:
        r = self.record
        notes = r.additional_notes
        if r.phone_number is None and self.phone_to_confirm is not None:
            unconfirmed = "Phone number read back but not confirmed"  # beats a lost number
            notes = f"{notes}; {unconfirmed}" if notes else unconfirmed
        return Message(
            kind=kind,
            for_target=self.target,
            caller_name=r.name,
            phone_number=self._callback_number(),
            insurance_type=r.insurance_type.value if r.insurance_type else None,
            identifier=r.identifier,
            intent=r.call_intent,
            text=text,
            notes=notes,
        )

    def _recheck_target(self) -> Target:
        """A message for "our team" goes where the need routes, if that is known by now."""
        if self.target is None or self.target.kind is TargetKind.OFFICE:
            self.target = self._heading()
        return self.target

    # --- when the call ends before a message is finished ------------------------------------
    def _leave_on_drop(self, kind: MessageKind, *, needless: bool = False) -> str:
        """Store what a call that ends now leaves behind; return what to tell the caller.

        A message being taken is stored as it stands (with a number to call back). A
        call that drops after the caller said what they need and how to reach them,
        before it was transferred, answered or given a message, leaves a callback
        request of `kind` for where it was heading. A call the receptionist ends
        itself (an error, the time limit: `needless`) always leaves one, with what is
        known, so staff learn of it. Nothing is stored twice, and a caller who hangs
        up before saying what they need leaves nothing.
        """
        # `on` actions run after the old states were exited: the path still names them.
        leaving = self.path[-1] if self.path else ""
        if self._messages_recorded or leaving in _DROPS:
            return ""
        if not (needless or self.has_callback_number()):
            return ""
        if leaving == "after_hours.taking_message":
            kind = kind if kind is MessageKind.ERROR else self._message_kind
            text = self._what_they_said("The caller left before saying what it was about.")
        elif needless or (self.need_stated() and not self._answered):
            text = self._what_they_said(_WHY[kind])
        else:
            return ""
        target = self._recheck_target()
        self._store(kind, text)
        outcome = OutcomeKind.HUNG_UP if kind is MessageKind.DROPPED_CALL else OutcomeKind.MESSAGE
        self.outcome = Outcome(outcome, target)
        if self._callback_number() is None:
            return ""  # staff learn of the call, but cannot call back: no promise of it
        return passed_on(self._for_whom(), self._last4(), self._about())

    def caller_hung_up(self) -> None:
        """The caller hung up; what they left is kept (see `_leave_on_drop`)."""
        self._leave_on_drop(MessageKind.DROPPED_CALL)
        self.outcome = self.outcome or Outcome(OutcomeKind.HUNG_UP)

    def silence_goodbye(self) -> None:
        """Still silent after the check-in: keep what they left, end the call politely."""
        passed = self._leave_on_drop(MessageKind.DROPPED_CALL)
        self._say(Line.SILENCE_GOODBYE, passed=passed)
        self.outcome = self.outcome or Outcome(OutcomeKind.HUNG_UP)

    def end_on_error(self, error: Exception | None = None) -> None:
        """An internal error: keep a callback request with what we have, then end safely."""
        self.errors.append(repr(error))
        passed = self._leave_on_drop(MessageKind.ERROR, needless=True)
        self._say(Line.ERROR_GOODBYE, passed=passed)
        self.outcome = self.outcome or Outcome(OutcomeKind.UNRESOLVED, self.target)

    def end_on_time_limit(self) -> None:
        """The call reached its maximum length: keep a callback request, then a polite goodbye."""
        passed = self._leave_on_drop(MessageKind.CALLBACK, needless=True)
        self._say(Line.TIME_LIMIT_GOODBYE, passed=passed)
        self.outcome = self.outcome or Outcome(OutcomeKind.UNRESOLVED, self.target)
