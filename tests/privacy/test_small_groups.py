"""Attack: deriving a hidden group or a single person from one closed campaign's page and
downloads, by any combination of what is shown (issue 13, points 1 and 8). The fixture
``teamhelp.SMALL_GROUPS`` (group size 3) hides 1 … k−1 people at every level: a lone
works-council member and two IT people, one employee without an area, two managers who do
not know the devices, tools chosen by 1, 2 and all but one person. Figures worked out by
hand (a scale step i scores 25·i; each tool 25):

- counted: management 3, employees 7 (office 3, production 3, no area 1); works council 1
  and IT 2 go into no figure at all.
- info: management 100, 100, 75 → 91.7; employees 25, 50, 25, 0, 50, 25, 75 → 35.7;
  quartiles over the 10 ≥ 3·3 scores [0 25 25 25 50 50 75 75 100 100] → 25–75.
- technik: one manager rated (two "weiß nicht"): the cell is hidden, and with it the
  employees' (complementary); no spread either.
- werkzeuge: management 50, 25, 75 → 50; employees 25, 50, 25, 50, 25, 0, 50 → 32.1;
  quartiles [0 25 25 25 25 50 50 50 50 75] → 25–50.
- tools: chat 9 of 10 (all but one: hidden), text 3, bild 2, code 1, keins 1 (hidden).
- needs over the 10 counted: the lone employee without an area hides the smallest group
  too (office), so "all" − shown = 4 ≥ 3.
The page, the CSV and the PDF show the same.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import teamhelp
from flask import Flask
from flask.testing import FlaskClient
from insider import cells, figures, number
from reporthelp import pdf_text
from teamhelp import SMALL_GROUPS, MultiPerson, open_campaign
from webpage import parse

QUESTIONNAIRES = teamhelp.TEAM
K = 3


def closed_page(
    app: Flask, client: FlaskClient, owner: tuple[int, str], people: Sequence[MultiPerson]
) -> str:
    campaign_id, _token = open_campaign(app, owner[0], ("teammulti",), k=K)
    teamhelp.answered_and_closed(app, campaign_id, people)
    response = client.get(f"/a/{owner[1]}/team/{campaign_id}")
    assert response.status_code == 200
    return f"/a/{owner[1]}/team/{campaign_id}"


def test_means_and_quartiles_as_worked_out_by_hand(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    base = closed_page(app, client, owner, SMALL_GROUPS)
    shown = figures(client.get(base).data)
    assert shown["groups"] == [
        "Gezeigt werden Gruppen ab 3 Antworten: Geschäftsführung/Leitung (3), Beschäftigte (7)."
    ]
    assert shown["left_out"] == ["3 Antworten aus kleineren Gruppen"]
    assert shown["scores"] == [
        ["Bereich", "Leitung", "Beschäftigte", "Abstand Leitung – Beschäftigte", "Streuung"],
        ["Information", "91,7", "35,7", "+56", "25–75"],
        ["Technik", "–", "–", "–", "–"],
        ["Werkzeuge", "50", "32,1", "+17,9", "25–50"],
    ]


def test_quartiles_only_from_three_times_k(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    """Management 3 and employees 4 (counted 7 < 9): means, but no quartiles, which over so
    few values would pin single scores down."""
    people = [p for p in SMALL_GROUPS if p[0] == "management" or p[1] in ("office", None)]
    people = [p for p in people if p[0] in ("management", "employee")]
    base = closed_page(app, client, owner, people)
    scores = figures(client.get(base).data)["scores"]
    assert [row[-1] for row in scores[1:]] == ["–", "–", "–"]
    assert scores[1][:3] == ["Information", "91,7", "43,8"]  # 25, 50, 25, 75 → 43.75


def test_answer_counts_hide_fewer_than_k_on_both_sides(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    base = closed_page(app, client, owner, SMALL_GROUPS)
    page = parse(client.get(base).data)
    items = {
        item.find("p", class_="team-question").text: [cells(r) for r in item.find_all("tr")[1:]]
        for item in page.find("ol", class_="team-items").find_all("li")
    }
    below = "weniger als 3"
    assert items["Welche KI-Werkzeuge nutzen Sie bei der Arbeit?"] == [
        ["Chat-Assistent", below],  # 9 of 10: the one who does not use it would stand out
        ["Texte schreiben lassen", "3"],
        ["Bilder erzeugen", below],
        ["Programmieren", below],
        ["Keines davon", below],
    ]
    # nie 1, spaet 3, teils 2, meist 2, immer 2: merged with neighbours on the scale only
    assert items["Wie früh erfahren die Beschäftigten von Plänen für KI?"] == [
        ["zusammen: Gar nicht / Erst nach der Entscheidung", "4"],
        ["zusammen: Teils vorher / Meist vorher / Immer vorher", "6"],
    ]
    # schlecht 0, kaum 1, teils 2, gut 4, sehr gut 1, weiß nicht 2
    assert items["Wie gut passen die Geräte zur Arbeit?"] == [
        ["Gar nicht", "0"],
        ["zusammen: Kaum / Teils", "3"],
        ["zusammen: Gut / Sehr gut", "5"],
        ["Weiß ich nicht", below],
    ]


def test_the_needs_table_has_complementary_suppression(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    base = closed_page(app, client, owner, SMALL_GROUPS)
    needs = figures(client.get(base).data)["needs"]
    assert needs == [
        ["Thema", "Für die Gruppe", "alle gezählten Antworten (10)",
         "Geschäftsführung/Leitung (3)", "Beschäftigte – Produktion, Werkstatt oder Lager (3)"],
        ["KI-Grundlagen", "Leitung", "30 %", "0 %", "0 %"],
        ["KI-Grundlagen", "Werkstatt", "60 %", "67 %", "67 %"],
    ]  # fmt: skip
    body = client.get(f"{base}/1/bedarf.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[1:] == [
        ["KI-Grundlagen", "Leitung", "30", "0", "0"],
        ["KI-Grundlagen", "Werkstatt", "60", "67", "67"],
    ]
    assert_no_small_remainder(rows[0][2:])


def assert_no_small_remainder(header: list[str]) -> None:
    """The column over everyone minus the shown groups is 0 or at least k people."""
    sizes = [int(h.split("n = ")[1].split(")")[0]) for h in header]
    rest = sizes[0] - sum(sizes[1:])
    assert rest == 0 or rest >= K, header


def test_no_figure_changes_with_the_hidden_people(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    """Whatever the lone works-council member and the two IT people answered, every figure
    is the same without them: they are in no table, count, radar or total."""
    with_them = figures(client.get(closed_page(app, client, owner, SMALL_GROUPS)).data)
    counted = [p for p in SMALL_GROUPS if p[0] in ("management", "employee")]
    without = figures(client.get(closed_page(app, client, owner, counted)).data)
    assert with_them.pop("left_out") == ["3 Antworten aus kleineren Gruppen"]
    assert with_them == without
    assert all(number(row[2].rstrip(" %")) is not None for row in without["needs"][1:])


def test_the_pdf_prints_what_the_page_shows(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    base = closed_page(app, client, owner, SMALL_GROUPS)
    response = client.get(f"{base}/bericht.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    for row in (
        "Information 91,7 35,7 +56 25–75",
        "Technik – – – –",
        "Werkzeuge 50 32,1 +17,9 25–50",
    ):
        assert row in text
    assert "Betriebsrat (" not in text and "IT (" not in text and "Büro/Verwaltung (" not in text
    assert "Chat-Assistent weniger als 3" in text
