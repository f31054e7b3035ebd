"""Question types in a web form: one small class per type (as Indico's survey fields do).

Each class knows its WTForms field, how to turn submitted text into an answer value (the
value format of ``zzcheck.scoring.answers``) and how to put a stored answer back into the
form. Whether a value fits its question is decided once, by the domain's ``check_answers``;
``problem_message`` turns its codes into German messages for the respondent.
"""

from __future__ import annotations

import math
import re
from typing import ClassVar

from flask_babel import format_decimal
from wtforms import Field, RadioField, SelectChoice, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.core import UnboundField

from zzcheck.questionnaire.model import Question, Questionnaire
from zzcheck.scoring.answers import MAX_TEXT_LENGTH, AnswerProblem, offered_ids
from zzcheck.web.translate import _

Choices = list[tuple[str, str]]
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def choices_of(questionnaire: Questionnaire, question: Question, lang: str) -> Choices:
    """``(answer id, label)`` for a choice question, in the order the file gives."""
    if question.type == "yesno":
        labels = {"yes": _("Ja"), "no": _("Nein"), "unknown": _("Weiß ich nicht")}
        return [(value, labels[value]) for value in offered_ids(questionnaire, question)]
    groups = {group.id: group.label for group in questionnaire.employee_groups}
    result = []
    for value in offered_ids(questionnaire, question):
        option = question.option(value)
        label = option.label if option is not None else groups[value]
        result.append((value, label.get(lang)))
    return result


class QuestionField:
    """The form side of one question type."""

    widget: ClassVar[str]  # the macro in templates/macros/questions.html that draws it

    def unbound(self, questionnaire: Questionnaire, question: Question, lang: str) -> UnboundField:
        raise NotImplementedError

    def coerce(self, field: Field) -> object:
        """The answer value of a submitted field; None when left empty.

        Raises ``ValueError`` with a respondent-facing message when the text is no value at all.
        """
        return field.data or None

    def form_data(self, value: object) -> object:
        """A stored answer as the field's data, for a page shown again."""
        return value


def _select_choices(
    questionnaire: Questionnaire, question: Question, lang: str
) -> list[SelectChoice]:
    return [
        SelectChoice(value, label) for value, label in choices_of(questionnaire, question, lang)
    ]


class ChoiceField(QuestionField):
    """``single``, ``scale`` and ``yesno``: one radio button per answer."""

    widget = "radio_group"

    def unbound(self, questionnaire: Questionnaire, question: Question, lang: str) -> UnboundField:
        choices = _select_choices(questionnaire, question, lang)
        return RadioField(choices=choices, validate_choice=False)


class MultiField(QuestionField):
    """``multi``: one checkbox per answer; an empty list means not answered."""

    widget = "checkbox_group"

    def unbound(self, questionnaire: Questionnaire, question: Question, lang: str) -> UnboundField:
        choices = _select_choices(questionnaire, question, lang)
        return SelectMultipleField(choices=choices, validate_choice=False)

    def coerce(self, field: Field) -> object:
        return list(field.data) if field.data else None


class NumberField(QuestionField):
    """``number``: typed as text, so "2,5" (German comma) is understood as well as "2.5"."""

    widget = "number_input"

    def unbound(self, questionnaire: Questionnaire, question: Question, lang: str) -> UnboundField:
        return StringField()

    def coerce(self, field: Field) -> object:
        text = (field.data or "").strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if not _NUMBER.match(text):
            raise ValueError(_("Bitte geben Sie eine Zahl ein, zum Beispiel 12 oder 2,5."))
        number = float(text.replace(",", "."))
        if not math.isfinite(number):
            raise ValueError(_("Bitte geben Sie eine Zahl ein, zum Beispiel 12 oder 2,5."))
        return int(number) if number.is_integer() and abs(number) < 2**53 else number

    def form_data(self, value: object) -> object:
        return "" if value is None else str(value)


class TextField(QuestionField):
    """``text``: free text, never scored; surrounding blanks are dropped."""

    widget = "text_area"

    def unbound(self, questionnaire: Questionnaire, question: Question, lang: str) -> UnboundField:
        return TextAreaField()

    def coerce(self, field: Field) -> object:
        text = (field.data or "").replace("\r\n", "\n").strip()
        return text or None


FIELD_TYPES: dict[str, QuestionField] = {
    "single": ChoiceField(),
    "scale": ChoiceField(),
    "yesno": ChoiceField(),
    "multi": MultiField(),
    "number": NumberField(),
    "text": TextField(),
}


def _number(value: float | None) -> str:
    return format_decimal(value) if value is not None else ""


def problem_message(question: Question, problem: AnswerProblem, lang: str) -> str:
    """A German (or translated) message for one domain problem with an answer."""
    if problem.code == "out_of_range":
        return _range_message(question)
    if problem.code == "exclusive":
        exclusive = next((o for o in question.options if o.exclusive), None)
        label = exclusive.label.get(lang) if exclusive else ""
        return _("„%(label)s“ lässt sich nicht mit anderen Antworten kombinieren.", label=label)
    if problem.code == "too_long":
        return _("Bitte kürzen Sie den Text auf höchstens %(max)s Zeichen.", max=MAX_TEXT_LENGTH)
    if problem.code == "duplicate":
        return _("Bitte wählen Sie jede Antwort nur einmal.")
    if problem.code == "unknown_option":
        return _("Bitte wählen Sie eine der angebotenen Antworten.")
    return _("Diese Antwort passt nicht zur Frage. Bitte geben Sie sie neu ein.")


def _range_message(question: Question) -> str:
    low, high = _number(question.min), _number(question.max)
    if question.min is not None and question.max is not None:
        return _("Bitte geben Sie eine Zahl von %(min)s bis %(max)s ein.", min=low, max=high)
    if question.min is not None:
        return _("Bitte geben Sie eine Zahl ab %(min)s ein.", min=low)
    return _("Bitte geben Sie eine Zahl bis höchstens %(max)s ein.", max=high)
