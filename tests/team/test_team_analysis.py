"""Team mode's analysis on hand-made respondents (no app, no database): the means, gaps,
quartiles and next steps worked out by hand, the group thresholds, complementary
suppression, merged answer counts and the qualification needs."""

from __future__ import annotations

from pathlib import Path

import pytest
from teamhelp import INFO, PEOPLE, TECH  # PEOPLE's figures are worked out by hand there

from zzcheck.questionnaire.loader import load_file
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.team.analysis import analyse
from zzcheck.team.groups import Respondent, shown_groups, threshold
from zzcheck.team.items import AnswerCount, merged
from zzcheck.team.questions import team_questionnaire

TEAMCHECK = Path(__file__).resolve().parents[1] / "web" / "questionnaires_team" / "teamcheck.yaml"


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_file(TEAMCHECK).questionnaire


def respondent(role: str, area: str | None, info: int, tech: int, named: list[str]) -> Respondent:
    answers = {"info_frueh": INFO[info], "geraete": TECH[tech], "bedarf": named}
    return Respondent(role, area, {"info": 25.0 * info, "technik": 25.0 * tech}, answers)


def people(rows: list[tuple[str, str | None, int, int, list[str]]]) -> list[Respondent]:
    return [respondent(*row) for row in rows]


def test_group_means_gaps_and_quartiles_as_worked_out_by_hand(questionnaire: Questionnaire) -> None:
    results = analyse(questionnaire, people(PEOPLE), k=3)
    assert results.shown and results.total == 12
    assert results.groups == [("management", 3), ("employee", 6)]
    assert (results.counted, results.left_out) == (9, 3)
    info, technik = results.dimensions
    assert info.means == {
        "management": pytest.approx(275 / 3),
        "employee": pytest.approx(175 / 6),
    }
    assert info.gap == pytest.approx(275 / 3 - 175 / 6)  # 62.5
    assert technik.gap == pytest.approx(100 / 3 - 75)  # −41.67: staff rate it higher
    # Quartiles over the 9 counted answers (inclusive method):
    # info [0, 25, 25, 25, 50, 50, 75, 100, 100] → Q1 25, Q3 75
    # technik [25, 25, 50, 50, 75, 75, 75, 75, 100] → Q1 50, Q3 75
    assert info.quartiles == (25.0, 75.0) and info.spread == 50.0
    assert technik.quartiles == (50.0, 75.0)


def test_gap_recommendations_fire_in_their_direction_only(questionnaire: Questionnaire) -> None:
    steps = analyse(questionnaire, people(PEOPLE), k=3).next_steps
    assert [(s.recommendation.id, s.gap) for s in steps] == [
        ("info_leitung_hoeher", 62.5),  # priority 1 first
        ("technik_beschaeftigte_hoeher", -41.7),  # min_gap 20 ≤ 41.7 < 50: not technik_gross
    ]


def test_reversed_views_fire_the_other_recommendations(questionnaire: Questionnaire) -> None:
    """Management sees information worse than staff do: the staff_higher step fires."""
    rows = [("management", None, 0, 4, [])] * 3 + [("employee", None, 3, 4, [])] * 3
    steps = analyse(questionnaire, people(rows), k=3).next_steps
    assert [(s.recommendation.id, s.gap) for s in steps] == [("info_beschaeftigte_hoeher", -75.0)]


def test_a_gap_just_below_min_gap_fires_nothing(questionnaire: Questionnaire) -> None:
    # management info 50 (step 2) vs employees 25 + 25 + 50 → 33.33: gap 16.7 < 20
    rows = [("management", None, 2, 2, [])] * 3 + [
        ("employee", None, 1, 2, []),
        ("employee", None, 1, 2, []),
        ("employee", None, 2, 2, []),
    ]
    results = analyse(questionnaire, people(rows), k=3)
    assert results.dimensions[0].gap == pytest.approx(50 - 100 / 3)
    assert results.next_steps == []


def test_four_answers_show_nothing_five_do(questionnaire: Questionnaire) -> None:
    four = analyse(questionnaire, people(PEOPLE[3:7]), k=3)
    assert (four.shown, four.needed, four.total) == (False, 1, 4)
    assert four.groups == four.dimensions == four.disagreements == four.next_steps == []
    assert four.needs is None
    five = analyse(questionnaire, people(PEOPLE[3:8]), k=3)
    assert five.shown and five.groups == [("employee", 5)]


def test_a_group_of_two_is_hidden_a_group_of_three_shown(questionnaire: Questionnaire) -> None:
    rows = [("management", None, 4, 1, [])] * 2 + [("employee", None, 1, 3, [])] * 3
    results = analyse(questionnaire, people(rows), k=3)
    assert results.groups == [("employee", 3)]
    assert set(results.dimensions[0].means) == {"employee"}
    assert results.dimensions[0].gap is None and results.next_steps == []
    three = analyse(questionnaire, people([*rows, ("management", None, 4, 1, [])]), k=3)
    assert three.groups == [("management", 3), ("employee", 3)]


def test_a_larger_group_size_hides_more_and_needs_more_answers(
    questionnaire: Questionnaire,
) -> None:
    results = analyse(questionnaire, people(PEOPLE), k=5)
    assert results.groups == [("employee", 6)]
    assert threshold(5) == 5 and threshold(8) == 8
    assert analyse(questionnaire, people(PEOPLE[:7]), k=8).needed == 1
    assert analyse(questionnaire, people(PEOPLE), k=1).k == 3  # never below 3


