"""What one page of the journey shows and what a submitted page means (no Flask views).

Pages are numbered from 1 in URLs; storage keeps the 0-based ``current_section``. A
``show_if`` question whose condition depends on an answer of the *same* page is drawn with
its condition (JavaScript hides it at once; without JavaScript the respondent reads the
condition) and ignored on submit when the condition is false. One that depends on an
earlier page or on the company profile is drawn only when it applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from wtforms import Field

from zzcheck.questionnaire.model import Question, Questionnaire, Section
from zzcheck.scoring import check_answers, is_answered, required_missing, visible_questions
from zzcheck.web.fields import choices_of, problem_message
from zzcheck.web.forms import SectionForm, field_name
from zzcheck.web.translate import _


@dataclass(frozen=True)
class PageQuestion:
    """A question as the page draws it; ``condition`` is set when it depends on this page."""

    question: Question
    field: Field
    condition: str | None = None  # the sentence "Nur beantworten, wenn …"
    controller: str | None = None  # field name of the question it depends on
    values: tuple[str, ...] = ()  # the controller's answers that show it


@dataclass
class PageInput:
    """A submitted page, read and checked against the questionnaire."""

    answers: dict[str, object]  # shown questions of the page → value (None = empty)
    touched: list[str]  # ids whose stored answer is replaced: the page's and all hidden ones
    errors: dict[str, str] = field(default_factory=dict)  # question id → message
    missing: list[str] = field(default_factory=list)  # required, shown, unanswered
    unknown: list[str] = field(default_factory=list)  # posted fields of no question here

    @property
    def acceptable(self) -> bool:
        """Storable as it is: no malformed, tampered or unknown input."""
        return not self.errors and not self.unknown


def section_at(questionnaire: Questionnaire, number: int) -> Section | None:
    """The section with 1-based ``number``, or None if out of range."""
    if 1 <= number <= len(questionnaire.sections):
        return questionnaire.sections[number - 1]
    return None


def resume_number(questionnaire: Questionnaire, current_section: int) -> int:
    """The 1-based page to resume on for a stored 0-based ``current_section``."""
    return min(max(current_section, 0), len(questionnaire.sections) - 1) + 1


def at_review(questionnaire: Questionnaire, current_section: int) -> bool:
    """True when the respondent left off at the summary after the last page."""
    return current_section >= len(questionnaire.sections)


def page_questions(
    questionnaire: Questionnaire,
    section: Section,
    form: SectionForm,
    answers: Mapping[str, object],
    profile: Mapping[str, str],
    lang: str,
) -> list[PageQuestion]:
    """The questions of ``section`` to draw, given ``answers`` (stored plus typed) and the
    company ``profile`` (a condition on the profile is decided here, never in the browser)."""
    on_page = {q.id for q in section.questions}
    shown_ids = {q.id for q in visible_questions(questionnaire, answers, profile)}
    drawn: list[PageQuestion] = []
    for question in section.questions:
        condition = question.show_if
        if condition is not None and condition.question in on_page:
            if any(item.question.id == condition.question for item in drawn):
                drawn.append(_conditional(questionnaire, question, form, lang))
        elif question.id in shown_ids:
            drawn.append(PageQuestion(question, form.field_of(question)))
    return drawn


def _conditional(
    questionnaire: Questionnaire, question: Question, form: SectionForm, lang: str
) -> PageQuestion:
    condition = question.show_if
    assert condition is not None and condition.question is not None
    controller = questionnaire.question(condition.question)
    assert controller is not None
    labels = dict(choices_of(questionnaire, controller, lang))
    chosen = _("“ oder „").join(labels.get(value, value) for value in condition.values)
    sentence = _(
        "Nur beantworten, wenn Sie bei „%(question)s“ „%(answer)s“ gewählt haben.",
        question=controller.text.get(lang),
        answer=chosen,
    )
    return PageQuestion(
        question, form.field_of(question), sentence, field_name(controller.id), condition.values
    )


def read_page(
    questionnaire: Questionnaire,
    section: Section,
    form: SectionForm,
    stored: Mapping[str, object],
    profile: Mapping[str, str],
    lang: str,
) -> PageInput:
    """Read a submitted page: values, hidden questions dropped, problems per question."""
    values, errors = form.read()
    shown = {q.id for q in visible_questions(questionnaire, {**stored, **values}, profile)}
    answers = {qid: value for qid, value in values.items() if qid in shown}
    page = PageInput(
        answers=answers,
        touched=[q.id for q in questionnaire.questions if q.id in values or q.id not in shown],
        errors={qid: message for qid, message in errors.items() if qid in shown},
        unknown=form.unknown_names(),
    )
    answered = {qid: value for qid, value in answers.items() if is_answered(value)}
    for problem in check_answers(questionnaire, answered):
        question = questionnaire.question(problem.question_id)
        if question is not None:
            page.errors.setdefault(question.id, problem_message(question, problem, lang))
    page.missing = [
        q.id for q in section.questions if q.required and q.id in shown and q.id not in answered
    ]
    return page


@dataclass(frozen=True)
class Step:
    """Where a submitted page leads: another page, this page again, the summary of all
    answers, the page with the personal link, or the result."""

    number: int  # the 1-based page to store as the resume point and to show next
    stay: bool = False  # required answers of this page are missing: show it again
    finish: bool = False  # everything is answered: complete and show the result
    incomplete: bool = False  # finishing, but a required question elsewhere is unanswered
    review: bool = False  # the last page is done: show all answers before "Auswerten"
    later: bool = False  # "Später weitermachen": saved as it is, show the personal link


def answers_after(stored: Mapping[str, object], page: PageInput) -> dict[str, object]:
    """The stored answers as they will be once ``page`` is saved."""
    kept = {qid: value for qid, value in stored.items() if qid not in page.touched}
    return kept | {qid: value for qid, value in page.answers.items() if is_answered(value)}


def next_step(
    questionnaire: Questionnaire,
    number: int,
    action: str,
    page: PageInput,
    answers: Mapping[str, object],
    profile: Mapping[str, str],
) -> Step:
    """The step for the pressed button (``back``, ``next``, ``review``, ``later`` or
    ``finish``). ``later`` saves the page as it is, missing required answers included;
    ``review`` leads past the last page (resume point ``last + 1``) to the summary."""
    last = len(questionnaire.sections)
    if action == "back":
        return Step(max(number - 1, 1))
    if action == "later":
        return Step(number, later=True)
    if page.missing:
        return Step(number, stay=True)
    if action == "review":  # from the last page, or back to the summary after a change
        return Step(last + 1, review=True)
    if number < last:
        return Step(number + 1)
    missing = required_missing(questionnaire, answers, profile)
    if missing:
        return Step(page_of(questionnaire, missing[0]), incomplete=True)
    return Step(number, finish=True)


def page_of(questionnaire: Questionnaire, question_id: str) -> int:
    """The 1-based page number that asks ``question_id``."""
    for number, section in enumerate(questionnaire.sections, start=1):
        if any(q.id == question_id for q in section.questions):
            return number
    return 1
