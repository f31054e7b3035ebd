"""The questionnaire file under cross-check, shared by the check modules: its questions as
written, the ids it defines, and the issues found so far (``validation`` runs the checks)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zzcheck.questionnaire.errors import Issue, KeyPath, format_path
from zzcheck.questionnaire.model import Question
from zzcheck.questionnaire.rawdata import item_id, item_ids, questions, typed
from zzcheck.questionnaire.shape import did_you_mean
from zzcheck.questionnaire.yamlread import YamlDoc


@dataclass
class WrittenQuestion:
    """A question as written, with its typed form if its shape is valid."""

    path: KeyPath
    raw: dict[str, Any]
    typed: Question | None
    index: int


class CheckedFile:
    """One file's data and the issues collected for it."""

    def __init__(self, doc: YamlDoc, filename: str, filled: set[KeyPath]) -> None:
        self.doc, self.filename, self.filled = doc, filename, filled
        self.issues: list[Issue] = []
        data = doc.data
        self.questions = [
            WrittenQuestion(p, r, typed(Question, r), i) for i, (p, r) in enumerate(questions(data))
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

    def known_dimension(self, path: KeyPath, dimension: str | None) -> None:
        if dimension is not None and dimension not in self.dimension_ids:
            self.add(path, unknown("dimension", dimension, self.dimension_ids))


def unknown(kind: str, name: str, known: Iterable[str]) -> str:
    """``unknown level 'l9' (known: l0, l1)``, or a did-you-mean hint if one is close."""
    known = sorted(known)
    hint = did_you_mean(name, known)
    if not hint and 0 < len(known) <= 12:
        hint = f" (known: {', '.join(known)})"
    return f"unknown {kind} '{name}'{hint}"
