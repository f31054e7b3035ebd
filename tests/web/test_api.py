"""``/api/v1/`` (issue 17, points 3 and 5): questionnaires, the consultant's shared checks,
clients and plans (their centre only, as on the pages), the programme's aggregates (the
pages' suppression), problem+json errors, pagination, filters, ETags and the writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from apihelp import bearer, get, token_for
from centrehelp import (
    BERLIN,
    HIGH,
    LOW,
    SACHSEN,
    WERKSTATT,
    completed,
    new_client,
    shared,
    snapshot,
)
from flask import Flask
from flask.testing import FlaskClient

from zzcheck.storage.accounts import User

QUESTIONNAIRES = WERKSTATT


@pytest.fixture
def sachsen(app: Flask, create_user: Callable[..., User]) -> str:
    return token_for(app, create_user("consultant", centre=SACHSEN))


@pytest.fixture
def berlin(app: Flask, create_user: Callable[..., User]) -> str:
    return token_for(app, create_user("consultant", centre=BERLIN))


@pytest.fixture
def programme(app: Flask, create_user: Callable[..., User]) -> str:
    return token_for(app, create_user("programme"))


def day(text: str) -> datetime:
    return datetime.fromisoformat(text + "T12:00:00").replace(tzinfo=UTC)


def test_questionnaires_list_and_structure(client: FlaskClient, sachsen: str) -> None:
    [item] = get(client, "/api/v1/questionnaires", sachsen).json["items"]
    assert item["id"] == "werkstatt" and item["questions"] > 0
    structure = get(client, "/api/v1/questionnaires/werkstatt", sachsen).json
    assert {"sections", "dimensions", "levels"} <= structure.keys()
    assert structure["sections"][0]["questions"][0]["id"]
    by_version = get(
        client, f"/api/v1/questionnaires/werkstatt/versions/{item['version']}", sachsen
    )
    assert by_version.json == structure
    missing = get(client, "/api/v1/questionnaires/werkstatt/versions/9.9", sachsen, status=404)
    assert missing.content_type == "application/problem+json" and "9.9" in missing.json["detail"]


def test_a_consultant_sees_only_their_centres_checks(
    app: Flask, client: FlaskClient, sachsen: str, berlin: str
) -> None:
    ours = shared(app, completed(app, HIGH)[0], SACHSEN, company="Sächsische Werkstatt")
    theirs = shared(app, completed(app, LOW)[0], BERLIN, company="Berliner Betrieb")
    listed = get(client, "/api/v1/shares", sachsen).json
    assert [s["id"] for s in listed["items"]] == [ours] and listed["total"] == 1
    detail = get(client, f"/api/v1/shares/{ours}", sachsen).json
    assert detail["company_name"] == "Sächsische Werkstatt"
    assert detail["profile"]["industry"] and detail["answers"]["plan"] == "konkret"
    assert detail["result"]["overall"]["score"] is not None
    assert detail["result"]["dimensions"] and detail["result"]["levels"]
    other = get(client, f"/api/v1/shares/{theirs}", sachsen, status=404)
    assert "Berliner" not in other.get_data(as_text=True)
    assert get(client, f"/api/v1/shares/{theirs}", berlin).json["id"] == theirs


def test_filters_and_pages(app: Flask, client: FlaskClient, sachsen: str) -> None:
    made = [
        shared(app, completed(app, LOW, completed_at=day(f"2026-0{m}-10"))[0], SACHSEN)
        for m in (1, 2, 3)
    ]
    march = get(client, "/api/v1/shares?completed_from=2026-03-01", sachsen).json
    assert [s["id"] for s in march["items"]] == [made[2]]
    window = "?completed_from=2026-01-01&completed_before=2026-03-01&questionnaire=werkstatt"
    assert {s["id"] for s in get(client, "/api/v1/shares" + window, sachsen).json["items"]} == set(
        made[:2]
    )
    assert get(client, "/api/v1/shares?questionnaire=other", sachsen).json["total"] == 0
    first = get(client, "/api/v1/shares?per_page=2", sachsen).json
    second = get(client, "/api/v1/shares?per_page=2&page=2", sachsen).json
    assert (first["total"], first["pages"]) == (3, 2)
    assert [s["id"] for s in first["items"] + second["items"]] == made[::-1]


@pytest.mark.parametrize(
    "query", ["?per_page=0", "?per_page=101", "?page=x", "?completed_from=03.2026", "?typo=1"]
)
def test_bad_query_parameters_are_a_problem_400(
    client: FlaskClient, sachsen: str, query: str
) -> None:
    response = get(client, "/api/v1/shares" + query, sachsen, status=400)
    assert response.content_type == "application/problem+json"
    assert response.json["status"] == 400 and "query" in response.json["detail"].lower()


def test_etag_and_if_none_match(app: Flask, client: FlaskClient, sachsen: str) -> None:
    shared(app, completed(app)[0], SACHSEN)
    first = get(client, "/api/v1/shares", sachsen)
    etag = first.headers["ETag"]
    same = client.get("/api/v1/shares", headers={**bearer(sachsen), "If-None-Match": etag})
    assert same.status_code == 304 and not same.data
    shared(app, completed(app)[0], SACHSEN)
    changed = client.get("/api/v1/shares", headers={**bearer(sachsen), "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_errors_are_problem_json(client: FlaskClient, sachsen: str, programme: str) -> None:
    cases = [
        (client.get("/api/v1/shares"), 401),
        (client.get("/api/v1/nowhere", headers=bearer(sachsen)), 404),
        (client.delete("/api/v1/shares", headers=bearer(sachsen)), 405),
        (client.get("/api/v1/shares", headers=bearer(programme)), 403),
        (
            client.get(
                "/api/v1/aggregates?questionnaire=werkstatt&group_by=state", headers=bearer(sachsen)
            ),
            403,
        ),
    ]
    for response, status in cases:
        assert response.status_code == status
        assert response.content_type == "application/problem+json"
        assert response.json["status"] == status and len(response.json["detail"]) > 10


def test_clients_and_plans_with_writes(
    app: Flask, client: FlaskClient, sachsen: str, berlin: str
) -> None:
    ours = new_client(app, SACHSEN, "Müller GmbH")
    theirs = new_client(app, BERLIN, "Schulze KG")
    [listed] = get(client, "/api/v1/clients", sachsen).json["items"]
    assert listed["display_name"] == "Müller GmbH"
    item = {"title": "KI-Richtlinie", "owner": "Frau Müller", "due_on": "2027-01-15"}
    created = client.post(
        f"/api/v1/clients/{ours}/action-items", json=item, headers=bearer(sachsen)
    )
    assert created.status_code == 201 and created.json["status"] == "open"
    changed = client.put(
        f"/api/v1/clients/{ours}/action-items/{created.json['id']}",
        json={**item, "status": "done"},
        headers=bearer(sachsen),
    )
    assert changed.status_code == 200 and changed.json["status"] == "done"
    note = client.post(
        f"/api/v1/clients/{ours}/notes", json={"text": "Erstgespräch"}, headers=bearer(sachsen)
    )
    assert note.status_code == 201
    plan = get(client, f"/api/v1/clients/{ours}/plan", sachsen).json
    assert [i["status"] for i in plan["action_items"]] == ["done"]
    assert [n["text"] for n in plan["notes"]] == ["Erstgespräch"]
    get(client, f"/api/v1/clients/{theirs}/plan", sachsen, status=404)
    before = snapshot(app)
    refused = [
        client.post(f"/api/v1/clients/{theirs}/notes", json={"text": "x"}, headers=bearer(sachsen)),
        client.post(f"/api/v1/clients/{ours}/notes", json={"text": ""}, headers=bearer(sachsen)),
        client.post(f"/api/v1/clients/{ours}/notes", data="text=x", headers=bearer(sachsen)),
        client.post(
            f"/api/v1/clients/{ours}/action-items",
            json={**item, "status": "x"},
            headers=bearer(sachsen),
        ),
        client.put(
            f"/api/v1/clients/{ours}/action-items/{created.json['id']}",
            json=item,
            headers=bearer(berlin),
        ),
    ]
    assert [r.status_code for r in refused] == [404, 422, 415, 422, 404]
    assert all(r.content_type == "application/problem+json" for r in refused)
    assert snapshot(app) == before


def test_programme_aggregates_never_show_a_group_under_k(
    app: Flask, client: FlaskClient, programme: str
) -> None:
    for _ in range(6):
        shared(app, completed(app, HIGH)[0], SACHSEN)
    path = "/api/v1/aggregates?questionnaire=werkstatt&group_by=size"
    result = get(client, path, programme).json
    assert result["k"] == 5
    shown = [row for row in result["rows"] if row["n"] is not None]
    assert shown and all(row["n"] >= result["k"] for row in shown)
    assert all(stat["count"] >= result["k"] for row in shown for stat in row["stats"].values())
    bad = get(
        client, "/api/v1/aggregates?questionnaire=werkstatt&group_by=nope", programme, status=400
    )
    assert bad.content_type == "application/problem+json"


def test_the_openapi_document_describes_every_route(app: Flask, client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    described = {
        (path, method.upper()) for path, ops in document["paths"].items() for method in ops
    }
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and rule.endpoint not in (
            "api.openapi_json",
            "api.docs",
        ):
            path = rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}")
            for method in rule.methods - {"HEAD", "OPTIONS"}:  # type: ignore[operator]
                assert (path, method) in described
    docs = client.get("/api/v1/docs").get_data(as_text=True)
    assert "GET /api/v1/shares" in docs and "cdn" not in docs.lower() and "<script" not in docs


def test_comparison_of_two_checks_of_a_client(
    app: Flask, client: FlaskClient, sachsen: str, berlin: str
) -> None:
    ours = new_client(app, SACHSEN, "Müller GmbH")
    before = shared(
        app, completed(app, LOW, completed_at=day("2026-01-10"))[0], SACHSEN, client_id=ours
    )
    after = shared(
        app, completed(app, HIGH, completed_at=day("2026-06-10"))[0], SACHSEN, client_id=ours
    )
    path = f"/api/v1/clients/{ours}/comparison?a={after}&b={before}"
    result = get(client, path, sachsen).json
    assert (result["older"]["id"], result["newer"]["id"]) == (before, after)
    assert result["overall"]["delta"] > 0 and result["changes"]
    assert all(
        c["delta"] == round(c["after"] - c["before"], 1)
        for c in result["changes"]
        if c["delta"] is not None
    )
    same = get(
        client, f"/api/v1/clients/{ours}/comparison?a={before}&b={before}", sachsen, status=409
    )
    assert same.content_type == "application/problem+json"
    get(client, path, berlin, status=404)
