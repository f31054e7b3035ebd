"""The README's questionnaire and answers examples work exactly as the README says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskCliRunner

from zzcheck import create_app

README = Path(__file__).resolve().parents[2] / "README.md"


def _block(language: str) -> str:
    match = re.search(rf"```{language}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert match, f"README has no ```{language} block"
    return match.group(1)


@pytest.fixture
def readme_runner(tmp_path: Path) -> FlaskCliRunner:
    """An app whose only questionnaire is the README example."""
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    (folder / "werkstatt.yaml").write_text(_block("yaml"), encoding="utf-8")
    app = create_app(
        {
            "TESTING": True,
            "ZZCHECK_QUESTIONNAIRES": str(folder),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}",
        }
    )
    return app.test_cli_runner()


def _score(runner: FlaskCliRunner, tmp_path: Path, document: dict[str, Any]) -> dict[str, Any]:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(document), encoding="utf-8")
    result = runner.invoke(args=["zzcheck", "score", "werkstatt", str(answers)])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output))


def test_the_readme_example_validates(readme_runner: FlaskCliRunner) -> None:
    result = readme_runner.invoke(args=["zzcheck", "validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("werkstatt 1.0: 4 questions, 2 dimensions")


def test_the_readme_answers_score_as_computed_by_hand(
    readme_runner: FlaskCliRunner, tmp_path: Path
) -> None:
    result = _score(readme_runner, tmp_path, json.loads(_block("json")))
    # daten: liste "teilweise" 1/2, daten_digital point 2 of 0..3 = 2/3 -> 100*(1/2+2/3)/2 = 58.3
    # team (weight 2): yes = 1, austausch point 1 of 0..3 = 1/3 -> 100*(1+1/3)/2 = 66.7
    # overall: (58.33*1 + 66.67*2) / 3 = 63.9; both dimensions reach "anwender" (min 50)
    scores = {d["id"]: (d["score"], d["level"]["id"]) for d in result["dimensions"]}
    assert scores == {"daten": (58.3, "anwender"), "team": (66.7, "anwender")}
    assert result["overall"]["score"] == 63.9
    assert result["recommendations"] == []


def test_a_trigger_and_a_hidden_question_as_the_readme_describes(
    readme_runner: FlaskCliRunner, tmp_path: Path
) -> None:
    # ki_genutzt "no" hides "liste": daten = daten_digital "keine" = 0; team = (0 + 0)/2 = 0
    answers = {"ki_genutzt": "no", "daten_digital": "keine", "austausch": "nie"}
    result = _score(readme_runner, tmp_path, {"answers": answers})
    daten = next(d for d in result["dimensions"] if d["id"] == "daten")
    assert (daten["score"], daten["answered"], daten["total"]) == (0.0, 1, 1)
    assert [r["id"] for r in result["recommendations"]] == ["team_start"]
    answers = {
        "ki_genutzt": "yes",
        "liste": "weiss_nicht",
        "daten_digital": "alle",
        "austausch": "woechentlich",
    }
    result = _score(readme_runner, tmp_path, {"answers": answers})
    assert [r["id"] for r in result["recommendations"]] == ["liste_anlegen"]
