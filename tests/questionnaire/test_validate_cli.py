"""``flask zzcheck validate``: summary lines and exit 0, or one line per problem and exit 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner

from zzcheck import create_app

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "questionnaires" / "mini.yaml"


@pytest.fixture
def good_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "good"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.yaml")
    return folder


@pytest.fixture
def cli(tmp_path: Path, good_folder: Path) -> FlaskCliRunner:
    """An app whose configured questionnaire folder is ``good_folder`` (no database needed)."""
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "ZZCHECK_QUESTIONNAIRES": str(good_folder),
    })  # fmt: skip
    return app.test_cli_runner()


def test_default_folder_is_valid(cli: FlaskCliRunner, good_folder: Path) -> None:
    result = cli.invoke(args=["zzcheck", "validate"])
    assert result.exit_code == 0
    assert result.stdout == f"mini 1.0: 7 questions, 2 dimensions, {good_folder / 'mini.yaml'}\n"


def test_broken_files_print_every_problem_and_exit_1(cli: FlaskCliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    text = MINI.read_text(encoding="utf-8")
    (broken / "mini.yaml").write_text(
        text.replace("dimension: daten\n", "dimension: date\n", 1), encoding="utf-8"
    )
    (broken / "other.yaml").write_text("id: other\nid: again\n", encoding="utf-8")
    result = cli.invoke(args=["zzcheck", "validate", str(broken), str(MINI)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    unknown = "unknown dimension 'date' (did you mean 'daten'?)"
    assert f"{broken / 'mini.yaml'}:58: sections[1].questions[0].dimension: {unknown}" in lines
    assert f"{broken / 'other.yaml'}:2: id: duplicate key 'id' (first at line 1)" in lines
    assert all(line.startswith(str(broken)) for line in lines)  # the good file adds no line
    assert "problem(s) found" in result.stderr
