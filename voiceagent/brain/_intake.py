"""How callers ask for the agency's everyday service: quotes, payments, changes, cancellations.

The seven intake intents of agency.md section 3, each as families of phrasings
written from how people talk, not from a keyword list: a new policy is "I need
general liability", "can you beat my price", "our insurance guy retired"; a change
is "add my daughter, she got her license", "take the collision off", "the dwelling
coverage needs to go up"; a rate question is "why am I paying more". Patterns run
on the plain text (`_speech.plain`); their order among intents is `_triggers`'.
"""

from __future__ import annotations

import re

from voiceagent.brain._entities import CARRIERS
from voiceagent.brain._lexicon import any_of

__all__ = [
    "CANCELLATION",
    "CHANGE",
    "COVERAGE",
    "DOCUMENTS",
    "DROPPED",
    "PAYMENT",
    "PAY_NOW",
    "QUOTE",
    "REVIEW",
    "SOMETHING_ELSE",
]

LINES = (
    r"(?:insurance|coverage|policy|policies|liability|workers'?\s+comp(?:ensation)?|comp"
    r"|umbrella|bonds?|bonding|homeowners?|renters?|auto|flood|life|health|malpractice"
    r"|d\s*(?:and|&)\s*o|e\s*(?:and|&)\s*o|errors\s+and\s+omissions|cyber|inland\s+marine"
    r"|builders?\s+risk|commercial\s+(?:auto|property|package)|business\s+owners?"
    r"|bop|general\s+liability|professional\s+liability|full\s+coverage|windstorm"
    r"|hazard|earthquake|condo|dwelling|landlord|motorcycle|boat|rv|pet|car\s+insurance"
    r"|sr[\s-]?22|fr[\s-]?44)\b"
)
"""Lines of insurance and the words for a policy, as callers name them."""
_CARRIER = "(?:" + "|".join(re.escape(c.lower()) for c in CARRIERS) + ")"
_SOME = r"(?:(?!my\b|our\b)[\w'&]+\s+){0,4}?"
"""A few words that are not "my" or "our": "I need [a new homeowners] policy"."""
_OWN = rf"(?:(?:my|our)\s+own\s+)?{_SOME}"
"""Also "my own": "I need my own policy" is a new one."""
_ITEM = r"(?:(?!my\b|our\b)[\w'&]+\s+){0,3}?"

DOCUMENTS = any_of(
    [
        r"\bdec(?:laration|larations)?s?\s+(?:page|sheet)s?\b",
        r"\bcopy\s+of\s+(?:my|the|our)\s+(?:\w+\s+)?(?:policy|declarations|insurance)\b",
        r"\b(?:id|insurance|proof\s+of\s+insurance|auto)\s+(?:id\s+)?cards?\b",
        r"\bneed\s+my\s+cards?\b|\bnew\s+cards?\b|\bpolicy\s+(?:documents|docs|paperwork)\b",
    ]
)
"""Documents the VA team sends: ID cards and dec pages, even when a lender wants them."""

PAY_NOW = any_of(
    [
        r"\b(?:want|need|like|trying|calling|have|going|able)\s+to\s+(?:make\s+(?:a\s+)?)?"
        r"(?:pay|payment)\b",
        r"\bpay\s+(?:it|this|that|the\s+balance|what\s+i\s+owe|off|my\s+bill)\b",
        r"\bmake\s+a\s+payment\b",
        r"\bnon[\s-]?payment\b|\bpast\s+due\b|\blate\s+(?:payment|fee)s?\b|\bdon't\s+pay\b",
        r"\b(?:cancell?ation|cancel|lapse)\s+notice\b|\bnotice\s+of\s+cancell?ation\b",
        r"\bpayment\s+(?:method|date|plan|info|information|schedule|options?)\b"
        r"|\bbilling\s+(?:info|information|address|date|cycle)\b|\bbehind\s+on\s+(?:my\s+)?payments?\b",
    ]
)
"""A payment asked for outright, or owed: it beats the cancellation notice it is meant to stop."""

