"""The caller's intents (agency.md section 3) in the order that settles them, and other requests.

`intents` reads the plain text of an utterance (`_speech.plain`) against
`INTENT_TABLE`, whose order carries the agency's rules for utterances that say
two things: a bank representative is a bank caller even about a claim check; a
claim beats everything else the caller says; a dec page is a payment even when a
mortgage company asks for it; a certificate beats the weaker "verify coverage";
"I want to pay" beats the cancellation notice it answers; a carrier that dropped
the caller means a new policy, not a cancellation; an appointment asked for beats
what it is about; "I bank with Chase and need home insurance" is a quote, and "I
have an account with Wells Fargo" is nothing at all. Claims are read only from
what the caller says happened (`_frames`), and a question about cover is a
coverage question. The intake intents' own phrases are in `_intake`, claims told
as situations in `_situations`.
"""

from __future__ import annotations

import re

from statecharts import Intent
from voiceagent.brain import _intake as ik
from voiceagent.brain._frames import Frames
from voiceagent.brain._lexicon import any_of, word_set
from voiceagent.brain._situations import CLAIM_REQUEST, CLAIM_SITUATION

__all__ = [
    "BANK_STRONG",
    "BANK_WEAK",
    "HOURS",
    "INTENT_TABLE",
    "LIVE_PERSON",
    "SERVICES",
    "SPANISH_DISTINCT",
    "SPANISH_STRONG",
    "SPANISH_WORDS",
    "about_own_insurance",
    "intents",
]

_BANK_NAMES = (
    r"chase|wells\s+fargo|bank\s+of\s+america|citi(?:bank)?|u\.?\s?s\.?\s+bank|pnc|truist"
    r"|regions|td\s+bank|capital\s+one|rocket\s+mortgage|quicken\s+loans|mr\.?\s+cooper"
    r"|freedom\s+mortgage|pennymac|fifth\s+third|suntrust|bb&t|navy\s+federal|ally"
    r"|lakeview|loancare|newrez|shellpoint|flagstar|huntington|santander|nationstar"
)
_BANKISH = (
    rf"(?:the\s+|a\s+|an\s+)?(?:(?:[\w&'.-]+\s+){{0,3}}?(?:bank|banks|mortgage|lending|lender"
    rf"|loans?|financial|credit\s+union|servicing|bancorp)\b|(?:{_BANK_NAMES})\b)"
)

BANK_STRONG = any_of(
    [
        rf"\b(?:calling|call)\s+(?:from|on\s+behalf\s+of)\s+{_BANKISH}",
        rf"\bon\s+behalf\s+of\s+(?:our\s+)?{_BANKISH}",
        rf"\b(?:i'm|i\s+am|we're|we\s+are|this\s+is\s+\w+)\s+(?:with|from)\s+{_BANKISH}",
        rf"\b(?:department|desk|team|division)\s+(?:at|of|for|with|from)\s+{_BANKISH}",
        rf"^(?:hi,?\s+|hello,?\s+|yes,?\s+)*(?:{_BANK_NAMES})\b(?:\s+bank)?,",
        r"\brecorded\s+line\b|\bcall\s+is\s+being\s+recorded\b",
        r"\bmutual\s+(?:client|customer|insured|borrower|member)s?(?:'s)?\b",
        r"\bbank\s+rep(?:resentative)?\b",
        r"\blender\s+calling\b",
        r"\bcalling\s+from\s+the\s+lender\b",
        r"\b(?:insurance|hazard)\s+verification\s+(?:department|team)\b",
        r"\bloss\s+draft\b",
    ]
)
"""A representative of a bank or lender (agency.md section 3); "I bank with Chase" is not."""

BANK_WEAK = any_of(
    [
        r"\b(?:verify|verifying|confirm|confirming)\s+(?:the\s+|a\s+)?(?:insurance\s+|hazard\s+)?"
        r"(?:coverage|renewal|insurance|policy)\b",
        r"\brenewal\s+documentation\b",
        r"\b(?:our|a|the)\s+borrower\b",
    ]
)
"""Phrases banks use, weaker than the above: a certificate request beats them."""

