"""The collection on disk: SQLite through SQLAlchemy, migrations with Alembic."""
