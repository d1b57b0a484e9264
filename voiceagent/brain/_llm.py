"""The offline brain in the LLM seat: a deterministic `livekit.agents.llm.LLM`.

It sees only what a real model sees (the instructions, the chat history and the
tools offered, with their JSON schemas), turns them into the pure types of
`_turns` and `_policy`, asks `decide`, and streams the answer back as chunks:
words of text, or one tool call. It needs no key and no network, so the product
runs anywhere and the brain can be the last link of a `FallbackAdapter` chain.

An empty reply (the orchestrator already said everything the state needs) is a
stream with no content chunk at all, only a usage chunk: LiveKit then adds no
assistant message and speaks nothing.
"""

from __future__ import annotations

import json
import uuid
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import structlog
from livekit.agents import llm
from livekit.agents.llm.utils import build_legacy_openai_schema
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)

from voiceagent.brain._policy import CallTool, Decision, Speak, decide
from voiceagent.brain._replies import didnt_catch
from voiceagent.brain._tools import ToolSpec
from voiceagent.brain._turns import (
    AgentSaid,
    CallerSaid,
    Handoff,
    ToolCalled,
    ToolReturned,
    Turn,
)

__all__ = ["OfflineBrain", "OfflineStream", "read_chat", "tool_specs"]

_log = structlog.get_logger(__name__)

_INSTRUCTION_ROLES = frozenset({"system", "developer"})
_SPECS: weakref.WeakKeyDictionary[Callable[..., Any], ToolSpec] = weakref.WeakKeyDictionary()
"""Schemas by the tool's underlying function: building one costs a pydantic model."""


def read_chat(chat_ctx: llm.ChatContext) -> tuple[str, list[Turn]]:
    """The instructions (every system message, in order) and the turns of `chat_ctx`.

    A new adapter's history does not hold the previous adapter's last tool call; the
    takeover shows as an `agent_config_update` (or `agent_handoff`) after the caller's
    words. A config update inside an open call (a tool updating its own instructions)
    is not a takeover and is left out.
    """
    instructions: list[str] = []
    turns: list[Turn] = []
    open_calls: set[str] = set()
    for item in chat_ctx.items:
        if isinstance(item, llm.ChatMessage):
            text = item.text_content or ""
            if item.role in _INSTRUCTION_ROLES:
                instructions.append(text)
            elif item.role == "user":
                turns.append(CallerSaid(text))
            elif item.role == "assistant":
                turns.append(AgentSaid(text))
        elif isinstance(item, llm.FunctionCall):
            open_calls.add(item.call_id)
            turns.append(ToolCalled(item.name, _arguments(item.arguments)))
        elif isinstance(item, llm.FunctionCallOutput):
            open_calls.discard(item.call_id)
            turns.append(ToolReturned(item.name, item.output, item.is_error))
        elif isinstance(item, llm.AgentHandoff) or not open_calls:
            # a handoff, or an agent_config_update outside any open call: a takeover
            turns.append(Handoff())
    return "\n".join(instructions), turns


def _arguments(raw: str) -> Mapping[str, object]:
    try:
        parsed = json.loads(raw or "{}")
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _enum(prop: Mapping[str, Any], defs: Mapping[str, Any]) -> frozenset[str] | None:
    """The allowed values of a parameter: `enum`, `anyOf` with an enum, or a `$ref`."""
    options = [prop, *prop.get("anyOf", ())]
    for option in options:
        ref = option.get("$ref")
        target = defs.get(ref.rsplit("/", 1)[-1], {}) if isinstance(ref, str) else option
        values = target.get("enum")
        if isinstance(values, list):
            return frozenset(str(v) for v in values)
    return None


def schema_spec(name: str, schema: Mapping[str, Any]) -> ToolSpec:
    """A `ToolSpec` from a tool's JSON schema of parameters."""
    props: Mapping[str, Any] = schema.get("properties") or {}
    defs: Mapping[str, Any] = schema.get("$defs") or {}
    choices = {p: values for p, prop in props.items() if (values := _enum(prop, defs))}
    return ToolSpec(
        name,
        frozenset(props),
        frozenset(str(r) for r in schema.get("required") or ()),
        choices,
    )


