"""``flask --app app zzcheck demo-data``: realistic, valid, correlated completed assessments."""

from __future__ import annotations

import random
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.questionnaire.profile import INDUSTRIES, SIZES, STATES
from zzcheck.registry import current_registry
from zzcheck.scoring import check_answers, required_missing, visible_questions
from zzcheck.storage.assessments import answers_of, questionnaire_of, result_of
from zzcheck.storage.demo import demo_batches
from zzcheck.storage.demo.population import plan_states
from zzcheck.storage.models import Assessment, DimensionScore

COMPANIES = 200


@pytest.fixture
def demo(app: Flask, runner: FlaskCliRunner) -> Iterator[list[Assessment]]:
    result = runner.invoke(
        args=["zzcheck", "demo-data", "--companies", str(COMPANIES), "--seed", "7"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Created {COMPANIES} completed demo assessments in ")
    with app.app_context():
        yield list(db.session.scalars(select(Assessment)))


def test_all_are_completed_with_stored_scores(demo: list[Assessment]) -> None:
    assert len(demo) == COMPANIES
    assert all(a.status == "completed" and a.overall_level for a in demo)
    scores = db.session.scalars(select(DimensionScore)).all()
    assert len(scores) == COMPANIES * 3
    by_questionnaire = Counter(a.questionnaire_version.questionnaire_id for a in demo)
    assert set(by_questionnaire) == {"werkstatt", "kurz"} and min(by_questionnaire.values()) > 60


def test_profiles_are_spread_like_real_firms(demo: list[Assessment]) -> None:
    states = Counter(a.state for a in demo)
    assert set(states) == set(STATES)
    assert states["DE-NW"] > states["DE-HB"]
    assert {a.industry for a in demo} <= set(INDUSTRIES) and len({a.industry for a in demo}) >= 10
    sizes = Counter(a.size for a in demo)
    assert set(sizes) <= set(SIZES) and sizes["1-9"] + sizes["10-49"] > 0.6 * COMPANIES
    council = {size: [a.works_council == "yes" for a in demo if a.size == size] for size in sizes}
    assert statistics.mean(council["1-9"]) < statistics.mean(council["50-249"] + council["250+"])


def test_dates_lie_in_the_last_24_months(demo: list[Assessment]) -> None:
    now = datetime.now(UTC)
    for assessment in demo:
        assert assessment.completed_at is not None
        assert now - timedelta(days=731) < assessment.started_at <= assessment.completed_at <= now


def test_answers_are_valid_and_respect_conditions(demo: list[Assessment]) -> None:
    unknown = 0
    for assessment in demo:
        questionnaire, answers = questionnaire_of(assessment), answers_of(assessment)
        assert check_answers(questionnaire, answers) == []
        assert required_missing(questionnaire, answers) == []
        shown = {q.id for q in visible_questions(questionnaire, answers)}
        assert set(answers) <= shown
        unknown += sum(value in ("weiss_nicht", "unknown") for value in answers.values())
        stored = {d.dimension_id: d.score for d in assessment.dimension_scores}
        assert stored == {d.id: d.score for d in result_of(assessment).dimensions}
    assert unknown > COMPANIES * 0.1  # some "weiß nicht", not a rarity


def test_scores_vary_and_dimensions_correlate(demo: list[Assessment]) -> None:
    overall = [a.overall_score for a in demo if a.overall_score is not None]
    assert len(set(overall)) > 50 and statistics.pstdev(overall) > 8
    by_dimension: dict[str, dict[int, float]] = defaultdict(dict)
    for row in db.session.scalars(select(DimensionScore).where(DimensionScore.score.is_not(None))):
        by_dimension[row.dimension_id][row.assessment_id] = row.score  # type: ignore[assignment]
    for first, second in combinations(sorted(by_dimension), 2):
        common = sorted(by_dimension[first].keys() & by_dimension[second].keys())
        r = statistics.correlation(
            [by_dimension[first][i] for i in common], [by_dimension[second][i] for i in common]
        )
        assert r > 0.15, (first, second, r)


def test_the_same_seed_gives_the_same_data(ctx: Flask) -> None:
    loaded = list(current_registry().questionnaires.values())
    now = datetime(2026, 1, 1, tzinfo=UTC)
    first = [
        (d.company, d.answers) for batch in demo_batches(loaded, 30, seed=3, now=now) for d in batch
    ]
    again = [
        (d.company, d.answers) for batch in demo_batches(loaded, 30, seed=3, now=now) for d in batch
    ]
    other = [
        (d.company, d.answers) for batch in demo_batches(loaded, 30, seed=4, now=now) for d in batch
    ]
    assert first == again and first != other


@pytest.mark.parametrize("count", [1, 5, 16, 17, 200, 10_000])
def test_states_are_planned_in_proportion(count: int) -> None:
    states = plan_states(count, random.Random(1))
    assert len(states) == count
    if count >= 16:
        assert set(states) == set(STATES)
    if count == 10_000:
        assert 2000 <= Counter(states)["DE-NW"] <= 2200 and Counter(states)["DE-HB"] >= 60


def test_demo_data_without_questionnaires_fails_clearly(
    app_config: dict[str, object], tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = create_app({**app_config, "ZZCHECK_QUESTIONNAIRES": str(empty)})
    result = app.test_cli_runner().invoke(args=["zzcheck", "demo-data", "--companies", "5"])
    assert result.exit_code == 1
    assert "no questionnaires loaded" in result.output
    with app.app_context():
        db.engine.dispose()
