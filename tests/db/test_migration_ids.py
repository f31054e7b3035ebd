"""Migration 0010 (ids never reused): a database full of data comes through the upgrade
unchanged, every row of every table, the peer statistics' triggers included; afterwards a
deleted check's id is never handed out again. On SQLite the upgrade rebuilds the tables
(where a careless drop would cascade into every answer); on PostgreSQL it changes nothing.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from alembic import command
from flask import Flask
from sqlalchemy import Connection, MetaData, Table, delete, insert, select, text

from zzcheck.extensions import db
from zzcheck.storage import schema
from zzcheck.storage.models import Assessment

WHEN = datetime(2026, 3, 1, 12, tzinfo=UTC)
ASSESSMENT = {"questionnaire_version_id": 1, "started_at": WHEN, "updated_at": WHEN}
ASSESSMENT |= {"current_section": 0}
DONE = {**ASSESSMENT, "status": "completed", "completed_at": WHEN, "industry": "C"}
DONE |= {"size": "10-49", "overall_score": 50.0, "overall_level": "anwender"}
# Every table, in an order the foreign keys allow; ids left gaps where rows were deleted.
ROWS: dict[str, list[dict[str, Any]]] = {
    "questionnaire_version": [
        {"id": 1, "questionnaire_id": "werkstatt", "version": "1", "content_hash": "h" * 64}
        | {"source": "id: werkstatt", "created_at": WHEN}
    ],
    "user_account": [
        {"id": 1, "email": "eva@example.org", "password_hash": "x", "role": "consultant"}
        | {"centre_id": "sachsen", "active": True, "session_epoch": 3, "created_at": WHEN},
        {"id": 4, "email": "pia@example.org", "password_hash": "y", "role": "programme"}
        | {"centre_id": None, "active": False, "session_epoch": 0, "created_at": WHEN},
    ],
    "assessment": [
        {"id": 1, "token_hash": "a" * 64, "status": "in_progress", **ASSESSMENT},
        {"id": 2, **DONE, "token_hash": "b" * 64},
        {"id": 5, **DONE, "token_hash": "c" * 64, "overall_score": 70.0},
        {"id": 7, **DONE, "token_hash": "d" * 64},  # a team answer
    ],
    "answer": [
        {"id": 1, "assessment_id": 1, "question_id": "q1", "value": "ja", "answered_at": WHEN},
        {"id": 3, "assessment_id": 2, "question_id": "q1", "value": ["a", "b"]}
        | {"answered_at": WHEN},
    ],
    "dimension_score": [
        {"id": 1, "assessment_id": 2, "dimension_id": "daten", "score": 40.0, "level": "x"}
        | {"answered": 2, "total": 2},
        {"id": 2, "assessment_id": 5, "dimension_id": "daten", "score": 60.0, "level": "x"}
        | {"answered": 1, "total": 2},
    ],
    "score_summary": [
        {"assessment_id": 2, "questionnaire_version_id": 1, "industry": "C", "size": "10-49"}
        | {"state": "DE-SN", "works_council": "no", "month": "2026-03", "scores": b"\x01\x02"}
    ],
    "stored_page": [
        {"assessment_id": 2, "variant": "v" * 64, "build": "b" * 32, "expires_at": WHEN}
        | {"html": b"packed"}
    ],
    "client": [
        {"id": 2, "centre_id": "sachsen", "display_name": "Muster", "name_key": "muster"}
        | {"created_at": WHEN}
    ],
    "share": [
        {"id": 3, "assessment_id": 2, "centre_id": "sachsen", "client_id": 2}
        | {"company_name": "Muster GmbH", "consent_version": "1", "consent_lang": "de"}
        | {"consent_hash": "e" * 64, "consented_at": WHEN}
    ],
    "invitation": [
        {"id": 1, "token_hash": "f" * 64, "centre_id": "sachsen", "client_id": 2}
        | {"created_by_id": 1, "created_at": WHEN, "expires_at": WHEN}
    ],
    "invited_assessment": [{"assessment_id": 5, "invitation_id": 1}],
    "note": [{"id": 2, "client_id": 2, "author_id": 1, "text": "intern", "created_at": WHEN}],
    "action_item": [
        {"id": 1, "client_id": 2, "title": "Schritt", "status": "open", "created_at": WHEN}
        | {"updated_at": WHEN}
    ],
    "campaign": [
        {"id": 6, "token_hash": "g" * 64, "owner_assessment_id": 2, "min_group_size": 3}
        | {"created_at": WHEN, "closes_at": WHEN}
    ],
    "campaign_questionnaire": [{"campaign_id": 6, "position": 0, "version_id": 1}],
    "campaign_response": [
        {"assessment_id": 7, "campaign_id": 6, "position": 0, "role": "employee"}
        | {"browser_hash": "h" * 64}
    ],
    "login_attempt": [{"id": 1, "key_hash": "k" * 64, "attempted_at": WHEN}],
}
NEW_ROWS = {  # one row more per table with exposed ids, to see which id it gets
    "user_account": {**ROWS["user_account"][1], "email": "neu@example.org"},
    "assessment": {**ROWS["assessment"][0], "token_hash": "n" * 64},
    "client": ROWS["client"][0],
    "note": ROWS["note"][0],
    "action_item": ROWS["action_item"][0],
}


def _tables(connection: Connection) -> dict[str, Table]:
    """The tables as the database has them at its revision (later migrations add columns)."""
    found = MetaData()
    found.reflect(connection, only=lambda name, _: name != "alembic_version")
    return dict(found.tables)


def _everything(connection: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in key order (peer statistics included)."""
    rows = {}
    for name, table in _tables(connection).items():
        ordered = select(table).order_by(*(table.primary_key.columns or table.columns))
        rows[name] = [tuple(row) for row in connection.execute(ordered)]
    return rows


