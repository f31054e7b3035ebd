"""The API's pydantic models: what the views return and what the OpenAPI document
describes (one definition for both, so the document cannot drift from the answers)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")
MAX_PER_PAGE = 100


class Problem(BaseModel):
    """An error (RFC 9457)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str


class Query(BaseModel):
    """Query parameters: unknown ones are refused, so a typo is not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class PageQuery(Query):
    page: Annotated[int, Field(ge=1, le=100_000)] = 1
    per_page: Annotated[int, Field(ge=1, le=MAX_PER_PAGE)] = 20


class PageOf(BaseModel, Generic[T]):
    items: list[T]
    page: int
    per_page: int
    total: int
    pages: int


def page_fields(found: Any) -> dict[str, int]:
    """The paging fields of a ``storage.paging.Page`` (the pages' own paging) for ``PageOf``."""
    return {
        "page": found.number,
        "per_page": found.per_page,
        "total": found.total,
        "pages": found.pages,
    }


class QuestionnaireSummary(BaseModel):
    id: str
    version: str
    title: str
    dimensions: int
    questions: int


class QuestionnaireList(BaseModel):
    items: list[QuestionnaireSummary]


class ShareQuery(PageQuery):
    questionnaire: Annotated[str | None, Field(max_length=64)] = None
    completed_from: date | None = None
    completed_before: date | None = None


class Level(BaseModel):
    id: str
    min: float
    name: str
    description: str | None = None


class DimensionResult(BaseModel):
    id: str
    title: str | None
    weight: float
    score: float | None
    rated: bool
    level: Level | None
    answered: int
    total: int


class Overall(BaseModel):
    score: float | None
    rated: bool
    level: Level | None


class DimensionRef(BaseModel):
    id: str
    title: str


class Step(BaseModel):
    """A next step (recommendation)."""

    id: str
    priority: int
    kind: str | None
    first: bool
    title: str
    text: str
    offers: list[str]
    dimension: DimensionRef | None


class Result(BaseModel):
    overall: Overall
    dimensions: list[DimensionResult]
    recommendations: list[Step]
    levels: list[Level]


class QuestionnaireRef(BaseModel):
    id: str
    version: str


class ShareSummary(BaseModel):
    id: int
    questionnaire: QuestionnaireRef
    company_name: str | None
    client_id: int | None
    completed_at: datetime | None
    shared_at: datetime
    overall_score: float | None
    overall_level: str | None


class Profile(BaseModel):
    industry: str | None = None
    size: str | None = None
    state: str | None = None
    works_council: str | None = None
    role: str | None = None


class ShareDetail(ShareSummary):
    contact_person: str | None
    profile: Profile
    answers: dict[str, Any]
    result: Result


class ClientRef(BaseModel):
    id: int
    display_name: str
    created_at: datetime


class ClientOut(ClientRef):
    assessments: int
    last_completed_at: datetime | None


class ClientQuery(PageQuery):
    search: Annotated[str | None, Field(max_length=80)] = None


ItemStatus = Literal["open", "in_progress", "done"]


class ActionItemOut(BaseModel):
    id: int
    client_id: int
    title: str
    owner: str | None
    due_on: date | None
    status: str
    created_at: datetime
    updated_at: datetime


class ActionItemIn(BaseModel):
    """A new or changed action-plan item (a PUT replaces all fields)."""

    model_config = ConfigDict(extra="forbid")
    title: Annotated[str, Field(min_length=1, max_length=200)]
    owner: Annotated[str | None, Field(max_length=120)] = None
    due_on: date | None = None
    status: ItemStatus = "open"


class NoteOut(BaseModel):
    id: int
    client_id: int
    text: str
    created_at: datetime


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, Field(min_length=1, max_length=5000)]


class ClientPlan(BaseModel):
    client: ClientRef
    action_items: list[ActionItemOut]
    notes: list[NoteOut]


class ComparisonQuery(Query):
    a: Annotated[int, Field(ge=1, le=2**31 - 1)]
    b: Annotated[int, Field(ge=1, le=2**31 - 1)]


class Change(BaseModel):
    dimension_id: str
    title: str
    before: float | None
    after: float | None
    delta: float | None
    status: Annotated[
        str, Field(description='"new": not in the older version, "gone": not in the newer one')
    ] = ""


class ComparisonOut(BaseModel):
    """Two checks of one client, older first; changes from the scores the pages show."""

    older: ShareSummary
    newer: ShareSummary
    overall: Change
    changes: list[Change]
    next_steps: list[Step]