DROPPED = any_of(
    [
        r"\b(?:dropped|dropping|non[\s-]?renew(?:ed|ing)|not\s+renewing|cancell?ed|cancell?ing)"
        r"\s+(?:me|us)\b",
        r"\b(?:got|been|being|was|were)\s+(?:dropped|non[\s-]?renewed)\b",
        r"\b(?:switch|move|moving|bring|transfer|put)\s+(?:\w+\s+){0,4}?(?:over\s+)?to\s+"
        r"(?:you|your\s+(?:agency|office|company))\b",
        r"\bbeat\s+(?:the|my|their|that|this|our)\s+(?:price|rate|quote|premium)\b",
        r"\bcan\s+you\s+(?:guys\s+)?(?:do\s+better|beat)\b",
        r"\bshop(?:ping)?\s+(?:it\s+|them\s+|for\s+|around\b)",
        r"\b(?:thinking\s+(?:about|of)|considering|looking\s+(?:at|into))\s+(?:switching|changing"
        r"|moving)\b|\blooking\s+to\s+(?:switch|change|move)\b|\bcompare\b",
        r"\badd\s+(?:a|an)\s+(?:new\s+)?(?:\w+\s+)?polic(?:y|ies)\b",
        r"\b(?:need|want|looking\s+for|find|get)\s+(?:a\s+)?(?:new|another|different)\s+(?:one|policy"
        r"|carrier|company|insurance|insurer|agent|agency)\b",
        r"\b(?:unhappy|not\s+happy|fed\s+up|tired|done|frustrated)\s+with\s+(?:my|our|the)\s+"
        r"(?:current\s+)?(?:\w+\s+)?(?:carrier|insurance|company|insurer|agent|agency|rates?)\b",
    ]
)
"""The carrier dropped the caller, or the caller comes over to us: a new policy."""

CANCELLATION = any_of(
    [
        r"\bcancel(?:l?ing|l?ed|s)?\b(?!\s+(?:my|the|an?|our)\s+(?:appointment|meeting))",
        r"\bcancellation\b(?!\s+notice)",
        r"\bterminat(?:e|ing|ion)\b",
        r"\b(?:stop|end|drop|close|discontinue)\s+(?:my|the|our|this)\s+(?:\w+\s+)?"
        r"(?:policy|policies|insurance|coverage|account)\b",
        r"\b(?:don't|do\s+not|no\s+longer|won't|will\s+not|doesn't)\s+(?:be\s+)?(?:need(?:ing)?"
        r"|want(?:ing)?)\s+"
        rf"(?:(?:my\s+|our\s+)?{_SOME}(?:{LINES}|it|them)\b|.*\banymore\b)",
        rf"\bswitch(?:ing|ed)?\s+(?:over\s+)?to\s+(?:another|a\s+different|a\s+cheaper|{_CARRIER})\b",
        r"\b(?:insurance|coverage|a\s+policy)\s+(?:elsewhere|somewhere\s+else)\b|\bshut\s+down\s+"
        r"(?:my|our|the)\s+(?:\w+\s+)?(?:policy|policies|account)\b",
        r"\bswitch(?:ing|ed)?\s+(?:carriers|insurance|insurers|companies|agencies|agents|to\s+another)\b",
        r"\b(?:went|going|go)\s+with\s+(?:another|a\s+different)\b",
        r"\bfound\s+(?:a\s+|some\s+)?(?:cheaper|better|lower)\b",
        r"\bnon[\s-]?renew\b|\b(?:don't|do\s+not)\s+(?:want\s+to\s+)?renew\b",
        r"\bdiscontinue\b",
        r"\b(?:remove|delete|drop|get\s+rid\s+of|get\s+out\s+of)\s+(?:my|the|our|this)\s+(?:whole\s+"
        r"|entire\s+)?(?:\w+\s+)?(?:policy|policies|insurance)\b",
    ]
)

