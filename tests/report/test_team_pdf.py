"""The PDF report of a team campaign (owner and consultant): the numbers of the campaign page
(worked out by hand in ``teamhelp``), one radar trace per shown group with a legend, the same
anonymity rules as the page (a group under the threshold is in no text and no trace; no
report while the campaign is open or with fewer than 5 answers), centre and owner scoping
(404), German and English."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
import teamhelp
from flask import Flask
from flask.testing import FlaskClient
from reporthelp import pdf_pages, pdf_text
from teamhelp import PEOPLE, answer_all, answered_and_closed, open_campaign, owner_check
from webpage import Element, parse

from zzcheck.extensions import db
from zzcheck.report import pdf
from zzcheck.report.svg import GEOMETRY
from zzcheck.storage.clients import create_client

QUESTIONNAIRES = teamhelp.TEAM
NS = {"svg": "http://www.w3.org/2000/svg"}
# Hand-computed in teamhelp: management info (100 + 100 + 75) / 3 = 91.7, technik 33.3;
# employees info 175 / 6 = 29.2, technik 450 / 6 = 75; gap +62.5 and −41.7; spread Q1–Q3.
ROWS = ["Information 91,7 29,2 +62,5 25–75", "Technik 33,3 75 −41,7 50–75"]
LEGEND = ["Geschäftsführung/Leitung (3 Antworten)", "Beschäftigte (6 Antworten)"]


@pytest.fixture
def owner(app: Flask) -> tuple[int, str]:
    return owner_check(app)


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML of every PDF rendered in the test (the radar's SVG is inline in it)."""
    pages: list[str] = []
    render = pdf.html_to_pdf

    def keep(html: str, *args: object) -> bytes:
        pages.append(html)
        return render(html, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "html_to_pdf", keep)
    return pages


def radar(html: str) -> ET.Element:
    found = re.search(r"<svg .*?</svg>", html, re.S)
    assert found is not None
    return ET.fromstring(found.group(0))


def legend(root: ET.Element) -> list[str]:
    return ["".join(g.itertext()) for g in root.iterfind("svg:g[@class='legend-entry']", NS)]


def page_rows(page: Element) -> list[str]:
    table = page.find("table", class_="team-table")
    assert table is not None
    return [
        " ".join(c.text.strip() for c in row.iter() if c.tag in ("th", "td"))
        for row in table.find_all("tr")[1:]
    ]


