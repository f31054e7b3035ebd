"""Flask-WTF forms built at runtime from a questionnaire section (one field per question).

Field names are ``q_`` + question id, so a posted name with that prefix that the page does
not have is recognisably an unknown (or tampered) question, and no question id can clash
with an attribute of the form class.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from flask import request
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import Field

from zzcheck.questionnaire.model import Question, Questionnaire, Section
from zzcheck.web.fields import FIELD_TYPES

FIELD_PREFIX = "q_"


def field_name(question_id: str) -> str:
    return FIELD_PREFIX + question_id


class SectionForm(FlaskForm):  # type: ignore[misc]  # WTForms is untyped
    """One page of a questionnaire; subclasses are made by :func:`section_form`."""

    questions: ClassVar[tuple[Question, ...]] = ()

    def field_of(self, question: Question) -> Field:
        return self[field_name(question.id)]

    def read(self) -> tuple[dict[str, object], dict[str, str]]:
        """Each question's submitted value (None = empty) and the texts that are no value."""
        values: dict[str, object] = {}
        errors: dict[str, str] = {}
        for question in self.questions:
            try:
                values[question.id] = FIELD_TYPES[question.type].coerce(self.field_of(question))
            except ValueError as error:
                values[question.id] = None
                errors[question.id] = str(error)
        return values, errors

    def unknown_names(self) -> list[str]:
        """Posted question fields that this page does not have (tampered or stale forms)."""
        posted = request.form if self.is_submitted() else MultiDict()
        known = {field_name(question.id) for question in self.questions}
        return sorted({name for name in posted if name.startswith(FIELD_PREFIX)} - known)


def section_form(
    questionnaire: Questionnaire,
    section: Section,
    lang: str,
    answers: Mapping[str, object] | None = None,
) -> SectionForm:
    """The page's form: filled from the request on POST, from stored ``answers`` otherwise."""
    attrs: dict[str, Any] = {"questions": section.questions}
    for question in section.questions:
        attrs[field_name(question.id)] = FIELD_TYPES[question.type].unbound(
            questionnaire, question, lang
        )
    form_class = type("SectionForm", (SectionForm,), attrs)
    if answers is None:
        return form_class()  # type: ignore[no-any-return]
    data = {
        field_name(q.id): FIELD_TYPES[q.type].form_data(answers[q.id])
        for q in section.questions
        if q.id in answers
    }
    return form_class(formdata=None, data=data)  # type: ignore[no-any-return]
