"""The signed cookie that lets one browser answer a campaign once.

It holds a random browser id (192 bits) and the campaign's id, signed with the app's secret
key so it cannot be forged or moved to another campaign. The database keeps only the id's
SHA-256 (``CampaignResponse.browser_hash``). Nothing else about the browser is read or kept:
no IP address, no user agent. Deleting the cookie (or another browser) allows a second
answer: this stops quiet repeats, not a determined person.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.wrappers import Response

from zzcheck.storage.models import utcnow
from zzcheck.storage.team_models import Campaign

SALT = "zzcheck.team-browser"
PATH = "/team/"
KEEP_AFTER_CLOSE = timedelta(days=30)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SALT)  # type: ignore[arg-type]


def _name(campaign: Campaign) -> str:
    return f"zzteam{campaign.id}"


def browser_id(campaign: Campaign) -> str | None:
    """The id this browser got when it started answering ``campaign``, if any."""
    raw = request.cookies.get(_name(campaign))
    if not raw:
        return None
    try:
        data = _serializer().loads(raw)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("c") != campaign.id:
        return None
    found = data.get("b")
    return found if isinstance(found, str) else None


def new_browser_id() -> str:
    return secrets.token_urlsafe(24)


def remember(response: Response, campaign: Campaign, browser: str) -> Response:
    """Set the cookie until a month after the campaign's closing date."""
    lifetime = campaign.closes_at + KEEP_AFTER_CLOSE - utcnow()
    response.set_cookie(
        _name(campaign),
        _serializer().dumps({"c": campaign.id, "b": browser}),
        max_age=max(int(lifetime.total_seconds()), 0),
        path=PATH,
        secure=request.is_secure,
        httponly=True,
        samesite="Lax",
    )
    return response
