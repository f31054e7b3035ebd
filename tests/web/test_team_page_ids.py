"""The team pages (the owner's campaign list and results, the entry and question pages, the
code page) in German and English: no id twice, no ``aria-labelledby`` naming itself or a
missing id (see ``idcheck.py``; the other pages: ``test_page_ids.py``)."""

from __future__ import annotations

import teamhelp
from flask import Flask
from idcheck import id_problems
from teamhelp import answered_and_closed, open_campaign, owner_check
from test_wcag_markup import choose_language, page_of

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
