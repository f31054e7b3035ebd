"""Reflow at 320 px on the team pages (the owner's campaign pages, the consultant's
campaigns, the respondents' entry, question and thanks pages): the axe walk of
``test_axe_team.py`` with the 320 px checker of ``test_reflow_browser.py`` in place of axe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import test_axe_team
from flask import Flask
from playwright.sync_api import Page
from test_axe_team import app_config  # noqa: F401  (the team questionnaires)
from test_reflow_browser import WIDTH, Reflow


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_team_page_scrolls_sideways_at_320_px(
    app: Flask,
    live_server: Any,
    page: Page,
    create_user: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    checkers: list[Reflow] = []

    def checker() -> Reflow:
        checkers.append(Reflow())
        return checkers[-1]

    monkeypatch.setattr(test_axe_team, "Audit", checker)
    test_axe_team.test_team_pages_have_no_serious_axe_violations(
        app, live_server, page, create_user, lang, WIDTH
    )
    assert len(checkers) == 1 and len(checkers[0].pages) >= 8, checkers
