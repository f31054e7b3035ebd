"""``GET /programm/``: aggregates of one questionnaire, grouped and filtered by a GET form,
as tables with charts beside them."""

from __future__ import annotations

from flask import render_template, request

from zzcheck.analytics import queries
from zzcheck.analytics.aggregate import QueryError
from zzcheck.analytics.keys import period_values
from zzcheck.analytics.privacy import quantile_sizes
from zzcheck.analytics.setting import Setting
from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.web.programme.blueprint import bp, k, questionnaire_choices, setting_for
from zzcheck.web.programme.forms import AggregateForm, aggregate_form, query_problem
from zzcheck.web.programme.report import Report, build_report

Page = tuple[str, int]


@bp.get("/")
def index() -> Page:
    lang = select_locale()
    asked = request_form(lang)
    if asked is None:
        return _page(None), 200
    setting, form = asked
    if not form.validate():
        return _page(form), 400
    try:
        report = build_report(db.session, form.query(), setting, form.measure.data, lang)
    except QueryError as error:
        form.by2.errors = [query_problem(code) for code in error.codes]
        return _page(form), 400
    return _page(form, report), 200


def _page(form: AggregateForm | None, report: Report | None = None) -> str:
    return render_template(
        "programme/index.html",
        form=form,
        report=report,
        k=k(),
        quantiles_from=quantile_sizes(k()),
    )


def request_form(lang: str) -> tuple[Setting, AggregateForm] | None:
    """The setting of the questionnaire asked for and the form over the query string
    (None when no questionnaire is served)."""
    choices = questionnaire_choices(lang)
    if not choices:
        return None
    setting = setting_for(_chosen(request.args.get("questionnaire"), choices))
    return setting, _form(setting, choices, lang)


def _chosen(asked: str | None, choices: list[tuple[str, str]]) -> str:
    """The asked questionnaire if it is served, else the first (the form then says so)."""
    served = [qid for qid, _title in choices]
    return asked if asked in served else served[0]


def _form(setting: Setting, choices: list[tuple[str, str]], lang: str) -> AggregateForm:
    centres = sorted(setting.centre_names(lang).items(), key=lambda item: item[1])
    dimensions = list(setting.titles(lang).items())
    return aggregate_form(request.args, choices, dimensions, centres, _periods(setting))


def _periods(setting: Setting) -> list[str]:
    found = queries.versions(db.session, setting.questionnaire.id)
    months = queries.completed_months(db.session, [vid for vid, _ in found]) if found else None
    return period_values(*months) if months else []
