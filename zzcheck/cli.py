"""The ``flask --app app zzcheck …`` commands. Thin: each calls the same code as the web."""

from __future__ import annotations

from flask import Flask
from flask.cli import AppGroup

zzcheck_cli = AppGroup("zzcheck", help="zzcheck: questionnaires, scoring, data.")


def register_cli(app: Flask) -> None:
    app.cli.add_command(zzcheck_cli)
