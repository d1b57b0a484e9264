"""Never stuck: what the receptionist does with caller turns it cannot use.

A miss is a caller turn that leaves the call where it was: nothing understood
(the shell's `caller_unclear`), an off-topic or probing request (`redirect`), a
name nobody has, a carrier with no number, a live person asked for again. The
first miss gets a clarifying question in other words; after the agency's limit
(`Misses`: in a row, or in the whole call) the receptionist stops guessing and
gets the caller to a person — the standard intake and a transfer during business
hours, otherwise a message — as a receptionist would. Every rule of the agency
still applies on the way: the move goes through the same routing gate.

Questions are also tracked here: a question put to the caller again in the next
turn is said in other words, after an acknowledgement of what the caller did give.
"""

from __future__ import annotations

from statecharts._caller import INTAKE_INTENTS, Intent, Question
from statecharts._decisions import front_desk_target, intake_target, person_target
from statecharts._effects import MessageKind, Outcome, OutcomeKind, Say
from statecharts._events import SHELL_EVENTS
from statecharts._questions import (
    QUESTION_WORDINGS,
    intake_question,
    next_wording,
    question_text,
)
from statecharts._reception_messages import ReceptionMessages
from statecharts._script import Line, render

__all__ = ["ReceptionMisses"]

ANYTHING_ELSE = "Is there anything else I can help you with?"

_QUIET = frozenset({"caller_away_timeout"})
"""Events that are not a caller turn and leave the count of misses in a row alone."""
_SHELL = frozenset(
    {"greeted", "transfer_succeeded", "transfer_failed", "hangup", "call_time_limit"}
)
"""Events of the line or the telephony, not of the caller: they reset nothing either."""


