"""Worked examples for the scoring rules; each expected number is computed by hand."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from zzcheck.questionnaire.model import Questionnaire
from zzcheck.scoring import score
from zzcheck.scoring.engine import level_for

Make = Callable[[str], Questionnaire]

ONE_QUESTION = """\
dimensions: [{{id: d, title: D}}]
sections:
  - id: s
    title: S
    questions:
      - id: q
        dimension: d
        text: Q
{question}
"""


def one_question(make: Make, question: str) -> Questionnaire:
    """A questionnaire with a single question ``q`` in dimension ``d``."""
    indented = "\n".join("        " + line for line in question.strip().splitlines())
    return make(ONE_QUESTION.format(question=indented))


def d_score(questionnaire: Questionnaire, answers: dict[str, object]) -> float | None:
    return score(questionnaire, answers).dimension("d").score


REVERSED_SINGLE = """
type: single
reverse: true
options:
  - {id: nie, label: nie, score: 0}
  - {id: manchmal, label: manchmal, score: 1}
  - {id: oft, label: oft, score: 2}
"""


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("nie", 100.0), ("manchmal", 50.0), ("oft", 0.0)],  # 1 − 0/2, 1 − 1/2, 1 − 2/2
)
def test_reverse_coding_turns_s_around(make: Make, answer: str, expected: float) -> None:
    assert d_score(one_question(make, REVERSED_SINGLE), {"q": answer}) == pytest.approx(expected)


CAPPED_MULTI = """
type: multi
max_score: 3
options:
  - {id: a, label: a, score: 1}
  - {id: b, label: b, score: 1}
  - {id: c, label: c, score: 2}
  - {id: d, label: d, score: 2}
  - {id: wn, label: weiß nicht, score: null}
  - {id: keine, label: keine, score: 0, exclusive: true}
"""


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (["a"], 100 / 3),  # 1 / 3
        (["a", "b"], 200 / 3),  # 2 / 3
        (["a", "c"], 100.0),  # 3 / 3
        (["c", "d"], 100.0),  # 4, capped at 3 → 3 / 3
        (["a", "wn"], 100 / 3),  # "weiß nicht" adds nothing: 1 / 3
        (["keine"], 0.0),  # the exclusive "none" scores 0 and *is* an answer
        (["wn"], None),  # only "weiß nicht": not scored → 0 of 1 answered → unrated
    ],
)
def test_multi_sums_and_caps(make: Make, chosen: list[str], expected: float | None) -> None:
    result = d_score(one_question(make, CAPPED_MULTI), {"q": chosen})
    assert result == (pytest.approx(expected) if expected is not None else None)


def test_multi_cap_defaults_to_sum_of_positive_scores(make: Make) -> None:
    uncapped = CAPPED_MULTI.replace("max_score: 3\n", "")
    # cap = 1 + 1 + 2 + 2 = 6 (null and 0 add nothing): {c} → 2 / 6, {a,b,c,d} → 6 / 6
    assert d_score(one_question(make, uncapped), {"q": ["c"]}) == pytest.approx(100 / 3)
    assert d_score(one_question(make, uncapped), {"q": ["a", "b", "c", "d"]}) == 100.0


SCALE_WITH_NULL = """
type: scale
options:
  - {id: p0, label: gar nicht}
  - {id: p1, label: wenig}
  - {id: wn, label: weiß nicht, score: null}
  - {id: p2, label: weitgehend}
  - {id: p3, label: voll}
"""


@pytest.mark.parametrize(
    ("answer", "expected"),
    # positions among the scored points only: p0..p3 = 0..3, the maximum is 3
    [("p0", 0.0), ("p1", 100 / 3), ("p2", 200 / 3), ("p3", 100.0), ("wn", None)],
)
def test_scale_scores_position_and_skips_null_point(
    make: Make, answer: str, expected: float | None
) -> None:
    result = d_score(one_question(make, SCALE_WITH_NULL), {"q": answer})
    assert result == (pytest.approx(expected) if expected is not None else None)


def test_scale_with_explicit_scores_uses_them(make: Make) -> None:
    explicit = SCALE_WITH_NULL.replace(
        "{id: p1, label: wenig}", "{id: p1, label: wenig, score: 2.5}"
    )
    # p1 = 2.5 given; p3 keeps its position 3 → 2.5 / 3
    assert d_score(one_question(make, explicit), {"q": "p1"}) == pytest.approx(250 / 3)


NUMBER_BANDS = """
type: number
min: 0
max: 10000
score_bands: [{min: 0, score: 0}, {min: 1, score: 1}, {min: 5, score: 2}, {min: 20, score: 4}]
"""


@pytest.mark.parametrize(
    ("value", "expected"),
    # the band with the highest min ≤ value; its score / max band score 4
    [(0, 0.0), (1, 25.0), (4.9, 25.0), (5, 50.0), (19.5, 50.0), (20, 100.0), (10000, 100.0)],
)
def test_number_uses_highest_band_reached(make: Make, value: float, expected: float) -> None:
    assert d_score(one_question(make, NUMBER_BANDS), {"q": value}) == pytest.approx(expected)


def test_number_below_every_band_is_not_scored(make: Make) -> None:
    starts_at_one = NUMBER_BANDS.replace("{min: 0, score: 0}, ", "")
    assert d_score(one_question(make, starts_at_one), {"q": 0}) is None


@pytest.mark.parametrize(("answer", "expected"), [("yes", 100.0), ("no", 0.0), ("unknown", None)])
def test_yesno(make: Make, answer: str, expected: float | None) -> None:
    q = one_question(make, "type: yesno\nallow_unknown: true")
    assert d_score(q, {"q": answer}) == expected


OVERALL = """\
dimensions:
  - {id: a, title: A, weight: 3}
  - {id: b, title: B}
  - {id: c, title: C, weight: 5}
