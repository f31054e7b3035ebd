"""Web layer: one blueprint per user group; views stay thin and call services."""

from __future__ import annotations

from flask import Flask

from zzcheck.extensions import csrf


def register_blueprints(app: Flask) -> None:
    from zzcheck.web import (
        auth,
        consultant,
        errors,
        peers,
        privacy,
        programme,
        redact,
        reports,
        respondent,
        security,
        sharing,
        system,
        translate,
    )

    csrf.init_app(app)
    app.register_blueprint(system.bp)
    app.register_blueprint(respondent.bp)
    app.register_blueprint(sharing.bp)
    app.register_blueprint(consultant.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(programme.bp)
    app.register_blueprint(privacy.bp)
    peers.install(app)
    auth.register_auth(app)
    errors.register_error_handlers(app)
    redact.install()
    translate.install_template_gettext(app)
    security.register_security(app)
