"""``/api/v1/clients/<id>/comparison?a=…&b=…``: two of a client's checks side by side,
from ``compare_shares`` like the comparison page (same rules: same client, same
questionnaire, two different checks)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from zzcheck.extensions import db
from zzcheck.scoring.report import result_to_dict
from zzcheck.storage.accounts import CONSULTANT, User
from zzcheck.storage.changes import DimensionChange
from zzcheck.storage.comparison import compare_shares
from zzcheck.storage.workspace_errors import NotComparable
from zzcheck.web.api.consultant import centre_of, share_summary
from zzcheck.web.api.problems import ApiProblem
from zzcheck.web.api.routing import operation
from zzcheck.web.api.schemas import ComparisonOut, ComparisonQuery


def _change(change: DimensionChange) -> dict[str, Any]:
    return asdict(change) | {"delta": change.delta}


@operation(
    "GET",
    "/clients/<int:client_id>/comparison",
    summary="Two of a client's checks compared (before/after), with the newer one's steps",
    response=ComparisonOut,
    query=ComparisonQuery,
    roles=(CONSULTANT,),
    tag="consultants",
)
def comparison(user: User, client_id: int, query: ComparisonQuery) -> ComparisonOut:
    try:
        found = compare_shares(db.session, centre_of(user), client_id, query.a, query.b, "de")
    except NotComparable as error:
        raise ApiProblem(409, f"These checks cannot be compared: {error}.") from None
    if found is None:
        raise ApiProblem(404, f"Your centre's client {client_id} has no such pair of checks.")
    newer = result_to_dict(found.newer_result, "de")
    return ComparisonOut.model_validate(
        {
            "older": share_summary(found.older),
            "newer": share_summary(found.newer),
            "overall": _change(found.overall),
            "changes": [_change(change) for change in found.changes],
            "next_steps": newer["recommendations"],
        }
    )