_THIRD_PARTY = (
    r"(?:client|job(?:\s*site)?|site|project|owner|contract|vendor|contractor|landlord|bank|lender|venue"
    r"|customer|prime\s+contractor"
    r"|general\s+contractor|property\s+manager|city|county|event|mortgage\s+company|school"
    r"|hospital|builder|hoa|association|tenant|gc)"
)
_CERTIFICATE = any_of(
    [
        r"\bcertificates?\b(?!\s+of\s+(?:title|deposit|occupancy|completion))",
        r"\bcerts?\b|\bcoi\b|\bc\s*o\s*i\b|\bcois\b|\bacord\b",
        r"\badditional(?:ly)?\s+insured\b",
        r"\bproof\s+of\s+(?:my\s+|our\s+)?(?:general\s+)?(?:liability\s+)?(?:coverage|insurance)\s+"
        rf"(?:for|to|sent\s+to|for\s+my)\s+(?:a|an|my|the|our)\s+(?:\w+\s+)?{_THIRD_PARTY}\b",
        r"\b(?:insurance|coverage|proof|policy)\b(?:\s+[\w']+){0,3}?\s+(?:sent|emailed|faxed|mailed)\s+"
        rf"(?:over\s+)?to\s+(?:a|an|my|the|our)\s+(?:\w+\s+)?{_THIRD_PARTY}\b",
        rf"\b{_THIRD_PARTY}\s+(?:needs|wants|requires|is\s+requesting|is\s+asking\s+for|asked\s+for"
        r"|requested|needs\s+to\s+see|wants\s+to\s+see|asked\s+to\s+see)\s+(?:a\s+|the\s+|a\s+copy"
        r"\s+of\s+)?(?:proof|certificate|(?:my|our)\s+(?:\w+\s+)?(?:liability|insurance|coverage))\b",
        r"\bproof\s+of\s+insurance\s+for\s+(?:a|the)\s+(?:job|site|contract|project)\b",
        r"\bprove\s+(?:that\s+)?(?:i|we)\s+(?:have|carry)\s+(?:\w+\s+)?(?:insurance|coverage)\b",
        r"\bsend\s+(?:my|our|the)\s+(?:\w+\s+)?(?:insurance|coverage|policy)\s+(?:info\s+|information\s+"
        rf"|details\s+|proof\s+)?to\s+(?:a|an|my|our|the)\s+(?:\w+\s+)?{_THIRD_PARTY}\b",
        r"\b(?:client|customer|contractor|landlord|venue|city|county|gc|property\s+manager|hoa|owner)\s+"
        r"(?:wants|needs|asked|has\s+asked)\s+to\s+be\s+(?:added|listed|named)\b",
        r"\b(?:paperwork|documents?|proof|certificate)\s+for\s+(?:a|the|this)\s+(?:job|contract|project"
        r"|bid|permit)\b",
    ]
)
_MORTGAGEE = any_of(
    [
        r"\bmortgagee\b",
        r"\blien\s*holder\b",
        r"\bloss\s+payee\b",
        r"\bmortgage\s+clause\b",
        r"\bmortgage\s+company\s+(?:needs|wants|has)\s+to\s+be\s+(?:added|updated|changed|removed)\b",
        r"\b(?:add|update|change|remove|replace|take)\s+(?:the\s+|my\s+|a\s+|our\s+)?(?:new\s+|old\s+)?"
        r"(?:mortgage\s+company|mortgagee|lender|lien\s*holder|bank)\b",
        r"\b(?:mortgage|loan|lender|bank)\b.*\b(?:on|off|added\s+to|removed\s+from)\s+(?:the|my|our)"
        r"\s+policy\b",
        r"\b(?:loan|mortgage)\s+(?:got|was|is\s+being)\s+(?:transferred|sold)\b",
        r"\brefinanc(?:e|ed|ing)\b|\bpaid\s+off\s+(?:the|my|our)\s+(?:house|home|mortgage|loan|car)\b",
        r"\b(?:new|my)\s+lender\b",
        r"\b(?:mortgage\s+company|lender|loan\s+servicer|servicer|bank)\s+(?:has\s+|just\s+)?"
        r"(?:changed|switched|was\s+sold)\b",
    ]
)
_APPOINTMENT = any_of(
    [
        r"\bcome\s+(?:in|by|into\s+the\s+office)\b",
        r"\bstop\s+by\b|\bswing\s+by\b|\bdrop\s+(?:off|by)\b",
        r"\bsign\s+(?:some\s+|the\s+|a\s+|a\s+few\s+)?(?:documents?|papers?|paperwork|forms?|things)\b",
        r"\bmeet\s+(?:with\s+(?:someone|somebody|an?\s+agent)\s+)?in\s+person\b|\bin\s+person\b",
        r"\bmeet\s+with\s+(?:someone|somebody|an?\s+agent)\b",
        r"\bsit\s+down\s+with\b",
        r"\bvisit\s+(?:the|your)\s+office\b",
        r"\bappointments?\b|\bwalk[\s-]?ins?\b",
        r"\bcome\s+(?:to|into|down\s+to|over\s+to)\s+(?:your|the)\s+office\b"
        r"|\bcome\s+(?:in\s+and\s+)?see\s+(?:someone|somebody|an\s+agent|you)\b",
        r"\b(?:schedule|set\s+up|book|arrange)\s+(?:a|an|some)\s+(?:time|meeting|call|visit"
        r"|consultation|sit[\s-]down)\b",
    ]
)