def test_a_hidden_cell_within_a_dimension_is_protected(questionnaire: Questionnaire) -> None:
    """Two of three managers answer "weiß nicht" on the devices: their technik mean would
    describe one person, so the cell is hidden, and with it the employees' cell, since
    their answers and the everyone-quartiles would reveal it by subtraction."""
    rows = [("management", None, 4, 1, [])] + [("management", None, 4, 0, [])] * 2
    found = people(rows) + people([("employee", None, 1, 3, [])] * 3)
    found[1] = Respondent("management", None, {"info": 100.0, "technik": None}, {})
    found[2] = Respondent("management", None, {"info": 100.0, "technik": None}, {})
    technik = analyse(questionnaire, found, k=3).dimensions[1]
    assert technik.means == {"management": None, "employee": None}


def test_complementary_suppression_of_groups() -> None:
    counts = {"management": 3, "employee:office": 3, "employee:production": 4, "it": 1}
    # the rest (IT: 1) is below 3, so the smallest shown group joins it (office, by name)
    assert shown_groups(counts, 3) == ["management", "employee:production"]
    assert shown_groups(counts, 3, complementary=False) == [
        "management",
        "employee:office",
        "employee:production",
    ]
    assert shown_groups({"management": 3, "it": 3}, 3) == ["management", "it"]
    assert shown_groups({"management": 4, "it": 2}, 3) == []


def test_answer_counts_never_show_fewer_than_k() -> None:
    order = ["a", "b", "c", "d"]
    assert merged({"a": 5, "b": 4, "c": 0, "d": 3}, order, 3) == [
        AnswerCount(("a",), 5),
        AnswerCount(("b",), 4),
        AnswerCount(("c",), 0),
        AnswerCount(("d",), 3),
    ]
    # "b" (1) joins its neighbours until the row has 3: "c" (0), then "d" (3)
    assert merged({"a": 5, "b": 1, "c": 0, "d": 3}, order, 3) == [
        AnswerCount(("a",), 5),
        AnswerCount(("b", "c", "d"), 4),
    ]
    # the ends of the scale are never merged over the middle: a small last answer joins
    # the row before it, a small first one the next
    assert merged({"a": 1, "b": 4, "c": 3, "d": 2}, order, 3) == [
        AnswerCount(("a", "b"), 5),
        AnswerCount(("c", "d"), 5),
    ]
    assert merged({"a": 0, "b": 3, "c": 0, "d": 3}, order, 3) == [
        AnswerCount(("a",), 0),
        AnswerCount(("b",), 3),
        AnswerCount(("c",), 0),
        AnswerCount(("d",), 3),
    ]
    # one row over the whole scale would say nothing: no rows
    assert merged({"a": 2, "b": 0, "c": 0, "d": 4}, order, 3) == []
    assert merged({"a": 8, "b": 1}, ["a", "b"], 3) == []


def test_the_questions_people_disagree_on(questionnaire: Questionnaire) -> None:
    items = analyse(questionnaire, people(PEOPLE), k=3).disagreements
    assert [item.question_id for item in items] == ["info_frueh", "geraete"]
    info = items[0]
    assert info.n == 9  # the counted respondents only
    # info steps 4, 4, 3, 1, 2, 1, 0, 2, 1 → s = step/4; population sd × 100
    steps = [4, 4, 3, 1, 2, 1, 0, 2, 1]
    mean = sum(steps) / 9 / 4
    sd = (sum((s / 4 - mean) ** 2 for s in steps) / 9) ** 0.5
    assert info.spread == pytest.approx(100 * sd)
    # counts: nie 1, spaet 3, teils 2, meist 1, immer 2 → merged with their neighbours on
    # the scale into rows of at least 3; never "nie" and "immer" in one row
    assert info.counts == [
        AnswerCount(("nie", "spaet"), 4),
        AnswerCount(("teils", "meist", "immer"), 5),
    ]
    assert all(c.count is None or c.count == 0 or c.count >= 3 for c in info.counts)


def test_qualification_needs_by_group(questionnaire: Questionnaire) -> None:
    needs = analyse(questionnaire, people(PEOPLE), k=3).needs
    assert needs is not None
    # over the counted respondents only (works council 2 and IT 1 are in no figure): one
    # partition, management 3, office employees 3, production employees 3
    assert needs.columns == [
        ("all", 9),
        ("management", 3),
        ("employee:office", 3),
        ("employee:production", 3),
    ]
    shares = {(row.question_id, row.target): row.shares for row in needs.rows}
    assert shares[("bedarf", "leitung")] == pytest.approx([3 / 9, 0, 1, 0])
    assert shares[("bedarf", "werkstatt")] == pytest.approx([5 / 9, 2 / 3, 1 / 3, 2 / 3])


def test_team_mode_asks_no_free_text(questionnaire: Questionnaire) -> None:
    asked = team_questionnaire(questionnaire)
    assert [s.id for s in asked.sections] == ["information", "technik"]
    assert "notiz" not in {q.id for q in asked.questions}
    assert len(questionnaire.sections) == 3  # the original is untouched
