"""The questionnaires the app serves, the legal facts beside them, the regional centres and
the operator's funding logos, loaded and validated once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask, current_app

from zzcheck.centres import Centres, CentresError, centres_path, load_centres
from zzcheck.i18n import select_locale
from zzcheck.logos import Logos, load_logos
from zzcheck.questionnaire.errors import QuestionnaireError
from zzcheck.questionnaire.legal import LegalFacts, load_legal
from zzcheck.questionnaire.loader import LoadedQuestionnaire, load_folder


@dataclass(frozen=True)
class Registry:
    questionnaires: dict[str, LoadedQuestionnaire]
    centres: Centres = field(default_factory=Centres)
    legal: LegalFacts = field(default_factory=LegalFacts)  # _legal.yaml, for the pages
    logos: Logos = field(default_factory=Logos)  # ZZCHECK_LOGOS, in every page's footer

    def get(self, questionnaire_id: str) -> LoadedQuestionnaire | None:
        return self.questionnaires.get(questionnaire_id)


def register_questionnaires(app: Flask) -> None:
    """Load the configured folder; refuse to start on an invalid file, naming file and line."""
    folder = app.config["ZZCHECK_QUESTIONNAIRES"]
    try:
        loaded, legal = load_folder(folder), load_legal(folder)
    except QuestionnaireError as error:
        raise SystemExit(f"zzcheck: invalid questionnaire(s) in {folder}:\n{error}") from None
    try:
        logos = load_logos(app.config.get("ZZCHECK_LOGOS"))
    except QuestionnaireError as error:
        raise SystemExit(f"zzcheck: invalid logos file (ZZCHECK_LOGOS):\n{error}") from None
    app.extensions["zzcheck"] = Registry(loaded, _load_centres(app), legal, logos)
    app.jinja_env.globals["legal"] = legal_text
    app.jinja_env.globals["funding_logos"] = lambda: current_registry().logos.logos


def _load_centres(app: Flask) -> Centres:
    """The centres file (``ZZCHECK_CENTRES``, else ``_centres.yaml`` beside the questionnaires);
    an invalid one stops the start, naming file and line."""
    path = centres_path(app.config["ZZCHECK_QUESTIONNAIRES"], app.config.get("ZZCHECK_CENTRES"))
    try:
        return load_centres(path)
    except CentresError as error:
        raise SystemExit(f"zzcheck: invalid centres file {path}:\n{error}") from None


def legal_text(key: str) -> str | None:
    """``{{ legal("ai_act_annex3_date") }}``: a fact of ``_legal.yaml`` in the page's language
    (None if the configured folder has no such fact: the page then leaves its sentence out)."""
    return current_registry().legal.text(key, select_locale())


def current_registry() -> Registry:
    registry: Registry = current_app.extensions["zzcheck"]
    return registry
