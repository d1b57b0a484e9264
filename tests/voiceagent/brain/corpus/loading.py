"""Reading the corpus files: the schema, checked, with a clear line for every mistake.

The schema is documented at the top of `dev.yaml` and `heldout.yaml`; this module is
its one reader. A mistake in the data (an unknown label, a fact the chart has no field
for, an earlier turn the chart refuses) is a `CorpusError` naming the file and line,
so the corpus cannot silently measure something other than what it says.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from statecharts import INTAKE_INTENTS
from voiceagent.session.tools import LLM_EVENTS

__all__ = [
    "FACTS",
    "HERE",
    "INTENT_LABELS",
    "LABELS",
    "PARTS",
    "TIMES",
    "CorpusError",
    "Earlier",
    "Entry",
    "load",
    "load_part",
]

HERE = Path(__file__).parent
PARTS = ("dev", "heldout")
"""The development part (look at it freely) and the held-out part (never tune to it)."""

TIMES = ("open", "lunch", "closed")
"""Office statuses an utterance can be said in (see `scoring.CLOCK`)."""

INTENT_LABELS = frozenset(intent.value for intent in INTAKE_INTENTS)
"""Labels that stand for a `request` event with that intent."""
EVENT_LABELS = frozenset(LLM_EVENTS - {"request", "confirm_phone", "repeat"})
"""`confirm_phone` is left out: it is offered only on spoken calls, once a number has been
read back, which the corpus's text situations never reach; its yes and no are covered by
tests/voiceagent/brain/test_phone_confirmation.py. `repeat` ("could you repeat that?")
came after the corpus was written; it is covered by tests/voiceagent/brain/test_policy.py
until the corpus gains entries for it."""
LABELS = frozenset(INTENT_LABELS | EVENT_LABELS | {"none"})
"""A turn's single label: an intake intent, another caller event, or `none`."""

FACTS = (
    "first_name",
    "last_name",
    "last_name_spelled",
    "phone",
    "business_name",
    "insurance_type",
    "carrier",
    "message",
)
"""Facts a turn can state. `message` is only checked to be recorded, not its words."""

_ENTRY_KEYS = frozenset({"say", "at", "before", "asks", "intent", "also", "args", "facts", "why"})
_ARGUMENTS = {
    "ask_for_person": {"name"},
    "redirect": {"topic"},
    "certificate": {"kind"},
    "certificate_kind": {"kind"},
    "mortgagee_request": {"role"},
    "caller_role": {"role"},
    "give_reason": {"kind"},
    "caller_kind": {"kind"},
}
"""The key arguments a label may name, by event."""


class CorpusError(ValueError):
    """A corpus file that does not follow the schema, with the file and line."""


