"""Run every benchmark and print its figures: `python -m bench` (or `nox -s bench`)."""

from __future__ import annotations

from bench import chart

if __name__ == "__main__":
    chart.main()
