"""From the result to action, through the personal link (no account): the plan of the
first steps (``/a/<token>/plan``), its calendar file (``/a/<token>/plan.ics``) and
repeating the check (``/a/<token>/wiederholen``). Thin views over ``plan_page`` and the
storage services; pages behind the token are private like the other respondent pages.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import questionnaire_of
from zzcheck.storage.followups import start_followup
from zzcheck.storage.models import Assessment
from zzcheck.web import plan_page, section_page
from zzcheck.web.errors import error_page
from zzcheck.web.respondent import Page, private_pages, with_assessment
from zzcheck.web.translate import _

bp = Blueprint("followthrough", __name__)
bp.after_request(private_pages)


@bp.route("/a/<token>/plan", methods=["GET", "POST"])
@with_assessment
def plan(assessment: Assessment, token: str) -> Page:
    if not assessment.is_completed:
        return section_page.not_yet_completed(token)
    if request.method == "POST":
        return plan_page.save_plan_form(assessment, token)
    return plan_page.show_plan(assessment, token)


@bp.get("/a/<token>/plan.ics")
@with_assessment
def plan_ics(assessment: Assessment, token: str) -> Page:
    if not assessment.is_completed:
        return section_page.not_yet_completed(token)
    return plan_page.calendar_file(assessment)


@bp.route("/a/<token>/wiederholen", methods=["GET", "POST"])
@with_assessment
def repeat(assessment: Assessment, token: str) -> Page:
    if not assessment.is_completed:
        return section_page.not_yet_completed(token)
    loaded = current_registry().get(assessment.questionnaire_version.questionnaire_id)
    if loaded is None:
        return error_page(404, _("Diesen Fragebogen gibt es nicht mehr."))
    if request.method == "GET":
        title = questionnaire_of(assessment).title.get(select_locale())
        return render_template("respondent/repeat.html", token=token, title=title)
    _followup, new_token = start_followup(db.session, assessment, loaded)
    db.session.commit()
    return redirect(url_for("respondent.section", token=new_token, number=1), 303)
