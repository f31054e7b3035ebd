"""The questionnaire as team mode asks it: every question but free text. A sentence can give
away who wrote it, and team answers are only ever shown as aggregates, so nobody would read
it. A section left without questions is dropped."""

from __future__ import annotations

from zzcheck.questionnaire.model import Questionnaire, Section

LEFT_OUT = ("text",)


def team_questionnaire(questionnaire: Questionnaire) -> Questionnaire:
    """A copy without free-text questions (cheap: the parts are shared, not copied)."""
    sections = [_asked(section) for section in questionnaire.sections]
    kept = tuple(section for section in sections if section is not None)
    return questionnaire.model_copy(update={"sections": kept})


def _asked(section: Section) -> Section | None:
    questions = tuple(q for q in section.questions if q.type not in LEFT_OUT)
    return section.model_copy(update={"questions": questions}) if questions else None
