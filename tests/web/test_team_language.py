"""Team pages and the team PDF in English for a questionnaire without English text: its
German texts are marked ``lang="de"`` (WCAG 3.1.2); a translated one carries no marks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import teamhelp
import yaml
from flask import Flask
from flask.testing import FlaskClient
from webpage import parse

from zzcheck.questionnaire.yamlread import read_yaml


def german_only(node: Any) -> Any:
    """The questionnaire with every English text taken out."""
    if isinstance(node, dict):
        return {key: german_only(value) for key, value in node.items() if key != "en"}
    if isinstance(node, list):
        return [german_only(item) for item in node]
    return node


@pytest.fixture(params=["german-only", "translated"])
def app_config(
    app_config: dict[str, Any], tmp_path: Path, request: pytest.FixtureRequest
) -> dict[str, Any]:
    source = Path(teamhelp.TEAM) / "teamcheck.yaml"
    content = read_yaml(source.read_text(encoding="utf-8"), source.name).data
    if request.param == "german-only":
        content = german_only(content)
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    (folder / "teamcheck.yaml").write_text(yaml.safe_dump(content, allow_unicode=True))
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": str(folder)}


def test_german_text_on_the_english_campaign_page_is_marked(
    app: Flask, client: FlaskClient, app_config: dict[str, Any]
) -> None:
    owner_id, owner_token = teamhelp.owner_check(app)
    campaign_id, _link = teamhelp.open_campaign(app, owner_id)
    teamhelp.answered_and_closed(app, campaign_id)
    client.get("/sprache/en?next=/")
    page = parse(client.get(f"/a/{owner_token}/team/{campaign_id}").data)
    main = page.find("main")
    assert main is not None
    marked = [e.text.strip() for e in main.iter() if e.get("lang") == "de"]
    translated = "Team check" in main.text
    if translated:
        assert marked == []
    else:
        assert "Team-Check" in main.text
        assert {"Team-Check", "Information", "Technik"} <= set(marked)
        assert all(e.get("lang") != "en" for e in main.iter())
