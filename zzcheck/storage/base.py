"""Declarative base with a naming convention, so Alembic migrations get stable names."""

from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The table argument of every table whose ids leave the database (URLs, sessions, cookies,
# keys of stored pages): on SQLite, AUTOINCREMENT, so the id of a deleted row is never given
# to a new one (without it SQLite takes max(id) + 1, the deleted row's id if it was the
# newest). PostgreSQL's sequences never hand out an id twice anyway. Migration 0010.
NEVER_REUSED: dict[str, Any] = {"sqlite_autoincrement": True}

# What services take: a plain Session (tests, CLI) or Flask-SQLAlchemy's ``db.session``.
DbSession = Session | scoped_session[Any]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
