"""The phrases the offline brain listens for beyond intents, as compiled pattern tables.

Security and scope topics (agency.md section 7), corrections, yes and no, "that's all", and the
answers to the chart's multiple-choice questions are written here once, as data,
and compiled at import, so reading an utterance is a handful of regex searches.
Patterns run on the lowercased, whitespace-collapsed utterance. The intents' own
trigger phrases are in `_triggers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from statecharts import RedirectTopic

__all__ = [
    "CALLBACK",
    "CERTIFICATE_EXISTING",
    "CERTIFICATE_NEW",
    "CLIENT_EXISTING",
    "CLIENT_NEW",
    "CORRECTION",
    "DONE",
    "DONT_KNOW",
    "INJECTION_WORDS",
    "LEAVE_MESSAGE",
    "NO",
    "NOT_NAMES",
    "REDIRECT_TABLE",
    "ROLE_BANK",
    "ROLE_POLICYHOLDER",
    "UNTRUSTED_TOPICS",
    "VENDOR",
    "YES",
    "any_of",
    "word_set",
]


def word_set(words: str) -> frozenset[str]:
    """A table of words written as one whitespace-separated string, for readability."""
    return frozenset(words.split())


def any_of(patterns: Iterable[str]) -> re.Pattern[str]:
    """One compiled alternation of `patterns`, so a family costs a single search.

    Every phrase starts a word, so the search tries the alternatives only where a word
    starts: several times faster than trying them at every character.
    """
    return re.compile(r"(?<![\w'])(?=\w)(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")


_INJECTION = [
    r"\byou\s+are\s+now\b|\byou're\s+now\b",
    r"\bpretend\b",
    r"\blet's\s+play\b|\bplay\s+a\s+game\b",
    r"\brole[\s-]?play\b",
    r"\bact\s+(?:as|like)\s+(?:a|an|my|if)\b",
    r"\bpirates?\b|\barr+\b|\bahoy\b|\bmatey\b",
    r"\bno\s+(?:restrictions|rules|limits|filters)\b",
    r"\bjailbreak\b|\bdan\s+mode\b",
    r"\bnew\s+instructions\b|\bnew\s+rules?\s*:|\b(?:forget|ignore|disregard)\s+(?:everything|all\s+that"
    r"|what\s+you\s+(?:were|was|have\s+been)\s+told)\b|\b(?:respond|answer|reply)\s+only\b",
    r"\bfrom\s+now\s+on\s+you\b",
    r"\b(?:talk|speak)\s+like\s+(?:a|an)\b",
    r"\baccent\b|\bimpression\s+of\b|\bsing\s+(?:me\s+)?(?:a\s+)?song\b",
    r"\bbe\s+my\s+(?:girlfriend|boyfriend|friend|grandma|mom|therapist)\b"
    r"|\b(?:speak|talk|answer)\s+(?:only\s+)?in\s+(?:french|german|italian|chinese|japanese|pig\s+latin"
    r"|russian|rhymes?)\b|\btalk\s+like\b",
]
_INSTRUCTIONS = [
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|your\s+|the\s+|my\s+|of\s+"
    r"|previous\s+|prior\s+|above\s+|earlier\s+|these\s+|those\s+)*(?:instructions?|rules|prompts?"
    r"|directions|guidelines|programming)\b",
    r"\byour\s+(?:system\s+)?(?:instructions|prompts?|programming|guidelines|rules|directives)\b",
    r"\bsystem\s+(?:prompt|message|instructions)\b",
    r"\bwhat\s+are\s+(?:the|your)\s+instructions\b",
    r"\bwhat\s+(?:tools|functions)\s+(?:do|can)\s+you\b",
    r"\bfunction\s+(?:names?|calls?)\b",
    r"\bhow\s+(?:are|were)\s+you\s+(?:programmed|built|made|trained|configured)\b",
    r"\bwhat\s+were\s+you\s+told\b",
    r"\beverything\s+above\b|\babove\s+this\s+line\b|\brepeat\s+(?:everything|all\s+of\s+that|your)\b",
    r"\bchat\s*gpt\b|\bgpt\b|\bopenai\b|\blanguage\s+model\b|\b(?:what|which)\s+(?:ai\s+)?model\b",
    r"\bwho\s+(?:made|built|programmed|created|trained)\s+you\b",
    r"\bare\s+you\s+(?:an?\s+)?(?:ai|a\.i\.|chat\s*bot|artificial\s+intelligence)\b",
    r"\b(?:your|the)\s+(?:rules|configuration|config|settings|source\s+code|training)\b"
    r"|\bhow\s+do\s+you\s+work\b|\bare\s+you\s+(?:not\s+)?allowed\s+to\b",
]
_ADMIN = [
    r"\badmin(?:istrator|istrative)?\s+(?:access|system|panel|rights|privileges|mode|account"
    r"|password|console|login)\b",
    r"\bgive\s+me\s+(?:admin|root|full|system|backend|database)\s+access\b",
    r"\broot\s+access\b",
    r"\baccess\s+(?:to|into)\s+(?:the\s+|your\s+)?(?:admin|backend|database|system|computer)\b",
    r"\bsudo\b",
    r"\bdisable\b|\bturn\s+off\s+(?:your|the)\s+(?:\w+\s+)?(?:filters?|safety|rules|security)\b"
    r"|\bdiagnostics?\b|\b(?:i'm|i\s+am)\s+(?:with|from)\s+(?:it|tech\s+support)\b",
    r"\blet\s+me\s+into\b|\breset\s+(?:the|your)\s+system\b|\bshut\s+(?:yourself\s+)?(?:down|off)\b"
    r"|\bi'm\s+(?:your|the)\s+(?:developer|programmer|admin|administrator|creator)\b|\boverride\b"
    r"|\bpassword\s+(?:for|to)\s+(?:the|your)\b|\bunlock\s+(?:the|your)\b",
    r"\b(?:maintenance|debug|developer|god|admin)\s+mode\b",
]
_OTHER_CALLERS = [
    r"\b(?:last|previous|prior|earlier)\s+(?:caller|person\s+who\s+called|customer|client)s?\b",
    r"\bother\s+(?:callers?|customers'|clients'|people's)\b",
    r"\bwho\s+(?:else\s+)?(?:has\s+|just\s+)?called\b",
    r"\bsomeone\s+else's\s+(?:policy|number|phone|information|info|address|account|details)\b",
    r"\banother\s+(?:caller|customer|client)'s\b",
    r"\b(?:address|phone\s+number|number|policy\s+number|information|info|details|coverage)"
    r"\s+(?:of|for)\s+(?:your|another|a|my|the|some)\s+(?:other\s+)?(?:customer|client|neighbor"
    r"|friend|coworker|co-worker|policyholder|insured)s?\b",
    r"\bmy\s+(?:neighbor|friend|coworker|ex)(?:'s)?\s+(?:policy|number|info|address|coverage)\b",
    r"\b(?:person|people|caller|guy|lady)\s+(?:before|ahead\s+of)\s+me\b"
    r"|\b(?:messages?|voicemails?)\s+(?:someone|somebody|other\s+people|others)\s+left\b"
    r"|\b(?:personal|cell|home)\s+(?:cell\s+)?(?:numbers?|phones?|address(?:es)?)\s+(?:of|for)\b",
    r"\b(?:list\s+of|all)\s+(?:your\s+|the\s+)?(?:clients|customers|policyholders)\b"
    r"|\bon\s+file\s+for\s+(?!me\b|my\b|us\b)",
]
_OFF_TOPIC = [
    r"\bbook\s+(?:me\s+)?(?:a\s+)?(?:flight|hotel|table|trip|cruise|ticket|rental\s+car"
    r"|vacation)s?\b",
    r"\bflights?\s+to\b",
    r"\bweather\s+(?:like|today|tomorrow|forecast)\b|\bwhat's\s+the\s+weather\b",
    r"\btell\s+me\s+a\s+(?:joke|story)\b",
    r"\b(?:write|compose)\s+(?:me\s+)?a\s+(?:poem|song|essay|story|program)\b",
    r"\brecipe\b",
    r"\b(?:sports?|game)\s+scores?\b|\bwho\s+won\s+the\b",
    r"\border\s+(?:a\s+|me\s+a\s+)?pizza\b",
    r"\bstock\s+(?:price|market|tip)s?\b",
    r"\bmeaning\s+of\s+life\b",
    r"\bhomework\b",
    r"\b(?:good|best|nice|cheap)\s+(?:restaurant|place\s+to\s+eat|hotel|bar|movie)s?\b",
    r"\brecommend\s+(?:a|an|some)\s+(?:good\s+)?(?:restaurant|hotel|movie|mechanic|bar|lawyer"
    r"|doctor|dentist|plumber|contractor|book)\b",
    r"\bcheck\s+engine\b|\boil\s+change\b|\bflat\s+tire\b|\bmechanic\b",
    r"\bpizza\b|\bhow\s+(?:tall|high|far\s+away|big)\s+is\s+the\b|\bmemes?\b|\belection\b"
    r"|\bpolitics\b|\bdo\s+you\s+(?:like|enjoy|love)\s+(?!my\b)|\bdirections\s+to\s+(?!your\b|the\s+office\b"
    r"|you\b|there\b|the\s+agency\b)",
    r"\bjokes?\b|\bwhat\s+time\s+is\s+it\b|\b(?:uber|lyft|taxi)\b|\bplay\s+(?:some\s+)?(?:music|a\s+song)\b"
    r"|\b(?:plus|minus|times|divided\s+by)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b"
    r"|\btranslate\b|\bbitcoin\b|\bcrypto\b|\bwho\s+is\s+the\s+president\b|\bthe\s+news\b",
    r"\bcapital\s+of\b|\bfavorite\s+(?:color|food|movie|song|team|animal)\b|\btax(?:es|\s+return)\b"
    r"|\bwho\s+won\b|\bmeaning\s+of\b|\btell\s+me\s+about\s+yourself\b",
]
_POLICY_DETAILS = [
    r"\b(?:what|how\s+much)\s+(?:is|are)\s+my\s+(?:deductibles?|premiums?|limits?|coverage\s+"
    r"(?:amount|limit)s?|policy\s+number|balance)\b",
    r"\bwhat's\s+my\s+(?:deductible|premium|limit|policy\s+number|balance|coverage\s+amount)\b",
    r"\bhow\s+much\s+(?:coverage|liability)\s+do\s+i\s+have\b",
    r"\b(?:look|pull)\s+up\s+my\s+(?:policy|account|coverage)\b",
    r"\bwhat\s+does\s+my\s+policy\s+say\b",
]

REDIRECT_TABLE: tuple[tuple[RedirectTopic, re.Pattern[str]], ...] = (
    (RedirectTopic.ROLE_PLAY, any_of(_INJECTION)),
    (RedirectTopic.INSTRUCTIONS, any_of(_INSTRUCTIONS)),
    (RedirectTopic.ADMIN, any_of(_ADMIN)),
    (RedirectTopic.OTHER_CALLERS, any_of(_OTHER_CALLERS)),
    (RedirectTopic.POLICY_DETAILS, any_of(_POLICY_DETAILS)),
    (RedirectTopic.OFF_TOPIC, any_of(_OFF_TOPIC)),
)
"""Security and scope topics (agency.md section 7), most serious first."""

UNTRUSTED_TOPICS = frozenset(
    {
        RedirectTopic.ROLE_PLAY,
        RedirectTopic.INSTRUCTIONS,
        RedirectTopic.ADMIN,
        RedirectTopic.OTHER_CALLERS,
    }
)
"""Topics that make the whole utterance untrusted: nothing else in it is acted on."""

CORRECTION = any_of(
    [r"\bactually\b", r"\bi\s+meant?\b", r"\bcorrection\b", r"\bnot\s+(?:personal|business)\b",
     r"^no,?\s+(?:it's|it\s+is|for|i)\b", r"^wait\b", r"\bsorry,?\s+(?:i|it)\b"]
)  # fmt: skip
YES = re.compile(
    r"^(?:yes|yeah|yep|yup|ya|sure|correct|right|exactly|absolutely|of\s+course|ok|okay"
    r"|uh[\s-]?huh|affirmative|i\s+do|i\s+would|please\s+do|that's\s+right)\b"
)
NO = re.compile(r"^(?:no|nope|nah|not\s+really|negative|i\s+don't|i\s+do\s+not)\b")
DONT_KNOW = any_of(
    [r"\b(?:don't|do\s+not|dunno)\s+know\b", r"\bnot\s+sure\b", r"\bno\s+(?:idea|clue)\b",
     r"\b(?:can't|cannot|don't)\s+remember\b", r"\bforgot\b", r"\bunsure\b"]
)  # fmt: skip
DONE = any_of(
    [
        r"\bthat's\s+(?:all|it|everything)\b|\bthat\s+is\s+(?:all|it|everything)\b",
        r"\bthat'll\s+be\s+all\b|\bthat\s+will\s+be\s+all\b",
        r"\bnothing\s+else\b",
        r"\b(?:good)?bye\b",
        r"\b(?:i'm|we're)\s+all\s+set\b",
        r"^(?:i'm|we're)\s+(?:done|good)\b",
        r"^no,?\s+(?:thanks|thank\s+you)\b",
        r"\bhave\s+a\s+(?:good|great|nice)\s+(?:day|one|evening|night|afternoon|weekend)\b",
        r"\bno\s+(?:more|other|further)\s+questions\b",
        r"^(?:no|nope|nah),?\s+(?:i'm|i\s+am|we're|we\s+are)\s+(?:good|fine|all\s+set|okay)\b",
        r"\bthat\s+(?:answers|answered|covers|helps|does\s+it|was\s+all|was\s+it|was\s+everything)\b",
        r"\b(?:you've\s+been|you\s+were|you're)\s+(?:very\s+|so\s+|really\s+|a\s+big\s+|a\s+great\s+)?"
        r"(?:helpful|help)\b",
        r"\bi'll\s+(?:just\s+)?(?:call|contact|try|reach\s+out\s+to)\s+(?:\w+\s+){0,2}?(?:now|right\s+now"
        r"|then|later|tomorrow|in\s+the\s+morning|directly)\b",
        r"\bnever\s*mind\b|\bforget\s+it\b|\bi'll\s+pass\b|\bno\s+worries\b|^all\s+good\b",
        r"\btake\s+care\b|\btalk\s+to\s+you\s+later\b|\b(?:i\s+)?appreciate\s+(?:it|your\s+help)\b"
        r"|\b(?:i\s+think\s+)?(?:i'm|we're)\s+(?:all\s+)?good\s+(?:now|then|for\s+now)\b"
        r"|\bi'll\s+(?:give\s+them\s+a\s+call|do\s+that|try\s+that|reach\s+out)\b",
        r"\bthanks?\s+(?:you\s+)?(?:so\s+much\s+|very\s+much\s+)?for\s+(?:your|the|all)\b"
        r"|\bthat's\s+(?:exactly\s+)?what\s+i\s+needed\b|\bshould\s+do\s+it\b",
        r"\bi'll\s+(?:just\s+)?(?:call|contact|reach|email)\s+(?:them|back|you\s+back|later|him|her"
        r"|it)\b",
    ]
)
CALLBACK = any_of(
    [r"\b(?:call|ring|get)\s+me\s+back\b", r"(?<!i'll\s)(?<!will\s)\bcall[\s-]?back\b(?!\s+later)",
     r"\b(?:have|can|could|would|will|please)\s+(?:[\w']+\s+){0,3}?(?:call|contact|reach|ring)"
     r"\s+me\b(?!\s+(?:at|on|by)\b)",
     r"\bgive\s+me\s+a\s+(?:call|ring)\b", r"\breturn\s+my\s+call\b"]
)  # fmt: skip
LEAVE_MESSAGE = any_of(
    [r"\bleave\s+(?:a\s+|him\s+a\s+|her\s+a\s+|them\s+a\s+)?(?:message|voicemail|note)\b",
     r"\btake\s+a\s+message\b"]
)  # fmt: skip

CERTIFICATE_NEW = any_of(
    [
        r"\bnew\s+(?:certificate|coi|cert)\b|\banother\s+(?:certificate|coi|cert)\b",
        r"\b(?:certificate|coi|cert)s?\s+(?:for|to)\s+(?:a|an|my|our)\s+(?:new\s+)?(?:\w+\s+)?(?:client"
        r"|customer|job|contract|project|vendor|venue|landlord|contractor|event|property\s+manager)\b",
    ]
)
CERTIFICATE_EXISTING = any_of(
    [
        r"\bexisting\s+(?:certificate|coi)\b",
        r"\b(?:question|problem|issue)s?\s+(?:about|with|on)\s+(?:a|an|my|the|our)\s+"
        r"(?:existing\s+)?(?:certificate|coi)\b",
        r"\b(?:certificate|coi)\s+(?:i|we)\s+(?:already\s+)?(?:have|got|received)\b",
        r"\b(?:wrong|error|mistake)s?\s+(?:on|in)\s+(?:my|the|our)\s+(?:certificate|coi)\b",
        r"\b(?:certificate|coi|cert)s?\s+(?:that's|that\s+has|that\s+was|you)\s+(?:already\s+)?"
        r"(?:been\s+)?(?:issued|sent)\b|\b(?:update|fix|correct|change|revise|amend)\s+(?:a|the|my|our"
        r"|an\s+existing)\s+(?:certificate|coi|cert)\b",
    ]
)
CLIENT_EXISTING = any_of(
    [r"\b(?:existing|current|established)\s+(?:client|customer)\b",
     r"\b(?:i|we)\s+(?:already\s+)?have\s+(?:a\s+)?polic(?:y|ies)\s+with\s+(?:you|y'all)\b",
     r"\bbeen\s+with\s+(?:you|y'all|your\s+agency)\b|\byou\s+(?:guys\s+)?(?:insure|cover|handle)\s+"
     r"(?:my|our)\b",
     r"\binsured\s+(?:with|by|through)\s+(?:you|your)\b",
     r"\b(?:have|got)\s+(?:my\s+|our\s+|a\s+)?(?:\w+\s+){0,2}?(?:policy|policies|insurance|coverage)\s+"
     r"(?:with|through)\s+(?:you|your)\b|\bwith\s+you\s+(?:guys\s+|all\s+)?already\b",
     r"\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:a\s+|an\s+|your\s+)?(?:existing\s+|current\s+)?"
     r"(?:clients?|customers?)\b"]
)  # fmt: skip
CLIENT_NEW = any_of(
    [r"\b(?:become|becoming)\s+a\s+(?:new\s+)?(?:client|customer)\b",
     r"\bnew\s+(?:client|customer)\b", r"\bprospective\b",
     r"\bnot\s+(?:a\s+|an\s+|your\s+)?(?:client|customer)(?:\s+yet)?\b"]
)  # fmt: skip
VENDOR = any_of(
    [r"\bvendor\b", r"\bsales\s+call\b", r"\bi'm\s+selling\b", r"\bpartnership\b",
     r"\bmarketing\b", r"\bsolicit", r"\bsell(?:ing)?\s+(?:you|your)\b", r"\badvertis"]
)  # fmt: skip
ROLE_BANK = any_of(
    [r"\b(?:i'm|i\s+am|we're|we\s+are|calling)\s+(?:from|with)\s+(?:the|a)\s+(?:bank|lender"
     r"|mortgage\s+company)\b", r"\bi'm\s+(?:the|a)\s+(?:lender|bank)\b"]
)  # fmt: skip
ROLE_POLICYHOLDER = any_of(
    [r"\bpolicy\s*holder\b", r"\bhomeowner\b",
     r"\b(?:i'm|i\s+am)\s+the\s+(?:insured|owner|customer|client|borrower)\b",
     r"\b(?:my|our)\s+(?:own\s+)?(?:policy|home|house|mortgage|loan|insurance|car|truck|vehicle"
     r"|boat|condo)\b"]
)  # fmt: skip


NOT_NAMES = word_set(
    """a an the and or but so to of in on at by for from with about as into over after before
    i me my mine we us our you your he him his she her they them their it its this that these
    those is am are was were be been being do does did have has had will would can could may
    might must shall should not no nor yes yeah yep ok okay sure just only also very really
    here there where when why how what who whom which while if then than too again still even
    calling call called looking trying wondering hoping interested having getting going coming
    need needs want wants like would sorry fine good great well bad new old sure glad happy
    ready done all any some someone somebody anyone anybody everyone nobody none something
    anything nothing everything insurance policy coverage quote claim claims car home house auto
    business personal company agent representative person human manager supervisor owner
    office help please thanks thank hi hello hey um uh er ah oh calling regarding about
    because since until urgent important one two three four five six seven eight nine ten
    number phone name last first spelled spelling spell letter letters extension ext
    speaking available around today tomorrow now back right wrong correct actually just
    currently moving buying selling switching thinking still already almost a.m p.m
    ignore instructions instruction transfer system prompt admin access pirate pretend
    client customer vendor bank lender mortgage certificate payment bill existing ma'am maam
    sir miss mister spanish english espanol operator reception receptionist billing sales
    service services accounting underwriting renewals department team front desk whoever
    anyone's everybody guy guys lady folks people staff boss rep agents reps free busy
    commercial auto home life renters flood"""
)
"""Words that are never a person's name, whatever follows "I'm", "this is" or "please"."""

INJECTION_WORDS = word_set("ignore instructions transfer extension system prompt")
"""Words that make a "name" an instruction in disguise (agency.md section 7)."""
