"""Two assessments of one client side by side: before and after, e.g. a qualification measure.

Both must be active shares of the consultant's centre, in the same client record and of
the same questionnaire (versions may differ: dimensions are matched by id, the newer
version's titles and order first). Changes are computed from the rounded scores the page
shows, so "+7.5" is exactly the difference of the two printed numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from zzcheck.scoring import Result
from zzcheck.scoring.report import display_score
from zzcheck.storage.assessments import result_of
from zzcheck.storage.base import DbSession
from zzcheck.storage.changes import DimensionChange, dimension_changes
from zzcheck.storage.clients import find_share
from zzcheck.storage.workspace import Share
from zzcheck.storage.workspace_errors import NotComparable


@dataclass(frozen=True)
class Comparison:
    older: Share
    newer: Share
    older_result: Result
    newer_result: Result
    changes: tuple[DimensionChange, ...]

    @property
    def overall(self) -> DimensionChange:
        """The overall score as a change, like one dimension."""
        return DimensionChange(
            "overall",
            "",
            display_score(self.older_result.overall),
            display_score(self.newer_result.overall),
        )


def compare_shares(
    session: DbSession, centre_id: str, client_id: int, first_id: int, second_id: int, lang: str
) -> Comparison | None:
    """The comparison of two of the client's shared assessments, older one first.

    None when either is not an active share of this centre's client (the view: 404);
    ``NotComparable`` for the same assessment twice or two different questionnaires.
    """
    if first_id == second_id:
        raise NotComparable("choose two different assessments")
    pair = [find_share(session, centre_id, share_id) for share_id in (first_id, second_id)]
    shares = [share for share in pair if share is not None and share.client_id == client_id]
    if len(shares) != 2:
        return None
    older, newer = sorted(shares, key=lambda s: (s.assessment.completed_at, s.id))
    ids = {s.assessment.questionnaire_version.questionnaire_id for s in shares}
    if len(ids) != 1:
        raise NotComparable("the two assessments answer different questionnaires")
    before, after = result_of(older.assessment), result_of(newer.assessment)
    return Comparison(older, newer, before, after, dimension_changes(before, after, lang))
