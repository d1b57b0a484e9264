"""The worker's settings: one typed object read from the environment and an optional env file.

Every knob of the production worker lives here, with the agency's deployed values
(agency.md §6) as defaults, so an agency changes a number by setting a variable,
never by editing code. Variables are `VOICEAGENT_<SECTION>__<FIELD>` (for example
`VOICEAGENT_TURN__MAX_ENDPOINTING_DELAY=1.5`), plus LiveKit's own `LIVEKIT_URL`,
`LIVEKIT_API_KEY` and `LIVEKIT_API_SECRET`. A bad value fails at start with the
variable's name in one line (`SettingsError`); secrets are `SecretStr`, so no log
line or repr ever shows them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pydantic_settings import SettingsError as _SourceError

from voiceagent.speech.settings import SpeechSettings
from voiceagent.store.settings import StoreSettings

__all__ = [
    "ENV_PREFIX",
    "CallSettings",
    "ProcessSettings",
    "ProviderSettings",
    "SettingsError",
    "TelephonySettings",
    "TurnSettings",
    "VadSettings",
    "WorkerSettings",
    "load_settings",
]

ENV_PREFIX = "VOICEAGENT_"
_NESTED = "__"

Seconds = Annotated[float, Field(gt=0)]
Fraction = Annotated[float, Field(ge=0, le=1)]
Names = Annotated[tuple[str, ...], NoDecode]
"""A list read from one variable as comma-separated names, not JSON."""


class SettingsError(ValueError):
    """A missing or bad setting, as one line naming every variable at fault."""


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ProcessSettings(_Section):
    """How many processes wait for calls and how long a call may take to shut down."""

    idle_processes: int = Field(default=2, ge=0, le=64)
    """Warm processes kept ready, so the first call of the day does not wait (agency.md §6)."""
    initialize_seconds: Annotated[float, Field(gt=0, le=300)] = 30.0
    """How long a new process may take to import and prewarm before LiveKit gives up on it
    (LiveKit's own default, 10 s, is too short for a loaded machine)."""
    shutdown_seconds: Seconds = 8.0
    """Longest the shutdown callback may take; LiveKit's own window is set just above it."""
    log_json: bool | None = None
    """JSON log lines; by default JSON under `start`, readable lines under `dev`/`console`."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


class ProviderSettings(_Section):
    """Which speech and language models a call uses, in fallback order."""

    pipeline: Literal["auto", "inference", "local", "offline"] = "auto"
    """`inference`: LiveKit Inference with fallbacks; `local`: the offline brain with the
    offline voice (Whisper and Piper, the `voice` extra; settings in the speech section);
    `offline`: the offline brain alone, a text call; `auto`: Inference when LiveKit
    credentials are set, else offline."""
    stt_models: Names = ("assemblyai/universal-streaming", "deepgram/nova-3")
    stt_language: str = "en"
    end_of_turn_confidence: Fraction = 0.45
    """AssemblyAI's end-of-turn confidence threshold."""
    min_end_of_turn_silence_ms: int = Field(default=250, ge=0, le=5000)
    """AssemblyAI's silence (ms) that ends a turn once it is confident."""
    max_turn_silence_ms: int = Field(default=1000, ge=0, le=10000)
    """AssemblyAI's longest silence (ms) inside a turn."""
    llm_models: Names = ("openai/gpt-4.1", "openai/gpt-4.1-mini")
    """Cloud models tried in order; the offline brain always follows the last one."""
    tts_model: str = "cartesia/sonic-3"
    tts_voices: Names = (
        "9626c31c-bec5-4cca-baa8-f8ba9e84c8bc",
        "694f9389-aac1-45b6-b726-9d9369183238",
    )
    """Cartesia voices in fallback order (agency.md §6)."""
    tts_speed: float = Field(default=0.95, gt=0.5, le=2.0)

    @field_validator("stt_models", "llm_models", "tts_voices", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        """Accept a comma-separated list from the environment."""
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("stt_models", "tts_voices")
    @classmethod
    def _not_empty(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            msg = "needs at least one entry"
            raise ValueError(msg)
        return value


class VadSettings(_Section):
    """Silero voice activity detection (agency.md §6: 0.4 s of silence since 2026-03-02)."""

    min_silence_duration: Seconds = 0.4
    min_speech_duration: Seconds = 0.05
    activation_threshold: Fraction = 0.5


class TurnSettings(_Section):
    """When the caller's turn ends and when the receptionist may be cut off (docs/latency.md)."""

    detector: Literal["model", "vad"] = "model"
    """`model`: LiveKit's local end-of-turn model; `vad`: silence alone ends the turn."""
    min_endpointing_delay: Annotated[float, Field(ge=0, le=5)] = 0.3
    max_endpointing_delay: Annotated[float, Field(gt=0, le=10)] = 1.5
    min_interruption_duration: Annotated[float, Field(ge=0, le=5)] = 0.3
    false_interruption_timeout: Annotated[float, Field(gt=0, le=10)] = 1.5
    resume_false_interruption: bool = True
    preemptive_generation: bool = True
    user_away_timeout: Annotated[float, Field(gt=0, le=120)] = 12.5

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.max_endpointing_delay < self.min_endpointing_delay:
            msg = "MAX_ENDPOINTING_DELAY must not be below MIN_ENDPOINTING_DELAY"
            raise ValueError(msg)
        return self


class CallSettings(_Section):
    """Limits on one call."""

    max_minutes: Annotated[float, Field(gt=0, le=240)] = 20.0
    """A call this long ends politely with a callback request stored (audit A6)."""
    reconnect_hold_seconds: Annotated[float, Field(ge=0, le=60)] = 3.0
    """A reconnect longer than this earns the caller a "please hold on" once it is back."""
    reply_bound_seconds: Annotated[float, Field(gt=0, le=60)] = 5.0
    """A caller owed a reply hears a holding line after this long, then a retry (issue 13)."""


class TelephonySettings(_Section):
    """Where transfers go and how long they ring.

    The destination templates override the agency file's `[telephony]` section, so
    one agency file serves a test PBX and the real one.
    """

    ring_seconds: Annotated[float, Field(ge=5, le=120)] = 30.0
    """How long a transferred call rings before it counts as unanswered."""
    extension_destination: str | None = None
    """Template for a staff or ring-group transfer, e.g. `sip:{extension}@pbx.example`."""
    voicemail_destination: str | None = None
    """Template for a staff voicemail box, e.g. `sip:vm{extension}@pbx.example`."""
    outbound_trunk: str | None = None
    """A LiveKit outbound SIP trunk id: with one, "something else" calls are warm-transferred."""
    hold_music: bool = True
    """Play hold music to the caller while a transfer connects."""

    @field_validator("extension_destination", "voicemail_destination")
    @classmethod
    def _template(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if "{extension}" not in value:
            msg = f"template {value!r} has no '{{extension}}' placeholder"
            raise ValueError(msg)
        try:
            value.format(extension="7000")
        except (KeyError, IndexError, ValueError):
            msg = f"template {value!r} has a placeholder other than '{{extension}}'"
            raise ValueError(msg) from None
        return value


class WorkerSettings(BaseSettings):
    """Everything the production worker reads at start."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter=_NESTED,
        extra="ignore",
        frozen=True,
        populate_by_name=True,
    )

    livekit_url: str | None = Field(
        default=None, validation_alias=AliasChoices("LIVEKIT_URL", "livekit_url")
    )
    livekit_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("LIVEKIT_API_KEY", "livekit_api_key")
    )
    livekit_api_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("LIVEKIT_API_SECRET", "livekit_api_secret")
    )
    agency_file: Path | None = None
    """Another agency's configuration; the default agency ships with the package."""
    worker: ProcessSettings = Field(default_factory=ProcessSettings)
    providers: ProviderSettings = Field(default_factory=ProviderSettings)
    vad: VadSettings = Field(default_factory=VadSettings)
    turn: TurnSettings = Field(default_factory=TurnSettings)
    call: CallSettings = Field(default_factory=CallSettings)
    telephony: TelephonySettings = Field(default_factory=TelephonySettings)
    speech: SpeechSettings = Field(default_factory=SpeechSettings)
    records: StoreSettings = Field(default_factory=StoreSettings)
    """Where calls and messages are kept and how staff get them (flat `VOICEAGENT_STORE`,
    `VOICEAGENT_WEBHOOK_URL`, …). Not named `store`: that variable is the store's location."""
    """The offline voice's own settings (flat `VOICEAGENT_STT_MODEL`, …), used by `local`."""

    @field_validator("livekit_url", "livekit_api_key", mode="before")
    @classmethod
    def _blank_is_missing(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("livekit_api_secret", mode="before")
    @classmethod
    def _blank_secret_is_missing(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("livekit_url")
    @classmethod
    def _websocket_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("ws://", "wss://", "http://", "https://")):
            msg = f"{value!r} is not a ws:// or wss:// URL"
            raise ValueError(msg)
        return value

    @property
    def has_livekit_credentials(self) -> bool:
        """Whether the key and secret are both set (LiveKit Inference needs them)."""
        return self.livekit_api_key is not None and self.livekit_api_secret is not None

    @property
    def uses_local_voice(self) -> bool:
        """Whether calls are spoken with the offline voice (Whisper and Piper)."""
        return self.providers.pipeline == "local"

    @property
    def uses_inference(self) -> bool:
        """Whether calls use LiveKit Inference (else the offline brain alone)."""
        if self.providers.pipeline == "auto":
            return self.has_livekit_credentials
        return self.providers.pipeline == "inference"

    def require_livekit(self) -> None:
        """Fail unless the worker can register with a LiveKit server.

        Raises:
            SettingsError: Naming every missing variable (empty counts as missing).
        """
        missing = [
            name
            for name, value in (
                ("LIVEKIT_URL", self.livekit_url),
                ("LIVEKIT_API_KEY", self.livekit_api_key),
                ("LIVEKIT_API_SECRET", self.livekit_api_secret),
            )
            if value is None
        ]
        if missing:
            msg = f"settings: {', '.join(missing)} must be set to run the worker"
            raise SettingsError(msg)

    @model_validator(mode="after")
    def _inference_needs_credentials(self) -> Self:
        if self.providers.pipeline == "inference" and not self.has_livekit_credentials:
            msg = (
                f"{ENV_PREFIX}PROVIDERS__PIPELINE=inference needs LIVEKIT_API_KEY "
                "and LIVEKIT_API_SECRET"
            )
            raise ValueError(msg)
        return self


def env_name(location: tuple[int | str, ...]) -> str:
    """The environment variable a validation error's location stands for."""
    parts = [str(part) for part in location if not isinstance(part, int)]
    if not parts:
        return "settings"
    if parts[0] in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"):
        return parts[0]
    if parts[0].startswith("livekit_"):
        return parts[0].upper()
    return ENV_PREFIX + _NESTED.join(part.upper() for part in parts)


def _describe(error: Any) -> str:
    location = tuple(error.get("loc", ()))
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    if not location:
        return message
    return f"{env_name(location)}: {message}"


def load_settings(env_file: Path | None = None, **overrides: Any) -> WorkerSettings:
    """Read the settings from the environment and, if given, an env file.

    Args:
        env_file: A dotenv file read under the environment (variables already set win).
        overrides: Values given in code (tests), which win over both.

    Raises:
        SettingsError: One line naming every bad or missing variable.
    """
    if env_file is not None and not env_file.is_file():
        msg = f"settings: env file {env_file} does not exist"
        raise SettingsError(msg)
    try:
        return WorkerSettings(_env_file=env_file, **overrides)
    except ValidationError as error:
        problems = "; ".join(_describe(item) for item in error.errors())
        raise SettingsError(f"settings: {problems}") from None
    except _SourceError as error:  # a value the environment source could not even parse
        raise SettingsError(f"settings: {error}") from None
