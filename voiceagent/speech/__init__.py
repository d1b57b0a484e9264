"""The offline voice: speech-to-text, text-to-speech, VAD and turn detection with no network."""
