"""A client's notes and action plan: add a note, add an item, change an item."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.storage.plans import add_action_item, add_note, find_action_item, update_action_item
from zzcheck.web.consultant import pages
from zzcheck.web.consultant.blueprint import bp, centre_id, user_id
from zzcheck.web.consultant.forms import ActionItemForm, NoteForm
from zzcheck.web.translate import _


@bp.post("/kunden/<int:client_id>/notizen")
def add_client_note(client_id: int) -> Response | tuple[str, int]:
    client = pages.client_or_404(client_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return pages.client_page(client, note_form=form, status=400)
    add_note(db.session, centre_id(), client.id, user_id(), form.text.data)
    db.session.commit()
    flash(_("Die Notiz ist gespeichert."))
    return redirect(url_for(".client", client_id=client.id, _anchor="notizen"), 303)


@bp.post("/kunden/<int:client_id>/massnahmen")
def add_item(client_id: int) -> Response | tuple[str, int]:
    client = pages.client_or_404(client_id)
    form = ActionItemForm()
    if not form.validate_on_submit():
        return pages.client_page(client, item_form=form, status=400)
    values = form.data
    add_action_item(
        db.session,
        centre_id(),
        client.id,
        values["title"],
        values["owner"],
        values["due_on"],
        values["status"],
    )
    db.session.commit()
    flash(_("Die Maßnahme ist im Plan."))
    return redirect(url_for(".client", client_id=client.id, _anchor="plan"), 303)


@bp.route("/kunden/<int:client_id>/massnahmen/<int:item_id>", methods=["GET", "POST"])
def edit_item(client_id: int, item_id: int) -> Response | tuple[str, int]:
    client = pages.client_or_404(client_id)
    item = find_action_item(db.session, centre_id(), client.id, item_id)
    if item is None:
        pages.not_found()
    form = ActionItemForm(obj=item if request.method == "GET" else None)  # no silent fallback
    if form.validate_on_submit():
        fields = {key: form.data[key] for key in ("title", "owner", "due_on", "status")}
        update_action_item(db.session, centre_id(), client.id, item.id, **fields)
        db.session.commit()
        flash(_("Die Maßnahme ist geändert."))
        return redirect(url_for(".client", client_id=client.id, _anchor="plan"), 303)
    html = render_template("consultant/item.html", client=client, item=item, form=form)
    return html, 400 if form.is_submitted() else 200
