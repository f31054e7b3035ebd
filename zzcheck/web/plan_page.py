"""What the owner does after the result: the plan of the first steps (who, by when), its
calendar file, and a repeated check with its before and after.

``owner_extras`` is what the result page adds to ``result_page.result_context`` and
``consultant_extras`` what the consultant's share page shows of it (read-only); ``show_plan``/``save_plan_form`` are the plan page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from zzcheck.charts import overlay_radar_figure
from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.report.content import ReportSection, report_day
from zzcheck.scoring.report import arrange_steps
from zzcheck.storage import step_plans
from zzcheck.storage.assessments import questionnaire_of, result_of
from zzcheck.storage.followups import BeforeAfter, before_after, shared_previous
from zzcheck.storage.models import Assessment
from zzcheck.storage.workspace import Share
from zzcheck.web import plan_form
from zzcheck.web.dates import local_date
from zzcheck.web.errors import error_page
from zzcheck.web.plan_calendar import plan_calendar
from zzcheck.web.translate import _

Page = str | tuple[str, int] | Response


def first_steps(assessment: Assessment, lang: str) -> list[dict[str, Any]]:
    """The result's first steps as the pages show them (``Result.to_dict``)."""
    return steps_of(result_of(assessment).to_dict(lang))


def steps_of(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The first steps of a result already scored (``Result.to_dict``)."""
    return list(arrange_steps(result["recommendations"])["first"])


def plan_rows(assessment: Assessment, steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The planned steps in the order of the first steps: step, who, due (as text)."""
    plan = step_plans.plan_of(db.session, assessment.id)
    return [
        {"step": step, "who": entry.who, "due": local_date(entry.due) if entry.due else None}
        for step in steps
        if (entry := plan.get(step["id"])) is not None
    ]


def owner_extras(assessment: Assessment, result: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Template values beside ``result`` (``Result.to_dict``): ``plan`` (``plan_rows``) and
    ``before_after`` (a repeated check: the change table and ``followup_figure``)."""
    found = before_after(db.session, assessment, lang)
    return {
        "plan": plan_rows(assessment, steps_of(result)),
        "before_after": found,
        "followup_figure": followup_figure(found, lang) if found else None,
    }


def followup_figure(found: BeforeAfter, lang: str) -> dict[str, Any]:
    """One radar, the newer check solid and the earlier one dashed (``charts`` overlay)."""
    changes = found.changes
    traces = [
        (_("Jetzt"), [c.after for c in changes]),
        (
            _("Vorher: Check vom %(date)s", date=local_date(found.previous_completed_at)),
            [c.before for c in changes],
        ),
    ]
    return overlay_radar_figure(traces, [c.title for c in changes], lang)


def show_plan(assessment: Assessment, token: str, form: Any = None, status: int = 200) -> Page:
    lang = select_locale()
    steps = first_steps(assessment, lang)
    if form is None:
        form = plan_form.plan_form(steps, step_plans.plan_of(db.session, assessment.id), False)
    html = render_template(
        "respondent/plan.html",
        token=token,
        steps=steps,
        form=form,
        title=questionnaire_of(assessment).title.get(lang),
        max_who=step_plans.WHO_LENGTH,
        plan=plan_rows(assessment, steps),
    )
    return html, status


def save_plan_form(assessment: Assessment, token: str) -> Page:
    """Save a posted plan; 400 (nothing saved) for another step's field or a bad value."""
    steps = first_steps(assessment, select_locale())
    if plan_form.foreign_fields(request.form, steps):
        return error_page(
            400, _("Der Plan nennt einen Schritt, der nicht zu Ihren ersten Schritten gehört.")
        )
    form = plan_form.plan_form(steps, {}, True)
    if not form.validate():
        return show_plan(assessment, token, form, 400)
    first_ids = [step["id"] for step in steps]
    entries = plan_form.entries(form, steps)
    try:
        step_plans.save_plan(db.session, assessment, first_ids, entries, plan_form.owner_today())
    except step_plans.InvalidPlan:  # the form checks the same: only a changed rule gets here
        db.session.rollback()
        return error_page(400, _("Der Plan enthält ungültige Angaben."))
    db.session.commit()
    flash(_("Ihr Plan ist gespeichert."))
    return redirect(url_for("respondent.result", token=token, _anchor="plan-titel"), 303)


def calendar_file(assessment: Assessment) -> Response:
    """The ``.ics`` download of the plan (no token in it or in its name)."""
    lang = select_locale()
    title = questionnaire_of(assessment).title.get(lang)
    completed = report_day(assessment.completed_at or assessment.updated_at)
    plan = step_plans.plan_of(db.session, assessment.id)
    body = plan_calendar(
        title, assessment.token_hash, first_steps(assessment, lang), plan, completed
    )
    response = Response(body, mimetype="text/calendar")
    name = f"zzcheck-plan-{assessment.questionnaire_version.questionnaire_id}-{completed}.ics"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def plan_section(assessment: Assessment, lang: str) -> tuple[ReportSection, ...]:
    """The owner's plan as a part of the PDF report (none when nothing is planned)."""
    plan = plan_rows(assessment, first_steps(assessment, lang))
    return (ReportSection("_owner_plan.html", {"plan": plan}),) if plan else ()


def consultant_extras(share: Share, centre_id: str, result: Mapping[str, Any]) -> dict[str, Any]:
    """What the consultant's share page adds, read-only: the owner's ``plan`` and the
    ``previous_share`` (the check this one repeats, when shared with the same centre)."""
    return {
        "plan": plan_rows(share.assessment, steps_of(result)),
        "previous_share": shared_previous(db.session, centre_id, share),
    }
