"""Scenario files: how an agency writes down what its receptionist must do.

A scenario is YAML: a clock, caller turns, and expectations on the outcome, the
target, the states entered, and phrases said or never said. This module reads and
checks them; `scenarios.py` runs them.

```yaml
scenarios:
  - name: personal quote, M-Z, open
    at: 2026-11-24T10:00
    turns: ["I need a quote for my car", "Kelly Urban, U R B A N, 407 555 0123"]
    expect:
      outcome: transfer
      target: {name: Brad, extension: "7007"}
      states_include: [triage.intake, transfer]
      said: ["connecting you with Brad"]
      never_said: ["closed"]
```
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Scenario", "ScenarioError", "load_scenarios", "parse_scenario"]

_EXPECTATIONS = frozenset(
    {"outcome", "target", "states", "states_include", "said", "never_said", "caller"}
)


class ScenarioError(ValueError):
    """A scenario file that cannot be read, naming the file and the problem."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """One scripted call and what it must do."""

    name: str
    at: datetime
    turns: tuple[str, ...]
    expect: Mapping[str, Any]
    caller_number: str | None = None
    transfers_fail: bool = False
    source: str = ""


def _scenario(raw: object, source: str, index: int) -> Scenario:
    where = f"{source}: scenario {index + 1}"
    if not isinstance(raw, Mapping):
        msg = f"{where}: must be a mapping with name, at, turns and expect"
        raise ScenarioError(msg)
    name = str(raw.get("name") or f"scenario {index + 1}")
    where = f"{source}: {name}"
    at = raw.get("at")
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at)
        except ValueError:
            msg = f"{where}: at {at!r} is not an ISO-8601 date and time"
            raise ScenarioError(msg) from None
    if not isinstance(at, datetime):
        msg = f"{where}: 'at' (the office clock, ISO-8601) is required"
        raise ScenarioError(msg)
    turns = raw.get("turns")
    if not isinstance(turns, list) or not all(isinstance(t, str) for t in turns):
        msg = f"{where}: 'turns' must be a list of caller lines"
        raise ScenarioError(msg)
    expect = raw.get("expect") or {}
    if not isinstance(expect, Mapping):
        msg = f"{where}: 'expect' must be a mapping"
        raise ScenarioError(msg)
    unknown = sorted(set(expect) - _EXPECTATIONS)
    if unknown:
        allowed = ", ".join(sorted(_EXPECTATIONS))
        msg = f"{where}: unknown expectation {', '.join(unknown)} (known: {allowed})"
        raise ScenarioError(msg)
    return Scenario(
        name=name,
        at=at,
        turns=tuple(turns),
        expect=expect,
        caller_number=raw.get("caller_number"),
        transfers_fail=bool(raw.get("transfers_fail", False)),
        source=source,
    )


def parse_scenario(raw: object, source: str) -> Scenario:
    """One scenario from its mapping (as a file holds it), checked as a file's would be."""
    return _scenario(raw, source, 0)


def load_scenarios(path: Path) -> list[Scenario]:
    """Read a scenario file: one scenario, or a list under `scenarios:`."""
    try:
        data = yaml.safe_load(path.read_text())
    except OSError as error:
        msg = f"{path}: cannot read: {error.strerror or error}"
        raise ScenarioError(msg) from None
    except yaml.YAMLError as error:
        msg = f"{path}: not valid YAML: {str(error).splitlines()[0]}"
        raise ScenarioError(msg) from None
    items = data.get("scenarios") if isinstance(data, Mapping) and "scenarios" in data else [data]
    if not isinstance(items, list) or not items:
        msg = f"{path}: no scenarios found"
        raise ScenarioError(msg)
    return [_scenario(item, str(path), index) for index, item in enumerate(items)]