_ADDED = (
    r"(?:vehicles?|cars?|trucks?|vans?|suvs?|drivers?|motorcycles?|boats?|trailers?|equipment"
    r"|excavator|tractor|teen|teenager|son|daughter|kid|child|wife|husband|spouse|girlfriend"
    r"|boyfriend|fiance|fiancee|partner|roommate|mom|dad|mother|father|employees?|location"
    r"|building|property|endorsement|roadside|rental|towing|coverage|jewelry|ring|camry|corolla"
    r"|civic|accord|f150|f-150|tesla|jeep|silverado|comprehensive|collision|uninsured|gap|umbrella"
    r"|flood|[a-z]+\s+coverage)"
)
CHANGE = any_of(
    [
        r"\bmake\s+(?:a\s+|an\s+|some\s+|a\s+few\s+)?(?:changes?|updates?|adjustments?|corrections?"
        r"|edits?)\b|\badjust(?:ment)?s?\b|\brevise\b|\bchange\s+(?:something|some\s+things|a\s+few\s+things)\b",
        r"\b(?:change|update|correct|fix)\s+(?:to\s+)?(?:the\s+|my\s+|our\s+)?(?:\w+\s+)?(?:policy"
        r"|address|vehicle|car|driver|name|mailing|garaging|email|phone\s+number|mileage|vin"
        r"|workers\s+comp|payroll|coverage|deductible|limits?|info|information|named\s+insured)\b",
        r"\bupdate\s+(?:my|the|our)\b",
        rf"\b(?:add|adding|remove|removing|delete|exclude|excluding|drop|dropping|take\s+off"
        rf"|put|putting|include|swap|swapping|replace|replacing)\s+(?:out\s+)?"
        rf"(?:one\s+of\s+(?:my|our|the)\s+)?(?:a\s+|an\s+"
        rf"|my\s+|our\s+|the\s+|another\s+|new\s+|second\s+|additional\s+|his\s+|her\s+|some\s+)*"
        rf"{_ITEM}{_ADDED}\b",
        r"\b(?:add|remove|put|take)\s+(?:it|him|her|them|that|this|someone|somebody)\s+"
        r"(?:on|to|off|from)\b|\btake\s+(?:\w+\s+){0,4}?off\b",
        r"\b(?:remove|delete|drop)\s+(?:it|him|her|them|that|this|one)\b",
        r"\b(?:be|get|got)\s+(?:added|removed|taken\s+off|put\s+on|listed|included)\b",
        r"\b(?:added|removed)\s+(?:to|from|as|on)\s+(?:my|our|the|a)\b",
        r"\b(?:needs?|has|have)\s+to\s+be\s+on\s+(?:the|my|our)\s+(?:\w+\s+)?(?:insurance|policy)\b",
        r"\b(?:needs?|want|like)\s+(?:it|him|her|them)\s+(?:added|removed|on|off)\b",
        r"\b(?:raise|raising|lower|lowering|increase|increasing|decrease|reduce|bump|up|change)\s+"
        r"(?:my|the|our)?\s*(?:\w+\s+){0,2}?(?:deductibles?|limits?|coverage|liability)\b",
        r"\b(?:coverage|limits?|deductible)\s+(?:needs?|has)\s+to\s+(?:go\s+(?:up|down)|increase"
        r"|be\s+(?:raised|lowered|increased|changed))\b",
        r"\bnew\s+(?:address|location|garaging|mailing)\b|\bchange\s+of\s+address\b",
        r"\b(?:moved|moving)\s+(?:our\s+|my\s+|the\s+)?(?:office|business|shop|store)?\s*"
        rf"(?:to|into)\s+a\s+new\b|\bi\s+moved\b(?!.*\b(?:need|want|looking)\b.*\b(?:{LINES}|quote)\b)",
        r"\b(?:son|daughter|kid|child|teen|teenager|grandson|granddaughter)\s+(?:just\s+)?(?:got"
        r"|is\s+getting|getting|gets|has)\s+(?:his|her|their|a)\s+(?:driver's\s+)?(?:license"
        r"|permit)\b",
        r"\bendorsement\b|\bmodify\b",
        r"\b(?:wrong|incorrect|misspelled|outdated)\b(?:\s+[\w']+){0,3}?\s+(?:on|in)\s+(?:my|our|the)\s+"
        r"(?:\w+\s+)?(?:policy|insurance|account|declarations?)\b|\b(?:policy|insurance)\s+has\s+the\s+"
        r"wrong\b|\boff\s+(?:of\s+)?(?:my|our|the)\s+(?:\w+\s+)?(?:policy|insurance)\b",
        r"\b(?:renting|rent)\s+(?:it|out|my\s+house)\b",
        r"\b(?:bought|purchased|got|leased|traded\s+in\s+for)\s+(?:a\s+|another\s+)?(?:new\s+)?"
        r"(?:\w+\s+)?(?:car|vehicle|truck|van|suv)s?\b.*\b(?:my|our|the)\s+(?:policy|insurance)\b",
        r"\b(?:sold|selling|traded\s+in|got\s+rid\s+of|no\s+longer\s+(?:own|have))\s+(?:one\s+of\s+)?"
        r"(?:my|our|the)\b",
        r"\b(?:change|update|correct|fix)\s+(?:the|my|our)\s+(?:\w+\s+){0,2}?(?:on|in)\s+(?:my|our|the)\s+"
        r"(?:\w+\s+)?(?:policy|insurance|account)\b",
        r"\b(?:switch|upgrade|downgrade)\s+(?:my|the|our)\s+(?:\w+\s+)?(?:coverage|policy|plan"
        r"|deductible)\b|\b(?:higher|lower|more|less|increased)\s+(?:\w+\s+)?(?:limits?|deductible)\b",
        r"\b(?:have|got)\s+(?:a\s+)?(?:new|another|teen|teenage)\s+drivers?\b|\bbeneficiary\b",
        r"\badded\s+(?:a|an|another|two|three|some|more|new|second)\b|\bcome\s+off\b|\bchange\s+(?:it\s+)?from\b"
        r"|\blist\s+(?:my|our|him|her|them)\b|\bin\s+my\s+name\b|\bturning\s+(?:16|sixteen)\b"
        r"|\btransfer\s+(?:the|my|our)\s+(?:\w+\s+)?(?:policy|car|vehicle|title)\b|\bsuspend\b",
        r"\badd(?:ing)?\s+(?:a|an|another|my|our|the|some|new|second|third|two|three)\b",
        r"\b(?:address|name|phone\s+number|email|job|garaging|last\s+name|commute|mileage|usage)\s+"
        r"(?:has\s+|just\s+)?changed\b|\b(?:won't|will\s+not|isn't|is\s+not|no\s+longer)\s+(?:be\s+)?"
        r"driving\b|\bin\s+(?:my|our|his|her)\s+(?:\w+'s\s+)?name\b",
        r"\b(?:got|getting|just\s+got)\s+(?:married|divorced)\b",
        r"\bswitch\s+(?:out\s+)?(?:my|the|our)\s+(?:\w+\s+)?(?:car|truck|vehicle|van|suv)s?\b",
        rf"\b(?:bought|got|purchased|picked\s+up|leased|hired|acquired|traded\s+in\s+for)\s+(?:a\s+"
        rf"|an\s+|another\s+|the\s+|two\s+|three\s+|some\s+|more\s+|new\s+|second\s+)+(?:\w+\s+)?"
        rf"(?:car|truck|vehicle|van|suv|drivers?|employees|locations?|equipment)s?\b"
        rf"(?!.*\b(?:need|want|looking)\b.*\b(?:{LINES}|quote)\b)",
    ]
)
"""Changes to a policy the caller has: who and what is on it, where, and how much."""

