"""``/berater/``: the centre's shared assessments (search, filters, newest first, pages), one
shared assessment, filing it under a client, the clients, the download; only ever the
consultant's own centre's data."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import authhelp
import pytest
from centrehelp import (
    BERLIN,
    HIGH,
    LOW,
    SACHSEN,
    WERKSTATT,
    completed,
    csrf_of,
    ids,
    new_client,
    one,
    shared,
    snapshot,
)
from flask import Flask
from flask.testing import FlaskClient

from zzcheck.extensions import db
from zzcheck.storage.models import Assessment
from zzcheck.storage.sharing import withdraw_share
from zzcheck.storage.workspace import Client, Share

QUESTIONNAIRES = WERKSTATT


def day(text: str) -> datetime:
    """Noon UTC of an ISO day (13:00 in Berlin in winter)."""
    return datetime.fromisoformat(text + "T12:00:00").replace(tzinfo=UTC)


@pytest.fixture
def consultant(
    app: Flask,
    client: FlaskClient,
    create_user: Callable[..., object],
    login: Callable[..., object],
) -> FlaskClient:
    """A logged-in consultant of Sachsen."""
    login(client, create_user("consultant", centre=SACHSEN))
    return client


def shares_listed(client: FlaskClient, query: str = "", status: int = 200) -> list[int]:
    response = client.get("/berater/" + query)
    assert response.status_code == status, response.get_data(as_text=True)[:3000]
    return ids(response.get_data(as_text=True), "share")


def test_the_list_shows_only_this_centres_active_shares_newest_first(
    app: Flask, consultant: FlaskClient
) -> None:
    old = shared(app, completed(app, completed_at=day("2026-03-01"))[0], company="Alt GmbH")
    new = shared(app, completed(app, completed_at=day("2026-10-01"))[0], company="Neu GmbH")
    shared(app, completed(app)[0], centre=BERLIN, company="Berliner Firma")
    completed(app)  # not shared at all
    assert shares_listed(consultant) == [new, old]
    page = consultant.get("/berater/").get_data(as_text=True)
    assert "Berliner Firma" not in page
    assert "2 Checks gefunden" in page


def test_search_finds_company_and_client_names_in_any_case(
    app: Flask, consultant: FlaskClient
) -> None:
    mueller = shared(app, completed(app)[0], company="Tischlerei Müller")
    client_id = new_client(app, SACHSEN, "Schäfer & Söhne")
    schaefer = shared(app, completed(app)[0], client_id=client_id)
    shared(app, completed(app)[0], company="Bäckerei 100%_Korn")
    shared(app, completed(app)[0], centre=BERLIN, company="Müller Berlin")
    assert shares_listed(consultant, "?q=MÜLLER") == [mueller]
    assert shares_listed(consultant, "?q=schäfer") == [schaefer]
    korn = shares_listed(consultant, "?q=0%25_k")  # LIKE wildcards are plain text …
    assert len(korn) == 1
    assert shares_listed(consultant, "?q=1%25k") == []  # … and match only themselves


def test_filters_by_questionnaire_status_and_date(app: Flask, consultant: FlaskClient) -> None:
    client_id = new_client(app, SACHSEN, "Kunde A")
    march = shared(app, completed(app, completed_at=day("2026-03-10"))[0], client_id=client_id)
    june = shared(app, completed(app, completed_at=day("2026-06-10"))[0])
    late = datetime(2026, 6, 30, 21, 30, tzinfo=UTC)  # 23:30 on 30 June in Berlin
    june_end = shared(app, completed(app, completed_at=late)[0])
    assert shares_listed(consultant, "?status=assigned") == [march]
    assert shares_listed(consultant, "?status=unassigned") == [june_end, june]
    assert shares_listed(consultant, "?date_from=2026-06-01") == [june_end, june]
    assert shares_listed(consultant, "?date_to=30.06.2026") == [june_end, june, march]
    assert shares_listed(consultant, "?date_to=2026-06-29") == [june, march]
    assert shares_listed(consultant, "?date_from=2026-04-01&date_to=2026-06-10") == [june]
    assert shares_listed(consultant, "?questionnaire=werkstatt") == [june_end, june, march]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?date_from=31.02.2026", "Bitte geben Sie ein Datum wie 31.12.2026 ein."),
        ("?date_to=morgen", "Bitte geben Sie ein Datum wie 31.12.2026 ein."),
        ("?date_from=2026-06-01&date_to=2026-05-01", "Das Enddatum liegt vor dem Anfangsdatum."),
        ("?questionnaire=gibtsnicht", "Bitte wählen Sie einen der angebotenen Werte."),
        ("?status=geloescht", "Bitte wählen Sie einen der angebotenen Werte."),
        ("?page=zwei", "ist ungültig"),
        ("?page=0", "ist ungültig"),
    ],
)
def test_invalid_filters_are_explained_with_400(
    app: Flask, consultant: FlaskClient, query: str, message: str
) -> None:
    shared(app, completed(app)[0])
    response = consultant.get("/berater/" + query)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert ids(page, "share") == []


def test_the_list_is_paginated(app: Flask, consultant: FlaskClient) -> None:
    made = [
        shared(app, completed(app, completed_at=day(f"2026-01-{n:02d}"))[0]) for n in range(1, 23)
    ]
    newest_first = made[::-1]
    assert shares_listed(consultant) == newest_first[:20]
    assert shares_listed(consultant, "?page=2") == newest_first[20:]
    assert shares_listed(consultant, "?page=9") == newest_first[20:]  # past the end: last page
    page = consultant.get("/berater/?q=&page=1").get_data(as_text=True)
    assert "Seite 1 von 2" in page and 'href="/berater/?q=&amp;page=2"' in page


def test_one_shared_assessment_shows_who_shared_it_and_the_result(
    app: Flask, consultant: FlaskClient
) -> None:
    share_id = shared(app, completed(app, HIGH)[0], company="Druckerei Blau", contact="Herr Blau")
    response = consultant.get(f"/berater/freigaben/{share_id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Druckerei Blau" in page and "Herr Blau" in page
    assert 'data-dimension="strategie"' in page and 'data-radar="radar-data"' in page
    assert response.headers["Cache-Control"] == "no-store"


def test_filing_a_share_under_a_new_or_existing_client(app: Flask, consultant: FlaskClient) -> None:
    first = shared(app, completed(app)[0], company="Metallbau Ost")
    second = shared(app, completed(app, HIGH)[0])
    page = consultant.get(f"/berater/freigaben/{first}").get_data(as_text=True)
    data = {"csrf_token": csrf_of(page), "client": "", "new_client_name": "Metallbau Ost"}
    response = consultant.post(f"/berater/freigaben/{first}/kunde", data=data)
    assert response.status_code == 303
    created = one(app, Client, display_name="Metallbau Ost")
    assert created.centre_id == SACHSEN
    assert response.headers["Location"] == f"/berater/kunden/{created.id}"
    data = {"csrf_token": csrf_of(page), "client": str(created.id), "new_client_name": ""}
    assert consultant.post(f"/berater/freigaben/{second}/kunde", data=data).status_code == 303
    assert one(app, Share, id=second).client_id == created.id
    client_page = consultant.get(f"/berater/kunden/{created.id}").get_data(as_text=True)
    assert ids(client_page, "share")[:2] == [first, second]


def test_filing_needs_exactly_one_client_of_the_own_centre(
    app: Flask, consultant: FlaskClient
) -> None:
    share_id = shared(app, completed(app)[0])
    own = new_client(app, SACHSEN, "Eigener Kunde")
    foreign = new_client(app, BERLIN, "Fremder Kunde")
    token = csrf_of(consultant.get(f"/berater/freigaben/{share_id}").get_data(as_text=True))
    before = snapshot(app)
    for bad in (
        {"client": str(foreign), "new_client_name": ""},
        {"client": "", "new_client_name": ""},
        {"client": str(own), "new_client_name": "Noch einer"},
        {"client": "", "new_client_name": "x" * 201},
    ):
        response = consultant.post(
            f"/berater/freigaben/{share_id}/kunde", data={"csrf_token": token, **bad}
        )
        assert response.status_code == 400, bad
        assert "Bitte prüfen Sie Ihre Angaben" in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_clients_are_listed_searched_and_created(app: Flask, consultant: FlaskClient) -> None:
    a = new_client(app, SACHSEN, "Zimmerei Holz")
    b = new_client(app, SACHSEN, "Autohaus Rad")
    new_client(app, BERLIN, "Zimmerei Berlin")
    shared(app, completed(app, completed_at=day("2026-05-05"))[0], client_id=a)
    shared(app, completed(app, completed_at=day("2026-07-07"))[0], client_id=a)
    page = consultant.get("/berater/kunden/").get_data(as_text=True)
    assert ids(page, "client") == [b, a]  # by name
    assert "Zimmerei Berlin" not in page
    assert "07.07.2026" in page
    found = consultant.get("/berater/kunden/?q=ZIMMEREI").get_data(as_text=True)
    assert ids(found, "client") == [a]
    data = {"csrf_token": csrf_of(page), "display_name": "  Gärtnerei   Grün "}
    response = consultant.post("/berater/kunden/", data=data)
    assert response.status_code == 303
    created = one(app, Client, display_name="Gärtnerei Grün")
    assert created.centre_id == SACHSEN and created.name_key == "gärtnerei grün"
    before = snapshot(app)
    empty = consultant.post(
        "/berater/kunden/", data={"csrf_token": csrf_of(page), "display_name": ""}
    )
    assert empty.status_code == 400
    assert "Bitte geben Sie einen Namen ein." in empty.get_data(as_text=True)
    assert snapshot(app) == before


def test_the_download_holds_the_answers_and_result(app: Flask, consultant: FlaskClient) -> None:
    share_id = shared(app, completed(app, LOW)[0])
    response = consultant.get(f"/berater/freigaben/{share_id}/export.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.data)
    assert data["questionnaire"]["id"] == "werkstatt"
    assert {a["question_id"] for a in data["answers"]} >= {"ki_genutzt", "ordnung"}
    assert data["result"]["overall"]["score"] is not None
    assert "sharing_consents" not in data  # the respondent's own copy only
    assert "token" not in response.get_data(as_text=True)


def test_other_centres_ids_and_withdrawn_shares_are_not_found(
    app: Flask, consultant: FlaskClient
) -> None:
    foreign_client = new_client(app, BERLIN, "Fremd")
    foreign = shared(app, completed(app)[0], centre=BERLIN, client_id=foreign_client)
    own_id, _token = completed(app)
    own = shared(app, own_id)
    with app.app_context():
        withdraw_share(db.session, db.session.get(Assessment, own_id))
        db.session.commit()
    for url in (
        f"/berater/freigaben/{foreign}",
        f"/berater/freigaben/{foreign}/export.json",
        f"/berater/freigaben/{own}",
        f"/berater/freigaben/{own}/export.json",
        f"/berater/kunden/{foreign_client}",
        "/berater/freigaben/999999",
        "/berater/kunden/999999",
    ):
        assert consultant.get(url).status_code == 404, url
    assert shares_listed(consultant) == []


@pytest.mark.parametrize(
    "target", ["//evil.example/berater/", "https://evil.example/berater/", "/\\evil.example"]
)
def test_the_login_follows_only_paths_of_this_app(
    app: Flask, client: FlaskClient, create_user: Callable[..., Any], target: str
) -> None:
    user = create_user("consultant", centre=SACHSEN)
    response = authhelp.post_login(client, user, next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/berater/"  # the consultant's home, not the target


def test_the_login_leads_back_to_the_consultant_page(
    app: Flask, client: FlaskClient, create_user: Callable[..., Any], login: Callable[..., Any]
) -> None:
    client_id = new_client(app, SACHSEN, "Rückweg GmbH")
    first = client.get(f"/berater/kunden/{client_id}")
    assert first.status_code == 302
    assert first.headers["Location"] == f"/login?next=/berater/kunden/{client_id}"
    response = login(
        client, create_user("consultant", centre=SACHSEN), next=f"/berater/kunden/{client_id}"
    )
    assert response.headers["Location"] == f"/berater/kunden/{client_id}"
