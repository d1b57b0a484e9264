"""The call store's schema migrations (Alembic): one revision a change, both backends."""
