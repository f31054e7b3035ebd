"""Friendly error pages (400, 403, 404, 405, 413, 500): a clear sentence, a way back, no stack
trace, and no echo of the requested URL (it may hold a resume token)."""

from __future__ import annotations

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException, InternalServerError

from zzcheck.web.translate import _

TEMPLATES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    413: "errors/413.html",
}


def error_page(status: int, message: str | None = None) -> tuple[str, int]:
    """The page for ``status``; ``message`` says what went wrong where a page knows better."""
    template = TEMPLATES.get(status, "errors/400.html" if status < 500 else "errors/500.html")
    return render_template(template, status=status, message=message), status


def _http_error(error: HTTPException) -> tuple[str, int]:
    status = error.code or 500
    if status == 405:
        return error_page(405, _("Diese Seite lässt sich so nicht aufrufen."))
    if status == 400:
        return error_page(400, _("Die Anfrage war unvollständig oder fehlerhaft."))
    return error_page(status)


def _server_error(error: InternalServerError) -> tuple[str, int]:
    return error_page(500)


def register_error_handlers(app: Flask) -> None:
    """HTML error pages for every HTTP error (Flask still logs the cause of a 500)."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_error)
