"""Which next steps fire, and their order: priority, then gap × weight, then file order."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from zzcheck.questionnaire.model import Questionnaire
from zzcheck.scoring import score

Make = Callable[[str], Questionnaire]

ORDERING = """\
dimensions:
  - {id: a, title: A, weight: 2}
  - {id: b, title: B}
  - {id: c, title: C}
sections:
  - id: s
    title: S
    questions:
      - id: qa
        type: single
        dimension: a
        text: Q
        options:
          - {id: o0, label: x, score: 0}
          - {id: o1, label: y, score: 1}
          - {id: o2, label: z, score: 2}
      - id: qb
        type: scale
        dimension: b
        text: Q
        options:
          - {id: p0, label: a}
          - {id: p1, label: b}
          - {id: p2, label: c}
          - {id: p3, label: d}
          - {id: p4, label: e}
          - {id: p5, label: f}
      - {id: qc, type: yesno, dimension: c, text: Q}
recommendations:
  - {id: b-p2, dimension: b, levels: [einsteiger, entdecker, anwender], title: T, text: T}
  - {id: a-p2, dimension: a, levels: [anwender], title: T, text: T}
  - {id: c-p1, dimension: c, levels: [einsteiger], priority: 1, title: T, text: T}
  - {id: c-p2, dimension: c, levels: [einsteiger], title: T, text: T}
  - {id: a-p3, dimension: a, levels: [anwender], priority: 3, title: T, text: T}
  - {id: a-too-high, dimension: a, levels: [gestalter, vorreiter], priority: 1, title: T, text: T}
"""


def fired(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    profile: Mapping[str, str] | None = None,
) -> list[str]:
    return [hit.id for hit in score(questionnaire, answers, profile).recommendations]


def test_order_is_priority_then_gap_times_weight_then_file_order(make: Make) -> None:
    q = make(ORDERING)
    # a = 1/2 → 50, weight 2 → gap·w = 100 (anwender); b = 1/5 → 20, w 1 → 80 (entdecker);
    # c = 0, w 1 → 100 (einsteiger).
    # priority 1: c-p1. priority 2: a-p2 (100) and c-p2 (100) tie → file order, then b-p2 (80).
    # priority 3: a-p3. a-too-high does not fire (a is anwender).
    assert fired(q, {"qa": "o1", "qb": "p1", "qc": "no"}) == [
        "c-p1",
        "a-p2",
        "c-p2",
        "b-p2",
        "a-p3",
    ]


def test_larger_gap_comes_first_within_a_priority(make: Make) -> None:
    q = make(ORDERING)
    # a = 1/2 → 50, w 2 → 100. b = 2/5 → 40 (anwender), w 1 → 60: a-p2 before b-p2.
    # b = 0 → 100 ties with a → file order: b-p2 (1st in the file) before a-p2.
    assert fired(q, {"qa": "o1", "qb": "p2", "qc": "yes"}) == ["a-p2", "b-p2", "a-p3"]
    assert fired(q, {"qa": "o1", "qb": "p0", "qc": "yes"}) == ["b-p2", "a-p2", "a-p3"]


def test_level_based_steps_need_a_rated_dimension(make: Make) -> None:
    q = make(ORDERING)
    # c unanswered → not rated → neither c-p1 nor c-p2, although "no data" is not "good"
    assert fired(q, {"qa": "o2", "qb": "p5"}) == ["a-too-high"]


TRIGGERS = """\
dimensions:
  - {id: d, title: D}
  - {id: e, title: E, weight: 3}
sections:
  - id: s
    title: S
    questions:
      - id: nutzung
        type: single
        dimension: d
        text: Q
        options:
          - {id: nein, label: n, score: 0}
          - {id: ja, label: j, score: 1}
          - {id: wn, label: w, score: null}
      - id: tools
        type: multi
        dimension: e
        text: Q
        show_if: {question: nutzung, equals: ja}
        options:
          - {id: chat, label: c, score: 1}
          - {id: bild, label: b, score: 1}
          - {id: keine, label: k, score: 0, exclusive: true}
      - {id: regeln, type: yesno, dimension: e, text: Q}
