"""Writing a view as a Mermaid flowchart, with an overlay drawn on top.

A flowchart rather than a `stateDiagram`: it draws compound states as frames with
edges to and from their steps, styles each edge by its index (`linkStyle`), which is
what an overlay needs, and renders on GitHub. The legend is a note box.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from statecharts._diagram_model import Frame, Node, NodeKind, Overlay, Style, View

__all__ = ["to_mermaid"]

_SHAPES = {
    NodeKind.STATE: ('("', '")'),
    NodeKind.FINAL: ('(["', '"])'),
    NodeKind.ENTRY: ('(["', '"])'),
    NodeKind.EXIT: ('(["', '"])'),
    NodeKind.ANY_STEP: ('["', '"]'),
}
_CLASSES = {
    NodeKind.STATE: "state",
    NodeKind.FINAL: "final",
    NodeKind.ENTRY: "outside",
    NodeKind.EXIT: "outside",
    NodeKind.ANY_STEP: "anystep",
}
_CLASS_DEFS = (
    "classDef state fill:#eaf1fb,stroke:#2f4a6d,color:#1f2f45",
    "classDef final fill:#eaf1fb,stroke:#2f4a6d,stroke-width:3px,color:#1f2f45",
    "classDef outside fill:#ffffff,stroke:#6b7a90,stroke-dasharray:5 4,color:#6b7a90",
    "classDef anystep fill:none,stroke:none,color:#6b7a90",
    "classDef legend fill:#fffbe6,stroke:#c9b458,color:#1f2f45,text-align:left",
)
_LEGEND = "legend"
_RESERVED = {
    _LEGEND,
    *("end", "graph", "subgraph", "flowchart", "direction", "default", "interpolate"),
    *("style", "linkstyle", "class", "classdef", "click", "call", "callback", "href"),
    *("acctitle", "accdescr"),
}
"""Words Mermaid's flowchart grammar reads as keywords: never used as ids."""


def _text(text: str) -> str:
    escaped = text.replace("&", "#amp;").replace('"', "#quot;")
    return escaped.replace("<", "#lt;").replace(">", "#gt;").replace("\n", "<br/>")


def _ids(view: View) -> dict[str, str]:
    """Mermaid-safe ids for every node and frame, unique within the view."""
    ids: dict[str, str] = {}
    for name in [*(f.id for f in view.frames), *(n.id for n in view.nodes)]:
        safe = re.sub(r"[^A-Za-z0-9_]", "_", name)
        if safe.lower() in _RESERVED or safe[0].isdigit():
            safe = f"s_{safe}"
        while safe in ids.values():
            safe += "_"
        ids[name] = safe
    return ids


def _with_notes(label: str, notes: tuple[str, ...], extra: str | None) -> str:
    text = _text(label)
    if notes:
        text += "<br/><small>answered in place:<br/>" + "<br/>".join(map(_text, notes))
        text += "</small>"
    if extra:
        text += f"<br/><small>{_text(extra)}</small>"
    return text


def _node(node: Node, ids: dict[str, str], overlay: Overlay, pad: str) -> str:
    opening, closing = _SHAPES[node.kind]
    style = overlay.nodes.get(node.id)
    label = _with_notes(node.label, node.notes, style.note if style else None)
    return f"{pad}{ids[node.id]}{opening}{label}{closing}:::{_CLASSES[node.kind]}"


def _frame(
    frame: Frame, view: View, ids: dict[str, str], overlay: Overlay, depth: int
) -> Iterator[str]:
    pad = "    " * depth
    style = overlay.nodes.get(frame.id)
    label = _with_notes(frame.label, (), style.note if style else None)
    yield f'{pad}subgraph {ids[frame.id]}["<b>{label}</b>"]'
    for node in view.nodes:
        if node.frame == frame.id:
            yield _node(node, ids, overlay, pad + "    ")
    for inner in view.frames:
        if inner.parent == frame.id:
            yield from _frame(inner, view, ids, overlay, depth + 1)
    yield f"{pad}end"


def _css(style: Style) -> str:
    parts = []
    if style.color:
        parts.append(f"stroke:{style.color}")
    if style.width is not None:
        parts.append(f"stroke-width:{style.width:g}px")
    if style.dashed:
        parts.append("stroke-dasharray:5 4")
    return ",".join(parts)


def _legend(view: View, overlay: Overlay) -> str:
    """The view's title, what the overlay draws (with its key), then the view's own legend."""
    rows = [f"<b>{_text(view.title)}</b>"]
    rows += [_text(line) for line in overlay.lines]
    rows += [_text(("╍╍ " if s.style.dashed else "━━ ") + s.text) for s in overlay.swatches]
    rows += [_text(line) for line in overlay.after]
    for group in view.legend:
        rows.append(f"<i>{_text(group.heading)}</i>")
        for item in group.items:
            style = overlay.legend.get(item.id)
            text = _text(item.text + (f"  {style.note}" if style and style.note else ""))
            rows.append(f"<b>{text}</b>" if style is not None else text)
    return f'    {_LEGEND}["' + "<br/>".join(rows) + '"]:::legend'


def to_mermaid(view: View, overlay: Overlay | None = None) -> str:
    """The view as a Mermaid flowchart; `overlay` restyles edges, nodes and legend items."""
    overlay = overlay or Overlay()
    ids = _ids(view)
    lines = [
        '%%{init: {"flowchart": {"wrappingWidth": 480}}}%%',
        f"%% {view.title}: rendered from the chart by `voiceagent diagram`; do not edit.",
        "flowchart LR",
    ]
    # A detail view's own state is named by its title, not framed (as in DOT).
    top = {None, view.name} if view.subject is not None else {None}
    lines += [_node(n, ids, overlay, "    ") for n in view.nodes if n.frame in top]
    frames = [f for f in view.frames if f is not view.subject]
    for frame in frames:
        if frame.parent in top:
            lines += _frame(frame, view, ids, overlay, 1)
    link_styles = []
    for index, edge in enumerate(view.edges):
        style = overlay.edges.get(edge.id, overlay.default_edge)
        label = edge.label + (f"\n{style.note}" if style is not None and style.note else "")
        arrow = f' -->|"{_text(label)}"| ' if label else " --> "
        lines.append(f"    {ids[edge.source]}{arrow}{ids[edge.target]}")
        if style is not None and _css(style):
            link_styles.append(f"    linkStyle {index} {_css(style)}")
    if (view.legend or overlay.lines or overlay.swatches) and view.nodes:
        lines.append(_legend(view, overlay))
        # An invisible link keeps the legend left of the first box, clear of every edge;
        # written after the edges, so their linkStyle indices stay theirs.
        lines.append(f"    {_LEGEND} ~~~ {ids[view.nodes[0].id]}")
    lines += link_styles
    lines += [f"    {c}" for c in _CLASS_DEFS]
    for frame in frames:
        extra = _css(overlay.nodes[frame.id]) if frame.id in overlay.nodes else ""
        lines.append(
            f"    style {ids[frame.id]} fill:#f7f9fc,stroke:#2f4a6d"
            + (f",{extra}" if extra else "")
        )
    lines += [
        f"    style {ids[n.id]} {_css(overlay.nodes[n.id])}"
        for n in view.nodes
        if n.id in overlay.nodes and _css(overlay.nodes[n.id])
    ]
    return "\n".join(lines) + "\n"
