"""Writing a view as Graphviz DOT, left to right, with an overlay drawn on top.

Layout choices that keep the story readable: edges against the story's order do not
pull the layout backwards (`constraint=false`), the states that end the call and
the exits of a detail view sit at the right edge, its entries at the left, and the
legend is the graph's own label (no node that is not a state of the call).
Every node and edge carries an `id`, so the SVG can be styled or scripted by id too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from statecharts._diagram_model import Edge, Frame, Node, NodeKind, Overlay, Style, Swatch, View

__all__ = ["to_dot"]

_FONT = "Helvetica"
_INK = "#2f4a6d"
_FILL = "#eaf1fb"
_FRAME_FILL = "#f7f9fc"
_MUTED = "#6b7a90"
_SCREEN = ', size="20,11"'
"""At most 20 x 11 inches: 1920 x 1056 pixels at Graphviz's 96 dots an inch."""

_NODE_STYLE = {
    NodeKind.STATE: f'shape=box, style="rounded,filled", fillcolor="{_FILL}"',
    NodeKind.FINAL: f'shape=box, style="rounded,filled,bold", fillcolor="{_FILL}", peripheries=2',
    NodeKind.ENTRY: f'shape=box, style="rounded,dashed", fontcolor="{_MUTED}", color="{_MUTED}"',
    NodeKind.EXIT: f'shape=box, style="rounded,dashed", fontcolor="{_MUTED}", color="{_MUTED}"',
    NodeKind.ANY_STEP: f'shape=plaintext, fontcolor="{_MUTED}", fontsize=11',
}


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _svg_id(prefix: str, name: str) -> str:
    return prefix + re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


def _styled(style: Style | None) -> str:
    if style is None:
        return ""
    parts = []
    if style.color:
        parts.append(f'color="{style.color}"')
    if style.width is not None:
        parts.append(f"penwidth={style.width:g}")
    if style.dashed:
        parts.append('style="dashed"')
    return "".join(f", {p}" for p in parts)


def _notes_label(title: str, notes: tuple[str, ...], *, bold: bool, extra: str | None) -> str:
    head = f"<B>{_html(title)}</B>" if bold else _html(title)
    rows = [f"<TR><TD>{head}</TD></TR>"]
    if notes:
        rows.append(
            f'<TR><TD><FONT POINT-SIZE="10" COLOR="{_MUTED}">answered in place:</FONT></TD></TR>'
        )
        rows += [
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10">{_html(n)}</FONT></TD></TR>' for n in notes
        ]
    if extra:
        rows.append(f'<TR><TD><FONT POINT-SIZE="10">{_html(extra)}</FONT></TD></TR>')
    return '<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


def _node(node: Node, overlay: Overlay, indent: str) -> str:
    style = overlay.nodes.get(node.id)
    note = style.note if style else None
    if node.notes or note:
        label = _notes_label(node.label, node.notes, bold=False, extra=note)
    else:
        label = _quoted(node.label)
    attrs = f"label={label}, {_NODE_STYLE[node.kind]}, id={_quoted(_svg_id('n-', node.id))}"
    return f"{indent}{_quoted(node.id)} [{attrs}{_styled(style)}];"


def _frame(frame: Frame, view: View, overlay: Overlay, depth: int) -> Iterator[str]:
    pad = "    " * depth
    style = overlay.nodes.get(frame.id)
    label = _notes_label(frame.label, (), bold=True, extra=style.note if style else None)
    yield f"{pad}subgraph {_quoted('cluster_' + frame.id)} {{"
    yield f"{pad}    label={label}; labelloc=t; labeljust=l;"
    yield f'{pad}    style="rounded,filled"; fillcolor="{_FRAME_FILL}"; color="{_INK}";'
    yield f"{pad}    id={_quoted(_svg_id('f-', frame.id))};"
    if style is not None and style.color:
        yield f'{pad}    color="{style.color}"; penwidth={style.width or 2:g};'
    for node in view.nodes:
        if node.frame == frame.id:
            yield _node(node, overlay, pad + "    ")
    for inner in view.frames:
        if inner.parent == frame.id:
            yield from _frame(inner, view, overlay, depth + 1)
    yield f"{pad}}}"


