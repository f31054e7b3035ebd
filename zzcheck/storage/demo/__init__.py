"""Demo data: realistic completed assessments for demos and benchmarks.

``demo_batches`` draws companies and their answers and scores them with the real engine;
``write_demo_batch`` stores a batch with a few bulk INSERTs (no per-object ORM work), so
10,000 assessments take seconds. Like every service it flushes and never commits; the CLI
command commits once per batch.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, insert

from zzcheck.questionnaire.loader import LoadedQuestionnaire
from zzcheck.scoring import Result, score
from zzcheck.storage.assessments import dimension_row, hash_token, new_token
from zzcheck.storage.base import DbSession
from zzcheck.storage.demo.answers import AnswerModel
from zzcheck.storage.demo.population import Company, draw_company, plan_states
from zzcheck.storage.models import COMPLETED, Answer, Assessment, DimensionScore, utcnow
from zzcheck.storage.score_summary import summarize
from zzcheck.storage.versions import pin_version

BATCH_SIZE = 1000
ASSESSMENT = cast(Table, Assessment.__table__)
ANSWER = cast(Table, Answer.__table__)
DIMENSION_SCORE = cast(Table, DimensionScore.__table__)


@dataclass(frozen=True)
class DemoAssessment:
    loaded: LoadedQuestionnaire
    company: Company
    answers: dict[str, object]
    result: Result


def demo_batches(
    questionnaires: Sequence[LoadedQuestionnaire],
    companies: int,
    seed: int | None = None,
    now: datetime | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[list[DemoAssessment]]:
    """``companies`` scored demo assessments in batches, spread over ``questionnaires``.

    The same seed (and ``now``) gives the same companies and answers.
    """
    rng = random.Random(seed)
    now = now or utcnow()
    models = [(loaded, AnswerModel(loaded.questionnaire)) for loaded in questionnaires]
    states = plan_states(companies, rng)
    for start in range(0, companies, batch_size):
        yield [_draw(rng, models, state, now) for state in states[start : start + batch_size]]


def _draw(
    rng: random.Random,
    models: Sequence[tuple[LoadedQuestionnaire, AnswerModel]],
    state: str,
    now: datetime,
) -> DemoAssessment:
    loaded, model = rng.choice(models)
    company = draw_company(rng, state, now)
    answers = model.answers(rng, company.maturity, company.profile)
    result = score(loaded.questionnaire, answers, company.profile)
    return DemoAssessment(loaded, company, answers, result)


def write_demo_batch(session: DbSession, batch: Sequence[DemoAssessment]) -> int:
    """Insert a batch: assessments (ids come back in order), answers, dimension scores and
    their summary rows."""
    distinct = {item.loaded.content_hash: item.loaded for item in batch}
    versions = {key: pin_version(session, loaded).id for key, loaded in distinct.items()}
    rows = [_assessment_row(item, versions[item.loaded.content_hash]) for item in batch]
    returning = insert(ASSESSMENT).returning(ASSESSMENT.c.id, sort_by_parameter_order=True)
    ids = session.execute(returning, rows).scalars().all()
    answers = [
        {
            "assessment_id": id_,
            "question_id": qid,
            "value": value,
            "answered_at": item.company.completed_at,
        }
        for id_, item in zip(ids, batch, strict=True)
        for qid, value in item.answers.items()
    ]
    scores = [
        dimension_row(id_, dim)
        for id_, item in zip(ids, batch, strict=True)
        for dim in item.result.dimensions
    ]
    session.execute(insert(ANSWER), answers)
    session.execute(insert(DIMENSION_SCORE), scores)
    summarize(session, ids)
    return len(ids)


def _assessment_row(item: DemoAssessment, version_id: int) -> dict[str, object]:
    company = item.company
    return {
        "token_hash": hash_token(new_token()),  # the token is thrown away: nobody can open it
        "questionnaire_version_id": version_id,
        "status": COMPLETED,
        "started_at": company.started_at,
        "updated_at": company.completed_at,
        "completed_at": company.completed_at,
        "current_section": len(item.loaded.questionnaire.sections),
        **company.profile,
        "overall_score": item.result.overall,
        "overall_level": item.result.overall_level,
    }