_PRICED = (
    r"(?:rate|rates|premium|premiums|bill|payment|payments|price|cost|renewal|insurance"
    r"|homeowners|auto|policy|it)"
)
COVERAGE = any_of(
    [
        r"\bcoverage\s+questions?\b|\bquestions?\s+about\s+(?:my\s+|our\s+)?coverage\b",
        r"\brate\s+questions?\b",
        r"\b(?:raised|increased|hiked|jacked\s+up)\s+(?:my|our|the)\s+(?:rates?|premiums?|prices?)\b"
        r"|\bdifference\s+between\b",
        rf"\b{_PRICED}\s+(?:\w+\s+){{0,3}}?(?:went|go|goes|going|gone|has\s+gone|have\s+gone|keeps\s+going"
        r"|shot|jumped)\s+(?:way\s+)?up\b",
        rf"\b{_PRICED}\s+(?:\w+\s+)?(?:increased|doubled|tripled|skyrocketed|jumped|rose)\b",
        r"\b(?:premium|rate|price|bill)s?\s+(?:increase|hike|went\s+up|is\s+so\s+high|is\s+too)\b"
        r"|\bincrease\s+(?:in|on)\s+(?:my|our|the)\s+(?:premium|rate|bill)\b",
        r"\bwhy\s+(?:is|are|did|does|has|am|do)\s+(?:my|our|i|we|it|the)\b(?:\s+\w+){0,4}?\s+"
        r"(?:so\s+)?(?:higher|high|more|up|expensive|increase|increased|paying|doubled)\b",
        r"\bpaying\s+(?:so\s+much\s+)?more\b",
        r"\bwhat(?:'s|\s+is|\s+are)\s+(?:my|our|the)\s+(?:\w+\s+)?(?:coverage|coverages|limits?"
        r"|deductibles?)\b|\bwhat(?:'s|\s+is|\s+are)\s+(?:my|our)\s+(?:\w+\s+)?(?:rates?|premiums?)\b",
        r"\b(?:do|does|am|are|did)\s+(?:i|we|my|our)\s+(?:\w+\s+){0,2}?(?:have|carry|got)\s+"
        r"(?:\w+\s+){0,2}?(?:coverage|comprehensive|collision|liability|uninsured|rental|roadside"
        r"|towing|gap|full\s+coverage|umbrella|flood|wind|replacement\s+cost)\b",
        r"\bdeductibles?\b",
        r"\b(?:my|policy|coverage|liability)\s+limits?\b|\blimits?\s+(?:on|of)\s+(?:my|our|the)\b",
        r"\b(?:understand|explain|go\s+over|know)\s+(?:\w+\s+){0,2}?(?:my|our|the)\s+"
        r"(?:\w+\s+)?(?:coverage|coverages|rate|premium|increase)\b",
        r"\bexplain\s+(?:it|that|this|why)\b",
        r"\bunderinsured\b|\bunder[\s-]insured\b",
        r"\b(?:verify|check|confirm|double[\s-]check)\s+(?:my|our)\s+(?:coverage|policy|insurance)\b",
        r"\bwhat\s+(?:happens|would\s+happen)\s+if\b",
        r"\bhow\s+much\s+(?:\w+\s+)?(?:coverage|liability|insurance)\s+(?:do|does)\s+(?:i|we|my|our)\b",
        r"\b(?:coverage|coverages|limits?|deductibles?)\s+(?:do|does)\s+(?:i|we|my|our)\s+(?:\w+\s+)?have\b"
        r"|\bhow\s+much\s+would\s+(?:i|we)\s+(?:get|be\s+paid|receive)\b",
    ]
)
"""Questions about the caller's own cover and price; "does my policy cover…" is a frame."""

