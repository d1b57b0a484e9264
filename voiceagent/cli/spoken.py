"""`voiceagent call --audio`: a spoken call from recorded caller turns, with no audio device.

The caller's WAV files are played into a real session with the offline voice;
everything the receptionist said is written to one WAV file, and the call is
printed exactly as `simulate` prints it (`--json`: the same JSON object). Bad
files, a missing voice or a bad output path end with one line and status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from statecharts import AgencyConfig
from voiceagent.cli.store_commands import resolve_store

if TYPE_CHECKING:
    from voiceagent.speech.wavfile import CallerTurn
    from voiceagent.store.settings import StoreSettings

__all__ = ["add_audio_arguments", "spoken_call"]

_USAGE_ERROR = 2


def add_audio_arguments(call: argparse.ArgumentParser) -> None:
    """The `call` command's options for a spoken call from files."""
    call.add_argument(
        "--audio",
        nargs="+",
        metavar="TURN.wav",
        help="play these recorded caller turns into a spoken call (the offline voice)",
    )
    call.add_argument(
        "--out", metavar="AGENT.wav", help="with --audio: write what the receptionist said here"
    )
    call.add_argument(
        "--json", action="store_true", help="with --audio: print one JSON object, as simulate does"
    )


def spoken_call(args: argparse.Namespace, config: AgencyConfig, at: datetime) -> int:
    """Run the spoken call the arguments describe; return the exit status."""
    try:
        return _spoken_call(args, config, at)
    except _UsageError as refused:
        print(f"voiceagent call: error: {refused}", file=sys.stderr)
        return _USAGE_ERROR


class _UsageError(Exception):
    """Input the user can fix."""


def _spoken_call(args: argparse.Namespace, config: AgencyConfig, at: datetime) -> int:
    if args.audio is None:
        msg = "--out and --json go with --audio (a spoken call from recordings)"
        raise _UsageError(msg)
    if args.out is None:
        msg = "--audio needs --out AGENT.wav for what the receptionist says"
        raise _UsageError(msg)
    out = Path(args.out)
    if out.is_dir() or not out.parent.is_dir():
        msg = f"--out {args.out}: not a file in an existing directory"
        raise _UsageError(msg)
    # Loading LiveKit and the models takes seconds: only once the arguments are good.
    from voiceagent.speech.models import VoiceNotInstalledError  # noqa: PLC0415
    from voiceagent.speech.wavfile import AudioFileError, read_turn  # noqa: PLC0415

    try:
        turns = [read_turn(Path(path)) for path in args.audio]
    except AudioFileError as error:
        raise _UsageError(str(error)) from None
    if not args.verbose:
        # The framework's own warnings (an output that cannot pause, a slow transcript)
        # are for developers; a spoken call prints the call.
        logging.getLogger("livekit").setLevel(logging.ERROR)
    try:
        report, seconds = asyncio.run(_run(config, at, turns, out, resolve_store(args.store)))
    except VoiceNotInstalledError as error:
        raise _UsageError(str(error)) from None
    if args.json:
        print(json.dumps(report))
        return 0
    from voiceagent.scripted.simulate import report_lines  # noqa: PLC0415

    print("\n".join(report_lines(report, config.persona.name)))
    print(f"[agent audio: {out} ({seconds:.1f} s)]")
    return 0


async def _run(
    config: AgencyConfig,
    at: datetime,
    turns: list[CallerTurn],
    out: Path,
    settings: StoreSettings,
) -> tuple[dict[str, object], float]:
    from voiceagent.scripted.simulate import call_report  # noqa: PLC0415
    from voiceagent.speech.spoken_call import run_spoken_call  # noqa: PLC0415
    from voiceagent.speech.voice import load_offline_voice  # noqa: PLC0415
    from voiceagent.speech.wavfile import write_wav  # noqa: PLC0415
    from voiceagent.store.location import connect_store  # noqa: PLC0415

    voice = load_offline_voice()
    store = await connect_store(
        settings.store, journal_dir=settings.journal_path(), timeout=settings.store_timeout
    )
    async with store:
        call = await run_spoken_call(config, at, turns, voice, store=store)
    audio = call.agent_audio
    assert audio is not None
    write_wav(out, audio, call.sample_rate)
    return call_report(call.run), len(audio) / call.sample_rate
