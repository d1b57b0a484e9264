"""The LiveKit session shell: speech adapters, tools, the orchestrator, call wiring, silence."""
