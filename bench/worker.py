"""What one worker process costs: its memory when idle and prewarmed, and how long prewarm takes.

Each figure comes from a fresh Python process, as LiveKit starts one per idle
worker process: it imports the worker (LiveKit, the plugins, the offline brain),
runs the same prewarm a job process runs, and reports its resident memory.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

_PROBE = """
import json, resource, time
started = time.perf_counter()
from voiceagent.worker.prewarm import prepare
from voiceagent.worker.settings import load_settings
imported = time.perf_counter()
state = prepare(load_settings())
def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"import_s": imported - started, "prewarm_s": state.seconds,
                  "rss_mb": rss_mb(), "peak_mb": peak}))
"""


def probe() -> dict[str, float]:
    """One fresh process's figures."""
    out = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", _PROBE], check=True, capture_output=True, text=True
    )
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def main(rounds: int = 3) -> None:
    samples = [probe() for _ in range(rounds)]
    print(f"worker process, idle and prewarmed ({rounds} fresh processes, medians):")
    for key, label, unit in (
        ("import_s", "import", "s"),
        ("prewarm_s", "prewarm (agency, VAD, local turn model)", "s"),
        ("rss_mb", "resident memory", "MB"),
        ("peak_mb", "peak resident memory", "MB"),
    ):
        value = statistics.median(sample[key] for sample in samples)
        print(f"  {label:<42} {value:8.2f} {unit}")


if __name__ == "__main__":
    main()
