"""Item statistics: Cronbach's alpha and corrected item-total correlations against a
hand-computed example; answer distributions and "weiß nicht" shares from stored answers."""

from __future__ import annotations

import math
from typing import cast

import pandas as pd
import pytest
from sqlalchemy import Table, insert

from zzcheck.analytics.items import item_report
from zzcheck.analytics.reliability import covariance, cronbach_alpha, fits, rest_correlations
from zzcheck.extensions import db
from zzcheck.questionnaire.loader import LoadedQuestionnaire, load_text
from zzcheck.storage.models import Answer
from zzcheck.storage.versions import pin_version

# Four respondents, three items (the textbook layout):
#   item1: 1 2 3 4   mean 2.5, squares of deviations 2.25+0.25+0.25+2.25 = 5  → var 5/3
#   item2: 2 2 4 4   mean 3,   1+1+1+1 = 4                                   → var 4/3
#   item3: 2 3 3 4   mean 3,   1+0+0+1 = 2                                   → var 2/3
#   sums:  5 7 10 12 mean 8.5, 12.25+2.25+2.25+12.25 = 29                    → var 29/3
# alpha = 3/2 · (1 − (11/3)/(29/3)) = 3/2 · 18/29 = 27/29
# item1 against the rest (item2 + item3 = 4 5 7 8, mean 6, deviations −2 −1 1 2):
#   cross products 3 + 0.5 + 0.5 + 3 = 7; r = 7 / √(5 · 10) = 7/√50
EXAMPLE = pd.DataFrame(
    {"item1": [1, 2, 3, 4], "item2": [2, 2, 4, 4], "item3": [2, 3, 3, 4]}, dtype=float
)


def test_alpha_of_the_hand_computed_example() -> None:
    assert cronbach_alpha(covariance(EXAMPLE)) == pytest.approx(27 / 29)


def test_corrected_item_total_correlation_of_the_hand_computed_example() -> None:
    correlations = rest_correlations(covariance(EXAMPLE))
    assert correlations["item1"] == pytest.approx(7 / math.sqrt(50))
    # item3 against item1 + item2 (3 4 7 8, mean 5.5): deviations of item3 −1 0 0 1,
    # cross products 2.5 + 0 + 0 + 2.5 = 5; squares 2 and 6.25+2.25+2.25+6.25 = 17
    assert correlations["item3"] == pytest.approx(5 / math.sqrt(2 * 17))


def test_a_question_against_the_grain_does_not_fit() -> None:
    frame = EXAMPLE.assign(item4=[4.0, 1.0, 3.0, 1.0])
    correlations = rest_correlations(covariance(frame))
    assert correlations["item4"] is not None and correlations["item4"] < 0.2
    assert fits(correlations["item4"]) is False and fits(correlations["item1"]) is True
    assert fits(None) is None


def test_alpha_needs_two_items_and_variance() -> None:
    assert cronbach_alpha(covariance(EXAMPLE[["item1"]])) is None
    assert cronbach_alpha(covariance(pd.DataFrame({"a": [1.0, 1.0], "b": [2.0, 2.0]}))) is None


ITEMS_YAML = """\
id: items
version: "3"
title: Fragen
description: Ein Fragebogen für die Statistik.
dimensions: [{id: d, title: Bereich}]
levels: [{id: l, min: 0, name: Stufe, description: Alles.}]
sections:
  - id: s
    title: Seite
    questions:
SCALES
      - id: q4
        type: single
        dimension: d
        text: Mit weiß nicht
        options:
          - {id: a, label: Gut, score: 1}
          - {id: b, label: Schlecht, score: 0}
          - {id: wn, label: Weiß nicht, score: null}
      - id: q5
        type: yesno
        text: Nicht von allen beantwortet
      - id: q6
        type: text
        text: Freitext
"""
SCALE = """\
      - id: ID
        type: scale
        dimension: d
        text: Frage ID
        options:
          - {id: o1, label: eins}
          - {id: o2, label: zwei}
          - {id: o3, label: drei}
          - {id: o4, label: vier}
"""
ANSWER = cast(Table, Answer.__table__)


@pytest.fixture
def items(ctx: object) -> LoadedQuestionnaire:
    scales = "".join(SCALE.replace("ID", f"item{i}") for i in (1, 2, 3))
    return load_text(ITEMS_YAML.replace("SCALES\n", scales), "items.yaml")


