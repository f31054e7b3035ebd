"""Persistence: SQLAlchemy 2 models and the use-case services (they flush, never commit)."""
