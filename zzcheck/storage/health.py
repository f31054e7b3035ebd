"""Is the database reachable? The query behind ``GET /healthz``."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from zzcheck.storage.base import DbSession

logger = logging.getLogger(__name__)


def database_reachable(session: DbSession) -> bool:
    """Run ``SELECT 1``; on failure log the reason here (never in the response) and say False."""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
        logger.warning("health check: database unreachable (%s)", reason)
        session.rollback()
        return False
    return True
