"""Taking part with a personal code: ``/team/code`` (type it) and ``/team/code/<code>`` (a slip's QR
code) → the campaign's entry page with the role step (the role fixed if the code has one)
→ the code is spent and the answer goes on under the campaign's pages like any other.

A wrong code counts like an unknown link (30 per address in 10 minutes, then 429): with
31¹⁰ possible codes that makes guessing hopeless (``storage.campaign_codes``). A used code
is refused (409); the browser that used it is sent on to its own answer instead. An unused
code always starts a new answer, also in a browser that has answered before: on a shared
PC in the break room the next person types their own code (the code is the key here, the
cookie only finds an answer again).
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from zzcheck.extensions import db
from zzcheck.storage.campaign_answers import CampaignClosed, responses_of
from zzcheck.storage.campaign_codes import (
    CampaignCode,
    CodeUsed,
    find_code,
    join_with_code,
    normalise,
)
from zzcheck.storage.models import utcnow
from zzcheck.storage.team_models import Campaign
from zzcheck.team.groups import threshold
from zzcheck.web.guesses import unknown_link
from zzcheck.web.team.answer_pages import asks_area, closed_page, entry_parts
from zzcheck.web.team.blueprint import Page, bp
from zzcheck.web.team.browser import browser_id, new_browser_id, remember
from zzcheck.web.team.forms import CodeForm, CodeJoinForm
from zzcheck.web.team.labels import role_labels
from zzcheck.web.translate import _

START = "start"


@bp.route("/team/code", methods=["GET", "POST"])
def code_start() -> Page:
    form = CodeForm()
    if not form.validate_on_submit():
        return code_form(form, 400 if form.is_submitted() else 200)
    return _with_code(form.code.data or "")


@bp.get("/team/code/<code>")
def code_link(code: str) -> Page:
    """A slip's QR code: straight to the role step (nothing is spent by opening it)."""
    return _with_code(code)


def code_form(form: CodeForm, status: int = 200, campaign: Campaign | None = None) -> Page:
    """The page to type a code; ``campaign``: reached through a code campaign's link."""
    return render_template("team/code_entry.html", form=form, campaign=campaign), status


def _with_code(typed: str) -> Page:
    code = find_code(db.session, typed)
    if code is None:
        return _unknown(typed)
    campaign = db.session.get(Campaign, code.campaign_id)
    if campaign is None:
        abort(404)
    if code.used:  # the browser that used it goes on with its answer; any other is refused
        if responses_of(db.session, campaign, browser_id(campaign)):
            return redirect(url_for(".entry", token=campaign.entry_token), 303)
        return render_template("team/code_used.html"), 409
    if not campaign.is_open(utcnow()):
        return closed_page(campaign)
    form = CodeJoinForm(ask_area=asks_area(campaign), ask_role=code.role is None)
    if request.method == "POST" and request.form.get("step") == START and form.validate():
        return _join(code, campaign, form)
    return _role_step(code, campaign, form, typed)


def _unknown(typed: str) -> Page:
    """Not a code of ours: the form again (400; 404 from a QR link). A well-formed code was
    looked up, so it counts as a guess against the address (429 at the limit)."""
    if normalise(typed) is not None:
        counted = unknown_link()
        if counted.status_code == 429:
            return counted
    form = CodeForm(formdata=None, code=typed)
    form.code.errors = [_("Diesen Code gibt es nicht. Bitte prüfen Sie ihn Zeichen für Zeichen.")]
    return code_form(form, 400 if request.method == "POST" else 404)


def _role_step(code: CampaignCode, campaign: Campaign, form: CodeJoinForm, typed: str) -> Page:
    form.code.data, form.step.data = typed, START
    html = render_template(
        "team/entry.html",
        campaign=campaign,
        form=form,
        parts=entry_parts(campaign),
        k=campaign.min_group_size,
        minimum=threshold(campaign.min_group_size),
        action=url_for(".code_start"),
        fixed_role=role_labels()[code.role] if code.role else None,
    )
    return html, 400 if form.errors else 200


def _join(code: CampaignCode, campaign: Campaign, form: CodeJoinForm) -> Page:
    browser = new_browser_id()
    try:
        join_with_code(db.session, code, campaign, form.chosen_role(), form.chosen_area(), browser)
    except CodeUsed:
        db.session.rollback()
        return render_template("team/code_used.html"), 409
    except CampaignClosed:
        db.session.rollback()
        return closed_page(campaign)
    db.session.commit()
    url = url_for(".section", token=campaign.entry_token, number=1)
    return remember(redirect(url, 303), campaign, browser)
