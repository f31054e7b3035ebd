"""The respondent's download: everything stored, readable, without the token."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from werkstatt import StartFactory

from zzcheck.centres import Centre, Centres
from zzcheck.extensions import db
from zzcheck.questionnaire.model import Text
from zzcheck.storage.assessments import complete_assessment, save_page
from zzcheck.storage.consent import CONSENT
from zzcheck.storage.export import export_assessment, export_csv
from zzcheck.storage.models import Assessment
from zzcheck.storage.sharing import consent_records, share_assessment, withdraw_share

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


SACHSEN = Centre(id="sachsen", name=Text(de="ZZ Sachsen", en="FC Saxony"), states=("DE-SN",))


def shared_twice(start: StartFactory) -> Assessment:
    """Shared with Saxony and withdrawn, then shared with Berlin (no longer configured)."""
    assessment, _ = start()
    save_page(db.session, assessment, {"ki_genutzt": "yes"}, PAGE, 1)
    complete_assessment(db.session, assessment)
    centres = {"sachsen", "berlin"}
    for centre, day in (("sachsen", 1), ("berlin", 20)):
        given = datetime(2026, 3, day, 9, 30, tzinfo=UTC)
        share_assessment(db.session, assessment, centre, CONSENT.version, "de", centres=centres,
                         consent_days=365, now=given)  # fmt: skip
        if centre == "sachsen":
            withdraw_share(db.session, assessment, now=datetime(2026, 3, 10, 17, 0, tzinfo=UTC))
    db.session.commit()
    return assessment


def test_the_respondents_copy_lists_their_consents(start: StartFactory) -> None:
    assessment = shared_twice(start)
    records = consent_records(db.session, assessment, 365, Centres([SACHSEN]), "en")
    data = export_assessment(assessment, "en", records)
    assert data["sharing_consents"] == [
        {
            "centre_id": "sachsen",
            "centre": "FC Saxony",
            "given_at": "2026-03-01T09:30:00+00:00",
            "valid_until": "2027-03-01T09:30:00+00:00",  # 365 days on
            "withdrawn_at": "2026-03-10T17:00:00+00:00",
        },
        {
            "centre_id": "berlin",
            "centre": "berlin",  # not configured any more: its id
            "given_at": "2026-03-20T09:30:00+00:00",
            "valid_until": "2027-03-20T09:30:00+00:00",
            "withdrawn_at": None,
        },
    ]
    assert "sharing_consents" not in export_assessment(assessment, "en")  # a centre's copy


def test_the_csv_lists_each_consents_dates(start: StartFactory) -> None:
    assessment = shared_twice(start)
    records = consent_records(db.session, assessment, 730, Centres([SACHSEN]), "de")
    rows = list(csv.reader(io.StringIO(export_csv(assessment, "de", records)), delimiter=";"))
    assert rows[-6:] == [
        ["Einwilligung", "sachsen", "ZZ Sachsen: erteilt am", "2026-03-01T09:30:00+00:00"],
        ["Einwilligung", "sachsen", "ZZ Sachsen: gültig bis", "2028-02-29T09:30:00+00:00"],
        ["Einwilligung", "sachsen", "ZZ Sachsen: widerrufen am", "2026-03-10T17:00:00+00:00"],
        ["Einwilligung", "berlin", "berlin: erteilt am", "2026-03-20T09:30:00+00:00"],
        ["Einwilligung", "berlin", "berlin: gültig bis", "2028-03-19T09:30:00+00:00"],
        ["Einwilligung", "berlin", "berlin: widerrufen am", "–"],
    ]
    assert rows[-7][0] == "Gesamt"
