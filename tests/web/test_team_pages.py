"""A team respondent through the pages (test client, CSRF on): the entry page says what this
is and what stays anonymous, asks role and area only; the questionnaire's pages are the
owner's machinery without a personal link and without free text; the thanks page shows no
result. Each browser answers once; a closed campaign refuses answers with a clear message,
also to someone who started before it closed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import teamhelp
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from teamhelp import open_campaign, owner_check
from webpage import form_of, parse
from werkzeug.test import TestResponse

from zzcheck.extensions import db
from zzcheck.storage.models import COMPLETED, Answer, Assessment, utcnow
from zzcheck.storage.team_models import CampaignResponse

QUESTIONNAIRES = teamhelp.TEAM
PAGE1 = {"q_info_frueh": "teils", "q_br_informiert": "yes"}
PAGE2 = {"q_geraete": "gut", "q_bedarf": ["werkstatt"]}


class TeamBrowser:
    """One browser (cookie jar) answering a campaign like a browser without JavaScript."""

    def __init__(self, client: FlaskClient, token: str) -> None:
        self.client, self.token = client, token

    def join(self, role: str = "employee", area: str = "production") -> TestResponse:
        form = form_of(parse(self.client.get(f"/team/{self.token}").data))
        return self.client.post(form.action, data=form.submit({"role": role, "area": area}))

    def page(self, number: int, answers: dict[str, object], action: str = "next") -> TestResponse:
        form = form_of(parse(self.client.get(f"/team/{self.token}/{number}").data), "questions")
        return self.client.post(form.action, data=form.submit(answers, action))

    def answer_all(self, role: str = "employee", area: str = "production") -> TestResponse:
        assert self.join(role, area).status_code == 303
        assert self.page(1, PAGE1).status_code == 303
        return self.page(2, PAGE2, "finish")

    def csrf(self) -> str:
        """A CSRF token of this browser's session (from any form page)."""
        html = self.client.get("/teamcheck/start").get_data(as_text=True)
        found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
        assert found
        return found.group(1)


@pytest.fixture
def owner(app: Flask) -> tuple[int, str]:
    """The company owner's completed check (id, resume token)."""
    return owner_check(app)


@pytest.fixture
def campaign(app: Flask, owner: tuple[int, str]) -> tuple[int, str]:
    return open_campaign(app, owner[0])


def browser(app: Flask, campaign: tuple[int, str]) -> TeamBrowser:
    return TeamBrowser(app.test_client(), campaign[1])


def team_rows(app: Flask) -> list[tuple[str, str | None, str]]:
    with app.app_context():
        query = select(CampaignResponse.role, CampaignResponse.area, Assessment.status).join(
            Assessment, Assessment.id == CampaignResponse.assessment_id
        )
        return [tuple(row) for row in db.session.execute(query)]  # type: ignore[misc]


