"""``flask zzcheck score QUESTIONNAIRE ANSWERS.json`` on good and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskCliRunner

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """These commands touch no database: SQLite only, not once per backend."""
    return f"sqlite:///{tmp_path / 'zzcheck.sqlite'}"


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": str(FIXTURES)}


def write(tmp_path: Path, document: object) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_score_prints_the_result_json(runner: FlaskCliRunner, tmp_path: Path) -> None:
    answers = {"ki_nutzung": "ja", "ziele": "voll", "ki_inventar": "nein", "sorgen": "no"}
    path = write(tmp_path, {"answers": answers, "profile": {"works_council": "yes"}})
    result = runner.invoke(args=["zzcheck", "score", "rich", path])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # strategie: ki_nutzung 2/2 (w1), ziele 4/4 (w2), ki_tools shown but unanswered (w1):
    # coverage 3/4, score (1 + 2) / 3 = 100
    assert data["dimensions"][0]["score"] == 100.0
    assert data["dimensions"][0]["level"]["name"] == "Vorreiter"
    assert [r["id"] for r in data["recommendations"]] == ["ki-inventar", "betriebsvereinbarung"]
    assert result.stdout == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert result.stderr == ""


def test_score_in_english(runner: FlaskCliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, {"answers": {"ki_nutzung": "nein"}})
    result = runner.invoke(args=["zzcheck", "score", "--lang", "en", "rich", path])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["lang"], data["dimensions"][0]["title"]) == ("en", "Strategy")
    assert "Each answer counts" in data["explanation"]


def test_unknown_questionnaire(runner: FlaskCliRunner, tmp_path: Path) -> None:
    result = runner.invoke(args=["zzcheck", "score", "nope", write(tmp_path, {"answers": {}})])
    assert result.exit_code == 1
    assert result.stderr == "error: unknown questionnaire 'nope'\n"
    assert result.stdout == ""


def test_each_bad_answer_gets_one_line(runner: FlaskCliRunner, tmp_path: Path) -> None:
    path = write(
        tmp_path, {"answers": {"ki_nutzung": "vielleicht", "ki_tools": ["chat", "chat"], "x": 1}}
    )
    result = runner.invoke(args=["zzcheck", "score", "rich", path])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {path}: ki_nutzung: option 'vielleicht' not offered "
        "(nein, teils, ja, weiss_nicht)",
        f"error: {path}: ki_tools: option chosen twice in ['chat', 'chat']",
        f"error: {path}: x: no such question",
    ]
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "{not json",
            "invalid JSON: Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1)",
        ),
        ("[]", 'expected a JSON object with an "answers" object'),
        ('{"answers": {}, "extra": 1}', "unknown top-level key(s): extra"),
        (
            '{"answers": {}, "profile": {"size": 10}}',
            '"profile" must be an object of text values, e.g. {"size": "10-49"}',
        ),
    ],
)
def test_bad_answers_file(
    runner: FlaskCliRunner, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(args=["zzcheck", "score", "rich", str(path)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: {message}\n"


def test_missing_answers_file(runner: FlaskCliRunner, tmp_path: Path) -> None:
    result = runner.invoke(args=["zzcheck", "score", "rich", str(tmp_path / "missing.json")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'missing.json'}: [Errno 2] No such file")
