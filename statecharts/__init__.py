"""The statechart receptionist's pure core: the call-flow chart and the agency's rules.

Nothing here imports LiveKit, reads a clock or the environment, or does I/O: the
agency's configuration and the instant are inputs, and what the shell must do
comes out as data. Drive it synchronously:

>>> from datetime import datetime
>>> from statecharts import Reception, default_agency
>>> call = Reception(default_agency(), datetime(2026, 11, 24, 10, 0))
>>> call.fire("greeted")
['triage', 'triage.listening']
>>> call.fire("report_claim")  # the claims group has no extensions: take a message
['claims', 'claims.connecting', 'after_hours', 'after_hours.taking_message']
>>> call.pending_question()
<Question.CONTACT: 'contact'>
"""

from statecharts._agency import (
    AgencyConfig,
    AlphaRange,
    AlphaSplit,
    Carrier,
    InsuranceLine,
    Office,
    RingGroup,
    StaffMember,
)
from statecharts._calendar import (
    OfficeMoment,
    OfficeStatus,
    clock_phrase,
    next_open,
    next_open_phrase,
    office_moment,
    office_status,
    status_line,
)
from statecharts._caller import INTAKE_INTENTS, CallerRecord, Intent, Question
from statecharts._carriers import CarrierMatch, find_carrier
from statecharts._decisions import intake_target
from statecharts._directory import StaffLookup, bilingual_pick, find_staff, is_transferable
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
from statecharts._events import (
    EVENTS,
    CallerKind,
    CallerRole,
    CertificateKind,
    Confirmation,
    ReasonKind,
    RedirectTopic,
    Refusal,
    parse_arguments,
)
from statecharts._loading import AgencyConfigError, default_agency, load_agency
from statecharts._masking import mask_carrier, mask_email, mask_name, mask_phone, safe_mask
from statecharts._questions import QUESTION_FIELDS, pending_question
from statecharts._reception import PUBLIC_EVENTS, Reception
from statecharts._routing import FallbackKind, personal_new_quote, routing_letter
from statecharts._script import ONCE_PER_CALL, Line, question_text, render
from statecharts._speech import (
    digits_for_speech,
    email_for_speech,
    phone_read_back,
    pronounce,
    pronunciations,
)
from statecharts._text import normalize_phone, normalize_spelling, phone_last_four, words_to_digits

__all__ = [
    "EVENTS",
    "INTAKE_INTENTS",
    "ONCE_PER_CALL",
    "PUBLIC_EVENTS",
    "QUESTION_FIELDS",
    "AgencyConfig",
    "AgencyConfigError",
    "AlphaRange",
    "AlphaSplit",
    "CallerKind",
    "CallerRecord",
    "CallerRole",
    "Carrier",
    "CarrierMatch",
    "CertificateKind",
    "Confirmation",
    "Effect",
    "EndCall",
    "FallbackKind",
    "InsuranceLine",
    "Intent",
    "Line",
    "Message",
    "MessageKind",
    "Office",
    "OfficeMoment",
    "OfficeStatus",
    "Outcome",
    "OutcomeKind",
    "Question",
    "ReasonKind",
    "Reception",
    "RecordMessage",
    "RedirectTopic",
    "Refusal",
    "RingGroup",
    "Say",
    "StaffLookup",
    "StaffMember",
    "Target",
    "TargetKind",
    "Transfer",
    "TransferToVoicemail",
    "bilingual_pick",
    "clock_phrase",
    "default_agency",
    "digits_for_speech",
    "email_for_speech",
    "find_carrier",
    "find_staff",
    "intake_target",
    "is_transferable",
    "load_agency",
    "mask_carrier",
    "mask_email",
    "mask_name",
    "mask_phone",
    "next_open",
    "next_open_phrase",
    "normalize_phone",
    "normalize_spelling",
    "office_moment",
    "office_status",
    "parse_arguments",
    "pending_question",
    "personal_new_quote",
    "phone_last_four",
    "phone_read_back",
    "pronounce",
    "pronunciations",
    "question_text",
    "render",
    "routing_letter",
    "safe_mask",
    "status_line",
    "words_to_digits",
]
