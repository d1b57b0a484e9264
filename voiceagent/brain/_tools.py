"""The tools offered to the brain, as plain specs: names, parameters, allowed values.

LiveKit describes a tool by a JSON schema (`_llm.py` turns it into a `ToolSpec`);
tests describe chart events with `event_spec`, which reads the chart's own event
table, so a spec is exactly what an adapter offering that event would advertise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from statecharts import (
    EVENTS,
    INTAKE_INTENTS,
    CallerKind,
    CallerRole,
    CertificateKind,
    InsuranceLine,
    ReasonKind,
    RedirectTopic,
)

__all__ = ["ToolSpec", "event_spec"]


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A tool as offered: its name, its parameters, and the values enum parameters allow."""

    name: str
    parameters: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()
    choices: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))

    def accepts(self, arguments: Mapping[str, str]) -> bool:
        """Whether a call with `arguments` fits this tool's schema."""
        keys = set(arguments)
        if not keys <= self.parameters or not self.required <= keys:
            return False
        return all(v in self.choices[k] for k, v in arguments.items() if k in self.choices)


_ENUMS: dict[tuple[str, str], frozenset[str]] = {
    ("request", "intent"): frozenset(i.value for i in INTAKE_INTENTS),
    ("certificate_kind", "kind"): frozenset(CertificateKind),
    ("caller_role", "role"): frozenset(CallerRole),
    ("certificate", "kind"): frozenset(CertificateKind),
    ("mortgagee_request", "role"): frozenset(CallerRole),
    ("give_reason", "kind"): frozenset(ReasonKind),
    ("caller_kind", "kind"): frozenset(CallerKind),
    ("redirect", "topic"): frozenset(RedirectTopic),
    ("provide_details", "insurance_type"): frozenset(InsuranceLine),
}


def event_spec(name: str) -> ToolSpec:
    """The `ToolSpec` of a chart event, as an adapter offering it would describe it."""
    spec = EVENTS[name]
    params = frozenset(spec.required) | frozenset(spec.optional)
    choices = {p: _ENUMS[(name, p)] for p in params if (name, p) in _ENUMS}
    return ToolSpec(name, params, frozenset(spec.required), MappingProxyType(choices))
