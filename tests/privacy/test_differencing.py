"""Attack: differencing a team campaign between two views, as an owner would run it through
the browser (issue 13, point 1). The owner saves the results page, waits for one more answer
and reloads. Before, the newcomer's dimension scores were ``(n+1)·mean_new − n·mean_old``
and the "all answers" column of the needs table gave their need answers exactly; a newcomer
in a hidden role group was revealed the same way. Now an open campaign shows only how many
answers came in, and a closed one the results stored once when it closed: two views never
differ in any figure, whatever arrives (or is committed) in between."""

from __future__ import annotations

from datetime import timedelta

import teamhelp
from flask import Flask
from flask.testing import FlaskClient
from insider import figures, newcomer_needs, newcomer_scores
from teamhelp import PEOPLE, answer, answer_all, open_campaign
from test_team_pages import TeamBrowser
from webpage import form_of, parse

from zzcheck.extensions import db
from zzcheck.storage.assessments import complete_assessment
from zzcheck.storage.models import Assessment, utcnow

QUESTIONNAIRES = teamhelp.TEAM
NEWCOMER_SCORES = {"Information": 50.0, "Technik": 75.0}  # what TeamBrowser answers


def view(client: FlaskClient, owner_token: str, campaign_id: int) -> bytes:
    response = client.get(f"/a/{owner_token}/team/{campaign_id}")
    assert response.status_code == 200
    return response.data


def downloads(client: FlaskClient, owner_token: str, campaign_id: int) -> list[tuple[int, bytes]]:
    base = f"/a/{owner_token}/team/{campaign_id}"
    responses = [client.get(f"{base}/1/bedarf.csv"), client.get(f"{base}/bericht.pdf")]
    return [(r.status_code, r.data if r.mimetype == "text/csv" else b"") for r in responses]


def test_one_more_answer_while_open_reveals_nothing(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    campaign_id, token = open_campaign(app, owner[0])
    answer_all(app, campaign_id)  # 12 answers, enough for results on the old pages
    before = view(client, owner[1], campaign_id)
    files_before = downloads(client, owner[1], campaign_id)
    TeamBrowser(app.test_client(), token).answer_all("employee", "production")
    after = view(client, owner[1], campaign_id)
    assert newcomer_scores(figures(before), figures(after)) == {}  # was NEWCOMER_SCORES
    assert newcomer_needs(figures(before), figures(after)) == {}
    assert figures(before) == figures(after) == {}  # no group, no figure while open
    assert "12 Antworten abgeschlossen" in parse(before).text  # how many came in: yes
    assert "13 Antworten abgeschlossen" in parse(after).text
    assert files_before == downloads(client, owner[1], campaign_id) == [(404, b""), (404, b"")]


def test_a_newcomer_in_a_hidden_role_group_is_not_revealed(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    """The only works-council member answers between two views: the shown groups stay the
    same, so before only the totals (and the needs table's column over everyone) moved."""
    campaign_id, token = open_campaign(app, owner[0])
    answer_all(app, campaign_id, [p for p in PEOPLE if p[0] != "works_council"])
    before = figures(view(client, owner[1], campaign_id))
    TeamBrowser(app.test_client(), token).answer_all("works_council", "none")
    after = figures(view(client, owner[1], campaign_id))
    assert newcomer_needs(before, after) == {}  # was {"Leitung": False, "Werkstatt": True}
    assert before == after == {}


def test_a_hidden_person_changes_no_figure_of_a_closed_campaign(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    """Two closed campaigns, the same people, one with a lone works-council member: apart
    from the number of answers, every figure is the same, so nothing can be subtracted."""
    without, _token = open_campaign(app, owner[0])
    teamhelp.answered_and_closed(app, without, [p for p in PEOPLE if p[0] != "works_council"])
    lone = ("works_council", None, 4, 0, ["leitung"])
    with_one, _token = open_campaign(app, owner[0])
    people = [p for p in PEOPLE if p[0] != "works_council"] + [lone]
    teamhelp.answered_and_closed(app, with_one, people)
    one, other = figures(view(client, owner[1], without)), figures(view(client, owner[1], with_one))
    assert one.pop("left_out") == ["1 Antworten aus kleineren Gruppen"]  # IT
    assert other.pop("left_out") == ["2 Antworten aus kleineren Gruppen"]
    assert one == other and one["scores"] and one["needs"]
    assert newcomer_needs(one, other) == {}


def test_the_closed_results_never_change(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    """The closing date passes; the owner's first view stores the results. An answer that was
    in flight at the end (completed just before it, committed after the first view) and one
    completed later change nothing: not the page, not the CSV."""
    campaign_id, _token = open_campaign(app, owner[0])
    end = utcnow() - timedelta(minutes=1)
    for answered in answer_all(app, campaign_id):
        teamhelp.backdate_completion(app, answered, end - timedelta(minutes=10))
    in_flight = answer(app, campaign_id, ("employee", "production", 4, 0, ["leitung"]), False)
    teamhelp.set_closing(app, campaign_id, end)
    first = view(client, owner[1], campaign_id)
    csv_first = client.get(f"/a/{owner[1]}/team/{campaign_id}/1/bedarf.csv").data
    assert figures(first)["scores"][1] == ["Information", "91,7", "29,2", "+62,5", "25–75"]
    with app.app_context():
        late = db.session.get(Assessment, in_flight)
        assert late is not None
        complete_assessment(db.session, late)  # completed after the end: never counted
        db.session.commit()
    assert figures(view(client, owner[1], campaign_id)) == figures(first)
    teamhelp.backdate_completion(app, in_flight, end - timedelta(seconds=1))  # in flight
    again = view(client, owner[1], campaign_id)
    assert figures(again) == figures(first)
    assert client.get(f"/a/{owner[1]}/team/{campaign_id}/1/bedarf.csv").data == csv_first
    assert "12 Antworten abgeschlossen" in parse(again).text


def test_closing_early_stores_the_results_at_once(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    """The owner closes through the page: the results of that moment are the results."""
    campaign_id, token = open_campaign(app, owner[0])
    answer_all(app, campaign_id)
    page = parse(view(client, owner[1], campaign_id))
    close = form_of(page, "team-close")
    assert client.post(close.action, data=close.submit()).status_code == 303
    closed = figures(view(client, owner[1], campaign_id))
    refused = TeamBrowser(app.test_client(), token)
    assert refused.client.get(f"/team/{token}").status_code == 410  # no answer after close
    assert closed["scores"][1] == ["Information", "91,7", "29,2", "+62,5", "25–75"]
    assert figures(view(client, owner[1], campaign_id)) == closed