HOURS = any_of(
    [
        r"\b(?:your|office|business|opening|the)\s+hours\b|\bhours\s+of\s+operation\b|^hours\b",
        r"\bwhen\s+(?:do|are|does|will)\s+(?:you|the\s+office|y'all)\s+(?:guys\s+)?(?:open|close"
        r"|be\s+open|back)\b",
        r"\bwhat\s+time\s+(?:do|are|does|will|is)\s+(?:you|the\s+office|someone)\b",
        r"\bare\s+you\s+(?:guys\s+)?(?:open|closed)\b|\b(?:open|closed)\s+(?:on\s+)?(?:the\s+)?"
        r"(?:weekends?|saturdays?|sundays?|today|tomorrow|right\s+now|late)\b",
        r"\b(?:close|closed|out)\s+for\s+lunch\b|\bback\s+from\s+lunch\b|\blunch\s+(?:break|hour)\b",
        r"\bwhere\s+(?:are\s+you|is\s+(?:your|the)\s+office|are\s+you\s+guys|are\s+y'all)\b"
        r"|\bwhere's\s+(?:your|the)\s+office\b",
        r"\b(?:your|the\s+office's|the\s+office)\s+(?:address|location)\b",
        r"\bwhat's\s+(?:the|your)\s+address\b|\bwhat\s+is\s+(?:the|your)\s+address\b",
        r"\bdirections\b(?!\s+to\s+(?!your\b|the\s+office\b|you\b|there\b|the\s+agency\b))"
        r"|\bhow\s+do\s+i\s+(?:get|find)\s+(?:to\s+)?(?:you|your|the)\b",
        r"\bsuite\s+number\b|\bwhich\s+suite\b|\bparking\b|\b(?:till|until)\s+what\s+time\b"
        r"|\bhow\s+late\b|\bopen\s+on\s+(?:thanksgiving|christmas|new\s+year's|memorial\s+day|labor\s+day"
        r"|the\s+fourth|july\s+fourth|the\s+holiday|holidays)\b",
        r"\bare\s+you\s+(?:guys\s+)?(?:on|at|near|located|by)\b",
    ]
)
SERVICES = any_of(
    [
        r"\bwhat\s+(?:types?|kinds?|sorts?|lines?)\s+of\s+(?:insurance|coverage|policies)\b",
        r"\bwhat\s+(?:insurance\s+)?(?:do|does)\s+(?:you|your\s+agency)\s+(?:guys\s+)?"
        r"(?:offer|sell|have|carry|provide|write)\b",
        r"\bdo\s+you\s+(?:guys\s+|all\s+|only\s+|also\s+|even\s+)*(?:do|offer|sell|carry|write"
        r"|handle|provide|insure|cover|work\s+with|have)\s+(?:\w+\s+){0,3}?(?:insurance|coverage"
        rf"|policies|{ik.LINES}|homes?|cars?|boats?|businesses|trucks?)\b",
        r"\bwhat\s+(?:services|products)\b",
        r"\bwhat\s+do\s+you\s+offer\b",
        r"\b(?:can|could|does|do)\s+(?:you|your\s+(?:agency|office|company|firm))\s+(?:guys\s+)?"
        r"(?:do|offer|sell|write|handle|carry|provide|insure|cover)\s+(?:\w+\s+){0,3}?"
        rf"(?:insurance|coverage|policies|{ik.LINES}|homes?|cars?|boats?|businesses|trucks?"
        r"|commercial|business|personal)\b",
        r"\b(?:something|anything)\s+(?:that\s+)?you\s+(?:guys\s+)?(?:offer|sell|do|write|carry"
        r"|handle)\b",
        r"\bare\s+you\s+able\s+to\s+(?:insure|write|cover|do)\b",
        r"\b(?:do|does)\s+(?:you|your\s+\w+)\s+(?:guys\s+)?(?:work\s+with|represent|write\s+for"
        r"|sell\s+for|carry)\s+(?!my\b|our\b|a\b|an\b)[a-z]",
        r"\bwhat\s+(?:carriers|companies|insurance\s+companies)\s+do\s+you\b",
    ]
)


