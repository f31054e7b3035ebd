"""The campaign pages with many respondents (12 through the services, more through the web):
the owner opens a campaign from the result page; once it has closed, the page shows the
group means, the gap between management and employees, the spread, the questions people
disagree on and the next steps worked out by hand; thresholds (a group of 2 hidden, 3 shown,
4 answers show nothing); nothing identifies a person, in the page, the chart data or the
downloads. (While open, only counts: tests/privacy/.)"""

from __future__ import annotations

import csv
import hashlib
import io
import re

import pytest
import teamhelp
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select
from teamhelp import PEOPLE, answer_all, answered_and_closed, open_campaign, owner_check
from webpage import Element, form_of, json_script, parse

from zzcheck.extensions import db
from zzcheck.storage.models import utcnow
from zzcheck.storage.team_models import Campaign
from zzcheck.web.team.exports import needs_csv

QUESTIONNAIRES = teamhelp.TEAM
GROUP_TRACES = [
    "Geschäftsführung/Leitung (3 Antworten)",
    "Beschäftigte (6 Antworten)",
]


@pytest.fixture
def owner(app: Flask) -> tuple[int, str]:
    return owner_check(app)


def campaign_page(client: FlaskClient, owner_token: str, campaign_id: int) -> Element:
    response = client.get(f"/a/{owner_token}/team/{campaign_id}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    return parse(response.data)


def table(page: Element, class_: str) -> list[list[str]]:
    found = page.find("table", class_=class_)
    assert found is not None, class_
    return [[cell.text.strip() for cell in row.find_all()] for row in found.find_all("tr")]


def cells(row: Element) -> list[str]:
    return [c.text.strip() for c in row.iter() if c.tag in ("th", "td")]


def rows_of(page: Element, class_: str) -> list[list[str]]:
    found = page.find("table", class_=class_)
    assert found is not None, class_
    return [cells(row) for row in found.find_all("tr")]


def test_the_owner_opens_a_campaign_from_the_result_page(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    result = parse(client.get(f"/a/{owner[1]}/ergebnis").data)
    link = result.find("a", href=f"/a/{owner[1]}/team")
    assert link is not None
    form = form_of(parse(client.get(f"/a/{owner[1]}/team").data), "team-open")
    assert form.defaults()["questionnaires"] == ["teamcheck"]  # the owner's own, preselected
    opened = client.post(form.action, data=form.submit({"min_group_size": "4", "access": "link"}))
    assert opened.status_code == 200
    shown = parse(opened.data).by_id("campaign-link")
    assert shown is not None
    token = shown.get("href", "").rsplit("/team/", 1)[1]
    with app.app_context():
        campaign = db.session.scalars(select(Campaign)).one()
        assert campaign.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert campaign.min_group_size == 4 and campaign.owner_assessment_id == owner[0]
    again = parse(client.get(f"/a/{owner[1]}/team").data)
    assert again.by_id("campaign-link") is None  # shown once only
    assert again.find("tr", **{"data-campaign": str(campaign.id)}) is not None
    assert app.test_client().get(f"/team/{token}").status_code == 200


@pytest.mark.parametrize(
    "answers",
    [{"questionnaires": []}, {"closes_on": "2020-01-01"}, {"min_group_size": "2"}],
)
def test_the_opening_form_refuses_bad_values(
    app: Flask, client: FlaskClient, owner: tuple[int, str], answers: dict[str, object]
) -> None:
    form = form_of(parse(client.get(f"/a/{owner[1]}/team").data), "team-open")
    refused = client.post(form.action, data=form.submit(answers))
    assert refused.status_code == 400
    assert parse(refused.data).find("div", **{"class": "error-summary"}) is not None
    with app.app_context():
        assert db.session.scalars(select(Campaign)).all() == []


def test_an_unfinished_check_opens_no_campaign(app: Flask, client: FlaskClient) -> None:
    token = app.test_client()
    from journeyhelp import Respondent

    started = Respondent(token).start("teamcheck")
    response = token.get(f"/a/{started}/team")
    assert response.status_code == 303 and response.headers["Location"] == f"/a/{started}"


def test_results_as_worked_out_by_hand(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    campaign_id, _token = open_campaign(app, owner[0])
    answered_and_closed(app, campaign_id)
    page = campaign_page(client, owner[1], campaign_id)
    text = page.text
    assert "12 Antworten abgeschlossen (12 begonnen)" in text
    assert "Geschäftsführung/Leitung (3), Beschäftigte (6)" in text
    assert "3 Antworten aus kleineren Gruppen gehen in keine der Zahlen ein" in text
    assert rows_of(page, "team-table") == [
        ["Bereich", "Leitung", "Beschäftigte", "Abstand Leitung – Beschäftigte", "Streuung"],
        ["Information", "91,7", "29,2", "+62,5", "25–75"],
        ["Technik", "33,3", "75", "−41,7", "50–75"],
    ]
    steps = page.find("ol", **{"class": "next-steps"})
    assert steps is not None
    titles = [h.text for h in steps.find_all("h4")]
    assert titles == ["Fragen Sie nach, was ankommt", "Die Werkstatt kennt ihre Geräte"]
    assert "Nie feuernde" not in text
    assert "Die Leitung sieht den Stand um 62,5 Punkte besser" in steps.text
    assert "Die Beschäftigten sehen den Stand um 41,7 Punkte besser" in steps.text


def test_the_radar_has_one_trace_per_shown_group(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    campaign_id, _token = open_campaign(app, owner[0])
    answered_and_closed(app, campaign_id)
    page = campaign_page(client, owner[1], campaign_id)
    chart = page.by_id("team-chart-1")
    assert chart is not None and chart.get("data-radar") == "team-data-1"
    figure = json_script(page, "team-data-1")
    assert [trace["name"] for trace in figure["data"]] == GROUP_TRACES
    assert [trace["r"] for trace in figure["data"]] == [[91.7, 33.3, 91.7], [29.2, 75.0, 29.2]]
    for trace in figure["data"]:
        assert trace["customdata"] == ["Information", "Technik", "Information"]
        assert trace["hovertemplate"] == "%{customdata}<br>%{r:.1f} von 100 Punkten"
    assert "Betriebsrat" not in str(figure) and "IT (" not in str(figure)


def test_a_group_of_two_is_hidden_and_of_three_shown(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    """Works council: 2 answers (services) → hidden; in a second campaign a third through
    the web → shown."""
    first, _token = open_campaign(app, owner[0])
    answered_and_closed(app, first)
    before = campaign_page(client, owner[1], first)
    assert "Betriebsrat" not in rows_of(before, "team-table")[0]
    from test_team_pages import TeamBrowser

    second, token = open_campaign(app, owner[0])
    answer_all(app, second)
    TeamBrowser(app.test_client(), token).answer_all("works_council", "none")
    teamhelp.close(app, second)
    after = campaign_page(client, owner[1], second)
    assert rows_of(after, "team-table")[0][1:4] == ["Leitung", "Beschäftigte", "Betriebsrat"]
    traces = [t["name"] for t in json_script(after, "team-data-1")["data"]]
    assert traces == [*GROUP_TRACES, "Betriebsrat (3 Antworten)"]
    assert "1 Antworten aus kleineren Gruppen" in after.text  # IT alone: counted nowhere


def test_four_answers_show_nothing(app: Flask, client: FlaskClient, owner: tuple[int, str]) -> None:
    campaign_id, _token = open_campaign(app, owner[0])
    answered_and_closed(app, campaign_id, PEOPLE[3:7])
    page = campaign_page(client, owner[1], campaign_id)
    assert "4 Antworten abgeschlossen" in page.text
    assert "Es wurden weniger als 5 Antworten abgeschlossen." in page.text
    assert page.find(None, **{"data-radar": "team-data-1"}) is None
    assert page.find("table", **{"class": "scores team-table"}) is None
    assert "team-data-1" not in page.text and "bedarf.csv" not in str(
        client.get(f"/a/{owner[1]}/team/{campaign_id}").data
    )
    assert client.get(f"/a/{owner[1]}/team/{campaign_id}/1/bedarf.csv").status_code == 404


def test_nothing_identifies_a_person(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    campaign_id, _token = open_campaign(app, owner[0])
    answered_and_closed(app, campaign_id)
    html = client.get(f"/a/{owner[1]}/team/{campaign_id}").get_data(as_text=True)
    page = parse(html)
    for item in page.find_all("table", **{"class": "team-answers"}):
        for count in [cells(row)[1] for row in item.find_all("tr")[1:]]:
            assert count == "0" or count.startswith("weniger als") or int(count) >= 3
    header = rows_of(page, "team-needs")[0]
    assert header[2:] == [
        "alle gezählten Antworten (9)",
        "Geschäftsführung/Leitung (3)",
        "Beschäftigte – Büro/Verwaltung (3)",
        "Beschäftigte – Produktion, Werkstatt oder Lager (3)",
    ]
    assert "Betriebsrat (" not in html and ">IT<" not in html
    assert not re.search(r'data-(assessment|response|respondent)="', html)
    with app.app_context():
        from zzcheck.storage.team_models import CampaignResponse

        hashes = db.session.scalars(select(CampaignResponse.browser_hash)).all()
    assert not any(value in html for value in hashes)


def test_the_qualification_needs_as_csv_and_xlsx(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    campaign_id, _token = open_campaign(app, owner[0])
    answered_and_closed(app, campaign_id)
    base = f"/a/{owner[1]}/team/{campaign_id}/1/bedarf"
    response = client.get(base + ".csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # once, not twice
    assert re.match(
        r'attachment; filename="zzcheck-team-teamcheck-bedarf-\d{8}\.csv"',
        response.headers["Content-Disposition"],
    )
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(body[1:]), delimiter=";")) == [
        [
            "Thema",
            "Für die Gruppe",
            "alle gezählten Antworten (n = 9), %",
            "Geschäftsführung/Leitung (n = 3), %",
            "Beschäftigte – Büro/Verwaltung (n = 3), %",
            "Beschäftigte – Produktion, Werkstatt oder Lager (n = 3), %",
        ],
        ["KI-Grundlagen", "Leitung", "33", "0", "100", "0"],
        ["KI-Grundlagen", "Werkstatt", "56", "67", "33", "67"],
    ]
    xlsx = client.get(base + ".xlsx")
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.data), read_only=True)
    assert book.sheetnames == ["Bedarf", "Info"]
    rows = [list(row) for row in book["Bedarf"].iter_rows(values_only=True)]
    assert rows[1:] == [["KI-Grundlagen", "Leitung", 33, 0, 100, 0],
                        ["KI-Grundlagen", "Werkstatt", 56, 67, 33, 67]]  # fmt: skip
    info = dict(row for row in book["Info"].iter_rows(values_only=True))  # type: ignore[misc]
    assert info["Abgeschlossene Antworten"] == "12" and info["Kleinste gezeigte Gruppe"] == "3"
    assert "§ 96 BetrVG" in str(info["Hinweis"])
    assert client.get(base.replace("/1/", "/2/") + ".csv").status_code == 404


def test_the_exports_defuse_formulas(app: Flask) -> None:
    from zzcheck.storage.campaign_results import PartCount
    from zzcheck.team.analysis import TeamResults
    from zzcheck.web.team.results_page import NeedsView, PartView

    needs = NeedsView([("=alle", 5)], [('=HYPERLINK("x")', "+Leitung", [40])])
    part = PartView(1, None, "T", PartCount(0, 5, 5), 5, 9, TeamResults(5, 3), [], None, [],
                    [], [], needs)  # type: ignore[arg-type]  # fmt: skip
    with app.test_request_context():
        rows = list(csv.reader(io.StringIO(needs_csv(part, "de")[1:]), delimiter=";"))
    assert rows == [
        ["Thema", "Für die Gruppe", "'=alle (n = 5), %"],
        ['\'=HYPERLINK("x")', "'+Leitung", "40"],
    ]


def test_the_consultants_campaign_pages(app: Flask, create_user: object, login: object) -> None:
    consultant = app.test_client()
    login(consultant, create_user("consultant", centre="sachsen"))  # type: ignore[operator]
    page = parse(consultant.get("/berater/team/").data)
    form = form_of(page, "team-open")
    opened = consultant.post(
        form.action,
        data=form.submit(
            {
                "client": "",
                "new_client_name": "Formenbau Ost",
                "works_council": "no",
                "questionnaires": ["teamcheck"],
                "access": "link",
            }
        ),
    )
    assert opened.status_code == 200, opened.data[:2000]
    link = parse(opened.data).by_id("campaign-link")
    assert link is not None
    token = (link.get("href") or "").rsplit("/team/", 1)[1]
    with app.app_context():
        campaign = db.session.scalars(select(Campaign)).one()
        assert (campaign.centre_id, campaign.works_council) == ("sachsen", "no")
        campaign_id = campaign.id
    answer_all(app, campaign_id)
    listed = parse(consultant.get("/berater/team/").data)
    row = listed.find("tr", **{"data-campaign": str(campaign_id)})
    assert row is not None and "Formenbau Ost" in row.text and "12" in cells(row)
    waiting = parse(consultant.get(f"/berater/team/{campaign_id}").data)
    assert waiting.find("table", class_="team-table") is None  # open: counts only
    assert consultant.get(f"/berater/team/{campaign_id}/1/bedarf.xlsx").status_code == 404
    close = form_of(waiting, "team-close")
    assert consultant.post(close.action, data=close.submit()).status_code == 303
    with app.app_context():
        closed = db.session.get(Campaign, campaign_id)
        assert closed is not None and closed.closed_at is not None
        assert closed.closed_at <= utcnow()
    assert app.test_client().get(f"/team/{token}").status_code == 410
    results = parse(consultant.get(f"/berater/team/{campaign_id}").data)
    assert rows_of(results, "team-table")[1] == ["Information", "91,7", "29,2", "+62,5", "25–75"]
    assert consultant.get(f"/berater/team/{campaign_id}/1/bedarf.xlsx").status_code == 200


def test_other_centres_and_other_owners_get_404(
    app: Flask, create_user: object, login: object, owner: tuple[int, str]
) -> None:
    with app.app_context():
        from zzcheck.storage.clients import create_client

        client_id = create_client(db.session, "sachsen", "Formenbau Ost").id
        db.session.commit()
    campaign_id, _token = teamhelp.centre_campaign(app, "sachsen", client_id)
    answer_all(app, campaign_id)
    other = app.test_client()
    login(other, create_user("consultant", centre="berlin"))  # type: ignore[operator]
    for url in (f"/berater/team/{campaign_id}", f"/berater/team/{campaign_id}/1/bedarf.csv"):
        response = other.get(url)
        assert response.status_code == 404 and b"Formenbau" not in response.data
    assert b"Formenbau" not in other.get("/berater/team/").data
    token = parse(other.get("/berater/team/").data)
    closing = other.post(
        f"/berater/team/{campaign_id}/schliessen",
        data={"csrf_token": form_of(token, "team-open").defaults()["csrf_token"][0]},
    )
    assert closing.status_code == 404
    owners = app.test_client()
    own_campaign, _ = open_campaign(app, owner[0])
    second_owner = owner_check(app)
    assert owners.get(f"/a/{second_owner[1]}/team/{own_campaign}").status_code == 404
    assert owners.get(f"/a/{owner[1]}/team/{campaign_id}").status_code == 404  # the centre's
    assert owners.get(f"/a/{owner[1]}x/team/{own_campaign}").status_code == 404
    with app.app_context():
        assert db.session.get(Campaign, campaign_id).closed_at is None  # type: ignore[union-attr]


def test_deleting_the_owners_check_deletes_the_team_answers(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    campaign_id, token = open_campaign(app, owner[0])
    answer_all(app, campaign_id, PEOPLE[:5])
    page = parse(client.get(f"/a/{owner[1]}/loeschen").data)
    assert "Team-Befragungen begonnen" in page.text
    form = form_of(page)
    assert client.post(form.action, data=form.submit()).status_code == 200
    with app.app_context():
        from zzcheck.storage.models import Assessment

        assert db.session.scalars(select(Assessment)).all() == []
        assert db.session.scalars(select(Campaign)).all() == []
    assert app.test_client().get(f"/team/{token}").status_code == 404
