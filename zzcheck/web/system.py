"""Routes every user group shares: language switch, health check, favicon, the operator's
logos."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    request,
    send_file,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.logos import MIMETYPES
from zzcheck.registry import current_registry
from zzcheck.storage.health import database_reachable

bp = Blueprint("system", __name__)


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Follow only paths of this app (no scheme, no host): no open redirect.

    Browsers read ``/\\host`` as ``//host`` and drop tabs and newlines from URLs, so a
    backslash or a control character anywhere makes the target unsafe as well.
    """
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return fallback
    return target


@bp.get("/sprache/<lang>")
def set_language(lang: str) -> Response:
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = lang
    return redirect(safe_next(request.args.get("next")))


@bp.get("/logos/<filename>")
def logo(filename: str) -> Response:
    """A funding logo listed in ``ZZCHECK_LOGOS`` (only listed files; a day in caches)."""
    path = current_registry().logos.path_of(filename)
    if path is None:
        abort(404)
    mimetype = MIMETYPES[filename.rsplit(".", 1)[1].lower()]
    return send_file(path, mimetype=mimetype, max_age=24 * 3600)


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Browsers and crawlers ask for ``/favicon.ico`` whatever the page links: the SVG icon
    (``static/favicon.svg``, linked in ``base.html``), so no page logs a 404."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """For load balancers and monitoring: 200 if the database answers, else 503 (no details)."""
    if database_reachable(db.session):
        count = len(current_registry().questionnaires)
        response, status = jsonify(status="ok", database="ok", questionnaires=count), 200
    else:
        response, status = jsonify({"status": "error", "database": "unreachable"}), 503
    response.headers["Cache-Control"] = "no-store"
    return response, status
