"""Run every benchmark and print its figures: `python -m bench` (or `nox -s bench`)."""

from __future__ import annotations

from bench import chart, turn, understanding, worker
from voiceagent.logs import configure_logging

if __name__ == "__main__":
    # The figures go to standard output; the calls' own log lines (warnings only) to stderr.
    configure_logging(json=False, level="WARNING")
    chart.main()
    turn.main()
    understanding.main()
    worker.main()
