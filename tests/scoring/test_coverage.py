"""Coverage (min_coverage) and conditional questions: worked examples computed by hand."""

from __future__ import annotations

from collections.abc import Callable

from zzcheck.questionnaire.model import Questionnaire
from zzcheck.scoring import score

Make = Callable[[str], Questionnaire]

COVERAGE = """\
min_coverage: {coverage}
dimensions: [{{id: d, title: D}}]
sections:
  - id: s
    title: S
    questions:
{questions}
"""


def coverage_questionnaire(make: Make, coverage: float, weights: list[float]) -> Questionnaire:
    """Questions q0, q1 … in dimension d with the given weights, each a yes/no."""
    questions = "\n".join(
        f"      - {{id: q{i}, type: yesno, dimension: d, text: Q, weight: {w}}}"
        for i, w in enumerate(weights)
    )
    return make(COVERAGE.format(coverage=coverage, questions=questions))


def test_coverage_just_below_threshold_is_not_rated(make: Make) -> None:
    q = coverage_questionnaire(make, 0.5, [1, 1, 1])
    result = score(q, {"q0": "yes"}).dimension("d")  # answered weight 1 / 3 < 0.5
    assert (result.score, result.rated, result.level) == (None, False, None)
    assert (result.answered, result.total) == (1, 3)


def test_coverage_at_threshold_is_rated(make: Make) -> None:
    q = coverage_questionnaire(make, 0.5, [1, 1, 2])
    result = score(q, {"q2": "yes"}).dimension("d")  # answered weight 2 / 4 = 0.5
    assert (result.score, result.rated, result.level) == (100.0, True, "vorreiter")


def test_coverage_threshold_survives_float_rounding(make: Make) -> None:
    # 0.2 × (0.3 + 0.2 + 1) = 0.30000000000000004 in floats, but exactly 0.3 = the answered
    # weight: "at the threshold" must count as reached.
    q = coverage_questionnaire(make, 0.2, [0.3, 0.2, 1])
    assert score(q, {"q0": "no"}).dimension("d").rated


CONDITIONAL = """\
dimensions: [{id: d, title: D}]
sections:
  - id: s
    title: S
    questions:
      - id: nutzung
        type: single
        dimension: d
        text: Q
        options: [{id: nein, label: nein, score: 0}, {id: ja, label: ja, score: 1}]
      - id: umfang
        type: single
        dimension: d
        weight: 3
        text: Q
        show_if: {question: nutzung, equals: ja}
        options: [{id: wenig, label: wenig, score: 0}, {id: viel, label: viel, score: 1}]
      - id: detail
        type: yesno
        dimension: d
        text: Q
        show_if: {question: umfang, equals: viel}
"""


def test_hidden_question_is_neither_asked_nor_counted(make: Make) -> None:
    q = make(CONDITIONAL)
    # nutzung = nein hides umfang, and so detail; their answers are ignored: 0 / 1
    result = score(q, {"nutzung": "nein", "umfang": "viel", "detail": "yes"}).dimension("d")
    assert (result.score, result.answered, result.total) == (0.0, 1, 1)


def test_shown_conditional_question_counts_with_its_weight(make: Make) -> None:
    q = make(CONDITIONAL)
    # nutzung ja (1, w 1), umfang wenig (0, w 3); detail hidden: (1·1 + 3·0) / 4 = 25
    result = score(q, {"nutzung": "ja", "umfang": "wenig", "detail": "yes"}).dimension("d")
    assert (result.score, result.answered, result.total) == (25.0, 2, 2)


def test_unanswered_conditional_question_lowers_coverage_only_when_shown(make: Make) -> None:
    q = make(CONDITIONAL)
    # shown: nutzung (w 1) and umfang (w 3), only 1 of 4 answered < 0.5 → not rated
    assert score(q, {"nutzung": "ja"}).dimension("d").rated is False
    # hidden umfang does not count: 1 of 1 answered
    assert score(q, {"nutzung": "nein"}).dimension("d").rated is True
