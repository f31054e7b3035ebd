"""Leichte Sprache (easy-to-read German): the start page, the privacy information and how to
read a result, for everyone who finds the standard pages hard to read.

The texts are German by nature (Leichte Sprache is a German standard), yet they go through
``_()`` like all interface text, so the English catalogue holds a plain-English version.
Facts that can change (retention periods, k, the levels of the questionnaires) come from the
configuration and the questionnaire files, never from the wording.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask import Blueprint, current_app, render_template, request

from zzcheck.analytics.privacy import min_group_size
from zzcheck.questionnaire.model import Level, Questionnaire, Text
from zzcheck.registry import current_registry
from zzcheck.web.privacy import privacy_facts

bp = Blueprint("easy", __name__)


@dataclass(frozen=True)
class LevelScheme:
    """One set of levels and the questionnaires that use it (the shipped ones share one)."""

    titles: tuple[Text, ...]
    levels: tuple[Level, ...]


def level_schemes(questionnaires: Iterable[Questionnaire]) -> list[LevelScheme]:
    """The distinct level sets of ``questionnaires``, in the order they first appear."""
    groups: dict[tuple[tuple[float, str], ...], list[Questionnaire]] = {}
    for questionnaire in questionnaires:
        key = tuple((level.min, level.name.de) for level in questionnaire.levels)
        groups.setdefault(key, []).append(questionnaire)
    return [
        LevelScheme(tuple(q.title for q in group), group[0].levels) for group in groups.values()
    ]


def _k() -> int:
    return min_group_size(current_app.config.get("ZZCHECK_MIN_GROUP_SIZE"))


@bp.get("/leichte-sprache")
def start() -> str:
    return render_template("easy/start.html")


@bp.get("/leichte-sprache/datenschutz")
def privacy() -> str:
    return render_template("easy/privacy.html", **privacy_facts())


@bp.get("/leichte-sprache/ergebnis")
def result() -> str:
    """How to read a result; ``?fragebogen=<id>`` (the result page's link) narrows the
    levels to that questionnaire's."""
    loaded = current_registry().questionnaires
    chosen = loaded.get(request.args.get("fragebogen", ""))
    questionnaires = [chosen] if chosen else list(loaded.values())
    schemes = level_schemes(item.questionnaire for item in questionnaires)
    return render_template("easy/result.html", schemes=schemes, k=_k())
