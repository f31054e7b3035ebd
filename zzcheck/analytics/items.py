"""Item statistics for the authors of a questionnaire version: per question how often each
option was chosen and the share of "weiß nicht" (answers that score null); per dimension
Cronbach's alpha and the corrected item-total correlations (``reliability.py``).

Only over all completed assessments of one stored version (questions differ between
versions), never broken down by profile, and only with at least k of them. Free-text answers
are never shown. The option counts come from SQL (GROUP BY question, value); alpha and the
correlations from the item scores of the latest ``SAMPLE`` assessments, so the page costs
the same at 100,000 assessments as at 10,000.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import String, cast, func, select
from sqlalchemy.sql.elements import ColumnElement

from zzcheck.analytics.privacy import Hierarchy, cell, suppress
from zzcheck.analytics.reliability import (
    covariance,
    cronbach_alpha,
    fits,
    rest_correlations,
    usable,
)
from zzcheck.questionnaire.model import Dimension, Question, Questionnaire
from zzcheck.scoring.answers import offered_ids
from zzcheck.scoring.points import is_null_option, max_points, question_score
from zzcheck.storage.base import DbSession
from zzcheck.storage.models import COMPLETED, Answer, Assessment

SAMPLE = 5000
CHOICE_TYPES = ("single", "scale", "yesno", "multi")
NO_ANSWER = "\x00no answer"  # the part of the assessments that left a question empty
YESNO_LABELS = {"yes": ("Ja", "Yes"), "no": ("Nein", "No"), "unknown": ("Weiß nicht", "Don't know")}


@dataclass(frozen=True)
class OptionCount:
    """How many assessments chose an option (None: hidden, see ``_shown_options``)."""

    label: str
    count: int | None
    share: float | None  # of the assessments that answered (multi: shares may sum over 1)
    unscored: bool  # "weiß nicht" / "trifft nicht zu"


@dataclass(frozen=True)
class QuestionStats:
    question_id: str
    text: str
    answered: int | None  # None: it or the number of non-answers is below k
    unknown_share: float | None  # share of answers that score null
    options: tuple[OptionCount, ...]
    rest_correlation: float | None
    fits: bool | None


@dataclass(frozen=True)
class DimensionStats:
    dimension_id: str
    title: str
    alpha: float | None
    questions: tuple[QuestionStats, ...]


@dataclass(frozen=True)
class ItemReport:
    questionnaire_id: str
    version: str
    assessments: int
    sample: int
    dimensions: tuple[DimensionStats, ...]
    other: tuple[QuestionStats, ...]  # asked but not scored (text questions left out)


def item_report(
    session: DbSession, version_id: int, questionnaire: Questionnaire, k: int, lang: str = "de"
) -> ItemReport | None:
    """The report of one stored version, or None with fewer than k completed assessments."""
    total = _completed(session, version_id)
    if total < k:
        return None
    counts = _value_counts(session, version_id)
    scores = item_scores(questionnaire, _sample(session, version_id))
    cov = covariance(scores) if len(scores) >= k else pd.DataFrame()
    dimensions = tuple(
        _dimension(questionnaire, d, counts, cov, (total, k), lang)
        for d in questionnaire.dimensions
    )
    other = tuple(
        _question(questionnaire, q, counts, None, total, k, lang)
        for q in questionnaire.questions
        if q.dimension is None and q.type in CHOICE_TYPES
    )
    return ItemReport(
        questionnaire.id, questionnaire.version, total, len(scores), dimensions, other
    )


def _completed(session: DbSession, version_id: int) -> int:
    query = select(func.count()).select_from(Assessment).where(*_scope(version_id))
    return int(session.execute(query).scalar_one())


def _scope(version_id: int) -> list[ColumnElement[bool]]:
    return [Assessment.questionnaire_version_id == version_id, Assessment.status == COMPLETED]


def _value_counts(session: DbSession, version_id: int) -> dict[str, Counter[str]]:
    """Per question: answer value (as JSON text) → number of assessments."""
    text = cast(Answer.value, String)
    query = (
        select(Answer.question_id, text, func.count())
        .join(Assessment, Assessment.id == Answer.assessment_id)
        .where(*_scope(version_id))
        .group_by(Answer.question_id, text)
    )
    counts: dict[str, Counter[str]] = {}
    for question_id, value, n in session.execute(query):
        counts.setdefault(question_id, Counter())[value] += int(n)
    return counts


def _sample(session: DbSession, version_id: int) -> list[tuple[int, str, object]]:
    """(assessment id, question id, value) of the latest SAMPLE completed assessments."""
    latest = (
        select(Assessment.id)
        .where(*_scope(version_id))
        .order_by(Assessment.completed_at.desc(), Assessment.id.desc())
        .limit(SAMPLE)
        .subquery()
    )
    query = select(Answer.assessment_id, Answer.question_id, Answer.value).where(
        Answer.assessment_id.in_(select(latest.c.id))
    )
    return [(row[0], row[1], row[2]) for row in session.execute(query)]


def item_scores(
    questionnaire: Questionnaire, answers: Sequence[tuple[int, str, object]]
) -> pd.DataFrame:
    """One row per assessment, one column per scored question: s in [0, 1] or NaN."""
    scored = {q.id: (q, max_points(q)) for q in questionnaire.questions if q.is_scored}
    records: dict[int, dict[str, float]] = {}
    for assessment_id, question_id, value in answers:
        if question_id in scored:
            question, top = scored[question_id]
            s = question_score(question, value, top)
            if s is not None:
                records.setdefault(assessment_id, {})[question_id] = s
    frame = pd.DataFrame.from_dict(records, orient="index", dtype="float64")
    return frame.reindex(columns=list(scored))


def _dimension(
    questionnaire: Questionnaire,
    dimension: Dimension,
    counts: Mapping[str, Counter[str]],
    cov: pd.DataFrame,
    sizes: tuple[int, int],
    lang: str,
) -> DimensionStats:
    ids = [q.id for q in questionnaire.questions if q.dimension == dimension.id and q.is_scored]
    part = usable(cov.loc[ids, ids]) if ids and not cov.empty else pd.DataFrame()
    correlations = rest_correlations(part) if not part.empty else {}
    questions = tuple(
        _question(questionnaire, q, counts, correlations.get(q.id), *sizes, lang)
        for q in questionnaire.questions
        if q.id in ids
    )
    alpha = cronbach_alpha(part) if not part.empty else None
    return DimensionStats(dimension.id, dimension.title.get(lang), alpha, questions)


def _question(
    questionnaire: Questionnaire,
    question: Question,
    counts: Mapping[str, Counter[str]],
    correlation: float | None,
    total: int,
    k: int,
    lang: str,
) -> QuestionStats:
    values = [(_decode(raw), n) for raw, n in counts.get(question.id, Counter()).items()]
    answered = sum(n for _value, n in values)
    options: tuple[OptionCount, ...] = ()
    if question.type in CHOICE_TYPES:
        options = tuple(_options(questionnaire, question, values, answered, total, k, lang))
    shown = all(n == 0 or n >= k for n in (answered, total - answered))
    unknown = [o for o in options if o.unscored]
    share = None
    if (
        shown
        and answered
        and max_points(question) is not None
        and all(o.count is not None for o in unknown)
    ):
        share = sum(n for v, n in values if question_score(question, v) is None) / answered
    text = question.text.get(lang)
    count = answered if shown else None
    return QuestionStats(question.id, text, count, share, options, correlation, fits(correlation))


def _decode(raw: str | None) -> object:
    try:
        return json.loads(raw) if raw is not None else None
    except ValueError:
        return raw


def _options(
    questionnaire: Questionnaire,
    question: Question,
    values: Sequence[tuple[object, int]],
    answered: int,
    total: int,
    k: int,
    lang: str,
) -> list[OptionCount]:
    """Counts per offered option; a count below k, or one that would reveal such a count by
    subtraction from the number of answers, is hidden (None)."""
    chosen: Counter[str] = Counter()
    for value, n in values:
        for item in value if isinstance(value, list) else [value]:
            chosen[str(item)] += n
    offered = _offered(questionnaire, question, lang)
    shown = _shown_options(question, chosen, offered, total - answered, k)
    counts = {code: chosen[code] if shown(code) else None for code, _label, _null in offered}
    return [
        OptionCount(label, counts[code], _share(counts[code], answered), unscored)
        for code, label, unscored in offered
    ]


def _share(count: int | None, answered: int) -> float | None:
    return count / answered if count is not None and answered else None


def _offered(
    questionnaire: Questionnaire, question: Question, lang: str
) -> list[tuple[str, str, bool]]:
    """(code, label, scores null) of each option the question offers."""
    if question.type == "yesno":
        codes = ["yes", "no", *(["unknown"] if question.allow_unknown else [])]
        return [(c, YESNO_LABELS[c][1 if lang == "en" else 0], c == "unknown") for c in codes]
    groups = {g.id: g.label.get(lang) for g in questionnaire.employee_groups}
    labels = {o.id: o.label.get(lang) for o in question.options}
    null = {o.id for o in question.options if is_null_option(question, o)}
    return [
        (code, labels.get(code) or groups.get(code, code), code in null)
        for code in offered_ids(questionnaire, question)
    ]


def _shown_options(
    question: Question,
    chosen: Counter[str],
    offered: Sequence[tuple[str, str, bool]],
    unanswered: int,
    k: int,
) -> Callable[[str], bool]:
    """Single choices partition the assessments (with "no answer" as one more part), so the
    privacy rules of ``privacy.suppress`` apply; ticks of a multi question overlap, so only
    counts below k are hidden."""
    if question.type == "multi":
        return lambda code: chosen[code] == 0 or chosen[code] >= k
    parts = {(code,): chosen[code] for code, _label, _null in offered if chosen[code]}
    if unanswered:
        parts[(NO_ANSWER,)] = unanswered
    hidden = suppress(parts, [Hierarchy()], k)
    return lambda code: chosen[code] == 0 or hidden.shown(cell([0], [code]))
