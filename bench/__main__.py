"""Run the benchmarks and print their figures: `python -m bench [NAME...]` (or `nox -s bench`).

With no name every benchmark runs; names pick some (`python -m bench voice_latency`).
The voice benchmarks play calls at real-time pace and take minutes.
"""

from __future__ import annotations

import importlib
import logging
import sys

import structlog

BENCHMARKS = (
    "chart",
    "turn",
    "understanding",
    "replay",
    "voice_prewarm",
    "voice_accuracy",
    "voice_latency",
    "voice_capacity",
)

if __name__ == "__main__":
    logging.disable(logging.WARNING)  # the framework's warnings are not figures
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))
    chosen = sys.argv[1:] or list(BENCHMARKS)
    unknown = sorted(set(chosen) - set(BENCHMARKS))
    if unknown:
        sys.exit(f"bench: unknown benchmark {', '.join(unknown)} (one of {', '.join(BENCHMARKS)})")
    for name in chosen:
        module = importlib.import_module(f"bench.{name}")
        if name == "understanding":
            module.main([])  # its own options are for `python -m bench.understanding`
        else:
            module.main()
