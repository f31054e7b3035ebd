"""The limit on answers started through a campaign's shared link from one client address
(``storage.start_limits``; ``ZZCHECK_TEAM_LINK_STARTS`` per 10 minutes, default 20)."""

from __future__ import annotations

from flask import current_app, make_response, request
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.storage.start_limits import StartLimits, check_start, count_start
from zzcheck.storage.team_models import Campaign
from zzcheck.web.errors import error_page
from zzcheck.web.translate import _

DEFAULT_STARTS = 20


def _limits() -> StartLimits:
    config = current_app.config
    secret = str(config["SECRET_KEY"]).encode("utf-8")
    per_address = int(config.get("ZZCHECK_TEAM_LINK_STARTS", DEFAULT_STARTS))
    return StartLimits(per_address, secret=secret)


def _address() -> str:
    return request.remote_addr or "unknown"


def check(campaign: Campaign) -> None:
    """Raise ``Throttled`` while this address has started too many answers recently."""
    check_start(db.session, _limits(), campaign.id, _address())


def count(campaign: Campaign) -> None:
    count_start(db.session, _limits(), campaign.id, _address())


def too_many(retry_after: int) -> Response:
    """429 with ``Retry-After``: says why, and that codes do not have this limit."""
    minutes = max(1, -(-retry_after // 60))
    message = _(
        "Von Ihrem Anschluss wurden in kurzer Zeit sehr viele Antworten begonnen. Bitte "
        "versuchen Sie es in %(minutes)s Minuten erneut.",
        minutes=minutes,
    )
    response = make_response(*error_page(429, message))
    response.headers["Retry-After"] = str(retry_after)
    return response
