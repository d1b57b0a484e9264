"""The worker's settings: defaults from agency.md §6, one clear line for every bad variable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from voiceagent.worker.settings import SettingsError, WorkerSettings, env_name, load_settings

pytestmark = pytest.mark.unit

SECRET = "s3cret-value-never-shown"  # noqa: S105 - a test's own value


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting leaks in from the machine running the tests."""
    for name in list(os.environ):
        if name.startswith(("VOICEAGENT_", "LIVEKIT_")):
            monkeypatch.delenv(name)


def test_defaults_are_the_agency_values() -> None:
    """With nothing set, every knob has the deployed value of agency.md §6."""
    settings = load_settings()
    assert settings.worker.idle_processes == 2
    assert settings.vad.min_silence_duration == 0.4
    assert (settings.turn.min_endpointing_delay, settings.turn.max_endpointing_delay) == (0.3, 1.5)
    assert settings.turn.min_interruption_duration == 0.3
    assert settings.turn.false_interruption_timeout == 1.5
    assert settings.turn.user_away_timeout == 12.5
    assert settings.call.max_minutes == 20.0
    assert settings.call.reply_bound_seconds == 5.0
    assert settings.telephony.ring_seconds == 30.0
    assert settings.providers.llm_models == ("openai/gpt-4.1", "openai/gpt-4.1-mini")
    assert settings.providers.stt_models[0] == "assemblyai/universal-streaming"
    assert settings.providers.tts_speed == 0.95
    assert not settings.uses_inference


def test_nested_variables_and_lists_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """`VOICEAGENT_<SECTION>__<FIELD>` sets a field; a list is comma-separated."""
    monkeypatch.setenv("VOICEAGENT_WORKER__IDLE_PROCESSES", "4")
    monkeypatch.setenv("VOICEAGENT_PROVIDERS__LLM_MODELS", "openai/gpt-4.1-mini, openai/gpt-4o")
    monkeypatch.setenv("VOICEAGENT_TELEPHONY__EXTENSION_DESTINATION", "sip:{extension}@pbx.test")
    settings = load_settings()
    assert settings.worker.idle_processes == 4
    assert settings.providers.llm_models == ("openai/gpt-4.1-mini", "openai/gpt-4o")
    assert settings.telephony.extension_destination == "sip:{extension}@pbx.test"


def test_env_file_is_read_under_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An env file supplies values; a variable already in the environment wins."""
    env = tmp_path / "worker.env"
    env.write_text("VOICEAGENT_CALL__MAX_MINUTES=15\nVOICEAGENT_WORKER__IDLE_PROCESSES=5\n")
    monkeypatch.setenv("VOICEAGENT_WORKER__IDLE_PROCESSES", "3")
    settings = load_settings(env)
    assert settings.call.max_minutes == 15
    assert settings.worker.idle_processes == 3


def test_every_bad_variable_is_named_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Several bad values give one line that names each variable at fault."""
    monkeypatch.setenv("VOICEAGENT_TURN__MIN_ENDPOINTING_DELAY", "-1")
    monkeypatch.setenv("VOICEAGENT_WORKER__IDLE_PROCESSES", "many")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    message = str(raised.value)
    assert "\n" not in message
    assert "VOICEAGENT_TURN__MIN_ENDPOINTING_DELAY" in message
    assert "VOICEAGENT_WORKER__IDLE_PROCESSES" in message


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("sip:7000@pbx.test", "no '{extension}' placeholder"),
        ("sip:{extension}{vm}@x", "other than"),
    ],
)
def test_a_destination_template_without_its_placeholder_fails(
    monkeypatch: pytest.MonkeyPatch, template: str, problem: str
) -> None:
    """A transfer template must carry `{extension}`, or the start fails naming the setting."""
    monkeypatch.setenv("VOICEAGENT_TELEPHONY__VOICEMAIL_DESTINATION", template)
    with pytest.raises(SettingsError, match="VOICEAGENT_TELEPHONY__VOICEMAIL_DESTINATION") as e:
        load_settings()
    assert problem in str(e.value)


