"""Checking answers, and which questions a respondent sees."""

from __future__ import annotations

import pytest

from zzcheck.questionnaire.model import Questionnaire
from zzcheck.scoring import check_answers, required_missing, visible_questions

GOOD = {
    "branche_kontext": "a",
    "ki_nutzung": "ja",
    "ki_tools": ["chat", "analyse"],
    "ziele": "weiss_nicht",
    "anzahl_nutzende": 12.5,
    "sorgen": "unknown",
    "lernzeit": "no",
    "ki_inventar": "teils",
    "bedarf_grundlagen": ["leitung", "produktion"],
    "anmerkungen": "Alles gut.",
}


def test_good_answers_have_no_problems(rich: Questionnaire) -> None:
    assert check_answers(rich, GOOD) == []


def test_empty_answers_are_not_problems(rich: Questionnaire) -> None:
    assert check_answers(rich, {"ki_nutzung": None, "ki_tools": [], "anmerkungen": ""}) == []


@pytest.mark.parametrize(
    ("question_id", "value", "code", "message"),
    [
        ("gibt_es_nicht", "ja", "unknown_question", "no such question"),
        (
            "ki_nutzung",
            "vielleicht",
            "unknown_option",
            "option 'vielleicht' not offered (nein, teils, ja, weiss_nicht)",
        ),
        ("ki_nutzung", 2, "wrong_type", "expected one option id, got 2"),
        ("ki_nutzung", ["ja"], "wrong_type", "expected one option id, got ['ja']"),
        ("lernzeit", "unknown", "unknown_option", "option 'unknown' not offered (yes, no)"),
        ("lernzeit", True, "wrong_type", "expected one option id, got True"),
        ("ki_tools", "chat", "wrong_type", "expected a list of option ids, got 'chat'"),
        ("ki_tools", ["chat", "video"], "unknown_option", "options not offered: ['video']"),
        ("ki_tools", ["chat", "chat"], "duplicate", "option chosen twice in ['chat', 'chat']"),
        (
            "ki_tools",
            ["keine", "chat"],
            "exclusive",
            "'keine' cannot be combined with other options",
        ),
        ("bedarf_grundlagen", ["lager"], "unknown_option", "options not offered: ['lager']"),
        ("anzahl_nutzende", -1, "out_of_range", "-1 outside 0.0–10000.0"),
        ("anzahl_nutzende", 10001, "out_of_range", "10001 outside 0.0–10000.0"),
        ("anzahl_nutzende", "7", "wrong_type", "expected a number, got '7'"),
        ("anzahl_nutzende", True, "wrong_type", "expected a number, got True"),
        ("anzahl_nutzende", float("nan"), "wrong_type", "expected a number, got nan"),
        ("anmerkungen", 5, "wrong_type", "expected text, got 5"),
        ("anmerkungen", "x" * 5001, "too_long", "text has 5001 characters (at most 5000)"),
    ],
)
def test_each_bad_answer_gives_one_clear_problem(
    rich: Questionnaire, question_id: str, value: object, code: str, message: str
) -> None:
    problems = check_answers(rich, {**GOOD, question_id: value})
    assert [(p.question_id, p.code, p.message) for p in problems] == [(question_id, code, message)]
    assert str(problems[0]) == f"{question_id}: {message}"


def test_text_at_the_limit_is_fine(rich: Questionnaire) -> None:
    assert check_answers(rich, {"anmerkungen": "x" * 5000}) == []


def test_all_problems_are_reported_at_once(rich: Questionnaire) -> None:
    problems = check_answers(rich, {"ki_nutzung": "x", "lernzeit": "x", "zzz": 1})
    assert [p.question_id for p in problems] == ["ki_nutzung", "lernzeit", "zzz"]


def ids(questionnaire: Questionnaire, answers: dict[str, object]) -> list[str]:
    return [q.id for q in visible_questions(questionnaire, answers)]