PAYMENT = any_of(
    [
        r"\bpay(?:ing)?\s+(?:my|the|a|our|for|by|with|online|over)\b",
        r"\bpay\s+(?:my\s+)?premium\b",
        r"\bpayments?\b",
        r"\bproof\s+of\s+insurance\b",
        r"\bauto[\s-]?(?:pay|draft)\b|\bbank\s+draft\b|\bautomatic\s+(?:payments?|withdrawal)\b",
        r"\b(?:premium|payment|bill|installment)\s+(?:is\s+)?due\b|\bdue\s+date\b",
        r"\bbill(?:ing|ed)?\b|\binvoice\b|\bbalance\b|\bpast\s+due\b|\bnon[\s-]?payment\b",
        r"\bgrace\s+period\b|\blapsed?\b|\breinstat",
        r"\b(?:credit|debit)\s+card\b",
    ]
)
"""Paying and billing, and proof of insurance for the caller themselves."""

REVIEW = any_of(
    [
        r"\bpolicy\s+review\b|\bannual\s+review\b",
        r"\breview\s+(?:all\s+)?(?:my|our|the)\s+(?:\w+\s+)?(?:policy|policies|coverage|coverages"
        r"|insurance|account)\b",
        r"\brenewals?\b",
        r"\brenew(?:s|ed|ing)?\b",
        r"\b(?:go|look)\s+over\s+(?:all\s+)?(?:my|our|the|everything|it|them)\b",
        r"\bmake\s+sure\s+(?:i|we)\s+(?:have|are|got)\s+(?:enough|the\s+right|adequate)\b",
        r"\b(?:look|looking)\s+at\s+(?:my|our)\s+(?:\w+\s+)?(?:policy|policies|coverage)\b",
        r"\b(?:policy|policies|insurance|coverage)\s+(?:\w+\s+){0,3}?(?:expires?|expiring|is\s+up"
        r"|is\s+coming\s+up|comes\s+up|is\s+due)\b",
        r"\breview\b(?!\s+(?:on|for)\s+(?:google|yelp))|\bup\s+to\s+date\b",
        r"\blook(?:ed|ing)?\s+at\s+(?:my|our)\s+(?:\w+\s+)?insurance\b",
        r"\b(?:right|enough|adequate|proper)\s+(?:amount\s+of\s+)?coverage\b|\bcheck[\s-]?up\b",
    ]
)
"""Reviews and renewals ("don't renew" is a cancellation, read first)."""

