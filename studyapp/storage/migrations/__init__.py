"""Alembic migrations, run in-process whenever a collection is opened."""
