"""Issue 14, points 2 and 3, through HTTP with the shipped KI-Readiness-Check: the owner's plan
for the first steps (page, storage, result page, PDF, JSON/CSV, calendar file, consultant),
bad input refused without a change, and a repeated check with its before and after."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_decimal
from centrehelp import completed, shared
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar
from pypdf import PdfReader
from sqlalchemy import func, select
from webpage import form_of, json_script, parse

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.scoring import display_score, score
from zzcheck.storage.assessments import complete_assessment, find_assessment, result_of, save_page
from zzcheck.storage.followups import AssessmentFollowup
from zzcheck.storage.models import Assessment, utcnow
from zzcheck.storage.retention import RetentionPolicy, purge
from zzcheck.storage.step_plans import PlannedStep
from zzcheck.web.plan_form import owner_today

ROOT = Path(__file__).resolve().parents[2]
ANSWERS: dict[str, Any] = {  # three first steps: a duty, a people step and a quick win
    "ki_nutzung": "einzelne",
    "ki_bereiche": ["personal"],
    "ziele": "nein",
    "nutzen_messen": "zahl_gemessen",
    "ablaeufe_beschrieben": "meiste_aktuell",
    "daten_ablage": "software",
    "it_betreuung": "fest_betreut",
    "it_geraete": "buero",
    "chat_konten": "firma",
    "ki_verantwortlich": "nein",
    "ki_kompetenz": "je_aufgabe",
    "personendaten": "woechentlich",  # a duty of priority 1: personal data in prompts
}
LATER = {**ANSWERS, "ki_nutzung": "regelmaessig"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped questionnaires that a test may edit (a new version)."""
    return Path(shutil.copytree(ROOT / "questionnaires", tmp_path / "questionnaires"))


@pytest.fixture
def app_config(app_config: dict[str, Any], folder: Path) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": str(folder)}


def first_ids(app: Flask, token: str) -> list[str]:
    with app.app_context():
        assessment = find_assessment(db.session, token)
        assert assessment is not None
        return [hit.id for hit in result_of(assessment).recommendations if hit.first]


def plan_rows(app: Flask) -> list[tuple[Any, ...]]:
    with app.app_context():
        query = select(
            PlannedStep.assessment_id,
            PlannedStep.recommendation_id,
            PlannedStep.who,
            PlannedStep.due,
        ).order_by(PlannedStep.recommendation_id)
        return [tuple(row) for row in db.session.execute(query)]


def save(client: FlaskClient, token: str, values: dict[str, str]) -> Any:
    form = form_of(parse(client.get(f"/a/{token}/plan").data), "plan-form")
    return client.post(f"/a/{token}/plan", data=form.submit(values))


@pytest.fixture
def planned(app: Flask, client: FlaskClient) -> tuple[str, list[str], date]:
    """A completed check with a plan for its first two steps (token, first ids, due)."""
    _id, token = completed(app, ANSWERS, questionnaire_id="ki-readiness")
    ids = first_ids(app, token)
    assert len(ids) >= 2, ids
    due = owner_today() + timedelta(days=30)
    client.get(f"/a/{token}/ergebnis")  # a stored copy of the page, before the plan
    values = {f"who_{ids[0]}": "Werkstattleitung", f"due_{ids[0]}": due.isoformat()}
    values[f"who_{ids[1]}"] = "Anna"
    response = save(client, token, values)
    assert response.status_code == 303, response.data[:3000]
    return token, ids, due


