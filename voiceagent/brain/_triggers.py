"""The trigger phrases of the caller's intents (agency.md section 3), as pattern tables.

Each intent's phrases are one compiled alternation, and `INTENT_TABLE` orders the
intents so the first match is the caller's intent. The order carries the agency's
false positives: a claim beats everything; a dec page is a payment even when a
mortgage company is mentioned; a bank representative beats a certificate, but a
certificate beats the weaker "verify coverage"; "I bank with Chase and need home
insurance" is a quote, and "I have an account with Wells Fargo" is nothing at all.
"""

from __future__ import annotations

import re

from statecharts import Intent
from voiceagent.brain._lexicon import any_of, word_set

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
        r"\brecorded\s+line\b",
        r"\bmutual\s+(?:client|customer|insured|borrower|member)s?\b",
        r"\bbank\s+rep(?:resentative)?\b",
        r"\blender\s+calling\b",
        r"\bcalling\s+from\s+the\s+lender\b",
    ]
)
"""A representative of a bank or lender (agency.md section 3); "I bank with Chase" is not."""

BANK_WEAK = any_of(
    [
        r"\b(?:verify|verifying|confirm|confirming)\s+(?:the\s+|a\s+)?(?:insurance\s+|hazard\s+)?"
        r"(?:coverage|renewal|insurance|policy)\b",
        r"\brenewal\s+documentation\b",
    ]
)
"""Phrases banks use, weaker than the above: a certificate request beats them."""

