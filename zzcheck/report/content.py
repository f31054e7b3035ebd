"""What a printed report says: the engine's result as plain data, the radar as SVG, the date.

A ``Report`` is the respondent's result; later reports add to it by passing more data, not
by new templates: a ``Comparison`` (e.g. the peer mean, already k-anonymous) becomes a second,
dashed radar trace and a table column, and each ``ReportSection`` (a consultant's action
plan, a team campaign) is a template of its own included after the next steps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from markupsafe import Markup

from zzcheck.charts import TEXTS
from zzcheck.report.svg import RadarTrace, radar_svg
from zzcheck.scoring import Result, display_score

TIMEZONE = ZoneInfo("Europe/Berlin")  # the programme's; a report's date is the local one
DATE_FORMATS = {"de": "dd.MM.yyyy", "en": "d MMMM yyyy"}
RADAR_TEXTS = {
    "de": {
        "description": "Netzdiagramm der Punkte je Bereich (0 bis 100); dieselben Werte stehen "
        "in der Tabelle.",
        "own": "Ihr Ergebnis",
        "groups": "Netzdiagramm der mittleren Punkte je Bereich (0 bis 100), eine Linie je "
        "Gruppe; dieselben Werte stehen in der Tabelle.",
        "overlay": "Netzdiagramm der Punkte je Bereich (0 bis 100), zwei Linien zum "
        "Vergleich; dieselben Werte stehen in der Tabelle.",
    },
    "en": {
        "description": "Radar chart of the points per area (0 to 100); the table shows the "
        "same values.",
        "own": "Your result",
        "groups": "Radar chart of the mean points per area (0 to 100), one line per group; "
        "the table shows the same values.",
        "overlay": "Radar chart of the points per area (0 to 100), two lines to compare; "
        "the table shows the same values.",
    },
}


@dataclass(frozen=True)
class Comparison:
    """A second set of scores to show beside the result: ``label`` names it in the legend
    and the table ("Betriebe Ihrer Branche, n = 23"), ``scores`` by dimension id."""

    label: str
    scores: Mapping[str, float | None]


@dataclass(frozen=True)
class ReportSection:
    """An extra part of the report: a template under ``templates/report/`` and its values."""

    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    """Everything one PDF shows. ``completed_at`` is the completion time (UTC or aware);
    ``legal_status`` is the date part of "Rechtsstand 11/2026"; ``subject`` names whom the
    report is for (a consultant's report: the company), printed under the title."""

    result: Result
    lang: str
    completed_at: datetime
    legal_status: str | None = None
    comparison: Comparison | None = None
    sections: tuple[ReportSection, ...] = ()
    subject: str | None = None


def report_day(completed_at: datetime) -> date:
    """The calendar day in Germany of a (UTC) time: 23:30 UTC in summer is the next day."""
    aware = completed_at if completed_at.tzinfo else completed_at.replace(tzinfo=ZoneInfo("UTC"))
    return aware.astimezone(TIMEZONE).date()


def format_day(day: date, lang: str) -> str:
    """``05.03.2026`` in German, ``5 March 2026`` in English."""
    return format_date(day, DATE_FORMATS.get(lang, DATE_FORMATS["de"]), locale=lang)


def report_context(report: Report) -> dict[str, Any]:
    """The values ``templates/report/result.html`` prints (it computes nothing itself);
    ``pdf.page_html`` adds the language."""
    data = report.result.to_dict(report.lang)
    return {
        "result": data,
        "radar": radar_markup(data, report.comparison, report.lang),
        "completed_on": format_day(report_day(report.completed_at), report.lang),
        "legal_status": report.legal_status,
        "comparison": _comparison_rows(data, report.comparison),
        "sections": report.sections,
        "subject": report.subject,
    }


def radar_markup(data: Mapping[str, Any], comparison: Comparison | None, lang: str) -> Markup:
    """The radar of ``Result.to_dict`` data (rounded scores, as the table shows them)."""
    dimensions = data["dimensions"]
    traces = [RadarTrace(RADAR_TEXTS[lang]["own"], tuple(d["score"] for d in dimensions))]
    if comparison is not None:
        scores = tuple(display_score(comparison.scores.get(d["id"])) for d in dimensions)
        traces.append(RadarTrace(comparison.label, scores))
    titles = [d["title"] or d["id"] for d in dimensions]
    return _radar(titles, traces, [level["min"] for level in data["levels"]], lang, "description")


def group_radar_markup(
    titles: Sequence[str],
    traces: Sequence[RadarTrace],
    levels: Sequence[float],
    lang: str,
    description: str = "groups",
) -> Markup:
    """The radar of a team campaign: one unfilled trace per group (its ``style`` fixed per
    group), rings at the ``levels``' lower bounds; an axis is a gap only if no group has a
    score there. Also any overlay without a filled area (``description`` a key of
    ``RADAR_TEXTS``: "overlay" for two checks, or a result and its peer group)."""
    gaps = [all(trace.scores[i] is None for trace in traces) for i in range(len(titles))]
    return _radar(titles, traces, levels, lang, description, fill_first=False, gaps=gaps)


def _radar(
    titles: Sequence[str],
    traces: Sequence[RadarTrace],
    levels: Sequence[float],
    lang: str,
    description: str,
    **options: Any,
) -> Markup:
    svg = radar_svg(
        titles,
        traces,
        rings=sorted({*levels, 100.0}),
        not_rated=TEXTS[lang]["not_rated"],
        description=RADAR_TEXTS[lang][description],
        hyphenation=TEXTS[lang]["hyphenation"],
        **options,
    )
    return Markup(svg)


def _comparison_rows(
    data: Mapping[str, Any], comparison: Comparison | None
) -> dict[str, Any] | None:
    """The comparison's label and its rounded score per dimension id, for the table."""
    if comparison is None:
        return None
    scores = {d["id"]: display_score(comparison.scores.get(d["id"])) for d in data["dimensions"]}
    return {"label": comparison.label, "scores": scores}