@dataclass(frozen=True, slots=True)
class Earlier:
    """An earlier caller turn, replayed as if understood: what was said and what it fired."""

    said: str
    events: tuple[tuple[str, Mapping[str, str]], ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """One labelled caller utterance and the situation it is said in."""

    part: str
    number: int
    line: int
    say: str
    at: str
    before: tuple[Earlier, ...]
    asks: str | None
    """The question pending when the caller speaks, as the chart names it (checked)."""
    intent: str
    also: tuple[str, ...]
    """Other labels that are just as right (rare: two events with the same effect)."""
    args: Mapping[str, tuple[str, ...]]
    """Key arguments of the labelled event, each with its acceptable values."""
    facts: Mapping[str, str | None]
    """Facts stated in the utterance; None means "either way" (neither required nor wrong)."""

    @property
    def id(self) -> str:
        """`part:number`, stable while the file keeps its order."""
        return f"{self.part}:{self.number}"

    def accepts(self, label: str) -> bool:
        """Whether `label` counts as understanding this utterance."""
        return label == self.intent or label in self.also


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it: the corpus loads in a blink."""


class _LineLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """A safe loader that remembers each mapping's line, for error messages."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = dict(loader.construct_mapping(node, deep=True))
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def _fail(where: str, message: str) -> CorpusError:
    return CorpusError(f"{where}: {message}")


def _text(where: str, value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"{what} must be non-empty text, got {value!r}")
    return value


def _strings(where: str, value: object, what: str) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    return tuple(_text(where, v, what) for v in values)


def _events(where: str, value: object) -> tuple[tuple[str, Mapping[str, str]], ...]:
    if not isinstance(value, dict):
        raise _fail(where, f"`as` must map event names to arguments, got {value!r}")
    events = []
    for name, arguments in value.items():
        if name == "__line__":
            continue
        if name not in LLM_EVENTS:
            raise _fail(where, f"unknown event {name!r} in `as`")
        given = {} if arguments is None else dict(arguments)
        given.pop("__line__", None)
        events.append((name, {k: str(v) for k, v in given.items()}))
    return tuple(events)


def _earlier(where: str, value: object) -> Earlier:
    if not isinstance(value, dict) or set(value) - {"said", "as", "__line__"}:
        raise _fail(where, f"an earlier turn is {{said: text, as: {{event: args}}}}, got {value!r}")
    return Earlier(_text(where, value.get("said"), "said"), _events(where, value.get("as") or {}))


def _facts(where: str, value: object) -> dict[str, str | None]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(where, f"facts must be a mapping, got {value!r}")
    facts: dict[str, str | None] = {}
    for name, fact in value.items():
        if name == "__line__":
            continue
        if name not in FACTS:
            raise _fail(where, f"unknown fact {name!r} (one of {', '.join(FACTS)})")
        if name == "insurance_type" and fact not in (None, "business", "personal"):
            raise _fail(where, f"insurance_type is business or personal, got {fact!r}")
        if name == "message" and fact not in (None, True):
            raise _fail(where, "message is `true` (a message must be recorded) or `~`")
        facts[name] = None if fact is None else str(fact)
    return facts


def _arguments(where: str, intent: str, value: object) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(where, f"args must be a mapping, got {value!r}")
    allowed = _ARGUMENTS.get(intent, set())
    arguments = {}
    for name, expected in value.items():
        if name == "__line__":
            continue
        if name not in allowed:
            raise _fail(where, f"{intent} has no key argument {name!r}")
        arguments[name] = _strings(where, expected, f"args.{name}")
    return arguments


def _entry(part: str, number: int, raw: object, path: Path) -> Entry:
    if not isinstance(raw, dict):
        raise _fail(f"{path.name}: entry {number}", f"an entry is a mapping, got {raw!r}")
    line = int(raw.get("__line__", 0))
    where = f"{path.name}:{line}"
    unknown = set(raw) - _ENTRY_KEYS - {"__line__"}
    if unknown:
        raise _fail(where, f"unknown key(s) {', '.join(sorted(unknown))}")
    intent = _text(where, raw.get("intent"), "intent")
    also = _strings(where, raw["also"], "also") if "also" in raw else ()
    for label in (intent, *also):
        if label not in LABELS:
            raise _fail(where, f"unknown label {label!r}")
    at = raw.get("at", "open")
    if at not in TIMES:
        raise _fail(where, f"at is one of {', '.join(TIMES)}, got {at!r}")
    before = raw.get("before") or []
    if not isinstance(before, list):
        raise _fail(where, "before is a list of earlier turns")
    asks = raw.get("asks")
    return Entry(
        part=part,
        number=number,
        line=line,
        say=_text(where, raw.get("say"), "say"),
        at=at,
        before=tuple(_earlier(where, turn) for turn in before),
        asks=None if asks is None else _text(where, asks, "asks"),
        intent=intent,
        also=also,
        args=_arguments(where, intent, raw.get("args")),
        facts=_facts(where, raw.get("facts")),
    )


@functools.cache
def load_part(part: str, directory: Path = HERE) -> tuple[Entry, ...]:
    """Every entry of one part (`dev` or `heldout`), checked against the schema."""
    path = directory / f"{part}.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        raise CorpusError(f"{path.name}: not valid YAML: {error}") from None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CorpusError(f"{path.name}: the file is a mapping with a list under `entries`")
    return tuple(_entry(part, n, raw, path) for n, raw in enumerate(entries, start=1))


def load(directory: Path = HERE) -> dict[str, tuple[Entry, ...]]:
    """Both parts, by name."""
    return {part: load_part(part, directory) for part in PARTS}
