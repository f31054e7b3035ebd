"""The team pages (the owner's campaign list and results, the entry and question pages, the
code page) in German and English: no id twice, no ``aria-labelledby`` naming itself or a
missing id (see ``idcheck.py``; the other pages: ``test_page_ids.py``)."""

from __future__ import annotations

import teamhelp
from flask import Flask
from idcheck import id_problems
from teamhelp import answered_and_closed, open_campaign, owner_check
from test_wcag_markup import choose_language, page_of
from webpage import parse

QUESTIONNAIRES = teamhelp.TEAM


def test_no_team_page_repeats_an_id_or_labels_itself(app: Flask) -> None:
    owner_id, owner_token = owner_check(app)
    closed = open_campaign(app, owner_id)[0]
    answered_and_closed(app, closed)
    running = open_campaign(app, owner_id)[1]
    pages = [f"/a/{owner_token}/team", f"/a/{owner_token}/team/{closed}", f"/team/{running}"]
    pages += ["/team/code", "/teamcheck/start"]
    checked: dict[str, list[str]] = {}
    for lang in ("de", "en"):
        browser = app.test_client()
        choose_language(browser, lang)
        for url in pages:
            checked[f"{lang} {url}"] = id_problems(page_of(browser, url))
    assert len(checked) == 10
    assert {url: found for url, found in checked.items() if found} == {}


def test_the_closed_campaign_page_carries_the_drawn_group_radar(app: Flask) -> None:
    """The PDF's SVG in the page: one line per shown group, the table's groups."""
    owner_id, owner_token = owner_check(app)
    closed = open_campaign(app, owner_id)[0]
    answered_and_closed(app, closed)
    response = app.test_client().get(f"/a/{owner_token}/team/{closed}")
    root = parse(response.data)
    chart = root.find(data_radar="team-data-1")
    assert chart is not None and chart.get("role") == "img" and chart.get("aria-label")
    svg = chart.find("svg", class_="radar")
    assert svg is not None
    traces = svg.find_all("g", class_="trace")
    header = root.find("table", class_="scores")
    assert header is not None and len(traces) >= 2
    assert b"style=" not in response.data
