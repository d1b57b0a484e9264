"""The offline voice's models are found in installed packages, never downloaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from voiceagent.speech.models import (
    VoiceNotInstalledError,
    piper_voice_files,
    whisper_model_dir,
)
from voiceagent.speech.settings import SpeechSettings

pytestmark = pytest.mark.unit


def test_tiny_en_is_the_packaged_model_directory() -> None:
    """The default model is Whisper tiny.en from its package, a CTranslate2 directory."""
    directory = whisper_model_dir(SpeechSettings(stt_model="tiny.en"))
    assert (directory / "model.bin").is_file()
    assert "site-packages" in str(directory)


def test_base_is_joined_once_from_its_two_packaged_parts(tmp_path: Path) -> None:
    """Whisper base is joined into the cache once; a second call reuses the file."""
    settings = SpeechSettings(stt_model="base", model_cache_dir=tmp_path)
    directory = whisper_model_dir(settings)
    model = directory / "model.bin"
    assert model.stat().st_size > 100_000_000
    assert {p.name for p in directory.iterdir()} == {
        "model.bin",
        "config.json",
        "tokenizer.json",
        "vocabulary.txt",
    }
    modified = model.stat().st_mtime_ns
    assert whisper_model_dir(settings) == directory
    assert model.stat().st_mtime_ns == modified


def test_a_model_path_must_hold_a_model(tmp_path: Path) -> None:
    """A directory without model.bin is refused with the setting's name, not downloaded."""
    with pytest.raises(VoiceNotInstalledError, match="VOICEAGENT_STT_MODEL"):
        whisper_model_dir(SpeechSettings(stt_model=str(tmp_path)))
    with pytest.raises(VoiceNotInstalledError, match=r"neither 'tiny\.en', 'base'"):
        whisper_model_dir(SpeechSettings(stt_model="large-v3"))


def test_the_packaged_voice_is_joe(tmp_path: Path) -> None:
    """The default Piper voice is en_US-joe-medium; a configured one needs its config."""
    files = piper_voice_files(SpeechSettings())
    assert files.model.name == "en_US-joe-medium.onnx"
    assert files.config.is_file()
    lonely = tmp_path / "voice.onnx"
    lonely.write_bytes(b"")
    with pytest.raises(VoiceNotInstalledError, match=r"\.onnx\.json"):
        piper_voice_files(SpeechSettings(tts_voice=lonely))


def test_settings_come_from_voiceagent_environment_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`VOICEAGENT_STT_MODEL=base` and friends set the voice; defaults need no variable."""
    assert (SpeechSettings().stt_model, SpeechSettings().turn_detection) == ("tiny.en", "vad")
    monkeypatch.setenv("VOICEAGENT_STT_MODEL", "base")
    monkeypatch.setenv("VOICEAGENT_LINE_SAMPLE_RATE", "8000")
    monkeypatch.setenv("VOICEAGENT_TURN_DETECTION", "model")
    settings = SpeechSettings()
    assert (settings.stt_model, settings.line_sample_rate, settings.turn_detection) == (
        "base",
        8000,
        "model",
    )
