"""Speech as it is transcribed, made plain for reading what the caller means.

Speech-to-text writes what people say, not what they mean to write: "um", "uh",
"I need to can- I mean change my policy", "does uh does my car insurance cover…",
"wanna", "y'all", "theres". `plain` removes the noise of speaking (fillers,
stutters, false starts and their corrections) and spells informal words the usual
way, so the phrase tables match a sentence however it was said. Only meaning is
read from the plain text; values (names, numbers, spellings) are read from the
words as said.
"""

from __future__ import annotations

import re

__all__ = ["plain"]

_INFORMAL = {
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "lemme": "let me",
    "gimme": "give me",
    "kinda": "kind of",
    "y'all": "you",
    "ya'll": "you",
    "yall": "you",
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "couldnt": "couldn't",
    "wont": "won't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "theres": "there's",
    "thats": "that's",
    "whats": "what's",
    "wheres": "where's",
    "hows": "how's",
    "youre": "you're",
    "theyre": "they're",
    "hes": "he's",
    "shes": "she's",
    "o.k.": "okay",
    "ok": "okay",
}
"""Informal spellings a transcriber writes, and the usual spelling of each."""

_INFORMAL_RE = re.compile(
    r"(?<![\w'])(?=[a-z])(" + "|".join(map(re.escape, _INFORMAL)) + r")(?![\w'])"
)
_FILLER = re.compile(r"(?<![\w'-])(?=[ueahm])(?:u+h+|u+m+|e+r+m*|a+h+|h+m+|m+h*m+)(?![\w'-])[,.]?")
"""Sounds that carry no meaning ("uh-huh" is a yes, and is kept)."""
_CUT_WORD = re.compile(r"(?<![\w'])[a-z]+-(?=\s)")
"""A word broken off ("can-"): the speaker started a word and chose another."""
_I_MEAN = re.compile(r"(?:,\s*|\s+)(?:i\s+meant?|or\s+rather),?\s+")
_SPACES = re.compile(r"\s+")
_NUMBER_WORDS = frozenset(
    ("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
)


def _correct(text: str) -> str:
    """Drop what a correction replaces: "my phone, I mean my car" is "my car".

    The words after "I mean" replace the last earlier words that start the same way;
    with no such start, only the phrase "I mean" goes.
    """
    while True:
        match = _I_MEAN.search(text)
        if match is None:
            return text
        before, after = text[: match.start()], text[match.end() :]
        first = after.split(maxsplit=1)[0] if after.split() else ""
        words = before.split()
        start = None
        for back in range(1, min(4, len(words)) + 1):
            if words[-back] == first:
                start = len(words) - back
                break
        kept = words[:start] if start is not None else words
        text = " ".join([*kept, after]) if kept else after


def _unstutter(text: str) -> str:
    """Say each run of up to three words repeated at once only once ("does does my").

    Digits ("five five five") and letters ("l l") are never collapsed.
    """
    words = text.split()
    if len(set(words)) == len(words):
        return text  # no word said twice: nothing to collapse
    kept: list[str] = []
    for word in words:
        kept.append(word)
        for size in (1, 2, 3):
            run = kept[-size:]
            if (
                len(kept) >= 2 * size
                and kept[-2 * size : -size] == run
                and not any(w in _NUMBER_WORDS or len(w) == 1 for w in run)
            ):
                del kept[-size:]
                break
    return " ".join(kept)


def plain(text: str) -> str:
    """The utterance lowercased, without fillers, stutters or false starts.

    >>> plain("I need to can- I mean change my policy")
    'i need to change my policy'
    >>> plain("so uh quick question does uh does my car insurance cover uh towing")
    'so quick question does my car insurance cover towing'
    """
    lowered = text.lower().replace("\u2019", "'")
    lowered = _INFORMAL_RE.sub(lambda m: _INFORMAL[m.group(1)], lowered)
    lowered = _FILLER.sub(" ", lowered)
    lowered = _CUT_WORD.sub(" ", lowered)
    lowered = _SPACES.sub(" ", lowered).strip()
    lowered = _correct(lowered)
    return _unstutter(lowered).strip(" ,")
