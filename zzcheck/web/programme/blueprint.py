"""The ``programme`` blueprint (``/programm/``) and its guard.

Access is denied by default: ``before_request`` admits only logged-in programme staff and
admins (anonymous → login, other roles → 403), so a new view cannot forget the check. The
pages show aggregates only: k comes from configuration (``ZZCHECK_MIN_GROUP_SIZE``, at
least 3), never from the request.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app
from werkzeug.wrappers import Response

from zzcheck.analytics.privacy import min_group_size
from zzcheck.analytics.setting import Setting
from zzcheck.registry import current_registry
from zzcheck.storage.accounts import ADMIN, PROGRAMME
from zzcheck.web.access import role_required

bp = Blueprint("programme", __name__, url_prefix="/programm")


@bp.before_request
@role_required(PROGRAMME, ADMIN)
def programme_staff_only() -> None:
    """Runs before every view of the blueprint; passing means: programme staff or admin."""
    return None


@bp.after_request
def private_pages(response: Response) -> Response:
    """Aggregates for staff: not cached by shared caches, not indexed."""
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def k() -> int:
    return min_group_size(current_app.config.get("ZZCHECK_MIN_GROUP_SIZE"))


def setting_for(questionnaire_id: str) -> Setting:
    """The aggregate setting of a served questionnaire (404 for an unknown id)."""
    loaded = current_registry().get(questionnaire_id)
    if loaded is None:
        abort(404)
    return Setting(loaded.questionnaire, current_registry().centres, k())


def questionnaire_choices(lang: str) -> list[tuple[str, str]]:
    """(id, title) of the served questionnaires, in a stable order."""
    served = current_registry().questionnaires
    return [(qid, served[qid].questionnaire.title.get(lang)) for qid in sorted(served)]
