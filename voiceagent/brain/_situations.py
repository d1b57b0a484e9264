"""Claims told as what happened: storms, leaks, fallen trees, fender benders, theft, injuries.

Callers rarely say "I want to file a claim". They tell what happened ("a tree
came down on my car in the storm", "some guy merged right into me on I-4", "a
customer tripped in our shop"), and the receptionist hears a claim. Each family
here is a kind of loss, written as the ways people describe it: something struck
something, water got in, something was taken, someone got hurt, something is
damaged. They are read from the text with supposed, asked-about and denied spans
blanked (`_frames`), so "does my policy cover a tree falling on the house" is not
a claim.
"""

from __future__ import annotations

from voiceagent.brain._lexicon import any_of

__all__ = ["CLAIM_REQUEST", "CLAIM_SITUATION"]

CLAIM_REQUEST = any_of(
    [
        r"\b(?:file|filing|filed|make|making|report|reporting|open|opening|start|starting"
        r"|submit|submitting|put\s+in|turn\s+in)\s+(?:a\s+|an\s+|the\s+|my\s+|this\s+)?(?:new\s+)?"
        r"(?:insurance\s+|auto\s+|home\s+|car\s+|property\s+)?claim\b",
        r"\bclaims?\b(?!\s+(?:department|check|checks|history))",
        r"\b(?:report|reporting)\s+(?:a\s+|an\s+|the\s+)?(?:loss|accident|incident|damage|theft"
        r"|break[\s-]?in|it|this)\b",
        r"\badjuster\b",
    ]
)
"""A claim asked for by name: "file a claim", "my claim number", "report a loss"."""

_PROPERTY = (
    r"(?:car|truck|van|vehicle|suv|jeep|motorcycle|bike|boat|rv|camper|trailer|golf\s+cart"
    r"|house|home|roof|garage|fence|mailbox|shed|porch|pool|lanai|building|store|shop|office"
    r"|warehouse|restaurant|condo|apartment|unit|windshield|window|windows|door|gate|wall"
    r"|ceiling|floor|kitchen|bathroom|bedroom|yard|driveway|property|equipment|trailer"
    r"|back\s+door|side|bumper|fender|hood|tailgate|screen|enclosure|cage|carport|dock)"
)
_VICTIM = (
    r"(?:me|us|him|her|them|it|my|our|his|their|a|an|the|another|someone's|somebody's|[a-z]+'s)\b"
)
_STRUCK = any_of(
    [
        r"\baccident\b",
        r"\bfender[\s-]?benders?\b",
        r"\b(?:wreck|wrecked|crash|crashed|pile[\s-]?up)\b",
        r"\b(?:in|into|had|have\s+been\s+in|was)\s+(?:a|an)\s+(?:\w+\s+)?collision\b",
        r"\b(?:hit|hits|struck|smashed|slammed|plowed|rammed|crashed|sideswiped)\s+(?:right\s+)?"
        rf"(?:into\s+|in\s+to\s+)?{_VICTIM}",
        rf"\b(?:ran|run|backed|bumped|merged|pulled|swerved|slid)\s+(?:right\s+)?into\s+{_VICTIM}",
        r"\b(?:got|was|were|been|get|getting)\s+(?:hit|rear[\s-]?ended|t[\s-]?boned|sideswiped"
        r"|totaled|backed\s+into|run\s+into|struck|side[\s-]?swiped)\b(?!\s+with\b)",
        r"\brear[\s-]?ended\b|\bt[\s-]?boned\b|\btotall?ed\b|\bhit\s+and\s+run\b",
        r"\b(?:took|knocked|wiped)\s+out\s+(?:my|our|the|a)\b",
        r"\b(?:knocked|blew|blown|ripped|torn|tore)\s+(?:\w+\s+){0,3}?(?:over|down|off|apart|open|out)\b",
        r"\b(?:flipped|rolled\s+over|overturned)\b|\bdeer\b|\bran\s+over\b",
        r"\bthrough\s+(?:my|our|the)\s+(?:window|windshield|windows|wall|fence|garage|roof|ceiling)\b",
        r"\b(?:dinged|chipped|caving\s+in|fell\s+(?:at|in)\s+(?:home|work|the|our|my))\b",
        r"\b(?:cracks?|dents?|scratch(?:es)?|holes?)\s+in\s+(?:my|our|the)\b|\bincident\b",
        r"\bwind\s+(?:took|blew|ripped|tore)\b|\b(?:sank|sunk|sinking)\b|\bfile\s+(?:a\s+)?(?:report"
        r"|for\s+damages?)\b",
        r"\b(?:came\s+down|come\s+down|fell|falling|fallen|crashed)\s+(?:down\s+)?"
        r"(?:on|onto|into|through)\s+"
        r"(?:my|our|the|his|her|their|a)\b",
        r"\b(?:tree|limb|branch|pole|power\s+line)s?\s+(?:fell|came\s+down|went\s+down|landed"
        r"|down\s+(?:on|onto))\b",
        r"\b(?:dent|dented|dents|scratched|keyed|cracked|shattered|smashed|busted|broken|broke)\b"
        rf"(?:\s+[\w']+){{0,3}}?\s+{_PROPERTY}s?\b",
        rf"\b{_PROPERTY}'?s?\s+(?:\w+\s+){{0,2}}?(?:is|was|got|are|were)\s+(?:all\s+)?(?:\w+\s+)?"
        r"(?:dented|cracked|shattered|smashed|crushed|damaged|destroyed|ruined|caved\s+in"
        r"|collapsed|gone|missing|busted|broken|keyed|scratched|dinged|vandalized|hit|stolen|totaled"
        r"|flooded)\b",
        r"\bcollapsed\b|\bcaved\s+in\b",
        r"\b(?:slid|skidded|spun\s+out|hydroplaned|went\s+off\s+the\s+road)\b"
        r"|\binto\s+a\s+(?:ditch|canal|pond|lake|tree|pole|wall|median|guardrail)\b",
    ]
)
"""Something struck something: collisions, falls, a tree or a pole on the house."""

