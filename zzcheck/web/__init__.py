"""Web layer: one blueprint per user group; views stay thin and call services."""

from __future__ import annotations

from flask import Flask

from zzcheck.extensions import csrf


def register_blueprints(app: Flask) -> None:
    from zzcheck.web import (
        auth,
        consultant,
        easy,
        errors,
        hosts,
        inputs,
        pdf_limits,
        peers,
        privacy,
        programme,
        redact,
        reports,
        respondent,
        security,
        sharing,
        system,
        team,
        translate,
    )

    hosts.register_hosts(app)  # first: a request for an unknown host goes no further
    inputs.register_input_checks(app)  # before the routes: they take its int converter
    csrf.init_app(app)
    app.register_blueprint(system.bp)
    app.register_blueprint(respondent.bp)
    app.register_blueprint(sharing.bp)
    app.register_blueprint(consultant.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(programme.bp)
    app.register_blueprint(privacy.bp)
    app.register_blueprint(team.bp)
    app.register_blueprint(easy.bp)
    peers.install(app)
    pdf_limits.register_pdf_limit(app)
    auth.register_auth(app)
    errors.register_error_handlers(app)
    redact.install()
    translate.install_template_gettext(app)
    security.register_security(app)
