"""``GET /datenschutz``: the privacy page in plain language – what is stored, why, how long,
who sees it, how to download and delete it, and what team mode keeps. The periods and k are
the configured ones; the operator's name and contact are configuration
(``ZZCHECK_OPERATOR``), never invented."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template

from zzcheck.analytics.peers import STEP, peer_minimum
from zzcheck.analytics.privacy import QUARTILE_FACTOR, min_group_size
from zzcheck.team.groups import MIN_ANSWERS, MIN_GROUP_SIZE

bp = Blueprint("privacy", __name__)


def privacy_facts() -> dict[str, Any]:
    """The facts both privacy pages (standard and Leichte Sprache) print, from the config."""
    config = current_app.config
    k = min_group_size(config.get("ZZCHECK_MIN_GROUP_SIZE"))
    return {
        "operator": str(config.get("ZZCHECK_OPERATOR") or "").strip(),
        "unfinished_days": config["ZZCHECK_RETENTION_UNFINISHED_DAYS"],
        "completed_days": config["ZZCHECK_RETENTION_COMPLETED_DAYS"],
        "shared_days": config["ZZCHECK_RETENTION_SHARED_DAYS"],
        "k": k,
        "peers": peer_minimum(k),
        "peer_step": int(STEP),
        "quartile_k": QUARTILE_FACTOR * k,
        "team_answers": MIN_ANSWERS,
        "team_k": MIN_GROUP_SIZE,
    }


@bp.get("/datenschutz")
def privacy() -> str:
    return render_template("privacy/index.html", **privacy_facts())
