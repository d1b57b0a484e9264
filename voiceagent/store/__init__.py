"""The call store: its port, SQLite and PostgreSQL backends, migrations, journal and outbox."""