_WEATHER = any_of(
    [
        r"\b(?:storm|hurricane|hail|wind|tornado|lightning|flood|winds|hailstorm|thunderstorm"
        r"|tropical\s+storm)\s+damage\b",
        r"\bdamage[ds]?\s+(?:from|in|during|by|after)\s+(?:the\s+|a\s+|this\s+|that\s+|last\s+)?"
        r"(?:\w+\s+)?(?:storm|hurricane|hail|wind|tornado|lightning|flood|rain|fire)\b",
        r"\b(?:during|in|after|from)\s+(?:the\s+|a\s+|this\s+|that\s+|all\s+this\s+|last\s+"
        r"night's\s+)?(?:\w+\s+)?(?:storm|hurricane|hailstorm|tornado)\b|\bafter\s+the\s+(?:flood|fire)\b",
        r"\b(?:had|got|was|were)\s+(?:some\s+|a\s+lot\s+of\s+|bad\s+)?hail\b",
        r"\blightning\s+(?:struck|hit|strike)\b|\bstruck\s+by\s+lightning\b|\bhit\s+by\s+lightning\b",
        r"\bsinkhole\b",
        r"\bfema\b",
    ]
)
"""Weather and ground: storms, hail, lightning, sinkholes."""

_WATER = any_of(
    [
        r"\bwater\s+damage\b",
        r"\bleak(?:s|ing|ed|y)?\b",
        r"\b(?:burst|busted|broke|broken|bursted|froze|frozen|cracked)\s+(?:\w+\s+)?pipes?\b"
        r"|\bpipes?\s+(?:\w+\s+)?(?:burst|broke|bursted|busted|leaked|froze|cracked)\b",
        r"\b(?:water\s+heater|dishwasher|washing\s+machine|washer|toilet|sink|ac|a/c|tub)"
        r"\s+(?:\w+\s+)?(?:burst|broke|leaked|overflowed|flooded|exploded)\b",
        r"\bflood(?:ed|ing)\b(?!\s+(?:insurance|coverage|policy|zone))|\bin\s+(?:a|the)\s+flood\b(?!\s+zone)",
        r"\bwater\s+(?:is\s+|was\s+)?(?:coming|came|got|getting|everywhere|all\s+over|in\s+the"
        r"|into|pouring|seeping|leaking|dripping|up\s+through|through)\b",
        r"\b(?:sewage|sewer|septic)\s+(?:backed|back|backup|overflow)",
        r"\bmold\b(?!\s+(?:coverage|exclusion))",
        r"\bhole\s+in\s+(?:my|our|the)\s+(?:roof|ceiling|wall)\b",
    ]
)
"""Water got in: leaks, burst pipes, floods, mold."""

