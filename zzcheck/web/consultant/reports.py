"""The consultant's PDF report, to hand to the company: its result plus the agreed action plan.

- ``GET /berater/freigaben/<share>/bericht.pdf``: one shared check; when it is filed under a
  client, that client's action plan (title, owner, due date, status) follows the next steps.
- ``GET /berater/kunden/<client>/vergleich.pdf?a=…&b=…``: the newer of two checks (the same
  pair as the comparison page), the earlier one as a second radar trace and table column,
  the change per dimension, and the client's action plan.

The consultant's notes are internal to the centre and never printed. Both reports use the
respondent's template with ``ReportSection`` parts (``templates/report/_action_plan.html``,
``_comparison.html``), in the page's language. Access is the blueprint's (consultants only)
plus the centre-scoped lookups of ``pages`` (another centre's ids: 404).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.report.content import Comparison, Report, ReportSection, format_day, report_day
from zzcheck.report.pdf import report_pdf
from zzcheck.storage import comparison as compare
from zzcheck.storage.assessments import result_of
from zzcheck.storage.changes import DimensionChange
from zzcheck.storage.models import utcnow
from zzcheck.storage.plans import action_items
from zzcheck.storage.workspace import Client, Share
from zzcheck.web.consultant import comparison_page, pages
from zzcheck.web.consultant.blueprint import bp, centre_id
from zzcheck.web.consultant.forms import status_labels
from zzcheck.web.plan_page import plan_section
from zzcheck.web.reports import pdf_download
from zzcheck.web.result_page import legal_status_date
from zzcheck.web.translate import _

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NAME_LENGTH = 40  # of the client's part of a file name


@bp.get("/freigaben/<int:share_id>/bericht.pdf")
def share_report(share_id: int) -> Response:
    share = pages.share_or_404(share_id)
    report = share_report_of(share, select_locale())
    return pdf_download(report_pdf(report), report_filename(share, share.client))


@bp.get("/kunden/<int:client_id>/vergleich.pdf")
def comparison_report(client_id: int) -> Response:
    client = pages.client_or_404(client_id)
    found = comparison_page.comparison_of(client)
    report = comparison_report_of(client, found, select_locale())
    return pdf_download(report_pdf(report), report_filename(found.newer, client))


def share_report_of(share: Share, lang: str) -> Report:
    """One shared check with the owner's plan, and its client's action plan when it is
    filed under a client."""
    plan = (action_plan(share.client, lang),) if share.client is not None else ()
    return _report(share, lang, plan_section(share.assessment, lang) + plan, share.client)


def comparison_report_of(client: Client, found: compare.Comparison, lang: str) -> Report:
    """The newer check of the pair, the older one beside it, the changes, the action plan."""
    earlier = _("Früherer Check vom %(date)s", date=_day(found.older, lang))
    scores = {change.dimension_id: change.before for change in found.changes}
    sections = (changes_section(found, lang), action_plan(client, lang))
    return _report(found.newer, lang, sections, client, Comparison(earlier, scores))


def _report(
    share: Share,
    lang: str,
    sections: tuple[ReportSection, ...],
    client: Client | None,
    comparison: Comparison | None = None,
) -> Report:
    result = result_of(share.assessment)
    return Report(
        result=result,
        lang=lang,
        completed_at=_completed_at(share),
        legal_status=legal_status_date(result.questionnaire.legal_status),
        comparison=comparison,
        sections=sections,
        subject=share.company_name or (client.display_name if client else None),
    )


def action_plan(client: Client, lang: str) -> ReportSection:
    """The client's plan as printed text: open items first, by due date (as on its page)."""
    labels = status_labels()
    items = [
        {
            "title": item.title,
            "owner": item.owner,
            "due": format_day(item.due_on, lang) if item.due_on else None,
            "status": labels.get(item.status, item.status),
        }
        for item in action_items(db.session, centre_id(), client.id)
    ]
    as_of = format_day(report_day(utcnow()), lang)
    return ReportSection("_action_plan.html", {"as_of": as_of, "items": items})


def changes_section(found: compare.Comparison, lang: str) -> ReportSection:
    """The change per dimension: the comparison page's rounded numbers, unchanged."""
    rows = [_change_row(change) for change in found.changes]
    context = {
        "older": _day(found.older, lang),
        "newer": _day(found.newer, lang),
        "rows": rows,
        "overall": _change_row(found.overall),
    }
    return ReportSection("_comparison.html", context)


def _change_row(change: DimensionChange) -> dict[str, object]:
    return {
        "title": change.title,
        "before": change.before,
        "after": change.after,
        "delta": change.delta,
    }


def report_filename(share: Share, client: Client | None) -> str:
    """``zzcheck-mueller-metallbau-2026-03-06.pdf`` (the client's name in safe characters),
    else ``zzcheck-ki-readiness-2026-03-06.pdf``; the date is the one printed in the report."""
    name = safe_name(client.display_name) if client is not None else ""
    name = name or safe_name(share.assessment.questionnaire_version.questionnaire_id)
    return f"zzcheck-{name}-{report_day(_completed_at(share)).isoformat()}.pdf"


def safe_name(text: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens; at most 40 characters."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_UMLAUTS))
    plain = folded.encode("ascii", "ignore").decode("ascii")
    slug = "-".join(re.findall(r"[a-z0-9]+", plain))
    return slug[:_NAME_LENGTH].rstrip("-")


def _completed_at(share: Share) -> datetime:
    assessment = share.assessment
    return assessment.completed_at or assessment.updated_at


def _day(share: Share, lang: str) -> str:
    return format_day(report_day(_completed_at(share)), lang)
