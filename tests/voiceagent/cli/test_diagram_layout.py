"""The rendered views as a person sees them: edges that do not cross, pictures that fit."""

from __future__ import annotations

import os
import shutil

import pytest

from statecharts._diagram import FULL, OVERVIEW, chart_dot, view_names
from tests.voiceagent.cli.crossings import crossing_edges

pytestmark = [
    pytest.mark.cli,
    pytest.mark.skipif(
        shutil.which("dot") is None and os.environ.get("REQUIRE_GRAPHVIZ") != "1",
        reason="Graphviz 'dot' is not installed (apt-get install graphviz); CI installs it",
    ),
]

MOST_CROSSINGS = 2
"""A detail view may keep a crossing its shape forces (two entries into the same two steps)."""


def test_no_edge_crosses_another_on_the_overview() -> None:
    """The story can be followed left to right: no two edges of the overview cross."""
    assert crossing_edges(chart_dot(OVERVIEW)) == []


@pytest.mark.parametrize("view", [v for v in view_names() if v not in (OVERVIEW, FULL)])
def test_detail_views_keep_crossings_to_what_their_shape_forces(view: str) -> None:
    """Each detail view has at most a couple of crossing edges."""
    assert len(crossing_edges(chart_dot(view))) <= MOST_CROSSINGS


def test_the_crossing_count_sees_a_crossing() -> None:
    """The measure finds the one crossing of two edges drawn across each other."""
    crossed = (
        "digraph { rankdir=LR; a; b; c; d; {rank=same; a; b} {rank=same; c; d}"
        ' a -> d [id="ad"]; b -> c [id="bc"]; a -> c [style=invis]; b -> d [style=invis]; }'
    )
    straight = 'digraph { rankdir=LR; a -> c [id="ac"]; b -> d [id="bd"]; }'
    assert crossing_edges(crossed) == [("ad", "bc")]
    assert crossing_edges(straight) == []
