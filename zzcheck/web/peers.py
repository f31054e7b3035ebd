"""The peer comparison on the respondent's result page (``templates/respondent/_peers.html``).

``peer_context(assessment, result, lang)`` gives the template plain values and the overlay
radar (own scores and the peers' means), or None when no group of at least k peers may be
shown. The result page's view passes it in (``result_page.result_context``), so the page
needs no second lookup of the assessment and takes the own scores from its result.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from zzcheck.analytics.peers import PeerGroup, peer_comparison
from zzcheck.analytics.privacy import min_group_size
from zzcheck.charts import overlay_radar_figure
from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.questionnaire.profile import label
from zzcheck.scoring import Result
from zzcheck.scoring.report import display_score
from zzcheck.storage.assessments import find_assessment, result_of
from zzcheck.storage.models import Assessment
from zzcheck.web.translate import _


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
    own = {dim.id: dim.score for dim in result.dimensions}
    k = min_group_size(current_app.config.get("ZZCHECK_MIN_GROUP_SIZE"))
    group = peer_comparison(db.session, assessment, k, own)
    if group is None:
        return None
    return _context(result, own, group, lang)


def _context(
    result: Result, own: dict[str, float | None], group: PeerGroup, lang: str
) -> dict[str, Any]:
    dimensions = result.questionnaire.dimensions
    titles = [d.title.get(lang) for d in dimensions]
    mine = [own.get(d.id) for d in dimensions]
    theirs = [group.means.get(d.id) for d in dimensions]
    name = group_name(group, lang)
    traces = [(_("Ihr Ergebnis"), mine), (f"{name} (n = {group.n})", theirs)]
    rows = [
        {"title": title, "own": display_score(a), "peers": display_score(b)}
        for title, a, b in zip(titles, mine, theirs, strict=True)
    ]
    figure = overlay_radar_figure(traces, titles, lang)
    return {"name": name, "n": group.n, "rows": rows, "figure": figure}


def group_name(group: PeerGroup, lang: str) -> str:
    """The group in words, e.g. "Verarbeitendes Gewerbe, 10 bis 49 Beschäftigte"."""
    if not group.basis:
        return _("alle Betriebe")
    return ", ".join(label(key, group.profile[key], lang) for key in group.basis)
