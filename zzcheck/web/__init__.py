"""Web layer: one blueprint per user group; views stay thin and call services."""

from __future__ import annotations

from flask import Flask, current_app

from zzcheck.config import MISSING_SECRET
from zzcheck.extensions import csrf


def register_blueprints(app: Flask) -> None:
    from zzcheck.web import (
        api,
        api_tokens,
        auth,
        consultant,
        easy,
        errors,
        followthrough,
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
    app.before_request(refuse_without_secret)  # then: sessions, CSRF, limits need the key
    inputs.register_input_checks(app)  # before the routes: they take its int converter
    csrf.init_app(app)
    app.register_blueprint(system.bp)
    app.register_blueprint(respondent.bp)
    app.register_blueprint(followthrough.bp)
    app.register_blueprint(sharing.bp)
    app.register_blueprint(consultant.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(programme.bp)
    app.register_blueprint(privacy.bp)
    app.register_blueprint(team.bp)
    app.register_blueprint(easy.bp)
    app.register_blueprint(api_tokens.bp)
    api.register_api(app)
    peers.install(app)
    pdf_limits.register_pdf_limit(app)
    auth.register_auth(app)
    errors.register_error_handlers(app)
    redact.install()
    translate.install_template_gettext(app)
    security.register_security(app)


def refuse_without_secret() -> tuple[str, int] | None:
    """``before_request``: without a SECRET_KEY (a deployment that did not set one) every
    request gets the 500 page and the log says why; the commands need no key and still run."""
    if current_app.secret_key:
        return None
    from zzcheck.web.errors import error_page

    current_app.logger.error("zzcheck: %s", MISSING_SECRET)
    return error_page(500)
