"""The production worker: settings, speech providers, and the entry point LiveKit runs per call."""
