"""The company owner's pages: start page (the journey lands here with the next issue)."""

from __future__ import annotations

from flask import Blueprint, render_template

from zzcheck.registry import current_registry

bp = Blueprint("respondent", __name__)


@bp.get("/")
def start() -> str:
    loaded = current_registry().questionnaires.values()
    return render_template("respondent/start.html", questionnaires=[q.questionnaire for q in loaded])
