"""Cross-check of conditions: a question's ``show_if`` and a recommendation's ``trigger``
name an existing question (``show_if``: an earlier one) and answers it can have, or (``show_if``
only) a company-profile field and its codes."""

from __future__ import annotations

from zzcheck.questionnaire.checked_file import CheckedFile
from zzcheck.questionnaire.errors import KeyPath
from zzcheck.questionnaire.model import Condition, Trigger
from zzcheck.questionnaire.profile_checks import check_profile_codes
from zzcheck.questionnaire.shape import did_you_mean

YESNO_ANSWERS = ("yes", "no", "unknown")
ONLY_OPTIONS = "only questions with options or yesno can be named here"


def check_reference(
    file: CheckedFile, path: KeyPath, cond: Condition | Trigger, index: int | None
) -> None:
    """``index``: the position of the question whose ``show_if`` this is (None: a trigger)."""
    if isinstance(cond, Condition) and cond.profile is not None:
        check_profile_codes(file, path, {cond.profile: cond.values}, _value_keys(cond))
        return
    target = cond.question
    assert target is not None  # a Condition has a question or a profile
    if target not in file.qindex:
        file.add(
            (*path, "question"), f"unknown question '{target}'" + did_you_mean(target, file.qindex)
        )
        return
    if index is not None and file.qindex[target] >= index:
        where = "itself" if file.qindex[target] == index else f"the later question '{target}'"
        file.add(
            (*path, "question"), f"show_if refers to {where}; it may only name an earlier question"
        )
        return
    question = file.qtyped.get(target)
    if question is None:
        return  # exists, but broken: reported there
    if question.type in ("number", "text"):
        kind = question.type
        file.add((*path, "question"), f"question '{target}' is a {kind} question; {ONLY_OPTIONS}")
        return
    allowed = YESNO_ANSWERS if question.type == "yesno" else tuple(o.id for o in question.options)
    for sub, value in zip(_value_keys(cond), cond.values, strict=True):
        if value not in allowed:
            file.add(
                (*path, *sub),
                f"question '{target}' has no option '{value}' (options: {', '.join(allowed)})",
            )


def _value_keys(cond: Condition | Trigger) -> list[KeyPath]:
    """Where each of a condition's values was written: ``equals`` or ``in[k]``."""
    if cond.equals is not None:
        return [("equals",)]
    return [("in", k) for k in range(len(cond.in_ or ()))]
