"""The respondent's storage services: tokens, pinning, saving pages, completing, deleting."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkstatt import PROFILE, WERKSTATT, StartFactory, write_questionnaires

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage import versions
from zzcheck.storage.assessments import (
    answers_of,
    complete_assessment,
    delete_assessment,
    find_assessment,
    questionnaire_of,
    result_of,
    save_page,
    start_assessment,
)
from zzcheck.storage.errors import AssessmentClosed, InvalidAnswers, InvalidProfile, MissingAnswers
from zzcheck.storage.models import Answer, Assessment, DimensionScore, QuestionnaireVersion

PAGE_1 = ["ki_genutzt", "ziele", "verantwortung", "budget"]
PAGE_2 = ["datenquellen", "ordnung", "anteil_digital", "sicherung"]
PAGE_3 = ["ideen", "fehler", "sorge", "schulungsbedarf", "anmerkung"]
ANSWERS_1 = {
    "ki_genutzt": "yes",
    "ziele": "muendlich",
    "verantwortung": "benannt",
    "budget": "etwas",
}
ANSWERS_2 = {
    "datenquellen": ["auftraege", "lager"],
    "ordnung": "meist",
    "anteil_digital": 40,
    "sicherung": "no",
}
ANSWERS_3 = {"ideen": "oft", "fehler": "offen", "sorge": "yes", "schulungsbedarf": ["werkstatt"],
             "anmerkung": "Umlaute äöü – und \"Zitate\" <b>"}  # fmt: skip


def count(model: Any, **where: Any) -> int:
    query = select(func.count()).select_from(model).filter_by(**where)
    return int(db.session.scalar(query) or 0)


def answer_all(assessment: Assessment) -> None:
    save_page(db.session, assessment, ANSWERS_1, PAGE_1, next_section=1)
    save_page(db.session, assessment, ANSWERS_2, PAGE_2, next_section=2)
    save_page(db.session, assessment, ANSWERS_3, PAGE_3, next_section=3)
    db.session.commit()


def test_only_the_hash_of_the_token_is_stored(start: StartFactory) -> None:
    assessment, token = start()
    assert len(token) >= 32  # 24 random bytes, URL-safe base64
    assert assessment.token_hash == hashlib.sha256(token.encode()).hexdigest()
    row = db.session.execute(select(Assessment.__table__)).one()
    assert token not in [str(value) for value in row]
    assert assessment.status == "in_progress" and assessment.current_section == 0
    assert assessment.profile == PROFILE


def test_each_start_gets_its_own_token(start: StartFactory) -> None:
    tokens = {start()[1] for _ in range(5)}
    assert len(tokens) == 5


def test_find_by_token(start: StartFactory) -> None:
    assessment, token = start()
    assessment_id, token_hash = assessment.id, assessment.token_hash
    db.session.expunge_all()
    found = find_assessment(db.session, token)
    assert found is not None and found.id == assessment_id
    assert find_assessment(db.session, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert find_assessment(db.session, token_hash) is None  # the hash is no key
    for bad in ("", None, "x" * 10_000, "\x00", "\ud800", "' OR 1=1 --"):
        assert find_assessment(db.session, bad) is None


def test_versions_are_pinned_once_with_their_yaml(
    start: StartFactory, questionnaire_folder: Path
) -> None:
    first, _ = start()
    second, _ = start()
    other, _ = start("kurz")
    assert first.questionnaire_version_id == second.questionnaire_version_id
    assert other.questionnaire_version_id != first.questionnaire_version_id
    assert count(QuestionnaireVersion) == 2
    version = db.session.get(QuestionnaireVersion, first.questionnaire_version_id)
    assert version is not None
    assert (version.questionnaire_id, version.version) == ("werkstatt", "2.1")
    assert version.source == (questionnaire_folder / "werkstatt.yaml").read_text(encoding="utf-8")
    assert version.content_hash == hashlib.sha256(version.source.encode()).hexdigest()


def test_a_profile_with_unknown_codes_is_refused(ctx: Flask) -> None:
    loaded = current_registry().get("werkstatt")
    assert loaded is not None
    with pytest.raises(InvalidProfile, match="state"):
        start_assessment(db.session, loaded, {**PROFILE, "state": "DE-XX"})
    with pytest.raises(InvalidProfile, match="email"):
        start_assessment(db.session, loaded, {**PROFILE, "email": "a@b.de"})
    db.session.rollback()
    assert count(Assessment) == 0


def test_save_page_upserts_and_clears(start: StartFactory) -> None:
    assessment, _ = start()
    save_page(db.session, assessment, ANSWERS_1, PAGE_1, next_section=1)
    db.session.commit()
    assert answers_of(assessment) == ANSWERS_1
    assert assessment.current_section == 1
    changed = {"ki_genutzt": "no", "ziele": None, "verantwortung": "", "budget": "viel"}
    save_page(db.session, assessment, changed, PAGE_1, next_section=0)
    db.session.commit()
    assert answers_of(assessment) == {"ki_genutzt": "no", "budget": "viel"}
    assert count(Answer, assessment_id=assessment.id) == 2
    assert assessment.current_section == 0


def test_save_page_keeps_answers_of_other_pages(start: StartFactory) -> None:
    assessment, _ = start()
    save_page(db.session, assessment, ANSWERS_1, PAGE_1, next_section=1)
    save_page(db.session, assessment, {"ordnung": "nie"}, PAGE_2, next_section=2)
    db.session.commit()
    assert answers_of(assessment) == {**ANSWERS_1, "ordnung": "nie"}


def test_answers_survive_a_new_session(start: StartFactory) -> None:
    assessment, token = start()
    answer_all(assessment)
    db.session.remove()
    again = find_assessment(db.session, token)
    assert again is not None
    assert answers_of(again) == {**ANSWERS_1, **ANSWERS_2, **ANSWERS_3}
    assert again.current_section == 3
    assert again.updated_at.tzinfo is not None and again.updated_at >= again.started_at


def test_bad_answers_are_refused_and_nothing_is_written(start: StartFactory) -> None:
    assessment, _ = start()
    save_page(db.session, assessment, ANSWERS_1, PAGE_1, next_section=1)
    db.session.commit()
    for bad in ({"budget": "riesig"}, {"anteil_digital": 250}, {"erfunden": "x"},
                {"datenquellen": ["keine", "lager"]}, {"ideen": ["oft"]}):  # fmt: skip
        with pytest.raises(InvalidAnswers):
            save_page(db.session, assessment, {"verantwortung": "niemand", **bad}, PAGE_1, 2)
        db.session.rollback()
    assert answers_of(assessment) == ANSWERS_1
    assert assessment.current_section == 1


def test_complete_stores_the_engine_result(start: StartFactory) -> None:
    assessment, _ = start()
    answer_all(assessment)
    result = complete_assessment(db.session, assessment)
    db.session.commit()
    assert assessment.status == "completed" and assessment.completed_at is not None
    assert assessment.overall_score == pytest.approx(result.overall)
    assert assessment.overall_level == result.overall_level
    stored = {
        d.dimension_id: (d.score, d.level, d.answered, d.total) for d in assessment.dimension_scores
    }
    assert stored == {
        d.id: (pytest.approx(d.score), d.level, d.answered, d.total) for d in result.dimensions
    }
    # strategie: yes=1, muendlich=1/2, benannt=1, etwas=2/3 → 100·(1+0.5+1+0.667)/4
    assert stored["strategie"][0] == pytest.approx(100 * (1 + 0.5 + 1 + 2 / 3) / 4)
    assert result.to_dict()["overall"]["score"] == round(result.overall or 0, 1)


def test_complete_twice_gives_one_completion_and_the_same_result(start: StartFactory) -> None:
    assessment, _ = start()
    answer_all(assessment)
    first = complete_assessment(db.session, assessment)
    db.session.commit()
    completed_at = assessment.completed_at
    second = complete_assessment(db.session, assessment)
    db.session.commit()
    assert second.to_dict() == first.to_dict()
    assert assessment.completed_at == completed_at
    assert count(DimensionScore, assessment_id=assessment.id) == 3


def test_two_parallel_completes_give_one_completion(start: StartFactory) -> None:
    """Two tabs both hold the assessment as "in progress" and both submit the last page."""
    assessment, token = start()
    answer_all(assessment)
    with Session(db.engine) as tab_a, Session(db.engine) as tab_b:
        seen_a, seen_b = find_assessment(tab_a, token), find_assessment(tab_b, token)
        assert seen_a is not None and seen_b is not None and not seen_b.is_completed
        result_a = complete_assessment(tab_a, seen_a)
        tab_a.commit()
        result_b = complete_assessment(tab_b, seen_b)
        tab_b.commit()
        assert seen_b.is_completed and seen_b.completed_at == seen_a.completed_at
    assert result_b.to_dict() == result_a.to_dict()
    assert count(DimensionScore, assessment_id=assessment.id) == 3


def test_completes_racing_in_threads_give_one_completion(start: StartFactory) -> None:
    assessment, token = start()
    answer_all(assessment)
    barrier, engine = threading.Barrier(4), db.engine
    results: list[dict[str, Any]] = []

    def submit_last_page() -> None:
        with Session(engine) as tab:
            seen = find_assessment(tab, token)
            assert seen is not None
            barrier.wait()
            results.append(complete_assessment(tab, seen).to_dict())
            tab.commit()

    threads = [threading.Thread(target=submit_last_page) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and all(result == results[0] for result in results)
    assert count(DimensionScore, assessment_id=assessment.id) == 3


def test_a_completed_assessment_cannot_change(start: StartFactory) -> None:
    assessment, token = start()
    answer_all(assessment)
    with Session(db.engine) as other_tab:
        stale = find_assessment(other_tab, token)  # still "in progress" in this tab
        complete_assessment(db.session, assessment)
        db.session.commit()
        with pytest.raises(AssessmentClosed):
            save_page(db.session, assessment, {"budget": "keine"}, PAGE_1, next_section=1)
        db.session.rollback()
        assert stale is not None and not stale.is_completed
        with pytest.raises(AssessmentClosed):
            save_page(other_tab, stale, {"budget": "keine"}, PAGE_1, next_section=1)
        other_tab.rollback()
    db.session.expire_all()
    assert answers_of(assessment)["budget"] == "etwas"


def test_complete_needs_the_required_answers(start: StartFactory) -> None:
    assessment, _ = start()
    save_page(db.session, assessment, {"budget": "viel"}, PAGE_1, next_section=1)
    with pytest.raises(MissingAnswers) as raised:
        complete_assessment(db.session, assessment)
    assert raised.value.question_ids == ["ki_genutzt"]
    db.session.rollback()
    assert assessment.status == "in_progress" and count(DimensionScore) == 0


def test_result_is_recomputed_from_the_stored_snapshot(start: StartFactory) -> None:
    assessment, _ = start()
    answer_all(assessment)
    result = complete_assessment(db.session, assessment)
    db.session.commit()
    assessment_id = assessment.id
    versions.clear_cache()
    db.session.expunge_all()
    again = db.session.get(Assessment, assessment_id)
    assert again is not None
    assert questionnaire_of(again) == current_registry().get("werkstatt").questionnaire  # type: ignore[union-attr]
    assert result_of(again).to_dict("en") == result.to_dict("en")


def test_result_unchanged_after_the_file_is_edited(
    start: StartFactory, app_config: dict[str, Any], tmp_path: Path
) -> None:
    assessment, token = start()
    answer_all(assessment)
    before = complete_assessment(db.session, assessment).to_dict()
    db.session.commit()
    edited = (
        WERKSTATT.replace('version: "2.1"', 'version: "2.2"')
        .replace(
            "{id: muendlich, label: {de: Nur mündlich, en: Only spoken}, score: 1}",
            "{id: muendlich, label: {de: Nur mündlich, en: Only spoken}, score: 2}",
        )
        .replace("Werkstatt-Check", "Werkstatt-Check (neu)")
    )
    folder = write_questionnaires(tmp_path / "edited", edited)
    later = create_app({**app_config, "ZZCHECK_QUESTIONNAIRES": str(folder)})
    with later.app_context():
        versions.clear_cache()
        old = find_assessment(db.session, token)
        assert old is not None
        assert result_of(old).to_dict() == before
        assert questionnaire_of(old).title.de == "Werkstatt-Check"
        fresh, _ = start_assessment(db.session, current_registry().get("werkstatt"), PROFILE)  # type: ignore[arg-type]
        answer_all(fresh)
        after = complete_assessment(db.session, fresh).to_dict()
        db.session.commit()
        assert after["questionnaire"]["version"] == "2.2"
        assert after["dimensions"][0]["score"] != before["dimensions"][0]["score"]
        assert count(QuestionnaireVersion, questionnaire_id="werkstatt") == 2
        db.session.remove()
        db.engine.dispose()


def test_delete_removes_everything(start: StartFactory) -> None:
    kept, kept_token = start()
    answer_all(kept)
    complete_assessment(db.session, kept)
    gone, token = start()
    answer_all(gone)
    complete_assessment(db.session, gone)
    db.session.commit()
    before = (count(Answer), count(DimensionScore))
    delete_assessment(db.session, gone)
    db.session.commit()
    assert find_assessment(db.session, token) is None
    assert count(Assessment, id=gone.id) == 0
    assert count(Answer, assessment_id=gone.id) == 0
    assert count(DimensionScore, assessment_id=gone.id) == 0
    assert (count(Answer), count(DimensionScore)) == (before[0] // 2, before[1] // 2)
    assert find_assessment(db.session, kept_token) is not None
    assert count(QuestionnaireVersion) == 1  # shared, holds no company data


def test_the_database_cascades_a_plain_delete(start: StartFactory) -> None:
    assessment, _ = start()
    answer_all(assessment)
    complete_assessment(db.session, assessment)
    db.session.commit()
    db.session.execute(delete(Assessment).where(Assessment.id == assessment.id))
    db.session.commit()
    assert count(Answer) == 0 and count(DimensionScore) == 0
