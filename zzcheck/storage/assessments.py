"""The respondent's use cases: start, find by token, save a page, complete, result, delete.

Each service flushes and never commits: the view or CLI command commits once and rolls
back on error. Only the SHA-256 of a resume token is stored; the token itself is returned
once by ``start_assessment`` and never logged.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, insert, select, update
from sqlalchemy.orm import joinedload, object_session

from zzcheck.questionnaire.loader import LoadedQuestionnaire
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.questionnaire.profile import PROFILE_FIELDS, profile_problems
from zzcheck.scoring import DimensionScore as ScoredDimension
from zzcheck.scoring import Result, check_answers, is_answered, required_missing, score
from zzcheck.storage.base import DbSession
from zzcheck.storage.errors import AssessmentClosed, InvalidAnswers, InvalidProfile, MissingAnswers
from zzcheck.storage.models import (
    COMPLETED,
    IN_PROGRESS,
    Answer,
    Assessment,
    DimensionScore,
    utcnow,
)
from zzcheck.storage.score_summary import summarize
from zzcheck.storage.versions import dialect_insert, pin_version, questionnaire_of_version

TOKEN_BYTES = 24  # 192 bits from ``secrets``
MAX_TOKEN_LENGTH = 128  # longer input is not a token of ours: no hashing of huge strings


def new_token() -> str:
    """A fresh, unguessable resume token (URL-safe)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """What is stored instead of the token: a plain SHA-256 suffices for 192 random bits."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def start_assessment(
    session: DbSession, loaded: LoadedQuestionnaire, profile: Mapping[str, str | None]
) -> tuple[Assessment, str]:
    """Create an assessment pinned to ``loaded``; returns it and its token (shown once)."""
    cleaned = {key: value or None for key, value in profile.items()}
    problems = profile_problems(cleaned)
    if problems:
        raise InvalidProfile(problems)
    token = new_token()
    assessment = Assessment(
        token_hash=hash_token(token),
        questionnaire_version=pin_version(session, loaded),
        status=IN_PROGRESS,
        current_section=0,
        **{key: cleaned.get(key) for key in PROFILE_FIELDS},
    )
    session.add(assessment)
    session.flush()
    return assessment, token


def find_assessment(session: DbSession, token: str | None) -> Assessment | None:
    """The assessment behind a resume token, or None (unknown, deleted or malformed)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    query = (
        select(Assessment)
        .where(Assessment.token_hash == hash_token(token))
        .options(joinedload(Assessment.questionnaire_version))  # every page needs it
    )
    return session.scalars(query).one_or_none()


def questionnaire_of(assessment: Assessment) -> Questionnaire:
    """The questionnaire as it was when the assessment started (from the stored snapshot)."""
    return questionnaire_of_version(assessment.questionnaire_version)


def answers_of(assessment: Assessment) -> dict[str, object]:
    """Stored answers by question id, as the scoring engine takes them: two columns read,
    no ORM objects built (a result page re-scores from them on every view)."""
    session = object_session(assessment)
    if session is None:
        return {answer.question_id: answer.value for answer in assessment.answers}
    query = select(Answer.question_id, Answer.value).where(Answer.assessment_id == assessment.id)
    return {question_id: value for question_id, value in session.execute(query)}


def save_page(
    session: DbSession,
    assessment: Assessment,
    page_answers: Mapping[str, object],
    page_question_ids: Sequence[str],
    next_section: int,
) -> None:
    """Store one page: upsert the given answers, drop those of page questions left empty.

    Raises ``InvalidAnswers`` (nothing is written) or ``AssessmentClosed`` once completed.
    """
    if assessment.is_completed:
        raise AssessmentClosed(f"assessment {assessment.id} is completed")
    given = {qid: _jsonable(value) for qid, value in page_answers.items() if is_answered(value)}
    questionnaire = questionnaire_of(assessment)
    problems = check_answers(questionnaire, given)
    if problems:
        raise InvalidAnswers(problems)
    now = utcnow()
    last = len(questionnaire.sections)
    _claim_open(
        session, assessment, current_section=min(max(next_section, 0), last), updated_at=now
    )
    _upsert_answers(session, assessment.id, given, now)
    empty = [qid for qid in page_question_ids if qid not in given]
    if empty:
        session.execute(
            delete(Answer).where(
                Answer.assessment_id == assessment.id, Answer.question_id.in_(empty)
            )
        )
    session.expire(assessment, ["answers"])


def _jsonable(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _claim_open(session: DbSession, assessment: Assessment, **values: object) -> None:
    """Update the assessment only while it is in progress; this row lock orders writers."""
    claimed = session.execute(
        update(Assessment)
        .where(Assessment.id == assessment.id, Assessment.status == IN_PROGRESS)
        .values(**values)
    )
    if cast("CursorResult[Any]", claimed).rowcount != 1:
        session.refresh(assessment)
        raise AssessmentClosed(f"assessment {assessment.id} is completed")


def _upsert_answers(
    session: DbSession, assessment_id: int, answers: Mapping[str, object], now: datetime
) -> None:
    if not answers:
        return
    rows = [
        {"assessment_id": assessment_id, "question_id": qid, "value": value, "answered_at": now}
        for qid, value in answers.items()
    ]
    stmt = dialect_insert(session, Answer.__table__)
    stmt = stmt.on_conflict_do_update(
        index_elements=["assessment_id", "question_id"],
        set_={"value": stmt.excluded.value, "answered_at": stmt.excluded.answered_at},
    )
    session.execute(stmt, rows)


def complete_assessment(session: DbSession, assessment: Assessment) -> Result:
    """Score the stored answers and store the result, once.

    Idempotent: a second call (double submit, two tabs) returns the stored result and
    writes nothing; of two parallel calls exactly one completes (conditional UPDATE).
    Raises ``MissingAnswers`` while shown required questions are unanswered.
    """
    if assessment.is_completed:
        return result_of(assessment)
    session.expire(assessment, ["answers"])
    missing = required_missing(
        questionnaire_of(assessment), answers_of(assessment), assessment.profile
    )
    if missing:
        raise MissingAnswers(missing)
    now = utcnow()
    try:
        _claim_open(session, assessment, status=COMPLETED, completed_at=now, updated_at=now)
    except AssessmentClosed:
        return result_of(assessment)  # a parallel request completed it first
    session.expire(assessment, ["answers"])
    result = result_of(assessment)
    _store_result(session, assessment, result)
    return result


def _store_result(session: DbSession, assessment: Assessment, result: Result) -> None:
    assessment.overall_score = result.overall
    assessment.overall_level = result.overall_level
    rows = [dimension_row(assessment.id, dim) for dim in result.dimensions]
    session.execute(insert(DimensionScore), rows)
    session.expire(assessment, ["dimension_scores"])
    session.flush()
    summarize(session, [assessment.id])


def dimension_row(assessment_id: int, dim: ScoredDimension) -> dict[str, object]:
    """A ``dimension_score`` row for a scored dimension (also used by the demo data)."""
    return {
        "assessment_id": assessment_id,
        "dimension_id": dim.id,
        "score": dim.score,
        "level": dim.level,
        "answered": dim.answered,
        "total": dim.total,
    }


def result_of(assessment: Assessment) -> Result:
    """The result, recomputed from the pinned snapshot and the stored answers (deterministic)."""
    return score(questionnaire_of(assessment), answers_of(assessment), assessment.profile)


def delete_assessment(session: DbSession, assessment: Assessment) -> None:
    """Delete the assessment; its answers and scores go with it (ON DELETE CASCADE)."""
    session.delete(assessment)
    session.flush()
