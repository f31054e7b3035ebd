"""Who calls the API: a personal token in ``Authorization: Bearer …``, nothing else.

The session cookie is never looked at here (so a page in a browser cannot make requests on
a logged-in user's behalf, and CSRF does not apply). A token in the URL is refused with 400
before anything else happens. Failed tokens count against the address like failed logins;
the user is loaded with every request, so deactivating the account stops its tokens at
once.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, request

from zzcheck.extensions import db
from zzcheck.storage.accounts import User
from zzcheck.storage.api_tokens import (
    PREFIX,
    TokenLimits,
    authenticate,
    check_token_limit,
    record_bad_token,
)
from zzcheck.storage.models import utcnow
from zzcheck.storage.rate_limits import Throttled
from zzcheck.web.api.problems import ApiProblem

URL_TOKEN_NAMES = {"token", "access_token", "api_token", "api_key", "apikey", "bearer", "auth"}
LAST_USE_GRANULARITY = timedelta(minutes=1)


def refuse_token_in_url() -> None:
    """``before_request`` of the API: a token in the query string is refused (400)."""
    for name, value in request.args.items(multi=True):
        if name.lower() in URL_TOKEN_NAMES or PREFIX in value or PREFIX in name:
            raise ApiProblem(
                400,
                "API tokens are accepted only in the header 'Authorization: Bearer <token>', "
                "never in the URL. Revoke this token: URLs end up in logs and histories.",
            )


def api_user(roles: tuple[str, ...]) -> User:
    """The token's user for this request if their role is one of ``roles``; else 401/403."""
    user: User | None = g.get("api_user")
    if user is None:
        user = _authenticate()
        g.api_user = user
    if user.role not in roles:
        raise ApiProblem(403, f"This operation is for the role(s): {', '.join(roles)}.")
    return user


def _authenticate() -> User:
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise ApiProblem(401, "Send a personal API token in 'Authorization: Bearer <token>'.")
    limits, now = _limits(), utcnow()
    try:
        check_token_limit(db.session, limits, _client_key(), now)
    except Throttled as throttled:
        db.session.rollback()
        detail = f"Too many unknown tokens from your address; retry in {throttled.retry_after} s."
        raise ApiProblem(429, detail, {"Retry-After": str(throttled.retry_after)}) from None
    user = authenticate(db.session, secret.strip(), now, LAST_USE_GRANULARITY)
    if user is None:
        record_bad_token(db.session, limits, _client_key(), now)
        db.session.commit()
        raise ApiProblem(401, "The token is unknown or revoked, or its account is deactivated.")
    db.session.commit()  # the last use, if it was recorded
    return user


def _client_key() -> str:
    return request.remote_addr or "unknown"


def _limits() -> TokenLimits:
    return TokenLimits(secret=str(current_app.config["SECRET_KEY"]).encode("utf-8"))