INTENT_TABLE: tuple[tuple[Intent, re.Pattern[str], bool], ...] = (
    (Intent.BANK_CALLER, BANK_STRONG, False),
    (Intent.CLAIMS, CLAIM_REQUEST, True),
    (Intent.MAKE_PAYMENT, ik.DOCUMENTS, False),
    (Intent.CLAIMS, CLAIM_SITUATION, True),
    (Intent.CERTIFICATES, _CERTIFICATE, False),
    (Intent.BANK_CALLER, BANK_WEAK, False),
    (Intent.MORTGAGEE_LIENHOLDERS, _MORTGAGEE, False),
    (Intent.MAKE_PAYMENT, ik.PAY_NOW, False),
    (Intent.NEW_QUOTE, ik.DROPPED, False),
    (Intent.CANCELLATION, ik.CANCELLATION, False),
    (Intent.MAKE_CHANGE, ik.CHANGE, False),
    (Intent.COVERAGE_RATE_QUESTIONS, ik.COVERAGE, False),
    (Intent.MAKE_PAYMENT, ik.PAYMENT, False),
    (Intent.APPOINTMENT, _APPOINTMENT, False),
    (Intent.POLICY_REVIEW_RENEWAL, ik.REVIEW, False),
    (Intent.NEW_QUOTE, ik.QUOTE, False),
    (Intent.SOMETHING_ELSE, ik.SOMETHING_ELSE, False),
    (Intent.HOURS_LOCATION, HOURS, False),
)
"""Intents, strongest first: (intent, phrases, read only from what happened).

A row marked True reads the text with supposed, asked-about and denied spans
blanked (`_frames`): a claim must have happened. The others read it without what
the caller says they are not after ("I don't want to cancel").
"""


def intents(text: str, frames: Frames) -> tuple[Intent, ...]:
    """The caller's intent, the strongest heard, and the hours question if asked too.

    The first row that matches decides, so the rest of the table is not read.
    """
    for intent, pattern, happened in INTENT_TABLE:
        asked = intent is Intent.COVERAGE_RATE_QUESTIONS and frames.asks_about_cover
        if asked or pattern.search(frames.happened if happened else frames.affirmed):
            if intent is not Intent.HOURS_LOCATION and HOURS.search(text):
                return (intent, Intent.HOURS_LOCATION)
            return (intent,)
    return ()