recommendations:
  - id: liste
    trigger: {question: nutzung, in: [nein, wn]}
    title: T
    text: T
  - id: chat-regeln
    trigger: {question: tools, in: [chat]}
    title: T
    text: T
  - id: regeln-und-schwach
    dimension: e
    levels: [einsteiger]
    trigger: {question: regeln, equals: "no"}
    title: T
    text: T
  - id: betriebsrat
    trigger: {question: nutzung, equals: ja}
    profile: {works_council: ["yes"]}
    title: T
    text: T
  - id: klein-in-sachsen
    dimension: d
    levels: [einsteiger, entdecker, anwender, gestalter, vorreiter]
    profile: {size: ["1-9", "10-49"], state: [DE-SN]}
    title: T
    text: T
"""


def test_trigger_fires_on_listed_answer(make: Make) -> None:
    q = make(TRIGGERS)
    assert fired(q, {"nutzung": "nein"}) == ["liste"]
    assert fired(q, {"nutzung": "wn"}) == ["liste"]  # a null-scored answer still triggers
    assert fired(q, {"nutzung": "ja"}) == []


def test_trigger_on_multi_fires_when_any_listed_option_is_chosen(make: Make) -> None:
    q = make(TRIGGERS)
    assert fired(q, {"nutzung": "ja", "tools": ["bild", "chat"]}) == ["chat-regeln"]
    assert fired(q, {"nutzung": "ja", "tools": ["bild"]}) == []


def test_trigger_on_hidden_question_does_not_fire(make: Make) -> None:
    q = make(TRIGGERS)
    assert fired(q, {"nutzung": "nein", "tools": ["chat"]}) == ["liste"]


def test_levels_and_trigger_together_need_both(make: Make) -> None:
    q = make(TRIGGERS)
    # e: tools {chat, bild} = 2/2 → 1, regeln no → 0: (1 + 0) / 2 = 50 → anwender: no
    assert "regeln-und-schwach" not in fired(
        q, {"nutzung": "ja", "tools": ["chat", "bild"], "regeln": "no"}
    )
    # e: tools {keine} 0, regeln no 0 → 0 → einsteiger, and the trigger holds: yes
    assert fired(q, {"nutzung": "ja", "tools": ["keine"], "regeln": "no"}) == ["regeln-und-schwach"]
    # einsteiger but regeln yes → trigger fails: no
    assert fired(q, {"nutzung": "ja", "tools": ["keine"], "regeln": "yes"}) == []


def test_trigger_step_takes_the_question_dimension(make: Make) -> None:
    q = make(TRIGGERS)
    hits = score(q, {"nutzung": "ja", "tools": ["chat"]}).recommendations
    # chat-regeln belongs to e (tools' dimension, weight 3); e = 1 of cap 2 → 50;
    # gap × weight = (100 − 50) × 3 = 150
    assert [(h.id, h.dimension, h.urgency) for h in hits] == [("chat-regeln", "e", 150.0)]


def test_trigger_step_ordered_by_its_question_dimension_gap(make: Make) -> None:
    q = make(TRIGGERS)
    hits = score(q, {"nutzung": "nein", "regeln": "no"}).recommendations
    # liste: d = 0 → gap 100 × 1; regeln-und-schwach: e = 0 → gap 100 × 3 = 300 → first
    assert [(h.id, h.urgency) for h in hits] == [("regeln-und-schwach", 300.0), ("liste", 100.0)]


def test_profile_limit_needs_the_key_with_an_allowed_value(make: Make) -> None:
    q = make(TRIGGERS)
    answers = {"nutzung": "ja"}
    assert fired(q, answers) == []  # no profile: a limited step does not fire
    assert fired(q, answers, {"works_council": "no"}) == []
    assert fired(q, answers, {"works_council": "unknown"}) == []
    assert fired(q, answers, {"works_council": "yes"}) == ["betriebsrat"]


def test_profile_limit_with_several_keys_needs_all(make: Make) -> None:
    q = make(TRIGGERS)
    assert fired(q, {"nutzung": "wn"}, {"size": "1-9", "state": "DE-SN"}) == ["liste"]  # d unrated
    answers: dict[str, object] = {
        "nutzung": "ja",
        "tools": ["bild"],
    }  # d = 100 → vorreiter (e: 1/2)
    assert fired(q, answers, {"size": "1-9", "state": "DE-SN"}) == ["klein-in-sachsen"]
    assert fired(q, answers, {"size": "50-249", "state": "DE-SN"}) == []
    assert fired(q, answers, {"size": "10-49"}) == []
    assert fired(q, answers, {"size": "10-49", "state": "DE-BY"}) == []
