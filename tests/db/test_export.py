"""The respondent's download: everything stored, readable, without the token."""

from __future__ import annotations

import csv
import io
import json

from werkstatt import StartFactory

from zzcheck.extensions import db
from zzcheck.storage.assessments import complete_assessment, save_page
from zzcheck.storage.export import export_assessment, export_csv

PAGE = ["ki_genutzt", "ziele", "verantwortung", "budget"]


def test_export_before_completion_has_answers_and_no_result(start: StartFactory) -> None:
    assessment, token = start()
    save_page(db.session, assessment, {"ki_genutzt": "yes", "ziele": "schriftlich"}, PAGE, 1)
    data = export_assessment(assessment, "de")
    assert data["status"] == "in_progress" and data["result"] is None
    assert data["questionnaire"] == {
        "id": "werkstatt",
        "version": "2.1",
        "content_hash": assessment.questionnaire_version.content_hash,
        "title": "Werkstatt-Check",
    }
    assert [a["question_id"] for a in data["answers"]] == ["ki_genutzt", "ziele"]
    assert data["answers"][1] == {
        "question_id": "ziele",
        "section": "Einstieg",
        "question": "Gibt es schriftliche Ziele für den KI-Einsatz?",
        "type": "single",
        "value": "schriftlich",
        "answer": "Ja, schriftlich",
        "counted": True,
    }
    assert {p["field"]: p["label"] for p in data["profile"]}["state"] == "Sachsen"
    text = json.dumps(data, ensure_ascii=False)
    assert token not in text and assessment.token_hash not in text


def test_export_labels_every_answer_type_in_english(start: StartFactory) -> None:
    assessment, _ = start()
    answers = {
        "ki_genutzt": "no",
        "ziele": "keine",  # hidden now: stored, shown as not counted
        "datenquellen": ["auftraege", "zeiten"],
        "anteil_digital": 40,
        "schulungsbedarf": ["leitung", "werkstatt"],
        "sorge": "unknown",
    }
    save_page(db.session, assessment, answers, list(answers), 1)
    data = export_assessment(assessment, "en")
    shown = {a["question_id"]: (a["answer"], a["counted"]) for a in data["answers"]}
    assert shown == {
        "ki_genutzt": ("No", True),
        "ziele": ("No", False),
        "datenquellen": ("Orders; Working hours", True),
        "anteil_digital": ("40 %", True),
        "sorge": ("Don't know", True),
        "schulungsbedarf": ("Management; Shop floor", True),
    }


def test_csv_has_answers_and_result_and_defuses_formulas(start: StartFactory) -> None:
    assessment, _ = start()
    save_page(db.session, assessment, {"ki_genutzt": "yes", "budget": "viel"}, PAGE, 1)
    save_page(db.session, assessment, {"anmerkung": '=HYPERLINK("x")'}, ["anmerkung"], 3)
    result = complete_assessment(db.session, assessment)
    db.session.commit()
    text = export_csv(assessment, "de")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Art", "Kennung", "Text", "Wert"]
    assert ["Profil", "size", "Beschäftigte", "10 bis 49 Beschäftigte"] in rows
    assert ["Antwort", "budget", "Wie viel Zeit ist für KI-Versuche eingeplant?", "Viel"] in rows
    assert ["Antwort", "anmerkung", "Was möchten Sie noch sagen?", '\'=HYPERLINK("x")'] in rows
    strategie = next(row for row in rows if row[:2] == ["Bereich", "strategie"])
    assert strategie[3] == f"{result.dimension('strategie').rounded:.1f}".replace(".", ",")
    assert rows[-1][0] == "Gesamt"