ALWAYS = ["branche_kontext", "ki_nutzung", "ziele", "datenqualitaet", "datensilos",
          "anzahl_nutzende", "sorgen", "lernzeit", "offenheit", "ki_inventar",
          "datenschutz_info", "bedarf_grundlagen", "anmerkungen"]  # fmt: skip


def test_conditional_questions_hidden_until_their_condition_holds(rich: Questionnaire) -> None:
    assert ids(rich, {}) == ALWAYS
    assert ids(rich, {"ki_nutzung": "nein", "lernzeit": "no"}) == ALWAYS
    shown = ids(rich, {"ki_nutzung": "teils", "lernzeit": "yes"})
    assert set(shown) - set(ALWAYS) == {"ki_tools", "lernzeit_umfang", "bedarf_datenschutz"}
    assert shown.index("ki_tools") == shown.index("ki_nutzung") + 1  # file order kept


def test_question_under_hidden_question_is_hidden(make) -> None:  # type: ignore[no-untyped-def]
    q = make(
        """\
        dimensions: [{id: d, title: D}]
        sections:
          - id: s
            title: S
            questions:
              - {id: a, type: yesno, dimension: d, text: A}
              - {id: b, type: yesno, text: B, show_if: {question: a, equals: "yes"}}
              - {id: c, type: yesno, text: C, show_if: {question: b, in: ["yes"]}}
        """
    )
    assert [x.id for x in visible_questions(q, {"a": "yes", "b": "yes"})] == ["a", "b", "c"]
    # b is still answered "yes", but hidden: so c is hidden too
    assert [x.id for x in visible_questions(q, {"a": "no", "b": "yes"})] == ["a"]


def test_required_missing_only_for_shown_questions(rich: Questionnaire) -> None:
    assert required_missing(rich, {}) == ["ki_nutzung", "ki_inventar"]
    assert required_missing(rich, {"ki_nutzung": "ja", "ki_inventar": ""}) == ["ki_inventar"]
    assert required_missing(rich, {"ki_nutzung": "ja", "ki_inventar": "weiss_nicht"}) == []


PROFILE_CONDITION = """\
dimensions: [{id: d, title: D}]
sections:
  - id: s
    title: S
    questions:
      - {id: alle, type: yesno, dimension: d, text: Für alle}
      - id: mit_br
        type: yesno
        dimension: d
        text: Nur mit Betriebsrat
        show_if: {profile: works_council, equals: "yes"}
      - id: ohne_br
        type: yesno
        dimension: d
        required: true
        text: Ohne Betriebsrat oder unklar
        show_if: {profile: works_council, in: ["no", unknown]}
"""


def test_a_profile_condition_shows_a_question_by_the_company_profile(make) -> None:  # type: ignore[no-untyped-def]
    q = make(PROFILE_CONDITION)

    def shown(profile: dict[str, str] | None) -> list[str]:
        return [question.id for question in visible_questions(q, {}, profile)]

    assert shown({"works_council": "yes"}) == ["alle", "mit_br"]
    assert shown({"works_council": "unknown", "size": "1-9"}) == ["alle", "ohne_br"]
    assert shown(None) == ["alle"]
    assert required_missing(q, {}, {"works_council": "no"}) == ["ohne_br"]
    assert required_missing(q, {}, {"works_council": "yes"}) == []


def test_a_hidden_profile_question_is_not_scored(make) -> None:  # type: ignore[no-untyped-def]
    from zzcheck.scoring import score

    q = make(PROFILE_CONDITION)
    answers = {"alle": "yes", "mit_br": "no", "ohne_br": "no"}
    # with a works council: alle (1) + mit_br (0) -> 50; ohne_br is hidden, not counted
    assert score(q, answers, {"works_council": "yes"}).dimensions[0].score == 50.0
    # without: alle (1) + ohne_br (0) -> 50 again, but the third answer decides, not mit_br
    result = score(q, {"alle": "yes", "mit_br": "yes", "ohne_br": "no"}, {"works_council": "no"})
    assert (result.dimensions[0].score, result.dimensions[0].total) == (50.0, 2)
