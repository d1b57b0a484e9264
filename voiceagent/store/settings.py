"""The store's settings: where calls and messages live and how staff receive them.

Read from `VOICEAGENT_*` environment variables and, optionally, an env file. A bad
value fails at start with one line naming the variable (`SettingsError`); the
webhook secret is a `SecretStr`, so it shows as `**********` in every repr and log
line. The worker's top-level settings compose this object.

| Variable | Meaning | Default |
|---|---|---|
| `VOICEAGENT_STORE` | a SQLite file path, or a `postgresql://` URL | `calls.sqlite3` |
| `VOICEAGENT_STORE_TIMEOUT` | seconds one store operation may take | 5 |
| `VOICEAGENT_JOURNAL_DIR` | where messages wait while the database is down | beside the file |
| `VOICEAGENT_WEBHOOK_URL` | staff's webhook (http or https); unset: messages are logged | none |
| `VOICEAGENT_WEBHOOK_SECRET` | the HMAC-SHA256 key for the signature header | required with a URL |
| `VOICEAGENT_WEBHOOK_TIMEOUT` | seconds one webhook call may take | 10 |
| `VOICEAGENT_DELIVERY_BASE_DELAY` | seconds before the first retry, doubled each time | 2 |
| `VOICEAGENT_DELIVERY_MAX_DELAY` | the longest wait between two retries | 300 |
| `VOICEAGENT_DELIVERY_MAX_REJECTIONS` | 4xx refusals before a message is parked | 5 |
| `VOICEAGENT_OUTBOX_INTERVAL` | seconds between two outbox passes | 5 |
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

from pydantic import (
    Field,
    HttpUrl,
    PositiveFloat,
    PositiveInt,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from voiceagent.store.location import MEMORY, is_postgres

__all__ = ["ENV_PREFIX", "SettingsError", "StoreSettings", "load_store_settings"]

ENV_PREFIX = "VOICEAGENT_"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable, on one line."""


class StoreSettings(BaseSettings):
    """Where calls and messages are stored, and how messages reach staff."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, extra="ignore", frozen=True, hide_input_in_errors=True
    )

    store: str = "calls.sqlite3"
    """A SQLite file path (`:memory:` for a private in-memory store) or a PostgreSQL URL."""
    store_timeout: PositiveFloat = 5.0
    journal_dir: Path | None = None
    """Where writes wait while the database is out of reach; None: beside the store."""
    webhook_url: HttpUrl | None = None
    webhook_secret: SecretStr | None = None
    webhook_timeout: PositiveFloat = 10.0
    delivery_base_delay: PositiveFloat = 2.0
    delivery_max_delay: PositiveFloat = 300.0
    delivery_max_rejections: PositiveInt = 5
    outbox_interval: PositiveFloat = Field(default=5.0)

    @field_validator("store")
    @classmethod
    def _a_path_or_a_postgres_url(cls, value: str) -> str:
        value = value.strip()
        if not value:
            msg = "is empty: give a SQLite file path or a postgresql:// URL"
            raise ValueError(msg)
        if "://" in value and not is_postgres(value):
            scheme = value.split("://", 1)[0]
            msg = f"'{scheme}://' is not supported: give a SQLite file path or a postgresql:// URL"
            raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _a_webhook_needs_its_secret(self) -> Self:
        if self.webhook_url is not None and not (
            self.webhook_secret and self.webhook_secret.get_secret_value()
        ):
            msg = f"{ENV_PREFIX}WEBHOOK_SECRET is required when {ENV_PREFIX}WEBHOOK_URL is set"
            raise ValueError(msg)
        return self

    def journal_path(self) -> Path | None:
        """The journal's folder: as set, else beside a store file, else in the working folder."""
        if self.journal_dir is not None:
            return self.journal_dir
        if self.store == MEMORY:
            return None
        if is_postgres(self.store):
            return Path("voiceagent-journal")
        return Path(f"{self.store}.journal")


def load_store_settings(env_file: Path | None = None, **overrides: Any) -> StoreSettings:
    """Read the settings from the environment (and `env_file`), or raise `SettingsError`.

    Raises:
        SettingsError: One line naming each bad variable and what is wrong with it.
    """
    try:
        return StoreSettings(_env_file=env_file, **overrides)
    except ValidationError as error:
        raise SettingsError(describe_errors(error)) from None


def describe_errors(error: ValidationError) -> str:
    """One line naming every bad variable, without the values (a secret may be among them)."""
    problems = []
    for problem in error.errors(include_input=False, include_url=False):
        message = str(problem["msg"]).removeprefix("Value error, ")
        fields = [str(part) for part in problem["loc"] if isinstance(part, str)]
        name = f"{ENV_PREFIX}{fields[0].upper()}: " if fields else ""
        problems.append(f"{name}{message}")
    return "; ".join(problems)
