"""The respondent's side of the consultant workspace: share a result with a centre (and
withdraw it), and invitation links that lead into the normal start of a check.

``/a/<token>/teilen`` is behind the resume token like the result page; ``/einladung/<token>``
is behind the invitation token. Both kinds of page are private (no caching, no Referer).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import find_assessment
from zzcheck.storage.invitations import find_invitation, start_from_invitation
from zzcheck.storage.models import Assessment
from zzcheck.storage.sharing import withdraw_share
from zzcheck.storage.workspace import Invitation
from zzcheck.storage.workspace_errors import InvitationExpired
from zzcheck.web import section_page, share_page
from zzcheck.web.dates import local_date
from zzcheck.web.errors import error_page
from zzcheck.web.guesses import found_or_404, unknown_link
from zzcheck.web.profile import ProfileForm
from zzcheck.web.respondent import Page, with_assessment
from zzcheck.web.translate import _

bp = Blueprint("sharing", __name__)
bp.add_app_template_filter(local_date, "local_date")


@bp.after_request
def private_pages(response: Response) -> Response:
    """Token pages: not cached by proxies, not indexed, no token in the Referer."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.route("/a/<token>/teilen", methods=["GET", "POST"])
@with_assessment
def share(assessment: Assessment, token: str) -> Page:
    if not assessment.is_completed:
        return section_page.not_yet_completed(token)
    current = share_page.current_share(assessment)
    form = share_page.form_for(assessment)
    if current is None and form.validate_on_submit():
        try:
            return share_page.submit(assessment, token, form)
        except IntegrityError:  # a parallel submit shared it first
            db.session.rollback()
            current = share_page.current_share(assessment)
    status = 400 if form.is_submitted() and current is None else 200
    return share_page.show(assessment, token, form, current), status


@bp.post("/a/<token>/teilen/widerrufen")
@with_assessment
def withdraw(assessment: Assessment, token: str) -> Response:
    withdrawn = withdraw_share(db.session, assessment)
    db.session.commit()
    if withdrawn is None:
        flash(_("Ihr Ergebnis war mit keinem Zentrum geteilt."))
    else:
        flash(_("Die Freigabe ist widerrufen. Das Zentrum sieht Ihr Ergebnis nicht mehr."))
    return redirect(url_for(".share", token=token), 303)


@bp.get("/einladung/<token>")
def invitation(token: str) -> str:
    found = _open_invitation(token)
    loaded = current_registry().questionnaires.values()
    return render_template(
        "respondent/invitation.html",
        token=token,
        centre=share_page.centre_name(found.centre_id),
        questionnaires=[q.questionnaire for q in loaded],
    )


@bp.route("/einladung/<token>/<questionnaire_id>", methods=["GET", "POST"])
def invited_start(token: str, questionnaire_id: str) -> Page:
    found = _open_invitation(token)
    loaded = current_registry().get(questionnaire_id)
    if loaded is None:
        abort(404)
    form = ProfileForm()
    if form.validate_on_submit():
        try:
            _assessment, resume = start_from_invitation(db.session, found, loaded, form.profile())
        except InvitationExpired:
            abort(_expired())
        db.session.commit()
        return redirect(url_for("respondent.section", token=resume, number=1), 303)
    html = share_page.invited_profile(token, found, loaded.questionnaire, form)
    return html, 400 if form.is_submitted() else 200


def _open_invitation(token: str) -> Invitation:
    """The invitation behind ``token``; else the request ends: 404 unknown, 410 expired."""
    found = found_or_404(find_invitation(db.session, token))
    if share_page.is_expired(found):
        abort(_expired())
    return found


def _expired() -> Response:
    html = render_template("respondent/invitation_expired.html")
    return Response(html, status=410, mimetype="text/html")


@bp.errorhandler(CSRFError)
def csrf_failed(error: CSRFError) -> Page:
    """The form again with what was typed (nothing is lost, nothing was saved), status 400."""
    args = request.view_args or {}
    if _unknown(request.endpoint, args.get("token")):
        return unknown_link()  # a guess, as without the form: no other answer to tell them apart
    again = None
    if request.endpoint == "sharing.share":
        again = share_page.share_again(args.get("token", ""))
    elif request.endpoint == "sharing.invited_start":
        again = share_page.invited_again(args.get("token", ""), args.get("questionnaire_id", ""))
    if again is None:
        return error_page(400, section_page.csrf_message())
    flash(section_page.csrf_message(), "error")
    return again(), 400


def _unknown(endpoint: str | None, token: str | None) -> bool:
    """True if the URL's token names nothing: no invitation, or no assessment."""
    if token is None:
        return False
    if endpoint == "sharing.invited_start":
        return find_invitation(db.session, token) is None
    return find_assessment(db.session, token) is None
