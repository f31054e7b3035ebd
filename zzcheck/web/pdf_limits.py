"""Every PDF report (any route whose rule ends in ``.pdf``: the respondent's, the consultant's,
the team reports) is limited per client address: at the limit (``ZZCHECK_PDF_RENDERS`` in the
app config, default 20 made in 10 minutes) the request gets 429 with ``Retry-After`` before
its view runs; a report made (200, ``application/pdf``) counts after it (``storage.
render_limits``). Two hooks for all of them, so a new report route cannot be left out.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app, make_response, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.storage.rate_limits import Throttled
from zzcheck.storage.render_limits import RenderLimits, check_renders, count_render
from zzcheck.web.errors import error_page
from zzcheck.web.translate import _

DEFAULT_RENDERS = 20
logger = logging.getLogger(__name__)


def register_pdf_limit(app: Flask) -> None:
    app.before_request(refuse_at_the_limit)
    app.after_request(count_a_report)


def _is_report() -> bool:
    rule = request.url_rule
    return rule is not None and rule.rule.endswith(".pdf")


def refuse_at_the_limit() -> Response | None:
    """``before_request``: 429 for a report while this address is at its limit."""
    if not _is_report():
        return None
    try:
        check_renders(db.session, _limits(), _address())
    except Throttled as throttled:
        db.session.rollback()
        return _too_many(throttled.retry_after)
    return None


def count_a_report(response: Response) -> Response:
    """``after_request``: count a report that was made (best effort: a busy database only
    means one report not counted)."""
    if _is_report() and response.status_code == 200 and response.mimetype == "application/pdf":
        try:
            count_render(db.session, _limits(), _address())
            db.session.commit()
        except SQLAlchemyError as error:
            db.session.rollback()
            logger.warning("PDF report not counted: %s", type(error).__name__)
    return response


def _address() -> str:
    return request.remote_addr or "unknown"


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
