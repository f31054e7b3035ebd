"""``/berater/einladungen``: create an invitation link for a client (shown once) and list
the centre's invitations with how many checks were started and shared from each."""

from __future__ import annotations

from flask import render_template, request

from zzcheck.extensions import db
from zzcheck.storage.invitations import INVITATION_DAYS, centre_invitations, create_invitation
from zzcheck.storage.models import utcnow
from zzcheck.web.consultant import pages
from zzcheck.web.consultant.blueprint import bp, centre_id, user_id
from zzcheck.web.consultant.forms import InvitationForm


@bp.route("/einladungen", methods=["GET", "POST"])
def invitations() -> tuple[str, int]:
    form = pages.choice_form(InvitationForm, client=request.args.get("kunde", ""))
    link = None
    if form.validate_on_submit():
        client_id = pages.chosen_client(form)
        created = create_invitation(db.session, centre_id(), client_id, user_id(), form.label.data)
        if created is None:
            pages.not_found()
        db.session.commit()
        link = pages.invitation_link(created[1])
        form = pages.choice_form(InvitationForm, formdata=None)
    html = render_template(
        "consultant/invitations.html",
        form=form,
        link=link,
        days=INVITATION_DAYS,
        now=utcnow(),
        page=centre_invitations(db.session, centre_id(), pages.int_arg("page", 1)),
        page_url=pages.page_url,
    )
    return html, 400 if form.errors else 200
