"""The company owner's campaign pages, reached through their own resume link (no account):
``/a/<token>/team`` lists the campaigns opened from this completed check and opens a new one;
``/a/<token>/team/<id>`` shows one campaign's results (also as PDF, ``…/bericht.pdf``) and
closes it early. A campaign of another check is not found (404), whatever its id.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.storage.campaign_codes import IssuedCode, issue_codes
from zzcheck.storage.campaigns import close_campaign, open_owner_campaign, owner_campaign
from zzcheck.storage.campaigns import owner_campaigns as campaigns_of
from zzcheck.storage.models import Assessment
from zzcheck.storage.team_models import Campaign
from zzcheck.web import section_page
from zzcheck.web.respondent import with_assessment
from zzcheck.web.team.access_view import access_view
from zzcheck.web.team.blueprint import Page, bp
from zzcheck.web.team.campaign_page import (
    campaign_rows,
    chosen,
    needs_download,
    questionnaire_choices,
    team_link,
)
from zzcheck.web.team.code_sheet import more_codes, sheet_page
from zzcheck.web.team.forms import OwnerCampaignForm, default_day
from zzcheck.web.team.report import campaign_report, reportable
from zzcheck.web.team.results_page import campaign_parts
from zzcheck.web.translate import _


@bp.route("/a/<token>/team", methods=["GET", "POST"])
@with_assessment
def owner_campaigns(assessment: Assessment, token: str) -> Page:
    if not assessment.is_completed:
        return section_page.not_yet_completed(token)
    form = _form(assessment)
    link = None
    if form.validate_on_submit():
        campaign, campaign_token = open_owner_campaign(
            db.session,
            assessment,
            chosen(form),
            form.closes_at(),
            min_group_size=form.min_group_size.data,
            access=form.access.data,
        )
        if campaign.uses_codes:
            return _sheet(campaign, issue_codes(db.session, campaign, form.code_counts()), token)
        db.session.commit()
        link = team_link(campaign_token)
        form = _form(assessment, fresh=True)
    html = render_template(
        "team/owner.html",
        token=token,
        form=form,
        link=link,
        rows=campaign_rows(campaigns_of(db.session, assessment)),
    )
    return html, 400 if form.errors else 200


def _sheet(campaign: Campaign, issued: list[IssuedCode], token: str) -> str:
    """The new codes, shown once (committed only now: never stored without being shown)."""
    db.session.commit()
    back = url_for(".owner_campaign_page", token=token, campaign_id=campaign.id)
    return sheet_page(campaign, issued, back)


def _form(assessment: Assessment, fresh: bool = False) -> OwnerCampaignForm:
    """The opening form (filled from a POST unless ``fresh``); an empty one preselects the
    owner's own questionnaire and a closing day three weeks ahead."""
    if request.method == "POST" and not fresh:
        return OwnerCampaignForm(questionnaire_choices())
    own = assessment.questionnaire_version.questionnaire_id
    return OwnerCampaignForm(
        questionnaire_choices(), formdata=None, questionnaires=[own], closes_on=default_day()
    )


def _campaign_or_404(assessment: Assessment, campaign_id: int) -> Campaign:
    campaign = owner_campaign(db.session, assessment, campaign_id)
    if campaign is None:
        abort(404)
    return campaign


@bp.get("/a/<token>/team/<int:campaign_id>")
@with_assessment
def owner_campaign_page(assessment: Assessment, token: str, campaign_id: int) -> Page:
    campaign = _campaign_or_404(assessment, campaign_id)
    parts = campaign_parts(campaign, select_locale())
    report = url_for(".owner_report", token=token, campaign_id=campaign.id)
    return render_template(
        "team/campaign.html",
        token=token,
        row=campaign_rows([campaign])[0],
        parts=parts,
        report_url=report if reportable(parts) else None,
        close_url=url_for(".owner_close", token=token, campaign_id=campaign.id),
        export_endpoint="team.owner_needs",
        export_args={"token": token, "campaign_id": campaign.id},
        access=access_view(campaign, _more_url(token, campaign)),
    )


def _more_url(token: str, campaign: Campaign) -> str:
    return url_for(".owner_more_codes", token=token, campaign_id=campaign.id)


@bp.route("/a/<token>/team/<int:campaign_id>/codes", methods=["GET", "POST"])
@with_assessment
def owner_more_codes(assessment: Assessment, token: str, campaign_id: int) -> Page:
    campaign = _campaign_or_404(assessment, campaign_id)
    return more_codes(
        campaign, url_for(".owner_campaign_page", token=token, campaign_id=campaign.id)
    )


@bp.post("/a/<token>/team/<int:campaign_id>/schliessen")
@with_assessment
def owner_close(assessment: Assessment, token: str, campaign_id: int) -> Response:
    campaign = _campaign_or_404(assessment, campaign_id)
    if close_campaign(db.session, campaign):
        db.session.commit()
        flash(_("Die Befragung ist beendet. Es werden keine Antworten mehr angenommen."))
    url = url_for(".owner_campaign_page", token=token, campaign_id=campaign.id)
    return redirect(url, 303)


@bp.get("/a/<token>/team/<int:campaign_id>/bericht.pdf")
@with_assessment
def owner_report(assessment: Assessment, token: str, campaign_id: int) -> Response:
    return campaign_report(_campaign_or_404(assessment, campaign_id), None, "")


@bp.get("/a/<token>/team/<int:campaign_id>/<int:number>/bedarf.<any(csv, xlsx):fmt>")
@with_assessment
def owner_needs(
    assessment: Assessment, token: str, campaign_id: int, number: int, fmt: str
) -> Response:
    return needs_download(_campaign_or_404(assessment, campaign_id), number, fmt)
