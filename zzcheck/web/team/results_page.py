"""What a campaign page shows (owner and consultant alike): per questionnaire the counts,
and once the campaign has closed, the radar of the role groups, the table below it, the
questions people disagree on, the next steps for the gaps and the qualification needs.
Plain values; templates only print them.

While the campaign is open a part has no results (``results`` None): only how many answers
came in. After closing, everything comes from the snapshot taken once at closing
(``storage.campaign_results.final_results``; the analysis in ``zzcheck.team`` decided what
may be shown); this module only adds the words of the page language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from zzcheck.charts import group_radar_figure
from zzcheck.extensions import db
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.report.content import RADAR_TEXTS, group_radar_markup
from zzcheck.report.svg import RadarTrace
from zzcheck.scoring.report import display_score
from zzcheck.storage.campaign_results import FinalPart, PartCount, final_results, part_counts
from zzcheck.storage.team_models import Campaign
from zzcheck.storage.versions import questionnaire_of_version
from zzcheck.team.analysis import DimensionRow, TeamResults
from zzcheck.team.gaps import GapStep
from zzcheck.team.groups import EMPLOYEE, QUANTILE_FACTOR, ROLES, group_size, threshold
from zzcheck.team.items import AnswerCount, ItemSpread
from zzcheck.team.needs import EVERYONE, NeedsTable
from zzcheck.web.fields import choices_of
from zzcheck.web.team.labels import group_label, short_role_labels
from zzcheck.web.translate import _


@dataclass(frozen=True)
class DimensionView:
    id: str
    title: str
    means: list[float | None]  # per shown group, as the page shows them
    gap: float | None  # management − employees
    quartiles: tuple[float, float] | None
    spread: float | None


@dataclass(frozen=True)
class ItemView:
    text: str
    dimension: str
    n: int
    spread: float
    counts: list[tuple[str, str]]  # (answer, how many as text)


@dataclass(frozen=True)
class StepView:
    title: str
    text: str
    dimension: str
    gap: float
    management_higher: bool
    offers: list[str]


@dataclass(frozen=True)
class NeedsView:
    columns: list[tuple[str, int]]  # (group label, n); the first is everyone
    rows: list[tuple[str, str, list[int]]]  # (topic, for group, percent per column)


@dataclass(frozen=True)
class PartView:
    """One questionnaire of a campaign (``number`` counts from 1); ``results`` None while
    the campaign is open."""

    number: int
    questionnaire: Questionnaire
    title: str
    count: PartCount
    minimum: int  # answers needed for any result
    spread_minimum: int  # scores needed for the spread (quartiles) of a row
    results: TeamResults | None
    groups: list[tuple[str, str, str, int]]  # (group, label, short label, n)
    figure: dict[str, Any] | None
    dimensions: list[DimensionView]
    disagreements: list[ItemView]
    steps: list[StepView]
    needs: NeedsView | None
    radar: Markup | None = None  # the server-drawn chart (page without JavaScript, PDF)


def final_parts(campaign: Campaign) -> list[FinalPart] | None:
    """The closed campaign's stored results (None while open). The first read after the
    closing date stores them: committed here, whichever page or download reads first."""
    final = final_results(db.session, campaign)
    if final is not None:
        db.session.commit()
    return final


def campaign_parts(campaign: Campaign, lang: str) -> list[PartView]:
    """Every questionnaire of the campaign as the page shows it: counts only while open."""
    final = final_parts(campaign)
    found: list[tuple[PartCount, TeamResults | None]]
    if final is None:
        found = [(count, None) for count in part_counts(db.session, campaign)]
    else:
        found = [(part.count, part.results) for part in final]
    parts = []
    for item, (count, results) in zip(campaign.questionnaires, found, strict=True):
        questionnaire = questionnaire_of_version(item.questionnaire_version)
        number = item.position + 1
        parts.append(
            part_view(number, questionnaire, count, results, lang, campaign.min_group_size)
        )
    return parts


def part_view(
    number: int,
    questionnaire: Questionnaire,
    count: PartCount,
    results: TeamResults | None,
    lang: str,
    k: int | None = None,
) -> PartView:
    """One questionnaire's results in the page language (the benchmark calls this
    directly, without a database); without ``results``, only the counts (``k``: the
    campaign's group size)."""
    titles = {d.id: d.title.get(lang) for d in questionnaire.dimensions}
    short = short_role_labels()
    shown = results or TeamResults(total=count.completed, k=group_size(k))
    groups = [(group, group_label(group), short[group], n) for group, n in shown.groups]
    dimensions = [_dimension(row, titles) for row in shown.dimensions]
    return PartView(
        number=number,
        questionnaire=questionnaire,
        title=questionnaire.title.get(lang),
        count=count,
        minimum=threshold(shown.k),
        spread_minimum=QUANTILE_FACTOR * shown.k,
        results=results,
        groups=groups,
        figure=_figure(groups, dimensions, lang),
        dimensions=dimensions,
        disagreements=[
            _item(questionnaire, item, titles, lang, shown.k) for item in shown.disagreements
        ],
        steps=[_step(step, titles, lang) for step in shown.next_steps],
        needs=_needs(questionnaire, shown.needs, lang),
        radar=_radar(questionnaire, groups, dimensions, lang),
    )


def _radar(
    questionnaire: Questionnaire,
    groups: list[tuple[str, str, str, int]],
    dimensions: list[DimensionView],
    lang: str,
) -> Markup | None:
    """The groups' radar as SVG (the PDF's): one line per group; None without a group."""
    traces = [
        RadarTrace(label, tuple(means), style)
        for style, label, means in group_traces(groups, dimensions)
    ]
    if not traces:
        return None
    bounds = [level.min for level in questionnaire.levels]
    titles = [dim.title for dim in dimensions]
    return group_radar_markup(titles, traces, bounds, lang if lang in RADAR_TEXTS else "de")


def _dimension(row: DimensionRow, titles: dict[str, str]) -> DimensionView:
    quartiles = row.quartiles
    return DimensionView(
        id=row.id,
        title=titles.get(row.id, row.id),
        means=[display_score(mean) for mean in row.means.values()],
        gap=display_score(row.gap),
        quartiles=None if quartiles is None else (_shown(quartiles[0]), _shown(quartiles[1])),
        spread=display_score(row.spread),
    )


def _shown(value: float) -> float:
    shown = display_score(value)
    assert shown is not None
    return shown


def _figure(
    groups: list[tuple[str, str, str, int]], dimensions: list[DimensionView], lang: str
) -> dict[str, Any] | None:
    """One trace per shown role group; None without a group."""
    if not groups:
        return None
    return group_radar_figure(group_traces(groups, dimensions), [d.title for d in dimensions], lang)


def group_traces(
    groups: list[tuple[str, str, str, int]], dimensions: list[DimensionView]
) -> list[tuple[int, str, list[float | None]]]:
    """(style, legend label, means) per shown role group, for the page's chart and the PDF's:
    the style is fixed per role, so a group keeps its look whichever others are shown."""
    return [
        (
            ROLES.index(group),
            _("%(group)s (%(n)s Antworten)", group=label, n=n),
            [dim.means[i] for dim in dimensions],
        )
        for i, (group, label, _short, n) in enumerate(groups)
    ]


def _item(
    questionnaire: Questionnaire, item: ItemSpread, titles: dict[str, str], lang: str, k: int
) -> ItemView:
    question = questionnaire.question(item.question_id)
    assert question is not None
    labels = dict(choices_of(questionnaire, question, lang))
    return ItemView(
        text=question.text.get(lang),
        dimension=titles.get(question.dimension or "", ""),
        n=item.n,
        spread=_shown(item.spread),
        counts=[_count(labels, count, k) for count in item.counts],
    )


def _count(labels: dict[str, str], count: AnswerCount, k: int) -> tuple[str, str]:
    names = [labels.get(option, option) for option in count.options]
    label = names[0] if len(names) == 1 else _("zusammen: %(answers)s", answers=" / ".join(names))
    shown = str(count.count) if count.count is not None else _("weniger als %(k)s", k=k)
    return label, shown


def _step(step: GapStep, titles: dict[str, str], lang: str) -> StepView:
    rec = step.recommendation
    return StepView(
        title=rec.title.get(lang),
        text=rec.text.get(lang),
        dimension=titles.get(rec.dimension, rec.dimension),
        gap=abs(step.gap),
        management_higher=rec.direction == "management_higher",
        offers=[offer.get(lang) for offer in rec.offers],
    )


def _need_group_label(group: str) -> str:
    """A column of the needs table: here plain "employee" means no area was given."""
    if group == EVERYONE:
        return _("alle gezählten Antworten")
    if group == EMPLOYEE:
        return _("Beschäftigte ohne Angabe des Bereichs")
    return group_label(group)


def percent(share: float) -> int:
    """A share (0–1) as whole percent, halves up."""
    return math.floor(100 * share + 0.5)


def _needs(questionnaire: Questionnaire, table: NeedsTable | None, lang: str) -> NeedsView | None:
    if table is None:
        return None
    topics = {q.id: q.need_topic.get(lang) for q in questionnaire.questions if q.need_topic}
    targets = {g.id: g.label.get(lang) for g in questionnaire.employee_groups}
    columns = [(_need_group_label(group), n) for group, n in table.columns]
    rows = [
        (topics[row.question_id], targets[row.target], [percent(s) for s in row.shares])
        for row in table.rows
    ]
    return NeedsView(columns, rows)
