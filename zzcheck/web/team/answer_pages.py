"""The respondent's pages of a campaign: ``/team/<token>`` (what this is, anonymity, role
and area) → the questionnaire's pages (``section_page``, the same machinery as the company
owner's) → ``/team/<token>/danke``, which never shows results or anyone's answers.

The campaign link is shared by everyone; a respondent's own answer is found through the
signed browser cookie (``browser``). Answers are accepted only while the campaign is open:
after the closing date or an early close every page says so (410), also to someone who
started before and sends a page after; their unfinished answer is never counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.storage.assessments import find_assessment, questionnaire_of
from zzcheck.storage.campaign_answers import (
    CampaignClosed,
    current_answer,
    join_campaign,
    pending_part,
    responses_of,
    start_next_part,
)
from zzcheck.storage.campaigns import find_campaign
from zzcheck.storage.models import Assessment, utcnow
from zzcheck.storage.rate_limits import Throttled
from zzcheck.storage.team_models import Campaign, CampaignResponse
from zzcheck.storage.versions import questionnaire_of_version
from zzcheck.team.groups import threshold
from zzcheck.team.needs import need_questions
from zzcheck.team.questions import team_questionnaire
from zzcheck.web import section_page
from zzcheck.web.errors import error_page
from zzcheck.web.guesses import found_or_404, unknown_link
from zzcheck.web.journey import resume_number
from zzcheck.web.team import link_starts
from zzcheck.web.team.blueprint import Page, bp
from zzcheck.web.team.browser import browser_id, new_browser_id, remember
from zzcheck.web.team.forms import CodeForm, JoinForm
from zzcheck.web.translate import _


@dataclass(frozen=True)
class TeamRoute(section_page.Route):
    """A team respondent's pages: no personal link (the cookie finds the answer), thanks
    instead of a result, and no free-text questions."""

    resume_link = False
    actions = ("back", "next", "finish")  # no summary, no personal link to come back

    def page(self, number: int) -> str:
        return url_for("team.section", token=self.token, number=number)

    def done(self) -> str:
        return url_for("team.thanks", token=self.token)

    def closed_message(self) -> str:
        return _("Ihre Antworten sind schon abgeschickt; sie lassen sich nicht mehr ändern.")

    def finish_label(self) -> str:
        return _("Antworten abschicken")

    def questionnaire(self, assessment: Assessment) -> Questionnaire:
        return team_questionnaire(questionnaire_of(assessment))


def campaign_or_404(token: str) -> Campaign:
    """The campaign of the link; an unknown link counts as a guess (404, then 429)."""
    return found_or_404(find_campaign(db.session, token))


def asks_area(campaign: Campaign) -> bool:
    """The area is asked only where it is used: for the qualification needs by group."""
    versions = campaign.versions
    return any(need_questions(questionnaire_of_version(v)) for v in versions)


@bp.route("/team/<token>", methods=["GET", "POST"])
def entry(token: str) -> Page:
    campaign = campaign_or_404(token)
    responses = responses_of(db.session, campaign, browser_id(campaign))
    if responses:
        return _already(campaign, token, responses)
    if not campaign.is_open(utcnow()):
        return closed_page(campaign)
    if campaign.uses_codes:  # only a code starts an answer here; posting a role is refused
        html = render_template("team/code_entry.html", form=CodeForm(), campaign=campaign)
        return html, 403 if request.method == "POST" else 200
    form = JoinForm(ask_area=asks_area(campaign))
    if form.validate_on_submit():
        return _join(campaign, token, form)
    html = render_template(
        "team/entry.html",
        campaign=campaign,
        form=form,
        parts=entry_parts(campaign),
        k=campaign.min_group_size,
        minimum=threshold(campaign.min_group_size),
    )
    return html, 400 if form.is_submitted() else 200


def entry_parts(campaign: Campaign) -> list[Questionnaire]:
    return [team_questionnaire(questionnaire_of_version(v)) for v in campaign.versions]


def _join(campaign: Campaign, token: str, form: JoinForm) -> Page:
    browser = new_browser_id()
    try:
        link_starts.check(campaign)
        join_campaign(db.session, campaign, form.role.data, form.chosen_area(), browser)
    except CampaignClosed:
        db.session.rollback()
        return closed_page(campaign)
    except Throttled as throttled:
        db.session.rollback()
        return link_starts.too_many(throttled.retry_after)
    link_starts.count(campaign)
    db.session.commit()
    return remember(redirect(url_for(".section", token=token, number=1), 303), campaign, browser)


def _already(campaign: Campaign, token: str, responses: list[CampaignResponse]) -> Page:
    """This browser has taken part: a second start is refused (409); a visit goes on where
    it stopped, or to the thanks page."""
    current = current_answer(responses)
    if request.method == "POST":
        html = render_template("team/already.html", token=token, unfinished=current is not None)
        return html, 409
    if current is None:
        return redirect(url_for(".thanks", token=token), 303)
    if not campaign.is_open(utcnow()):
        return closed_page(campaign, started=True)
    number = resume_number(TeamRoute(token).questionnaire(current), current.current_section)
    return redirect(url_for(".section", token=token, number=number), 303)


def closed_page(campaign: Campaign, started: bool = False) -> tuple[str, int]:
    """The campaign takes no more answers (410); ``started``: say the unfinished answer of
    this browser is not counted."""
    return render_template("team/closed.html", campaign=campaign, started=started), 410


@bp.route("/team/<token>/<int:number>", methods=["GET", "POST"])
def section(token: str, number: int) -> Page:
    campaign = campaign_or_404(token)
    current = current_answer(responses_of(db.session, campaign, browser_id(campaign)))
    if not campaign.is_open(utcnow()):  # an early close has deleted unfinished answers
        return closed_page(campaign, started=current is not None or request.method == "POST")
    if current is None:
        return redirect(url_for(".entry", token=token), 303)
    if request.method == "POST":
        return section_page.submit(current, TeamRoute(token), number)
    return section_page.show(current, TeamRoute(token), number)


@bp.get("/team/<token>/danke")
def thanks(token: str) -> Page:
    campaign = campaign_or_404(token)
    responses = responses_of(db.session, campaign, browser_id(campaign))
    if not responses or current_answer(responses) is not None:
        return redirect(url_for(".entry", token=token), 303)
    position = pending_part(campaign, responses) if campaign.is_open(utcnow()) else None
    following = None
    if position is not None:
        following = entry_parts(campaign)[position]
    lang = select_locale()
    return render_template("team/thanks.html", token=token, following=following, lang=lang)


@bp.post("/team/<token>/weiter")
def next_part(token: str) -> Page:
    """Start the campaign's next questionnaire (offered on the thanks page)."""
    campaign = campaign_or_404(token)
    browser = browser_id(campaign)
    if browser is None:
        return redirect(url_for(".entry", token=token), 303)
    try:
        started = start_next_part(db.session, campaign, browser)
    except CampaignClosed:
        db.session.rollback()
        return closed_page(campaign, started=True)
    db.session.commit()
    if started is None:
        return redirect(url_for(".thanks", token=token), 303)
    return redirect(url_for(".section", token=token, number=1), 303)


@bp.errorhandler(CSRFError)
def csrf_failed(error: CSRFError) -> Page:
    """A stale CSRF token: a section page is shown again with what was typed, other forms
    get a 400 page; nothing is saved. An unknown link counts as a guess, as without a form."""
    args = request.view_args or {}
    token = args.get("token")
    if token is not None and not _known(request.endpoint or "", token):
        return unknown_link()
    if request.endpoint == "team.section" and token is not None:
        again = _section_again(token, args["number"])
        if again is not None:
            return again
    return error_page(400, section_page.csrf_message())


def _known(endpoint: str, token: str) -> bool:
    """Does the link's token exist (a resume link on the owner's pages, else a campaign)?"""
    if endpoint.startswith("team.owner_"):
        return find_assessment(db.session, token) is not None
    return find_campaign(db.session, token) is not None


def _section_again(token: str, number: int) -> Page | None:
    campaign = find_campaign(db.session, token)
    if campaign is None or not campaign.is_open(utcnow()):
        return None
    current = current_answer(responses_of(db.session, campaign, browser_id(campaign)))
    if current is None:
        return None
    return section_page.retry_after_csrf_error(current, TeamRoute(token), number)
