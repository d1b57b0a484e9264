"""Counting where drawn edges cross, from Graphviz's own layout (`dot -Tjson`).

Each edge's Bézier curve is sampled into a polyline, and two edges cross where their
polylines do, except inside the box of a node both edges touch (edges that meet at
a node are not crossing).
"""

from __future__ import annotations

import itertools
import json
import subprocess
from collections.abc import Sequence

Point = tuple[float, float]
Box = tuple[float, float, float, float]

_SAMPLES = 12
_POINTS_PER_INCH = 72
_NODE_MARGIN = 10.0


def _curve(points: Sequence[Sequence[float]]) -> list[Point]:
    line: list[Point] = []
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for k in range(_SAMPLES + 1):
            t = k / _SAMPLES
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
            line.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return line


def _meet(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2, d3, d4 = side(a, b, c), side(a, b, d), side(c, d, a), side(c, d, b)
    if d1 * d2 < 0 and d3 * d4 < 0:
        t = d3 / (d3 - d4)
        return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
    return None


def _bounds(line: Sequence[Point]) -> Box:
    xs, ys = [p[0] for p in line], [p[1] for p in line]
    return (min(xs), min(ys), max(xs), max(ys))


def _overlap(one: Box, other: Box) -> bool:
    return one[0] <= other[2] and other[0] <= one[2] and one[1] <= other[3] and other[1] <= one[3]


def _inside(p: Point, box: Box) -> bool:
    return box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]


def crossing_edges(dot_text: str) -> list[tuple[str, str]]:
    """The pairs of drawn edges (by id) that cross in Graphviz's layout of `dot_text`."""
    done = subprocess.run(
        ["dot", "-Tjson"], input=dot_text.encode(), capture_output=True, check=True
    )
    layout = json.loads(done.stdout)
    boxes: dict[int, Box] = {}
    for node in layout.get("objects", []):
        if "pos" in node and "width" in node:
            x, y = (float(v) for v in node["pos"].split(","))
            w = float(node["width"]) * _POINTS_PER_INCH / 2 + _NODE_MARGIN
            h = float(node["height"]) * _POINTS_PER_INCH / 2 + _NODE_MARGIN
            boxes[node["_gvid"]] = (x - w, y - h, x + w, y + h)
    edges = []
    for edge in layout.get("edges", []):
        if edge.get("style") == "invis":
            continue
        points = [p for op in edge.get("_draw_", []) if op["op"] in "bB" for p in op["points"]]
        line = _curve(points)
        edges.append((edge.get("id", ""), {edge["tail"], edge["head"]}, line, _bounds(line)))
    crossing = []
    for (one, ends1, line1, box1), (other, ends2, line2, box2) in itertools.combinations(edges, 2):
        if not _overlap(box1, box2):
            continue
        shared = [boxes[n] for n in ends1 & ends2 if n in boxes]
        meets = (
            _meet(a, b, c, d)
            for a, b in itertools.pairwise(line1)
            for c, d in itertools.pairwise(line2)
        )
        if any(p is not None and not any(_inside(p, s) for s in shared) for p in meets):
            crossing.append((one, other))
    return crossing
