"""The company owner's pages: start, company profile, questionnaire pages, the summary of
answers before "Auswerten" (``review_page``), the personal-link page after "Später
weitermachen" (``resume_page``), result, download and delete. Views stay thin: the work is in
``section_page``, ``review_page``, ``resume_page``, ``result_page`` and the storage services;
the resume token in the URL is the only key to an assessment.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy import select
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import (
    delete_assessment,
    find_assessment,
    questionnaire_of,
    start_assessment,
)
from zzcheck.storage.campaigns import delete_owned_campaigns
from zzcheck.storage.followups import drop_followup_pages
from zzcheck.storage.models import Assessment
from zzcheck.web import (
    downloads,
    result_store,
    resume_page,
    review_page,
    section_page,
    start_page,
)
from zzcheck.web.errors import error_page
from zzcheck.web.guesses import found_or_404, unknown_link
from zzcheck.web.plan_page import owner_extras
from zzcheck.web.profile import ProfileForm
from zzcheck.web.result_page import result_context

bp = Blueprint("respondent", __name__)
Page = str | tuple[str, int] | Response


def with_assessment(view: Callable[..., Page]) -> Callable[..., Page]:
    """Resolve the token in the URL; an unknown or deleted one gives the friendly 404 page
    (429 once the client's address has tried too many, ``guesses``)."""

    @wraps(view)
    def wrapper(token: str, **kwargs: Any) -> Page:
        assessment = found_or_404(find_assessment(db.session, token))
        return view(assessment, token, **kwargs)

    return wrapper


@bp.after_request
def private_pages(response: Response) -> Response:
    """Pages behind a resume token: not cached by proxies, not indexed, no token in Referer."""
    if request.view_args and "token" in request.view_args:
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/")
def start() -> str:
    loaded = [q.questionnaire for q in current_registry().questionnaires.values()]
    order = current_app.config.get("ZZCHECK_START_ORDER", "ki-readiness")
    return render_template("respondent/start.html", offers=start_page.offers(loaded, order))


@bp.route("/<questionnaire_id>/start", methods=["GET", "POST"])
def profile(questionnaire_id: str) -> Page:
    loaded = current_registry().get(questionnaire_id)
    if loaded is None:
        abort(404)
    form = ProfileForm()
    if form.validate_on_submit():
        _assessment, token = start_assessment(db.session, loaded, form.profile())
        db.session.commit()
        return redirect(url_for(".section", token=token, number=1), 303)
    html = render_template("respondent/profile.html", form=form, questionnaire=loaded.questionnaire)
    return html, 400 if form.is_submitted() else 200


@bp.get("/a/<token>")
@with_assessment
def resume(assessment: Assessment, token: str) -> Response:
    """The personal link: welcome back, at the page (or summary) where the owner stopped."""
    if assessment.is_completed:
        return redirect(url_for(".result", token=token))
    where = resume_page.left_off(assessment, token)
    flash(resume_page.welcome_back(where))
    return redirect(where.url)


@bp.get("/a/<token>/gespeichert")
@with_assessment
def saved(assessment: Assessment, token: str) -> Page:
    """After "Später weitermachen": the personal link to copy, mail or scan."""
    if assessment.is_completed:
        return redirect(url_for(".result", token=token))
    return resume_page.show(assessment, token)


@bp.route("/a/<token>/pruefen", methods=["GET", "POST"])
@with_assessment
def review(assessment: Assessment, token: str) -> Page:
    """All answers before "Auswerten"; its POST completes the check."""
    if assessment.is_completed:
        return section_page.to_done(section_page.Route(token), closed=request.method == "POST")
    if request.method == "POST":
        return review_page.complete(assessment, token)
    return review_page.show(assessment, token)


@bp.route("/a/<token>/<int:number>", methods=["GET", "POST"])
@with_assessment
def section(assessment: Assessment, token: str, number: int) -> Page:
    route = section_page.Route(token)
    if request.method == "POST":
        return section_page.submit(assessment, route, number)
    return section_page.show(assessment, route, number)


@bp.get("/a/<token>/ergebnis")
def result(token: str) -> Page:
    storable = result_store.storable()
    if storable and (stored := result_store.stored_result_page(token)) is not None:
        return stored
    assessment = found_or_404(find_assessment(db.session, token))
    if not assessment.is_completed:
        return section_page.not_yet_completed(token)
    context = result_context(assessment, select_locale(), with_peers=True)
    context.update(owner_extras(assessment, context["result"], select_locale()))
    html = render_template("respondent/result.html", token=token, **context)
    if storable:
        result_store.keep_result_page(assessment, token, html)
    return html


@bp.get("/a/<token>/export.json")
@with_assessment
def export_json(assessment: Assessment, token: str) -> Response:
    return downloads.json_download(assessment, select_locale())


@bp.get("/a/<token>/export.csv")
@with_assessment
def export_csv(assessment: Assessment, token: str) -> Response:
    return downloads.csv_download(assessment, select_locale())


@bp.route("/a/<token>/loeschen", methods=["GET", "POST"])
@with_assessment
def delete(assessment: Assessment, token: str) -> Page:
    if request.method == "GET":
        title = questionnaire_of(assessment).title.get(select_locale())
        return render_template("respondent/delete.html", token=token, title=title)
    delete_owned_campaigns(db.session, assessment)  # with all their team answers
    drop_followup_pages(db.session, select(Assessment.id).where(Assessment.id == assessment.id))
    delete_assessment(db.session, assessment)
    db.session.commit()
    return render_template("respondent/deleted.html")


@bp.errorhandler(CSRFError)
def csrf_failed(error: CSRFError) -> Page:
    """A missing or wrong CSRF token: show the form again with what was typed, status 400."""
    args = request.view_args or {}
    assessment = find_assessment(db.session, args["token"]) if "token" in args else None
    if "token" in args and assessment is None:
        return unknown_link()  # a guess, as without the form: no other answer to tell them apart
    if request.endpoint == "respondent.review" and assessment is not None:
        flash(section_page.csrf_message(), "error")
        return redirect(url_for(".review", token=args["token"]), 303)
    if request.endpoint == "respondent.section" and assessment is not None:
        route = section_page.Route(args["token"])
        return section_page.retry_after_csrf_error(assessment, route, args["number"])
    if request.endpoint == "respondent.profile" and current_registry().get(
        args.get("questionnaire_id", "")
    ):
        return _profile_again(args["questionnaire_id"])
    return error_page(400, section_page.csrf_message())


def _profile_again(questionnaire_id: str) -> tuple[str, int]:
    loaded = current_registry().get(questionnaire_id)
    assert loaded is not None
    flash(section_page.csrf_message(), "error")
    html = render_template(
        "respondent/profile.html", form=ProfileForm(), questionnaire=loaded.questionnaire
    )
    return html, 400
