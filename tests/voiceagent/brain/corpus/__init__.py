"""The labelled corpus of caller utterances, and the harness that measures the brain on it.

`dev.yaml` is the development part; `heldout.yaml` is the held-out part, written
independently, whose failures are never looked at while changing the brain: its
figures are the honest ones. The schema is documented at the top of each file.
"""

from tests.voiceagent.brain.corpus.loading import (
    FACTS,
    LABELS,
    PARTS,
    CorpusError,
    Earlier,
    Entry,
    load,
    load_part,
)
from tests.voiceagent.brain.corpus.scoring import (
    CLOCK,
    Outcome,
    Score,
    label_of,
    same_fact,
    score,
    situate,
    understand,
)

__all__ = [
    "CLOCK",
    "FACTS",
    "LABELS",
    "PARTS",
    "CorpusError",
    "Earlier",
    "Entry",
    "Outcome",
    "Score",
    "label_of",
    "load",
    "load_part",
    "same_fact",
    "score",
    "situate",
    "understand",
]
