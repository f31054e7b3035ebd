"""Checks that need the whole file: ids, references, scores, level order.

They run on every item that has a valid shape on its own, so a broken question does not hide
the problems elsewhere; an item that failed its shape check is only counted as existing (no
"unknown question" for a question that is there but broken). Checks that look at what the
author *wrote* (a missing ``score`` key versus ``score: null``) read the raw data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from zzcheck.questionnaire.errors import Issue, KeyPath, format_path
from zzcheck.questionnaire.model import (
    Condition,
    Dimension,
    GapRecommendation,
    Level,
    ProfileKey,
    Question,
    Recommendation,
    Trigger,
)
from zzcheck.questionnaire.profile import PROFILE_FIELDS
from zzcheck.questionnaire.rawdata import item_id, item_ids, items, questions, typed
from zzcheck.questionnaire.shape import did_you_mean
from zzcheck.questionnaire.yamlread import YamlDoc

YESNO_ANSWERS = ("yes", "no", "unknown")
CHOICE_TYPES = ("single", "multi", "scale")
ONLY_OPTIONS = "only questions with options or yesno can be named here"
NO_SCORE = (
    "has no score (a scored question needs one on every option; 'score: null' for 'weiß nicht')"
)
_KINDS = (
    ("dimensions", "dimension"),
    ("levels", "level"),
    ("sections", "section"),
    ("recommendations", "recommendation"),
    ("employee_groups", "employee group"),
    ("gap_recommendations", "gap recommendation"),
)


@dataclass
class _Q:
    """A question as written, with its typed form if its shape is valid."""

    path: KeyPath
    raw: dict[str, Any]
    typed: Question | None
    index: int


class Checker:
    """Collects the cross-check issues of one file."""

    def __init__(self, doc: YamlDoc, filename: str, filled: set[KeyPath]) -> None:
        self.doc, self.filename, self.filled = doc, filename, filled
        self.issues: list[Issue] = []
        data = doc.data
        self.questions = [
            _Q(p, r, typed(Question, r), i) for i, (p, r) in enumerate(questions(data))
        ]
        self.qindex: dict[str, int] = {}
        for q in self.questions:
            self.qindex.setdefault(item_id(q.raw) or "", q.index)
        self.qtyped = {q.typed.id: q.typed for q in reversed(self.questions) if q.typed}
        self.dimension_ids = item_ids(data.get("dimensions"))
        self.level_ids = item_ids(data.get("levels"))

    def add(self, path: KeyPath, message: str) -> None:
        self.issues.append(
            Issue(self.filename, self.doc.line_for(path), format_path(path), message)
        )

    def run(self) -> list[Issue]:
        data = self.doc.data
        for key, kind in _KINDS:
            self.unique(kind, list(items(data.get(key), (key,))))
        self.unique("question", [(q.path, q.raw) for q in self.questions])
        for q in self.questions:
            if q.typed:
                self.question(q, q.typed)
        self.levels()
        self.recommendations()
        self.gap_recommendations()
        self.dimensions_scored()
        return self.issues

    def unique(self, kind: str, entries: list[tuple[KeyPath, Any]]) -> None:
        first: dict[str, KeyPath] = {}
        for path, raw in entries:
            found = item_id(raw)
            if found is None:
                continue
            if found in first:
                line = self.doc.line_for((*first[found], "id"))
                self.add(
                    (*path, "id"), f"duplicate {kind} id '{found}' (first used at line {line})"
                )
            else:
                first[found] = path

    def known_dimension(self, path: KeyPath, dimension: str | None) -> None:
        if dimension is not None and dimension not in self.dimension_ids:
            self.add(path, _unknown("dimension", dimension, self.dimension_ids))

    def question(self, q: _Q, typed: Question) -> None:
        path, raw, kind = q.path, q.raw, typed.type
        self.known_dimension((*path, "dimension"), typed.dimension)
        if typed.need_topic is not None:
            self.need_topic(q, typed)
        elif kind in CHOICE_TYPES and not typed.options:
            self.add((*path, "options"), f"a {kind} question needs options")
        if kind not in CHOICE_TYPES and typed.options:
            self.add((*path, "options"), f"a {kind} question takes no options")
        if path not in self.filled:
            self.unique("option", list(items(raw.get("options"), (*path, "options"))))
        if typed.dimension is not None and typed.need_topic is None:
            self.scores(q, typed)
        if typed.min is not None and typed.max is not None and typed.min > typed.max:
            self.add((*path, "min"), f"min ({typed.min:g}) is greater than max ({typed.max:g})")
        if typed.show_if is not None:
            self.reference((*path, "show_if"), typed.show_if, q.index)

    def need_topic(self, q: _Q, typed: Question) -> None:
        path = (*q.path, "need_topic")
        if typed.type != "multi":
            self.add(path, f"need_topic is only allowed on multi questions, not on {typed.type}")
        elif not self.doc.data.get("employee_groups"):
            self.add(path, "need_topic needs employee_groups at the top level of the file")
        elif q.path not in self.filled:
            self.add(
                (*q.path, "options"), "a need_topic question takes its options from employee_groups"
            )
        if typed.dimension is not None:
            self.add(
                (*q.path, "dimension"), "a need_topic question is not scored: remove 'dimension'"
            )

    def scores(self, q: _Q, typed: Question) -> None:
        """Scored questions: every option has a score, and some answer can score above 0."""
        path, kind = q.path, typed.type
        if kind in ("single", "multi"):
            missing = False
            for opath, option in items(q.raw.get("options"), (*path, "options")):
                if isinstance(option, dict) and "score" not in option:
                    missing = True
                    self.add(opath, f"option '{item_id(option)}' {NO_SCORE}")
            points = [o.score for o in typed.options if o.score is not None]
            if typed.options and not missing and max(points, default=0) <= 0:
                self.add(
                    (*path, "options"), "no option scores above 0, so the question can never score"
                )
        elif kind == "scale":
            scored = [
                o for o in typed.options if not (o.score is None and _has_score_key(q.raw, o.id))
            ]
            points = [o.score if o.score is not None else float(i) for i, o in enumerate(scored)]
            if len(scored) < 2:
                self.add(
                    (*path, "options"),
                    f"a scale needs at least 2 scored options, it has {len(scored)}",
                )
            elif max(points) <= 0:
                self.add(
                    (*path, "options"), "no option scores above 0, so the question can never score"
                )
        elif kind == "number":
            self.score_bands(path, typed)

    def score_bands(self, path: KeyPath, typed: Question) -> None:
        if not typed.score_bands:
            self.add(
                (*path, "score_bands"),
                "a scored number question needs score_bands (- min: … score: …)",
            )
        for k in range(1, len(typed.score_bands)):
            before, band = typed.score_bands[k - 1].min, typed.score_bands[k].min
            if band <= before:
                message = f"score_bands must ascend by min: {band:g} is not above {before:g}"
                self.add((*path, "score_bands", k, "min"), message)

    def reference(self, path: KeyPath, cond: Condition | Trigger, index: int | None) -> None:
        """``show_if`` / ``trigger``: an existing (show_if: earlier) question and its options,
        or (show_if only) a company profile field and its codes."""
        if isinstance(cond, Condition) and cond.profile is not None:
            self.profile_values(path, {cond.profile: cond.values}, _value_keys(cond))
            return
        target = cond.question
        assert target is not None  # a Condition has a question or a profile
        if target not in self.qindex:
            self.add(
                (*path, "question"),
                f"unknown question '{target}'" + did_you_mean(target, self.qindex),
            )
            return
        if index is not None and self.qindex[target] >= index:
            where = "itself" if self.qindex[target] == index else f"the later question '{target}'"
            self.add(
                (*path, "question"),
                f"show_if refers to {where}; it may only name an earlier question",
            )
            return
        question = self.qtyped.get(target)
        if question is None:
            return  # exists, but broken: reported there
        if question.type in ("number", "text"):
            kind = question.type
            self.add(
                (*path, "question"), f"question '{target}' is a {kind} question; {ONLY_OPTIONS}"
            )
            return
        allowed = (
            YESNO_ANSWERS if question.type == "yesno" else tuple(o.id for o in question.options)
        )
        for sub, value in zip(_value_keys(cond), cond.values, strict=True):
            if value not in allowed:
                self.add(
                    (*path, *sub),
                    f"question '{target}' has no option '{value}' (options: {', '.join(allowed)})",
                )

    def levels(self) -> None:
        previous: Level | None = None
        for path, raw in items(self.doc.data.get("levels"), ("levels",)):
            level = typed(Level, raw)
            if level is None:
                continue
            if path[-1] == 0 and level.min != 0:
                self.add((*path, "min"), f"the first level must start at min: 0, not {level.min:g}")
            if previous is not None and level.min <= previous.min:
                self.add(
                    (*path, "min"),
                    f"levels must ascend by min: {level.min:g} is not above {previous.min:g}",
                )
            previous = level

    def recommendations(self) -> None:
        for path, raw in items(self.doc.data.get("recommendations"), ("recommendations",)):
            rec = typed(Recommendation, raw)
            if rec is None:
                continue
            self.known_dimension((*path, "dimension"), rec.dimension)
            if rec.levels and rec.dimension is None:
                self.add((*path, "levels"), "levels need a dimension: add 'dimension'")
            for k, level in enumerate(rec.levels):
                if level not in self.level_ids:
                    self.add((*path, "levels", k), _unknown("level", level, self.level_ids))
            if not rec.levels and rec.trigger is None:
                self.add(
                    path, "a recommendation needs 'levels' (with a 'dimension') or a 'trigger'"
                )
            if rec.trigger is not None:
                self.reference((*path, "trigger"), rec.trigger, None)
            self.profile_values((*path, "profile"), rec.profile)

    def gap_recommendations(self) -> None:
        """Team-mode next steps name a dimension of this file."""
        entries = items(self.doc.data.get("gap_recommendations"), ("gap_recommendations",))
        for path, raw in entries:
            rec = typed(GapRecommendation, raw)
            if rec is not None:
                self.known_dimension((*path, "dimension"), rec.dimension)

    def profile_values(
        self,
        path: KeyPath,
        profile: Mapping[ProfileKey, tuple[str, ...]],
        keys: Sequence[KeyPath] | None = None,
    ) -> None:
        """A misspelt code (``works_council: [ja]``) would silently never match.

        ``keys`` are the sub-paths of the values (default: ``key[k]`` under ``path``)."""
        for key, values in profile.items():
            known = PROFILE_FIELDS[key]
            for k, value in enumerate(values):
                if value not in known:
                    where = keys[k] if keys is not None else (key, k)
                    self.add((*path, *where), _unknown(f"{key} code", value, known))

    def dimensions_scored(self) -> None:
        scored = {q.raw.get("dimension") for q in self.questions if q.raw.get("type") != "text"}
        for path, raw in items(self.doc.data.get("dimensions"), ("dimensions",)):
            if typed(Dimension, raw) is not None and item_id(raw) not in scored:
                self.add(path, f"dimension '{item_id(raw)}' has no scored question")


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    """``unknown level 'l9' (known: l0, l1)``, or a did-you-mean hint if one is close."""
    known = sorted(known)
    hint = did_you_mean(name, known)
    if not hint and 0 < len(known) <= 12:
        hint = f" (known: {', '.join(known)})"
    return f"unknown {kind} '{name}'{hint}"


def _value_keys(cond: Condition | Trigger) -> list[KeyPath]:
    """Where each of a condition's values was written: ``equals`` or ``in[k]``."""
    if cond.equals is not None:
        return [("equals",)]
    return [("in", k) for k in range(len(cond.in_ or ()))]


def _has_score_key(raw: dict[str, Any], option_id: str) -> bool:
    options = raw.get("options")
    return any(
        isinstance(o, dict) and o.get("id") == option_id and "score" in o for o in options or ()
    )


def cross_check(doc: YamlDoc, filename: str, filled: set[KeyPath]) -> list[Issue]:
    """All whole-file problems of ``doc`` (whose need_topic options are ``filled`` already)."""
    return Checker(doc, filename, filled).run()
