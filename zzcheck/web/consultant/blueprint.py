"""The ``consultant`` blueprint (``/berater/``) and the guard every one of its views passes.

Access is denied by default: ``before_request`` admits only logged-in consultants, so a new
view cannot forget the check (anonymous → login, other roles → 403). Admins and programme
staff belong to no centre and see no client data: the companies consented to one centre,
not to the programme (DESIGN.md, privacy). Every query then takes the consultant's centre
(``centre_id()``) and goes through ``zzcheck.storage.scope.centre_scope``.
"""

from __future__ import annotations

from flask import Blueprint, abort, make_response, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.registry import current_registry
from zzcheck.storage.accounts import CONSULTANT
from zzcheck.storage.workspace_errors import WorkspaceError
from zzcheck.web.access import current_user, role_required
from zzcheck.web.dates import local_date
from zzcheck.web.errors import error_page
from zzcheck.web.translate import _

bp = Blueprint("consultant", __name__, url_prefix="/berater")
bp.add_app_template_filter(local_date, "local_date")


@role_required(CONSULTANT)
def _admit() -> None:
    return None


@bp.before_request
def consultants_only() -> Response | None:
    """Runs before every view of the blueprint; passing means: a consultant is logged in.

    A form sent without a login (it expired while the page was open) gets 401 and a page
    that says nothing was saved, rather than a redirect that would silently drop it.
    """
    if request.method == "POST" and current_user() is None:
        html = render_template("consultant/form_expired.html", back=_page_of_form(), login=True)
        return make_response(html, 401)
    return _admit()


@bp.after_request
def private_pages(response: Response) -> Response:
    """Company data: never cached, never indexed, no Referer to other sites."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.context_processor
def workspace() -> dict[str, str]:
    """The consultant's centre, named in the area's navigation."""
    user = current_user()
    centre = current_registry().centres.get(user.centre_id if user else None)
    return {"workspace_centre": centre.name.get(select_locale()) if centre else ""}


def centre_id() -> str:
    """The logged-in consultant's centre (the guard above has admitted only consultants)."""
    user = current_user()
    if user is None or not user.centre_id:
        abort(403)
    return user.centre_id


def user_id() -> int:
    user = current_user()
    if user is None:
        abort(403)
    return user.id


@bp.errorhandler(CSRFError)
def form_expired(error: CSRFError) -> Response:
    """A form without a valid CSRF token (e.g. after the login session ended): nothing was
    saved; say so, and lead back to the form's page (which asks to log in if needed)."""
    html = render_template("consultant/form_expired.html", back=_page_of_form())
    return make_response(html, 400)


@bp.errorhandler(WorkspaceError)
def refused(error: WorkspaceError) -> Response:
    """A service refused input a form should have caught: roll back, answer 400."""
    db.session.rollback()
    html, status = error_page(
        400, _("Die Eingaben ließen sich nicht speichern. Es wurde nichts geändert.")
    )
    return make_response(html, status)


def _page_of_form() -> str:
    args = request.view_args or {}
    if "client_id" in args:
        return url_for("consultant.client", client_id=args["client_id"])
    if "share_id" in args:
        return url_for("consultant.share", share_id=args["share_id"])
    return (
        request.path
        if request.url_rule and "GET" in (request.url_rule.methods or ())
        else url_for("consultant.index")
    )
