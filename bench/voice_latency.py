"""Voice-to-voice latency with the offline voice, from the caller's last word to the reply.

The shipped caller recordings (a claim after hours, a quote in office hours) are
played into real spoken calls, round after round, and every caller turn is timed
from the end of the caller's speech to the receptionist's first audio frame, in
four parts:

- end of turn: the VAD's silence wait, plus the endpointing wait after the words;
- STT: Whisper, from the VAD's end of speech to the final transcript;
- brain + chart: from the committed turn to the first text sent to the voice;
- TTS first audio: from that text to Piper's first frame on the line.

Settings come from the environment (`VOICEAGENT_STT_MODEL=base`, ...), as in production.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.voice_cpu import CpuMeter
from statecharts import default_agency
from voiceagent.session.call import CallRun
from voiceagent.speech.settings import SpeechSettings
from voiceagent.speech.spoken_call import SpokenCall, run_spoken_call
from voiceagent.speech.voice import OfflineVoice, load_offline_voice
from voiceagent.speech.wavfile import read_turn

RECORDINGS = Path(__file__).resolve().parents[1] / "recordings"
CALLS = [
    (datetime(2026, 11, 24, 19, 30), ["claim-1", "claim-2", "claim-3"]),
    (datetime(2026, 11, 24, 10, 0), ["quote-1", "quote-2", "quote-3", "quote-4"]),
]
"""The shipped calls: seven caller turns a round."""
PARTS = ("end of turn", "STT", "brain + chart", "TTS first audio", "voice to voice")


@dataclass
class Timeline:
    """Wall-clock stamps (`time.time()`) of one call's events."""

    vad_ends: list[float] = field(default_factory=list)
    finals: list[float] = field(default_factory=list)
    committed: list[float] = field(default_factory=list)
    tts_requests: list[float] = field(default_factory=list)

    def observe(self, run: CallRun) -> None:
        """Attach to the call's session and voice before it starts."""
        session = run.session

        def on_user_state(event: Any) -> None:
            if event.old_state == "speaking" and event.new_state == "listening":
                self.vad_ends.append(event.created_at)

        def on_transcript(event: Any) -> None:
            if event.is_final and event.transcript.strip():
                self.finals.append(event.created_at)

        def on_item(event: Any) -> None:
            if getattr(event.item, "role", None) == "user":
                self.committed.append(event.created_at)

        session.on("user_state_changed", on_user_state)
        session.on("user_input_transcribed", on_transcript)
        session.on("conversation_item_added", on_item)
        tts = session.tts
        assert tts is not None
        synthesize = tts.synthesize

        def timed(text: str, **kwargs: Any) -> Any:
            self.tts_requests.append(time.time())
            return synthesize(text, **kwargs)

        tts.synthesize = timed  # type: ignore[method-assign]


def _after(stamps: list[float], start: float, end: float) -> float | None:
    return next((t for t in sorted(stamps) if start <= t < end), None)


def turn_parts(call: SpokenCall, timeline: Timeline) -> list[dict[str, float]]:
    """Each answered caller turn's latency, part by part, in seconds."""
    rows = []
    turns = call.turns
    for index, turn in enumerate(turns):
        start = turn.speech_ended_at
        end = turns[index + 1].speech_ended_at if index + 1 < len(turns) else float("inf")
        vad = _after(timeline.vad_ends, start, end)
        final = _after(timeline.finals, start, end)
        committed = _after(timeline.committed, start, end)
        request = _after(timeline.tts_requests, committed or end, end)
        first = turn.answered_at
        stamps = (vad, final, committed, request, first)
        if any(stamp is None for stamp in stamps):
            continue  # not heard, or not answered (the call ended)
        assert vad is not None
        assert final is not None
        assert committed is not None
        assert request is not None
        assert first is not None
        rows.append(
            {
                "end of turn": (vad - start) + max(committed - final, 0.0),
                "STT": max(final - vad, 0.0),
                "brain + chart": request - committed,
                "TTS first audio": first - request,
                "voice to voice": first - start,
            }
        )
    return rows


async def measure(voice: OfflineVoice, rounds: int) -> list[dict[str, float]]:
    """Play the shipped calls `rounds` times; every answered turn's parts."""
    rows: list[dict[str, float]] = []
    for _ in range(rounds):
        for at, names in CALLS:
            turns = [read_turn(RECORDINGS / f"{name}.wav") for name in names]
            timeline = Timeline()
            call = await run_spoken_call(
                default_agency(), at, turns, voice, observe=timeline.observe
            )
            rows.extend(turn_parts(call, timeline))
    return rows


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def report(rows: list[dict[str, float]]) -> None:
    """Print median and p95 of each part."""
    print(f"  {len(rows)} caller turns answered")
    for part in PARTS:
        samples = [row[part] for row in rows]
        print(
            f"  {part:<16} median {statistics.median(samples):6.3f} s   p95 {p95(samples):6.3f} s"
        )


def main(rounds: int = 3) -> None:
    """Print the figures for the settings in the environment."""
    settings = SpeechSettings()
    voice = load_offline_voice(settings)
    print(
        f"voice to voice, offline voice ({settings.stt_model}, turn detection "
        f"{settings.turn_detection}, VAD silence {settings.vad_min_silence} s, endpointing "
        f"{settings.min_endpointing_delay}-{settings.max_endpointing_delay} s):"
    )
    meter = CpuMeter()
    meter.attach(voice)
    rows = asyncio.run(measure(voice, rounds))
    report(rows)
    stt, tts = statistics.median(meter.stt), statistics.median(meter.tts_first)
    brain = statistics.median(row["brain + chart"] for row in rows)
    wait = max(settings.vad_min_silence, settings.min_endpointing_delay)
    print(
        f"  CPU per turn: STT median {stt:.3f} s (p95 {p95(meter.stt):.3f}), TTS first "
        f"sentence median {tts:.3f} s (p95 {p95(meter.tts_first):.3f})"
    )
    print(
        f"  idle-machine estimate (silence wait {wait:.2f} + STT CPU + brain + TTS CPU): "
        f"{wait + stt + brain + tts:.3f} s"
    )


if __name__ == "__main__":
    main()
