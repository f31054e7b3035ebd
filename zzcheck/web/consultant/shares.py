"""``/berater/``: the centre's shared assessments (search, filters, newest first, pages),
one shared assessment with its result, putting it into a client's record, its download."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.storage.clients import assign_share, search_shares
from zzcheck.storage.handover import mark_opened
from zzcheck.web import downloads
from zzcheck.web.consultant import pages
from zzcheck.web.consultant.blueprint import bp, centre_id
from zzcheck.web.consultant.forms import ClientChoiceForm, ShareFilterForm
from zzcheck.web.translate import _


@bp.get("/")
def index() -> tuple[str, int]:
    form = ShareFilterForm(request.args, pages.questionnaire_choices())
    if not form.validate():
        return render_template("consultant/index.html", form=form, page=None, rows=[]), 400
    filters = pages.share_filter(form)
    found = search_shares(db.session, centre_id(), filters, pages.int_arg("page", 1))
    html = render_template(
        "consultant/index.html",
        form=form,
        page=found,
        rows=pages.share_rows(found.items),
        page_url=pages.page_url,
    )
    return html, 200


@bp.get("/freigaben/<int:share_id>")
def share(share_id: int) -> tuple[str, int]:
    found = pages.share_or_404(share_id)
    if mark_opened(db.session, found):  # a consultant of the centre opened it: no longer new
        db.session.commit()
    return pages.share_page(found)


@bp.post("/freigaben/<int:share_id>/kunde")
def assign(share_id: int) -> Response | tuple[str, int]:
    found = pages.share_or_404(share_id)
    form = pages.choice_form(ClientChoiceForm)
    if not form.validate_on_submit():
        return pages.share_page(found, form, 400)
    assigned = assign_share(db.session, centre_id(), share_id, pages.chosen_client(form))
    if assigned is None or assigned.client_id is None:  # the client vanished meanwhile
        db.session.rollback()
        pages.bad_request(_("Dieser Kunde gehört nicht zu Ihrem Zentrum."))
    db.session.commit()
    flash(_("Der Check ist jetzt dem Kunden zugeordnet."))
    return redirect(url_for(".client", client_id=assigned.client_id), 303)


@bp.get("/freigaben/<int:share_id>/export.json")
def export(share_id: int) -> Response:
    assessment = pages.share_or_404(share_id).assessment
    return downloads.json_download(assessment, select_locale(), for_centre=True)
