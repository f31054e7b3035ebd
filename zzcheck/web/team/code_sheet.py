"""The sheet of a code campaign's new codes: one slip per code with the code, the address
to type it in and a QR code (inline SVG made here by ``segno``: no network, no image file,
no ``style`` attribute – only SVG presentation attributes, which the CSP allows).

**Shown once, never again.** The codes exist in clear only in this response: reprinting
would mean keeping them readable, and then whoever opens the owner's pages later (anyone
with the resume link, or the database) could answer with the unused ones. So the sheet is
printed (or saved as PDF) right away; a lost sheet is replaced by issuing more codes, which
the campaign page counts in the open.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, render_template, url_for
from markupsafe import Markup

from zzcheck.extensions import db
from zzcheck.storage.campaign_codes import MAX_CODES, IssuedCode, code_counts, issue_codes
from zzcheck.storage.models import utcnow
from zzcheck.storage.team_models import Campaign
from zzcheck.storage.workspace_errors import InvalidInput
from zzcheck.web.qr import qr_svg
from zzcheck.web.team.forms import MoreCodesForm
from zzcheck.web.team.labels import role_labels
from zzcheck.web.translate import _


@dataclass(frozen=True)
class Slip:
    """One slip to cut out and hand to one person."""

    code: str  # as shown: ABCDE-FGHJK
    role: str | None  # the role's name, if the code fixes one
    qr: Markup  # inline <svg>


def code_url(code: str) -> str:
    """The address a slip's QR code opens (the code in the path, so no typing)."""
    return url_for("team.code_link", code=code, _external=True)


def slips(issued: list[IssuedCode]) -> list[Slip]:
    names = role_labels()
    return [
        Slip(
            code=item.shown,
            role=names[item.role] if item.role else None,
            qr=qr_svg(code_url(item.code), _("QR-Code zum Code %(code)s", code=item.shown)),
        )
        for item in issued
    ]


def sheet_page(campaign: Campaign, issued: list[IssuedCode], back_url: str) -> str:
    """The page with the distribution notes and the slips (printed on its own, see CSS)."""
    return render_template(
        "team/code_sheet.html",
        campaign=campaign,
        slips=slips(issued),
        start_url=url_for("team.code_start", _external=True),
        back_url=back_url,
    )


def more_codes(campaign: Campaign, back_url: str) -> str | tuple[str, int]:
    """The form for more codes (GET) and, once sent, their sheet; 404 unless the campaign
    takes answers by code and is still open."""
    if not campaign.uses_codes or not campaign.is_open(utcnow()):
        abort(404)
    form = MoreCodesForm(MAX_CODES - code_counts(db.session, campaign).total)
    if form.validate_on_submit():
        try:
            issued = issue_codes(db.session, campaign, form.code_counts())
        except InvalidInput:  # another request took the last codes meanwhile
            db.session.rollback()
            form.codes_any.errors = [_("Bitte weniger Codes: Diese Befragung hat fast alle.")]
        else:
            db.session.commit()
            return sheet_page(campaign, issued, back_url)
    html = render_template("team/more_codes.html", form=form, back_url=back_url)
    return html, 400 if form.errors else 200
