"""Loading files and folders: the typed result, pinning data, folder-wide errors, caching."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from zzcheck.questionnaire import QuestionnaireError, load_file, load_folder, load_text, loader

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "questionnaires" / "mini.yaml"


def test_mini_example_loads_with_every_question_type() -> None:
    loaded = load_file(MINI)
    q = loaded.questionnaire
    assert {question.type for question in q.questions} == {
        "single",
        "multi",
        "scale",
        "yesno",
        "number",
        "text",
    }
    assert loaded.source == MINI.read_text(encoding="utf-8")
    assert loaded.content_hash == hashlib.sha256(MINI.read_bytes()).hexdigest()
    assert loaded.path == str(MINI)
    assert loaded.summary() == f"mini 1.0: 7 questions, 2 dimensions, {MINI}"


def test_need_topic_options_are_the_employee_groups_unscored() -> None:
    question = load_file(MINI).questionnaire.question("schulungsbedarf")
    assert question is not None
    assert [(o.id, o.label.de, o.score) for o in question.options] == [
        ("leitung", "Geschäftsleitung", None),
        ("produktion", "Produktion", None),
    ]


def test_numeric_version_keeps_its_spelling() -> None:
    text = MINI.read_text(encoding="utf-8").replace('version: "1.0"', "version: 1.10")
    assert load_text(text, "mini.yaml").questionnaire.version == "1.10"


def test_id_must_equal_file_stem(tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    shutil.copy(MINI, path)
    with pytest.raises(QuestionnaireError) as error:
        load_file(path)
    assert str(error.value) == f"{path}:2: id: the id 'mini' must equal the file name 'other'"


def test_folder_reports_the_problems_of_all_files(tmp_path: Path) -> None:
    shutil.copy(MINI, tmp_path / "mini.yaml")
    (tmp_path / "a.yaml").write_text("id: a\nid: b\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("- not a mapping\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    with pytest.raises(QuestionnaireError) as error:
        load_folder(tmp_path)
    files = {Path(issue.file).name for issue in error.value.issues}
    assert files == {"a.yaml", "b.yml"}
    not_mapping = "the file must be a mapping of keys (id:, title: …), but it is a list"
    assert f"{tmp_path / 'b.yml'}:1: -: {not_mapping}" in str(error.value)


def test_folder_gives_questionnaires_by_id(tmp_path: Path) -> None:
    shutil.copy(MINI, tmp_path / "mini.yaml")
    assert list(load_folder(tmp_path)) == ["mini"]


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    shutil.copy(MINI, tmp_path / "mini.yaml")
    shutil.copy(MINI, tmp_path / "mini.yml")
    with pytest.raises(QuestionnaireError) as error:
        load_folder(tmp_path)
    used = f"the id 'mini' is already used by {tmp_path / 'mini.yaml'}"
    assert str(error.value) == f"{tmp_path / 'mini.yml'}:2: id: {used}"


def test_a_file_is_parsed_once_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counting(text: str, filename: str, legal: Any = None) -> loader.LoadedQuestionnaire:
        calls.append(filename)
        return load_text(text, filename, legal)

    monkeypatch.setattr(loader, "load_text", counting)
    path = tmp_path / "mini.yaml"
    shutil.copy(MINI, path)
    first = load_file(path)
    assert load_file(path) is first
    assert load_folder(tmp_path)["mini"] is first
    assert len(calls) == 1

    path.write_text(
        MINI.read_text(encoding="utf-8").replace("Mini-Check", "Mini-Test"), encoding="utf-8"
    )
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 1_000_000_000))  # a coarse clock
    assert load_file(path).questionnaire.title.de == "Mini-Test"
    assert len(calls) == 2


def test_a_broken_file_is_also_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(
        loader,
        "load_text",
        lambda text, name, legal=None: calls.append(name) or load_text(text, name, legal),
    )
    path = tmp_path / "x.yaml"
    path.write_text("id: x\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(QuestionnaireError):
            load_file(path)
    assert len(calls) == 1
