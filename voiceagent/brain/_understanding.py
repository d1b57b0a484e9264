"""What one caller utterance says, read without context: intents, facts and answers.

`understand` is the offline brain's ear. It reads a single utterance the way the
agency's receptionist would (agency.md sections 3, 4 and 7) and returns a frozen
`Understanding`; it never raises and never looks at the call's state. Readings
that only make sense as the answer to a question ("Kelly", "a new one", "the
bank") are offered separately (`answer_*`, `choice`), for the policy to use when
that question was the one asked.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from statecharts import (
    CallerKind,
    CallerRole,
    CertificateKind,
    InsuranceLine,
    Intent,
    ReasonKind,
    RedirectTopic,
)
from voiceagent.brain import _answers as answers
from voiceagent.brain import _lexicon as lx
from voiceagent.brain import _triggers as tr
from voiceagent.brain._answers import Choice
from voiceagent.brain._entities import (
    Spans,
    clean_business,
    extract_business,
    extract_carrier,
    extract_phone,
    loose_letters,
    spellings,
)
from voiceagent.brain._frames import read_frames
from voiceagent.brain._lexicon import word_set
from voiceagent.brain._lines import insurance_type
from voiceagent.brain._people import (
    asks_about_someone,
    caller_name,
    lone_name,
    message_for,
    requested_person,
)
from voiceagent.brain._speech import plain

__all__ = ["MAX_UTTERANCE", "Understanding", "understand"]

MAX_UTTERANCE = 1000
"""Longer "utterances" are not speech (a stuck microphone, a paste): nothing is read."""

_INTAKE = frozenset(
    {
        Intent.NEW_QUOTE,
        Intent.MAKE_PAYMENT,
        Intent.MAKE_CHANGE,
        Intent.CANCELLATION,
        Intent.COVERAGE_RATE_QUESTIONS,
        Intent.POLICY_REVIEW_RENEWAL,
        Intent.SOMETHING_ELSE,
    }
)


@dataclass(frozen=True, slots=True)
class Understanding:
    """Everything one utterance says. The default instance means "nothing usable"."""

    text: str = ""
    """The utterance, tidied (quotes and spaces normalised); empty when unusable."""
    intents: tuple[Intent, ...] = ()
    """Every intent heard, strongest first (see `_lexicon.INTENT_TABLE`)."""
    services: bool = False
    own_insurance: bool = False
    """No need recognised, but the caller speaks of their own policy: the catch-all need."""
    spanish: bool = False
    live_person: bool = False
    person: str | None = None
    """A staff member asked for by name, or an extension's digits."""
    first_name: str | None = None
    last_name: str | None = None
    last_name_spelled: str | None = None
    phone: str | None = None
    """Digits of a complete number (10 to 15)."""
    partial_phone: str | None = None
    """Digits of a number too short to be one ("555-1234")."""
    business_name: str | None = None
    insurance_type: InsuranceLine | None = None
    correction: bool = False
    carrier: str | None = None
    carrier_unknown: bool = False
    yes: bool = False
    no: bool = False
    dont_know: bool = False
    done: bool = False
    callback: bool = False
    leave_message: bool = False
    message_for: str | None = None
    """The person a message is for, by name ("a message for Brad", "have Louis call me")."""
    message_text: str | None = None
    """The words as a message, when they say what they are about ("have Louis call me about
    my renewal", "…please call me back about my renewal"): taken as the message wherever
    a message is being taken, so it is not asked for again."""
    certificate_kind: CertificateKind | None = None
    caller_kind: CallerKind | None = None
    role: CallerRole | None = None
    redirect: RedirectTopic | None = None
    untrusted: bool = False
    """An injection or a probe: only the redirect is acted on, nothing else said here."""
    choices: frozenset[Choice] = frozenset()
    """One-word answers heard ("new", "the bank", "existing"), for multiple-choice questions."""
    answer_name: tuple[str, ...] = ()
    """The utterance is just a name (beside a phone number or a spelling): "Kelly Urban"."""
    answer_person: str | None = None
    """The utterance is just a common given name: a person asked for, if help was asked."""
    answer_spelling: str | None = None
    """Letters read loosely, for when a spelling was just asked for."""
    answer_business: str | None = None
    answer_carrier: str | None = None
    """A carrier read loosely (any capitalisation), for when the carrier was asked for."""

    @property
    def intent(self) -> Intent | None:
        """The caller's main intent, if any."""
        return self.intents[0] if self.intents else None

    @property
    def routing_intent(self) -> Intent | None:
        """The strongest intent that moves the call (not the hours question)."""
        return next((i for i in self.intents if i is not Intent.HOURS_LOCATION), None)

    @property
    def reason_kind(self) -> ReasonKind:
        """What a by-name request is about: new business, service, or something else."""
        intent = self.routing_intent
        if intent is Intent.NEW_QUOTE or self.caller_kind is CallerKind.NEW_CLIENT:
            return ReasonKind.NEW_BUSINESS
        if intent in _INTAKE or intent in {Intent.CLAIMS, Intent.CERTIFICATES}:
            return ReasonKind.SERVICE
        if intent is Intent.MORTGAGEE_LIENHOLDERS or _SERVICE_REASON.search(self.text.lower()):
            return ReasonKind.SERVICE
        if self.own_insurance:
            return ReasonKind.SERVICE  # "she's helping me with something on my policy"
        return ReasonKind.OTHER

    @property
    def plain(self) -> bool:
        """Nothing but an answer: no intent, request, person or probe in it."""
        return not (
            self.intents
            or self.person
            or self.redirect
            or self.done
            or self.callback
            or self.leave_message
            or self.services
            or self.live_person
        )

    @property
    def heard_nothing(self) -> bool:
        """No fact said outright, nor a yes, no or "I don't know".

        Short answers ("Kelly", "Acme Plumbing") count only where their question was
        pending, and there they are used: left over, they were not understood.
        """
        return (
            self.plain
            and not (self.first_name or self.last_name or self.last_name_spelled)
            and not (self.phone or self.business_name or self.insurance_type or self.carrier)
            and not (self.yes or self.no or self.dont_know or self.spanish)
            and self.role is None
            and self.caller_kind is None
            and self.certificate_kind is None
        )

    @property
    def is_empty(self) -> bool:
        """Nothing usable was heard (empty, garbled, another language, symbols)."""
        return self == _NOTHING


