"""Typed, frozen model of a questionnaire file.

The YAML format is described for authors in the README ("Writing a questionnaire"). These
classes check the *shape* of one file (types, unknown keys, required texts); checks that need
the whole file (ids, references, level order …) live in ``validation.py``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

QuestionType = Literal["single", "multi", "scale", "yesno", "number", "text"]
ProfileKey = Literal["industry", "size", "state", "works_council", "role"]
GapDirection = Literal["management_higher", "staff_higher"]
# What a next step is, for choosing the owner's first three steps (``scoring/nextsteps.py``):
# a quick win with AI or a tool, a legal or safety duty, a step for the people (participation,
# qualification).
StepKind = Literal["quick_win", "duty", "people"]


class Strict(BaseModel):
    """Base: immutable, and a typo in a key (``weigth``) is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in German (required) and English (optional; German is shown where missing)."""

    de: Annotated[str, Field(min_length=1)]
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_german(cls, value: Any) -> Any:
        return {"de": value} if isinstance(value, str) else value

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.de


class Dimension(Strict):
    id: str
    title: Text
    description: Text | None = None
    weight: Annotated[float, Field(gt=0)] = 1.0


class Level(Strict):
    """A maturity level; it applies from ``min`` (0–100) up to the next level's ``min``."""

    id: str
    min: Annotated[float, Field(ge=0, le=100)]
    name: Text
    description: Text


class Option(Strict):
    """An answer option. ``score: null`` means "weiß nicht / trifft nicht zu": not scored.

    For ``scale`` questions a missing score means the option's position (0, 1, 2 …) among
    the scored options; for scored ``single`` and ``multi`` questions the score is required
    (``validation.py`` checks it, since "missing" and ``null`` differ there).
    """

    id: str
    label: Text
    score: float | None = None
    exclusive: bool = False  # multi: choosing it clears the others ("keine davon")


class _AnswerMatch(Strict):
    """What ``Condition`` and ``Trigger`` share: the answers that match, as exactly one of
    ``equals`` (one value) or ``in`` (a list)."""

    equals: str | None = None
    in_: Annotated[tuple[str, ...] | None, Field(alias="in")] = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def _check_equals_or_in(self) -> None:
        if (self.equals is None) == (self.in_ is None):
            raise ValueError("give exactly one of 'equals' or 'in'")

    @property
    def values(self) -> tuple[str, ...]:
        return (self.equals,) if self.equals is not None else (self.in_ or ())


class Condition(_AnswerMatch):
    """Show a question only if an earlier question's answer, or the company profile's value
    (``profile: works_council``), is one of ``in`` (or ``equals``)."""

    question: str | None = None
    profile: ProfileKey | None = None

    @model_validator(mode="after")
    def _one_source_and_one_of_equals_or_in(self) -> Condition:
        if (self.question is None) == (self.profile is None):
            raise ValueError("give exactly one of 'question' or 'profile'")
        self._check_equals_or_in()
        return self


class ScoreBand(Strict):
    """For ``number`` questions: answers from ``min`` upwards score ``score``."""

    min: float
    score: float


class Question(Strict):
    id: str
    type: QuestionType
    text: Text
    help: Text | None = None
    dimension: str | None = None  # None: asked but not scored (e.g. text, context questions)
    weight: Annotated[float, Field(gt=0)] = 1.0
    required: bool = False
    reverse: bool = False  # reverse-coded: s becomes 1 - s
    show_if: Condition | None = None
    options: tuple[Option, ...] = ()
    max_score: Annotated[float | None, Field(gt=0)] = None  # multi: cap; default sum of scores
    allow_unknown: bool = False  # yesno: adds "weiß nicht" (not scored)
    min: float | None = None  # number: allowed range
    max: float | None = None
    unit: Text | None = None
    score_bands: tuple[ScoreBand, ...] = ()  # number: how a value scores
    need_topic: Text | None = None  # multi over employee_groups: a training topic by group
    text_team: Text | None = None  # team mode asks this instead: everyone's own experience
    help_team: Text | None = None  # team mode's help, where the owner's would not fit

    @property
    def is_scored(self) -> bool:
        return self.dimension is not None and self.type != "text"

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class Section(Strict):
    id: str
    title: Text
    description: Text | None = None
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]


class Trigger(_AnswerMatch):
    """A recommendation that fires on a specific answer (one of ``in`` / ``equals``)."""

    question: str

    @model_validator(mode="after")
    def _one_of_equals_or_in(self) -> Trigger:
        self._check_equals_or_in()
        return self


class Recommendation(Strict):
    """A next step. It fires when its dimension's level is in ``levels`` and/or its ``trigger``
    answer was given (each one that is set must hold; at least one must be set), and the
    company ``profile`` matches."""

    id: str
    title: Text
    text: Text
    priority: Annotated[int, Field(ge=1, le=3)] = 2  # 1 = most urgent
    dimension: str | None = None  # required with levels; with trigger: the question's
    levels: tuple[str, ...] = ()
    trigger: Trigger | None = None
    profile: dict[ProfileKey, tuple[str, ...]] = {}
    offers: tuple[Text, ...] = ()  # names of support offers (no invented contact data)
    kind: StepKind | None = None
    # Steps this one says in full: when both fire, only this one is shown (no repeats).
    replaces: tuple[str, ...] = ()
    # Steps that need this one done first (e.g. they address the person this one names):
    # when both are shown, this one stands directly before them.
    before: tuple[str, ...] = ()


class GapRecommendation(Strict):
    """A next step of a team campaign: it fires when, in ``dimension``, the mean scores of the
    management and of the employees differ by at least ``min_gap`` points (0–100) in
    ``direction`` (``management_higher``: the management rates the company higher than its
    staff do)."""

    id: str
    dimension: str
    direction: GapDirection
    min_gap: Annotated[float, Field(gt=0, le=100)]
    title: Text
    text: Text
    priority: Annotated[int, Field(ge=1, le=3)] = 2  # 1 = most urgent
    offers: tuple[Text, ...] = ()


class EmployeeGroup(Strict):
    id: str
    label: Text


class Questionnaire(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    version: str
    title: Text
    description: Text
    legal_status: str | None = None  # "Rechtsstand MM/JJJJ", shown on the result page
    duration_minutes: Annotated[int, Field(gt=0)] = 15
    min_coverage: Annotated[float, Field(gt=0, le=1)] = 0.5
    dimensions: Annotated[tuple[Dimension, ...], Field(min_length=1)]
    levels: Annotated[tuple[Level, ...], Field(min_length=1)]
    sections: Annotated[tuple[Section, ...], Field(min_length=1)]
    recommendations: tuple[Recommendation, ...] = ()
    employee_groups: tuple[EmployeeGroup, ...] = ()
    gap_recommendations: tuple[GapRecommendation, ...] = ()  # team mode (optional)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)
