"""What the consultant pages show, built from the workspace services (the views stay thin).

Everything here reads through the services with the consultant's ``centre_id()``; a share
or client that is not the centre's ends the request with 404, the same answer as for an id
that does not exist, so ids of other centres reveal nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

from flask import abort, make_response, render_template, request, url_for

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.registry import current_registry
from zzcheck.scoring.report import display_score
from zzcheck.storage.assessments import questionnaire_of
from zzcheck.storage.clients import (
    ShareFilter,
    all_clients,
    client_shares,
    create_client,
    find_client,
    find_share,
)
from zzcheck.storage.handover import AdviceRequest, advice_requests
from zzcheck.storage.plans import action_items, client_notes
from zzcheck.storage.workspace import Client, Share
from zzcheck.web.consultant.blueprint import centre_id
from zzcheck.web.consultant.forms import (
    ASSIGNED,
    ActionItemForm,
    ClientChoiceForm,
    NoteForm,
    ShareFilterForm,
    status_labels,
)
from zzcheck.web.dates import day_after, day_start
from zzcheck.web.errors import error_page
from zzcheck.web.hosts import public_url
from zzcheck.web.plan_page import consultant_extras
from zzcheck.web.result_page import result_context
from zzcheck.web.translate import _


@dataclass(frozen=True)
class ShareRow:
    """One shared assessment as a list shows it."""

    share: Share
    completed_at: datetime | None
    questionnaire_id: str
    questionnaire: str  # title in the page language
    score: float | None
    level: str | None  # level name in the page language
    request: AdviceRequest | None = None  # the owner's request for advice, if any

    @property
    def is_new(self) -> bool:
        """A request for advice no consultant of the centre has opened yet."""
        return self.request is not None and self.request.opened_at is None


def bad_request(message: str) -> NoReturn:
    """End the request with the 400 page saying ``message`` (nothing was changed)."""
    html, status = error_page(400, message)
    abort(make_response(html, status))


def not_found() -> NoReturn:
    abort(404)


def invitation_link(token: str) -> str:
    """The absolute link a consultant sends to the company."""
    return public_url("sharing.invitation", token=token)


def share_or_404(share_id: int) -> Share:
    share = find_share(db.session, centre_id(), share_id)
    if share is None:
        abort(404)
    return share


def client_or_404(client_id: int) -> Client:
    client = find_client(db.session, centre_id(), client_id)
    if client is None:
        abort(404)
    return client


def int_arg(name: str, default: int | None = None) -> int:
    """A positive whole number from the query string; a clear 400 for anything else."""
    raw = request.args.get(name)
    if raw is None and default is not None:
        return default
    # ASCII digits, length first: "²" passes isdigit() yet int() fails; int() refuses 4301 digits
    if raw is None or not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:
        bad_request(_("Der Wert „%(name)s“ in der Adresse ist ungültig.", name=name))
    return int(raw or 0)


def questionnaire_choices() -> list[tuple[str, str]]:
    lang = select_locale()
    loaded = current_registry().questionnaires.values()
    return [(q.questionnaire.id, q.questionnaire.title.get(lang)) for q in loaded]


def share_filter(form: ShareFilterForm) -> ShareFilter:
    """The validated filter form as the service takes it (Berlin days → UTC range)."""
    return ShareFilter(
        search=form.q.data or None,
        questionnaire_id=form.questionnaire.data or None,
        assigned=(form.status.data == ASSIGNED) if form.status.data else None,
        completed_from=day_start(form.date_from.data) if form.date_from.data else None,
        completed_before=day_after(form.date_to.data) if form.date_to.data else None,
    )


def page_url(number: int) -> str:
    """This list page with the same filters, on page ``number``."""
    args: dict[str, Any] = request.args.to_dict()
    args["page"] = number
    return url_for(request.endpoint or "consultant.index", **(request.view_args or {}), **args)


def share_rows(shares: list[Share]) -> list[ShareRow]:
    lang = select_locale()
    requests = advice_requests(db.session, [share.id for share in shares])
    return [_row(share, lang, requests.get(share.id)) for share in shares]


def _row(share: Share, lang: str, advice: AdviceRequest | None = None) -> ShareRow:
    assessment = share.assessment
    questionnaire = questionnaire_of(assessment)
    level = next((lv for lv in questionnaire.levels if lv.id == assessment.overall_level), None)
    return ShareRow(
        share=share,
        completed_at=assessment.completed_at,
        questionnaire_id=questionnaire.id,
        questionnaire=questionnaire.title.get(lang),
        score=display_score(assessment.overall_score),
        level=level.name.get(lang) if level else None,
        request=advice,
    )


def share_page(
    share: Share, form: ClientChoiceForm | None = None, status: int = 200
) -> tuple[str, int]:
    """One shared assessment: who shared it, its result, and the form to file it."""
    context = result_context(share.assessment, select_locale())
    html = render_template(
        "consultant/share.html",
        share=share,
        row=share_rows([share])[0],
        form=form or choice_form(ClientChoiceForm, formdata=None),
        **context,
        **consultant_extras(share, centre_id(), context["result"]),
    )
    return html, status


def choice_form(form_class: type[ClientChoiceForm], **kwargs: Any) -> Any:
    """A form offering the centre's clients (plus "new client")."""
    return form_class(all_clients(db.session, centre_id()), **kwargs)


def chosen_client(form: ClientChoiceForm) -> int:
    """The client the validated form names; a new one is created (flushed) first."""
    if form.client.data:
        return int(form.client.data)
    return create_client(db.session, centre_id(), form.new_client_name.data).id


def client_page(
    client: Client,
    note_form: NoteForm | None = None,
    item_form: ActionItemForm | None = None,
    status: int = 200,
) -> tuple[str, int]:
    """The client page: assessments over time, comparison choice, notes, action plan."""
    centre = centre_id()
    rows = share_rows(client_shares(db.session, centre, client.id))
    html = render_template(
        "consultant/client.html",
        client=client,
        rows=rows,
        pair=default_pair(rows),
        notes=client_notes(db.session, centre, client.id),
        items=action_items(db.session, centre, client.id),
        note_form=note_form or NoteForm(formdata=None),
        item_form=item_form or ActionItemForm(formdata=None),
        status_labels=status_labels(),
    )
    return html, status


def default_pair(rows: list[ShareRow]) -> tuple[int, int] | None:
    """The two newest assessments of the questionnaire answered last (older, newer)."""
    if not rows:
        return None
    newest = rows[-1]
    same = [row for row in rows if row.questionnaire_id == newest.questionnaire_id]
    if len(same) < 2:
        return None
    return same[-2].share.id, newest.share.id
