"""A database that fails during a save, against the real server (issue 8, point 5), on SQLite
and PostgreSQL: another connection holds a lock longer than the server waits (SQLite's busy
timeout, PostgreSQL's lock timeout), so the save fails with a real database error. The
respondent gets the page back with what was typed and the request to send it again (503),
the answers saved before survive, and sending again stores the page.

(The same through the test client, with the error injected at each statement of a save and
while finishing, and the expired CSRF token: ``tests/web/test_web_faults.py``.)
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from httpjourney import Visit, csrf_token_of
from liveserver import GunicornServer
from sqlalchemy import Engine
from webpage import form_of, parse
from werkstattdata import PAGE2, STORED_PAGE2, page1, stored_answers, stored_page1

pytestmark = pytest.mark.server


def test_a_save_the_database_refuses_keeps_what_was_typed_and_what_was_saved(
    server: GunicornServer,
    database: Engine,
    writers_blocked: Callable[[], AbstractContextManager[None]],
) -> None:
    visit = Visit(server.url)
    token = visit.start("werkstatt")
    assert visit.save(token, 1, page1(7)).status_code == 303
    path = f"/a/{token}/2"
    data = {**PAGE2, "csrf_token": csrf_token_of(visit.get(path).text), "action": "next"}
    with writers_blocked():
        refused = visit.post(path, data)
    assert refused.status_code == 503, refused.text[:500]
    root = parse(refused.text)
    message = root.find(class_="flash-error")
    assert message is not None and "bitte senden Sie die Seite noch einmal ab" in message.text
    form = form_of(root, "questions")
    typed = {name: values for name, values in form.defaults().items() if name.startswith("q_")}
    assert typed == {name: v if isinstance(v, list) else [v] for name, v in PAGE2.items()}
    assert stored_answers(database, [token])[token] == stored_page1(7)  # page 1 survived
    resent = visit.post(path, form.submit(action="next"))
    assert resent.status_code == 303 and resent.headers["Location"].endswith(f"/a/{token}/3")
    assert stored_answers(database, [token])[token] == {**stored_page1(7), **STORED_PAGE2}
    assert [status for _m, _p, status in visit.statuses] == [200, 303, 200, 303, 200, 503, 303]
