"""Many respondents at once against the real server (issue 8, point 5), on SQLite and
PostgreSQL: 200 respondents save a page at the same moment, and a double submit of the last
page (two tabs, a double click) completes the check once."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from httpjourney import Visit, csrf_token_of
from liveserver import GunicornServer
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from werkstattdata import PAGE2, PAGE3, page1, stored_answers, stored_page1

from zzcheck.storage.assessments import hash_token
from zzcheck.storage.models import Answer, Assessment, DimensionScore

pytestmark = pytest.mark.server
RESPONDENTS = 200
DOUBLE_SUBMITS = 10
RADAR = re.compile(r'<script type="application/json" id="radar-data">(.*?)</script>', re.S)
T = TypeVar("T")


def all_at_once(count: int, action: Callable[[int, threading.Barrier], T]) -> list[T]:
    """Run ``action(n, barrier)`` in ``count`` threads that start together (bounded waits)."""
    barrier = threading.Barrier(count, timeout=60)
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(action, n, barrier) for n in range(count)]
        return [future.result(timeout=120) for future in futures]


def test_200_respondents_saving_at_once_store_every_answer_exactly_once(
    server: GunicornServer, database: Engine
) -> None:
    def respondent(n: int, barrier: threading.Barrier) -> tuple[str, Visit]:
        visit = Visit(server.url)
        barrier.wait()
        token = visit.start("werkstatt")
        response = visit.save(token, 1, page1(n))
        assert response.status_code == 303, (response.status_code, response.text[:300])
        assert response.headers["Location"].endswith(f"/a/{token}/2")
        return token, visit

    results = all_at_once(RESPONDENTS, respondent)
    tokens = [token for token, _visit in results]
    assert [error for _t, visit in results for error in visit.server_errors()] == []
    assert sum(len(visit.statuses) for _t, visit in results) == 4 * RESPONDENTS
    assert len(set(tokens)) == RESPONDENTS
    answers = stored_answers(database, tokens)
    assert [answers[token] for token in tokens] == [stored_page1(n) for n in range(RESPONDENTS)]
    with Session(database) as session:
        hashes = [hash_token(token) for token in tokens]
        rows = select(func.count()).select_from(Answer).join(Assessment)
        count = session.scalar(rows.where(Assessment.token_hash.in_(hashes)))
        sections = session.scalars(
            select(Assessment.current_section).where(Assessment.token_hash.in_(hashes))
        ).all()
    assert count == 4 * RESPONDENTS
    assert sections == [1] * RESPONDENTS  # every resume point moved on to page 2


def prepared(base: str, n: int) -> tuple[Visit, str, str]:
    """A respondent on the last page of ``werkstatt``: its browser, token and CSRF token."""
    visit = Visit(base)
    token = visit.start("werkstatt")
    for number, answers in ((1, page1(n)), (2, PAGE2)):
        assert visit.save(token, number, answers).status_code == 303
    return visit, token, csrf_token_of(visit.get(f"/a/{token}/3").text)


def tab_of(visit: Visit) -> Visit:
    """Another tab of the same browser: the same cookies, its own connection."""
    tab = Visit(visit.base)
    tab.http.cookies.update(visit.http.cookies)
    return tab


def test_a_double_submit_of_the_last_page_completes_once_and_both_show_the_one_result(
    server: GunicornServer, database: Engine
) -> None:
    ready = [prepared(server.url, n) for n in range(DOUBLE_SUBMITS)]
    tabs = [tab_of(visit) for visit, _token, _csrf in ready for _ in range(2)]

    def submit(n: int, barrier: threading.Barrier) -> tuple[int, str]:
        _visit, token, csrf = ready[n // 2]
        data = {**PAGE3, "csrf_token": csrf, "action": "finish"}
        barrier.wait()  # both tabs of each respondent (and all respondents) post together
        response = tabs[n].post(f"/a/{token}/3", data)
        return response.status_code, response.headers.get("Location", "")

    outcomes = all_at_once(2 * DOUBLE_SUBMITS, submit)
    for n, (_visit, token, _csrf) in enumerate(ready):
        assert outcomes[2 * n : 2 * n + 2] == [(303, f"/a/{token}/ergebnis")] * 2
        pages = [tabs[2 * n + k].get(f"/a/{token}/ergebnis") for k in range(2)]
        assert [page.status_code for page in pages] == [200, 200]
        radars = [json.loads(RADAR.search(page.text).group(1)) for page in pages]  # type: ignore[union-attr]
        assert radars[0] == radars[1] and radars[0]["data"][0]["r"]
    with Session(database) as session:
        for _visit, token, _csrf in ready:
            assessment = session.scalars(
                select(Assessment).where(Assessment.token_hash == hash_token(token))
            ).one()
            scores = select(func.count()).where(DimensionScore.assessment_id == assessment.id)
            assert (assessment.status, session.scalar(scores)) == ("completed", 2)
            assert assessment.completed_at is not None
    assert [e for tab in tabs for e in tab.server_errors()] == []
