"""Run the benchmarks and print their figures: `python -m bench [NAME...]` (or `nox -s bench`).

With no name every benchmark runs; names pick some (`python -m bench voice_latency`).
The voice benchmarks play calls at real-time pace and take minutes.
"""

from __future__ import annotations

import importlib
import sys

from voiceagent.logs import configure_logging

BENCHMARKS = (
    "chart",
    "turn",
    "understanding",
    "replay",
    "load",
    "voice_prewarm",
    "voice_accuracy",
    "voice_latency",
    "voice_capacity",
    "worker",
)

if __name__ == "__main__":
    # The figures go to standard output; only errors are logged, and to stderr.
    configure_logging(json=False, level="ERROR")
    chosen = sys.argv[1:] or list(BENCHMARKS)
    unknown = sorted(set(chosen) - set(BENCHMARKS))
    if unknown:
        sys.exit(f"bench: unknown benchmark {', '.join(unknown)} (one of {', '.join(BENCHMARKS)})")
    for name in chosen:
        module = importlib.import_module(f"bench.{name}")
        if name in ("understanding", "load"):
            module.main([])  # their own options are for `python -m bench.NAME`
        else:
            module.main()
