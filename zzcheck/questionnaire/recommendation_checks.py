"""Cross-check of next steps: a recommendation names a known dimension and levels, or a
trigger; its profile codes exist; a team-mode gap recommendation names a known dimension."""

from __future__ import annotations

from zzcheck.questionnaire.checked_file import CheckedFile, unknown
from zzcheck.questionnaire.condition_checks import check_reference
from zzcheck.questionnaire.model import GapRecommendation, Recommendation
from zzcheck.questionnaire.profile_checks import check_profile_codes
from zzcheck.questionnaire.rawdata import items, typed


def check_recommendations(file: CheckedFile) -> None:
    for path, raw in items(file.doc.data.get("recommendations"), ("recommendations",)):
        rec = typed(Recommendation, raw)
        if rec is None:
            continue
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


def check_gap_recommendations(file: CheckedFile) -> None:
    entries = items(file.doc.data.get("gap_recommendations"), ("gap_recommendations",))
    for path, raw in entries:
        rec = typed(GapRecommendation, raw)
        if rec is not None:
            file.known_dimension((*path, "dimension"), rec.dimension)
