"""Keep secret tokens out of request logs (DESIGN.md: tokens are never logged).

``TOKEN_PATHS`` is the one list of the URL paths whose next segment is a secret token (the
resume link ``/a/<token>``, the invitation ``/einladung/<token>``, the team campaign
``/team/<token>`` and a personal team code ``/team/code/<code>``): log lines show ``/a/…`` instead, and ``security.py`` sends every page
under them with ``Cache-Control: no-store``. A test walks the app's URL map, so a new route
with a token cannot be left out of the list.
"""

from __future__ import annotations

import logging
import re

# The longer path first: a personal team code (``/team/code/<code>``) spends an answer.
TOKEN_PATHS = ("team/code", "a", "einladung", "team")
TOKEN_IN_PATH = re.compile(
    rf"(/|%2F)({'|'.join(p.replace('/', '(?:/|%2F)') for p in TOKEN_PATHS)})(/|%2F)"
    r"[A-Za-z0-9_-]{8,}",
    re.IGNORECASE,
)
API_TOKEN = re.compile(r"zzk_[A-Za-z0-9_-]{4,}")  # a personal API token sent in a URL by mistake
REQUEST_LOGGERS = ("werkzeug", "gunicorn.access")


def token_prefixes() -> tuple[str, ...]:
    """``("/a/", "/einladung/", "/team/")``: where paths with a token start."""
    return tuple(f"/{path}/" for path in TOKEN_PATHS)


def redact(text: str) -> str:
    """``GET /a/3kq…Zx/2`` → ``GET /a/…/2`` (also URL-encoded, e.g. in ``?next=``)."""
    text = TOKEN_IN_PATH.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}…", text)
    return API_TOKEN.sub("zzk_…", text)


class TokenFilter(logging.Filter):
    """Rewrites a record's message with the tokens removed; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install() -> None:
    """Attach the filter to the request loggers once (app factories may run many times)."""
    for name in REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, TokenFilter) for f in logger.filters):
            logger.addFilter(TokenFilter())
