"""Ids are never reused on SQLite: AUTOINCREMENT on every table whose ids leave the database
(URLs, login sessions, cookies, keys of stored result pages). Without it SQLite gives a new
row max(id) + 1, so deleting the newest check handed its id to the next one, and a result
page stored under the old id could be served to the new check's respondent.

PostgreSQL: nothing to do (a sequence never hands out an id twice).

SQLite cannot add AUTOINCREMENT to a table: each table is rebuilt in batch mode (copy, drop,
rename). Dropping a table with foreign keys on would first delete its rows and, through
ON DELETE CASCADE, every answer, score and link of every check; so foreign keys are switched
off for the rebuild (outside a transaction, where SQLite honours it), checked with
``PRAGMA foreign_key_check`` afterwards and switched on again. Dropping a table also drops
the triggers that use it (the peer statistics' triggers, ``peer_triggers.py``): they are
read from the schema before and created again, unchanged, afterwards. The next id of each
table continues after the largest id it holds.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = (
    "user_account",
    "assessment",
    "client",
    "share",
    "invitation",
    "note",
    "action_item",
    "campaign",
)


def upgrade():
    _rebuild(autoincrement=True)


def downgrade():
    _rebuild(autoincrement=False)


def _rebuild(autoincrement):
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    _foreign_keys(bind, on=False)
    triggers = _triggers(bind)
    for name in triggers:
        op.execute(f'DROP TRIGGER "{name}"')
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass
    for sql in triggers.values():
        op.execute(sql)
    broken = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")
    _foreign_keys(bind, on=True)


def _triggers(bind):
    """Every trigger's name and SQL (any of them may use a table that is rebuilt)."""
    rows = bind.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    )
    return dict(rows.fetchall())


def _foreign_keys(bind, on):
    """``PRAGMA foreign_keys`` is ignored inside a transaction: run it in autocommit (this
    commits the migrations before it), and make sure it took effect."""
    with op.get_context().autocommit_block():
        bind.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    if bool(bind.exec_driver_sql("PRAGMA foreign_keys").scalar()) != on:
        raise RuntimeError("could not switch SQLite's foreign keys for the rebuild")