def test_the_entry_page_explains_and_asks_only_role_and_area(
    app: Flask, campaign: tuple[int, str]
) -> None:
    response = app.test_client().get(f"/team/{campaign[1]}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    page = parse(response.data)
    text = page.text
    assert "Niemand sieht Ihre einzelnen Antworten" in text
    assert "erst ab 5 Antworten insgesamt" in text and "erst ab 3 Antworten" in text
    assert "Team-Check" in text and "etwa 3 Minuten" in text
    form = form_of(page)
    assert form.names() == ["csrf_token", "role", "area"]
    assert form.options("role") == ["management", "employee", "works_council", "it"]
    assert form.options("area") == ["office", "production", "field", "none"]


def test_a_respondent_answers_and_sees_only_thanks(app: Flask, campaign: tuple[int, str]) -> None:
    team = browser(app, campaign)
    joined = team.join("employee", "office")
    assert joined.status_code == 303
    assert joined.headers["Location"] == f"/team/{campaign[1]}/1"
    cookie = joined.headers["Set-Cookie"]
    assert cookie.startswith(f"zzteam{campaign[0]}=")
    assert "HttpOnly" in cookie and "Path=/team/" in cookie and "SameSite=Lax" in cookie
    first = parse(team.client.get(f"/team/{campaign[1]}/1").data)
    assert first.by_id("resume-url") is None  # no personal link: the cookie finds the answer
    assert form_of(first, "questions").names() == ["csrf_token", "q_info_frueh", "q_br_informiert"]
    assert team.page(1, PAGE1).headers["Location"] == f"/team/{campaign[1]}/2"
    last = parse(team.client.get(f"/team/{campaign[1]}/2").data)
    assert "Abschnitt 2 von 2" in last.text  # the free-text page is not asked at all
    assert "Antworten abschicken" in last.text
    done = team.page(2, PAGE2, "finish")
    assert done.headers["Location"] == f"/team/{campaign[1]}/danke"
    thanks = team.client.get(done.headers["Location"])
    assert thanks.status_code == 200
    text = parse(thanks.data).text
    assert "Danke für Ihre Antworten" in text
    assert "Punkte" not in text and "Ergebnis" not in text
    assert team_rows(app) == [("employee", "office", COMPLETED)]
    with app.app_context():
        query = select(Answer.question_id, Answer.value).join(
            CampaignResponse, CampaignResponse.assessment_id == Answer.assessment_id
        )
        answers = dict(db.session.execute(query).all())
    assert answers == {
        "info_frueh": "teils",
        "br_informiert": "yes",  # asked: the owner's company has a works council
        "geraete": "gut",
        "bedarf": ["werkstatt"],
    }  # and no free text


def test_a_visit_goes_on_where_the_respondent_stopped(
    app: Flask, campaign: tuple[int, str]
) -> None:
    team = browser(app, campaign)
    team.join()
    team.page(1, PAGE1)
    again = team.client.get(f"/team/{campaign[1]}")
    assert again.status_code == 303 and again.headers["Location"] == f"/team/{campaign[1]}/2"


def test_each_browser_answers_once(app: Flask, campaign: tuple[int, str]) -> None:
    team = browser(app, campaign)
    team.answer_all()
    assert team.client.get(f"/team/{campaign[1]}").headers["Location"].endswith("/danke")
    second = team.client.post(
        f"/team/{campaign[1]}", data={"csrf_token": team.csrf(), "role": "management"}
    )
    assert second.status_code == 409
    assert "schon teilgenommen" in parse(second.data).text
    assert len(team_rows(app)) == 1
    other = browser(app, campaign)
    assert other.answer_all("management", "none").status_code == 303
    assert sorted(team_rows(app)) == [
        ("employee", "production", COMPLETED),
        ("management", None, COMPLETED),
    ]


def test_a_started_browser_cannot_start_again(app: Flask, campaign: tuple[int, str]) -> None:
    team = browser(app, campaign)
    team.join()
    second = team.client.post(
        f"/team/{campaign[1]}", data={"csrf_token": team.csrf(), "role": "it"}
    )
    assert second.status_code == 409
    assert "Dort weitermachen" in parse(second.data).text
    assert len(team_rows(app)) == 1


def test_after_the_closing_date_answers_are_refused(app: Flask, campaign: tuple[int, str]) -> None:
    started = browser(app, campaign)
    started.join()
    started.page(1, PAGE1)
    teamhelp.set_closing(app, campaign[0], utcnow() - timedelta(minutes=1))
    entry = app.test_client().get(f"/team/{campaign[1]}")
    assert entry.status_code == 410
    assert "Diese Befragung ist beendet" in parse(entry.data).text
    refused = started.client.post(f"/team/{campaign[1]}/2", data={"csrf_token": started.csrf()})
    assert refused.status_code == 410
    assert "gehen nicht in die Auswertung ein" in parse(refused.data).text
    assert team_rows(app) == [("employee", "production", "in_progress")]


def test_closing_early_refuses_a_respondent_mid_way(
    app: Flask, campaign: tuple[int, str], owner: tuple[int, str], client: FlaskClient
) -> None:
    team = browser(app, campaign)
    team.join()
    team.page(1, PAGE1)
    page = parse(client.get(f"/a/{owner[1]}/team/{campaign[0]}").data)
    close = form_of(page, "team-close")
    closed = client.post(close.action, data=close.submit())
    assert closed.status_code == 303
    refused = team.client.post(
        f"/team/{campaign[1]}/2", data={"csrf_token": team.csrf(), **PAGE2, "action": "finish"}
    )
    assert refused.status_code == 410
    assert "gehen nicht in die Auswertung ein" in parse(refused.data).text
    assert team_rows(app) == []  # the unfinished answer was deleted when the campaign closed
    assert app.test_client().get(f"/team/{campaign[1]}").status_code == 410


def test_unknown_links_are_not_found(app: Flask, campaign: tuple[int, str]) -> None:
    client = app.test_client()
    assert client.get("/team/gibt-es-nicht").status_code == 404
    assert client.get(f"/team/{campaign[1]}x/1").status_code == 404
    assert client.get(f"/team/{'a' * 300}").status_code == 404


def test_pages_without_a_start_lead_to_the_entry(app: Flask, campaign: tuple[int, str]) -> None:
    client = app.test_client()
    for url in (f"/team/{campaign[1]}/1", f"/team/{campaign[1]}/danke"):
        response = client.get(url)
        assert (
            response.status_code == 303 and response.headers["Location"] == f"/team/{campaign[1]}"
        )


def test_a_forged_cookie_is_ignored(app: Flask, campaign: tuple[int, str]) -> None:
    team = browser(app, campaign)
    team.answer_all()
    forged = app.test_client()
    forged.set_cookie(f"zzteam{campaign[0]}", "eyJjIjoxLCJiIjoieCJ9.falsch", path="/team/")
    assert forged.get(f"/team/{campaign[1]}").status_code == 200  # a fresh start, not "done"


def test_forms_without_a_csrf_token_change_nothing(app: Flask, campaign: tuple[int, str]) -> None:
    team = browser(app, campaign)
    refused = team.client.post(f"/team/{campaign[1]}", data={"role": "employee"})
    assert refused.status_code == 400
    assert team_rows(app) == []
    team.join()
    stale = team.client.post(f"/team/{campaign[1]}/1", data={"q_info_frueh": "immer"})
    assert stale.status_code == 400
    page = parse(stale.data)
    assert "noch nicht gespeichert" in page.text
    assert form_of(page, "questions").defaults()["q_info_frueh"] == ["immer"]  # kept as typed
    with app.app_context():
        team_answers = (
            select(func.count())
            .select_from(Answer)
            .join(CampaignResponse, CampaignResponse.assessment_id == Answer.assessment_id)
        )
        assert db.session.scalar(team_answers) == 0


def test_the_area_is_asked_only_where_needs_are_asked(app: Flask) -> None:
    campaign_id, token = open_campaign(app, owner_check(app)[0], ("zweiter",))
    form = form_of(parse(app.test_client().get(f"/team/{token}").data))
    assert form.names() == ["csrf_token", "role"]
    assert campaign_id > 0


def test_a_campaign_with_two_questionnaires(app: Flask) -> None:
    _campaign_id, token = open_campaign(app, owner_check(app)[0], ("teamcheck", "zweiter"))
    team = TeamBrowser(app.test_client(), token)
    team.answer_all()
    thanks = parse(team.client.get(f"/team/{token}/danke").data)
    assert "Zweiter Check" in thanks.text
    following = form_of(thanks)
    started = team.client.post(following.action, data=following.submit())
    assert started.status_code == 303 and started.headers["Location"] == f"/team/{token}/1"
    page = form_of(parse(team.client.get(f"/team/{token}/1").data), "questions")
    assert page.names() == ["csrf_token", "q_lernzeit"]
    done = team.client.post(page.action, data=page.submit({"q_lernzeit": "no"}, "finish"))
    assert done.headers["Location"] == f"/team/{token}/danke"
    assert "Zweiter Check" not in parse(team.client.get(f"/team/{token}/danke").data).text
    assert [row[2] for row in team_rows(app)] == [COMPLETED, COMPLETED]


def test_the_area_is_optional_and_the_role_is_not(app: Flask, campaign: tuple[int, str]) -> None:
    team = browser(app, campaign)
    form = form_of(parse(team.client.get(f"/team/{campaign[1]}").data))
    assert form.defaults()["area"] == ["none"]  # "keine Angabe" is preselected
    without_role = team.client.post(form.action, data={"csrf_token": team.csrf()})
    assert without_role.status_code == 400
    assert "Bitte wählen Sie Ihre Rolle." in parse(without_role.data).text
    tampered = team.client.post(
        form.action, data={"csrf_token": team.csrf(), "role": "chef", "area": "none"}
    )
    assert tampered.status_code == 400
    only_role = team.client.post(form.action, data={"csrf_token": team.csrf(), "role": "it"})
    assert only_role.status_code == 303
    assert team_rows(app) == [("it", None, "in_progress")]


def test_closing_needs_a_csrf_token(
    app: Flask, campaign: tuple[int, str], owner: tuple[int, str], client: FlaskClient
) -> None:
    refused = client.post(f"/a/{owner[1]}/team/{campaign[0]}/schliessen")
    assert refused.status_code == 400
    assert app.test_client().get(f"/team/{campaign[1]}").status_code == 200  # still open