_CLAIMS = [
    r"\b(?:file|filing|make|making|report|reporting|open|start|submit)\s+(?:a\s+|an\s+)?"
    r"(?:new\s+)?(?:insurance\s+)?claim\b",
    r"\bclaims?\b",
    r"\breport\s+(?:a\s+)?loss\b",
    r"\baccident\b",
    r"\bfender[\s-]?bender\b",
    r"\b(?:someone|somebody|a\s+car|a\s+truck|he|she|they)\s+(?:just\s+)?(?:hit|crashed\s+into"
    r"|backed\s+into|ran\s+into)\b",
    r"\b(?:got|was|been|were)\s+(?:hit|t[\s-]?boned|totaled)\b",
    r"\brear[\s-]?ended\b",
    r"\b(?:was|were|been|had)\s+(?:in\s+)?(?:a|an)\s+(?:collision|crash|wreck)\b",
    r"\bwater\s+damage\b",
    r"\bpipes?\s+(?:burst|broke|bursted|leaked|leaking)\b|\bburst\s+pipe\b",
    r"\bflood(?:ed|ing)\b",
    r"\bfire\b(?!\s+(?:insurance|pit|place|works))",
    r"\btheft\b|\bstolen\b|\bstole\b",
    r"\bbreak[\s-]?in\b|\bbroke\s+into\b|\bbroken\s+into\b|\bburglar(?:y|ized)\b",
    r"\bvandali[sz](?:ed|m)\b",
    r"\b(?:roof|storm|hail|wind|hurricane|tree)\s+damage\b",
]
_DOCUMENTS = [
    r"\bdec(?:laration|larations)?s?\s+(?:page|sheet)s?\b",
    r"\bcopy\s+of\s+(?:my|the|our)\s+policy\b",
    r"\b(?:id|insurance|proof\s+of\s+insurance)\s+cards?\b",
    r"\bneed\s+my\s+cards?\b",
]
_THIRD_PARTY = (
    r"(?:client|job|contract|vendor|contractor|landlord|bank|lender|venue|customer"
    r"|general\s+contractor|property\s+manager|city|county|event|mortgage\s+company)"
)
_CERTIFICATE = [
    r"\bcertificates?\b(?!\s+of\s+(?:title|deposit|occupancy))",
    r"\bcoi\b",
    r"\badditional(?:ly)?\s+insured\b",
    r"\bproof\s+of\s+(?:general\s+)?(?:liability\s+)?(?:coverage|insurance)\s+(?:for|to)\s+"
    rf"(?:a|an|my|the|our)\s+{_THIRD_PARTY}\b",
    rf"\b{_THIRD_PARTY}\s+(?:needs|wants|requires|is\s+requesting|is\s+asking\s+for|asked\s+for"
    r"|requested)\s+(?:a\s+|the\s+)?(?:proof|certificate)\b",
]
_MORTGAGEE = [
    r"\bmortgagee\b",
    r"\blien\s*holder\b",
    r"\bloss\s+payee\b",
    r"\bmortgage\s+clause\b",
    r"\bmortgage\s+company\s+(?:needs|wants|has)\s+to\s+be\s+(?:added|updated|changed|removed)\b",
    r"\b(?:add|update|change|remove|replace)\s+(?:the\s+|my\s+|a\s+|our\s+)?(?:new\s+)?"
    r"(?:mortgage\s+company|mortgagee|lender|lien\s*holder)\b",
    r"\brefinanc(?:e|ed|ing)\b",
]
_CANCELLATION = [
    r"\bcancel(?:l?ing|l?ed)?\b(?!\s+(?:my|the|an?|our)\s+appointment)",
    r"\bcancellation\b",
    r"\b(?:stop|end|terminate|drop)\s+(?:my|the|our)\s+(?:policy|insurance|coverage)\b",
    r"\b(?:don't|do\s+not|no\s+longer)\s+need\s+(?:the\s+|my\s+|this\s+|any\s+)?"
    r"(?:insurance|coverage|policy)\b",
    r"\bswitch(?:ing)?\s+(?:carriers|insurance|insurers|companies|to\s+another)\b",
    r"\bfound\s+(?:a\s+)?(?:cheaper|better)\b",
    r"\bnon[\s-]?renew\b|\b(?:don't|do\s+not)\s+renew\b",
    r"\bdiscontinue\b",
]
_CHANGE = [
    r"\bmake\s+(?:a\s+)?changes?\b",
    r"\bchange\s+(?:to\s+)?(?:my|the|our)\s+(?:policy|address|coverage|vehicle|car|driver|name"
    r"|mailing|payment\s+method|deductible)\b",
    r"\bupdate\s+(?:my|the|our)\s+(?:policy|address|info|information|vehicle|phone|email"
    r"|mailing|coverage)\b",
    r"\b(?:add|remove|delete|take\s+off|drop)\s+(?:a\s+|my\s+|the\s+|an\s+|our\s+|another\s+"
    r"|new\s+)*(?:vehicle|car|truck|driver|coverage|teen|son|daughter|wife|husband|spouse|boat"
    r"|endorsement)s?\b",
    r"\bswap(?:ping)?\s+(?:out\s+)?(?:a\s+|my\s+|the\s+|our\s+)?(?:work\s+)?(?:truck|vehicle|car)\b",
    r"\bchange\s+(?:of\s+)?address\b",
    r"\bendorsement\b",
    r"\bmodify\b",
    r"\b(?:just\s+)?(?:bought|purchased|traded\s+in)\s+(?:a\s+)?(?:new\s+)?(?:car|vehicle|truck)\b",
]
_COVERAGE = [
    r"\bcoverage\s+questions?\b",
    r"\bquestions?\s+about\s+(?:my\s+|our\s+)?coverage\b",
    r"\brate\s+questions?\b",
    r"\b(?:rate|rates|premium|premiums|bill|payment)\s+(?:went|go|goes|going|gone|has\s+gone"
    r"|have\s+gone|keeps\s+going)\s+up\b",
    r"\b(?:premium|rate)\s+increase\b|\bincrease\s+in\s+my\s+(?:premium|rate)\b",
    r"\bwhy\s+is\s+my\s+(?:bill|premium|rate|payment)\s+(?:so\s+)?(?:higher|high|more|up)\b",
    r"\bwhat's\s+covered\b|\bwhat\s+is\s+covered\b",
    r"\bam\s+i\s+covered\b",
    r"\b(?:does|will|would)\s+my\s+(?:policy|insurance|coverage)\s+cover\b",
    r"\bdeductibles?\b",
    r"\b(?:verify|check|confirm)\s+(?:my|our)\s+(?:coverage|policy|insurance)\b",
    r"\b(?:my|policy|coverage)\s+limits?\b",
]
_PAYMENT = [
    r"\bmake\s+a\s+payment\b",
    r"\bpay(?:ing)?\s+(?:my|the|a|our)\s+(?:bill|premium|policy|invoice|balance)\b",
    r"\bpay\s+(?:my\s+)?premium\b",
    r"\bpayments?\b",
    r"\bproof\s+of\s+insurance\b",
    r"\bautopay\b",
]
_REVIEW = [
    r"\bpolicy\s+review\b",
    r"\breview\s+(?:my|our|the)\s+(?:policy|policies|coverage|insurance)\b",
    r"\brenewal\b",
    r"\bannual\s+review\b",
    r"\brenew(?:ing)?\s+(?:my|our|the)\s+(?:policy|insurance)\b",
]
_GAP = r"(?:(?!my\b)[a-z']+\s+){0,3}?"
_QUOTE = [
    r"\bnew\s+polic(?:y|ies)\b",
    r"\bquotes?\b",
    rf"\blooking\s+(?:for|into|to\s+get)\s+{_GAP}(?:insurance|coverage|a\s+policy)\b",
    rf"\b(?:need|needs|want|wants|like|get|getting)\s+{_GAP}(?:insurance|coverage)\b",
    r"\bshopping\s+(?:for|around)\b",
    r"\bpricing\b|\bprices?\b",
    r"\bhow\s+much\s+(?:for|would|will|does|to|is\s+(?:it|a|an))\b",
    rf"\bbuy(?:ing)?\s+{_GAP}(?:insurance|coverage|a\s+policy)\b",
    r"\bstart\s+a\s+(?:new\s+)?policy\b",
    r"\bget\s+insured\b",
    r"\binsure\s+(?:my|a|our)\b",
    r"\bbecome\s+a\s+(?:new\s+)?(?:client|customer)\b",
]
_SOMETHING_ELSE = [
    r"\baccount\s+questions?\b",
    r"\bquestions?\s+(?:about|on|regarding)\s+(?:my|our)\s+(?:account|policy|policies|insurance"
    r"|bill|billing|invoice)\b",
    r"\bhelp\s+with\s+(?:something|my\s+(?:account|policy|insurance))\b",
    r"\b(?:talk|speak)\s+(?:to|with)\s+(?:someone|somebody)\s+about\s+(?:my|our)\b",
    r"\bneed\s+(?:some\s+)?help\b",
    r"\b(?:resend|reset|forgot)\s+(?:my\s+|the\s+)?(?:login|password|username)\b",
    r"\bneed\s+(?:my\s+|the\s+)?(?:login|password)\s+resent\b",
]
_APPOINTMENT = [
    r"\bcome\s+(?:in|by)\b",
    r"\bstop\s+by\b",
    r"\bsign\s+(?:some\s+|the\s+|a\s+)?(?:documents?|papers?|paperwork|forms?)\b",
    r"\bmeet\s+(?:with\s+(?:someone|somebody|an?\s+agent)\s+)?in\s+person\b",
    r"\bvisit\s+(?:the|your)\s+office\b",
    r"\bappointments?\b",
]
HOURS = any_of(
    [
        r"\b(?:your|office|business|opening|the)\s+hours\b|\bhours\s+of\s+operation\b|^hours\b",
        r"\bwhen\s+(?:do|are)\s+you\s+(?:guys\s+)?(?:open|close)\b",
        r"\bwhat\s+time\s+(?:do|are)\s+you\s+(?:guys\s+)?(?:open|close)\b",
        r"\bare\s+you\s+(?:guys\s+)?(?:open|closed)\b",
        r"\bwhere\s+(?:are\s+you|is\s+(?:your|the)\s+office|are\s+you\s+guys)\b",
        r"\b(?:your|the\s+office's|the\s+office)\s+(?:address|location)\b",
        r"\bwhat's\s+(?:the|your)\s+address\b",
        r"\bdirections\b",
    ]
)
SERVICES = any_of(
    [
        r"\bwhat\s+(?:types?|kinds?|sorts?|lines?)\s+of\s+(?:insurance|coverage|policies)\b",
        r"\bwhat\s+(?:insurance\s+)?(?:do|does)\s+(?:you|your\s+agency)\s+(?:guys\s+)?"
        r"(?:offer|sell|have|carry|provide|write)\b",
        r"\bdo\s+you\s+(?:guys\s+)?(?:offer|sell|carry|write|handle|provide)\s+(?:\w+\s+){0,2}?"
        r"(?:insurance|coverage|policies)\b",
        r"\bwhat\s+(?:services|products)\b",
        r"\bwhat\s+do\s+you\s+offer\b",
    ]
)

