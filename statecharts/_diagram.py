"""The chart as text diagrams: Mermaid and Graphviz DOT.

Both are rendered from the chart class itself, so a diagram can never describe
a different flow from the one the code runs. The text is made deterministic
(python-statemachine names initial-state nodes after object ids), so the
rendered files in `docs/` can be checked for staleness byte for byte.
"""

from __future__ import annotations

import re

from statemachine.contrib.diagram import DotGraphMachine

from statecharts._reception import Reception

__all__ = ["chart_dot", "chart_mermaid"]

_OBJECT_ID_NAMES = re.compile(r"__(initial|atomic)_\d+")


def chart_mermaid() -> str:
    """The chart as a Mermaid `stateDiagram-v2`."""
    return format(Reception, "mermaid").rstrip("\n") + "\n"


def chart_dot() -> str:
    """The chart as Graphviz DOT, with stable node names."""
    graph = DotGraphMachine(Reception).get_graph()  # type: ignore[no-untyped-call]  # untyped
    text = str(graph.to_string())
    names: dict[str, str] = {}

    def stable(match: re.Match[str]) -> str:
        return names.setdefault(match.group(0), f"__{match.group(1)}_{len(names)}")

    return _OBJECT_ID_NAMES.sub(stable, text).rstrip("\n") + "\n"
