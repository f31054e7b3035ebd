"""What the owner's and the consultant's campaign pages share: the list of campaigns, the
chosen questionnaires of an opening form, the link to hand out, and the needs download."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.questionnaire.loader import LoadedQuestionnaire
from zzcheck.registry import current_registry
from zzcheck.storage.campaign_results import part_counts
from zzcheck.storage.models import utcnow
from zzcheck.storage.team_models import Campaign
from zzcheck.storage.versions import questionnaire_of_version
from zzcheck.web.hosts import public_url
from zzcheck.web.team.exports import needs_csv, needs_xlsx
from zzcheck.web.team.forms import CampaignFields
from zzcheck.web.team.results_page import campaign_parts, final_parts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class CampaignRow:
    """One campaign as a list shows it."""

    campaign: Campaign
    titles: list[str]
    completed: int  # answers of the first questionnaire (counted ones once it has closed)
    is_open: bool
    end: datetime


def campaign_rows(campaigns: list[Campaign]) -> list[CampaignRow]:
    lang, now = select_locale(), utcnow()
    return [
        CampaignRow(
            campaign=campaign,
            titles=[questionnaire_of_version(v).title.get(lang) for v in campaign.versions],
            completed=_completed(campaign),
            is_open=campaign.is_open(now),
            end=campaign.end(),
        )
        for campaign in campaigns
    ]


def _completed(campaign: Campaign) -> int:
    """While open the answers so far; once closed the count stored with the results."""
    final = final_parts(campaign)
    if final is None:
        return part_counts(db.session, campaign)[0].completed
    return final[0].count.completed


def questionnaire_choices() -> list[tuple[str, str]]:
    lang = select_locale()
    return [(q.questionnaire.id, q.questionnaire.title.get(lang)) for q in _served()]


def _served() -> list[LoadedQuestionnaire]:
    return list(current_registry().questionnaires.values())


def chosen(form: CampaignFields) -> list[LoadedQuestionnaire]:
    """The questionnaires the validated form names, in the order they are offered."""
    wanted = set(form.questionnaires.data or ())
    return [loaded for loaded in _served() if loaded.questionnaire.id in wanted]


def team_link(token: str) -> str:
    """The absolute campaign link (shown once: only its hash is stored)."""
    return public_url("team.entry", token=token)


def needs_download(campaign: Campaign, number: int, fmt: str) -> Response:
    """The qualification needs of questionnaire ``number`` (from 1) as CSV or XLSX, from the
    results stored at closing; 404 while the campaign is open, or if that questionnaire has
    no needs table or too few answers to show one."""
    lang = select_locale()
    parts = campaign_parts(campaign, lang)
    if not 1 <= number <= len(parts) or parts[number - 1].needs is None:
        abort(404)
    part = parts[number - 1]
    if part.results is None or not part.results.shown:
        abort(404)
    name = f"zzcheck-team-{part.questionnaire.id}-bedarf-{utcnow():%Y%m%d}.{fmt}"
    if fmt == "xlsx":
        body: bytes | str = needs_xlsx(part, campaign, lang)
        mimetype = XLSX
    else:
        body, mimetype = needs_csv(part, lang), "text/csv"  # werkzeug adds the charset
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
