"""Changing a questionnaire while checks are in progress and completed (README, "Changing a
questionnaire"): every check stays on the exact file it was started with. After a question
is edited, one added and one removed (and the app restarted with the new file):

- completed results, their pages and their downloads are unchanged;
- a check in progress continues on its old questions, to the end;
- a new check gets the new file;
- the respondent's JSON and CSV name the version (and the JSON its content hash), the
  programme's export names every version it covers.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from journeyhelp import PAGE1, PAGE2, PAGE3, WERKSTATT, Respondent, field
from sqlalchemy import select

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.storage.models import QuestionnaireVersion

QUESTIONNAIRES = WERKSTATT
OLD_TEXT = "Wie konkret ist Ihr Plan für die nächsten zwölf Monate?"
NEW_TEXT = "Wie weit ist Ihr Plan für KI gediehen?"
ADDED_TEXT = "Gibt es im Betrieb eine verantwortliche Person für KI?"
REMOVED_TEXT = "Wie gut finden Beschäftigte die Daten, die sie brauchen?"


ADDED = """      - id: verantwortlich
        type: yesno
        required: true
        dimension: strategie
        text: {de: "Gibt es im Betrieb eine verantwortliche Person für KI?", en: Who is in charge?}
"""
SECTION_2 = "  - id: daten\n    title: {de: Daten, en: Data}\n    questions:"
EDITS = [
    ('version: "1.0"', 'version: "2.0"'),
    (f"text: {{de: {OLD_TEXT},", f"text: {{de: {NEW_TEXT},"),
    (SECTION_2, ADDED + SECTION_2),
    ('en: "Yes, in writing"}, score: 2}', 'en: "Yes, in writing"}, score: 4}'),
    ("name: {de: Anwender", "name: {de: Könner"),
]


def edit(path: Path) -> None:
    """Version 2.0: ``plan`` reworded, a required question added to page 1, the required
    ``ordnung`` removed from page 3, a score and a level name changed (text edits, as an
    author makes them)."""
    text = path.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    start, end = text.index("      - id: ordnung"), text.index("      - id: schulungsbedarf")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the test questionnaire that the test may edit."""
    target = tmp_path / "questionnaires"
    target.mkdir()
    shutil.copy(Path(WERKSTATT) / "werkstatt.yaml", target / "werkstatt.yaml")
    return target


@pytest.fixture
def serve(app: Flask, app_config: dict[str, Any], folder: Path) -> Iterator[Callable[[], Flask]]:
    """``serve()``: start the app on ``folder`` as it is now (a restart after an edit), on
    the test's database; engines are closed afterwards."""
    made: list[Flask] = []

    def start() -> Flask:
        made.append(create_app({**app_config, "ZZCHECK_QUESTIONNAIRES": str(folder)}))
        return made[-1]

    yield start
    for extra in made:
        with extra.app_context():
            db.engine.dispose()


def downloads(walker: Respondent, token: str) -> tuple[dict[str, Any], list[list[str]]]:
    data = json.loads(walker.client.get(f"/a/{token}/export.json").data)
    text = walker.client.get(f"/a/{token}/export.csv").get_data(as_text=True)
    return data, list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def finish(walker: Respondent, token: str) -> None:
    for number, page in ((1, PAGE1), (2, PAGE2)):
        assert walker.submit(token, number, page).status_code == 303
    assert walker.submit(token, 3, PAGE3, action="finish").status_code == 303


def test_completed_results_stay_and_checks_in_progress_keep_their_questions(
    serve: Callable[[], Flask], folder: Path
) -> None:
    before = serve()
    done, open_ = Respondent(before.test_client()), Respondent(before.test_client())
    done_token = done.start("werkstatt")
    finish(done, done_token)
    result_before = done.get(f"/a/{done_token}/ergebnis").find("main").text
    downloads_before = downloads(done, done_token)
    open_token = open_.start("werkstatt")
    assert open_.submit(open_token, 1, PAGE1).status_code == 303

    edit(folder / "werkstatt.yaml")
    after = serve()
    done, open_, new = (Respondent(after.test_client()) for _ in range(3))

    # Completed: the same page, the same downloads, version 1.0.
    assert done.get(f"/a/{done_token}/ergebnis").find("main").text == result_before
    assert "Anwender" in result_before and "Könner" not in result_before
    assert downloads(done, done_token) == downloads_before
    data, rows = downloads_before
    assert data["questionnaire"]["version"] == "1.0" and rows[1][:2] == ["Fragebogen", "werkstatt"]
    assert rows[1][3] == "1.0"

    # In progress: the old questions on every page, and it completes without the new one.
    page1 = open_.get(f"/a/{open_token}/1").text
    assert OLD_TEXT in page1 and NEW_TEXT not in page1 and ADDED_TEXT not in page1
    assert REMOVED_TEXT in open_.get(f"/a/{open_token}/3").text
    assert open_.submit(open_token, 2, PAGE2).status_code == 303
    assert open_.submit(open_token, 3, PAGE3, action="finish").status_code == 303
    assert downloads(open_, open_token)[0]["questionnaire"]["version"] == "1.0"
    assert "ordnung" in {a["question_id"] for a in downloads(open_, open_token)[0]["answers"]}

    # New: the new file.
    new_token = new.start("werkstatt")
    page1 = new.get(f"/a/{new_token}/1").text
    assert NEW_TEXT in page1 and ADDED_TEXT in page1 and OLD_TEXT not in page1
    assert REMOVED_TEXT not in new.get(f"/a/{new_token}/3").text
    data, rows = downloads(new, new_token)
    assert data["questionnaire"]["version"] == "2.0" and rows[1][3] == "2.0"
    assert (
        data["questionnaire"]["content_hash"]
        != downloads_before[0]["questionnaire"]["content_hash"]
    )


def test_a_new_check_must_answer_the_added_required_question(
    serve: Callable[[], Flask], folder: Path
) -> None:
    serve()
    edit(folder / "werkstatt.yaml")
    walker = Respondent(serve().test_client())
    token = walker.start("werkstatt")
    refused = walker.submit(token, 1, PAGE1)
    assert refused.status_code == 400 and ADDED_TEXT in refused.get_data(as_text=True)
    assert walker.submit(token, 1, {**PAGE1, field("verantwortlich"): "yes"}).status_code == 303


def test_both_versions_are_stored_and_the_programme_export_names_them(
    serve: Callable[[], Flask], folder: Path, tmp_path: Path
) -> None:
    before = serve()
    for _ in range(3):
        walker = Respondent(before.test_client())
        finish(walker, walker.start("werkstatt"))
    edit(folder / "werkstatt.yaml")
    after = serve()
    for _ in range(3):
        walker = Respondent(after.test_client())
        token = walker.start("werkstatt")
        assert walker.submit(token, 1, {**PAGE1, field("verantwortlich"): "no"}).status_code == 303
        assert walker.submit(token, 2, PAGE2).status_code == 303
        page3 = {k: v for k, v in PAGE3.items() if k != field("ordnung")}
        assert walker.submit(token, 3, page3, action="finish").status_code == 303
    with after.app_context():
        stored = (
            db.session.execute(
                select(QuestionnaireVersion.version).order_by(QuestionnaireVersion.id)
            )
            .scalars()
            .all()
        )
    assert stored == ["1.0", "2.0"]
    out = tmp_path / "aggregate.csv"
    args = ["zzcheck", "export", "--questionnaire", "werkstatt", "--by", "size", "--out", str(out)]
    result = after.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8").lstrip("\ufeff")), delimiter=";"))
    assert rows and {row["Versionen"] for row in rows} == {"1.0, 2.0"}
