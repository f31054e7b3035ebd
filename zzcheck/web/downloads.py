"""The respondent's own data as a download (JSON and CSV), built by ``storage.export``."""

from __future__ import annotations

import json

from werkzeug.wrappers import Response

from zzcheck.storage.export import export_assessment, export_csv
from zzcheck.storage.models import Assessment


def _attachment(body: str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(assessment: Assessment, suffix: str) -> str:
    """``zzcheck-ki-readiness-2026-03-01.json``: no token, nothing personal."""
    day = assessment.started_at.date().isoformat()
    return f"zzcheck-{assessment.questionnaire_version.questionnaire_id}-{day}.{suffix}"


def json_download(assessment: Assessment, lang: str) -> Response:
    body = json.dumps(export_assessment(assessment, lang), ensure_ascii=False, indent=2)
    return _attachment(body, "application/json", _filename(assessment, "json"))


def csv_download(assessment: Assessment, lang: str) -> Response:
    return _attachment(export_csv(assessment, lang), "text/csv", _filename(assessment, "csv"))
