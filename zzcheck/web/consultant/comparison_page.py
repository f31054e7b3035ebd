"""The comparison of two assessments of one client: the chosen pair, the radar overlay (two
traces: before and after), the change per dimension, and the next steps of the newer one."""

from __future__ import annotations

from typing import Any, NoReturn

from flask import abort, flash, make_response, render_template
from markupsafe import Markup

from zzcheck.charts import overlay_radar_figure
from zzcheck.extensions import db
from zzcheck.i18n import select_locale, shown_lang
from zzcheck.report.content import RADAR_TEXTS, group_radar_markup
from zzcheck.report.svg import RadarTrace
from zzcheck.storage.comparison import Comparison, compare_shares
from zzcheck.storage.workspace import Client
from zzcheck.storage.workspace_errors import NotComparable
from zzcheck.web.consultant.blueprint import centre_id
from zzcheck.web.consultant.pages import client_page, int_arg
from zzcheck.web.dates import local_date
from zzcheck.web.translate import _


def comparison_of(client: Client) -> Comparison:
    """The pair in ``?a=…&b=…`` (share ids); 404 if not this client's, 400 if not comparable."""
    first, second = int_arg("a"), int_arg("b")
    try:
        found = compare_shares(db.session, centre_id(), client.id, first, second, select_locale())
    except NotComparable as error:
        _refuse(client, error)
    if found is None:
        abort(404)
    return found


def _refuse(client: Client, error: NotComparable) -> NoReturn:
    if "different questionnaires" in str(error):
        flash(_("Vergleichen lassen sich nur zwei Checks desselben Fragebogens."), "error")
    else:
        flash(_("Bitte wählen Sie zwei verschiedene Checks."), "error")
    abort(make_response(*client_page(client, status=400)))


def figure(comparison: Comparison) -> dict[str, Any]:
    """The radar overlay: the older check dashed behind the newer one."""
    changes = comparison.changes
    traces = [
        (
            _("Vorher: Check vom %(date)s", date=_day(comparison, older=True)),
            [c.before for c in changes],
        ),
        (
            _("Nachher: Check vom %(date)s", date=_day(comparison, older=False)),
            [c.after for c in changes],
        ),
    ]
    return overlay_radar_figure(traces, [c.title for c in changes], select_locale())


def radar(comparison: Comparison, levels: list[float], lang: str) -> Markup:
    """The same overlay drawn on the server (the PDF's SVG): the chart without JavaScript
    and until plotly replaces it; the older check dashed (style 1) under the newer one."""
    changes = comparison.changes
    traces = [
        RadarTrace(
            _("Vorher: Check vom %(date)s", date=_day(comparison, older=True)),
            tuple(c.before for c in changes),
            style=1,
        ),
        RadarTrace(
            _("Nachher: Check vom %(date)s", date=_day(comparison, older=False)),
            tuple(c.after for c in changes),
            style=0,
        ),
    ]
    titles = [c.title for c in changes]
    svg_lang = lang if lang in RADAR_TEXTS else "de"
    return group_radar_markup(titles, traces, levels, svg_lang, "overlay")


def _day(comparison: Comparison, older: bool) -> str:
    share = comparison.older if older else comparison.newer
    return local_date(share.assessment.completed_at)


def page(client: Client, comparison: Comparison) -> str:
    lang = select_locale()
    newer = comparison.newer_result.to_dict(lang)
    return render_template(
        "consultant/comparison.html",
        client=client,
        comparison=comparison,
        figure=figure(comparison),
        radar=radar(comparison, [level["min"] for level in newer["levels"]], lang),
        title=newer["questionnaire"]["title"],
        recommendations=newer["recommendations"],
        text_lang=shown_lang(comparison.newer_result.questionnaire.title, lang),
    )
