"""The state of the whole database as a small comparable value: per table, the row count and
a hash of all rows in primary-key order. Generalises ``centrehelp.snapshot`` (workspace
tables only) to every table the app knows, so a new feature's tables are covered too.

The rate-limit table is left out on purpose: recording a refused login or a guessed link is
the very point of a refused request there (``tests/web/test_link_guesses.py`` tests it)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from flask import Flask
from sqlalchemy import Row, Select, Table, select

from zzcheck.extensions import db

COUNTERS = frozenset({"login_attempt"})  # refused requests are counted here, by design

State = dict[str, tuple[int, str]]


def db_state(app: Flask, skip: frozenset[str] = COUNTERS) -> State:
    """``{table: (row count, sha256 of the rows)}`` for every table but ``skip``."""
    with app.app_context():
        state = {
            table.name: _digest(db.session.execute(_ordered(table)).all())
            for table in db.metadata.sorted_tables
            if table.name not in skip
        }
        db.session.rollback()
    return state


def _ordered(table: Table) -> Select[Any]:
    keys = list(table.primary_key.columns) or list(table.columns)
    return select(table).order_by(*keys)


def _digest(rows: Sequence[Row[Any]]) -> tuple[int, str]:
    hashed = hashlib.sha256()
    for row in rows:
        hashed.update(repr(tuple(row)).encode("utf-8", "backslashreplace"))
        hashed.update(b"\n")
    return len(rows), hashed.hexdigest()


def changed_tables(before: State, after: State) -> list[str]:
    """Names of the tables whose rows differ (a table that appeared or vanished counts)."""
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
