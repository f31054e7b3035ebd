"""Friendly error pages (400, 403, 404, 405, 413, 500, 503): a clear sentence, a way back, no
stack trace, and no echo of the requested URL (it may hold a resume token)."""

from __future__ import annotations

from flask import Flask, Response, current_app, render_template
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError

from zzcheck.extensions import db
from zzcheck.web.api import problems
from zzcheck.web.translate import _

RETRY_AFTER_SECONDS = 30

TEMPLATES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    413: "errors/413.html",
    503: "errors/503.html",
}


def error_page(status: int, message: str | None = None) -> tuple[str, int]:
    """The page for ``status``; ``message`` says what went wrong where a page knows better."""
    template = TEMPLATES.get(status, "errors/400.html" if status < 500 else "errors/500.html")
    return render_template(template, status=status, message=message), status


def _http_error(error: HTTPException) -> tuple[str, int] | Response:
    if problems.is_api_request():  # the JSON API answers every error as problem+json
        return problems.from_http_error(error)
    status = error.code or 500
    if status == 405:
        return error_page(405, _("Diese Seite lässt sich so nicht aufrufen."))
    if status == 400:
        return error_page(400, _("Die Anfrage war unvollständig oder fehlerhaft."))
    return error_page(status)


def _server_error(error: InternalServerError) -> tuple[str, int] | Response:
    if problems.is_api_request():
        return problems.problem(500)
    return error_page(500)


def _database_unavailable(error: Exception) -> tuple[str, int, dict[str, str]] | Response:
    """The database failed (down, restarting, a lock held too long): 503, "try again", and
    the transaction rolled back, so nothing is half-written. (Saving a questionnaire page
    catches this itself, to show the page again with what was typed.)"""
    db.session.rollback()
    reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
    current_app.logger.warning("database unavailable: %s", reason)  # no SQL parameters
    message = _(
        "Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es in einer Minute "
        "noch einmal."
    )
    if problems.is_api_request():
        return problems.problem(503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    html, status = error_page(503, message)
    return html, status, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def register_error_handlers(app: Flask) -> None:
    """HTML error pages for every HTTP error (Flask still logs the cause of a 500)."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(PoolTimeout, _database_unavailable)
