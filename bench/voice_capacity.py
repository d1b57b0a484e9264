"""How many calls one worker process holds: text calls, and spoken calls (VAD + STT + TTS).

Calls run side by side in one process (one event loop, one set of models), as
in a worker. For each number of simultaneous calls: p95 turn latency (a text
turn from the caller's words to the end of the reply; a spoken turn from the
end of the caller's speech to the first audio frame), CPU seconds per call and
resident memory per call. The count stops growing once p95 passes one second.
"""

from __future__ import annotations

import asyncio
import contextvars
import statistics
import time
from datetime import datetime
from pathlib import Path

import psutil

from statecharts import default_agency
from voiceagent.brain import OfflineBrain
from voiceagent.session.call import new_call
from voiceagent.speech.spoken_call import run_spoken_call
from voiceagent.speech.voice import OfflineVoice, load_offline_voice
from voiceagent.speech.wavfile import read_turn
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony

RECORDINGS = Path(__file__).resolve().parents[1] / "recordings"
OPEN = datetime(2026, 11, 24, 10, 0)
TEXT_TURNS = [
    "I need a quote for my car",
    "My name is Kelly Thompson",
    "T H O M P S O N",
    "what are your hours",
    "407 312 6490",
]
LIMIT = 1.0
"""Seconds of p95 turn latency a caller should never wait past."""


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


async def _text_call(latencies: list[float]) -> None:
    store = SqliteCallStore(":memory:")
    run = new_call(
        config=default_agency(),
        at=OPEN,
        brain=OfflineBrain(),
        telephony=ConsoleTelephony(),
        store=store,
        user_away_timeout=None,
    )
    await run.start()
    for text in TEXT_TURNS:
        if run.ended:
            break
        start = time.perf_counter()
        await run.say(text)
        latencies.append(time.perf_counter() - start)
    await run.close()
    await store.close()


async def _text_calls(count: int) -> list[float]:
    latencies: list[float] = []
    calls = [
        asyncio.create_task(_text_call(latencies), context=contextvars.Context())
        for _ in range(count)
    ]
    await asyncio.gather(*calls)
    return latencies


async def _spoken_calls(voice: OfflineVoice, count: int) -> list[float]:
    turns = [read_turn(RECORDINGS / f"quote-{n}.wav") for n in (1, 2, 3, 4)]
    calls = await asyncio.gather(
        *(run_spoken_call(default_agency(), OPEN, turns, voice) for _ in range(count))
    )
    return [
        turn.answered_at - turn.speech_ended_at
        for call in calls
        for turn in call.turns
        if turn.answered_at is not None
    ]


def _row(kind: str, count: int, run: object) -> float:
    process = psutil.Process()
    rss_before = process.memory_info().rss
    cpu_before = process.cpu_times()
    started = time.perf_counter()
    latencies: list[float] = asyncio.run(run)  # type: ignore[arg-type]
    wall = time.perf_counter() - started
    cpu_after = process.cpu_times()
    cpu = (cpu_after.user + cpu_after.system) - (cpu_before.user + cpu_before.system)
    rss = max(process.memory_info().rss - rss_before, 0)
    worst = p95(latencies)
    print(
        f"  {kind:<6} {count:>4} calls: turn p95 {worst:6.3f} s (median "
        f"{statistics.median(latencies):6.3f})  CPU {cpu / count:6.2f} s/call "
        f"({100 * cpu / wall / count:5.1f}% of a core each)  "
        f"RSS +{rss / count / 2**20:6.1f} MiB/call"
    )
    return worst


def main() -> None:
    """Print the figures: text calls, then spoken calls, until p95 passes the limit."""
    print(f"concurrency in one process (until p95 turn latency passes {LIMIT:.0f} s):")
    for count in (1, 10, 25, 50, 100, 200):
        if _row("text", count, _text_calls(count)) > LIMIT:
            break
    voice = load_offline_voice()
    for count in (1, 2, 3, 4, 6):
        if _row("spoken", count, _spoken_calls(voice, count)) > LIMIT and count > 1:
            break


if __name__ == "__main__":
    main()
