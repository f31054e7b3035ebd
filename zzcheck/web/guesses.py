"""Links with a secret token in the URL (resume, invitation, team campaign): an unknown
token gets the 404 page and counts against the client's address; after
``ZZCHECK_LINK_GUESSES`` (default 30) unknown links in 10 minutes the address gets 429 with
``Retry-After`` instead, while links that exist keep working (``storage.link_limits``).

Every view that looks a token up passes the result through :func:`found_or_404`: one
place, so no token route can forget the limit.
"""

from __future__ import annotations

from typing import TypeVar

from flask import abort, current_app, make_response, request
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.storage.link_limits import LinkLimits, count_unknown_link
from zzcheck.storage.rate_limits import Throttled
from zzcheck.web.errors import error_page
from zzcheck.web.translate import _

T = TypeVar("T")
DEFAULT_GUESSES = 30


def found_or_404(found: T | None) -> T:
    """``found`` if the token named something; else end the request: 404, or 429 at the limit."""
    if found is None:
        abort(unknown_link())
    return found


def unknown_link() -> Response:
    """Count an unknown link of the client's address; the 404 page, or 429 at the limit.
    (Returned rather than raised, for error handlers: CSRF failures on token pages.)"""
    try:
        count_unknown_link(db.session, _limits(), request.remote_addr or "unknown")
    except Throttled as throttled:
        db.session.rollback()
        return _too_many(throttled.retry_after)
    db.session.commit()
    return make_response(*error_page(404))


def _limits() -> LinkLimits:
    config = current_app.config
    secret = str(config["SECRET_KEY"]).encode("utf-8")
    return LinkLimits(int(config.get("ZZCHECK_LINK_GUESSES", DEFAULT_GUESSES)), secret=secret)


def _too_many(retry_after: int) -> Response:
    minutes = max(1, -(-retry_after // 60))
    message = _(
        "Von Ihrem Anschluss wurden zu viele unbekannte Links aufgerufen. Bitte prüfen Sie "
        "den Link und versuchen Sie es in %(minutes)s Minuten erneut.",
        minutes=minutes,
    )
    response = make_response(*error_page(429, message))
    response.headers["Retry-After"] = str(retry_after)
    return response