QUOTE = any_of(
    [
        r"\bnew\s+(?:\w+\s+)?polic(?:y|ies)\b",
        r"\bquot(?:e|es|ed|ing)\b",
        rf"\b(?:looking|look)\s+(?:for|into|to\s+get|to\s+buy|at\s+getting)\s+{_OWN}{LINES}\b",
        rf"\b(?:need|needs|needed|want|wants|like|get|getting|buy|buying|carry|find|shop"
        rf"|shopping|interested\s+in|start|starting|purchase|set\s+up|setting\s+up|take\s+out"
        rf"|obtain|secure|in\s+the\s+market\s+for|sign\s+up\s+for|deals?\s+on)\s+{_OWN}{LINES}\b",
        r"\bwhat\s+you\s+(?:guys\s+)?(?:can|could)\s+(?:offer|do)\b|\b(?:run|cost)\s+(?:me|us)\b"
        r"|\bneed\s+something\s+(?:for|on)\s+(?:my|our|a|an|the)\b|\bnever\s+had\s+insurance\b",
        rf"\b(?:requires?|required|requiring)\s+(?:me\s+|us\s+)?(?:to\s+(?:have|carry|get)\s+)?"
        rf"{_SOME}{LINES}\b",
        rf"\b(?:info|information|details)\s+(?:on|about|for)\s+{_SOME}{LINES}\b",
        rf"\b(?:calling|call|asking|inquiring|wondering)\s+(?:about|regarding|for|on)\s+{_SOME}{LINES}\b",
        r"\b(?:get|getting|have|having)\s+(?:\w+\s+){0,3}?(?:insured|covered)\b",
        r"\bbundl(?:e|ing)\b|\bcompar(?:e|ing)\s+(?:rates|prices|quotes|insurance)\b",
        r"\bsave\s+(?:some\s+)?money\b|\bwhat\s+(?:do|would|will)\s+you\s+charge\b"
        r"|\bestimate\b|\b(?:your|the)\s+rates?\s+(?:for|on)\b|\brates?\s+(?:for|on)\s+(?:a|an)\b",
        r"\bfirst[\s-]time\s+(?:home\s*)?buyer\b|\bnew\s+(?:homeowner|home\s*owner|business\s+owner)\b"
        r"|\bi'm\s+a\s+new\s+driver\b|\b(?:would|will|does|it)\s+cost\b|\bcost\s+of\b",
        rf"\bhow\s+much\s+(?:is|are|would|will|does|for)\s+(?:\w+\s+){{0,3}}?{LINES}\b"
        r"|\bwhat\s+you\s+(?:guys\s+)?can\s+do\s+(?:for|on|with)\b|\bneed\s+(?:\w+\s+){0,3}?insured\b",
        r"\btoo\s+(?:expensive|high|much)\b",
        r"\bpricing\b|\bprices?\b|\bhow\s+much\s+(?:for|would|will|does|to|is\s+(?:it|a|an))\b"
        r"|\bhow\s+much\s+(?:\w+\s+){0,3}?(?:insurance|coverage|to\s+insure)\b",
        r"\bwhat\s+(?:would|will|does)\s+it\s+cost\b|\bcost\s+to\s+insure\b",
        r"\b(?:better|lower|cheaper|good|best|low|great|competitive)\s+(?:rates?|prices?|deal)\b",
        r"\b(?:insure|cover)\s+(?:my|a|an|our|the|two|three|some)\b",
        r"\bget\s+(?:insured|covered)\b|\b(?:to\s+)?be\s+insured\b",
        r"\b(?:don't|do\s+not|doesn't)\s+have\s+(?:any\s+)?(?:insurance|coverage)\b"
        r"|\b(?:uninsured|no\s+insurance)\s+(?:right\s+now|yet|at\s+the\s+moment)\b",
        r"\bbecome\s+a\s+(?:new\s+)?(?:client|customer)\b",
        r"\b(?:sales|new\s+business)\s+(?:department|team|agent|person|people)\b|\bsomeone\s+in\s+sales\b",
        rf"\bneed\s+(?:my|our)\s+own\s+{_SOME}{LINES}",
        r"\b(?:need|want|looking\s+for)\s+(?:a\s+)?(?:somebody|someone|an?)\s+new\b",
        r"\b(?:new|different|another)\s+(?:carrier|agent|agency|insurance\s+company)\b",
        r"\b(?:buying|bought|purchasing|closing\s+on|picking\s+up|just\s+got|moving\s+into)\s+"
        r"(?:a|an|my|our|the|this)\s+(?:new\s+)?(?:\w+\s+)?(?:house|home|condo|townhouse|car|boat"
        r"|motorcycle|rv|truck|vehicle|property|building|apartment)\b",
        r"\b(?:starting|opening|started|opened|launching)\s+(?:a|an|my|our)\s+(?:new\s+)?"
        r"(?!job\b|position\b|claim\b|account\b)",
    ]
)
"""A new policy: asked for, priced, shopped, or needed for something new."""

