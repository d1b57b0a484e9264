"""Run every benchmark and print its figures: `python -m bench` (or `nox -s bench`)."""

from __future__ import annotations

import logging

from bench import chart, turn, understanding

if __name__ == "__main__":
    logging.disable(logging.INFO)
    chart.main()
    turn.main()
    understanding.main()
