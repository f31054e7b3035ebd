"""Consultants' operations: their centre's shared checks, clients and action plans. Every
read and write goes through the same workspace services as the pages (``centre_scope``):
another centre's id is a 404, exactly like an id that does not exist."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from zzcheck.extensions import db
from zzcheck.scoring.report import result_to_dict
from zzcheck.storage.accounts import CONSULTANT, User
from zzcheck.storage.assessments import answers_of, result_of
from zzcheck.storage.clients import (
    ShareFilter,
    find_client,
    find_share,
    list_clients,
    search_shares,
)
from zzcheck.storage.plans import action_items, client_notes
from zzcheck.storage.workspace import Share
from zzcheck.web.api.problems import ApiProblem
from zzcheck.web.api.routing import operation
from zzcheck.web.api.schemas import (
    ClientOut,
    ClientPlan,
    ClientQuery,
    PageOf,
    ShareDetail,
    ShareQuery,
    ShareSummary,
    page_fields,
)

CONSULTANTS = (CONSULTANT,)


def centre_of(user: User) -> str:
    if not user.centre_id:  # the database allows no consultant without a centre
        raise ApiProblem(403, "Your account belongs to no centre.")
    return user.centre_id


def _day(value: Any) -> datetime | None:
    return None if value is None else datetime.combine(value, time.min, tzinfo=UTC)


def share_summary(share: Share) -> dict[str, Any]:
    assessment = share.assessment
    version = assessment.questionnaire_version
    return {
        "id": share.id,
        "questionnaire": {"id": version.questionnaire_id, "version": version.version},
        "company_name": share.company_name,
        "client_id": share.client_id,
        "completed_at": assessment.completed_at,
        "shared_at": share.consented_at,
        "overall_score": assessment.overall_score,
        "overall_level": assessment.overall_level,
    }


@operation(
    "GET",
    "/shares",
    summary="Your centre's shared checks, newest first (filter by questionnaire and date)",
    response=PageOf[ShareSummary],
    query=ShareQuery,
    roles=CONSULTANTS,
    tag="consultants",
)
def shares(user: User, query: ShareQuery) -> PageOf[ShareSummary]:
    filters = ShareFilter(
        questionnaire_id=query.questionnaire,
        completed_from=_day(query.completed_from),
        completed_before=_day(query.completed_before),
    )
    found = search_shares(
        db.session, centre_of(user), filters, query.page, query.per_page, with_clients=False
    )
    items = [ShareSummary.model_validate(share_summary(share)) for share in found.items]
    return PageOf[ShareSummary](items=items, **page_fields(found))


@operation(
    "GET",
    "/shares/<int:share_id>",
    summary="One shared check: profile, answers, scores, levels and next steps",
    response=ShareDetail,
    roles=CONSULTANTS,
    tag="consultants",
)
def share(user: User, share_id: int) -> ShareDetail:
    found = find_share(db.session, centre_of(user), share_id)
    if found is None:
        raise ApiProblem(404, f"Your centre has no shared check {share_id}.")
    assessment = found.assessment
    detail = share_summary(found) | {
        "contact_person": found.contact_person,
        "profile": assessment.profile,
        "answers": answers_of(assessment),
        "result": result_to_dict(result_of(assessment), "de"),
    }
    return ShareDetail.model_validate(detail)


@operation(
    "GET",
    "/clients",
    summary="Your centre's clients by name, with their number of shared checks",
    response=PageOf[ClientOut],
    query=ClientQuery,
    roles=CONSULTANTS,
    tag="consultants",
)
def clients(user: User, query: ClientQuery) -> PageOf[ClientOut]:
    found = list_clients(db.session, centre_of(user), query.search, query.page, query.per_page)
    items = [
        ClientOut(
            id=row.client.id,
            display_name=row.client.display_name,
            created_at=row.client.created_at,
            assessments=row.assessments,
            last_completed_at=row.last_completed_at,
        )
        for row in found.items
    ]
    return PageOf[ClientOut](items=items, **page_fields(found))


@operation(
    "GET",
    "/clients/<int:client_id>/plan",
    summary="A client's action plan and notes",
    response=ClientPlan,
    roles=CONSULTANTS,
    tag="consultants",
)
def client_plan(user: User, client_id: int) -> ClientPlan:
    centre = centre_of(user)
    client = find_client(db.session, centre, client_id)
    if client is None:
        raise ApiProblem(404, f"Your centre has no client {client_id}.")
    items = action_items(db.session, centre, client_id)
    notes = client_notes(db.session, centre, client_id)
    return ClientPlan.model_validate(
        {
            "client": {
                "id": client.id,
                "display_name": client.display_name,
                "created_at": client.created_at,
            },
            "action_items": [item_dict(item) for item in items],
            "notes": [
                {"id": n.id, "client_id": n.client_id, "text": n.text, "created_at": n.created_at}
                for n in notes
            ],
        }
    )


def item_dict(item: Any) -> dict[str, Any]:
    fields = ("id", "client_id", "title", "owner", "due_on", "status", "created_at", "updated_at")
    return {name: getattr(item, name) for name in fields}
