"""Per-turn latency and model usage: logged, and saved with the call record.

LiveKit puts each turn's timings on the conversation's messages (`ChatMessage.metrics`):
the caller's message carries how long the end of their turn took to detect and to
transcribe, the receptionist's reply how long the LLM took to its first token and
the voice to its first byte. One "turn" figure joins the two; "usage" is the
session's model usage, saved once as the call closes. Figures hold timings and
token counts only, never what anyone said.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import structlog
from livekit.agents import AgentSession, llm
from livekit.agents.voice.events import ConversationItemAddedEvent

from voiceagent.store.port import CallStore

__all__ = ["CallFigures", "turn_figures"]

_log = structlog.get_logger(__name__)

_CALLER_TIMINGS = {
    "end_of_turn_delay": "end_of_utterance_delay",
    "transcription_delay": "transcription_delay",
}
_REPLY_TIMINGS = {
    "llm_node_ttft": "llm_first_token",
    "tts_node_ttfb": "tts_first_byte",
    "llm_node_ttfs": "llm_first_sentence",
    "playback_latency": "playback_latency",
}


def turn_figures(caller: Mapping[str, Any] | None, reply: Mapping[str, Any]) -> dict[str, float]:
    """One turn's latency in seconds, by our names, from the two messages' metrics."""
    figures: dict[str, float] = {}
    for source, names in ((caller or {}, _CALLER_TIMINGS), (reply, _REPLY_TIMINGS)):
        for key, name in names.items():
            value = source.get(key)
            if isinstance(value, int | float):
                figures[name] = round(float(value), 4)
    return figures


class CallFigures:
    """Collects a call's turn latency and usage from its session, into the store.

    Args:
        store: Where figures are saved (`record_metrics`).
        call_id: The call the figures belong to.
        clock: The current instant.
    """

    def __init__(self, store: CallStore, call_id: str, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._call_id = call_id
        self._clock = clock
        self._caller_metrics: Mapping[str, Any] | None = None
        self._pending: set[asyncio.Task[None]] = set()
        self.turns = 0

    def attach(self, session: AgentSession[Any]) -> None:
        """Listen to the session's conversation for timed messages."""
        session.on("conversation_item_added", self._on_item)

    def _on_item(self, event: ConversationItemAddedEvent) -> None:
        item = event.item
        if not isinstance(item, llm.ChatMessage):
            return
        if item.role == "user":
            self._caller_metrics = dict(item.metrics)
            return
        if item.role != "assistant":
            return
        figures = turn_figures(self._caller_metrics, item.metrics)
        self._caller_metrics = None
        if not figures:
            return
        self.turns += 1
        _log.info("turn latency", turn=self.turns, **figures)
        self._save("turn", {"turn": self.turns, **figures})

    async def save_usage(self, session: AgentSession[Any]) -> dict[str, Any]:
        """Log and save the session's model usage (call once, as the call closes)."""
        models = [usage.model_dump(exclude_defaults=True) for usage in session.usage.model_usage]
        figures = {"models": models}
        _log.info("call usage", models=models)
        self._save("usage", figures)
        await self.flush()
        return figures

    async def flush(self) -> None:
        """Wait until every figure handed to the store is written (or failed)."""
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    def _save(self, kind: str, figures: Mapping[str, object]) -> None:
        task = asyncio.create_task(self._write(kind, figures))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _write(self, kind: str, figures: Mapping[str, object]) -> None:
        try:
            await self._store.record_metrics(self._call_id, self._clock(), kind, figures)
        except Exception as error:  # figures are worth a log line, never a dropped call
            _log.warning("figures not saved", kind=kind, error_type=type(error).__name__)
