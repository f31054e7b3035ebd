"""The ``team`` blueprint: every page behind a campaign link or a resume link is private
(never cached, never indexed, no Referer)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Blueprint
from werkzeug.wrappers import Response

from zzcheck.web.dates import local_date

bp = Blueprint("team", __name__)
Page = str | tuple[str, int] | Response


def last_day(end: datetime) -> str:
    """The last (Berlin) day on which answers were accepted before the exclusive ``end``."""
    return local_date(end - timedelta(microseconds=1))


bp.add_app_template_filter(last_day, "last_day")


@bp.after_request
def private_pages(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
