"""What a campaign page says about how respondents get in: the shared link (labelled as the
less protected way) or personal codes with how many were issued (per role) and used."""

from __future__ import annotations

from dataclasses import dataclass

from zzcheck.extensions import db
from zzcheck.storage.campaign_codes import CodeCounts, code_counts
from zzcheck.storage.team_models import Campaign
from zzcheck.team.groups import ROLES
from zzcheck.web.team.labels import role_labels
from zzcheck.web.translate import _


@dataclass(frozen=True)
class AccessView:
    codes: CodeCounts | None  # None: the shared link
    issued: list[tuple[str, int]]  # (role name or "free choice", codes issued)
    more_url: str | None  # the page that issues more codes


def access_view(campaign: Campaign, more_url: str | None = None) -> AccessView:
    if not campaign.uses_codes:
        return AccessView(None, [], None)
    counts = code_counts(db.session, campaign)
    names: dict[str | None, str] = {None: _("ohne feste Rolle")}
    names.update(role_labels())
    issued = [(names[r], counts.issued[r]) for r in (None, *ROLES) if counts.issued.get(r)]
    return AccessView(counts, issued, more_url)
