"""A questionnaire written from the README alone, scored by hand from the README's rules.

`tests/fixtures/from_readme/lager-check.yaml` was written by someone who knows YAML but
no Python, using only README.md ("Writing a questionnaire", "Scoring in a few words",
"Command line"). The expected numbers below were computed by hand from the README's
rules before the program was run; the arithmetic is kept in the comments.

Rules used (README wording in quotes):
- single: "option score ÷ highest option score"
- multi: "sum of the chosen scores, capped at max_score ÷ the cap"
- scale: "position among the scored points ÷ the highest", positions counted from 0,
  options with `score: null` left out; `reverse: true` turns s into 1 − s
- yesno: "yes 1, no 0"; "unknown" is treated like "weiß nicht" (not counted)
- number: "the band reached ÷ the best band" = score of the highest band whose min the
  answer reaches ÷ the highest band score
- area score = 100 × Σ(question weight × s) / Σ(question weight) over counted answers
- overall = Σ(area weight × area score) / Σ(area weight) over rated areas
- level = highest level whose `min` the score (one decimal) reaches
- next steps: priority ascending, then gap (100 − area score) × area weight descending;
  a trigger step belongs to the area of its trigger question

Questionnaire weights: areas prozesse 2, technik 1, team 3.
Questions: lagerverwaltung (prozesse, w2, options 0/1/3/null), datenerfassung (prozesse,
w1, multi 2/1/1/1 + exclusive keine 0, max_score 4), fehlerquote (prozesse, w1, bands
0→3, 1→2, 3→1, 5→0), scanner (technik, yesno+unknown), ki_einsatz (technik, scale of 4
+ weiss_nicht null), ki_pruefung (technik, 0/1/2, only shown for ki_einsatz in
einzelne_ablaeufe/fest_etabliert), sorgen (team, w2, reverse scale of 4), beteiligung
(team, 0/1/3), schulung_kommissionierung (need_topic), anmerkungen (text).
Levels: einsteiger 0, fortgeschritten 40, vorreiter 75.
"""

import json
import shutil
from pathlib import Path

import pytest

import zzcheck

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "from_readme"


@pytest.fixture
def runner(tmp_path):
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    shutil.copy(FIXTURES / "lager-check.yaml", folder / "lager-check.yaml")
    app = zzcheck.create_app(
        {
            "TESTING": True,
            "ZZCHECK_QUESTIONNAIRES": str(folder),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}",
        }
    )
    return app.test_cli_runner()


