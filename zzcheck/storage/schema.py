"""The Alembic schema version of a database: is it current, and upgrading it to head.

Used at start-up for the SQLite default and by the tests; ``flask --app app db …``
(Flask-Migrate) uses the same ``migrations/`` folder.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from zzcheck.config import PROJECT_ROOT

MIGRATIONS = PROJECT_ROOT / "migrations"


def alembic_config() -> Config:
    """Alembic's configuration for ``migrations/``, leaving the app's logging alone."""
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["configure_logger"] = False
    return config


def schema_is_current(connection: Connection) -> bool:
    """True when the database is at the newest revision (two small reads: cheap)."""
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    return set(MigrationContext.configure(connection).get_current_heads()) == heads


def upgrade_to_head(engine: Engine) -> bool:
    """Upgrade to the newest revision if needed (needs an app context); True if it ran."""
    with _file_lock(engine):
        with engine.connect() as connection:
            if schema_is_current(connection):
                return False
        command.upgrade(alembic_config(), "head")
    return True


@contextlib.contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    """Serialise start-up upgrades of one SQLite file (several workers starting at once)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # not on POSIX: one process is the supported SQLite set-up there
        yield
        return
    with open(Path(database).with_name(Path(database).name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
