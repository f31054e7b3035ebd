"""Keep resume tokens out of request logs: the token in ``/a/<token>/…`` is the only key to
an assessment (DESIGN.md: tokens are never logged), so log lines show ``/a/…`` instead."""

from __future__ import annotations

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/|%2F)a(/|%2F)[A-Za-z0-9_-]{8,}", re.IGNORECASE)
REQUEST_LOGGERS = ("werkzeug", "gunicorn.access")


def redact(text: str) -> str:
    """``GET /a/3kq…Zx/2`` → ``GET /a/…/2`` (also URL-encoded, e.g. in ``?next=``)."""
    return TOKEN_IN_PATH.sub(lambda m: f"{m.group(1)}a{m.group(2)}…", text)


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