_FIRE = any_of(
    [
        r"\bfires?\b(?!\s+(?:insurance|pit|place|works|department|extinguisher|alarm|station"
        r"|hydrant|protection|code|marshal|sprinkler))",
        r"\bsmoke\s+damage\b|\bburn(?:ed|t)\s+(?:down|up)\b|\bcaught\s+(?:on\s+)?fire\b",
        r"\b(?:fried|blew\s+out|surge)\b.*\b(?:computers?|electronics|tv|ac|panel)\b",
    ]
)
"""Fire, smoke, a power surge."""

_TAKEN = any_of(
    [
        r"\btheft\b|\bstolen\b|\bstole\b|\bsteal(?:ing)?\b|\brobbed\b|\brobbery\b",
        r"\bbreak[\s-]?in\b|\bbroke\s+in(?:to)?\b|\bbroken\s+into\b|\bburglar(?:y|ized|s)?\b",
        r"\b(?:kicked|busted|pried|forced)\s+(?:in|open)\b",
        r"\b(?:someone|somebody|they|thieves|burglars|he|she|a\s+guy)\s+(?:took|grabbed|got\s+away"
        r"\s+with)\s+(?:my|our|the|all|everything)\b(?!\s+(?:payment|money|info|information"
        r"|card|check|premium|order|call|name|number))",
        r"\bvandal(?:s|ism|ized|ised)?\b|\bspray[\s-]?painted\b|\bgraffiti\b",
        r"\bcatalytic\s+converter\b",
        r"\blost\s+(?:my|our)\s+(?:ring|jewelry|wallet|phone|laptop|bag|purse|luggage)\b",
        r"\b(?:was|were|got|been)\s+(?:taken|snatched|swiped)\b(?!\s+(?:care|off|out|over))",
        r"\b(?:tv|purse|wallet|laptop|bike|tools|jewelry)\s+(?:is|was|are|were)\s+(?:gone|missing)\b",
    ]
)
"""Something was taken or vandalised."""

_HURT = any_of(
    [
        r"\b(?:got|was|were|been|is|are|get|gets|getting)\s+(?:badly\s+|seriously\s+)?"
        r"(?:hurt|injured|bitten|burned)\b",
        r"\bhurt\s+(?:his|her|their|my|our)\b|\b(?:neck|back|arm|leg|head)\s+hurts\b",
        r"\binjured\b|\b(?:an|the|his|her|their|my)\s+injury\b",
        r"\b(?:slipped|tripped)\b",
        r"\bfell\s+(?:down|off|over|through|and|from|in\s+(?:the|our|my))\b",
        r"\bbroke\s+(?:his|her|their|my)\s+(?:wrist|arm|leg|ankle|hip|nose|back)\b",
        r"\b(?:dog|cat)\s+bit\b|\bbit\s+(?:a|the|my|our|someone|somebody)\b",
        r"\b(?:suing|sued)\s+(?:me|us)\b|\b(?:filed|threatening)\s+(?:a\s+)?lawsuit\b",
        r"\bambulance\b|\b(?:went|taken)\s+to\s+the\s+hospital\b",
    ]
)
"""Someone got hurt: on the property, at work, in the car."""

_DAMAGED = any_of(
    [
        rf"\b(?:my|our|the|his|her)\s+(?:\w+\s+)?{_PROPERTY}s?\s+(?:\w+\s+)?"
        r"(?:got|was|were|is|are|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:damaged|destroyed|ruined)\b",
        r"\b(?:have|has|had|got|there's|there\s+is)\s+(?:some\s+|a\s+lot\s+of\s+)?(?:\w+\s+)?damage\b",
        r"\b(?:damaged|ruined|destroyed)\s+(?:my|our|the|his|her|all)\b",
        r"\bshingles\b|\broof\s+(?:is|was)\s+(?:missing|gone)\b",
    ]
)
"""Something is damaged, however it happened."""

CLAIM_SITUATION = any_of(
    [
        _STRUCK.pattern,
        _WEATHER.pattern,
        _WATER.pattern,
        _FIRE.pattern,
        _TAKEN.pattern,
        _HURT.pattern,
        _DAMAGED.pattern,
    ]
)
"""Every kind of loss, as one search."""
