"""Property-based tests of DESIGN.md rule 6, on random answers to the rich fixture and on
random questionnaires: scores stay in [0, 100]; raising one answer never lowers its
dimension; question order does not matter; the same answers give the same JSON."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from zzcheck.questionnaire.loader import load_file
from zzcheck.questionnaire.model import Question, Questionnaire
from zzcheck.scoring import check_answers, score, visible_questions
from zzcheck.scoring.answers import offered_ids
from zzcheck.scoring.points import question_score

RICH = load_file(Path(__file__).parent / "fixtures" / "rich.yaml").questionnaire
PROFILES = st.fixed_dictionaries(
    {},
    optional={
        "works_council": st.sampled_from(["yes", "no"]),
        "size": st.sampled_from(["1-9", "250+"]),
    },
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def value_for(questionnaire: Questionnaire, question: Question) -> st.SearchStrategy[Any]:
    """Any valid answer to ``question``."""
    if question.type in ("single", "scale", "yesno"):
        return st.sampled_from(offered_ids(questionnaire, question))
    if question.type == "multi":
        exclusive = [[o.id] for o in question.options if o.exclusive]
        plain = [i for i in offered_ids(questionnaire, question) if [i] not in exclusive]
        subsets = (
            st.lists(st.sampled_from(plain), min_size=1, unique=True) if plain else st.nothing()
        )
        return subsets | (st.sampled_from(exclusive) if exclusive else st.nothing())
    if question.type == "number":
        low, high = question.min or 0.0, question.max if question.max is not None else 1e6
        return st.integers(int(low), int(high)) | st.floats(low, high, allow_nan=False)
    return st.text(max_size=30)


@st.composite
def answer_sets(draw: st.DrawFn, questionnaire: Questionnaire) -> dict[str, Any]:
    """Each question answered or not at random (hidden ones too: they must be ignored)."""
    return {
        q.id: draw(value_for(questionnaire, q))
        for q in questionnaire.questions
        if draw(st.booleans())
    }


WEIGHTS = st.sampled_from([0.5, 1, 1, 2, 3])
POINTS = st.integers(0, 5) | st.none()


@st.composite
def question_dicts(
    draw: st.DrawFn, index: int, dimensions: list[str], earlier: list[dict[str, Any]]
) -> dict[str, Any]:
    """One random scored (or unscored) question; ``show_if`` only on an earlier question."""
    kind = draw(st.sampled_from(["single", "multi", "scale", "yesno", "number", "text"]))
    q: dict[str, Any] = {"id": f"q{index}", "type": kind, "text": "Q", "weight": draw(WEIGHTS)}
    if kind != "text" and draw(st.integers(0, 4)):
        q["dimension"] = draw(st.sampled_from(dimensions))
    q["reverse"] = draw(st.booleans())
    q.update(draw(_type_fields(kind)))
    choices = [e for e in earlier if e["type"] in ("single", "scale", "yesno")]
    conditional: bool = draw(st.booleans())
    if choices and conditional:
        target = draw(st.sampled_from(choices))
        ids = [o["id"] for o in target.get("options", [])] or ["yes", "no"]
        q["show_if"] = {
            "question": target["id"],
            "in": draw(st.lists(st.sampled_from(ids), min_size=1, unique=True)),
        }
    return q


def _type_fields(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    if kind in ("single", "multi"):
        return st.lists(POINTS, min_size=2, max_size=5).map(lambda pts: _choice(kind, pts))
    if kind == "scale":
        return st.tuples(st.integers(2, 6), st.booleans()).map(_scale)
    if kind == "yesno":
        return st.booleans().map(lambda unknown: {"allow_unknown": unknown})
    if kind == "number":
        return st.lists(st.integers(1, 99), unique=True, max_size=4).flatmap(_bands)
    return st.just({})


def _choice(kind: str, points: list[int | None]) -> dict[str, Any]:
    points = points if any(p for p in points) else [*points[:-1], 3]  # some option scores > 0
    options = [{"id": f"o{i}", "label": "O", "score": p} for i, p in enumerate(points)]
    if kind == "multi":
        options.append({"id": "keine", "label": "K", "score": 0, "exclusive": True})
    return {"options": options}


def _scale(shape: tuple[int, bool]) -> dict[str, Any]:
    size, with_null = shape
    options: list[dict[str, Any]] = [{"id": f"p{i}", "label": "P"} for i in range(size)]
    return {"options": options + ([{"id": "wn", "label": "W", "score": None}] if with_null else [])}


def _bands(mins: list[int]) -> st.SearchStrategy[dict[str, Any]]:
    starts = [0, *sorted(mins)]
    scores = st.lists(st.integers(0, 5), min_size=len(starts), max_size=len(starts))
    return scores.map(lambda sc: {"min": 0, "max": 100, "score_bands": [
        {"min": m, "score": s if any(sc) else 1} for m, s in zip(starts, sc, strict=True)
    ]})  # fmt: skip


@st.composite
def questionnaires(draw: st.DrawFn) -> Questionnaire:
    """A random, structurally valid questionnaire (built through the model, not the loader)."""
    dims = [f"d{i}" for i in range(draw(st.integers(1, 3)))]
    questions: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, 9))):
        questions.append(draw(question_dicts(index, dims, questions)))
    recs = [
        {
            "id": f"r{d}",
            "dimension": d,
            "levels": ["einsteiger", "entdecker"],
            "title": "T",
            "text": "T",
        }
        for d in dims
    ]
    return Questionnaire.model_validate({
        **RICH.model_dump(include={"id", "version", "title", "description", "levels"}),
        "min_coverage": draw(st.sampled_from([0.3, 0.5, 1.0])),
        "dimensions": [{"id": d, "title": d, "weight": draw(WEIGHTS)} for d in dims],
        "sections": [{"id": "s", "title": "S", "questions": questions}],
        "recommendations": recs,
    })  # fmt: skip


@st.composite
def questionnaire_with_answers(draw: st.DrawFn) -> tuple[Questionnaire, dict[str, Any]]:
    questionnaire = draw(st.just(RICH) | questionnaires())
    return questionnaire, draw(answer_sets(questionnaire))


@SETTINGS
@given(questionnaire_with_answers(), PROFILES)
def test_scores_stay_between_0_and_100(
    case: tuple[Questionnaire, dict[str, Any]], profile: dict[str, str]
) -> None:
    questionnaire, answers = case
    assert check_answers(questionnaire, answers) == []  # the generator makes valid answers
    result = score(questionnaire, answers, profile)
    for value in [result.overall, *(d.score for d in result.dimensions)]:
        assert value is None or 0.0 <= value <= 100.0
    assert (result.overall is None) == all(not d.rated for d in result.dimensions)


@SETTINGS
@given(questionnaire_with_answers(), st.data())
def test_raising_one_answer_never_lowers_its_dimension(
    case: tuple[Questionnaire, dict[str, Any]], data: st.DataObject
) -> None:
    questionnaire, answers = case
    scored = [q for q in visible_questions(questionnaire, answers) if q.is_scored]
    assume(scored)
    question = data.draw(st.sampled_from(scored))
    other = data.draw(value_for(questionnaire, question))
    now, then = question_score(question, answers.get(question.id)), question_score(question, other)
    assume(now is not None and then is not None)  # a scored answer, changed to another
    assert now is not None and then is not None
    low, high = (answers[question.id], other) if now <= then else (other, answers[question.id])
    before, after = {**answers, question.id: low}, {**answers, question.id: high}
    assume(visible_questions(questionnaire, before) == visible_questions(questionnaire, after))
    dim = question.dimension or ""
    old, new = (
        score(questionnaire, before).dimension(dim),
        score(questionnaire, after).dimension(dim),
    )
    assert old.rated == new.rated  # the same questions are answered: the same coverage
    assert new.score is None or old.score is None or new.score >= old.score


def reordered(questionnaire: Questionnaire, rng: random.Random) -> Questionnaire:
    """The same questions in another order, cut into other sections; show_if stays earlier."""
    pending, placed, ids = list(questionnaire.questions), [], set()
    while pending:
        ready = [q for q in pending if q.show_if is None or q.show_if.question in ids] or pending
        chosen = rng.choice(ready)
        pending.remove(chosen)
        placed.append(chosen.model_dump(by_alias=True, exclude_unset=True))
        ids.add(chosen.id)
    cuts = sorted(rng.sample(range(1, len(placed)), k=min(2, len(placed) - 1)))
    chunks = [placed[a:b] for a, b in zip([0, *cuts], [*cuts, len(placed)], strict=True)]
    data = questionnaire.model_dump(by_alias=True, exclude_unset=True)
    data["sections"] = [{"id": f"s{i}", "title": "S", "questions": c} for i, c in enumerate(chunks)]
    return Questionnaire.model_validate(data)


def comparable(
    questionnaire: Questionnaire, answers: dict[str, Any], profile: dict[str, str]
) -> str:
    """The result JSON; needs topics as sets (they are listed in question order by design)."""
    data = score(questionnaire, answers, profile).to_dict("de")
    for group in data["needs_by_group"]:
        group["topics"].sort(key=lambda topic: topic["question"])
    return json.dumps(data, sort_keys=True)


@SETTINGS
@given(questionnaire_with_answers(), PROFILES, st.randoms(use_true_random=False))
def test_question_order_does_not_matter(
    case: tuple[Questionnaire, dict[str, Any]], profile: dict[str, str], rng: random.Random
) -> None:
    questionnaire, answers = case
    other = reordered(questionnaire, rng)
    assert sorted(q.id for q in other.questions) == sorted(q.id for q in questionnaire.questions)
    assert comparable(other, answers, profile) == comparable(questionnaire, answers, profile)


@SETTINGS
@given(questionnaire_with_answers(), PROFILES, st.sampled_from(["de", "en"]))
def test_same_answers_give_the_same_json(
    case: tuple[Questionnaire, dict[str, Any]], profile: dict[str, str], lang: str
) -> None:
    questionnaire, answers = case
    copy = json.loads(json.dumps(dict(reversed(list(answers.items())))))
    first = json.dumps(score(questionnaire, answers, profile).to_dict(lang), sort_keys=True)
    assert (
        json.dumps(score(questionnaire, copy, dict(profile)).to_dict(lang), sort_keys=True) == first
    )
