"""The consultant's queries and use cases on shared assessments and clients.

Every function takes the consultant's ``centre_id`` and reads through ``centre_scope``, so
another centre's share or client is simply not found (the view answers 404). Withdrawn
shares are never found. Services flush, never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from zzcheck.storage.base import DbSession
from zzcheck.storage.handover import AdviceRequest
from zzcheck.storage.models import Assessment, QuestionnaireVersion
from zzcheck.storage.paging import PER_PAGE, Page, paginate
from zzcheck.storage.scope import centre_scope
from zzcheck.storage.workspace import NAME_LENGTH, Client, Share, name_key
from zzcheck.storage.workspace_errors import InvalidInput


@dataclass(frozen=True)
class ShareFilter:
    """What the consultant's list of shared assessments is narrowed to (None: no limit)."""

    search: str | None = None  # part of the company or client name, any case
    questionnaire_id: str | None = None
    assigned: bool | None = None  # True: assigned to a client; False: not yet
    completed_from: datetime | None = None  # inclusive, aware
    completed_before: datetime | None = None  # exclusive, aware


@dataclass(frozen=True)
class ClientSummary:
    client: Client
    assessments: int  # active shares
    last_completed_at: datetime | None


def active_shares(centre_id: str, with_clients: bool = True) -> Select[Any]:
    """This centre's active shares with their assessment and questionnaire version loaded
    (and their client, unless ``with_clients`` is False: a list that shows only the id)."""
    query = (
        select(Share)
        .join(Share.assessment)
        .join(Assessment.questionnaire_version)
        .options(contains_eager(Share.assessment).contains_eager(Assessment.questionnaire_version))
    )
    if with_clients:
        query = query.options(selectinload(Share.client))
    return centre_scope(query, centre_id)


def search_shares(
    session: DbSession,
    centre_id: str,
    filters: ShareFilter,
    page: int = 1,
    per_page: int = PER_PAGE,
    *,
    with_clients: bool = True,
) -> Page[Share]:
    """The centre's shared assessments matching ``filters``: requests for advice no
    consultant has opened yet first (newest first), then the rest, newest check first."""
    query = _filtered(active_shares(centre_id, with_clients), centre_id, filters)
    query = query.outerjoin(AdviceRequest, AdviceRequest.share_id == Share.id)
    unopened = and_(AdviceRequest.share_id.is_not(None), AdviceRequest.opened_at.is_(None))
    query = query.order_by(
        case((unopened, 0), else_=1),
        case((unopened, AdviceRequest.requested_at), else_=None).desc(),
        Assessment.completed_at.desc(),
        Share.id.desc(),
    )
    rows = paginate(session, query, page, per_page)
    return Page([row[0] for row in rows.items], rows.number, rows.per_page, rows.total)


def _filtered(query: Select[Any], centre_id: str, filters: ShareFilter) -> Select[Any]:
    key = name_key(filters.search)
    if key:
        clients = select(Client.id).where(Client.name_key.contains(key, autoescape=True))
        query = query.where(
            or_(
                Share.company_key.contains(key, autoescape=True),
                Share.client_id.in_(centre_scope(clients, centre_id)),
            )
        )
    if filters.questionnaire_id:
        query = query.where(QuestionnaireVersion.questionnaire_id == filters.questionnaire_id)
    if filters.assigned is not None:
        assigned = Share.client_id.is_not(None)
        query = query.where(assigned if filters.assigned else ~assigned)
    if filters.completed_from is not None:
        query = query.where(Assessment.completed_at >= filters.completed_from)
    if filters.completed_before is not None:
        query = query.where(Assessment.completed_at < filters.completed_before)
    return query


def find_share(session: DbSession, centre_id: str, share_id: int) -> Share | None:
    """One active share of the centre, or None (unknown, withdrawn or another centre's)."""
    return session.scalars(active_shares(centre_id).where(Share.id == share_id)).one_or_none()


def client_shares(session: DbSession, centre_id: str, client_id: int) -> list[Share]:
    """A client's shared assessments, oldest first (its progress over time)."""
    query = active_shares(centre_id).where(Share.client_id == client_id)
    query = query.order_by(Assessment.completed_at, Share.id)
    return list(session.scalars(query))


def find_client(session: DbSession, centre_id: str, client_id: int) -> Client | None:
    query = centre_scope(select(Client).where(Client.id == client_id), centre_id)
    return session.scalars(query).one_or_none()


def list_clients(
    session: DbSession,
    centre_id: str,
    search: str | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[ClientSummary]:
    """The centre's clients by name, each with its number of shared assessments."""
    stats = centre_scope(
        select(
            Share.client_id,
            func.count(Share.id).label("assessments"),
            func.max(Assessment.completed_at).label("last"),
        )
        .join(Share.assessment)
        .where(Share.client_id.is_not(None))
        .group_by(Share.client_id),
        centre_id,
    ).subquery()
    query = select(Client, stats.c.assessments, stats.c.last).outerjoin(
        stats, stats.c.client_id == Client.id
    )
    query = centre_scope(query, centre_id)
    return _client_page(session, query, search, page, per_page)


def _client_page(
    session: DbSession,
    query: Select[Client, Any, Any],
    search: str | None,
    page: int,
    per_page: int,
) -> Page[ClientSummary]:
    key = name_key(search)
    if key:
        query = query.where(Client.name_key.contains(key, autoescape=True))
    rows = paginate(session, query.order_by(Client.name_key, Client.id), page, per_page)
    items = [ClientSummary(row[0], int(row[1] or 0), row[2]) for row in rows.items]
    return Page(items, rows.number, rows.per_page, rows.total)


def all_clients(session: DbSession, centre_id: str) -> list[Client]:
    """Every client of the centre by name (for choosing one in a form)."""
    query = centre_scope(select(Client).order_by(Client.name_key, Client.id), centre_id)
    return list(session.scalars(query))


def create_client(session: DbSession, centre_id: str, display_name: str) -> Client:
    """A new client record of the centre; raises ``InvalidInput`` for an empty/long name."""
    name = " ".join((display_name or "").split())
    if not name or len(name) > NAME_LENGTH:
        raise InvalidInput(f"a client name has 1–{NAME_LENGTH} characters")
    client = Client(centre_id=centre_id, display_name=name, name_key=name_key(name))
    session.add(client)
    session.flush()
    return client


def assign_share(session: DbSession, centre_id: str, share_id: int, client_id: int) -> Share | None:
    """Put a shared assessment into a client's record; None if either is not the centre's."""
    share = find_share(session, centre_id, share_id)
    client = find_client(session, centre_id, client_id)
    if share is None or client is None:
        return None
    share.client_id = client.id
    session.flush()
    session.expire(share, ["client"])
    return share