def download(client: FlaskClient, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert all(width == pytest.approx(210, abs=1) for width, _h in pdf_pages(response.data))
    return re.sub(r"\bT (?=[a-zäöü])", "T", pdf_text(response.data))  # pypdf splits "T eam"


def test_the_pdf_has_the_pages_numbers(
    app: Flask, client: FlaskClient, owner: tuple[int, str], printed: list[str]
) -> None:
    campaign_id, _token = open_campaign(app, owner[0])
    answered_and_closed(app, campaign_id)
    base = f"/a/{owner[1]}/team/{campaign_id}"
    page = parse(client.get(base).data)
    link = page.find("a", class_="team-report")
    assert link is not None and link.get("href") == f"{base}/bericht.pdf"
    assert page_rows(page) == ROWS  # the page shows what the PDF must print
    response = client.get(f"{base}/bericht.pdf")
    assert re.fullmatch(
        r'attachment; filename="zzcheck-team-\d{4}-\d{2}-\d{2}\.pdf"',
        response.headers["Content-Disposition"],
    )
    text = download(client, f"{base}/bericht.pdf")
    assert "Ergebnisse der Team-Befragung" in text and "Team-Check" in text
    assert "Version 1.0" in text and "Antworten wurden bis einschließlich" in text
    assert "12 Antworten abgeschlossen (12 begonnen)." in text
    assert "Geschäftsführung/Leitung (3), Beschäftigte (6)." in text
    assert "3 Antworten aus kleineren Gruppen gehen in keine der Zahlen ein" in text
    for row in ROWS:
        assert row in text
    assert "Fragen Sie nach, was ankommt" in text and "Die Werkstatt kennt ihre Geräte" in text
    assert "Die Leitung sieht den Stand um 62,5 Punkte besser als die Beschäftigten." in text
    assert "Nie feuernde" not in text
    assert "Hier sind sich die Befragten am wenigsten einig" in text
    assert "Grundlagen Leitung 33 % 0 % 100 % 0 %" in text  # the needs, as the CSV test
    assert "Grundlagen Werkstatt 56 % 67 % 33 % 67 %" in text
    assert "Was die Stufen bedeuten Start (ab 0 Punkten) Am Anfang." in text
    assert "Weiter (ab 50 Punkten) Schon weiter." in text
    assert "Seite 1 von" in text


def test_the_radar_has_a_styled_trace_per_shown_group(
    app: Flask, client: FlaskClient, owner: tuple[int, str], printed: list[str]
) -> None:
    campaign_id, _token = open_campaign(app, owner[0])
    answered_and_closed(app, campaign_id)
    download(client, f"/a/{owner[1]}/team/{campaign_id}/bericht.pdf")
    root = radar(printed[-1])
    assert legend(root) == LEGEND
    management = root.find("svg:g[@data-trace='0']", NS)
    employees = root.find("svg:g[@data-trace='1']", NS)
    assert management is not None and employees is not None
    (cx, cy), r = GEOMETRY.centre, GEOMETRY.radius
    # Information (axis 0, 12 o'clock) 91.7 and Technik (axis 1, 6 o'clock) 33.3
    circles = management.iterfind("svg:circle", NS)
    dots = [(float(c.get("cx", "")), float(c.get("cy", ""))) for c in circles]
    assert dots == [
        pytest.approx((cx, cy - 0.917 * r), abs=0.01),
        pytest.approx((cx, cy + 0.333 * r), abs=0.01),
    ]
    assert [e.tag.split("}")[1] for e in employees] == ["polygon", "rect", "rect"]
    lines = [management[0], employees[0]]
    assert [p.get("fill") for p in lines] == ["none", "none"]  # no group covers another
    assert [p.get("stroke-dasharray") for p in lines] == [None, "7 4"]


def test_a_group_under_the_threshold_is_in_no_text_and_no_trace(
    app: Flask, client: FlaskClient, owner: tuple[int, str], printed: list[str]
) -> None:
    campaign_id, _token = open_campaign(app, owner[0])
    answered_and_closed(app, campaign_id)  # works council 2, IT 1: under the group size 3
    text = download(client, f"/a/{owner[1]}/team/{campaign_id}/bericht.pdf")
    assert "Betriebsrat (" not in text and "IT (" not in text
    assert "Betriebsrat" not in printed[-1].split("<svg", 1)[1].split("</svg>", 1)[0]
    assert legend(radar(printed[-1])) == LEGEND
    second, _token = open_campaign(app, owner[0])  # with a third works-council answer
    answered_and_closed(app, second, [*PEOPLE, ("works_council", None, 2, 2, [])])
    text = download(client, f"/a/{owner[1]}/team/{second}/bericht.pdf")
    assert "Betriebsrat (3)" in text
    assert legend(radar(printed[-1])) == [*LEGEND, "Betriebsrat (3 Antworten)"]
    assert "1 Antworten aus kleineren Gruppen" in text  # IT alone: counted nowhere


def test_no_report_while_open_or_before_five_answers(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    campaign_id, _token = open_campaign(app, owner[0])
    answer_all(app, campaign_id)
    base = f"/a/{owner[1]}/team/{campaign_id}"
    assert parse(client.get(base).data).find("a", class_="team-report") is None  # open
    assert client.get(f"{base}/bericht.pdf").status_code == 404
    few, _token = open_campaign(app, owner[0])
    answered_and_closed(app, few, PEOPLE[3:7])
    base = f"/a/{owner[1]}/team/{few}"
    assert parse(client.get(base).data).find("a", class_="team-report") is None
    response = client.get(f"{base}/bericht.pdf")
    assert response.status_code == 404 and response.mimetype == "text/html"
    teamhelp.close(app, campaign_id)
    assert client.get(f"/a/{owner[1]}/team/{campaign_id}/bericht.pdf").status_code == 200


def test_a_part_without_results_says_so(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    campaign_id, _token = open_campaign(app, owner[0], ("teamcheck", "zweiter"))
    answered_and_closed(app, campaign_id)  # answers to the first questionnaire only
    text = download(client, f"/a/{owner[1]}/team/{campaign_id}/bericht.pdf")
    second = text.split("Zweiter Check", 1)[1]
    assert "0 Antworten abgeschlossen" in second
    assert "Es wurden weniger als 5 Antworten abgeschlossen." in second
    assert "Mittlere Punkte" not in second


def test_wrong_owners_get_404(app: Flask, owner: tuple[int, str]) -> None:
    campaign_id, _token = open_campaign(app, owner[0])
    answered_and_closed(app, campaign_id)
    client = app.test_client()
    other = owner_check(app)
    for token in (other[1], owner[1] + "x", "unbekannt"):
        response = client.get(f"/a/{token}/team/{campaign_id}/bericht.pdf")
        assert response.status_code == 404 and response.mimetype == "text/html"
    assert client.get(f"/a/{owner[1]}/team/{campaign_id + 1}/bericht.pdf").status_code == 404


def test_the_consultants_report_and_other_centres(
    app: Flask, create_user: Callable[..., object], login: Callable[..., object]
) -> None:
    with app.app_context():
        client_id = create_client(db.session, "sachsen", "Formenbau Süd").id
        db.session.commit()
    campaign_id, _token = teamhelp.centre_campaign(app, "sachsen", client_id)
    answered_and_closed(app, campaign_id)
    own = app.test_client()
    login(own, create_user("consultant", centre="sachsen"))
    page = parse(own.get(f"/berater/team/{campaign_id}").data)
    link = page.find("a", class_="team-report")
    assert link is not None and link.get("href") == f"/berater/team/{campaign_id}/bericht.pdf"
    url = f"/berater/team/{campaign_id}/bericht.pdf"
    assert re.fullmatch(
        r'attachment; filename="zzcheck-team-formenbau-sued-\d{4}-\d{2}-\d{2}\.pdf"',
        own.get(url).headers["Content-Disposition"],
    )
    text = download(own, url)
    assert "Betrieb: Formenbau Süd" in text
    for row in ROWS:
        assert row in text
    other = app.test_client()
    login(other, create_user("consultant", centre="berlin"))
    response = other.get(url)
    assert response.status_code == 404 and b"Formenbau" not in response.data


def test_english(app: Flask, client: FlaskClient, owner: tuple[int, str]) -> None:
    campaign_id, _token = open_campaign(app, owner[0])
    answered_and_closed(app, campaign_id)
    url = f"/a/{owner[1]}/team/{campaign_id}/bericht.pdf"
    text = download(client, url, **{"Accept-Language": "en"})
    assert "Results of the team survey" in text and "Team check" in text
    assert "Information 91.7 29.2 +62.5 25–75" in text
    assert "Technology 33.3 75 −41.7 50–75" in text
    assert "Management (3), Employees (6)." in text
    assert "What the levels mean" in text and "Page 1 of" in text
    assert "Geschäftsführung" not in text and "Ergebnisse" not in text
