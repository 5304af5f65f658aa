"""Alembic environment: always run in-process on a connection we hand over."""

from __future__ import annotations

from alembic import context

from studyapp.storage.records import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