_NOTHING = Understanding()
_CARRIER_WORDS = re.compile(r"\b(?:carrier|insurance\s+company|insurer|insured\s+with)\b")
_USABLE = re.compile(r"[A-Za-z0-9]")
_FOREIGN = word_set(
    """bonjour merci je suis voudrais une est les des pour avec vous nous oui non bien
    ich bin und der die das ein eine nicht guten tag danke bitte mein meine ist haben
    olá ola obrigado obrigada não você voce estou preciso tenho muito bom dia
    ciao grazie sono vorrei buongiorno della questo sì"""
)
"""Common words of other languages the agency does not serve: such speech is not read
(Spanish is served, by a bilingual team member, and is detected before this)."""
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "`": "'", "\u201c": '"', "\u201d": '"'})
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W\d_]+")
_LETTERS = re.compile(r"[^\W\d_]")


def _tidy(utterance: str) -> str:
    text = unicodedata.normalize("NFC", utterance).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


def _readable(text: str) -> bool:
    """Mostly Latin script with letters or digits, and not another language's words."""
    usable = len(_USABLE.findall(text))
    letters = len(_LETTERS.findall(text))
    if usable == 0 or letters > 2 * usable:
        return False
    words = _WORDS.findall(text.lower())
    foreign = sum(1 for w in words if w in _FOREIGN)
    return not (foreign >= 2 or (foreign and foreign * 2 >= len(words)))


def _spanish(lowered: str) -> bool:
    if tr.SPANISH_STRONG.search(lowered):
        return True
    words = _WORDS.findall(lowered)
    if len(words) < 2:
        return False
    distinct = sum(1 for w in words if w in tr.SPANISH_DISTINCT)
    if distinct < 2:
        return False
    return sum(1 for w in words if w in tr.SPANISH_WORDS) * 2 >= len(words)


def _redirect(lowered: str) -> RedirectTopic | None:
    return next((topic for topic, pattern in lx.REDIRECT_TABLE if pattern.search(lowered)), None)


_WILL_CALL = re.compile(r"\bi(?:'ll|\s+will)\s+(?:just\s+)?(?:call|contact|reach|try)\b")
""""I'll call State Farm now, thanks": the carrier named on the way out is no new answer."""
_ABOUT = re.compile(
    r"\b(?:about|regarding|concerning)\s+(?:my|our|the|a|an|his|her|some|this|that)\b"
    r"|\bcall\s+me\s+(?:back\s+)?(?:about|regarding|because|when|after|before|on|at|tomorrow|today)\b"
)
"""What a message says it is about: "call me back about my renewal"."""