def _spec(tool: llm.Tool) -> ToolSpec | None:
    if llm.is_function_tool(tool):
        func = getattr(tool, "__wrapped__", None)
        cached = _SPECS.get(func) if func is not None else None
        if cached is not None and cached.name == tool.id:
            return cached
        parameters = build_legacy_openai_schema(tool)["function"]["parameters"]
        spec = schema_spec(tool.id, parameters)
        if func is not None:
            _SPECS[func] = spec
        return spec
    if llm.is_raw_function_tool(tool):
        return schema_spec(tool.id, tool.info.raw_schema.get("parameters") or {})
    return None


def tool_specs(tools: Iterable[llm.Tool | llm.Toolset]) -> dict[str, ToolSpec]:
    """The function tools offered (toolsets flattened), as specs by name."""
    specs: dict[str, ToolSpec] = {}
    for tool in tools:
        if isinstance(tool, llm.Toolset):
            specs.update(tool_specs(tool.tools))
            continue
        spec = _spec(tool)
        if spec is not None:
            specs[spec.name] = spec
    return specs


class OfflineBrain(llm.LLM[None]):
    """A deterministic, rule-based LLM: no key, no network, the same answer every time."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def model(self) -> str:
        """The model name reported in metrics and usage."""
        return "offline-brain"

    @property
    def provider(self) -> str:
        """The provider name reported in metrics and usage."""
        return "local"

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        parallel_tool_calls: NotGivenOr[bool] = NOT_GIVEN,
        tool_choice: NotGivenOr[llm.ToolChoice] = NOT_GIVEN,
        extra_kwargs: NotGivenOr[dict[str, Any]] = NOT_GIVEN,
    ) -> OfflineStream:
        """Start one answer; it is decided and streamed by `OfflineStream`."""
        return OfflineStream(
            self,
            chat_ctx=chat_ctx,
            tools=tools or [],
            conn_options=conn_options,
            words_only=tool_choice == "none",
        )


class OfflineStream(llm.LLMStream):
    """One answer of the offline brain, streamed as LiveKit chunks."""

    def __init__(
        self,
        brain: OfflineBrain,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool],
        conn_options: APIConnectOptions,
        words_only: bool,
    ) -> None:
        self._words_only = words_only
        super().__init__(brain, chat_ctx=chat_ctx, tools=tools, conn_options=conn_options)

    def _decide(self) -> tuple[Decision, int]:
        instructions, turns = read_chat(self._chat_ctx)
        try:
            specs = tool_specs(self._tools)
            decision = decide(instructions, turns, specs, tool_choice_none=self._words_only)
        except Exception:  # a rule bug must never drop a call: ask again instead
            _log.exception("offline brain failed to decide")
            decision = Speak(didnt_catch(None))
        return decision, len(instructions.split()) + sum(1 for _ in turns)

    async def _run(self) -> None:
        decision, prompt_tokens = self._decide()
        request_id = f"offline-{uuid.uuid4().hex[:12]}"
        completion_tokens = 0
        if isinstance(decision, CallTool):
            call = llm.FunctionToolCall(
                name=decision.name,
                arguments=json.dumps(dict(decision.arguments)),
                call_id=f"call_{uuid.uuid4().hex[:12]}",
            )
            self._send(request_id, llm.ChoiceDelta(role="assistant", tool_calls=[call]))
            completion_tokens = 1 + len(decision.arguments)
        elif decision.text:
            for index, word in enumerate(decision.text.split()):
                piece = f" {word}" if index else word
                self._send(request_id, llm.ChoiceDelta(role="assistant", content=piece))
                completion_tokens += 1
        usage = llm.CompletionUsage(
            completion_tokens=completion_tokens,
            prompt_tokens=prompt_tokens,
            total_tokens=completion_tokens + prompt_tokens,
        )
        self._event_ch.send_nowait(llm.ChatChunk(id=request_id, usage=usage))

    def _send(self, request_id: str, delta: llm.ChoiceDelta) -> None:
        self._event_ch.send_nowait(llm.ChatChunk(id=request_id, delta=delta))
