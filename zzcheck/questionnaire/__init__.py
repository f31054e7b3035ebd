"""Questionnaires: the typed model and the YAML loader (plain Python: no Flask, no SQL)."""

from zzcheck.questionnaire.errors import Issue, QuestionnaireError
from zzcheck.questionnaire.loader import (
    LoadedQuestionnaire,
    check_paths,
    clear_cache,
    load_file,
    load_folder,
    load_text,
)
from zzcheck.questionnaire.model import Question, Questionnaire

__all__ = [
    "Issue",
    "LoadedQuestionnaire",
    "Question",
    "Questionnaire",
    "QuestionnaireError",
    "check_paths",
    "clear_cache",
    "load_file",
    "load_folder",
    "load_text",
]
