"""Faults while a respondent saves (issue 8, point 5), through the test client on SQLite and
PostgreSQL: a database error in the middle of a save, and a CSRF token that expired while a
long page was open. Each keeps what was typed, asks to send the page again, and loses no
answer saved earlier. (The concurrency tests against a real server are in ``tests/server/``.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from itsdangerous import TimestampSigner
from journeyhelp import PAGE1, PAGE2, PAGE3, PROFILE, WERKSTATT, Respondent, field
from sqlalchemy import event, select
from webpage import Element, form_of, parse
from werkzeug.test import TestResponse

from zzcheck.extensions import db
from zzcheck.storage.assessments import find_assessment
from zzcheck.storage.models import Assessment, DimensionScore

QUESTIONNAIRES = WERKSTATT
SAVED_1 = {"ki_genutzt": "yes", "ziele": "muendlich", "ziele_geprueft": "no", "plan": "ideen"}
SAVED_2 = {"datenquellen": ["auftraege", "lager"], "anteil_digital": 40, "ki_tools_daten": "yes"}
NOT_SAVED = "konnten gerade nicht gespeichert werden"
SEND_AGAIN = "senden Sie die Seite noch einmal ab"


@pytest.fixture
def token(respondent: Respondent) -> str:
    """An assessment with pages 1 and 2 saved; the respondent is on page 3."""
    token = respondent.start("werkstatt")
    assert respondent.submit(token, 1, PAGE1).status_code == 303
    assert respondent.submit(token, 2, PAGE2).status_code == 303
    return token


@pytest.fixture
def fail_on(app: Flask) -> Iterator[Callable[[str], list[str]]]:
    """``fail_on("INSERT INTO answer")``: the next statement starting so raises the driver's
    own OperationalError (as a lost connection or a lock timeout would), once. Returns the
    list of failed statements."""
    armed: list[str] = []
    failed: list[str] = []

    def before(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if armed and statement.lstrip().upper().startswith(armed[0]):
            failed.append(armed.pop())
            raise conn.dialect.dbapi.OperationalError("injected fault: database unavailable")

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)

    def arm(prefix: str) -> list[str]:
        armed[:] = [prefix.upper()]
        return failed

    yield arm
    event.remove(engine, "before_cursor_execute", before)


def read_assessment(app: Flask, token: str) -> tuple[dict[str, object], int, str, int]:
    """Stored answers, resume point, status and number of stored dimension scores."""
    with app.app_context():
        assessment = find_assessment(db.session, token)
        assert assessment is not None
        answers = {a.question_id: a.value for a in assessment.answers}
        query = select(DimensionScore).where(DimensionScore.assessment_id == assessment.id)
        scores = len(db.session.scalars(query).all())
        return answers, assessment.current_section, assessment.status, scores


def page_again(response: TestResponse, status: int) -> Element:
    """The page shown again, with the message to send it again."""
    assert response.status_code == status, response.data.decode()[:1500]
    root = parse(response.data)
    message = root.find(class_="flash-error")
    assert message is not None and SEND_AGAIN in message.text, root.text[:800]
    return root


@pytest.mark.parametrize(
    "statement", ["UPDATE assessment", "INSERT INTO answer", "DELETE FROM answer"]
)
def test_a_database_error_in_the_middle_of_a_save_keeps_typed_and_saved_answers(
    app: Flask,
    respondent: Respondent,
    token: str,
    fail_on: Callable[[str], list[str]],
    statement: str,
) -> None:
    before = read_assessment(app, token)
    assert before[:2] == ({**SAVED_1, **SAVED_2}, 2)
    _root, form = respondent.page(token, 1)  # back to page 1: change one answer, empty another
    typed = form.submit({field("ziele"): "schriftlich", field("plan"): []}, action="next")
    failed = fail_on(statement)
    root = page_again(respondent.post(f"/a/{token}/1", typed), 503)
    assert failed == [statement.upper()]  # the fault hit this statement of the save
    assert NOT_SAVED in root.find(class_="flash-error").text
    again = form_of(root, "questions").defaults()
    assert again[field("ziele")] == ["schriftlich"] and field("plan") not in again
    assert read_assessment(app, token) == before  # nothing half-saved, page 2 intact
    resent = respondent.post(f"/a/{token}/1", form_of(root, "questions").submit(action="next"))
    assert resent.status_code == 303 and resent.headers["Location"].endswith(f"/a/{token}/2")
    expected = {**SAVED_1, "ziele": "schriftlich", **SAVED_2}
    del expected["plan"]  # emptied on purpose
    assert read_assessment(app, token)[0] == expected


def test_a_database_error_while_finishing_leaves_the_check_open_and_resending_completes_it(
    app: Flask, respondent: Respondent, token: str, fail_on: Callable[[str], list[str]]
) -> None:
    _root, form = respondent.page(token, 3)
    failed = fail_on("INSERT INTO dimension_score")  # after the answers and the status
    root = page_again(respondent.post(f"/a/{token}/3", form.submit(PAGE3, "finish")), 503)
    assert failed == ["INSERT INTO DIMENSION_SCORE"]
    assert form_of(root, "questions").defaults()[field("ordnung")] == ["meist"]
    answers, _section, status, scores = read_assessment(app, token)
    assert (answers, status, scores) == ({**SAVED_1, **SAVED_2}, "in_progress", 0)
    resent = respondent.post(f"/a/{token}/3", form_of(root, "questions").submit(action="finish"))
    assert resent.status_code == 303 and resent.headers["Location"].endswith("/ergebnis")
    answers, _section, status, scores = read_assessment(app, token)
    assert (status, scores) == ("completed", 2) and answers["ordnung"] == "meist"


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """CSRF tokens expire after a minute here (the app's default is no time limit)."""
    return {**app_config, "WTF_CSRF_TIME_LIMIT": 60}


def test_an_expired_csrf_token_on_a_long_page_keeps_what_was_typed(
    app: Flask, respondent: Respondent, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _root, form = respondent.page(token, 3)  # the token in the form is signed now …
    real_clock = TimestampSigner.get_timestamp
    later = lambda signer: real_clock(signer) + 61 * 60  # noqa: E731  … and 61 minutes pass
    monkeypatch.setattr(TimestampSigner, "get_timestamp", later)
    root = page_again(respondent.post(f"/a/{token}/3", form.submit(PAGE3, "finish")), 400)
    assert "Ihre Eingaben wurden noch nicht gespeichert" in root.find(class_="flash-error").text
    again = form_of(root, "questions")
    typed = again.defaults()
    assert typed[field("ordnung")] == ["meist"]
    assert typed[field("schulungsbedarf")] == ["produktion"]
    assert typed[field("anmerkung")] == [PAGE3[field("anmerkung")]]  # free text, as typed
    assert typed["csrf_token"] != form.defaults()["csrf_token"]  # a fresh token
    assert read_assessment(app, token)[2:] == ("in_progress", 0)  # nothing stored
    resent = respondent.post(f"/a/{token}/3", again.submit(action="finish"))
    assert resent.status_code == 303 and resent.headers["Location"].endswith("/ergebnis")
    answers, _section, status, _scores = read_assessment(app, token)
    assert status == "completed" and answers["anmerkung"] == PAGE3[field("anmerkung")]


def test_a_database_error_elsewhere_gives_503_with_try_again_and_writes_nothing(
    app: Flask,
    respondent: Respondent,
    token: str,
    fail_on: Callable[[str], list[str]],
    count_rows: Callable[[type], int],
) -> None:
    form = form_of(respondent.get("/werkstatt/start"))
    failed = fail_on("INSERT INTO assessment")
    response = respondent.post("/werkstatt/start", form.submit(PROFILE))
    assert failed == ["INSERT INTO ASSESSMENT"]
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    text = parse(response.data).find("main").text
    assert "Die Datenbank ist gerade nicht erreichbar" in text
    assert "Bereits gespeicherte Antworten sind nicht verloren" in text
    assert count_rows(Assessment) == 1  # only the fixture's
    fail_on("SELECT")
    response = respondent.client.get(f"/a/{token}/2", headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert "The database cannot be reached right now" in response.get_data(as_text=True)
    assert respondent.client.get(f"/a/{token}/2").status_code == 200  # the next try works
    assert read_assessment(app, token)[0] == {**SAVED_1, **SAVED_2}
