"""The owner's first three steps, steps that replace others, and the cap of 12 steps."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from zzcheck.questionnaire.errors import QuestionnaireError
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.scoring import score
from zzcheck.scoring.nextsteps import MAX_STEPS

Make = Callable[[str], Questionnaire]

# Dimension a scores 0 (gap 100), b scores 50 (gap 50): a's steps rank first within a priority.
BODY = """\
dimensions:
  - {id: a, title: A}
  - {id: b, title: B}
sections:
  - id: s
    title: S
    questions:
      - {id: qa, type: yesno, dimension: a, text: Q}
      - id: qb
        type: single
        dimension: b
        text: Q
        options:
          - {id: o0, label: x, score: 0}
          - {id: o1, label: y, score: 1}
          - {id: o2, label: z, score: 2}
recommendations:
"""


def step(rec_id: str, dim: str = "a", priority: int = 2, **extra: str) -> str:
    keys = "".join(f", {key}: {value}" for key, value in extra.items())
    return (
        f"  - {{id: {rec_id}, dimension: {dim}, levels: [einsteiger, entdecker, anwender],"
        f" priority: {priority}, title: T, text: T{keys}}}\n"
    )


def shown(q: Questionnaire) -> list[tuple[str, bool]]:
    return [(hit.id, hit.first) for hit in score(q, {"qa": "no", "qb": "o1"}).recommendations]


def test_one_step_of_each_kind_the_highest_ranked(make: Make) -> None:
    q = make(
        BODY
        + step("tool-b", "b", kind="quick_win")
        + step("tool-a", "a", kind="quick_win")  # same priority, larger gap: ranks first
        + step("duty-a", "a", priority=1, kind="duty")
        + step("people-b", "b", priority=3, kind="people")
        + step("plain", "a", priority=1)
    )
    assert shown(q) == [
        ("duty-a", True),
        ("plain", False),
        ("tool-a", True),
        ("tool-b", False),
        ("people-b", True),
    ]


def test_a_duty_that_can_wait_is_no_first_step_and_missing_kinds_give_fewer(make: Make) -> None:
    q = make(BODY + step("duty-later", priority=2, kind="duty") + step("people", kind="people"))
    assert shown(q) == [("duty-later", False), ("people", True)]
    assert shown(make(BODY + step("plain"))) == [("plain", False)]


def test_a_step_that_another_fired_step_replaces_is_left_out(make: Make) -> None:
    q = make(
        BODY
        + step("list-tools", priority=1)
        + step("inventory", "b", replaces="[list-tools]")
        + step("unrelated", "b", replaces="[never-fires]")
        + "  - {id: never-fires, dimension: a, levels: [vorreiter], title: T, text: T}\n"
    )
    assert [rec_id for rec_id, _ in shown(q)] == ["inventory", "unrelated"]
    # The replaced step stays when the one that replaces it does not fire.
    alone = make(BODY + step("list-tools") + step("inventory", "b", replaces="[list-tools]"))
    assert [hit.id for hit in score(alone, {"qa": "no", "qb": "o2"}).recommendations] == [
        "list-tools"
    ]


def test_never_more_than_twelve_steps_and_the_first_steps_always_among_them(make: Make) -> None:
    many = "".join(step(f"s{n:02d}", priority=1) for n in range(15))
    q = make(BODY + many + step("people-late", "b", priority=3, kind="people"))
    steps = shown(q)
    assert len(steps) == MAX_STEPS == 12
    assert steps[-1] == ("people-late", True)
    assert [rec_id for rec_id, _ in steps[:-1]] == [f"s{n:02d}" for n in range(11)]


def test_the_result_dict_carries_kind_and_first(make: Make) -> None:
    q = make(BODY + step("tool", kind="quick_win") + step("plain"))
    [tool, plain] = score(q, {"qa": "no"}).to_dict("en")["recommendations"]
    assert (tool["kind"], tool["first"]) == ("quick_win", True)
    assert (plain["kind"], plain["first"]) == (None, False)


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (step("x", replaces="[x]"), "recommendations[0].replaces[0]: a recommendation cannot replace itself"),
        (step("x", replaces="[y]"), "recommendations[0].replaces[0]: unknown recommendation 'y' (known: x)"),
        (
            step("x", replaces="[y]") + step("y", replaces="[z]") + step("z", replaces="[x]"),
            "recommendations[0].replaces[0]: 'y' replaces 'x' in turn: keep one direction",
        ),
        (step("x", before="[x]"), "recommendations[0].before[0]: a recommendation cannot come before itself"),
        (step("x", before="[y]"), "recommendations[0].before[0]: unknown recommendation 'y' (known: x)"),
        (
            step("x", before="[y]") + step("y", before="[x]"),
            "recommendations[0].before[0]: 'y' comes before 'x' in turn: keep one direction",
        ),
        (step("x", kind="hurry"), "recommendations[0].kind: must be one of 'quick_win', 'duty' or 'people', not 'hurry'"),
    ],
)  # fmt: skip
def test_validation_names_bad_replaces_and_kinds(make: Make, steps: str, message: str) -> None:
    with pytest.raises(QuestionnaireError) as caught:
        make(BODY + steps)
    assert message in [str(issue).split(": ", 1)[1] for issue in caught.value.issues]


def test_at_most_three_steps_keep_priority_one_and_a_duty_first_step_is_one(make: Make) -> None:
    q = make(
        BODY
        + step("plain-1", "a", priority=1)
        + step("plain-2", "a", priority=1)
        + step("plain-3", "a", priority=1)
        + step("plain-4", "a", priority=1)
        + step("duty-b", "b", priority=1, kind="duty")  # ranks last of priority 1, smaller gap
        + step("later", "a")
    )
    steps = score(q, {"qa": "no", "qb": "o1"}).recommendations
    assert [(hit.id, hit.priority, hit.first) for hit in steps] == [
        ("plain-1", 1, False),
        ("plain-2", 1, False),
        ("plain-3", 2, False),  # keeps its place, shown as priority 2
        ("plain-4", 2, False),
        ("duty-b", 1, True),  # the duty first step keeps priority 1
        ("later", 2, False),
    ]


def test_a_step_that_comes_before_others_moves_in_front_and_takes_their_priority(
    make: Make,
) -> None:
    q = make(
        BODY
        + step("duty-a", "a", priority=1, kind="duty")
        + step("uses-person", "a", priority=1)
        + step("other", "a")
        + step("name-person", "b", priority=3, before="[uses-person, other]")
        + step("later", "b", priority=3)
    )
    steps = score(q, {"qa": "no", "qb": "o1"}).recommendations
    assert [(hit.id, hit.priority) for hit in steps] == [
        ("duty-a", 1),
        ("name-person", 1),
        ("uses-person", 1),
        ("other", 2),
        ("later", 3),
    ]
    # Without the steps it names, it keeps its own place and priority.
    alone = make(
        BODY
        + step("later", "b")
        + step("name-person", "b", priority=3, before="[x]")
        + "  - {id: x, trigger: {question: qa, in: [yes]}, title: T, text: T}\n"
    )
    assert [(h.id, h.priority) for h in score(alone, {"qa": "no", "qb": "o1"}).recommendations] == [
        ("later", 2),
        ("name-person", 3),
    ]