_OWN_INSURANCE = any_of(
    [
        r"\b(?:my|our)\s+(?:\w+\s+){0,2}?(?:policy|policies|insurance|coverage|account|premium|agent"
        r"|homeowners|auto)\b",
    ]
)
_WAITING = any_of(
    [
        r"\b(?:one|a)\s+(?:moment|second|sec|minute)\b|\bhold\s+on\b|\blet\s+me\s+(?:find|get|grab"
        r"|look|check|see)\b|\bhang\s+on\b|\bgive\s+me\s+a\b",
    ]
)


def about_own_insurance(text: str) -> bool:
    """Whether the caller speaks of their own insurance ("something on my auto policy").

    A caller who does, with no need the rules know, has the agency's catch-all need
    (agency.md section 3, "something else"); one who asks to hold on has none yet.
    """
    return bool(_OWN_INSURANCE.search(text)) and not _WAITING.search(text)


SPANISH_STRONG = any_of(
    [r"\bespa[ñn]ol\b", r"\bhabl(?:a|o|an|amos|e)\b", r"\bspanish\b(?!\s+(?:in|class|teacher))"]
)
SPANISH_WORDS = word_set(
    "hola necesito quiero seguro seguros por favor gracias buenos buenas dias días tardes "
    "noches usted tengo para mi un una el la los las de del que qué con sí si no como cómo "
    "carro casa pagar póliza poliza accidente ayuda llamo llamando nombre es soy estoy hablar "
    "alguien puede pueden me yo y en cuánto cuanto señor señora mí mis su sus auto fue robado "
    "anoche ayer están estan abiertos abierto cerrado hoy mañana choque chocaron robaron "
    "cotización cotizacion pregunta sobre hacer pago aseguranza dónde donde oficina hora horas "
    "tuve tengo hubo hay puedo quisiera llamar llamada cambiar cancelar reclamo reclamación "
    "daño dañado coche camioneta dirección cuenta precio cotizar agente abren cierran horario "
    "inglés ingles trabajo está esta ahora mismo también pero porque bueno gracias"
)
SPANISH_DISTINCT = word_set(
    "hola necesito quiero seguro seguros favor gracias buenos buenas dias días tardes noches "
    "usted tengo una que qué con cómo carro casa pagar póliza poliza llamo llamando nombre soy "
    "estoy hablar alguien puede pueden cuánto cuanto señor señora fue robado anoche ayer están "
    "estan abiertos cerrado hoy mañana choque chocaron robaron cotización cotizacion pregunta "
    "sobre hacer pago aseguranza dónde donde oficina tuve hubo hay puedo quisiera llamar llamada "
    "cambiar cancelar reclamo reclamación daño dañado coche camioneta dirección cuenta cotizar "
    "abren cierran horario inglés ingles accidente"
)

LIVE_PERSON = any_of(
    [
        r"\b(?:real|live|actual)\s+(?:person|human|agent|body|people)\b",
        r"\brepresentative\b",
        r"\bhumans?\b",
        r"\boperator\b",
        r"^(?:an?\s+)?(?:agent|person|someone|somebody)(?:\s+please)?$",
        r"\b(?:talk|speak)\s+(?:to|with)\s+(?:a\s+|an\s+)?(?:someone|somebody|person|agent|rep)\b",
        r"\b(?:talk|speak)\s+(?:to|with)\s+(?:the|a|your)\s+(?:manager|supervisor|owner|boss)\b",
        r"\b(?:transfer|put|connect|get)\s+me\s+(?:through\s+)?(?:to|with)?\s*(?:a\s+|an\s+)?"
        r"(?:someone|somebody|person|agent|rep|human)\b",
        r"\b(?:talk|speak)\s+to\s+(?:a|an|the)\s+(?:robot|machine|computer|bot)\b|"
        r"\bsomeone\s+real\b|\bnot\s+a\s+(?:computer|robot|machine)\b|\bare\s+you\s+a\s+(?:robot"
        r"|computer|machine|bot)\b",
        r"\b(?:need|want|get)\s+(?:a|an)\s+(?:person|human|agent|representative)\b(?!\s+to\s+call)",
        r"\bcustomer\s+service\b|\bpress(?:ing)?\s+(?:0|zero)\b|^zero$",
    ]
)