def store(loaded: LoadedQuestionnaire, answer_sets: list[dict[str, object]]) -> int:
    from assessmentrows import Row, insert_rows

    rows = insert_rows(db.session, loaded, [Row() for _ in answer_sets])
    records = [
        {"assessment_id": row.id, "question_id": qid, "value": value}
        for row, answers in zip(rows, answer_sets, strict=True)
        for qid, value in answers.items()
    ]
    db.session.execute(insert(ANSWER), records)
    db.session.commit()
    return pin_version(db.session, loaded).id


def example_answers(repeat: int) -> list[dict[str, object]]:
    """The hand example, each respondent ``repeat`` times, plus q4, q5 and free text."""
    sets = []
    for i in range(4 * repeat):
        person = i % 4
        answers: dict[str, object] = {
            f"item{n + 1}": f"o{int(EXAMPLE.iloc[person, n])}" for n in range(3)
        }
        answers["q4"] = "wn" if i < 6 else ("a" if i % 2 else "b")
        if i >= 3:
            answers["q5"] = "yes" if i % 2 else "no"
        answers["q6"] = "Firma Müller, Tel. 0123"
        sets.append(answers)
    return sets


def test_item_report_from_stored_answers(items: LoadedQuestionnaire) -> None:
    version_id = store(items, example_answers(repeat=5))
    report = item_report(db.session, version_id, items.questionnaire, k=5)
    assert report is not None
    assert (report.questionnaire_id, report.version, report.assessments, report.sample) == (
        "items",
        "3",
        20,
        20,
    )
    (dimension,) = report.dimensions
    # Scale scores are (position)/3, a linear change of the example, and repeating the
    # respondents changes no ratio: alpha of the three items plus q4 is computed here.
    assert [q.question_id for q in dimension.questions] == ["item1", "item2", "item3", "q4"]
    item1 = dimension.questions[0]
    assert item1.answered == 20
    assert [(o.label, o.count) for o in item1.options] == [
        ("eins", 5),
        ("zwei", 5),
        ("drei", 5),
        ("vier", 5),
    ]
    assert item1.options[0].share == pytest.approx(0.25)
    item2 = dimension.questions[1]
    assert [o.count for o in item2.options] == [0, 10, 0, 10]
    q4 = dimension.questions[3]
    assert q4.unknown_share == pytest.approx(6 / 20)
    assert [(o.label, o.count, o.unscored) for o in q4.options] == [
        ("Gut", 7, False),
        ("Schlecht", 7, False),
        ("Weiß nicht", 6, True),
    ]
    assert item1.unknown_share == 0.0
    assert dimension.alpha is not None and -1 < dimension.alpha < 1


def test_alpha_of_stored_answers_equals_the_hand_example(items: LoadedQuestionnaire) -> None:
    sets = [
        {k: v for k, v in answers.items() if k.startswith("item")} for answers in example_answers(2)
    ]
    version_id = store(items, sets)
    report = item_report(db.session, version_id, items.questionnaire, k=5)
    assert report is not None
    dimension = report.dimensions[0]
    assert dimension.alpha == pytest.approx(27 / 29)
    assert dimension.questions[0].rest_correlation == pytest.approx(7 / math.sqrt(50))


def test_small_counts_are_hidden_and_free_text_never_shown(items: LoadedQuestionnaire) -> None:
    version_id = store(items, example_answers(repeat=5))
    report = item_report(db.session, version_id, items.questionnaire, k=5)
    assert report is not None
    (q5,) = [q for q in report.other if q.question_id == "q5"]
    # 17 answered, 3 did not: "17" would give the 3 away, so it is hidden. Of yes (9), no
    # (8) and no answer (3), "no" is hidden too: 20 − 9 leaves 11 for the two together.
    assert q5.answered is None
    assert [(o.label, o.count) for o in q5.options] == [("Ja", 9), ("Nein", None)]
    assert q5.unknown_share is None
    assert all(q.question_id != "q6" for q in report.other)


def test_no_report_under_k_assessments(items: LoadedQuestionnaire) -> None:
    version_id = store(items, example_answers(repeat=1))
    assert item_report(db.session, version_id, items.questionnaire, k=5) is None
