"""Checks that need the whole file: ids, questions and their scores, level order; the
conditions (``condition_checks``), next steps (``recommendation_checks``), profile codes
(``profile_checks``) and settings that cannot work on their question (``setting_checks``) have
modules of their own, on the shared ``checked_file``.

They run on every item that has a valid shape on its own, so a broken question does not hide
the problems elsewhere; an item that failed its shape check is only counted as existing (no
"unknown question" for a question that is there but broken). Checks that look at what the
author *wrote* (a missing ``score`` key versus ``score: null``) read the raw data.
"""

from __future__ import annotations

from typing import Any

from zzcheck.questionnaire.checked_file import CheckedFile, WrittenQuestion
from zzcheck.questionnaire.condition_checks import check_reference
from zzcheck.questionnaire.errors import Issue, KeyPath
from zzcheck.questionnaire.model import Dimension, Level, Question
from zzcheck.questionnaire.rawdata import item_id, items, typed
from zzcheck.questionnaire.recommendation_checks import (
    check_gap_recommendations,
    check_recommendations,
)
from zzcheck.questionnaire.setting_checks import check_settings
from zzcheck.questionnaire.yamlread import YamlDoc

CHOICE_TYPES = ("single", "multi", "scale")
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


class Checker(CheckedFile):
    """Collects the cross-check issues of one file: ids, questions, scores, levels here;
    conditions, recommendations and profile codes in their own modules."""

    def run(self) -> list[Issue]:
        data = self.doc.data
        for key, kind in _KINDS:
            self.unique(kind, list(items(data.get(key), (key,))))
        self.unique("question", [(q.path, q.raw) for q in self.questions])
        for q in self.questions:
            if q.typed:
                self.question(q, q.typed)
        self.levels()
        check_recommendations(self)
        check_gap_recommendations(self)
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

    def question(self, q: WrittenQuestion, typed: Question) -> None:
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
            check_reference(self, (*path, "show_if"), typed.show_if, q.index)
        check_settings(self, q, typed)

    def need_topic(self, q: WrittenQuestion, typed: Question) -> None:
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

    def scores(self, q: WrittenQuestion, typed: Question) -> None:
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

    def dimensions_scored(self) -> None:
        scored = {q.raw.get("dimension") for q in self.questions if q.raw.get("type") != "text"}
        for path, raw in items(self.doc.data.get("dimensions"), ("dimensions",)):
            if typed(Dimension, raw) is not None and item_id(raw) not in scored:
                self.add(path, f"dimension '{item_id(raw)}' has no scored question")


def _has_score_key(raw: dict[str, Any], option_id: str) -> bool:
    options = raw.get("options")
    return any(
        isinstance(o, dict) and o.get("id") == option_id and "score" in o for o in options or ()
    )


def cross_check(doc: YamlDoc, filename: str, filled: set[KeyPath]) -> list[Issue]:
    """All whole-file problems of ``doc`` (whose need_topic options are ``filled`` already)."""
    return Checker(doc, filename, filled).run()