def _schema(connection: Connection) -> dict[str, Any]:
    """SQLite's schema text, clause order and quoting aside (tables, indexes, triggers)."""
    found = connection.execute(
        text(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'alembic_version'"
        )
    )
    return {name: _clauses(sql) for name, sql in found}


def _clauses(sql: str) -> tuple[str, frozenset[str]]:
    """The statement's head and its top-level clauses (ADD COLUMN appends one to a line)."""
    head, _, body = sql.replace('"', "").partition("(")
    clauses, depth, current = [], 0, ""
    for char in body.rsplit(")", 1)[0]:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            clauses.append(current)
            current = ""
        else:
            current += char
    clauses.append(current)
    return head.strip(), frozenset(re.sub(r"\s+", " ", c).strip() for c in clauses)


def _fill(connection: Connection) -> None:
    tables = _tables(connection)
    for name, rows in ROWS.items():
        connection.execute(insert(tables[name]), rows)
        if connection.dialect.name == "postgresql" and name in NEW_ROWS:  # as if made one by one
            sequence = f"pg_get_serial_sequence('{name}', 'id')"
            connection.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {name}))"))


def test_a_database_with_data_survives_the_upgrade_unchanged(app: Flask) -> None:
    with app.app_context():
        _drop_everything()
        command.upgrade(schema.alembic_config(), "0009")
        with db.engine.begin() as connection:
            _fill(connection)
        with db.engine.connect() as connection:
            before = _everything(connection)
        assert before["peer_count"] and before["peer_score_sum"]  # the triggers ran
        command.upgrade(schema.alembic_config(), "0010")
        with db.engine.connect() as connection:
            assert _everything(connection) == before
            if connection.dialect.name == "sqlite":
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        _ids_continue_and_statistics_follow()
        command.upgrade(schema.alembic_config(), "head")  # later ones drop the peer tables
        _drop_everything()


def _ids_continue_and_statistics_follow() -> None:
    """After the upgrade: a new row gets an id above every id the table ever held, even when
    the newest row was deleted first; and the peer triggers still count a completed check."""
    with db.engine.begin() as connection:
        for name, row in NEW_ROWS.items():
            table = db.metadata.tables[name]
            newest = max(r["id"] for r in ROWS[name])
            if name != "client":  # the others refer to it
                connection.execute(delete(table).where(table.c.id == newest))
            new = {key: value for key, value in row.items() if key != "id"}
            new_id = connection.execute(insert(table).values(new).returning(table.c.id)).scalar()
            assert new_id == newest + 1, name
        before = connection.scalar(text("SELECT sum(assessments) FROM peer_count"))
        connection.execute(delete(Assessment).where(Assessment.id == 5))
        assert connection.scalar(text("SELECT sum(assessments) FROM peer_count")) == before - 1


def test_the_upgraded_sqlite_schema_is_the_one_the_models_create(app: Flask) -> None:
    """Every table, index and trigger as ``create_all`` makes it, AUTOINCREMENT included
    (Alembic's comparison of the schemas does not see AUTOINCREMENT)."""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        _drop_everything()
        db.create_all()
        with db.engine.connect() as connection:
            created = _schema(connection)
        _drop_everything()
        command.upgrade(schema.alembic_config(), "0009")
        command.upgrade(schema.alembic_config(), "head")
        with db.engine.connect() as connection:
            assert _schema(connection) == created
        assert "AUTOINCREMENT" in repr(created["assessment"])
        command.downgrade(schema.alembic_config(), "0009")
        with db.engine.connect() as connection:
            assert "AUTOINCREMENT" not in repr(_schema(connection)["assessment"])
        _drop_everything()


def _drop_everything() -> None:
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
