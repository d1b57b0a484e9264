"""The LiveKit shell around the statechart: adapters, orchestrator, brains, ports, CLI."""
