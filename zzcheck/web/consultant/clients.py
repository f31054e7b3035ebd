"""``/berater/kunden/``: the centre's clients (search, create), one client's page and the
comparison of two of its assessments (page and chart data)."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.storage.clients import create_client, list_clients
from zzcheck.web.consultant import comparison_page, pages
from zzcheck.web.consultant.blueprint import bp, centre_id
from zzcheck.web.consultant.forms import ClientForm, ClientSearchForm
from zzcheck.web.translate import _


@bp.get("/kunden/")
def clients() -> tuple[str, int]:
    return _clients_page()


def _clients_page(form: ClientForm | None = None, status: int = 200) -> tuple[str, int]:
    search = ClientSearchForm(request.args)
    found = None
    if search.validate():
        found = list_clients(db.session, centre_id(), search.q.data, pages.int_arg("page", 1))
    html = render_template(
        "consultant/clients.html",
        search=search,
        page=found,
        form=form or ClientForm(formdata=None),
        page_url=pages.page_url,
    )
    return html, status if found is not None else 400


@bp.post("/kunden/")
def create() -> Response | tuple[str, int]:
    form = ClientForm()
    if not form.validate_on_submit():
        return _clients_page(form, 400)
    client = create_client(db.session, centre_id(), form.display_name.data)
    db.session.commit()
    flash(_("Der Kunde „%(name)s“ ist angelegt.", name=client.display_name))
    return redirect(url_for(".client", client_id=client.id), 303)


@bp.get("/kunden/<int:client_id>")
def client(client_id: int) -> tuple[str, int]:
    return pages.client_page(pages.client_or_404(client_id))


@bp.get("/kunden/<int:client_id>/vergleich")
def comparison(client_id: int) -> str:
    found = pages.client_or_404(client_id)
    return comparison_page.page(found, comparison_page.comparison_of(found))


@bp.get("/kunden/<int:client_id>/vergleich.json")
def comparison_data(client_id: int) -> Response:
    """The overlay's figure as JSON (for other tools; the page embeds the same figure)."""
    found = pages.client_or_404(client_id)
    return jsonify(comparison_page.figure(comparison_page.comparison_of(found)))