INTENT_TABLE: tuple[tuple[Intent, re.Pattern[str]], ...] = (
    (Intent.CLAIMS, any_of(_CLAIMS)),
    (Intent.MAKE_PAYMENT, any_of(_DOCUMENTS)),
    (Intent.BANK_CALLER, BANK_STRONG),
    (Intent.CERTIFICATES, any_of(_CERTIFICATE)),
    (Intent.BANK_CALLER, BANK_WEAK),
    (Intent.MORTGAGEE_LIENHOLDERS, any_of(_MORTGAGEE)),
    (Intent.CANCELLATION, any_of(_CANCELLATION)),
    (Intent.MAKE_CHANGE, any_of(_CHANGE)),
    (Intent.COVERAGE_RATE_QUESTIONS, any_of(_COVERAGE)),
    (Intent.MAKE_PAYMENT, any_of(_PAYMENT)),
    (Intent.POLICY_REVIEW_RENEWAL, any_of(_REVIEW)),
    (Intent.NEW_QUOTE, any_of(_QUOTE)),
    (Intent.SOMETHING_ELSE, any_of(_SOMETHING_ELSE)),
    (Intent.APPOINTMENT, any_of(_APPOINTMENT)),
    (Intent.HOURS_LOCATION, HOURS),
)
"""Routing intents, strongest first: the first row that matches is the caller's intent.

The order carries the false positives of agency.md section 3: a claim beats
everything; a dec page is a payment even when a mortgage company is mentioned;
a bank representative beats a certificate, but a certificate beats the weaker
"verify coverage"; a customer's own need beats the bank they mention.
"""

