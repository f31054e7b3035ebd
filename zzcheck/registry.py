"""The questionnaires the app serves, loaded and validated once at start-up."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from zzcheck.questionnaire.errors import QuestionnaireError
from zzcheck.questionnaire.loader import LoadedQuestionnaire, load_folder


@dataclass(frozen=True)
class Registry:
    questionnaires: dict[str, LoadedQuestionnaire]

    def get(self, questionnaire_id: str) -> LoadedQuestionnaire | None:
        return self.questionnaires.get(questionnaire_id)


def register_questionnaires(app: Flask) -> None:
    """Load the configured folder; refuse to start on an invalid file, naming file and line."""
    folder = app.config["ZZCHECK_QUESTIONNAIRES"]
    try:
        loaded = load_folder(folder)
    except QuestionnaireError as error:
        raise SystemExit(f"zzcheck: invalid questionnaire(s) in {folder}:\n{error}") from None
    app.extensions["zzcheck"] = Registry(questionnaires=loaded)


def current_registry() -> Registry:
    registry: Registry = current_app.extensions["zzcheck"]
    return registry
