"""A worker's prewarm with the offline voice: how long, and how much memory it holds idle.

Each model is loaded in a fresh interpreter, as a worker process loads it once:
the import of the framework and the engines, the load itself, and the resident
memory of the process before and after (an idle worker's memory).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

_PROBE = """
import json, os, time, psutil
process = psutil.Process()
start = time.perf_counter()
from voiceagent.speech.settings import SpeechSettings
from voiceagent.speech.voice import load_offline_voice
imported = time.perf_counter() - start
before = process.memory_info().rss
voice = load_offline_voice(SpeechSettings(stt_model=os.environ["PROBE_MODEL"]))
print(json.dumps({"import": imported, "load": voice.load_seconds,
                  "rss_before": before, "rss_after": process.memory_info().rss}))
"""


def probe(model: str) -> dict[str, float]:
    """Load the voice with `model` in a fresh interpreter; its timings and memory."""
    done = subprocess.run(  # noqa: S603 - this interpreter running our own probe
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PROBE_MODEL": model},
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    """Print the figures for tiny.en and base."""
    print("worker prewarm with the offline voice (fresh process each):")
    for model in ("tiny.en", "base"):
        f = probe(model)
        print(
            f"  {model:<8} import {f['import']:5.2f} s  load {f['load']:5.2f} s  "
            f"RSS {f['rss_before'] / 2**20:6.1f} MiB -> "
            f"idle worker {f['rss_after'] / 2**20:6.1f} MiB"
        )


if __name__ == "__main__":
    main()
