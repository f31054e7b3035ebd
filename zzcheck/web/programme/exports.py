"""``GET /programm/export.csv`` and ``/programm/export.xlsx``: the page's main aggregate as
a file (the same query string as the page; hidden cells empty)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, abort

from zzcheck.analytics import export
from zzcheck.analytics.aggregate import QueryError
from zzcheck.analytics.setting import run
from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.web.programme.blueprint import bp
from zzcheck.web.programme.pages import request_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/export.<any(csv, xlsx):fmt>")
def export_file(fmt: str) -> Response:
    lang = select_locale()
    asked = request_form(lang)
    if asked is None:
        abort(404)
    setting, form = asked
    if not form.validate():
        abort(400)
    try:
        agg = run(db.session, form.query(), setting)
    except QueryError:
        abort(400)
    titles, centres = setting.titles(lang), setting.centre_names(lang)
    name = f"zzcheck-{agg.questionnaire_id}-{'-'.join(agg.keys)}-{datetime.now(UTC):%Y%m%d}.{fmt}"
    if fmt == "xlsx":
        body: bytes | str = export.to_xlsx(agg, titles, lang, centres)
        mimetype = XLSX
    else:
        body, mimetype = export.to_csv(agg, titles, lang, centres), "text/csv"  # + charset
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
