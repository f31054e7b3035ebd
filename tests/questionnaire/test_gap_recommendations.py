"""``gap_recommendations`` (team mode's next steps): validated like the rest of the file, all
problems at once with their line, and present in each of the three questionnaires: one or
two per dimension, in both directions where the files say so."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from zzcheck.questionnaire import load_file

Problems = Callable[[str], list[str]]
ROOT = Path(__file__).resolve().parents[2]
HEAD = """\
id: t
version: "1"
title: T
description: D
dimensions: [{id: d, title: D}]
levels: [{id: l0, min: 0, name: L, description: L}]
sections:
  - id: s
    title: S
    questions:
      - {id: ok, type: yesno, text: Q, dimension: d}
gap_recommendations:
"""  # the first gap recommendation is on line 13: gap_recommendations[0]
GOOD = "  - {id: g, dimension: d, direction: management_higher, min_gap: 15, title: T, text: X}\n"


def at(line: int, path: str, message: str) -> str:
    return f"t.yaml:{line}: {path}: {message}"


def test_a_valid_gap_recommendation(problems: Problems, tmp_path: Path) -> None:
    assert problems(HEAD + GOOD) == []
    rec = load_file(tmp_path / "t.yaml").questionnaire.gap_recommendations[0]
    assert (rec.dimension, rec.direction, rec.min_gap, rec.priority) == (
        "d",
        "management_higher",
        15.0,
        2,
    )


def test_every_problem_at_once_with_its_line(problems: Problems) -> None:
    text = HEAD + (
        "  - {id: g, dimension: x, direction: staff_higher, min_gap: 10, title: T, text: X}\n"
        "  - {id: g, dimension: d, direction: staff_higher, min_gap: 10, title: T, text: X}\n"
        "  - {id: h, dimension: d, direction: staf_higher, min_gap: 0, title: T}\n"
    )
    assert problems(text) == [
        at(13, "gap_recommendations[0].dimension", "unknown dimension 'x' (known: d)"),
        at(
            14,
            "gap_recommendations[1].id",
            "duplicate gap recommendation id 'g' (first used at line 13)",
        ),
        at(
            15,
            "gap_recommendations[2].direction",
            "must be one of 'management_higher' or 'staff_higher', not 'staf_higher' "
            "(did you mean 'staff_higher'?)",
        ),
        at(15, "gap_recommendations[2].min_gap", "must be greater than 0.0, got 0"),
        at(15, "gap_recommendations[2].text", "required key is missing"),
    ]


def test_a_gap_above_100_points_is_impossible(problems: Problems) -> None:
    text = HEAD + GOOD.replace("min_gap: 15", "min_gap: 120")
    assert problems(text) == [
        at(13, "gap_recommendations[0].min_gap", "must be at most 100.0, got 120")
    ]


@pytest.mark.parametrize("name", ["ki-readiness", "beteiligung", "qualifizierung"])
def test_each_questionnaire_has_one_or_two_per_dimension(name: str) -> None:
    questionnaire = load_file(ROOT / "questionnaires" / f"{name}.yaml").questionnaire
    per_dimension = Counter(rec.dimension for rec in questionnaire.gap_recommendations)
    assert set(per_dimension) == {d.id for d in questionnaire.dimensions}
    assert set(per_dimension.values()) <= {1, 2}
    directions = {rec.direction for rec in questionnaire.gap_recommendations}
    assert directions == {"management_higher", "staff_higher"}
    for rec in questionnaire.gap_recommendations:
        assert 10 <= rec.min_gap <= 30, rec.id
        assert rec.text.en and rec.title.en, rec.id