def _edge(edge: Edge, overlay: Overlay) -> str:
    style = overlay.edges.get(edge.id, overlay.default_edge)
    label = edge.label
    if style is not None and style.note:
        label = f"{label}\n{style.note}" if label else style.note
    attrs = [f"id={_quoted(_svg_id('e-', edge.id))}"]
    if label:
        attrs.append(f"label={_quoted(label)}")
    tail, head = edge.source, edge.target
    if edge.back:
        # Drawn as a forward edge with its arrow turned round, so the layout keeps the
        # story's order and routes the way back beside the way there.
        tail, head = head, tail
        attrs.append("dir=back")
    return f"    {_quoted(tail)} -> {_quoted(head)} [{', '.join(attrs)}{_styled(style)}];"


def _legend(view: View, overlay: Overlay) -> str:
    """The view's title, what the overlay draws (with its key), then the view's own legend."""
    rows = [f'<TR><TD ALIGN="LEFT"><B>{_html(view.title)}</B></TD></TR>']
    rows += [f'<TR><TD ALIGN="LEFT">{_html(line)}</TD></TR>' for line in overlay.lines]
    rows += [_swatch(swatch) for swatch in overlay.swatches]
    rows += [f'<TR><TD ALIGN="LEFT">{_html(line)}</TD></TR>' for line in overlay.after]
    for group in view.legend:
        rows.append(f'<TR><TD ALIGN="LEFT"><I>{_html(group.heading)}</I></TD></TR>')
        for item in group.items:
            style = overlay.legend.get(item.id)
            text = _html(item.text + (f"  {style.note}" if style and style.note else ""))
            if style is not None and style.color:
                # Marked as its edges would be: a stroke in the overlay's style, bold text.
                text = f"{_stroke(style)}  <B>{text}</B>"
            rows.append(f'<TR><TD ALIGN="LEFT">    {text}</TD></TR>')
    return '<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">' + "".join(rows) + "</TABLE>>"


def _stroke(style: Style) -> str:
    """A short line drawn in `style`: dashed or solid, its weight from the width."""
    stroke = "╍╍╍╍" if style.dashed else "━━━━"
    size = 10 + round(2 * (style.width or 1))
    return f'<FONT COLOR="{style.color or _INK}" POINT-SIZE="{size}">{stroke}</FONT>'


def _swatch(swatch: Swatch) -> str:
    return f'<TR><TD ALIGN="LEFT">    {_stroke(swatch.style)}  {_html(swatch.text)}</TD></TR>'


def _column(nodes: Sequence[str]) -> str:
    return "    { rank=same; " + " ".join(_quoted(n) + ";" for n in nodes) + " }"


def _edge_columns(view: View) -> list[str]:
    """Entries in one column, and the sinks in one column right of every step.

    Graphviz ignores rank=sink here, so every box that leads nowhere gets an invisible
    edge (a layout hint only, never drawn) to the first sink.
    """
    lines = [_column(view.sources)] if view.sources else []
    if view.sinks:
        leading = {e.source for e in view.edges}
        ends = set(view.sources) | set(view.sinks)
        lines += [
            f"    {_quoted(n.id)} -> {_quoted(view.sinks[0])} [style=invis];"
            for n in view.nodes
            if n.id not in leading and n.id not in ends
        ]
        lines.append(_column(view.sinks))
    return lines


def to_dot(view: View, overlay: Overlay | None = None) -> str:
    """The view as DOT text; `overlay` restyles edges, nodes and legend items by id."""
    overlay = overlay or Overlay()
    lines = [
        f"digraph {_quoted(view.name)} {{",
        "    graph [rankdir=LR, compound=true, newrank=true, nodesep=0.3, ranksep=0.35,",
        "           remincross=true, mclimit=4,",
        f'           pad=0.3, fontname="{_FONT}", fontsize=11, labelloc=t, labeljust=l,',
        f"           label={_legend(view, overlay)}{_SCREEN if view.fit_screen else ''}];",
        f'    node [fontname="{_FONT}", fontsize=13, color="{_INK}", margin="0.18,0.06"];',
        f'    edge [fontname="{_FONT}", fontsize=10, color="{_INK}", fontcolor="#1f2f45",',
        "          arrowsize=0.7];",
    ]
    # A detail view's own state is not framed: its title names it, and a frame would
    # send every edge from an entry to a later step round the frame and across others.
    top = {None, view.name} if view.subject is not None else {None}
    lines += [_node(n, overlay, "    ") for n in view.nodes if n.frame in top]
    for frame in view.frames:
        if frame.parent in top and frame is not view.subject:
            lines += _frame(frame, view, overlay, 1)
    lines += [_edge(e, overlay) for e in view.edges]
    lines += _edge_columns(view)
    lines.append("}")
    return "\n".join(lines) + "\n"
