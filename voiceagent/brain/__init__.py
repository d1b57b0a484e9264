r"""The offline brain: a deterministic LLM that fills the LLM seat with no key and no network.

It sees what a real model sees (instructions ending with the call-state block, the
chat history, the tools offered) and answers by rules: `understand` reads one
caller utterance, `decide` picks a tool call or the words to speak, and
`OfflineBrain` plugs both into LiveKit as an ordinary `llm.LLM`.

Reading an utterance: `_speech` makes the transcript plain (fillers, stutters, false
starts); `_frames` blanks what is only supposed, asked about or denied; `_triggers`
orders the intents, whose phrasings are in `_intake` (the everyday service needs)
and `_situations` (claims told as what happened); `_lines` tells business from
personal; `_people` finds the caller's name, the person asked for and who a message
is for; `_entities` reads numbers, spellings, businesses and carriers; `_answers`
reads replies that only make sense as the answer to the question asked.

>>> from voiceagent.brain import CallerSaid, decide, event_spec
>>> instructions = 'Call state: triage.listening\nAsk: "How can I help you today?"'
>>> decide(instructions, [CallerSaid("I need a quote for my car")], {
...     "request": event_spec("request"), "provide_details": event_spec("provide_details")})
CallTool(name='request', arguments={'intent': 'new_quote'})
"""

from voiceagent.brain._answers import Choice
from voiceagent.brain._block import CallState, read_block
from voiceagent.brain._llm import OfflineBrain, OfflineStream, read_chat, tool_specs
from voiceagent.brain._policy import CallTool, Decision, Speak, decide
from voiceagent.brain._tools import ToolSpec, event_spec
from voiceagent.brain._turns import AgentSaid, CallerSaid, Handoff, ToolCalled, ToolReturned, Turn
from voiceagent.brain._understanding import Understanding, understand

__all__ = [
    "AgentSaid",
    "CallState",
    "CallTool",
    "CallerSaid",
    "Choice",
    "Decision",
    "Handoff",
    "OfflineBrain",
    "OfflineStream",
    "Speak",
    "ToolCalled",
    "ToolReturned",
    "ToolSpec",
    "Turn",
    "Understanding",
    "decide",
    "event_spec",
    "read_block",
    "read_chat",
    "tool_specs",
    "understand",
]
