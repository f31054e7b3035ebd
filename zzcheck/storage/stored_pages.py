"""Result pages of completed assessments as they were last rendered, kept for a short while
so that a result opened again is not scored, compared with its peers and rendered again.

A completed assessment's result never changes. What can change is the peer comparison (more
companies answer) and the software (templates, translations, settings): a stored page is
used only until ``expires_at`` and only by the same ``build``. The resume token is never
stored: the page is kept with a placeholder in its place and gets the token back when it is
served. Rows go with their assessment (ON DELETE CASCADE); expired ones with ``purge``.

A page belongs to exactly one check: it is written by one statement that reads the check
again (same id, same token hash, completed), so a view that rendered a check deleted in the
meantime stores nothing; and it is served only through the token's check while that exists
and is completed. (With ids never reused, migration 0010, a deleted check's id cannot name
a new one anyway.)
"""

from __future__ import annotations

import zlib
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, bindparam, delete, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from zzcheck.storage.assessments import MAX_TOKEN_LENGTH, hash_token
from zzcheck.storage.base import Base, DbSession
from zzcheck.storage.models import COMPLETED, Assessment, UTCDateTime

TOKEN_PLACEHOLDER = "<resume-token>"  # never in a page: escaping turns typed "<" into &lt;
VARIANT_LENGTH = 64
BUILD_LENGTH = 32


class StoredPage(Base):
    """One rendered result page: per assessment and variant (language), zlib-packed."""

    __tablename__ = "stored_page"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    variant: Mapped[str] = mapped_column(String(VARIANT_LENGTH), primary_key=True)
    build: Mapped[str] = mapped_column(String(BUILD_LENGTH))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    html: Mapped[bytes] = mapped_column(LargeBinary)


_page, _assessment = StoredPage.__table__, Assessment.__table__
_OWNER = (  # the token's check, if it still exists and is completed
    select(_assessment.c.id).where(
        _assessment.c.token_hash == bindparam("token_hash"),
        _assessment.c.status == COMPLETED,
    )
).scalar_subquery()
_STORED = (  # built once: a result page opened again costs this query and little else
    select(_page.c.html).where(
        _page.c.assessment_id == _OWNER,  # the token's assessment, then the primary key:
        _page.c.variant == bindparam("variant"),  # no plan can scan other pages
        _page.c.build == bindparam("build"),
        _page.c.expires_at > bindparam("now"),
    )
)


def stored_page(
    session: DbSession, token: str, variant: str, build: str, now: datetime
) -> str | None:
    """The page stored for the assessment behind ``token`` (one indexed query), or None when
    there is none, it has expired, another build made it, or the token's assessment is gone
    or not completed."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    values = {"token_hash": hash_token(token), "variant": variant, "build": build, "now": now}
    packed = session.execute(_STORED, values).scalar()
    if packed is None:
        return None
    return zlib.decompress(packed).decode("utf-8").replace(TOKEN_PLACEHOLDER, token)


def store_page(
    session: DbSession,
    assessment: Assessment,
    token: str,
    page: tuple[str, str, str],
    expires_at: datetime,
) -> None:
    """Keep ``page`` = (variant, build, html) of ``assessment`` until ``expires_at``, replacing
    what was stored before (two first views at once: the later one wins). Stores nothing
    unless the assessment, read again in the same statement, still has this id and token
    and is completed. Flushes only."""
    variant, build, html = page
    packed = zlib.compress(html.replace(token, TOKEN_PLACEHOLDER).encode("utf-8"), 6)
    values = [
        literal(value, type_)
        for value, type_ in (
            (variant, String()),
            (build, String()),
            (expires_at, UTCDateTime()),
            (packed, LargeBinary()),
        )
    ]
    still_there = select(_assessment.c.id, *values).where(
        _assessment.c.id == assessment.id,
        _assessment.c.token_hash == hash_token(token),
        _assessment.c.status == COMPLETED,
    )
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(StoredPage).from_select(
        ["assessment_id", "variant", "build", "expires_at", "html"], still_there
    )
    replace = {name: insert.excluded[name] for name in ("build", "expires_at", "html")}
    session.execute(
        insert.on_conflict_do_update(index_elements=["assessment_id", "variant"], set_=replace)
    )
    session.flush()


def drop_expired_pages(session: DbSession, now: datetime) -> None:
    """Remove pages that can no longer be served (``purge`` calls it)."""
    session.execute(
        delete(StoredPage).where(StoredPage.expires_at <= now),
        execution_options={"synchronize_session": False},
    )