sections:
  - id: s
    title: S
    questions:
      - {id: qa, type: yesno, dimension: a, text: Q}
      - {id: qb, type: yesno, dimension: b, text: Q}
      - {id: qc, type: yesno, dimension: c, text: Q}
"""


def test_overall_is_weighted_mean_of_rated_dimensions(make: Make) -> None:
    result = score(make(OVERALL), {"qa": "yes", "qb": "no"})
    # c is unrated and left out: (3·100 + 1·0) / (3 + 1) = 75
    assert result.overall == 75.0
    assert result.overall_level == "gestalter"
    assert [d.rated for d in result.dimensions] == [True, True, False]


def test_overall_is_none_without_rated_dimension(make: Make) -> None:
    result = score(make(OVERALL), {})
    assert (result.overall, result.overall_level) == (None, None)


def test_level_boundaries_use_the_displayed_score(make: Make) -> None:
    levels = make(OVERALL).levels
    assert level_for(levels, 0.0) == "einsteiger"
    assert level_for(levels, 19.94) == "einsteiger"  # shown as 19.9
    assert level_for(levels, 19.95) == "entdecker"  # shown as 20.0
    assert level_for(levels, 59.99999999999999) == "gestalter"  # shown as 60.0
    assert level_for(levels, 60.0) == "gestalter"
    assert level_for(levels, 100.0) == "vorreiter"
    assert level_for(levels, None) is None


TWO_FIFTHS = """\
dimensions: [{id: d, title: D}]
sections:
  - id: s
    title: S
    questions:
      - id: q1
        type: single
        dimension: d
        weight: 2
        text: Q
        options:
          - {id: o0, label: a, score: 0}
          - {id: o3, label: b, score: 3}
          - {id: o5, label: c, score: 5}
      - id: q2
        type: single
        dimension: d
        text: Q
        options:
          - {id: o0, label: a, score: 0}
          - {id: o3, label: b, score: 3}
          - {id: o5, label: c, score: 5}
"""


def test_float_noise_at_a_level_boundary_does_not_flip_the_level(make: Make) -> None:
    result = score(make(TWO_FIFTHS), {"q1": "o3", "q2": "o3"}).dimension("d")
    # (2·3/5 + 1·3/5) / 3 = 0.6 → 60, but in floats it is 59.99999999999999
    assert result.score == pytest.approx(60.0) and result.score != 60.0
    assert (result.rounded, result.level) == (60.0, "gestalter")


def test_rich_example(rich: Questionnaire) -> None:
    answers = {
        "ki_nutzung": "teils", "ki_tools": ["chat", "analyse"], "ziele": "teils",
        "datenqualitaet": "mittel", "datensilos": "oft", "anzahl_nutzende": 7,
        "sorgen": "yes", "lernzeit": "yes", "lernzeit_umfang": "viel", "ki_inventar": "nein",
    }  # fmt: skip
    result = score(rich, answers)
    scores = {d.id: d.score for d in result.dimensions}
    # strategie: ki_nutzung 1/2 (w1), ki_tools min(1+2, 3)/3 (w1), ziele position 2/4 (w2)
    #            → (0.5 + 1 + 2·0.5) / 4 = 62.5
    # daten: mittel 1/3, datensilos 1 − 2/3, 7 people → band 5: 2/4 → (1/3 + 1/3 + 1/2) / 3
    # kultur: sorgen yes reversed 0, lernzeit 1, lernzeit_umfang viel 2/2 (w2) → 3 / 4
    # recht: ki_inventar 0 (1 of 2 answered = 0.5 coverage) → 0
    assert scores == pytest.approx(
        {"strategie": 62.5, "daten": 700 / 18, "kultur": 75.0, "recht": 0.0}
    )
    # overall: (2·62.5 + 38.89 + 75 + 0) / 5 = 47.78
    assert result.overall == pytest.approx((125 + 700 / 18 + 75) / 5)
    assert (result.overall_rounded, result.overall_level) == (47.8, "anwender")