def test_the_plan_is_saved_and_shown_on_the_result_page(
    app: Flask, client: FlaskClient, planned: tuple[str, list[str], date]
) -> None:
    token, ids, due = planned
    rows = plan_rows(app)
    assert {(r[1], r[2], r[3]) for r in rows} == {
        (ids[0], "Werkstattleitung", due),
        (ids[1], "Anna", None),
    }
    page = parse(client.get(f"/a/{token}/ergebnis").data)
    table = page.find("table", class_="owner-plan")
    assert table is not None, "the stored result page was served with the old plan"
    first = table.find("tr", data_step=ids[0])
    assert first is not None and "Werkstattleitung" in first.text
    assert due.strftime("%d.%m.%Y") in first.text
    assert "Anna" in table.find("tr", data_step=ids[1]).text
    again = form_of(parse(client.get(f"/a/{token}/plan").data), "plan-form").defaults()
    assert again[f"who_{ids[0]}"] == ["Werkstattleitung"]
    assert again[f"due_{ids[0]}"] == [due.isoformat()]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("due", (owner_today() - timedelta(days=1)).isoformat(), "Vergangenheit"),
        ("due", (owner_today() + timedelta(days=800)).isoformat(), "zwei Jahre"),
        ("due", "31.02.2027", "Datum"),
        ("who", "x" * 10_000, "höchstens 60 Zeichen"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(
    app: Flask,
    client: FlaskClient,
    planned: tuple[str, list[str], date],
    field: str,
    value: str,
    message: str,
) -> None:
    token, ids, _due = planned
    before = plan_rows(app)
    response = save(client, token, {f"{field}_{ids[2 if len(ids) > 2 else 0]}": value})
    assert response.status_code == 400
    summary = parse(response.data).find(class_="error-summary")
    assert summary is not None and message in summary.text
    assert plan_rows(app) == before


def test_a_step_that_is_not_a_first_step_is_refused(
    app: Flask, client: FlaskClient, planned: tuple[str, list[str], date]
) -> None:
    token, ids, _due = planned
    with app.app_context():
        assessment = find_assessment(db.session, token)
        assert assessment is not None
        other = next(h.id for h in result_of(assessment).recommendations if not h.first)
    before = plan_rows(app)
    form = form_of(parse(client.get(f"/a/{token}/plan").data), "plan-form")
    data = form.submit({f"who_{other}": "Bernd", f"who_{ids[0]}": "Chef"})
    assert client.post(f"/a/{token}/plan", data=data).status_code == 400
    assert plan_rows(app) == before


def test_a_foreign_or_unknown_token_changes_no_plan(
    app: Flask, client: FlaskClient, planned: tuple[str, list[str], date]
) -> None:
    token, ids, _due = planned
    _id, other = completed(app, ANSWERS, questionnaire_id="ki-readiness")
    before = plan_rows(app)
    form = form_of(parse(client.get(f"/a/{other}/plan").data), "plan-form")
    data = form.submit({f"who_{ids[0]}": "Eindringling"})
    assert client.post(f"/a/{token[:-2]}xx/plan", data=data).status_code == 404
    assert (
        client.post(f"/a/{other}/plan", data={f"who_{ids[0]}": "x"}).status_code == 400
    )  # no CSRF
    assert plan_rows(app) == before
    assert client.get(f"/a/{token[:-2]}xx/plan.ics").status_code == 404


def test_the_calendar_file_has_the_steps_and_the_reminder_but_no_link(
    app: Flask, client: FlaskClient, planned: tuple[str, list[str], date]
) -> None:
    token, ids, due = planned
    response = client.get(f"/a/{token}/plan.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    assert token not in response.get_data(as_text=True)
    events = Calendar.from_ical(response.data).walk("VEVENT")
    with app.app_context():
        assessment = find_assessment(db.session, token)
        assert assessment is not None and assessment.completed_at is not None
        titles = {
            h["id"]: h["title"] for h in result_of(assessment).to_dict("de")["recommendations"]
        }
        done = assessment.completed_at.date()
    steps = [e for e in events if "wiederholen" not in str(e["summary"])]
    assert [(str(e["summary"]), e["dtstart"].dt) for e in steps] == [(titles[ids[0]], due)]
    assert "Werkstattleitung" in str(steps[0]["description"])
    (reminder,) = [e for e in events if "wiederholen" in str(e["summary"])]
    assert str(reminder["summary"]) == "KI-Readiness-Check wiederholen"
    month = done.month + 6
    assert reminder["dtstart"].dt.month == (month - 1) % 12 + 1
    assert "persönlichen Link" in str(reminder["description"])
    assert "/a/" not in str(reminder["description"])


def test_the_plan_is_in_the_downloads_and_the_pdf(
    app: Flask, client: FlaskClient, planned: tuple[str, list[str], date]
) -> None:
    token, ids, due = planned
    data = json.loads(client.get(f"/a/{token}/export.json").data)
    assert [(p["recommendation_id"], p["who"], p["due"]) for p in data["plan"]] == [
        (ids[0], "Werkstattleitung", due.isoformat()),
        (ids[1], "Anna", None),
    ]
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/a/{token}/export.csv").get_data(as_text=True).lstrip("\ufeff")
            ),
            delimiter=";",
        )
    )
    plan = [row for row in rows if row[0] == "Plan"]
    assert [row[1] for row in plan] == ids[:2]
    assert "Werkstattleitung" in plan[0][3] and due.isoformat() in plan[0][3]
    pdf = PdfReader(io.BytesIO(client.get(f"/a/{token}/bericht.pdf").data))
    content = " ".join(page.extract_text() for page in pdf.pages)
    assert "Ihr Plan für die ersten Schritte" in content
    assert "Werkstattleitung" in content and due.strftime("%d.%m.%Y") in content


