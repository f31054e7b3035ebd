"""Shape check of a whole file with the pydantic model, and pydantic's errors in plain English.

Pydantic already reports every shape problem of the file in one go (types, unknown keys,
missing texts); this module only turns each into an :class:`Issue` with a line and a hint.
"""

from __future__ import annotations

import difflib
import inspect
import types
from collections.abc import Iterable
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from zzcheck.questionnaire.errors import Issue, KeyPath, format_path
from zzcheck.questionnaire.model import Questionnaire, Text
from zzcheck.questionnaire.yamlread import YamlDoc


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'weight'?)`` when a choice is close to ``word``, else ``""``."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def validate_shape(
    data: dict[str, Any], doc: YamlDoc, filename: str
) -> tuple[Questionnaire | None, list[Issue]]:
    """The typed questionnaire, or None and one issue per pydantic error."""
    try:
        return Questionnaire.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        issues = []
        for error in errors:
            if error["type"] == "too_short" and _has_deeper(error["loc"], errors):
                continue  # pydantic counts only valid items: the deeper errors say what's wrong
            path, message = describe(error)
            issues.append(Issue(filename, doc.line_for(path), format_path(path), message))
        return None, issues


def _has_deeper(loc: tuple[Any, ...], errors: list[Any]) -> bool:
    return any(len(e["loc"]) > len(loc) and tuple(e["loc"][: len(loc)]) == loc for e in errors)


def describe(error: Any) -> tuple[KeyPath, str]:
    """Key path and a readable message for one pydantic error."""
    loc: KeyPath = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    last = loc[-1] if loc else None
    if last == "[key]":  # a bad key of a dict field (``profile``)
        return loc[:-1], f"unknown key '{loc[-2]}': must be one of {ctx.get('expected', '?')}"
    if kind == "missing":
        return loc, "German text ('de') is missing" if last == "de" else "required key is missing"
    if kind == "extra_forbidden":
        known = _keys(model_at(loc[:-1]))
        return loc, f"unknown key '{last}'" + did_you_mean(last, known)
    if kind == "literal_error":
        allowed = [
            a.strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")
        ]
        return loc, f"must be one of {ctx.get('expected')}, not {_show(value)}" + did_you_mean(
            value, allowed
        )
    if kind == "string_too_short":
        return loc, "German text ('de') is empty" if last == "de" else "must not be empty"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if model_at(loc) is Text:
            return (
                loc,
                f"expected a text (a string, or a mapping with 'de' and 'en'), got {_show(value)}",
            )
        return loc, f"expected a mapping of keys, got {_show(value)}"
    if kind == "string_pattern_mismatch" and last == "id":
        return loc, f"{_show(value)} is not a valid id: use lowercase letters, digits and '-'"
    return loc, _simple(kind, value, ctx) or str(error["msg"])


def _simple(kind: str, value: Any, ctx: dict[str, Any]) -> str | None:
    got = _show(value)
    messages = {
        "string_type": f"expected a text, got {got}",
        "float_type": f"expected a number, got {got}",
        "float_parsing": f"expected a number, got {got}",
        "int_type": f"expected a whole number, got {got}",
        "int_parsing": f"expected a whole number, got {got}",
        "int_from_float": f"expected a whole number, got {got}",
        "bool_type": f"expected true or false, got {got}",
        "bool_parsing": f"expected true or false, got {got}",
        "tuple_type": f"expected a list, got {got}",
        "list_type": f"expected a list, got {got}",
        "too_short": f"needs at least {ctx.get('min_length')} item(s)",
        "greater_than": f"must be greater than {ctx.get('gt')}, got {got}",
        "greater_than_equal": f"must be at least {ctx.get('ge')}, got {got}",
        "less_than": f"must be less than {ctx.get('lt')}, got {got}",
        "less_than_equal": f"must be at most {ctx.get('le')}, got {got}",
        "value_error": str(ctx.get("error", "")),
    }
    return messages.get(kind)


def _show(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def model_at(loc: KeyPath) -> type[BaseModel] | None:
    """The model class of the value at ``loc`` inside a questionnaire (None: not a model)."""
    model: type[BaseModel] | None = Questionnaire
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None:
            return None
        field = next((f for n, f in model.model_fields.items() if part in (n, f.alias)), None)
        model = _model_of(field.annotation) if field else None
    return model


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return _model_of(args[0])
    if origin in (Union, types.UnionType, tuple, list):
        return next((m for m in map(_model_of, args) if m is not None), None)
    return None


def _keys(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]
