"""The respondent's own data as a download (JSON and CSV), built by ``storage.export``.

The respondent's copy lists their sharing consents; a centre's copy of a shared result
does not (whom else the company shared with is none of the centre's business).
"""

from __future__ import annotations

import json

from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.export import export_assessment, export_csv
from zzcheck.storage.models import Assessment
from zzcheck.storage.sharing import ConsentRecord, consent_records
from zzcheck.web.share_page import consent_days


def _attachment(body: str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(assessment: Assessment, suffix: str) -> str:
    """``zzcheck-ki-readiness-2026-03-01.json``: no token, nothing personal."""
    day = assessment.started_at.date().isoformat()
    return f"zzcheck-{assessment.questionnaire_version.questionnaire_id}-{day}.{suffix}"


def _consents(assessment: Assessment, lang: str) -> list[ConsentRecord]:
    centres = current_registry().centres
    return consent_records(db.session, assessment, consent_days(), centres, lang)


def json_download(assessment: Assessment, lang: str, *, for_centre: bool = False) -> Response:
    consents = None if for_centre else _consents(assessment, lang)
    body = json.dumps(export_assessment(assessment, lang, consents), ensure_ascii=False, indent=2)
    return _attachment(body, "application/json", _filename(assessment, "json"))


def csv_download(assessment: Assessment, lang: str) -> Response:
    body = export_csv(assessment, lang, _consents(assessment, lang))
    return _attachment(body, "text/csv", _filename(assessment, "csv"))
