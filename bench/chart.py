"""The chart's cost: one event dispatch, and one whole call from greeting to ended."""

from __future__ import annotations

import gc
import statistics
import time
from datetime import datetime

from statecharts import Reception, default_agency

OPEN = datetime(2026, 11, 24, 10, 0)
WHOLE_CALL = [
    ("greeted", {}),
    ("request", {"intent": "new_quote"}),
    ("provide_details", {"insurance_type": "personal"}),
    ("provide_details", {"first_name": "Kelly", "last_name": "Urban"}),
    ("provide_details", {"last_name_spelled": "U R B A N", "phone": "407 555 0123"}),
    ("transfer_succeeded", {}),
]


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def dispatch(rounds: int = 3000) -> list[float]:
    """Microseconds per dispatched event: a targetless update and a hours answer."""
    config = default_agency()
    call = Reception(config, OPEN)
    call.fire("greeted")
    samples = []
    for index in range(rounds):
        event = ("ask_hours", {}) if index % 2 else ("provide_details", {"first_name": "Ann"})
        start = time.perf_counter_ns()
        call.fire(event[0], **event[1])
        samples.append((time.perf_counter_ns() - start) / 1000)
        call.take_effects()
    return samples


def whole_call(rounds: int = 300) -> list[float]:
    """Microseconds for one call: construct the chart, then greeting to ended."""
    config = default_agency()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        call = Reception(config, OPEN)
        for name, arguments in WHOLE_CALL:
            call.fire(name, **arguments)
        samples.append((time.perf_counter_ns() - start) / 1000)
    return samples


class _CollectorPauses:
    """The garbage collector's pauses (ms) while installed: the figure behind a p99."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._started = 0.0

    def __enter__(self) -> _CollectorPauses:
        gc.callbacks.append(self._observe)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._observe)

    def _observe(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((time.perf_counter() - self._started) * 1000)

    def line(self) -> str:
        longest = max(self.pauses, default=0.0)
        return f"  collector: {len(self.pauses)} passes, longest {longest:.1f} ms"


def main() -> None:
    """Print the figures: wall time per sample, and the process's CPU time per sample.

    CPU time does not count the time the neighbours on a shared machine took.
    """
    dispatch(200)  # warm up caches and imports
    whole_call(20)
    cpu = time.process_time()
    events = dispatch()
    event_cpu = (time.process_time() - cpu) / len(events) * 1e6
    cpu = time.process_time()
    with _CollectorPauses() as plain:
        calls = whole_call()
    call_cpu = (time.process_time() - cpu) / len(calls) * 1e6
    print("chart event dispatch:")
    print(
        f"  median {statistics.median(events):9.1f} us   p99 {_percentile(events, 0.99):9.1f} us"
        f"   CPU {event_cpu:9.1f} us/event"
    )
    print(f"whole call, greeting to ended ({len(WHOLE_CALL)} events):")
    print(
        f"  median {statistics.median(calls):9.1f} us   p99 {_percentile(calls, 0.99):9.1f} us"
        f"   CPU {call_cpu:9.1f} us/call"
    )
    print(plain.line())
    # A worker process freezes what it loaded once prewarm is done (worker/prewarm.py).
    gc.collect()
    gc.freeze()
    try:
        with _CollectorPauses() as after_freeze:
            frozen = whole_call()
    finally:
        gc.unfreeze()
    print("whole call, the loaded heap frozen as a worker process does after prewarm:")
    print(f"  median {statistics.median(frozen):9.1f} us   p99 {_percentile(frozen, 0.99):9.1f} us")
    print(after_freeze.line())


if __name__ == "__main__":
    main()
