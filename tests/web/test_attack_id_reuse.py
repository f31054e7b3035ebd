"""Attack (issue 13, point 5): a deleted check's result page served to a stranger.

The race as it was reproduced: a completed check's first view is still rendering while its
owner deletes the check; a stranger starts a new check at that moment; then the first view
stores its page. On SQLite without AUTOINCREMENT the new check got the deleted check's id,
the page was stored under it, and the stranger's result link served the deleted company's
result. Here the race is run deterministically through HTTP: the owner's deletion and the
stranger's start happen inside the first view, just before it stores the page.
"""

from __future__ import annotations

import threading
import zlib
from typing import Any

import pytest
from flask import Flask
from journeyhelp import WERKSTATT, Respondent
from sqlalchemy import func, insert, select
from webpage import form_of

from zzcheck.extensions import db
from zzcheck.storage.assessments import find_assessment, hash_token
from zzcheck.storage.models import IN_PROGRESS, Assessment, utcnow
from zzcheck.storage.stored_pages import StoredPage, store_page, stored_page
from zzcheck.web import result_store

QUESTIONNAIRES = WERKSTATT


def _id_of(app: Flask, token: str) -> int | None:
    with app.app_context():
        found = find_assessment(db.session, token)
        return None if found is None else found.id


def test_a_page_rendered_for_a_deleted_check_never_reaches_the_next_check(
    app: Flask, completed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    deleted_id = _id_of(app, completed)
    stranger = Respondent(app.test_client())
    started: list[str] = []
    keep = result_store.keep_result_page

    def delete_and_start() -> None:
        owner = Respondent(app.test_client())
        form = form_of(owner.get(f"/a/{completed}/loeschen"))
        assert owner.post(form.action, form.submit()).status_code == 200
        started.append(stranger.start("werkstatt"))  # a new, unfinished check

    def owner_deletes_while_rendering(assessment: Any, token: str, html: str) -> None:
        other = threading.Thread(target=delete_and_start)  # other requests, other workers
        other.start()
        other.join()
        keep(assessment, token, html)

    monkeypatch.setattr(result_store, "keep_result_page", owner_deletes_while_rendering)
    first_view = app.test_client().get(f"/a/{completed}/ergebnis")
    assert first_view.status_code == 200 and "Ihr Ergebnis" in first_view.text
    monkeypatch.undo()

    [new_token] = started
    for _ in range(2):  # the stranger's result link, opened twice
        response = stranger.client.get(f"/a/{new_token}/ergebnis")
        assert "Ihr Ergebnis" not in response.text
        assert response.status_code == 303  # back to the questions: nothing to show yet
    assert _id_of(app, new_token) != deleted_id  # ids are never reused
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StoredPage)) == 0


def test_a_stored_page_is_served_only_for_its_own_completed_check(
    app: Flask, completed: str
) -> None:
    """Even if an id came round again (a database restored from elsewhere, ids given by
    hand): a page is stored only for the check that is still there with the same token, and
    served only while the token's check exists and is completed."""
    page = ("v" * 64, "build", "<p>Ergebnis der Glaserei</p>")
    later = utcnow().replace(year=utcnow().year + 1)
    with app.app_context():
        old = find_assessment(db.session, completed)
        assert old is not None
        old_id, version_id = old.id, old.questionnaire_version_id
        db.session.delete(old)
        db.session.commit()
        store_page(db.session, old, completed, page, later)  # the late first view
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(StoredPage)) == 0
        db.session.execute(insert(Assessment).values(_reused(old_id, version_id, "fremd")))
        db.session.commit()
        store_page(db.session, old, completed, page, later)  # same id, another token
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(StoredPage)) == 0
        db.session.execute(insert(StoredPage).values(_page_row(old_id, page, later)))
        db.session.commit()  # a page under the id all the same: never served unfinished
        assert stored_page(db.session, "fremd", page[0], page[1], utcnow()) is None


def _reused(assessment_id: int, version_id: int, token: str) -> dict[str, Any]:
    now = utcnow()
    return {
        "id": assessment_id,
        "token_hash": hash_token(token),
        "questionnaire_version_id": version_id,
        "status": IN_PROGRESS,
        "started_at": now,
        "updated_at": now,
        "current_section": 0,
    }


def _page_row(assessment_id: int, page: tuple[str, str, str], expires_at: Any) -> dict[str, Any]:
    variant, build, html = page
    return {
        "assessment_id": assessment_id,
        "variant": variant,
        "build": build,
        "expires_at": expires_at,
        "html": zlib.compress(html.encode()),
    }