def test_the_consultant_sees_the_plan_after_sharing_not_before(
    app: Flask, client: FlaskClient, consultant: FlaskClient, planned: tuple[str, list[str], date]
) -> None:
    token, _ids, _due = planned
    with app.app_context():
        assessment = find_assessment(db.session, token)
        assert assessment is not None
        assessment_id = assessment.id
    assert b"Werkstattleitung" not in consultant.get("/berater/").data
    assert consultant.get("/berater/freigaben/1").status_code == 404  # nothing shared yet
    share_id = shared(app, assessment_id)
    page = parse(consultant.get(f"/berater/freigaben/{share_id}").data)
    table = page.find("table", class_="owner-plan")
    assert table is not None and "Werkstattleitung" in table.text
    assert page.find("form", class_="plan-form") is None  # read-only


def test_a_repeated_check_takes_over_the_profile_and_shows_before_and_after(
    app: Flask, client: FlaskClient
) -> None:
    earlier_id, token = completed(app, ANSWERS, questionnaire_id="ki-readiness")
    form = form_of(parse(client.get(f"/a/{token}/wiederholen").data), "repeat-form")
    response = client.post(f"/a/{token}/wiederholen", data=form.submit())
    assert response.status_code == 303
    new_token = response.headers["Location"].split("/")[2]
    assert new_token != token
    assert "Ihr persönlicher Link" in client.get(f"/a/{new_token}/1").get_data(as_text=True)
    later_id = _finish(app, new_token, LATER)
    with app.app_context():
        earlier, later = (
            db.session.get(Assessment, earlier_id),
            db.session.get(Assessment, later_id),
        )
        assert earlier is not None and later is not None
        assert later.profile == earlier.profile and later.profile
        link = db.session.scalars(select(AssessmentFollowup)).one()
        assert (link.assessment_id, link.previous_id) == (later_id, earlier_id)
        loaded = current_registry().get("ki-readiness")
        assert loaded is not None
        before = score(loaded.questionnaire, ANSWERS, earlier.profile)
        after = score(loaded.questionnaire, LATER, earlier.profile)
    page = parse(client.get(f"/a/{new_token}/ergebnis").data)
    section = page.find("section", class_="before-after")
    assert section is not None
    for dim in after.dimensions:
        row = section.find("tr", data_dimension=dim.id)
        cells = [c.text for c in row.find_all("td")]
        old, new = display_score(before.dimension(dim.id).score), display_score(dim.score)
        assert cells[0] == _shown(old) and cells[1] == _shown(new), dim.id
    figure = json_script(page, "followup-data")
    assert len(figure["data"]) == 2 and figure["data"][1]["line"]["dash"] == "dash"
    assert token not in page.text and token not in client.get(f"/a/{new_token}/ergebnis").get_data(
        as_text=True
    )


def test_a_dimension_new_in_the_later_version_is_marked(
    app: Flask, app_config: dict[str, Any], client: FlaskClient, folder: Path
) -> None:
    _id, token = completed(app, ANSWERS, questionnaire_id="ki-readiness")
    _new_version(folder / "ki-readiness.yaml")
    with _started(app_config) as restarted:
        browser = restarted.test_client()
        form = form_of(parse(browser.get(f"/a/{token}/wiederholen").data), "repeat-form")
        new_token = (
            browser.post(f"/a/{token}/wiederholen", data=form.submit())
            .headers["Location"]
            .split("/")[2]
        )
        _finish(restarted, new_token, {**LATER, "nachhaltig_frage": "yes"})
        page = parse(browser.get(f"/a/{new_token}/ergebnis").data)
    row = page.find("section", class_="before-after").find("tr", data_dimension="nachhaltigkeit")
    assert row is not None and row.get("data-status") == "new"
    assert "neu in dieser Version" in row.text
    assert [c.text for c in row.find_all("td")][:1] == ["nicht gefragt"]


