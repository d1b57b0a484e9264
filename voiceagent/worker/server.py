"""`voiceagent start | dev | console`: LiveKit's worker commands against our one entry point.

The commands and their options are LiveKit's own (`start` for production, `dev`
for development, `console` to talk to the agent in a terminal); this module checks
the settings and the agency file first, so a missing or bad value is one line
naming it instead of a traceback from deep inside a worker process. The agent name
the worker registers is the agency file's persona, the same value an agency's
dispatch rule names, so the two can never disagree.
"""

from __future__ import annotations

import asyncio
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from livekit.agents import AgentServer, cli

from statecharts import AgencyConfig, default_agency, load_agency
from voiceagent.logs import configure_logging
from voiceagent.worker.entry import entrypoint
from voiceagent.worker.prewarm import ENV_FILE_VARIABLE, LOG_JSON_VARIABLE, prewarm
from voiceagent.worker.records import check_records
from voiceagent.worker.settings import WorkerSettings, load_settings

__all__ = ["COMMANDS", "build_server", "run_command"]

COMMANDS = ("start", "dev", "console")
"""LiveKit's worker commands, run as `voiceagent COMMAND [LiveKit's options]`."""

_WINDOW_MARGIN = 2.0
"""Seconds LiveKit's shutdown window is given beyond our own shutdown budget."""


def build_server(settings: WorkerSettings, config: AgencyConfig) -> AgentServer:
    """The LiveKit agent server: prewarm, idle processes, shutdown window and agent name."""
    secret = settings.livekit_api_secret
    server = AgentServer(
        setup_fnc=prewarm,
        num_idle_processes=settings.worker.idle_processes,
        initialize_process_timeout=settings.worker.initialize_seconds,
        shutdown_process_timeout=settings.worker.shutdown_seconds + _WINDOW_MARGIN,
        ws_url=settings.livekit_url,
        api_key=settings.livekit_api_key,
        api_secret=secret.get_secret_value() if secret is not None else None,
    )
    server.rtc_session(entrypoint, agent_name=config.persona.name)
    return server


def run_command(
    command: str,
    arguments: Sequence[str],
    *,
    env_file: Path | None = None,
    run_app: Callable[[AgentServer], None] = cli.run_app,
) -> None:
    """Check the settings and the agency, then hand over to LiveKit's command line.

    Raises:
        SettingsError: A missing or bad setting, named in one line.
        AgencyConfigError: A bad agency file, with the field at fault.
        StoreUnavailableError: The configured store cannot be reached, named in one line.
    """
    settings = load_settings(env_file)
    if command in ("start", "dev"):
        settings.require_livekit()
    config = load_agency(settings.agency_file) if settings.agency_file else default_agency()
    asyncio.run(check_records(settings))
    if env_file is not None:
        os.environ[ENV_FILE_VARIABLE] = str(env_file.resolve())  # every worker process reads it
    json = (command == "start") if settings.worker.log_json is None else settings.worker.log_json
    os.environ[LOG_JSON_VARIABLE] = "true" if json else "false"  # the same in every process
    configure_logging(json=json, level=settings.worker.log_level, stdlib=False)
    server = build_server(settings, config)
    sys.argv = ["voiceagent", command, *arguments]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # LiveKit's own CLI, on purpose
        run_app(server)
