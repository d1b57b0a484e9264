"""Finding a carrier's 24/7 claims line from the name a caller says.

After hours a caller with a claim is given their carrier's claims number, so a
wrong match reads out a wrong number to someone who may have just had an
accident. The lookup therefore prefers asking to guessing: a split-line carrier
("Tower Hill", "Travelers") is picked by the caller's line of business or else
needs the line, a name two carriers share is ambiguous, loose matches never beat
exact or prefix ones, and no number is ever made up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from statecharts._agency import AgencyConfig, Carrier, InsuranceLine

__all__ = ["CarrierMatch", "find_carrier"]

_MIN_LOOSE = 3
"""Shortest query allowed a prefix or whole-word match: a fragment such as "In" or "CL"
is a speech-to-text scrap, and reading out Infinity's number for it would be a guess.
Exact names ("ASI", "CNA") match at any length."""

_SEPARATORS = re.compile(r"[\s\-_./,&]+")
_APOSTROPHES = re.compile(r"['\u2018\u2019`]")


@dataclass(frozen=True, slots=True)
class CarrierMatch:
    """The result of looking up a carrier by name."""

    carrier: Carrier | None
    """The one carrier meant, or None when it is unknown, ambiguous or needs the line."""
    needs_line: bool
    """A split-line carrier was named and the line is unknown: ask business or personal."""
    candidates: tuple[Carrier, ...]
    """The carriers still in the running: the match itself, or the ones to choose from."""

    @property
    def found(self) -> bool:
        """Whether there is a number to read out."""
        return self.carrier is not None

    @property
    def ambiguous(self) -> bool:
        """Several different carriers match: ask which one, never pick."""
        return self.carrier is None and not self.needs_line and len(self.candidates) > 1


def _key(text: str) -> str:
    """A comparison key: casefolded, accents and apostrophes dropped, separators as one space.

    Speech-to-text writes "Peoples Trust" or "Auto-Owners" for the spreadsheet's
    "People's Trust" and "Auto Owners"; both sides go through the same folding.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = _APOSTROPHES.sub("", plain.casefold())
    return _SEPARATORS.sub(" ", plain).strip()


def _contains_word(name: str, query: str) -> bool:
    """Whether `query` occurs in `name` as whole words ("farm" in "state farm", not "arm")."""
    return re.search(rf"(?<!\w){re.escape(query)}(?!\w)", name) is not None


def _by_line(members: tuple[Carrier, ...], line: InsuranceLine | None) -> CarrierMatch:
    """Resolve two or more carriers of one split-line family by the caller's line of business."""
    on_line = tuple(member for member in members if line is not None and member.line is line)
    if len(on_line) == 1:
        return CarrierMatch(on_line[0], needs_line=False, candidates=on_line)
    return CarrierMatch(None, needs_line=True, candidates=members)


def _resolve(hits: tuple[Carrier, ...], line: InsuranceLine | None) -> CarrierMatch:
    """Turn the hits of one pass into a match: one carrier, one family, or ambiguous."""
    if len(hits) == 1:
        return CarrierMatch(hits[0], needs_line=False, candidates=hits)
    families = {hit.family for hit in hits}
    if len(families) == 1 and None not in families:
        return _by_line(hits, line)
    return CarrierMatch(None, needs_line=False, candidates=hits)


def find_carrier(config: AgencyConfig, query: str, line: InsuranceLine | None) -> CarrierMatch:
    """Look up the carrier a caller names, for its 24/7 claims number.

    Passes, strongest first; the first that hits anything decides:

    1. a carrier name, exactly ("Tower Hill CL" said in full picks that line);
    2. a split-line family name ("Travelers"), picked by `line` or else `needs_line`;
    3. carrier names starting with the query ("Progressiv" is Progressive);
    4. carrier names containing the query as whole words ("Peninsula" is Florida
       Peninsula), so a loose match never beats an exact or prefix one.

    Passes 3 and 4 need three or more characters, so short scraps never match.

    Within a pass, one hit is the match and hits that are all one family are picked
    by line; hits naming different carriers ("Universal") are ambiguous.

    Args:
        config: The agency, whose carrier list is the only source of numbers.
        query: The carrier as the caller said it.
        line: The caller's line of business, when known.

    Returns:
        The match; `carrier` is None unless exactly one carrier is meant.
    """
    key = _key(query)
    if not key:
        return CarrierMatch(None, needs_line=False, candidates=())
    carriers = config.carriers
    names = [(carrier, _key(carrier.name)) for carrier in carriers]
    loose = len(key) >= _MIN_LOOSE
    passes: tuple[tuple[Carrier, ...], ...] = (
        tuple(carrier for carrier, name in names if name == key),
        tuple(carrier for carrier in carriers if carrier.family and _key(carrier.family) == key),
        tuple(carrier for carrier, name in names if loose and name.startswith(key)),
        tuple(carrier for carrier, name in names if loose and _contains_word(name, key)),
    )
    for hits in passes:
        if hits:
            return _resolve(hits, line)
    return CarrierMatch(None, needs_line=False, candidates=())
