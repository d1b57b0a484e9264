"""Stand-ins for a caller's personal data that keep the call's routing the same.

A stored call becomes a regression test (`voiceagent calls export`) only once
nothing in it can identify the caller. Each value the caller gave is replaced,
everywhere the caller said it, by a stand-in the agency's rules treat the same way:

- a last name (said, or spelled letter by letter) by one with the same first
  letter, so the same alpha split owns it;
- a business name by one with the same routing letter and the same prefix ("The",
  "Law offices of" kept as said);
- a first name by a common one that is no staff member's name or alias;
- a phone number by a fictional one of the same length (555-01xx);
- any other number of four or more digits by as many fictional digits, and an
  email address by one at example.com.

Stand-ins are chosen from the original value's hash, so one value always gets the
same stand-in. What the caller asked for by name (a staff member) and the carrier
they named are not the caller's personal data and are kept: routing depends on them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from statecharts import AgencyConfig, normalize_spelling, routing_letter, words_to_digits
from voiceagent.replay.recorded import RecordedError

__all__ = ["KEPT_FIELDS", "StandIns", "UncoveredFieldError", "stand_ins"]

_SURNAMES = {
    "A": ("Abbott", "Ashby"), "B": ("Barker", "Bristow"), "C": ("Carver", "Colby"),
    "D": ("Dalton", "Dorsey"), "E": ("Ellison", "Easton"), "F": ("Fowler", "Finch"),
    "G": ("Garner", "Gibbs"), "H": ("Hollis", "Hayden"), "I": ("Ingram", "Irving"),
    "J": ("Jarvis", "Jensen"), "K": ("Keller", "Kirby"), "L": ("Lawson", "Lyle"),
    "M": ("Mercer", "Marlow"), "N": ("Nolan", "Norris"), "O": ("Orton", "Osborne"),
    "P": ("Porter", "Pruitt"), "Q": ("Quinlan", "Quarles"), "R": ("Rowe", "Rutledge"),
    "S": ("Sutton", "Sawyer"), "T": ("Tanner", "Thorpe"), "U": ("Upton", "Underhill"),
    "V": ("Vance", "Varley"), "W": ("Walsh", "Whitmore"), "X": ("Xander", "Xiong"),
    "Y": ("Yates", "Yardley"), "Z": ("Zeller", "Zimmer"),
}  # fmt: skip
"""Two stand-in last names for each letter (the second where the first is the caller's)."""
_BUSINESS_WORDS = {
    "A": "Alder", "B": "Birch", "C": "Cedar", "D": "Dogwood", "E": "Elmwood", "F": "Fernhill",
    "G": "Ginkgo", "H": "Hazel", "I": "Ironwood", "J": "Juniper", "K": "Kestrel", "L": "Linden",
    "M": "Maple", "N": "Nutmeg", "O": "Oakridge", "P": "Pinecrest", "Q": "Quince", "R": "Rowan",
    "S": "Spruce", "T": "Tamarack", "U": "Upland", "V": "Vinewood", "W": "Willow", "X": "Xylem",
    "Y": "Yewdale", "Z": "Zelkova",
}  # fmt: skip
_FIRST_NAMES = ("Jordan", "Casey", "Morgan", "Riley", "Avery", "Quinn", "Parker", "Reese")
_FICTIONAL = "5550100"
"""US numbers 555-0100 to 555-0199 are set aside for fiction."""
_OTHER_NUMBER = re.compile(r"\d[\d\s\-().]{2,}\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")

KEPT_FIELDS = frozenset({"name", "carrier"})
"""Personal-data fields (as the logs see them) kept as said: in an event's arguments,
`name` is the staff member asked for and `carrier` the insurer, and routing depends on
both."""


class UncoveredFieldError(RecordedError):
    """The call holds personal data in a field no stand-in covers: nothing is exported."""


def _pick(options: Sequence[str], original: str) -> str:
    digest = hashlib.sha256(original.casefold().encode()).digest()
    choice = options[digest[0] % len(options)]
    if choice.casefold() == original.casefold() and len(options) > 1:
        choice = options[(digest[0] + 1) % len(options)]
    return choice


def _digits(original: str, count: int) -> str:
    """`count` fictional digits, the last two from the original's hash."""
    digest = hashlib.sha256(original.encode()).hexdigest()
    tail = f"{int(digest[:6], 16) % 100:02d}"
    body = ("407" + _FICTIONAL) if count >= 10 else _FICTIONAL
    filler = (body * 3)[: max(count - 2, 0)]
    return (filler + tail)[-count:] if count >= 2 else tail[:count]


def surname(original: str) -> str:
    """A last name with the same first letter (A-Z; any other keeps its first character)."""
    letter = normalize_spelling(original[:1]) or original[:1].upper()
    options = _SURNAMES.get(letter)
    return _pick(options, original) if options else f"{original[:1]}ollins"


def first_name(original: str, taken: Iterable[str]) -> str:
    """A common first name that is no staff member's name or alias (nor the caller's)."""
    avoid = {word.casefold() for word in taken} | {original.casefold()}
    options = [name for name in _FIRST_NAMES if name.casefold() not in avoid]
    return _pick(options, original)


def phone(original: str) -> str:
    """A fictional number with as many digits, 555-01xx for a ten-digit US number.

    Never the original itself (a caller may have given a fictional number too).
    """
    digits = "".join(c for c in original if c.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        standin = "1" + _digits(digits, 10)
    else:
        standin = _digits(digits, len(digits))
    if standin == digits and digits:
        bumped = (int(standin[-2:] or "0") + 1) % 100
        standin = f"{standin[:-2]}{bumped:02d}"
    return standin


def business(original: str, prefixes: Sequence[str]) -> str:
    """A business name with the same routing letter and the same prefix, as said."""
    words = original.split()
    kept = 0
    for prefix in sorted(prefixes, key=lambda p: -len(p.split())):
        size = len(prefix.split())
        if [w.casefold() for w in words[:size]] == [w.casefold() for w in prefix.split()]:
            kept = size
            break
    letter = routing_letter(original, prefixes)
    word = _BUSINESS_WORDS.get(letter.upper(), f"{letter}-Star")
    if kept and kept == len(words):  # nothing but a prefix: it routes on the prefix itself
        return original
    standin = " ".join([*words[:kept], word, "Supply Co"])
    if standin.casefold() == original.casefold():  # the caller's business is a stand-in's
        standin = " ".join([*words[:kept], word, "Trading Co"])
    return standin


@dataclass
class StandIns:
    """The replacements for one call: each original value, with its stand-in."""

    words: dict[str, str] = field(default_factory=dict)
    """Whole words or phrases, matched case-insensitively (names, business names)."""
    spellings: dict[str, str] = field(default_factory=dict)
    """Spelled-out letters ("URBAN"), wherever the caller spelled them."""
    numbers: dict[str, str] = field(default_factory=dict)
    """Digits ("4075550123"), however the caller said them."""
    caller_number: str | None = None

    def apply(self, text: str, keep: Iterable[str] = ()) -> str:
        """`text` with every personal value replaced; words in `keep` are left alone.

        Names first (so "Urban" becomes a name, not letters), then spellings, then
        numbers however they were said, then emails and any other long number.
        """
        kept = {w.casefold() for value in keep for w in _TOKEN.findall(value)}
        for original, standin in sorted(self.words.items(), key=lambda kv: -len(kv[0])):
            pattern = r"\b" + r"\s+".join(map(re.escape, original.split())) + r"\b"

            def swap(match: re.Match[str], s: str = standin) -> str:
                return match.group(0) if match.group(0).casefold() in kept else s

            text = re.sub(pattern, swap, text, flags=re.IGNORECASE)
        for letters, standin in self.spellings.items():
            text = _replace_runs(text, _spells(letters), standin)
        for digits, standin in self.numbers.items():
            text = _replace_runs(text, _says_digits(digits), standin)
        text = _EMAIL.sub("caller@example.com", text)
        ours = {"".join(c for c in n if c.isdigit()) for n in self.numbers.values()}
        return _OTHER_NUMBER.sub(lambda m: _other_digits(m.group(0), ours), text)


def _spells(letters: str) -> Callable[[str], bool]:
    return lambda run: normalize_spelling(run) == letters


def _says_digits(digits: str) -> Callable[[str], bool]:
    return lambda run: words_to_digits(run) == digits


def _other_digits(run: str, ours: set[str]) -> str:
    digits = "".join(c for c in run if c.isdigit())
    if len(digits) < 4 or digits in ours:
        return run
    return _digits(digits, len(digits))


def _replace_runs(text: str, matches: Callable[[str], bool], standin: str) -> str:
    """Replace, each time, the shortest run of whole tokens that `matches`, till none is left."""
    for _ in range(8):  # a caller says a value a few times at most
        tokens = list(_TOKEN.finditer(text))
        best: tuple[int, int] | None = None
        for i in range(len(tokens)):
            for j in range(i, min(len(tokens), i + 40)):
                start, end = tokens[i].start(), tokens[j].end()
                if matches(text[start:end]):
                    if best is None or end - start < best[1] - best[0]:
                        best = (start, end)
                    break
        if best is None:
            return text
        text = text[: best[0]] + standin + text[best[1] :]
    return text


_ORDER = ("last_name", "last_name_spelled")
"""Fields whose stand-ins depend on another's: a spelling follows the name it spells."""


def stand_ins(
    arguments: Iterable[Mapping[str, object]],
    config: AgencyConfig,
    *,
    personal: Iterable[str],
    caller_number: str | None,
) -> StandIns:
    """The stand-ins for every personal value among the events' `arguments`.

    Args:
        arguments: Every recorded event's arguments.
        config: The agency (prefixes, staff names to avoid).
        personal: The names of fields that hold personal data (the logs' list).
        caller_number: The number the call came from, if the line gave it.

    Raises:
        UncoveredFieldError: A personal-data field this module has no stand-in for.
    """
    fields = frozenset(personal) - KEPT_FIELDS
    given: dict[str, list[str]] = {}
    for args in arguments:
        for key, value in args.items():
            if key in fields and isinstance(value, str) and value.strip():
                given.setdefault(key, []).append(value)
    staff = [w for m in config.staff for w in (*m.name.split(), *m.aliases)]
    result = StandIns()
    for key in sorted(given, key=lambda k: _ORDER.index(k) if k in _ORDER else -1):
        for value in given[key]:
            _add(result, key, value, config, staff)
    if caller_number:
        digits = "".join(c for c in caller_number if c.isdigit())
        standin = phone(digits)
        result.caller_number = "+" + standin
        result.numbers[digits] = _grouped(standin[-10:])
        if len(digits) == 11 and digits.startswith("1"):
            result.numbers[digits[1:]] = _grouped(standin[-10:])
    return result


def _grouped(digits: str) -> str:
    """Digits as a caller says a number: "407 555 0142"."""
    return f"{digits[:-7]} {digits[-7:-4]} {digits[-4:]}".strip()


def _add(result: StandIns, key: str, value: str, config: AgencyConfig, staff: list[str]) -> None:
    if key == "last_name":
        result.words[value] = surname(value)
    elif key == "last_name_spelled":
        letters = normalize_spelling(value)
        same = next((s for o, s in result.words.items() if o.upper() == letters), None)
        result.spellings[letters] = " ".join((same or surname(letters)).upper())
    elif key == "first_name":
        result.words[value] = first_name(value, staff)
    elif key in ("phone", "phone_number"):
        digits = "".join(c for c in value if c.isdigit())
        result.numbers[digits] = _grouped(phone(digits))
    elif key == "business_name":
        result.words[value] = business(value, config.alpha_prefixes)
    elif key == "email":
        result.words[value] = "caller@example.com"
    else:
        msg = f"the call holds personal data in {key!r}, which no stand-in covers"
        raise UncoveredFieldError(msg)
