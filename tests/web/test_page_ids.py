"""Every kind of page (respondent, public, consultant, programme) in German and English: no
id twice on a page (two forms' CSRF fields once shared ``id="csrf_token"``), and no
``aria-labelledby`` naming its own element (the client page's action plan once labelled
itself, so its region's name was all of its text) or a missing id. Team pages:
``test_team_page_ids.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from centrehelp import WERKSTATT
from flask import Flask
from idcheck import id_problems
from journeyhelp import Respondent
from test_wcag_markup import choose_language, page_of, respondent_urls, workspace  # noqa: F401
from webpage import parse

QUESTIONNAIRES = WERKSTATT


def test_no_page_repeats_an_id_or_labels_itself(
    app: Flask,
    workspace: dict[str, Any],  # noqa: F811
    login: Callable[..., Any],
) -> None:
    checked: dict[str, list[str]] = {}
    for lang in ("de", "en"):
        respondent = Respondent(app.test_client())
        choose_language(respondent.client, lang)
        urls, _token = respondent_urls(respondent)
        urls.append(urls[2].replace("/1", "/pruefen"))  # the open check's answer summary
        visits = [(respondent.client, url) for url in [*urls, *workspace["invitation"]]]
        programme = ["/programm/", "/programm/fragen"]
        for role, area in (("consultant", workspace["pages"]), ("programme", programme)):
            browser = app.test_client()
            login(browser, workspace[role])
            choose_language(browser, lang)
            visits += [(browser, url) for url in area]
        for browser, url in visits:
            checked[f"{lang} {url}"] = id_problems(page_of(browser, url))
    assert len(checked) >= 50
    assert {url: found for url, found in checked.items() if found} == {}


def test_the_check_finds_a_self_label_a_missing_target_and_a_repeated_id() -> None:
    page = parse(
        '<section aria-labelledby="plan" id="plan"><h2 id="t">Plan</h2>'
        '<input id="csrf_token"><input id="csrf_token" aria-describedby="gone"></section>'
    )
    assert sorted(id_problems(page)) == [
        "<input aria-describedby='gone'>: no such id",
        "<section aria-labelledby='plan'> names itself",
        "duplicate id 'csrf_token' (2×)",
    ]
