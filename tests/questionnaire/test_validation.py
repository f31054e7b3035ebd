"""One test per kind of problem: a small file stated inline, the exact line printed for it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Problems = Callable[[str], list[str]]

# A valid head (lines 1–6) and a section whose question on line 11 scores dimension d;
# a question appended after SECTION is on line 12 and has the path Q1.
HEAD = """\
id: t
version: "1"
title: T
description: D
dimensions: [{id: d, title: D}]
levels: [{id: l0, min: 0, name: L, description: L}]
"""
SECTION = """\
sections:
  - id: s
    title: S
    questions:
      - {id: ok, type: yesno, text: Q, dimension: d}
"""
Q1 = "sections[0].questions[1]"
OPTS_AB = "options: [{id: a, label: A}, {id: b, label: B}]"


def at(line: int, path: str, message: str) -> str:
    return f"t.yaml:{line}: {path}: {message}"


def question(fields: str) -> str:
    return f"      - {{id: q, {fields}}}\n"


def test_valid_file_has_no_problems(problems: Problems) -> None:
    assert problems(HEAD + SECTION) == []


def test_unknown_key_with_hint(problems: Problems) -> None:
    assert problems(HEAD + SECTION + question("type: text, text: Q, weigth: 2")) == [
        at(12, f"{Q1}.weigth", "unknown key 'weigth' (did you mean 'weight'?)")
    ]


def test_unknown_question_type_with_hint(problems: Problems) -> None:
    assert problems(HEAD + SECTION + question("type: singel, text: Q")) == [
        at(
            12,
            f"{Q1}.type",
            "must be one of 'single', 'multi', 'scale', 'yesno', 'number' or 'text', "
            "not 'singel' (did you mean 'single'?)",
        )
    ]


def test_missing_german_text(problems: Problems) -> None:
    assert problems(HEAD + SECTION + question("type: text, text: {en: Q}")) == [
        at(12, f"{Q1}.text.de", "German text ('de') is missing")
    ]


def test_duplicate_question_id_across_sections(problems: Problems) -> None:
    more = "  - id: s2\n    title: S\n    questions:\n      - {id: ok, type: text, text: Q}\n"
    assert problems(HEAD + SECTION + more) == [
        at(15, "sections[1].questions[0].id", "duplicate question id 'ok' (first used at line 11)")
    ]


def test_duplicate_option_id(problems: Problems) -> None:
    options = "options: [{id: a, label: A}, {id: a, label: B}]"
    assert problems(HEAD + SECTION + question(f"type: single, text: Q, {options}")) == [
        at(12, f"{Q1}.options[1].id", "duplicate option id 'a' (first used at line 12)")
    ]


def test_duplicate_dimension_and_level_ids(problems: Problems) -> None:
    head = HEAD.replace("{id: d, title: D}", "{id: d, title: D}, {id: d, title: E}").replace(
        "levels: [", "levels: [{id: l0, min: 0, name: L, description: L}, "
    )
    assert problems(head + SECTION) == [
        at(5, "dimensions[1].id", "duplicate dimension id 'd' (first used at line 5)"),
        at(6, "levels[1].id", "duplicate level id 'l0' (first used at line 6)"),
        at(6, "levels[1].min", "levels must ascend by min: 0 is not above 0"),
    ]


def test_duplicate_section_id(problems: Problems) -> None:
    more = "  - id: s\n    title: S\n    questions:\n      - {id: q, type: text, text: Q}\n"
    assert problems(HEAD + SECTION + more) == [
        at(12, "sections[1].id", "duplicate section id 's' (first used at line 8)")
    ]


def test_duplicate_recommendation_id(problems: Problems) -> None:
    rec = "{id: r, title: T, text: T, trigger: {question: ok, equals: 'no'}}"
    assert problems(HEAD + SECTION + f"recommendations: [{rec}, {rec}]\n") == [
        at(12, "recommendations[1].id", "duplicate recommendation id 'r' (first used at line 12)")
    ]


def test_unknown_dimension_with_hint(problems: Problems) -> None:
    text = (
        (HEAD + SECTION)
        .replace("id: d,", "id: daten,")
        .replace("dimension: d}", "dimension: daten}")
    )
    assert problems(text + question("type: yesno, text: Q, dimension: datne")) == [
        at(12, f"{Q1}.dimension", "unknown dimension 'datne' (did you mean 'daten'?)")
    ]


EARLIER_ONLY = "it may only name an earlier question"
YESNO = "(options: yes, no, unknown)"


@pytest.mark.parametrize(
    ("show_if", "path", "message"),
    [
        ("{question: nope, equals: 'yes'}", "question", "unknown question 'nope'"),
        ("{question: q, equals: 'yes'}", "question", f"show_if refers to itself; {EARLIER_ONLY}"),
        (
            "{question: later, equals: 'yes'}",
            "question",
            f"show_if refers to the later question 'later'; {EARLIER_ONLY}",
        ),
        ("{question: ok, equals: maybe}", "equals", f"question 'ok' has no option 'maybe' {YESNO}"),
        ("{question: ok, in: ['yes', eh]}", "in[1]", f"question 'ok' has no option 'eh' {YESNO}"),
    ],
)
def test_show_if_checks(problems: Problems, show_if: str, path: str, message: str) -> None:
    later = "      - {id: later, type: yesno, text: Q}\n"
    text = HEAD + SECTION + question(f"type: text, text: Q, show_if: {show_if}") + later
    assert problems(text) == [at(12, f"{Q1}.show_if.{path}", message)]


@pytest.mark.parametrize(
    ("show_if", "path", "message"),
    [
        (
            "{profile: works_council, equals: ja}",
            ".show_if.equals",
            "unknown works_council code 'ja' (known: no, unknown, yes)",
        ),
        (
            "{profile: size, in: [1-9, klein]}",
            ".show_if.in[1]",
            "unknown size code 'klein' (known: 1-9, 10-49, 250+, 50-249)",
        ),
        (
            "{profile: groesse, equals: 1-9}",
            ".show_if.profile",
            "must be one of 'industry', 'size', 'state', 'works_council' or 'role', not 'groesse'",
        ),
        (
            "{profile: size, question: ok, equals: 1-9}",
            ".show_if",
            "give exactly one of 'question' or 'profile'",
        ),
    ],
)
def test_show_if_on_the_company_profile(
    problems: Problems, show_if: str, path: str, message: str
) -> None:
    found = problems(
        HEAD + SECTION + question(f"type: yesno, text: Q, dimension: d, show_if: {show_if}")
    )
    assert len(found) == 1 and found[0].startswith(f"t.yaml:12: {Q1}{path}: "), found
    assert message in found[0]


def test_show_if_option_of_a_single_question(problems: Problems) -> None:
    questions = (
        f"      - {{id: c, type: single, text: Q, {OPTS_AB}}}\n"
        "      - {id: q, type: text, text: Q, show_if: {question: c, equals: x}}\n"
    )
    assert problems(HEAD + SECTION + questions) == [
        at(
            13,
            "sections[0].questions[2].show_if.equals",
            "question 'c' has no option 'x' (options: a, b)",
        )
    ]


def test_scored_option_without_score_key(problems: Problems) -> None:
    scored = """\
      - id: q
        type: single
        dimension: d
        text: Q
        options:
          - {id: a, label: A, score: 1}
          - {id: b, label: B, score: null}
          - {id: c, label: C}
