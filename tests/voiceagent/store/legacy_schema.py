"""The SQLite schema as the hand-written migrations left it (user_version 1 and 2), for tests.

Files written before the migration tool look like this; the store must adopt them.
"""

SCHEMA_V1 = """
CREATE TABLE calls (
    call_id TEXT PRIMARY KEY, agency TEXT, started_at TEXT, caller_number TEXT,
    finished_at TEXT, outcome TEXT, outcome_target TEXT,
    caller TEXT NOT NULL DEFAULT '{}', path TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, call_id TEXT NOT NULL, at TEXT NOT NULL,
    name TEXT NOT NULL, arguments TEXT NOT NULL, states TEXT NOT NULL
);
CREATE INDEX events_by_call ON events (call_id, id);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, call_id TEXT NOT NULL, at TEXT NOT NULL,
    kind TEXT NOT NULL, target_kind TEXT, target_name TEXT, target_spoken_name TEXT,
    target_extension TEXT, target_group TEXT, target_reason TEXT,
    caller_name TEXT, phone_number TEXT, insurance_type TEXT, identifier TEXT, intent TEXT,
    text TEXT NOT NULL, notes TEXT NOT NULL
);
CREATE INDEX messages_by_call ON messages (call_id, id);
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER NOT NULL UNIQUE REFERENCES messages (id),
    created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL, last_attempt_at TEXT, last_error TEXT, delivered_at TEXT
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
"""

SCHEMA_V2 = """
CREATE TABLE metrics (
    id INTEGER PRIMARY KEY AUTOINCREMENT, call_id TEXT NOT NULL, at TEXT NOT NULL,
    kind TEXT NOT NULL, figures TEXT NOT NULL
);
CREATE INDEX metrics_by_call ON metrics (call_id, id);
"""

A_CALL = """
INSERT INTO calls (call_id, agency, started_at, caller, path)
VALUES ('old', 'harry_levine', '2026-03-02T14:30:00.000000+00:00', '{"first_name": "Jane"}',
        '["greeting", "ended"]');
INSERT INTO events (call_id, at, name, arguments, states)
VALUES ('old', '2026-03-02T14:30:01.000000+00:00', 'greeted', '{}', '["triage"]');
INSERT INTO events (call_id, at, name, arguments, states)
VALUES ('old', '2026-03-02T14:30:02.000000+00:00', 'choose_intent', '{"intent": "claims"}',
        '["claims"]');
INSERT INTO messages (call_id, at, kind, caller_name, phone_number, intent, text, notes)
VALUES ('old', '2026-03-02T14:30:03.000000+00:00', 'callback', 'Jane Doe', '407-555-0100',
        'claims', 'Please call me back.', '');
INSERT INTO outbox (message_id, created_at, attempts, next_attempt_at, last_error)
VALUES (1, '2026-03-02T14:30:03.000000+00:00', 2, '2026-03-02T14:31:00.000000+00:00',
        'ConnectionError: down');
"""
