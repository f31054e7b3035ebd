"""The questionnaire as team mode asks it: every question but free text, in its team wording.

A sentence can give away who wrote it, and team answers are only ever shown as aggregates, so
nobody would read it. A section left without questions is dropped. Where a question has a
``text_team`` (and ``help_team``), team mode asks that: everyone answers from their own
experience, not for the owner.
"""

from __future__ import annotations

from zzcheck.questionnaire.model import Question, Questionnaire, Section

LEFT_OUT = ("text",)


def team_questionnaire(questionnaire: Questionnaire) -> Questionnaire:
    """A copy without free-text questions (cheap: the parts are shared, not copied)."""
    sections = [_asked(section) for section in questionnaire.sections]
    kept = tuple(section for section in sections if section is not None)
    return questionnaire.model_copy(update={"sections": kept})


def _asked(section: Section) -> Section | None:
    questions = tuple(_worded(q) for q in section.questions if q.type not in LEFT_OUT)
    return section.model_copy(update={"questions": questions}) if questions else None


def _worded(question: Question) -> Question:
    """The question in its team wording, where it has one."""
    update = {
        key: value
        for key, value in (("text", question.text_team), ("help", question.help_team))
        if value is not None
    }
    return question.model_copy(update=update) if update else question