"""
    assert problems(HEAD + SECTION + scored) == [
        at(
            19,
            f"{Q1}.options[2]",
            "option 'c' has no score "
            "(a scored question needs one on every option; 'score: null' for 'weiß nicht')",
        )
    ]


def test_scored_question_that_can_never_score(problems: Problems) -> None:
    options = "options: [{id: a, label: A, score: 0}, {id: b, label: B, score: null}]"
    assert problems(
        HEAD + SECTION + question(f"type: multi, dimension: d, text: Q, {options}")
    ) == [at(12, f"{Q1}.options", "no option scores above 0, so the question can never score")]


def test_scale_needs_two_scored_points(problems: Problems) -> None:
    options = "options: [{id: a, label: A}, {id: b, label: B, score: null}]"
    assert problems(
        HEAD + SECTION + question(f"type: scale, dimension: d, text: Q, {options}")
    ) == [at(12, f"{Q1}.options", "a scale needs at least 2 scored options, it has 1")]


def test_scored_number_needs_ascending_score_bands(problems: Problems) -> None:
    bands = "score_bands: [{min: 5, score: 1}, {min: 5, score: 2}]"
    questions = (
        "      - {id: n1, type: number, dimension: d, text: Q}\n"
        f"      - {{id: n2, type: number, dimension: d, text: Q, {bands}}}\n"
    )
    assert problems(HEAD + SECTION + questions) == [
        at(
            12,
            f"{Q1}.score_bands",
            "a scored number question needs score_bands (- min: … score: …)",
        ),
        at(
            13,
            "sections[0].questions[2].score_bands[1].min",
            "score_bands must ascend by min: 5 is not above 5",
        ),
    ]


@pytest.mark.parametrize("kind", ["yesno", "number", "text"])
def test_options_where_none_belong(problems: Problems, kind: str) -> None:
    assert problems(HEAD + SECTION + question(f"type: {kind}, text: Q, {OPTS_AB}")) == [
        at(12, f"{Q1}.options", f"a {kind} question takes no options")
    ]


@pytest.mark.parametrize("kind", ["single", "multi", "scale"])
def test_missing_options(problems: Problems, kind: str) -> None:
    assert problems(HEAD + SECTION + question(f"type: {kind}, text: Q")) == [
        at(12, f"{Q1}.options", f"a {kind} question needs options")
    ]


def test_min_greater_than_max(problems: Problems) -> None:
    assert problems(HEAD + SECTION + question("type: number, text: Q, min: 10, max: 5")) == [
        at(12, f"{Q1}.min", "min (10) is greater than max (5)")
    ]


def test_levels_start_at_0_and_ascend(problems: Problems) -> None:
    head = HEAD.replace(
        "levels: [{id: l0, min: 0, name: L, description: L}]",
        "levels:\n  - {id: a, min: 10, name: A, description: A}\n"
        "  - {id: b, min: 5, name: B, description: B}",
    )
    assert problems(head + SECTION) == [
        at(7, "levels[0].min", "the first level must start at min: 0, not 10"),
        at(8, "levels[1].min", "levels must ascend by min: 5 is not above 10"),
    ]


@pytest.mark.parametrize(
    ("fields", "path", "message"),
    [
        ("levels: [l0]", ".levels", "levels need a dimension: add 'dimension'"),
        ("dimension: x, levels: [l0]", ".dimension", "unknown dimension 'x' (known: d)"),
        ("dimension: d, levels: [l9]", ".levels[0]", "unknown level 'l9' (known: l0)"),
        ("dimension: d", "", "a recommendation needs 'levels' (with a 'dimension') or a 'trigger'"),
        ("trigger: {question: nope, equals: a}", ".trigger.question", "unknown question 'nope'"),
        (
            "trigger: {question: ok, equals: a}",
            ".trigger.equals",
            f"question 'ok' has no option 'a' {YESNO}",
        ),
        (
            "dimension: d, levels: [l0], profile: {works_council: [ja]}",
            ".profile.works_council[0]",
            "unknown works_council code 'ja' (known: no, unknown, yes)",
        ),
        (
            "dimension: d, levels: [l0], profile: {size: [1-9, 1-10]}",
            ".profile.size[1]",
            "unknown size code '1-10' (known: 1-9, 10-49, 250+, 50-249)",
        ),
    ],
)
def test_recommendation_checks(problems: Problems, fields: str, path: str, message: str) -> None:
    recommendation = f"recommendations:\n  - {{id: r, title: T, text: T, {fields}}}\n"
    assert problems(HEAD + SECTION + recommendation) == [
        at(13, f"recommendations[0]{path}", message)
    ]


def test_dimension_without_scored_question(problems: Problems) -> None:
    head = HEAD.replace("{id: d, title: D}", "{id: d, title: D}, {id: e, title: E}")
    assert problems(head + SECTION + question("type: text, text: Q, dimension: e")) == [
        at(5, "dimensions[1]", "dimension 'e' has no scored question"),
        at(12, f"{Q1}.dimension", "a text question is never scored: remove 'dimension'"),
    ]


def test_need_topic_needs_employee_groups_and_a_multi_question(problems: Problems) -> None:
    questions = (
        "      - {id: n1, type: multi, text: Q, need_topic: KI}\n"
        f"      - {{id: n2, type: single, text: Q, need_topic: KI, {OPTS_AB}}}\n"
    )
    assert problems(HEAD + SECTION + questions) == [
        at(12, f"{Q1}.need_topic", "need_topic needs employee_groups at the top level of the file"),
        at(
            13,
            "sections[0].questions[2].need_topic",
            "need_topic is only allowed on multi questions, not on single",
        ),
    ]


def test_need_topic_options_come_from_employee_groups(problems: Problems) -> None:
    groups = "employee_groups: [{id: buero, label: Büro}, {id: it, label: IT}]\n"
    assert (
        problems(HEAD + groups + SECTION + question("type: multi, text: Q, need_topic: KI")) == []
    )


def test_all_problems_at_once_and_a_broken_item_hides_nothing_else(problems: Problems) -> None:
    questions = """\
      - {id: broken, type: singel, text: Q}
      - {id: q2, type: text, text: Q, show_if: {question: broken, equals: zzz}}
      - {id: typo, type: single, text: Q, dimension: d, weigth: 2, options: [{id: a, label: A}]}
      - {id: q4, type: yesno, text: Q, dimension: nope}
      - {id: q5, type: number, text: Q, min: 3, max: 1}
recommendations:
  - {id: r, title: T, text: T, profile: {groesse: [x]}, trigger: {question: gone, equals: a}}
"""
    found = problems(HEAD + SECTION + questions)
    assert found[0].startswith(f"t.yaml:12: {Q1}.type: must be one of")
    assert found[1:] == [  # nothing for q2: the question it names exists (broken, see above)
        at(14, "sections[0].questions[3].weigth", "unknown key 'weigth' (did you mean 'weight'?)"),
        at(
            14,
            "sections[0].questions[3].options[0]",
            "option 'a' has no score "
            "(a scored question needs one on every option; 'score: null' for 'weiß nicht')",
        ),
        at(15, "sections[0].questions[4].dimension", "unknown dimension 'nope' (known: d)"),
        at(16, "sections[0].questions[5].min", "min (3) is greater than max (1)"),
        at(
            18,
            "recommendations[0].profile.groesse",
            "unknown key 'groesse': must be one of 'industry', 'size', 'state', "
            "'works_council' or 'role'",
        ),
        at(18, "recommendations[0].trigger.question", "unknown question 'gone'"),
    ]
