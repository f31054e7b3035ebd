"""A team campaign on a shipped questionnaire asks each question in its team wording."""

from __future__ import annotations

from centrehelp import completed
from flask import Flask
from teamhelp import open_campaign
from webpage import form_of, parse

from zzcheck.registry import current_registry


def test_a_team_member_reads_the_team_wording(app: Flask) -> None:
    owner_id, _token = completed(app, {"ki_stand": "einzelne"}, questionnaire_id="beteiligung")
    _campaign, link = open_campaign(app, owner_id, ("beteiligung",))
    client = app.test_client()
    entry = form_of(parse(client.get(f"/team/{link}").data))
    joined = client.post(entry.action, data=entry.submit({"role": "employee", "area": "office"}))
    assert joined.status_code == 303
    page = " ".join(parse(client.get(f"/team/{link}/1").data).text.split())
    with app.app_context():
        question = (
            current_registry().questionnaires["beteiligung"].questionnaire.question("ki_stand")
        )
    assert question is not None and question.text_team is not None
    assert question.text_team.de in page
    assert question.text.de not in page