def test_deleting_the_earlier_check_deletes_the_link_and_the_plan(
    app: Flask, client: FlaskClient, planned: tuple[str, list[str], date]
) -> None:
    token, _ids, _due = planned
    form = form_of(parse(client.get(f"/a/{token}/wiederholen").data), "repeat-form")
    new_token = (
        client.post(f"/a/{token}/wiederholen", data=form.submit()).headers["Location"].split("/")[2]
    )
    _finish(app, new_token, LATER)
    assert b"before-after" in client.get(f"/a/{new_token}/ergebnis").data  # now stored
    form = form_of(parse(client.get(f"/a/{token}/loeschen").data))
    assert client.post(f"/a/{token}/loeschen", data=form.submit()).status_code == 200
    assert plan_rows(app) == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AssessmentFollowup)) == 0
    assert b"before-after" not in client.get(f"/a/{new_token}/ergebnis").data


def _finish(app: Flask, token: str, answers: dict[str, Any]) -> int:
    with app.app_context():
        assessment = find_assessment(db.session, token)
        assert assessment is not None
        save_page(db.session, assessment, answers, [], 3)
        complete_assessment(db.session, assessment)
        db.session.commit()
        return assessment.id


def _shown(value: float | None) -> str:
    return "zu wenige Antworten" if value is None else format_decimal(value, locale="de")


def _new_version(path: Path) -> None:
    """Version 9.9 of the file with a dimension the earlier version did not have."""
    source = path.read_text(encoding="utf-8").replace('version: "1.1"', 'version: "9.9"', 1)
    source = source.replace(
        "dimensions:\n",
        'dimensions:\n  - id: nachhaltigkeit\n    title: {de: "Nachhaltigkeit", en: "Sustainability"}\n',
        1,
    )
    question = (
        "    questions:\n      - id: nachhaltig_frage\n        type: yesno\n"
        "        dimension: nachhaltigkeit\n"
        '        text: {de: "Achten Sie auf Energie?", en: "Do you watch energy use?"}\n'
    )
    path.write_text(source.replace("    questions:\n", question, 1), encoding="utf-8")


@contextmanager
def _started(config: dict[str, Any]) -> Iterator[Flask]:
    other = create_app(config)
    try:
        yield other
    finally:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


def test_the_consultant_sees_the_link_only_when_both_checks_are_shared(
    app: Flask, client: FlaskClient, consultant: FlaskClient
) -> None:
    earlier_id, token = completed(app, ANSWERS, questionnaire_id="ki-readiness")
    form = form_of(parse(client.get(f"/a/{token}/wiederholen").data), "repeat-form")
    location = client.post(f"/a/{token}/wiederholen", data=form.submit()).headers["Location"]
    later_id = _finish(app, location.split("/")[2], LATER)
    later_share = shared(app, later_id)
    page = parse(consultant.get(f"/berater/freigaben/{later_share}").data)
    assert page.find("section", class_="followup-of") is None  # the earlier one is not shared
    earlier_share = shared(app, earlier_id)
    page = parse(consultant.get(f"/berater/freigaben/{later_share}").data)
    section = page.find("section", class_="followup-of")
    assert section is not None and "Wiederholung von Check vom" in section.text
    links = [a.get("href") for a in section.find_all("a")]
    assert f"/berater/freigaben/{earlier_share}" in links
    assert token not in consultant.get(f"/berater/freigaben/{later_share}").get_data(as_text=True)


def test_the_retention_purge_deletes_the_plan_and_the_link(
    app: Flask, client: FlaskClient, planned: tuple[str, list[str], date]
) -> None:
    token, _ids, _due = planned
    form = form_of(parse(client.get(f"/a/{token}/wiederholen").data), "repeat-form")
    location = client.post(f"/a/{token}/wiederholen", data=form.submit()).headers["Location"]
    _finish(app, location.split("/")[2], LATER)
    with app.app_context():
        counts = purge(db.session, RetentionPolicy(completed_days=1), utcnow() + timedelta(days=2))
        db.session.commit()
        assert counts.completed_deleted == 2
        assert db.session.scalar(select(func.count()).select_from(AssessmentFollowup)) == 0
    assert plan_rows(app) == []