def score(runner, answers_file):
    result = runner.invoke(args=["zzcheck", "score", "lager-check", str(FIXTURES / answers_file)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def dimensions(result):
    return {d["id"]: d for d in result["dimensions"]}


def test_validate(runner):
    result = runner.invoke(args=["zzcheck", "validate"])
    assert result.exit_code == 0, result.output
    assert "lager-check 1.0: 10 questions, 3 dimensions" in result.output


def test_weak_company(runner):
    result = score(runner, "answers-weak.json")
    dims = dimensions(result)

    # prozesse:
    #   lagerverwaltung = tabelle: 1 ÷ 3 = 0.3333, weight 2
    #   datenerfassung = [keine] (exclusive): 0 ÷ 4 = 0, weight 1
    #   fehlerquote = 4 → band min 3, score 1: 1 ÷ 3 = 0.3333, weight 1
    #   (2 × 0.3333 + 0 + 0.3333) / 4 = 1.0 / 4 = 0.25 → 25.0 → einsteiger
    assert dims["prozesse"]["rated"] is True
    assert dims["prozesse"]["score"] == 25.0
    assert dims["prozesse"]["level"]["id"] == "einsteiger"

    # technik:
    #   scanner = no: 0, weight 1
    #   ki_einsatz = weiss_nicht (score: null): not counted
    #   ki_pruefung hidden (ki_einsatz not in einzelne_ablaeufe/fest_etabliert): not counted
    #   coverage: 1 answered of 2 shown = 0.5, not "less than half" → rated
    #   0 / 1 = 0 → 0.0 → einsteiger
    assert dims["technik"]["rated"] is True
    assert dims["technik"]["score"] == 0.0
    assert dims["technik"]["level"]["id"] == "einsteiger"

    # team:
    #   sorgen = grosse: position 3 of 0..3 → 3/3 = 1, reversed → 0, weight 2
    #   beteiligung = informiert: 1 ÷ 3 = 0.3333, weight 1
    #   (2 × 0 + 0.3333) / 3 = 0.1111 → 11.1 → einsteiger
    assert dims["team"]["rated"] is True
    assert dims["team"]["score"] == 11.1
    assert dims["team"]["level"]["id"] == "einsteiger"

    # overall: (2 × 25 + 1 × 0 + 3 × 11.111) / (2 + 1 + 3) = 83.333 / 6 = 13.89 → 13.9
    assert result["overall"]["rated"] is True
    assert result["overall"]["score"] == 13.9
    assert result["overall"]["level"]["id"] == "einsteiger"

    # Next steps that fire:
    #   bestand_digital        prozesse level einsteiger            priority 1
    #   scanner_einfuehren     trigger scanner = no                 priority 1
    #   betriebsrat_einbinden  trigger sorgen = grosse, profile works_council yes (given) priority 1
    #   team_dialog            team level einsteiger/fortgeschritten priority 2 (default)
    #   not: ki_pilot (technik is einsteiger), erfahrungen_teilen (team not vorreiter)
    # Gaps for the priority-1 tie:
    #   team (100 − 11.11) × 3 = 266.7, prozesse (100 − 25) × 2 = 150, technik (100 − 0) × 1 = 100
    assert [r["id"] for r in result["recommendations"]] == [
        "betriebsrat_einbinden",
        "bestand_digital",
        "scanner_einfuehren",
        "team_dialog",
    ]
    assert [r["priority"] for r in result["recommendations"]] == [1, 1, 1, 2]

    # need_topic: the topic is listed for the chosen groups only
    needs = {g["group"]: [t["topic"] for t in g["topics"]] for g in result["needs_by_group"]}
    assert needs == {
        "lager": ["KI-gestützte Kommissionierung"],
        "fahrer": ["KI-gestützte Kommissionierung"],
        "buero": [],
    }


def test_strong_company(runner):
    result = score(runner, "answers-strong.json")
    dims = dimensions(result)

    # prozesse:
    #   lagerverwaltung = wms: 3 ÷ 3 = 1, weight 2
    #   datenerfassung = all four: 2 + 1 + 1 + 1 = 5, capped at 4 → 4 ÷ 4 = 1, weight 1
    #   fehlerquote = 2 → band min 1, score 2: 2 ÷ 3 = 0.6667, weight 1
    #   (2 × 1 + 1 + 0.6667) / 4 = 3.6667 / 4 = 0.9167 → 91.7 → vorreiter
    assert dims["prozesse"]["score"] == 91.7
    assert dims["prozesse"]["level"]["id"] == "vorreiter"

    # technik:
    #   scanner = unknown: not counted
    #   ki_einsatz = einzelne_ablaeufe: position 2 of 0..3 → 2/3 = 0.6667, weight 1
    #   ki_pruefung (shown) = gelegentlich: 1 ÷ 2 = 0.5, weight 1
    #   coverage 2 of 3 ≥ 0.5 → rated
    #   (0.6667 + 0.5) / 2 = 0.5833 → 58.3 → fortgeschritten
    assert dims["technik"]["rated"] is True
    assert dims["technik"]["score"] == 58.3
    assert dims["technik"]["level"]["id"] == "fortgeschritten"

    # team:
    #   sorgen = geringe: position 1 → 1/3, reversed → 2/3 = 0.6667, weight 2
    #   beteiligung = mitentscheiden: 3 ÷ 3 = 1, weight 1
    #   (2 × 0.6667 + 1) / 3 = 2.3333 / 3 = 0.7778 → 77.8 → vorreiter
    assert dims["team"]["score"] == 77.8
    assert dims["team"]["level"]["id"] == "vorreiter"

    # overall: (2 × 91.667 + 1 × 58.333 + 3 × 77.778) / 6 = 475 / 6 = 79.17 → 79.2 → vorreiter
    assert result["overall"]["score"] == 79.2
    assert result["overall"]["level"]["id"] == "vorreiter"

    # Next steps that fire:
    #   scanner_einfuehren   trigger scanner = unknown       priority 1
    #   erfahrungen_teilen   team level vorreiter            priority 3
    #   ki_pilot             technik level fortgeschritten   priority 3
    #   not: bestand_digital (prozesse vorreiter), team_dialog (team vorreiter),
    #        betriebsrat_einbinden (sorgen = geringe; and works_council is "no")
    # Gaps for the priority-3 tie:
    #   team (100 − 77.78) × 3 = 66.7 before technik (100 − 58.33) × 1 = 41.7
    assert [r["id"] for r in result["recommendations"]] == [
        "scanner_einfuehren",
        "erfahrungen_teilen",
        "ki_pilot",
    ]
    assert [r["priority"] for r in result["recommendations"]] == [1, 3, 3]

    needs = {g["group"]: [t["topic"] for t in g["topics"]] for g in result["needs_by_group"]}
    assert needs == {"lager": [], "fahrer": [], "buero": ["KI-gestützte Kommissionierung"]}
