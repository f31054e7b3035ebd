"""The PDF report of a team campaign, for its owner and for the consultant: the campaign page's
own view objects (``results_page.campaign_parts``) printed by ``templates/report/team.html``
through the macros the page uses (``templates/team/_parts.html``), so the two cannot
disagree, and the same anonymity rules hold: a group the page hides is in no table and no
radar trace. The radar is drawn on the server (``zzcheck.report``), in the page's language.

A campaign without results (still open, or fewer than 5 answers in every part) has no
report: the page offers no link and the URL answers 404, as the needs download does. The
report prints the results stored when the campaign closed, as the page does.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import abort
from werkzeug.wrappers import Response

from zzcheck.i18n import select_locale
from zzcheck.report.content import format_day, report_day
from zzcheck.report.pdf import page_pdf
from zzcheck.storage.models import utcnow
from zzcheck.storage.team_models import Campaign
from zzcheck.web.reports import pdf_download
from zzcheck.web.team.results_page import PartView, campaign_parts

TEMPLATE = "report/team.html"


def reportable(parts: list[PartView]) -> bool:
    """Whether any part has results to print (else the page offers no PDF)."""
    return any(part.results is not None and part.results.shown for part in parts)


def campaign_report(campaign: Campaign, subject: str | None, name: str) -> Response:
    """The campaign's PDF as a private download ``zzcheck-team-<name>-<date>.pdf``
    (``subject``: the company, printed under the title); 404 while nothing may be shown."""
    lang, now = select_locale(), utcnow()
    parts = campaign_parts(campaign, lang)
    if not reportable(parts):
        abort(404)
    pdf = page_pdf(TEMPLATE, lang, report_context(campaign, parts, subject, lang, now))
    filename = "-".join(filter(None, ("zzcheck-team", name, report_day(now).isoformat())))
    return pdf_download(pdf, f"{filename}.pdf")


def report_context(
    campaign: Campaign, parts: list[PartView], subject: str | None, lang: str, now: datetime
) -> dict[str, Any]:
    """What ``report/team.html`` prints: the campaign's dates and each part as printed."""
    return {
        "subject": subject,
        "opened_on": _day(campaign.created_at, lang),
        "is_open": campaign.is_open(now),
        "last_day": _day(campaign.end() - timedelta(microseconds=1), lang),
        "report_date": _day(now, lang),
        "parts": [_printed(part, lang) for part in parts],
    }


def _printed(part: PartView, lang: str) -> dict[str, Any]:
    """The part as the page shows it, plus what only print needs: the radar and the levels."""
    questionnaire = part.questionnaire
    return {
        "part": part,
        "radar": part.radar,
        "levels": [
            {
                "name": level.name.get(lang),
                "min": level.min,
                "description": level.description.get(lang),
            }
            for level in questionnaire.levels
        ],
    }


def _day(moment: datetime, lang: str) -> str:
    return format_day(report_day(moment), lang)
