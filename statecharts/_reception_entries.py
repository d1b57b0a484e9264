"""What the shell must do on entering a state, as effects queued by entry actions.

python-statemachine calls `on_enter_<state>` when the chart enters a state; these
queue the state's scripted line and, for transfers, voicemail and messages, the
effect itself, in the order the caller must hear and the store must see them.
"""

from __future__ import annotations

from statecharts._calendar import OfficeStatus
from statecharts._caller import Intent, Question
from statecharts._effects import (
    EndCall,
    Outcome,
    OutcomeKind,
    TargetKind,
    Transfer,
    TransferToVoicemail,
)
from statecharts._reception_misses import ReceptionMisses
from statecharts._script import Line

__all__ = ["ReceptionRules"]


class ReceptionRules(ReceptionMisses):
    """Guards, actions and entry actions of the reception chart (mixed into `Reception`)."""

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
            question="" if named else self._ask(Question.CARRIER),
        )
        match = self._carrier_match(None) if named else None
        if match is not None and match.carrier is None and not match.needs_line:
            self._no_carrier_number(named)  # said, but not one we have a number for

    def on_enter_certificate_kind_question(self) -> None:
        """New certificate, or an existing one?"""
        self.record.call_intent = Intent.CERTIFICATES
        self._need()
        self._say(Line.CERTIFICATE_KIND_QUESTION, question=self._ask(Question.CERTIFICATE_KIND))

    def on_enter_certificate_emailed(self) -> None:
        """New certificates: the certificate email, the app and the portal."""
        self.record.call_intent = Intent.CERTIFICATES
        self._answer()
        self._say(Line.CERTIFICATE_NEW)

    def on_enter_lender_question(self) -> None:
        """Mortgagee requests: bank, or policyholder?"""
        self.record.call_intent = Intent.MORTGAGEE_LIENHOLDERS
        self._need()
        self._say(Line.LENDER_QUESTION, question=self._ask(Question.CALLER_ROLE))

    def on_enter_in_writing(self) -> None:
        """Policyholders: mortgagee changes go in writing to the general email."""
        self.record.call_intent = Intent.MORTGAGEE_LIENHOLDERS
        self._answer()
        self._say(Line.MORTGAGEE_IN_WRITING)

    def on_enter_bank_answer(self) -> None:
        """The bank caller's one complete answer, whole and uninterruptible."""
        self.record.call_intent = self.record.call_intent or Intent.BANK_CALLER
        if self.record.call_intent is Intent.MORTGAGEE_LIENHOLDERS:
            self.record.call_intent = Intent.BANK_CALLER
        self._answer()
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
        """Say why a message is being taken, and for whom; what was said is its text.

        An earlier message is stored, so a new one is asked afresh; otherwise the
        caller's own words about their need are the message, never asked for again.
        """
        if self._messages_recorded:
            self.record.message = None
        elif self.record.message is None and self._need_text:
            self.record.message = self._need_text
        target = self.target or self._heading()
        self.target = target
        if target.kind is TargetKind.PERSON:
            self.record.assigned_agent = target.name
        complete = self.message_complete()
        line = self._message_line
        if line in self.said and line is not Line.MESSAGE_TRANSFER_FAILED:
            if complete:
                return  # said once already; the message is taken at once
            line = Line.MESSAGE_AGAIN  # why was said once already
        self._say(
            line, name=self._for_whom(), about=self._about(), complete="yes" if complete else "no"
        )

    def on_enter_message_recorded(self) -> None:
        """Store the message first, then tell the caller it was passed on, and to whom."""
        target = self._recheck_target()
        self._store(self._message_kind, self.record.message or "")
        closed = self.moment.status in (OfficeStatus.CLOSED, OfficeStatus.HOLIDAY)
        self._say(
            Line.MESSAGE_TAKEN,
            name=self._for_whom(),
            about=self._about(),
            when=" on the next business day" if closed else "",
            last4=self._last4(),
        )
        if self.outcome is None or self.outcome.kind is not OutcomeKind.TRANSFER:
            self.outcome = Outcome(OutcomeKind.MESSAGE, target)

    def on_enter_ended(self) -> None:
        """The call is over: hang up after the last line."""
        self.outcome = self.outcome or Outcome(OutcomeKind.HUNG_UP)
        self.effects.append(EndCall(self.outcome))
