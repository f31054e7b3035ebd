"""Who is logged in, and the decorators that guard the pages of consultants, programme staff
and admins.

The login session (Flask's signed cookie) holds the user id, the user's ``session_epoch`` and
the login time. Every request of a logged-in user reloads the account, so logging out,
deactivating it or changing its password (all raise the epoch) ends access at the next
request, also for a copy of the cookie; a login older than ``PERMANENT_SESSION_LIFETIME``
ends even while the user keeps clicking.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, current_app, flash, g, redirect, request, session, url_for

from zzcheck.extensions import db
from zzcheck.storage.accounts import User, get_user
from zzcheck.web.translate import _

F = TypeVar("F", bound=Callable[..., Any])
SESSION_KEYS = ("user_id", "user_epoch", "auth_at")


def current_user() -> User | None:
    """The logged-in, active user of this request, or None."""
    return cast(User | None, g.get("user"))


def load_user() -> None:
    """``before_app_request``: set ``g.user``; forget a session that is no longer valid."""
    g.user = None
    user_id = session.get("user_id")
    if user_id is None:
        return
    user = get_user(db.session, user_id) if isinstance(user_id, int) else None
    if user is not None and user.active and _session_is_current(user):
        g.user = user
    else:
        forget_login()
        flash(_("Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an."), "error")


def _session_is_current(user: User) -> bool:
    auth_at = session.get("auth_at")
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    fresh = isinstance(auth_at, int | float) and 0 <= time.time() - auth_at <= lifetime
    return fresh and session.get("user_epoch") == user.session_epoch


def remember_login(user: User) -> None:
    """Start a login session (the old session's data is dropped, the language kept)."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    session.update(user_id=user.id, user_epoch=user.session_epoch, auth_at=int(time.time()))
    session.permanent = True
    g.user = user


def forget_login() -> None:
    for key in SESSION_KEYS:
        session.pop(key, None)
    g.user = None


def login_required(view: F) -> F:
    """Anonymous visitors are sent to the login page, and back here afterwards."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if current_user() is None:
            return redirect(url_for("auth.login", next=_here()))
        return view(*args, **kwargs)

    return cast(F, guarded)


def role_required(*roles: str) -> Callable[[F], F]:
    """Only these roles (``consultant``, ``programme``, ``admin``); others get 403."""

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None:
                return redirect(url_for("auth.login", next=_here()))
            if user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return cast(F, guarded)

    return decorate


def _here() -> str:
    """The current path with its query (no trailing ``?``), for ``?next=``."""
    query = request.query_string.decode("latin-1")
    return request.path + ("?" + query if query else "")
