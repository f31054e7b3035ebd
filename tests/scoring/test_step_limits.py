"""The shipped questionnaires, simulated over every size × works-council profile with many
generated answers: never more than 12 steps and at most 3 of priority 1, the first steps follow
their rule, no step is shown together with a fired step that replaces it, and a step that
names the person others address stands before them."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from zzcheck.questionnaire.loader import load_folder
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.scoring import score, visible_questions
from zzcheck.scoring.answers import offered_ids
from zzcheck.scoring.nextsteps import MAX_STEPS, MAX_URGENT

FOLDER = Path(__file__).resolve().parents[2] / "questionnaires"
SIZES = ("1-9", "10-49", "50-249", "250+")
COUNCILS = ("yes", "no", "unknown")
SEEDS = range(25)


def answers_for(q: Questionnaire, rng: random.Random, low: bool) -> dict[str, object]:
    """Every question answered: the lowest options (a firm at the start) or at random."""
    answers: dict[str, object] = {}
    for question in q.questions:
        if question.type in ("single", "scale", "yesno"):
            options = offered_ids(q, question)
            answers[question.id] = options[0] if low else rng.choice(options)
        elif question.type == "multi":
            options = offered_ids(q, question)
            answers[question.id] = sorted(rng.sample(options, rng.randint(1, len(options))))
    return answers


@pytest.mark.parametrize("questionnaire_id", ["ki-readiness", "beteiligung", "qualifizierung"])
def test_every_profile_gets_at_most_twelve_steps_and_first_steps_by_the_rule(
    questionnaire_id: str,
) -> None:
    q = load_folder(FOLDER)[questionnaire_id].questionnaire
    replaces = {rec.id: set(rec.replaces) for rec in q.recommendations}
    kinds = {rec.id: rec.kind for rec in q.recommendations}
    priorities = {rec.id: rec.priority for rec in q.recommendations}
    before = {rec.id: set(rec.before) for rec in q.recommendations}
    moved = 0
    most = 0
    for size, council, seed in itertools.product(SIZES, COUNCILS, SEEDS):
        profile = {"industry": "C", "size": size, "state": "DE-TH", "works_council": council}
        answers = answers_for(q, random.Random(seed), low=seed == 0)
        shown_ids = {question.id for question in visible_questions(q, answers, profile)}
        answers = {key: value for key, value in answers.items() if key in shown_ids}
        steps = score(q, answers, profile).recommendations
        ids = [step.id for step in steps]
        most = max(most, len(steps))
        assert len(steps) <= MAX_STEPS, (size, council, seed)
        assert sum(step.priority == 1 for step in steps) <= MAX_URGENT == 3, (size, council, seed)
        # The data marks priority 1 sparingly: the cap only trims firms missing 4 duties.
        assert sum(priorities[step.id] == 1 for step in steps) <= 4, (size, council, seed)
        assert len(ids) == len(set(ids))
        assert not {other for rid in ids for other in replaces[rid]} & set(ids)
        for n, rid in enumerate(ids):
            assert not before[rid] & set(ids[:n]), (rid, size, council, seed)
            moved += bool(before[rid] & set(ids[n:]))
        first = [step for step in steps if step.first]
        if any(kinds[rid] == "duty" and priorities[rid] == 1 for rid in ids):  # a legal gap
            assert any(step.kind == "duty" and step.priority == 1 for step in first)
        assert len({kinds[step.id] for step in first}) == len(first) <= 3
        assert all(step.priority == 1 for step in first if step.kind == "duty")
        for step in first:  # the highest-ranked of its kind
            same_kind = [
                s for s in steps if s.kind == step.kind and (s.kind != "duty" or s.priority == 1)
            ]
            assert same_kind[0] == step
    assert most >= 6  # the simulation reaches firms with many steps
    assert moved  # and firms where naming the person comes before steps addressed to them
