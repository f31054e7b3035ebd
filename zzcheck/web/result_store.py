"""A result page opened again is served as it was rendered a few minutes before
(``storage.stored_pages``): scoring, the peer comparison and the template cost about ten
times a bare request, and a result is opened again and again (reloads, the workshop
projector, a consultant sitting beside the owner).

Only the page that every visitor of the link gets is stored and served: nobody logged in (the
header names the account), no message waiting (flash), no query string. A page is kept for
``ZZCHECK_RESULT_PAGE_SECONDS`` (default 600; 0 turns this off), which bounds how old its peer
comparison can be; a new build of the software (code, templates, translations, settings)
never serves a page of the old one.

The page is kept per language only, never per ``Host``: the absolute address in it (the
personal link) is kept as a placeholder and filled in when it is served
(``hosts.public_base``: ``ZZCHECK_BASE_URL``, else the request's own, trusted host). A page is stored only if its check, read again
as it is written, is still the same completed check, and served only while that check exists
and is completed (``storage.stored_pages``).
"""

from __future__ import annotations

import functools
import hashlib
import logging
from datetime import timedelta

from flask import current_app, request, session
from sqlalchemy.exc import SQLAlchemyError

from zzcheck.config import PROJECT_ROOT
from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.storage.models import Assessment, utcnow
from zzcheck.storage.stored_pages import store_page, stored_page
from zzcheck.web.access import current_user
from zzcheck.web.hosts import public_base

DEFAULT_SECONDS = 600
SOFTWARE = ("zzcheck", "templates", "static")
BASE_PLACEHOLDER = "<base-url>"  # never in a page: escaping turns typed "<" into &lt;
logger = logging.getLogger(__name__)


def storable() -> bool:
    """Whether this request gets the page every visitor of the link gets. Ask before
    rendering: rendering takes the waiting messages out of the session."""
    return (
        _seconds() > 0 and not request.args and "_flashes" not in session and current_user() is None
    )


def stored_result_page(token: str) -> str | None:
    """The stored page for this link and this visitor's variant (a ``storable`` request)."""
    page = stored_page(db.session, token, _variant(), _build(), utcnow())
    return None if page is None else page.replace(BASE_PLACEHOLDER, public_base())


def keep_result_page(assessment: Assessment, token: str, html: str) -> None:
    """Store a page just rendered for a ``storable`` request (best effort: a busy database
    only means no stored page)."""
    expires_at = utcnow() + timedelta(seconds=_seconds())
    html = html.replace(public_base(), BASE_PLACEHOLDER)
    try:
        store_page(db.session, assessment, token, (_variant(), _build(), html), expires_at)
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        logger.warning("result page not stored: %s", type(error).__name__)


def _seconds() -> int:
    return int(current_app.config.get("ZZCHECK_RESULT_PAGE_SECONDS", DEFAULT_SECONDS))


def _variant() -> str:
    """The language: the only thing a stored page varies by (never the ``Host``)."""
    return hashlib.sha256(select_locale().encode()).hexdigest()


def _build() -> str:
    """The software and this app's settings; computed once per app."""
    extensions = current_app.extensions
    if "zzcheck_build" not in extensions:
        settings = sorted(
            (key, repr(value))
            for key, value in current_app.config.items()
            if key.startswith(("ZZCHECK_", "BABEL_", "LANGUAGES"))
        )
        digest = hashlib.sha256(_software_digest().encode())
        digest.update(repr(settings).encode())
        extensions["zzcheck_build"] = digest.hexdigest()[:32]
    return str(extensions["zzcheck_build"])


@functools.cache
def _software_digest() -> str:
    """A hash of every file the pages are made from (read once per process)."""
    digest = hashlib.sha256()
    for folder in SOFTWARE:
        for path in sorted((PROJECT_ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
