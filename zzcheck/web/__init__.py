"""Web layer: one blueprint per user group; views stay thin and call services."""

from __future__ import annotations

from flask import Flask

from zzcheck.extensions import csrf


def register_blueprints(app: Flask) -> None:
    from zzcheck.web import respondent, system

    csrf.init_app(app)
    app.register_blueprint(system.bp)
    app.register_blueprint(respondent.bp)
