"""Every PDF report (any route whose rule ends in ``.pdf``: the respondent's, the consultant's,
the team reports) counts against the client's address before its view runs; at the limit
(``ZZCHECK_PDF_RENDERS`` in the app config, default 20 in 10 minutes) the answer is 429 with
``Retry-After`` (``storage.render_limits``). One hook for all of them, so a new report route
cannot be left out.
"""

from __future__ import annotations

from flask import Flask, current_app, make_response, request
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.storage.rate_limits import Throttled
from zzcheck.storage.render_limits import RenderLimits, count_render
from zzcheck.web.errors import error_page
from zzcheck.web.translate import _

DEFAULT_RENDERS = 20


def register_pdf_limit(app: Flask) -> None:
    app.before_request(limit_pdf_reports)


def limit_pdf_reports() -> Response | None:
    """``before_request``: count a PDF report of this address, or answer 429 at the limit."""
    rule = request.url_rule
    if rule is None or not rule.rule.endswith(".pdf"):
        return None
    try:
        count_render(db.session, _limits(), request.remote_addr or "unknown")
    except Throttled as throttled:
        db.session.rollback()
        return _too_many(throttled.retry_after)
    db.session.commit()
    return None


def _limits() -> RenderLimits:
    config = current_app.config
    secret = str(config["SECRET_KEY"]).encode("utf-8")
    return RenderLimits(int(config.get("ZZCHECK_PDF_RENDERS", DEFAULT_RENDERS)), secret=secret)


def _too_many(retry_after: int) -> Response:
    message = _(
        "Von Ihrem Anschluss wurden gerade viele PDF-Berichte erstellt. Bitte versuchen Sie "
        "es in %(minutes)s Minuten erneut.",
        minutes=max(1, -(-retry_after // 60)),
    )
    response = make_response(*error_page(429, message))
    response.headers["Retry-After"] = str(retry_after)
    return response