SPANISH_STRONG = any_of([r"\bespa[ñn]ol\b", r"\bhabl(?:a|o|an|amos)\b", r"\bspanish\b"])
SPANISH_WORDS = word_set(
    "hola necesito quiero seguro seguros por favor gracias buenos buenas dias días tardes "
    "noches usted tengo para mi un una el la los las de del que qué con sí si no como cómo "
    "carro casa pagar póliza poliza accidente ayuda llamo llamando nombre es soy estoy hablar "
    "alguien puede pueden me yo y en cuánto cuanto señor señora mí mis su sus auto"
)
SPANISH_DISTINCT = word_set(
    "hola necesito quiero seguro seguros favor gracias buenos buenas dias días tardes noches "
    "usted tengo una que qué con cómo carro casa pagar póliza poliza llamo llamando nombre soy "
    "estoy hablar alguien puede pueden cuánto cuanto señor señora"
)

LIVE_PERSON = any_of(
    [
        r"\b(?:real|live|actual)\s+(?:person|human|agent|body)\b",
        r"\brepresentative\b",
        r"\bhuman\b",
        r"\boperator\b",
        r"\b(?:talk|speak)\s+(?:to|with)\s+(?:a\s+|an\s+)?(?:someone|somebody|person|agent|rep)\b",
        r"\b(?:talk|speak)\s+(?:to|with)\s+(?:the|a|your)\s+(?:manager|supervisor|owner|boss)\b",
    ]
)
