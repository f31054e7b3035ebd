"""Cross-check of next steps: a recommendation names a known dimension and levels, or a
trigger; its profile codes exist; what it ``replaces`` and the steps it comes ``before`` are
other known steps, without a cycle; a team-mode gap recommendation names a known dimension."""

from __future__ import annotations

from zzcheck.questionnaire.checked_file import CheckedFile, unknown
from zzcheck.questionnaire.condition_checks import check_reference
from zzcheck.questionnaire.errors import KeyPath
from zzcheck.questionnaire.model import GapRecommendation, Recommendation
from zzcheck.questionnaire.profile_checks import check_profile_codes
from zzcheck.questionnaire.rawdata import items, typed


def check_recommendations(file: CheckedFile) -> None:
    entries = items(file.doc.data.get("recommendations"), ("recommendations",))
    typed_entries = [(path, typed(Recommendation, raw)) for path, raw in entries]
    replaced_by = {rec.id: rec.replaces for _, rec in typed_entries if rec is not None}
    comes_before = {rec.id: rec.before for _, rec in typed_entries if rec is not None}
    for path, rec in typed_entries:
        if rec is None:
            continue
        _check_step_ids(file, (*path, "replaces"), rec.id, replaced_by)
        _check_step_ids(file, (*path, "before"), rec.id, comes_before)
        file.known_dimension((*path, "dimension"), rec.dimension)
        if rec.levels and rec.dimension is None:
            file.add((*path, "levels"), "levels need a dimension: add 'dimension'")
        for k, level in enumerate(rec.levels):
            if level not in file.level_ids:
                file.add((*path, "levels", k), unknown("level", level, file.level_ids))
        if not rec.levels and rec.trigger is None:
            file.add(path, "a recommendation needs 'levels' (with a 'dimension') or a 'trigger'")
        if rec.trigger is not None:
            check_reference(file, (*path, "trigger"), rec.trigger, None)
        check_profile_codes(file, (*path, "profile"), rec.profile)


def _check_step_ids(
    file: CheckedFile, path: KeyPath, rec_id: str, links: dict[str, tuple[str, ...]]
) -> None:
    """Each step named under ``replaces``/``before`` exists and is another one; following the
    key never leads back (two steps that replace each other would both disappear; two that
    each come first have no order)."""
    itself, in_turn = _WORDING[str(path[-1])]
    for k, other in enumerate(links[rec_id]):
        where = (*path, k)
        if other == rec_id:
            file.add(where, f"a recommendation cannot {itself} itself")
        elif other not in links:
            file.add(where, unknown("recommendation", other, links))
        elif _reaches(links, other, rec_id):
            file.add(where, f"'{other}' {in_turn} '{rec_id}' in turn: keep one direction")


_WORDING = {"replaces": ("replace", "replaces"), "before": ("come before", "comes before")}


def _reaches(replaced_by: dict[str, tuple[str, ...]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        current = todo.pop()
        if current == goal:
            return True
        if current not in seen:
            seen.add(current)
            todo.extend(replaced_by.get(current, ()))
    return False


def check_gap_recommendations(file: CheckedFile) -> None:
    entries = items(file.doc.data.get("gap_recommendations"), ("gap_recommendations",))
    for path, raw in entries:
        rec = typed(GapRecommendation, raw)
        if rec is not None:
            file.known_dimension((*path, "dimension"), rec.dimension)
