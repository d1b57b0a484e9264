"""Telephony: the port the orchestrator dials through, a console fake and LiveKit SIP."""
