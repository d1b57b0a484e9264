"""`voiceagent start | dev | console`: settings checked first, then LiveKit's own commands."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from livekit.agents import AgentServer, JobProcess
from livekit.agents.job import JobExecutorType

import voiceagent.worker.prewarm as prewarm_module
from statecharts import default_agency
from tests.statecharts.agency_files import shipped_text
from voiceagent.cli.main import main
from voiceagent.worker.entry import entrypoint
from voiceagent.worker.prewarm import (
    ENV_FILE_VARIABLE,
    LOG_JSON_VARIABLE,
    PREWARMED,
    Prewarmed,
    prewarm,
)
from voiceagent.worker.server import build_server, run_command
from voiceagent.worker.settings import SettingsError, WorkerSettings

pytestmark = pytest.mark.cli

LIVEKIT = {
    "LIVEKIT_URL": "wss://agency.example",
    "LIVEKIT_API_KEY": "APIkey",
    "LIVEKIT_API_SECRET": "a-secret-that-is-long-enough-for-signing",
}


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting leaks in from the machine running the tests."""
    for name in list(os.environ):
        if name.startswith(("VOICEAGENT_", "LIVEKIT_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("VOICEAGENT_STORE", ":memory:")  # the start check opens the store
    for name in (ENV_FILE_VARIABLE, LOG_JSON_VARIABLE):  # the commands set these: undo after
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setattr(sys, "argv", list(sys.argv))


def test_the_server_registers_the_persona_as_agent_name() -> None:
    """The dispatch agent name is the agency file's persona; prewarm and processes are set."""
    settings = WorkerSettings(worker={"idle_processes": 3, "shutdown_seconds": 5})
    server = build_server(settings, default_agency())
    assert server._agent_name == "Aizellee"
    assert server._entrypoint_fnc is entrypoint
    assert server.setup_fnc is prewarm
    assert server._num_idle_processes == 3
    assert server._shutdown_process_timeout == 7.0
    assert server._initialize_process_timeout == 30.0


def test_a_renamed_persona_renames_the_worker(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Renaming the receptionist in the agency file renames the dispatched agent too."""
    agency = tmp_path / "agency.toml"
    agency.write_text(shipped_text().replace('name = "Aizellee"', 'name = "Willow"', 1))
    monkeypatch.setenv("VOICEAGENT_AGENCY_FILE", str(agency))
    seen: list[AgentServer] = []
    run_command("console", [], run_app=seen.append)
    assert seen[0]._agent_name == "Willow"


@pytest.mark.parametrize("command", ["start", "dev", "console"])
def test_each_command_runs_livekits_cli(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command and LiveKit's own options reach LiveKit's command line unchanged."""
    for name, value in LIVEKIT.items():
        monkeypatch.setenv(name, value)
    ran: list[tuple[AgentServer, list[str]]] = []
    run_command(command, ["--log-level", "debug"], run_app=lambda s: ran.append((s, sys.argv)))
    ((server, argv),) = ran
    assert argv == ["voiceagent", command, "--log-level", "debug"]
    assert isinstance(server, AgentServer)
    assert os.environ[LOG_JSON_VARIABLE] == ("true" if command == "start" else "false")


def test_console_needs_no_livekit_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """`console` runs without LIVEKIT_URL or keys (it is a local, fake job)."""
    ran: list[str] = []
    run_command("console", ["--text"], run_app=lambda _s: ran.append(" ".join(sys.argv)))
    assert ran == ["voiceagent console --text"]


@pytest.mark.parametrize("command", ["start", "dev"])
def test_missing_livekit_variables_fail_in_one_line(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without LiveKit's URL and keys the worker does not start: one line, status 2."""
    assert main([command]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"voiceagent {command}: error: settings: LIVEKIT_URL, LIVEKIT_API_KEY, "
        "LIVEKIT_API_SECRET must be set to run the worker"
    )


def test_a_bad_setting_fails_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed variable is named in one line, never a traceback."""
    monkeypatch.setenv("VOICEAGENT_TELEPHONY__EXTENSION_DESTINATION", "sip:7000@pbx")
    assert main(["console", "--text"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "VOICEAGENT_TELEPHONY__EXTENSION_DESTINATION" in err
    assert "Traceback" not in err


def test_an_unreachable_store_fails_at_start_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database that cannot be reached stops the worker at start, naming VOICEAGENT_STORE."""
    monkeypatch.setenv("VOICEAGENT_STORE", "postgresql://nobody@127.0.0.1:1/calls")
    monkeypatch.setenv("VOICEAGENT_STORE_TIMEOUT", "3")
    assert main(["console", "--text"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "VOICEAGENT_STORE" in err
    assert "Traceback" not in err


def test_a_bad_webhook_setting_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The store's own settings are the worker's too: a webhook that is not http(s) is named."""
    monkeypatch.setenv("VOICEAGENT_WEBHOOK_URL", "ftp://staff.example/messages")
    assert main(["console"]) == 2
    err = capsys.readouterr().err
    assert "VOICEAGENT_WEBHOOK_URL" in err
    assert err.count("\n") == 1


def test_a_bad_agency_file_fails_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An agency file that does not load stops the worker with the problem named."""
    monkeypatch.setenv("VOICEAGENT_AGENCY_FILE", str(tmp_path / "missing.toml"))
    assert main(["console"]) == 2
    err = capsys.readouterr().err
    assert "missing.toml" in err
    assert "Traceback" not in err


def test_the_env_file_reaches_every_worker_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--env-file` is read at start and named to the worker's processes."""
    env = tmp_path / "worker.env"
    env.write_text("VOICEAGENT_WORKER__IDLE_PROCESSES=4\n")
    seen: list[AgentServer] = []
    run_command("console", [], env_file=env, run_app=seen.append)
    assert seen[0]._num_idle_processes == 4
    assert os.environ[ENV_FILE_VARIABLE] == str(env.resolve())


def test_prewarm_loads_everything_and_says_how_long(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Prewarm validates the settings, loads the agency, the VAD and the local turn model.

    It also sets up the process's logs as the command chose (JSON here), on stderr.
    """
    monkeypatch.setenv("VOICEAGENT_VAD__MIN_SILENCE_DURATION", "0.5")
    monkeypatch.setenv(LOG_JSON_VARIABLE, "true")
    proc = JobProcess(executor_type=JobExecutorType.THREAD, user_arguments=None, http_proxy=None)
    prewarm(proc)
    state = proc.userdata[PREWARMED]
    assert isinstance(state, Prewarmed)
    assert state.config.persona.name == "Aizellee"
    assert state.vad._opts.min_silence_duration == 0.5
    assert getattr(state.detector, "model", None) == "turn-detector-v1-mini"
    out, err = capsys.readouterr()
    assert out == ""
    (done,) = [json.loads(line) for line in err.splitlines() if "prewarm done" in line]
    assert done["seconds"] > 0
    assert done["turn_detector"] == "turn-detector-v1-mini"


def test_prewarm_refuses_bad_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process whose settings are bad never takes a call: prewarm raises, naming them."""
    monkeypatch.setenv("VOICEAGENT_VAD__ACTIVATION_THRESHOLD", "2")
    proc = JobProcess(executor_type=JobExecutorType.THREAD, user_arguments=None, http_proxy=None)
    with pytest.raises(SettingsError, match="VOICEAGENT_VAD__ACTIVATION_THRESHOLD"):
        prewarm(proc)


@pytest.mark.parametrize(
    ("executor", "freezes"), [(JobExecutorType.PROCESS, True), (JobExecutorType.THREAD, False)]
)
def test_a_worker_process_freezes_what_prewarm_loaded(
    executor: JobExecutorType, freezes: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process of its own hides its loaded heap from the collector; a shared one does not."""
    frozen: list[bool] = []
    monkeypatch.setattr(prewarm_module.gc, "freeze", lambda: frozen.append(True))
    proc = JobProcess(executor_type=executor, user_arguments=None, http_proxy=None)
    prewarm(proc)
    assert isinstance(proc.userdata[PREWARMED], Prewarmed)
    assert frozen == ([True] if freezes else [])
