"""``/berater/team/``: the centre's team campaigns (open one for a client, list them), one
campaign's results (also as PDF), closing it early, and its qualification needs as CSV or
XLSX. Every campaign is read through ``centre_scope``: another centre's id answers 404."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response
from wtforms import SelectField

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.questionnaire.profile import choices as profile_choices
from zzcheck.storage.campaign_codes import IssuedCode, issue_codes
from zzcheck.storage.campaigns import (
    CentreCampaign,
    centre_campaign,
    centre_campaigns,
    close_campaign,
    open_centre_campaign,
)
from zzcheck.storage.clients import all_clients
from zzcheck.storage.team_models import Campaign
from zzcheck.storage.workspace import Client
from zzcheck.web.consultant import pages
from zzcheck.web.consultant.blueprint import bp, centre_id
from zzcheck.web.consultant.forms import ClientChoiceForm
from zzcheck.web.consultant.reports import safe_name
from zzcheck.web.team.access_view import access_view
from zzcheck.web.team.campaign_page import (
    campaign_rows,
    chosen,
    needs_download,
    questionnaire_choices,
    team_link,
)
from zzcheck.web.team.code_sheet import more_codes, sheet_page
from zzcheck.web.team.forms import CampaignFields, default_day
from zzcheck.web.team.report import campaign_report as team_report
from zzcheck.web.team.report import reportable
from zzcheck.web.team.results_page import campaign_parts
from zzcheck.web.translate import _


class CentreCampaignForm(CampaignFields, ClientChoiceForm):
    """A consultant's campaign: for which client, and whether the company has a works council
    (it decides which questions about co-determination are asked)."""

    works_council = SelectField(default="")

    def __init__(
        self, offered: list[tuple[str, str]], clients: list[Client], *args: Any, **kw: Any
    ) -> None:
        super().__init__(clients, *args, **kw)
        self.setup(offered)
        self.works_council.label.text = _("Gibt es im Betrieb einen Betriebsrat?")
        self.works_council.choices = [
            ("", _("keine Angabe")),
            *profile_choices("works_council", select_locale()),
        ]
        self.works_council.invalid_choice_message = _(
            "Bitte wählen Sie einen der angebotenen Werte."
        )


def _form(fresh: bool = False) -> CentreCampaignForm:
    clients = all_clients(db.session, centre_id())
    if request.method == "POST" and not fresh:
        return CentreCampaignForm(questionnaire_choices(), clients)
    return CentreCampaignForm(
        questionnaire_choices(),
        clients,
        formdata=None,
        client=request.args.get("kunde", ""),
        closes_on=default_day(),
    )


@bp.route("/team/", methods=["GET", "POST"])
def campaigns() -> tuple[str, int]:
    form = _form()
    link = None
    if form.validate_on_submit():
        created = open_centre_campaign(
            db.session,
            centre_id(),
            pages.chosen_client(form),
            chosen(form),
            form.closes_at(),
            works_council=form.works_council.data or None,
            min_group_size=form.min_group_size.data,
            access=form.access.data,
        )
        if created is None:
            pages.not_found()
        if created[0].uses_codes:
            return _sheet(created[0], issue_codes(db.session, created[0], form.code_counts()))
        db.session.commit()
        link = team_link(created[1])
        form = _form(fresh=True)
    found = centre_campaigns(db.session, centre_id())
    html = render_template(
        "consultant/campaigns.html",
        form=form,
        link=link,
        rows=campaign_rows([item.campaign for item in found]),
        clients={item.campaign.id: item.client.display_name for item in found},
    )
    return html, 400 if form.errors else 200


def _sheet(campaign: Campaign, issued: list[IssuedCode]) -> tuple[str, int]:
    """The new codes, shown once (committed only now: never stored without being shown)."""
    db.session.commit()
    return sheet_page(campaign, issued, url_for(".campaign", campaign_id=campaign.id)), 200


def _campaign_or_404(campaign_id: int) -> CentreCampaign:
    found = centre_campaign(db.session, centre_id(), campaign_id)
    if found is None:
        pages.not_found()
    return found


@bp.get("/team/<int:campaign_id>")
def campaign(campaign_id: int) -> str:
    found = _campaign_or_404(campaign_id)
    parts = campaign_parts(found.campaign, select_locale())
    report = url_for(".campaign_report", campaign_id=campaign_id)
    return render_template(
        "consultant/campaign.html",
        client=found.client,
        row=campaign_rows([found.campaign])[0],
        parts=parts,
        report_url=report if reportable(parts) else None,
        close_url=url_for(".close_campaign", campaign_id=campaign_id),
        export_endpoint="consultant.campaign_needs",
        export_args={"campaign_id": campaign_id},
        access=access_view(found.campaign, url_for(".more_codes", campaign_id=campaign_id)),
    )


@bp.route("/team/<int:campaign_id>/codes", methods=["GET", "POST"], endpoint="more_codes")
def more_codes_now(campaign_id: int) -> str | tuple[str, int]:
    found = _campaign_or_404(campaign_id)
    return more_codes(found.campaign, url_for(".campaign", campaign_id=campaign_id))


@bp.post("/team/<int:campaign_id>/schliessen", endpoint="close_campaign")
def close_campaign_now(campaign_id: int) -> Response:
    found = _campaign_or_404(campaign_id)
    if close_campaign(db.session, found.campaign):
        db.session.commit()
        flash(_("Die Befragung ist beendet. Es werden keine Antworten mehr angenommen."))
    return redirect(url_for(".campaign", campaign_id=campaign_id), 303)


@bp.get("/team/<int:campaign_id>/bericht.pdf")
def campaign_report(campaign_id: int) -> Response:
    found = _campaign_or_404(campaign_id)
    name = found.client.display_name
    return team_report(found.campaign, name, safe_name(name))


@bp.get("/team/<int:campaign_id>/<int:number>/bedarf.<any(csv, xlsx):fmt>")
def campaign_needs(campaign_id: int, number: int, fmt: str) -> Response:
    return needs_download(_campaign_or_404(campaign_id).campaign, number, fmt)
