"""The peer comparison on the respondent's result page (``templates/respondent/_peers.html``).

``peer_context(assessment, result, lang)`` gives the template plain values and the overlay
radar (own scores and the peers' published means), or None when no peer group may be shown.
It first takes a new peer snapshot if the current one is a day old (``analytics.peer_snapshot``;
one page a day pays for it and commits it), then reads the closest published group. What is
published and why: ``zzcheck/analytics/peers.py``.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError

from zzcheck.analytics.peer_snapshot import refresh_peer_snapshot
from zzcheck.analytics.peers import PeerGroup, peer_comparison
from zzcheck.analytics.privacy import min_group_size
from zzcheck.charts import overlay_radar_figure
from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.questionnaire.profile import label
from zzcheck.report.content import RADAR_TEXTS, Comparison, group_radar_markup
from zzcheck.report.svg import RadarTrace
from zzcheck.scoring import Result
from zzcheck.scoring.report import display_score
from zzcheck.storage.assessments import find_assessment, result_of
from zzcheck.storage.models import Assessment, utcnow
from zzcheck.web.translate import _

logger = logging.getLogger(__name__)


def install(app: Flask) -> None:
    app.jinja_env.globals["peer_comparison_for"] = peer_comparison_for


def peer_comparison_for(token: str) -> dict[str, Any] | None:
    """``peer_context`` by resume token, for a template without the result at hand."""
    assessment = find_assessment(db.session, token)
    if assessment is None or not assessment.is_completed:
        return None
    return peer_context(assessment, result_of(assessment), select_locale())


def peer_context(assessment: Assessment, result: Result, lang: str) -> dict[str, Any] | None:
    """Template values for a completed assessment's peer comparison, or None."""
    if not assessment.is_completed:
        return None
    keep_snapshot_fresh()
    group = peer_comparison(db.session, assessment)
    if group is None:
        return None
    own = {dim.id: dim.score for dim in result.dimensions}
    return _context(result, own, group, lang)


def keep_snapshot_fresh() -> None:
    """A new peer snapshot when the current one is a day old (best effort: a busy
    database only means the old one stays a little longer)."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    k = min_group_size(current_app.config.get("ZZCHECK_MIN_GROUP_SIZE"))
    try:
        if refresh_peer_snapshot(db.session, utcnow(), secret, k):
            db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        logger.warning("peer snapshot not taken: %s", type(error).__name__)


def _context(
    result: Result, own: dict[str, float | None], group: PeerGroup, lang: str
) -> dict[str, Any]:
    dimensions = result.questionnaire.dimensions
    titles = [d.title.get(lang) for d in dimensions]
    mine = [own.get(d.id) for d in dimensions]
    theirs = [group.means.get(d.id) for d in dimensions]
    name = group_name(group, lang)
    at_least = _("mindestens %(n)s Betriebe", n=group.companies)
    traces = [(_("Ihr Ergebnis"), mine), (f"{name} ({at_least})", theirs)]
    own_shown = [display_score(a) for a in mine]
    peers_shown: list[float | None] = [None if b is None else int(b) for b in theirs]
    drawn = [  # the server-drawn radar (no JavaScript needed), the table's rounded numbers
        RadarTrace(traces[0][0], tuple(own_shown), 0),
        RadarTrace(traces[1][0], tuple(peers_shown), 1),
    ]
    bounds = [level.min for level in result.questionnaire.levels]
    svg_lang = lang if lang in RADAR_TEXTS else "de"
    return {
        "name": name,
        "companies": group.companies,
        "cutoff": group.cutoff,
        "by_dimension": {d.id: shown for d, shown in zip(dimensions, peers_shown, strict=True)},
        "figure": overlay_radar_figure(traces, titles, lang),
        "radar": group_radar_markup(titles, drawn, bounds, svg_lang, "overlay"),
    }


def peer_report_comparison(assessment: Assessment, lang: str) -> Comparison | None:
    """The peer group as the PDF report's comparison (the same published figures as the
    result page), or None where the page shows none."""
    if not assessment.is_completed:
        return None
    keep_snapshot_fresh()
    group = peer_comparison(db.session, assessment)
    if group is None:
        return None
    at_least = _("mindestens %(n)s Betriebe", n=group.companies)
    return Comparison(f"{group_name(group, lang)} ({at_least})", dict(group.means))


def group_name(group: PeerGroup, lang: str) -> str:
    """The group in words, e.g. "Verarbeitendes Gewerbe, 10 bis 49 Beschäftigte"."""
    if not group.basis:
        return _("alle Betriebe")
    return ", ".join(label(key, group.profile[key], lang) for key in group.basis)
