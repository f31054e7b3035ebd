"""``flask zzcheck validate`` refuses settings that cannot work on their question: a
``max_score`` the options cannot reach or on another type than multi, ``reverse`` on a text
or unscored question, a ``dimension`` on a text question."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner

from zzcheck import create_app

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "questionnaires" / "mini.yaml"
DATENQUELLEN = "      - id: datenquellen\n        type: multi\n"
ZIELE = "      - id: ziele\n        type: single\n"
SCHULUNG = "      - id: schulungsbedarf\n        type: multi\n"
ANMERKUNG = "      - id: anmerkung\n        type: text\n"


@pytest.fixture
def cli(tmp_path: Path) -> FlaskCliRunner:
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "ZZCHECK_QUESTIONNAIRES": str(MINI.parent),
    })  # fmt: skip
    return app.test_cli_runner()


def validate(cli: FlaskCliRunner, tmp_path: Path, *edits: tuple[str, str]) -> tuple[Path, str]:
    """mini.yaml with each ``(question start, added line)`` edit; validate's output and file."""
    text = MINI.read_text(encoding="utf-8")
    for start, added in edits:
        assert start in text
        text = text.replace(start, start + f"        {added}\n", 1)
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli.invoke(args=["zzcheck", "validate", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return path, result.stdout


def line_of(path: Path, start: str, added: str) -> int:
    """The line (from 1) of ``added`` under the question that begins with ``start``."""
    text = path.read_text(encoding="utf-8")
    return text[: text.index(start + f"        {added}\n") + len(start)].count("\n") + 1


def test_a_max_score_the_options_cannot_reach(cli: FlaskCliRunner, tmp_path: Path) -> None:
    path, out = validate(cli, tmp_path, (DATENQUELLEN, "max_score: 5"))
    line = line_of(path, DATENQUELLEN, "max_score: 5")
    assert out.splitlines() == [
        f"{path}:{line}: sections[1].questions[0].max_score: max_score 5 is more than the "
        "options can reach (2), so the question could never score full marks"
    ]


def test_a_max_score_the_options_reach_is_fine(cli: FlaskCliRunner, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        DATENQUELLEN, DATENQUELLEN + "        max_score: 2\n"
    )
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli.invoke(args=["zzcheck", "validate", str(path)])
    assert result.exit_code == 0, result.output


def test_max_score_on_a_single_question(cli: FlaskCliRunner, tmp_path: Path) -> None:
    path, out = validate(cli, tmp_path, (ZIELE, "max_score: 2"))
    line = line_of(path, ZIELE, "max_score: 2")
    assert out.splitlines() == [
        f"{path}:{line}: sections[0].questions[1].max_score: "
        "max_score applies to multi questions only, not to single"
    ]


def test_reverse_on_a_text_and_on_an_unscored_question(cli: FlaskCliRunner, tmp_path: Path) -> None:
    path, out = validate(cli, tmp_path, (ANMERKUNG, "reverse: true"), (SCHULUNG, "reverse: true"))
    text_line = line_of(path, ANMERKUNG, "reverse: true")
    unscored_line = line_of(path, SCHULUNG, "reverse: true")
    assert out.splitlines() == [
        f"{path}:{unscored_line}: sections[1].questions[3].reverse: "
        "reverse needs a scored question: add 'dimension' or remove 'reverse'",
        f"{path}:{text_line}: sections[1].questions[4].reverse: "
        "a text question is never scored: remove 'reverse'",
    ]


def test_a_dimension_on_a_text_question(cli: FlaskCliRunner, tmp_path: Path) -> None:
    path, out = validate(cli, tmp_path, (ANMERKUNG, "dimension: daten"))
    line = line_of(path, ANMERKUNG, "dimension: daten")
    assert out.splitlines() == [
        f"{path}:{line}: sections[1].questions[4].dimension: "
        "a text question is never scored: remove 'dimension'"
    ]