def test_endpointing_delays_must_be_ordered(monkeypatch: pytest.MonkeyPatch) -> None:
    """A maximum endpointing delay below the minimum is refused."""
    monkeypatch.setenv("VOICEAGENT_TURN__MAX_ENDPOINTING_DELAY", "0.2")
    with pytest.raises(SettingsError, match="VOICEAGENT_TURN"):
        load_settings()


def test_missing_livekit_variables_are_all_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker needs the URL, key and secret; an empty value counts as missing (U27)."""
    monkeypatch.setenv("LIVEKIT_API_KEY", "  ")
    monkeypatch.setenv("LIVEKIT_API_SECRET", SECRET)
    settings = load_settings()
    with pytest.raises(SettingsError) as raised:
        settings.require_livekit()
    assert str(raised.value) == (
        "settings: LIVEKIT_URL, LIVEKIT_API_KEY must be set to run the worker"
    )


def test_a_livekit_url_must_be_a_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """LIVEKIT_URL that is not a ws(s) URL is named."""
    monkeypatch.setenv("LIVEKIT_URL", "my-project.livekit.cloud")
    with pytest.raises(SettingsError, match="LIVEKIT_URL"):
        load_settings()


def test_inference_without_credentials_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking for LiveKit Inference without a key names what is missing."""
    monkeypatch.setenv("VOICEAGENT_PROVIDERS__PIPELINE", "inference")
    with pytest.raises(SettingsError, match="LIVEKIT_API_KEY and LIVEKIT_API_SECRET"):
        load_settings()


def test_credentials_switch_auto_to_inference(monkeypatch: pytest.MonkeyPatch) -> None:
    """`auto` uses LiveKit Inference once both the key and the secret are set."""
    monkeypatch.setenv("LIVEKIT_API_KEY", "APIkey")
    monkeypatch.setenv("LIVEKIT_API_SECRET", SECRET)
    assert load_settings().uses_inference
    monkeypatch.setenv("VOICEAGENT_PROVIDERS__PIPELINE", "offline")
    assert not load_settings().uses_inference


def test_the_secret_never_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API secret is absent from the settings' repr and str."""
    monkeypatch.setenv("LIVEKIT_API_SECRET", SECRET)
    settings = load_settings()
    assert SECRET not in repr(settings)
    assert SECRET not in str(settings)
    assert settings.livekit_api_secret is not None
    assert settings.livekit_api_secret.get_secret_value() == SECRET


def test_a_missing_env_file_is_named(tmp_path: Path) -> None:
    """An env file that does not exist fails with its path."""
    with pytest.raises(SettingsError, match=r"env file .*nowhere\.env"):
        load_settings(tmp_path / "nowhere.env")


@pytest.mark.parametrize(
    ("location", "name"),
    [
        (("turn", "min_endpointing_delay"), "VOICEAGENT_TURN__MIN_ENDPOINTING_DELAY"),
        (("LIVEKIT_URL",), "LIVEKIT_URL"),
        (("providers", "llm_models", 0), "VOICEAGENT_PROVIDERS__LLM_MODELS"),
        (("agency_file",), "VOICEAGENT_AGENCY_FILE"),
    ],
)
def test_error_locations_map_to_variables(location: tuple[str | int, ...], name: str) -> None:
    """A validation error's location names the environment variable to fix."""
    assert env_name(location) == name


def test_settings_are_frozen() -> None:
    """Settings cannot be changed after start."""
    settings = WorkerSettings()
    with pytest.raises(ValueError, match="frozen"):
        settings.agency_file = Path("x")  # type: ignore[misc]


def test_the_speech_section_composes_the_offline_voice_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The offline voice's own variables are read into the worker's speech section."""
    monkeypatch.setenv("VOICEAGENT_PROVIDERS__PIPELINE", "local")
    monkeypatch.setenv("VOICEAGENT_STT_MODEL", "base")
    settings = load_settings()
    assert settings.uses_local_voice
    assert not settings.uses_inference
    assert settings.speech.stt_model == "base"


def test_a_bad_offline_voice_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad speech setting fails the worker's settings, naming its variable."""
    monkeypatch.setenv("VOICEAGENT_STT_THREADS", "0")
    with pytest.raises(SettingsError, match="VOICEAGENT_STT_THREADS"):
        load_settings()
