"""Walking the raw data of a questionnaire file (before or beside the typed model).

The whole-file checks look at what the author wrote, item by item, so that a broken item
never stops the others from being checked.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from zzcheck.questionnaire.errors import KeyPath

M = TypeVar("M", bound=BaseModel)


# Fields whose shape errors do not change what the whole-file checks see: the checks still
# run on an item with a typo in one of them (the typo itself is reported by the shape check).
_TEXTS = frozenset(
    {"title", "text", "description", "name", "label", "help", "unit", "need_topic", "text_team",
     "help_team"}
)  # fmt: skip
_OPTIONAL = frozenset(
    {"weight", "required", "reverse", "priority", "profile", "offers", "allow_unknown",
     "max_score", "exclusive", "legal_status", "duration_minutes", "min_coverage"}
)  # fmt: skip


def typed(cls: type[M], raw: Any) -> M | None:
    """``raw`` as a ``cls`` for the whole-file checks, or None if its shape is broken where
    those checks look (its shape errors are reported by ``shape``, not here)."""
    try:
        return cls.model_validate(raw)
    except ValidationError as error:
        patched = _without_minor_errors(raw, error)
    if patched is None:
        return None
    try:
        return cls.model_validate(patched)
    except ValidationError:
        return None


def _without_minor_errors(raw: Any, error: ValidationError) -> Any | None:
    """A copy of ``raw`` with unknown keys and broken optional fields dropped and broken texts
    replaced by a placeholder; None if an error lies elsewhere (ids, types, options …)."""
    patched = copy.deepcopy(raw)
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        for depth, key in enumerate(loc):
            parent = _at(patched, loc[:depth])
            if not isinstance(parent, dict) or not isinstance(key, str):
                continue
            if key in _TEXTS:
                parent[key] = "?"
                break
            if key in _OPTIONAL or (detail["type"] == "extra_forbidden" and depth == len(loc) - 1):
                parent.pop(key, None)
                break
        else:
            return None
    return patched


def _at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def items(raw: Any, path: KeyPath) -> Iterator[tuple[KeyPath, Any]]:
    """The key path and value of each item of ``raw`` if it is a list."""
    if isinstance(raw, list):
        for i, item in enumerate(raw):
            yield (*path, i), item


def item_id(raw: Any) -> str | None:
    """The ``id`` of a mapping if it is text."""
    value = raw.get("id") if isinstance(raw, dict) else None
    return value if isinstance(value, str) else None


def item_ids(raw: Any) -> set[str]:
    """The text ids of the items of the list ``raw``."""
    return {found for _, item in items(raw, ()) if (found := item_id(item)) is not None}


def fill_need_topics(data: dict[str, Any]) -> set[KeyPath]:
    """Give every ``multi`` question with ``need_topic`` and no options one unscored option
    per employee group; return the paths of the filled questions."""
    groups = [g for _, g in items(data.get("employee_groups"), ()) if isinstance(g, dict)]
    filled = set()
    for path, raw in questions(data):
        if "need_topic" in raw and raw.get("type") == "multi" and "options" not in raw and groups:
            raw["options"] = [
                {"id": g.get("id"), "label": g.get("label"), "score": None} for g in groups
            ]
            filled.add(path)
    return filled


def questions(data: dict[str, Any]) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
    """Every question mapping of the file, in order, with its key path."""
    for spath, section in items(data.get("sections"), ("sections",)):
        if isinstance(section, dict):
            for qpath, raw in items(section.get("questions"), (*spath, "questions")):
                if isinstance(raw, dict):
                    yield qpath, raw
