"""Provider chains: the agency's models in fallback order, down to the offline brain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from livekit.agents import inference, llm, stt, tts
from livekit.agents.utils import AudioBuffer

from statecharts import OutcomeKind, default_agency
from tests.voiceagent.worker.fakes import CloudLLM, FakeModels, silence
from voiceagent.brain import OfflineBrain
from voiceagent.session.call import new_call
from voiceagent.store.sqlite import SqliteCallStore
from voiceagent.telephony.console import ConsoleTelephony
from voiceagent.worker.providers import InferenceModels, build_pipeline, stt_options
from voiceagent.worker.settings import WorkerSettings

pytestmark = pytest.mark.session

OPEN = datetime(2026, 11, 24, 10, 0)
QUOTE = ["I need a quote for my car", "Kelly Urban, U R B A N, 407 555 0123"]
PRIMARY, BACKUP = "openai/gpt-4.1", "openai/gpt-4.1-mini"
VOICE_1, VOICE_2 = WorkerSettings().providers.tts_voices


def _cloud(**providers: Any) -> WorkerSettings:
    return WorkerSettings(
        livekit_api_key="APIkey",
        livekit_api_secret="a-test-secret-long-enough-for-hs256",  # noqa: S106 - a test value
        providers=providers or {"pipeline": "auto"},
    )


def test_without_credentials_the_brain_is_alone() -> None:
    """No key: the offline brain fills the LLM seat and there is no cloud speech."""
    brain = OfflineBrain()
    pipeline = build_pipeline(WorkerSettings(), brain=brain, vad=None, models=FakeModels())
    assert pipeline.llm is brain
    assert pipeline.stt is None
    assert pipeline.tts is None
    assert not pipeline.spoken


def test_offline_pipeline_ignores_credentials() -> None:
    """`pipeline=offline` keeps the brain alone even when a key is set."""
    brain = OfflineBrain()
    pipeline = build_pipeline(_cloud(pipeline="offline"), brain=brain, vad=None)
    assert pipeline.llm is brain


def test_inference_chains_follow_agency_order() -> None:
    """STT AssemblyAI then Deepgram; LLM gpt-4.1, gpt-4.1-mini, brain; two Cartesia voices."""
    models = FakeModels()
    brain = OfflineBrain()
    pipeline = build_pipeline(_cloud(), brain=brain, vad=None, models=models)
    assert isinstance(pipeline.llm, llm.FallbackAdapter)
    assert [m.model for m in pipeline.llm._llm_instances] == [PRIMARY, BACKUP, brain.model]
    assert pipeline.llm._llm_instances[-1] is brain
    assert isinstance(pipeline.stt, stt.FallbackAdapter)
    assert [s.model for s in pipeline.stt._stt_instances] == [
        "assemblyai/universal-streaming",
        "deepgram/nova-3",
    ]
    assert isinstance(pipeline.tts, tts.FallbackAdapter)
    assert [t.voice for t in pipeline.tts._tts_instances] == [VOICE_1, VOICE_2]
    assert models.made[VOICE_1][1:] == ("cartesia/sonic-3", 0.95)
    assert pipeline.spoken


def test_assemblyai_gets_its_end_of_turn_options() -> None:
    """AssemblyAI's confidence and silence settings travel as provider options; others none."""
    chosen = WorkerSettings().providers
    assert stt_options("assemblyai/universal-streaming", chosen) == {
        "end_of_turn_confidence_threshold": 0.45,
        "min_end_of_turn_silence_when_confident": 250,
        "max_turn_silence": 1000,
    }
    assert stt_options("deepgram/nova-3", chosen) == {}


def test_inference_models_construct_with_the_key() -> None:
    """With a key and secret the real Inference objects build offline (no request is made)."""
    models = InferenceModels("APIkey", "a-test-secret-long-enough-for-hs256")
    assert isinstance(models.llm(PRIMARY), inference.LLM)
    assert isinstance(models.stt("deepgram/nova-3", language="en", options={}), inference.STT)
    assert isinstance(models.tts("cartesia/sonic-3", voice=VOICE_1, speed=0.95), inference.TTS)


async def _routed(brain: llm.LLM) -> tuple[OutcomeKind | None, dict[str, str | None] | None]:
    store = SqliteCallStore(":memory:")
    run = new_call(
        config=default_agency(),
        at=OPEN,
        brain=brain,
        telephony=ConsoleTelephony(),
        store=store,
        user_away_timeout=None,
    )
    await run.start()
    try:
        for text in QUOTE:
            await run.say(text)
    finally:
        await run.close()
        await store.close()
    outcome = run.chart.outcome
    assert outcome is not None
    return outcome.kind, outcome.target.as_dict() if outcome.target else None


@pytest.mark.parametrize(
    ("down", "serves"),
    [(set(), PRIMARY), ({PRIMARY}, BACKUP), ({PRIMARY, BACKUP}, "offline brain")],
)
async def test_each_llm_fallback_step_routes_to_the_same_target(
    down: set[str], serves: str
) -> None:
    """Whichever link of the chain answers, the caller reaches the same person."""
    expected = await _routed(OfflineBrain())
    models = FakeModels(down=down)
    pipeline = build_pipeline(_cloud(), brain=OfflineBrain(), vad=None, models=models)
    assert await _routed(pipeline.llm) == expected
    answered = {
        name: made.answered for name, made in models.made.items() if isinstance(made, CloudLLM)
    }
    for name, count in answered.items():
        assert (count > 0) == (name == serves), answered
    assert expected == (OutcomeKind.TRANSFER, {"name": "Brad", "extension": "7007", "group": None})


async def test_stt_falls_back_to_the_next_recognizer() -> None:
    """AssemblyAI down: Deepgram hears the caller."""
    models = FakeModels(down={"assemblyai/universal-streaming"}, heard="I need a quote")
    pipeline = build_pipeline(_cloud(), brain=OfflineBrain(), vad=None, models=models)
    assert pipeline.stt is not None
    buffer: AudioBuffer = [silence()]
    event = await pipeline.stt.recognize(buffer)
    assert event.alternatives[0].text == "I need a quote"
    assert models.made["deepgram/nova-3"][0].heard == 1


async def test_tts_falls_back_to_the_second_voice() -> None:
    """The primary voice down: the backup voice says the line."""
    models = FakeModels(down={VOICE_1})
    pipeline = build_pipeline(_cloud(), brain=OfflineBrain(), vad=None, models=models)
    assert pipeline.tts is not None
    frames = [chunk async for chunk in pipeline.tts.synthesize("Thanks for calling.")]
    assert frames
    assert models.made[VOICE_2][0].spoken == ["Thanks for calling."]
    await pipeline.tts.aclose()
