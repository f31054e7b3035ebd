"""What the result page shows: the engine's result as plain data plus the radar figure.

Templates only print these values (they never compute a score); the figure is a plain
Plotly dict, embedded with the ``figure_json`` filter and drawn by ``static/js/radar.js``
(no inline script, so a strict CSP can come later).
"""

from __future__ import annotations

from typing import Any

from zzcheck.charts import radar_figure
from zzcheck.i18n import shown_lang
from zzcheck.storage.assessments import result_of
from zzcheck.storage.models import Assessment
from zzcheck.web.handover import centre_boxes
from zzcheck.web.peers import peer_context


def result_context(assessment: Assessment, lang: str, with_peers: bool = False) -> dict[str, Any]:
    """Template values: ``result`` (``Result.to_dict(lang)``), the radar ``figure``, the
    questionnaire's legal status date and ``text_lang``, the language its texts appear in;
    ``with_peers``: also ``peers``, the peer comparison (``peers.peer_context``)."""
    result = result_of(assessment)
    context = {
        "result": result.to_dict(lang),
        "figure": radar_figure(result, lang),
        "legal_status": legal_status_date(result.questionnaire.legal_status),
        "text_lang": shown_lang(result.questionnaire.title, lang),
        "centres": centre_boxes(assessment, lang),
    }
    if with_peers:
        context["peers"] = peer_context(assessment, result, lang)
    return context


def legal_status_date(legal_status: str | None) -> str | None:
    """``"Rechtsstand 11/2026"`` or ``"11/2026"`` → ``"11/2026"`` (the page adds the word)."""
    if not legal_status:
        return None
    text = legal_status.strip()
    if text.lower().startswith("rechtsstand"):
        text = text[len("rechtsstand") :].lstrip(" :")
    return text or None
