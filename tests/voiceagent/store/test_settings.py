"""The store's settings: read from VOICEAGENT_* and an env file; a bad value names its variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from voiceagent.store.port import StoreUnavailableError
from voiceagent.store.settings import SettingsError, StoreSettings, load_store_settings
from voiceagent.store.staff import connect_configured_store

pytestmark = pytest.mark.unit

SECRET = "hunter2-webhook-secret"  # noqa: S105 - a test's own secret, checked never to leak


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No VOICEAGENT_* variable from the machine leaks into these tests."""
    for name in StoreSettings.model_fields:
        monkeypatch.delenv(f"VOICEAGENT_{name.upper()}", raising=False)


def test_defaults_are_an_embedded_file_and_no_webhook() -> None:
    """With nothing set: calls.sqlite3, its journal beside it, messages only logged."""
    settings = load_store_settings()
    assert settings.store == "calls.sqlite3"
    assert settings.journal_path() == Path("calls.sqlite3.journal")
    assert settings.webhook_url is None
    assert settings.delivery_max_rejections == 5


def test_values_come_from_the_environment_and_an_env_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Variables with the VOICEAGENT_ prefix are read; the env file fills what is unset."""
    env_file = tmp_path / "voiceagent.env"
    env_file.write_text(
        "VOICEAGENT_WEBHOOK_URL=https://hooks.example/messages\n"
        f"VOICEAGENT_WEBHOOK_SECRET={SECRET}\n"
        "VOICEAGENT_DELIVERY_MAX_REJECTIONS=3\n"
    )
    monkeypatch.setenv("VOICEAGENT_STORE", "postgresql://agency:pw@db.example/calls")
    settings = load_store_settings(env_file)
    assert settings.store == "postgresql://agency:pw@db.example/calls"
    assert settings.journal_path() == Path("voiceagent-journal")
    assert str(settings.webhook_url) == "https://hooks.example/messages"
    assert settings.webhook_secret is not None
    assert settings.webhook_secret.get_secret_value() == SECRET
    assert settings.delivery_max_rejections == 3
    assert SECRET not in repr(settings)
    assert SECRET not in str(settings)


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"VOICEAGENT_WEBHOOK_URL": "ftp://hooks.example/x", "VOICEAGENT_WEBHOOK_SECRET": SECRET},
         "VOICEAGENT_WEBHOOK_URL: URL scheme should be 'http' or 'https'"),
        ({"VOICEAGENT_WEBHOOK_URL": "https://hooks.example/x"},
         "VOICEAGENT_WEBHOOK_SECRET is required when VOICEAGENT_WEBHOOK_URL is set"),
        ({"VOICEAGENT_STORE": "mysql://db/calls"},
         "VOICEAGENT_STORE: 'mysql://' is not supported"),
        ({"VOICEAGENT_DELIVERY_MAX_REJECTIONS": "0"},
         "VOICEAGENT_DELIVERY_MAX_REJECTIONS: Input should be greater than 0"),
        ({"VOICEAGENT_STORE_TIMEOUT": "soon"},
         "VOICEAGENT_STORE_TIMEOUT: Input should be a valid number"),
    ],
)  # fmt: skip
def test_a_bad_setting_fails_with_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], message: str
) -> None:
    """Each bad value is reported on one line, with its variable's name."""
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as raised:
        load_store_settings()
    text = str(raised.value)
    assert message in text
    assert "\n" not in text


def test_a_bad_setting_never_shows_the_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """The error names what is wrong, never a value: the secret stays out of it."""
    monkeypatch.setenv("VOICEAGENT_WEBHOOK_URL", "not a url")
    monkeypatch.setenv("VOICEAGENT_WEBHOOK_SECRET", SECRET)
    with pytest.raises(SettingsError) as raised:
        load_store_settings()
    assert "VOICEAGENT_WEBHOOK_URL" in str(raised.value)
    assert SECRET not in str(raised.value)
    assert "not a url" not in str(raised.value)


async def test_an_unreachable_database_at_start_is_one_line_naming_the_setting(
    tmp_path: Path,
) -> None:
    """A PostgreSQL nobody answers: VOICEAGENT_STORE is named, its password masked."""
    url = f"postgresql://agency:{SECRET}@/calls?host={tmp_path}/nowhere"
    settings = load_store_settings(store=url, store_timeout=2.0)
    with pytest.raises(StoreUnavailableError) as raised:
        await connect_configured_store(settings)
    text = str(raised.value)
    assert text.startswith(
        "VOICEAGENT_STORE: cannot reach the call store at postgresql://agency:***@"
    )
    assert SECRET not in text
    assert "\n" not in text