class ReceptionMisses(ReceptionMessages):
    """Clarifying questions and the moves that keep a call from getting stuck."""

    # --- the question put to the caller ------------------------------------------------------
    def _recent(self, question: Question) -> tuple[int, ...]:
        """The wordings of `question` said in its last askings (the question just asked)."""
        asked = self._asked
        return asked[1] if asked is not None and asked[0] is question else ()

    def _note_asked(self, question: Question, wording: int) -> None:
        recent = self._recent(question)
        if not recent or recent[-1] != wording:
            recent = (*recent[-1:], wording)
        self._asked, self._got = (question, recent), ""

    def _ask(self, question: Question) -> str:
        """Words for `question`, said by a line of the chart: other words if just asked."""
        wording = next_wording(question, self._recent(question))
        self._note_asked(question, wording)
        return question_text(question, wording)

    def ask_text(self) -> str | None:
        """The words for the question the caller should be asked now, or None.

        The first wording the first time; when the caller was just asked this very
        question, words not said in its last two askings, after "Got it" for what the
        caller gave instead.
        """
        question = self.pending_question()
        if question is None:
            return None
        if question is Question.HOW_CAN_I_HELP and self._answered:
            # answered already: offer more, never start over with "how can I help?"
            return f"{self._got} {ANYTHING_ELSE}" if self._got else ANYTHING_ELSE
        recent = self._recent(question)
        text = question_text(question, next_wording(question, recent))
        return f"{self._got} {text}" if recent and self._got else text

    def heard_agent(self, text: str) -> None:
        """The receptionist said `text`: note the questions it put, and in which words.

        The shell reports everything said to the caller, the model's words as well as
        the chart's lines, so a question is known as asked only once it was said.
        """
        found = sorted(
            (at, question, wording)
            for question, wordings in QUESTION_WORDINGS.items()
            for wording, words in enumerate(wordings)
            if (at := text.find(words)) >= 0
        )
        for _, question, wording in found:
            self._note_asked(question, wording)

    def _after_event(self, event: str) -> None:
        """After an event: a turn the call could use ends the run of misses."""
        missed, self._missed = self._missed, False
        if not missed and event not in SHELL_EVENTS:
            self.misses = 0  # the caller said something the call could use

    # --- the first miss: a clarifying question -----------------------------------------------
    def clarify(self) -> None:
        """A turn that could not be used: say so, and ask again in other words."""
        if self._miss():
            return
        question = self.pending_question()
        if self.leaf() == "listening" and self._answered:
            question = None  # the caller was answered: offer more, don't start over
        self._say(Line.CLARIFY, question=self._ask(question) if question else ANYTHING_ELSE)

    def check_in(self) -> None:
        """First silence: check the caller is still there, and put the question again."""
        self.away_count += 1
        question = self.pending_question()
        text = render(
            Line.CHECK_IN,
            self.config,
            self.moment,
            question=self._ask(question) if question else "",
        )
        self.effects.append(Say(Line.CHECK_IN.value, text))
        self.said.append(Line.CHECK_IN)

    def say_again(self) -> None:
        """The caller asks to hear the last answer again: say it again, else the question."""
        if self._last_answer is None:
            question = self.pending_question()
            self._say(Line.SAY_AGAIN, again=self._ask(question) if question else ANYTHING_ELSE)
            return
        line, params = self._last_answer
        self._say(Line.SAY_AGAIN, again=render(line, self.config, self.moment, **params))

    # --- out of patience: get the caller to a person ------------------------------------------
    def start_help_intake(self) -> None:
        """Business hours: the standard intake for "something else", to reach a person."""
        self._helped = True
        if self.record.call_intent not in INTAKE_INTENTS:
            self.record.call_intent = Intent.SOMETHING_ELSE
        self._need()
        question = intake_question(self.record)
        if question is None:
            self._say(Line.HELP)
        else:
            self._say(Line.HELP_QUESTION, question=self._ask(question))

    def start_help_message(self) -> None:
        """No live transfer now: a message for where the call was heading."""
        self._helped = True
        if self.record.call_intent is None:
            self.record.call_intent = Intent.SOMETHING_ELSE
        self._need()
        self._say(Line.HELP)
        self.target = self._heading()
        self.explain_message()

    def route_for_help(self) -> None:
        """The intake cannot be finished: the account executive, else the front desk.

        The account executive by alpha split once the line and name are known; with
        no name to route on, while the office is open, the front-desk ring group; else
        a message for where the call was heading.
        The routing gate decides between a live transfer and a message.
        """
        self._helped = True
        r = self.record
        if r.call_intent is None:
            r.call_intent = Intent.SOMETHING_ELSE
        r.add_note("The caller could not finish the intake")
        closed = not self.open_or_at_lunch()
        known = (
            intake_target(self.config, r, self.moment.local.time(), after_hours=closed)
            if r.has_insurance_identifier()
            else None
        )
        front_desk = front_desk_target(self.config) if self.office_open() else None
        self.target = known or front_desk or self._heading()

    def route_unheard_reason(self) -> None:
        """The caller asked for a person but the reason never came through: put them through."""
        member = self._person(self.record.requested_agent_name or "")
        self.record.add_note("Reason not given")
        self.target = person_target(self.config, member, "requested") if member else None

    def help_with_claim_callback(self) -> None:
        """The carrier cannot be found: take a callback about the claim instead."""
        self.start_claims_callback()
        self.explain_message()  # says plainly why the message: lunch, or closed
        self._message_kind = MessageKind.CALLBACK

    def unclear_wrap_up(self) -> None:
        """Answered already, and nothing more understood: a polite goodbye."""
        self._say(Line.UNCLEAR_WRAP_UP)
        self.outcome = self.outcome or Outcome(OutcomeKind.ANSWERED)

    def keep_what_we_have(self) -> None:
        """The message cannot be finished: store what the caller gave, with the number."""
        self._closing = True
        self.record.message = self._what_they_said(
            "The caller could not be understood; please call them back."
        )

    def unclear_goodbye(self) -> None:
        """Nothing understood and no number to call back: how to reach us, then goodbye."""
        self._say(Line.UNCLEAR_GOODBYE)
        self.outcome = self.outcome or Outcome(OutcomeKind.UNRESOLVED)
