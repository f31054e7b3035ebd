"""Routes every user group shares: language switch, health check."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, redirect, request, session
from werkzeug.wrappers import Response

bp = Blueprint("system", __name__)


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Follow only paths of this app (no scheme, no host): no open redirect."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


@bp.get("/sprache/<lang>")
def set_language(lang: str) -> Response:
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = lang
    return redirect(safe_next(request.args.get("next")))
