"""Speech-to-text with faster-whisper, as a LiveKit `stt.STT`.

Whisper transcribes whole utterances, not a stream: the session pairs it with the
VAD (`stt.StreamAdapter`), which hands over each stretch of speech once it ends.
The model is loaded once per process and shared by every call; transcriptions
run in worker threads so the event loop keeps serving the other calls.
"""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING, Any

import numpy as np
from livekit import rtc
from livekit.agents import APIConnectOptions, stt
from livekit.agents.language import LanguageCode
from livekit.agents.types import NOT_GIVEN, NotGivenOr
from livekit.agents.utils import AudioBuffer, shortuuid

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "WHISPER_RATE",
    "WhisperEngine",
    "WhisperSTT",
    "to_whisper_input",
    "without_repeats",
]

WHISPER_RATE = 16_000
"""Whisper listens at 16 kHz mono."""
_INT16_SCALE = 32768.0
_FULL_WINDOW = 30
"""Whisper's own window, in seconds."""
_FRAMES_PER_SECOND = 100
_MAX_TOKENS = 448
_TOKENS_BASE, _TOKENS_PER_SECOND = 24, 8
"""Room for the words of a turn: a fast talker says about four tokens a second."""
_NO_SPEECH, _LOW_LOGPROB = 0.6, -1.0
"""Whisper's own thresholds: likely no speech, and words it does not believe in."""


def to_whisper_input(buffer: AudioBuffer) -> np.ndarray[Any, np.dtype[np.float32]]:
    """Any frames (any rate, any channels) as Whisper's input: 16 kHz mono float32."""
    frame = rtc.combine_audio_frames(buffer)
    channels = frame.num_channels
    if frame.sample_rate != WHISPER_RATE:
        resampler = rtc.AudioResampler(
            input_rate=frame.sample_rate, output_rate=WHISPER_RATE, num_channels=channels
        )
        frame = rtc.combine_audio_frames([*resampler.push(frame), *resampler.flush()])
    pcm = np.frombuffer(frame.data, dtype=np.int16).astype(np.float32)
    if channels > 1:
        pcm = pcm.reshape(-1, channels).mean(axis=1)
    return (pcm / _INT16_SCALE).astype(np.float32)


class WhisperEngine:
    """A Whisper model from a local CTranslate2 directory, loaded once per process.

    It never downloads anything: the directory must exist (see `models.py`).

    Whisper's encoder is built for 30 s windows and costs the same for a "yes" as
    for a paragraph. A phone turn is a few seconds, so the encoder is given a
    shorter window (`window` seconds, or the turn plus a second when longer):
    from 10 s on the words come out as with the full window, at about a quarter
    of the CPU. A turn over 30 s goes through faster-whisper's own long-form path.
    """

    def __init__(
        self,
        model_dir: Path,
        *,
        name: str,
        threads: int = 1,
        beam_size: int = 1,
        workers: int = 1,
        window: float = 10.0,
    ) -> None:
        from faster_whisper import WhisperModel  # noqa: PLC0415 - an optional extra
        from faster_whisper.tokenizer import Tokenizer  # noqa: PLC0415

        self._model = WhisperModel(
            str(model_dir),
            device="cpu",
            compute_type="int8",
            cpu_threads=threads,
            num_workers=workers,
            local_files_only=True,
        )
        self._tokenizer = Tokenizer(
            self._model.hf_tokenizer,
            self._model.model.is_multilingual,
            task="transcribe",
            language="en",
        )
        self._prompt = [*self._tokenizer.sot_sequence, self._tokenizer.no_timestamps]
        self.name = name
        """The model's name ("tiny.en", "base", or its directory)."""
        self._beam_size = beam_size
        self._window_frames = round(min(window, _FULL_WINDOW) * _FRAMES_PER_SECOND)

    def transcribe(self, audio: np.ndarray[Any, np.dtype[np.float32]]) -> str:
        """The words in 16 kHz mono audio (blocking: call it from a worker thread).

        A stretch Whisper itself judges to hold no speech (noise, breath) gives "".
        """
        if len(audio) > _FULL_WINDOW * WHISPER_RATE:
            return self._long_form(audio)
        import ctranslate2  # noqa: PLC0415 - an optional extra

        features = self._model.feature_extractor(audio)
        frames = features.shape[-1]
        window = min(
            _FULL_WINDOW * _FRAMES_PER_SECOND,
            max(self._window_frames, -(-(frames + _FRAMES_PER_SECOND) // 100) * 100),
        )
        padded = np.zeros((1, features.shape[0], window), dtype=np.float32)
        padded[0, :, : min(frames, window)] = features[:, :window]
        encoded = self._model.model.encode(ctranslate2.StorageView.from_array(padded))
        seconds = len(audio) / WHISPER_RATE
        result = self._model.model.generate(
            encoded,
            [self._prompt],
            beam_size=self._beam_size,
            max_length=min(_MAX_TOKENS, round(_TOKENS_BASE + _TOKENS_PER_SECOND * seconds)),
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=[-1],
        )[0]
        tokens = [t for t in result.sequences_ids[0] if t < self._tokenizer.eot]
        average = result.scores[0] * len(tokens) / (len(tokens) + 1)
        if result.no_speech_prob > _NO_SPEECH and average < _LOW_LOGPROB:
            return ""
        return without_repeats(self._tokenizer.decode(tokens).strip())

    def _long_form(self, audio: np.ndarray[Any, np.dtype[np.float32]]) -> str:
        segments, _ = self._model.transcribe(
            audio,
            language="en",
            beam_size=self._beam_size,
            vad_filter=False,
            condition_on_previous_text=False,
            without_timestamps=True,
        )
        return " ".join(segment.text.strip() for segment in segments).strip()


_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def without_repeats(text: str) -> str:
    """Drop a sentence that repeats the one just before it (a short-window decoding slip).

    "It's progressive. It's progressive." gives "It's progressive."; a caller who
    says the same thing twice loses nothing a receptionist needs.
    """
    kept: list[str] = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group().strip()
        if sentence and (not kept or sentence.casefold() != kept[-1].casefold()):
            kept.append(sentence)
    return " ".join(kept)


class WhisperSTT(stt.STT[Any]):
    """One call's speech-to-text over the process's shared Whisper engine.

    Cheap to make: each call gets its own, so the framework's per-call metrics and
    error events never mix calls.
    """

    def __init__(self, engine: WhisperEngine) -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=False, interim_results=False))
        self._engine = engine

    @property
    def model(self) -> str:
        """The Whisper model's name ("whisper-tiny.en")."""
        return f"whisper-{self._engine.name}"

    @property
    def provider(self) -> str:
        """Where the model runs."""
        return "faster-whisper"

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions,
    ) -> stt.SpeechEvent:
        del language, conn_options  # English only, and a local model has no connection
        audio = to_whisper_input(buffer)
        text = await asyncio.to_thread(self._engine.transcribe, audio)
        return stt.SpeechEvent(
            type=stt.SpeechEventType.FINAL_TRANSCRIPT,
            request_id=shortuuid(),
            alternatives=[stt.SpeechData(language=LanguageCode("en"), text=text)],
        )
