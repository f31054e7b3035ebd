"""``GET /programm/fragen``: item statistics of one stored questionnaire version, for the
authors of the questionnaires (``zzcheck.analytics.items``)."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import select
from wtforms import Form, SelectField

from zzcheck.analytics import queries
from zzcheck.analytics.items import item_report
from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.storage.models import QuestionnaireVersion
from zzcheck.storage.versions import questionnaire_of_version
from zzcheck.web.programme.blueprint import bp, k, questionnaire_choices
from zzcheck.web.translate import _


class ItemsForm(Form):  # type: ignore[misc]  # WTForms is untyped
    questionnaire = SelectField()
    version = SelectField(default="")


@bp.get("/fragen")
def items() -> tuple[str, int]:
    lang = select_locale()
    choices = questionnaire_choices(lang)
    form = ItemsForm(request.args, questionnaire=choices[0][0] if choices else None)
    form.questionnaire.choices = choices
    form.questionnaire.label.text = _("Fragebogen")
    stored = _stored_versions(
        form.questionnaire.data if form.questionnaire.data in dict(choices) else ""
    )
    form.version.choices = [(str(v.id), _version_label(v)) for v in stored]
    form.version.label.text = _("Version")
    if not stored:
        return render_template("programme/items.html", form=form, report=None, k=k()), 200
    if not form.version.data:
        form.version.data = str(stored[-1].id)
    if not form.validate():
        return render_template("programme/items.html", form=form, report=None, k=k()), 400
    version = next(v for v in stored if str(v.id) == form.version.data)
    report = item_report(db.session, version.id, questionnaire_of_version(version), k(), lang)
    return render_template("programme/items.html", form=form, report=report, k=k()), 200


def _stored_versions(questionnaire_id: str) -> list[QuestionnaireVersion]:
    """The stored versions with completed assessments, oldest first."""
    ids = [vid for vid, _version in queries.versions(db.session, questionnaire_id)]
    query = select(QuestionnaireVersion).where(QuestionnaireVersion.id.in_(ids))
    return sorted(db.session.scalars(query), key=lambda v: (v.created_at, v.id))


def _version_label(version: QuestionnaireVersion) -> str:
    """Two stored files can carry the same version number: the date tells them apart."""
    return _(
        "%(version)s (gespeichert am %(date)s)",
        version=version.version,
        date=f"{version.created_at:%d.%m.%Y}",
    )
