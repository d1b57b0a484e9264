"""The call store: the port, its SQLite backend and schema, and the outbox to staff."""
