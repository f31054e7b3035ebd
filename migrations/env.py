"""Alembic environment for Flask-Migrate: the app's engine and model metadata.

Runs from ``flask --app app db …`` and from the start-up upgrade of the SQLite default
(``zzcheck.storage.setup``), which passes ``configure_logger=False`` so the app's logging
stays as it is.
"""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy.types import TypeDecorator

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db


def get_engine():
    return target_db.engine


def render_item(type_, obj, autogen_context):
    """Write our column types (e.g. UTCDateTime) as their plain SQLAlchemy type."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def run_migrations_offline():
    """``--sql``: print the SQL instead of running it."""
    url = get_engine().url.render_as_string(hide_password=False)
    context.configure(url=url, target_metadata=target_db.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def process_revision_directives(context, revision, directives):
    """Don't write an empty revision when autogenerate finds no change."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_online():
    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    conf_args.setdefault("render_item", render_item)
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection, conf_args)
        return
    with get_engine().connect() as connection:
        _run(connection, conf_args)


def _run(connection, conf_args):
    context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
