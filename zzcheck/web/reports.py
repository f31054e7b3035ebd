"""PDF reports as downloads: the respondent's result at ``GET /a/<token>/bericht.pdf``.

The PDF is made on request (about a quarter of a second, ``bench/bench_pdf.py``) from the
same ``Result.to_dict`` as the result page, in the page's language. An assessment still in
progress has no report yet: the respondent is sent back to where they stopped, with the same
message as the result page gives.
"""

from __future__ import annotations

from flask import Blueprint
from werkzeug.wrappers import Response

from zzcheck.i18n import select_locale
from zzcheck.report.content import Report, report_day
from zzcheck.report.pdf import report_pdf
from zzcheck.storage.assessments import result_of
from zzcheck.storage.models import Assessment
from zzcheck.web import section_page
from zzcheck.web.peers import peer_report_comparison
from zzcheck.web.plan_page import plan_section
from zzcheck.web.respondent import Page, with_assessment
from zzcheck.web.result_page import legal_status_date

bp = Blueprint("reports", __name__)


@bp.get("/a/<token>/bericht.pdf")
@with_assessment
def result_pdf(assessment: Assessment, token: str) -> Page:
    if not assessment.is_completed:
        return section_page.not_yet_completed(token)
    report = respondent_report(assessment, select_locale())
    return pdf_download(report_pdf(report), report_filename(assessment))


def respondent_report(assessment: Assessment, lang: str) -> Report:
    """The report of a completed assessment: its result with the peer comparison the result
    page shows, completion date, legal status and the owner's plan for the first steps."""
    result = result_of(assessment)
    return Report(
        result=result,
        lang=lang,
        completed_at=assessment.completed_at or assessment.updated_at,
        legal_status=legal_status_date(result.questionnaire.legal_status),
        comparison=peer_report_comparison(assessment, lang),
        sections=plan_section(assessment, lang),
    )


def report_filename(assessment: Assessment) -> str:
    """``zzcheck-ki-readiness-2026-03-06.pdf``: the date printed in the report, no token."""
    day = report_day(assessment.completed_at or assessment.updated_at)
    return f"zzcheck-{assessment.questionnaire_version.questionnaire_id}-{day.isoformat()}.pdf"


def pdf_download(pdf: bytes, filename: str) -> Response:
    """A private download: not stored by browsers or proxies, not indexed, no Referer."""
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
