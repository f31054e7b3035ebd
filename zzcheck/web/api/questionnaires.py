"""``/api/v1/questionnaires``: the questionnaires served, and one's structure by version."""

from __future__ import annotations

from zzcheck.extensions import db
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.registry import current_registry
from zzcheck.storage.accounts import CONSULTANT, PROGRAMME, User
from zzcheck.storage.versions import find_version, questionnaire_of_version
from zzcheck.web.api.problems import ApiProblem
from zzcheck.web.api.routing import operation
from zzcheck.web.api.schemas import QuestionnaireList, QuestionnaireSummary

ANY_ROLE = (CONSULTANT, PROGRAMME)


@operation(
    "GET",
    "/questionnaires",
    summary="The questionnaires this server serves (their current versions)",
    response=QuestionnaireList,
    roles=ANY_ROLE,
    tag="questionnaires",
)
def list_questionnaires(user: User) -> QuestionnaireList:
    items = [
        QuestionnaireSummary(
            id=q.id,
            version=q.version,
            title=q.title.get("de"),
            dimensions=len(q.dimensions),
            questions=len(q.questions),
        )
        for q in (loaded.questionnaire for loaded in current_registry().questionnaires.values())
    ]
    return QuestionnaireList(items=sorted(items, key=lambda item: item.id))


@operation(
    "GET",
    "/questionnaires/<questionnaire_id>",
    summary="The current version's structure: sections, questions, options, dimensions, levels",
    response=Questionnaire,
    roles=ANY_ROLE,
    tag="questionnaires",
)
def questionnaire(user: User, questionnaire_id: str) -> Questionnaire:
    loaded = current_registry().get(questionnaire_id)
    if loaded is None:
        raise ApiProblem(404, f"There is no questionnaire {questionnaire_id!r}.")
    return loaded.questionnaire


@operation(
    "GET",
    "/questionnaires/<questionnaire_id>/versions/<version>",
    summary="The structure of one version, as checks answered with it were scored",
    response=Questionnaire,
    roles=ANY_ROLE,
    tag="questionnaires",
)
def questionnaire_version(user: User, questionnaire_id: str, version: str) -> Questionnaire:
    loaded = current_registry().get(questionnaire_id)
    if loaded is not None and loaded.questionnaire.version == version:
        return loaded.questionnaire
    stored = find_version(db.session, questionnaire_id, version)
    if stored is None:
        raise ApiProblem(404, f"There is no version {version!r} of {questionnaire_id!r}.")
    return questionnaire_of_version(stored)
