"""Team mode asks a question in its team wording (``text_team``, ``help_team``) so that
everyone answers from their own experience; the owner's check keeps the owner's wording, and
every question the shipped questionnaires ask in team mode has a team wording in German and
English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zzcheck.questionnaire import QuestionnaireError, load_folder, load_text
from zzcheck.team.questions import team_questionnaire

FOLDER = Path(__file__).resolve().parents[2] / "questionnaires"

MINI = """\
id: mini
version: "1.0"
title: Mini
description: Mini
dimensions:
  - {id: d, title: D}
levels:
  - {id: l0, min: 0, name: Start, description: Start}
sections:
  - id: s
    title: S
    questions:
      - id: gefragt
        type: yesno
        dimension: d
        text: {de: "Sprechen Sie mit den Beschäftigten?", en: "Do you talk to the staff?"}
        text_team: {de: "Spricht die Leitung mit Ihnen?", en: "Does management talk to you?"}
        help: {de: "Für die Leitung.", en: "For management."}
        help_team: {de: "Für das Team.", en: "For the team."}
      - id: gleich
        type: yesno
        dimension: d
        text: Gibt es eine Liste?
      - id: frei
        type: text
        text: Was noch?
        text_team: Was noch, aus Ihrer Sicht?
"""


def test_team_mode_asks_the_team_wording_and_the_owner_keeps_hers() -> None:
    owner = load_text(MINI, "mini.yaml").questionnaire
    team = team_questionnaire(owner)
    asked = team.question("gefragt")
    assert asked is not None and asked.help is not None
    assert (asked.text.de, asked.text.en) == (
        "Spricht die Leitung mit Ihnen?",
        "Does management talk to you?",
    )
    assert asked.help.get("en") == "For the team."
    assert team.question("gleich") == owner.question("gleich")  # no team wording: unchanged
    assert team.question("frei") is None  # free text is never asked in team mode
    kept = owner.question("gefragt")
    assert kept is not None and kept.text.de == "Sprechen Sie mit den Beschäftigten?"


def test_a_team_wording_is_checked_like_any_text() -> None:
    broken = MINI.replace('text_team: {de: "Spricht die Leitung mit Ihnen?", ', "text_team: {")
    message = "mini.yaml:17: sections[0].questions[0].text_team.de: German text ('de') is missing"
    with pytest.raises(QuestionnaireError, match=re.escape(message)):
        load_text(broken, "mini.yaml")


def test_every_question_team_mode_asks_has_a_team_wording_in_both_languages() -> None:
    missing = []
    for qid, loaded in load_folder(FOLDER).items():
        for question in team_questionnaire(loaded.questionnaire).questions:
            owner = loaded.questionnaire.question(question.id)
            worded = owner is not None and owner.text_team is not None
            if not worded or not question.text.en or question.text == owner.text:  # type: ignore[union-attr]
                missing.append(f"{qid}: {question.id}")
    assert not missing, "\n".join(missing)
