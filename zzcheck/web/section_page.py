"""One page of a questionnaire: draw it, and store a submitted page (the unit of work).

The view only resolves the assessment and says where its pages are (a ``Route``: a company
owner's pages under ``/a/<token>/``, or a team respondent's, ``zzcheck.web.team``); this
module reads the form, decides the next step (``journey``), calls the storage services and
commits once. Input that cannot be stored as
it is (tampered, malformed, unknown questions) is shown again with messages and status
400; nothing is written then, so no answer saved earlier is lost. A database that fails in
the middle of a save (locked too long, connection lost) rolls the whole page back and shows
it again with what was typed and status 503, so the respondent can simply send it again.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.questionnaire.model import Questionnaire, Section
from zzcheck.storage.assessments import (
    answers_of,
    complete_assessment,
    questionnaire_of,
    save_page,
)
from zzcheck.storage.errors import AssessmentClosed, AssessmentError
from zzcheck.storage.models import Assessment
from zzcheck.web.forms import SectionForm, section_form
from zzcheck.web.journey import (
    PageInput,
    Step,
    answers_after,
    next_step,
    page_questions,
    read_page,
    section_at,
)
from zzcheck.web.translate import _

Page = str | tuple[str, int] | Response


@dataclass(frozen=True)
class Route:
    """Where the pages of one journey are, and what they ask: here a company owner's pages
    under ``/a/<token>/`` with the personal resume link; ``zzcheck.web.team.TeamRoute``
    overrides this for a team respondent."""

    token: str
    resume_link: ClassVar[bool] = True  # pages show the personal link to come back
    # the buttons a page may send: the owner's last page leads to the summary ("review");
    # "finish" stays accepted, so a page opened before the summary existed still completes
    actions: ClassVar[tuple[str, ...]] = ("back", "next", "review", "later", "finish")

    def page(self, number: int) -> str:
        return url_for("respondent.section", token=self.token, number=number)

    def review(self) -> str:
        """The summary of all answers, with the "Auswerten" button."""
        return url_for("respondent.review", token=self.token)

    def saved(self) -> str:
        """The page with the personal link, after "Später weitermachen"."""
        return url_for("respondent.saved", token=self.token)

    def done(self) -> str:
        """Where finishing leads (and a completed assessment's pages)."""
        return url_for("respondent.result", token=self.token)

    def closed_message(self) -> str:
        return _(
            "Dieser Check ist bereits ausgewertet; die Antworten lassen sich nicht mehr ändern."
        )

    def finish_label(self) -> str:
        """The last page's button."""
        return _("Auswerten")

    def questionnaire(self, assessment: Assessment) -> Questionnaire:
        """The questionnaire the pages ask (the pinned snapshot)."""
        return questionnaire_of(assessment)


@dataclass(frozen=True)
class OpenPage:
    """One page of one assessment, with its form (filled from the request on POST)."""

    questionnaire: Questionnaire
    section: Section
    form: SectionForm
    route: Route
    number: int
    stored: dict[str, object]  # the answers saved so far
    profile: dict[str, str]  # the company profile (conditions may depend on it)

    def render(
        self, answers: dict[str, object], page: PageInput | None = None, status: int = 200
    ) -> tuple[str, int]:
        """The page for ``answers`` (stored plus typed); ``page`` carries a rejected submit."""
        errors = dict(page.errors) if page else {}
        for question_id in page.missing if page else ():
            errors.setdefault(question_id, _("Bitte beantworten Sie diese Frage."))
        lang = select_locale()
        items = page_questions(
            self.questionnaire, self.section, self.form, answers, self.profile, lang
        )
        html = render_template(
            "respondent/section.html",
            **{field.name: getattr(self, field.name) for field in fields(self)},
            token=self.route.token,
            total=len(self.questionnaire.sections),
            items=items,
            errors=errors,
            unknown=bool(page and page.unknown),
        )
        return html, status


def open_page(assessment: Assessment, route: Route, number: int, posted: bool) -> OpenPage:
    """Page ``number`` (404 if there is none); the form holds the POST or the stored answers."""
    questionnaire = route.questionnaire(assessment)
    section = section_at(questionnaire, number)
    if section is None:
        abort(404)
    stored = answers_of(assessment)
    form = section_form(questionnaire, section, select_locale(), None if posted else stored)
    return OpenPage(questionnaire, section, form, route, number, stored, assessment.profile)


def show(assessment: Assessment, route: Route, number: int) -> Page:
    """GET: the page with the stored answers filled in."""
    if assessment.is_completed:
        return to_done(route)
    view = open_page(assessment, route, number, posted=False)
    return view.render(view.stored)


def submit(assessment: Assessment, route: Route, number: int) -> Page:
    """POST: store the page if it is acceptable, then go where the pressed button leads."""
    if assessment.is_completed:
        return to_done(route, closed=True)
    view = open_page(assessment, route, number, posted=True)
    page = read_page(
        view.questionnaire, view.section, view.form, view.stored, view.profile, select_locale()
    )
    if not page.acceptable:
        return view.render({**view.stored, **page.answers}, page, 400)
    after = answers_after(view.stored, page)
    step = next_step(view.questionnaire, number, _action(route), page, after, view.profile)
    try:
        _store(assessment, page, step)
    except AssessmentError as error:
        db.session.rollback()
        return _refused(error, route, number)
    except (OperationalError, PoolTimeout) as error:
        db.session.rollback()
        return _not_saved(view, page, error)
    if step.stay:
        return view.render(after, page, 400)
    return _follow(step, route)


def _action(route: Route) -> str:
    action = request.form.get("action", "next")
    return action if action in route.actions else "next"


def _store(assessment: Assessment, page: PageInput, step: Step) -> None:
    """Save the page (and complete the assessment when finishing); one commit."""
    save_page(db.session, assessment, page.answers, page.touched, next_section=step.number - 1)
    if step.finish:
        complete_assessment(db.session, assessment)
    db.session.commit()


def _refused(error: AssessmentError, route: Route, number: int) -> Response:
    """A service refused (another tab completed it or changed answers meanwhile): no 500."""
    if isinstance(error, AssessmentClosed):
        return to_done(route, closed=True)
    flash(_("Die Antworten wurden in einem anderen Fenster geändert. Bitte prüfen Sie sie."))
    return redirect(route.page(number), 303)


def _not_saved(view: OpenPage, page: PageInput, error: Exception) -> tuple[str, int]:
    """The database failed mid-save: nothing of this page is stored (one transaction), the
    earlier pages are untouched; show the page with what was typed, to send again (503).

    The log names the database's reason only (no SQL parameters: they hold the answers)."""
    reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
    current_app.logger.warning("saving a page failed, database error: %s", reason)
    flash(
        _(
            "Ihre Antworten auf dieser Seite konnten gerade nicht gespeichert werden, weil die "
            "Datenbank kurz nicht erreichbar war. Ihre Eingaben stehen noch im Formular; bitte "
            "senden Sie die Seite noch einmal ab. Früher gespeicherte Antworten bleiben erhalten."
        ),
        "error",
    )
    return view.render({**view.stored, **page.answers}, None, 503)


def _follow(step: Step, route: Route) -> Response:
    if step.finish:
        return redirect(route.done(), 303)
    if step.review:
        return redirect(route.review(), 303)
    if step.later:
        return redirect(route.saved(), 303)
    if step.incomplete:
        flash(
            _("Es fehlen noch Antworten auf Pflichtfragen. Bitte ergänzen Sie diese Seite."),
            "error",
        )
    return redirect(route.page(step.number), 303)


def retry_after_csrf_error(assessment: Assessment, route: Route, number: int) -> Page:
    """A rejected CSRF token (expired session, other tab): show what was typed, save nothing."""
    if assessment.is_completed:
        return to_done(route)
    view = open_page(assessment, route, number, posted=True)
    values, _errors = view.form.read()
    flash(csrf_message(), "error")
    return view.render({**view.stored, **values}, None, 400)


def csrf_message() -> str:
    return _(
        "Ihre Eingaben wurden noch nicht gespeichert, weil die Sitzung abgelaufen ist oder die "
        "Seite in einem anderen Fenster geöffnet wurde. Bitte prüfen Sie die Angaben und "
        "senden Sie die Seite noch einmal ab."
    )


def to_done(route: Route, closed: bool = False) -> Response:
    """A completed assessment cannot change: show its one result (or thanks) instead."""
    if closed:
        flash(route.closed_message())
    return redirect(route.done(), 303)


def not_yet_completed(token: str) -> Response:
    """The result page of an assessment in progress: back to where the respondent stopped."""
    flash(_("Ihr Ergebnis sehen Sie, sobald Sie alle Seiten beantwortet und ausgewertet haben."))
    return redirect(url_for("respondent.resume", token=token), 303)
