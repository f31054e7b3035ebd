"""Everything stored about one assessment, for the respondent's own download (JSON and CSV).

The download holds the answers with their question texts, the company profile, the dates,
the result and the owner's plan for the first steps; never the token or its hash. The
respondent's own copy also lists their consents to share it with a centre (a data
subject's copy of their data); a centre's copy does not.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy.orm import object_session

from zzcheck.questionnaire.model import Question, Questionnaire
from zzcheck.questionnaire.profile import PROFILE_FIELDS, label
from zzcheck.scoring import visible_questions
from zzcheck.spreadsheet import neutralise
from zzcheck.storage.assessments import answers_of, questionnaire_of, result_of
from zzcheck.storage.models import Assessment
from zzcheck.storage.sharing import ConsentRecord
from zzcheck.storage.step_plans import plan_of

YESNO = {"yes": ("Ja", "Yes"), "no": ("Nein", "No"), "unknown": ("Weiß nicht", "Don't know")}
PROFILE_TITLES = {
    "industry": ("Branche (WZ-Abschnitt)", "Industry (NACE section)"),
    "size": ("Beschäftigte", "Employees"),
    "state": ("Bundesland", "Federal state"),
    "works_council": ("Betriebsrat", "Works council"),
    "role": ("Rolle der antwortenden Person", "Role of the person answering"),
}
CSV_HEADER = {"de": ("Art", "Kennung", "Text", "Wert"), "en": ("kind", "id", "text", "value")}
CSV_KINDS = {
    "de": {
        "questionnaire": "Fragebogen",
        "profile": "Profil",
        "answer": "Antwort",
        "dimension": "Bereich",
        "overall": "Gesamt",
        "consent": "Einwilligung",
        "plan": "Plan",
    },
    "en": {
        "questionnaire": "questionnaire",
        "profile": "profile",
        "answer": "answer",
        "dimension": "dimension",
        "overall": "overall",
        "consent": "consent",
        "plan": "plan",
    },
}
PLAN_TITLES = {"who": ("Wer", "Who"), "due": ("bis", "due")}
CONSENT_TITLES = {
    "given_at": ("erteilt am", "given at"),
    "valid_until": ("gültig bis", "valid until"),
    "withdrawn_at": ("widerrufen am", "withdrawn at"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def export_assessment(
    assessment: Assessment, lang: str = "de", consents: Sequence[ConsentRecord] | None = None
) -> dict[str, Any]:
    """A JSON-ready dict of the assessment: profile, dates, answers with texts, result, and
    the sharing ``consents`` unless they are None (a centre's copy)."""
    questionnaire = questionnaire_of(assessment)
    version = assessment.questionnaire_version
    data: dict[str, Any] = {
        "questionnaire": {
            "id": version.questionnaire_id,
            "version": version.version,
            "content_hash": version.content_hash,  # tells apart edits under one version
            "title": questionnaire.title.get(lang),
        },
        "status": assessment.status,
        "started_at": assessment.started_at.isoformat(),
        "updated_at": assessment.updated_at.isoformat(),
        "completed_at": assessment.completed_at.isoformat() if assessment.completed_at else None,
        "profile": _profile(assessment, lang),
        "answers": list(_answers(questionnaire, answers_of(assessment), assessment.profile, lang)),
        "result": result_of(assessment).to_dict(lang) if assessment.is_completed else None,
    }
    data["plan"] = _plan(assessment, data["result"])
    if consents is not None:
        data["sharing_consents"] = [_consent(record) for record in consents]
    return data


def _plan(assessment: Assessment, result: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The owner's plan for the first steps, in their order (``step_plans``)."""
    session = object_session(assessment)
    if result is None or session is None:
        return []
    plan = plan_of(session, assessment.id)
    return [
        {
            "recommendation_id": step["id"],
            "title": step["title"],
            "who": entry.who,
            "due": entry.due.isoformat() if entry.due else None,
        }
        for step in result["recommendations"]
        if (entry := plan.get(step["id"])) is not None
    ]


def _consent(record: ConsentRecord) -> dict[str, str | None]:
    return {
        "centre_id": record.centre_id,
        "centre": record.centre,
        "given_at": record.given_at.isoformat(),
        "valid_until": record.valid_until.isoformat(),
        "withdrawn_at": record.withdrawn_at.isoformat() if record.withdrawn_at else None,
    }


def _profile(assessment: Assessment, lang: str) -> list[dict[str, str]]:
    return [
        {
            "field": field,
            "title": _pick(PROFILE_TITLES[field], lang),
            "code": code,
            "label": label(field, code, lang),
        }
        for field, code in assessment.profile.items()
        if field in PROFILE_FIELDS
    ]


def _answers(
    questionnaire: Questionnaire,
    answers: dict[str, object],
    profile: Mapping[str, str],
    lang: str,
) -> Iterator[dict[str, Any]]:
    """In file order; ``counted`` is False for an answer whose question is now hidden."""
    shown = {question.id for question in visible_questions(questionnaire, answers, profile)}
    for section in questionnaire.sections:
        for question in section.questions:
            if question.id in answers:
                value = answers[question.id]
                yield {
                    "question_id": question.id,
                    "section": section.title.get(lang),
                    "question": question.text.get(lang),
                    "type": question.type,
                    "value": value,
                    "answer": answer_text(questionnaire, question, value, lang),
                    "counted": question.id in shown,
                }


def answer_text(questionnaire: Questionnaire, question: Question, value: object, lang: str) -> str:
    """An answer as a reader sees it: option labels instead of ids, numbers with their unit."""
    if question.type == "yesno" and isinstance(value, str):
        return _pick(YESNO[value], lang) if value in YESNO else value
    if isinstance(value, list):
        return "; ".join(_choice_label(questionnaire, question, item, lang) for item in value)
    if isinstance(value, str) and question.type in ("single", "scale"):
        return _choice_label(questionnaire, question, value, lang)
    if question.type == "number" and question.unit is not None:
        return f"{value} {question.unit.get(lang)}"
    return str(value)


def _choice_label(questionnaire: Questionnaire, question: Question, item: object, lang: str) -> str:
    option = question.option(str(item))
    if option is not None:
        return option.label.get(lang)
    group = next((g for g in questionnaire.employee_groups if g.id == item), None)
    return group.label.get(lang) if group is not None else str(item)


def export_csv(
    assessment: Assessment, lang: str = "de", consents: Sequence[ConsentRecord] | None = None
) -> str:
    """The download as CSV for spreadsheets: ``;``-separated, with a UTF-8 BOM for Excel."""
    data = export_assessment(assessment, lang, consents)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER.get(lang, CSV_HEADER["de"]))
    writer.writerows([neutralise(c) for c in row] for row in _csv_rows(data, lang))
    return "\ufeff" + buffer.getvalue()


def _csv_rows(data: dict[str, Any], lang: str) -> Iterator[tuple[object, ...]]:
    kinds = CSV_KINDS.get(lang, CSV_KINDS["de"])
    about = data["questionnaire"]
    yield kinds["questionnaire"], about["id"], about["title"], about["version"]
    for item in data["profile"]:
        yield kinds["profile"], item["field"], item["title"], item["label"]
    for item in data["answers"]:
        yield kinds["answer"], item["question_id"], item["question"], item["answer"]
    result = data["result"]
    if result is not None:
        for dim in result["dimensions"]:
            yield kinds["dimension"], dim["id"], dim["title"], _number(dim["score"], lang)
        overall = _number(result["overall"]["score"], lang)
        yield kinds["overall"], "", data["questionnaire"]["title"], overall
    for item in data["plan"]:
        yield kinds["plan"], item["recommendation_id"], item["title"], _plan_value(item, lang)
    yield from _consent_rows(data.get("sharing_consents", []), kinds["consent"], lang)


def _consent_rows(
    consents: list[dict[str, str | None]], kind: str, lang: str
) -> Iterator[tuple[object, ...]]:
    """Per consent one row for each of its dates (``–`` where it was never withdrawn)."""
    for consent in consents:
        for field, title in CONSENT_TITLES.items():
            text = f"{consent['centre']}: {_pick(title, lang)}"
            yield kind, consent["centre_id"], text, consent[field] or "–"


def _plan_value(item: dict[str, Any], lang: str) -> str:
    """``Wer: Anna; bis: 2027-03-31`` (``–`` where not planned)."""
    who, due = _pick(PLAN_TITLES["who"], lang), _pick(PLAN_TITLES["due"], lang)
    return f"{who}: {item['who'] or '–'}; {due}: {item['due'] or '–'}"


def _number(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",") if lang != "en" else f"{value:.1f}"