_SERVICE_REASON = re.compile(
    r"\b(?:my|our)\s+(?:existing|current)\s+(?:policy|policies|account|coverage)\b"
    r"|\b(?:existing|current)\s+(?:policy|client|customer)\b"
    r"|\bchange\s+(?:something|some\s+things?|a\s+few\s+things)\b"
    r"|\b(?:a\s+)?(?:problem|issue|question)\s+(?:with|about|on)\s+(?:my|our)\s+"
    r"(?:policy|account|bill|coverage)\b"
)
"""Service words in a by-name request (agency.md section 2): "my existing policy", "a
problem with my policy", "change something"."""


@functools.lru_cache(maxsize=256)
def understand(utterance: str) -> Understanding:
    """Read one caller utterance. Never raises; unusable input gives an empty reading."""
    text = _tidy(utterance)
    if not text or len(text) > MAX_UTTERANCE or not _readable(text):
        return _NOTHING
    lowered = text.lower()
    redirect = _redirect(lowered)
    if redirect is None and asks_about_someone(text):
        redirect = RedirectTopic.OTHER_CALLERS
    if redirect in lx.UNTRUSTED_TOPICS:
        return Understanding(text=text, redirect=redirect, untrusted=True)
    if _spanish(lowered):
        return Understanding(text=text, spanish=True)

    phone, partial, phone_span = extract_phone(text)
    spelled_runs = spellings(lowered)
    loose_spelling, loose_span = spelled_runs[0] if spelled_runs else loose_letters(lowered)
    taken = [span for _, span in spelled_runs] or ([loose_span] if loose_span else [])
    leftover = Spans((*taken, *((phone_span,) if phone_span else ()))).without(text)
    name = caller_name(
        text, leftover, spelled_runs, with_value=bool(phone or partial or spelled_runs)
    )
    spoken = plain(text)
    intents = tr.intents(spoken, read_frames(spoken))
    person = requested_person(text, spoken)
    if person is not None and person.isdigit():
        partial = None  # "extension 7002" is not a phone number
    correction = bool(lx.CORRECTION.search(lowered))
    off_topic = redirect is RedirectTopic.OFF_TOPIC
    carrier = extract_carrier(text, asked=False)
    dont_know = bool(lx.DONT_KNOW.search(lowered))
    carrier_words = _CARRIER_WORDS.search(lowered)
    short = answers.short_answer(text)
    message_person, message_said = message_for(text, spoken)
    answer_name = answers.answer_name(leftover)
    callback = bool(lx.CALLBACK.search(spoken))
    substantive = bool(intents or person or name.first or name.last or phone or name.spelled) or (
        carrier is not None and not _WILL_CALL.search(spoken)
    )
    return Understanding(
        text=text,
        intents=intents,
        services=bool(tr.SERVICES.search(spoken)),
        own_insurance=not intents and tr.about_own_insurance(spoken),
        live_person=bool(tr.LIVE_PERSON.search(spoken)) and not (person or callback),
        person=person,
        first_name=name.first,
        last_name=name.last,
        last_name_spelled=name.spelled,
        phone=phone,
        partial_phone=partial,
        business_name=extract_business(text),
        insurance_type=None if off_topic else insurance_type(spoken, correction=correction),
        correction=correction,
        carrier=carrier,
        carrier_unknown=dont_know and carrier_words is not None and carrier is None,
        yes=bool(lx.YES.search(lowered)),
        no=bool(lx.NO.search(lowered)),
        dont_know=dont_know,
        done=bool(lx.DONE.search(spoken)) and not substantive,
        callback=callback and message_person is None,
        leave_message=bool(lx.LEAVE_MESSAGE.search(spoken)) or message_person is not None,
        message_for=message_person,
        message_text=text[:500] if message_said or intents or _ABOUT.search(spoken) else None,
        certificate_kind=answers.certificate_kind(lowered),
        caller_kind=answers.caller_kind(lowered),
        role=answers.role(lowered, intents),
        redirect=redirect,
        choices=answers.choices(lowered),
        answer_name=answer_name,
        answer_person=lone_name(answer_name),
        answer_spelling=loose_spelling,
        answer_business=clean_business(short, cut=False) if short is not None else None,
        answer_carrier=answers.answer_carrier(text) if short is not None else None,
    )