SOMETHING_ELSE = any_of(
    [
        r"\baccount\s+questions?\b",
        r"\bquestions?\s+(?:about|on|regarding|with)\s+(?:my|our|the)\s+(?:\w+\s+)?(?:account"
        r"|policy|policies|insurance)\b",
        r"\b(?:got|have)\s+(?:a|some|a\s+few)\s+(?:\w+\s+)?questions?\b",
        r"\bsomething\s+(?:on|about|with|regarding|in)\s+(?:my|our)\b",
        r"\bnot\s+sure\s+who\b|\bwho\s+(?:should|do|can)\s+i\s+(?:talk|speak)\s+to\b",
        r"\bhelp\s+(?:me\s+)?with\s+(?:something|my|our|a\s+few|some)\b|\bneed\s+(?:some\s+)?help\b",
        r"\b(?:talk|speak)\s+(?:to|with)\s+(?:someone|somebody|an?\s+agent|a\s+person|an?\s+rep"
        r"|an?\s+representative)\s+(?:about|regarding)\b",
        r"\b(?:issue|problem|trouble|concern)s?\s+(?:with|on|about|regarding)\s+(?:my|our|the)\b"
        r"|\bquestion\s+for\s+(?:my|an?|the)\s+agent\b|\babout\s+my\s+account\b",
        r"\b(?:have|got|having)\s+(?:an?\s+)?(?:issue|problem)s?\b|\bcheck\s+on\s+(?:something|my\s+account)\b"
        r"|\b(?:someone|somebody|a\s+lady|a\s+guy|an\s+agent)\s+from\s+(?:your|the)\s+(?:office|agency)\s+"
        r"(?:called|emailed|left|sent)\b|\breturning\s+(?:a|your|the)\s+call\b"
        r"|\bmissed\s+(?:a|your)\s+call\b|\b(?:calling|call)\s+(?:about|regarding)\s+(?:my|our)\s+"
        r"(?:\w+\s+)?(?:policy|policies|account|insurance)\b",
        r"\b(?:login|log(?:ging)?\s+(?:in|into|on)|sign(?:ing)?\s+in|password|username|portal|the\s+app"
        r"|online\s+account)\b",
        r"\b(?:letter|notice|email|mail|paperwork|form|document)s?\s+(?:about|from|regarding|saying"
        r"|for|in\s+the\s+mail)\b|\bweird\s+(?:letter|email|notice|call)\b",
        r"\b(?:got|received|getting)\s+(?:a|an|this|some)\s+(?:\w+\s+)?(?:letter|notice|email"
        r"|check|call|calls|text)\b",
        r"\binspection\b|\bwind\s+mitigation\b|\b(?:pictures|photos)\s+of\b",
        r"\bloss\s+runs?\b|\bclaims?\s+history\b",
        r"\bwho\s+(?:handles|is\s+handling|takes\s+care\s+of|do\s+i\s+talk\s+to)\b",
        r"\bmy\s+agent\s+(?:retired|left|quit)\b",
        r"\blegit\b|\bscam\b|\bfraud\b",
        r"\bexplain\s+(?:my|our|the)\s+policy\b",
        r"\bfollow(?:ing)?\s+up\b|\b(?:told|asked)\s+(?:me\s+)?to\s+call\b|\bcomplain(?:t|ing)?\b"
        r"|\bcomplicated\b|\bwhat's\s+going\s+on\s+with\s+(?:my|our)\b|\bpolicy\s+number\b"
        r"|\bstatus\s+of\s+(?:my|our)\s+(?:\w+\s+)?(?:policy|application|account|refund)\b"
        r"|\blook\s+(?:at|into)\s+something\b",
    ]
)
"""The catch-all: account questions, letters and notices, logins, "who handles my account"."""
