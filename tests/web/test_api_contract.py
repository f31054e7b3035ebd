"""Contract tests of ``/api/v1/`` (issue 17, point 6) with Schemathesis, against the document
the app serves, on SQLite and PostgreSQL: for every operation and every role's token, the
generated requests never get a 5xx, every answer matches the document (status, media type,
schema), a token of centre B never sees centre A's data, and a programme token never gets
a group under k.

Examples per operation and role: ``ZZCHECK_API_EXAMPLES`` (default 12) on SQLite and
``ZZCHECK_API_EXAMPLES_PG`` (default 4) on PostgreSQL; under ``CI=true`` derandomised, so CI
runs the same examples every time (like tests/fuzz).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from apihelp import bearer, token_for
from centrehelp import BERLIN, HIGH, LOW, SACHSEN, WERKSTATT, completed, new_client, shared
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from zzcheck.extensions import db
from zzcheck.storage.accounts import User
from zzcheck.storage.plans import add_action_item, add_note

QUESTIONNAIRES = WERKSTATT
COMPANY, CLIENT, NOTE = "Alpha Maschinenbau", "Alpha-Kunde", "Vertraulich-Alpha"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def examples(app: Flask) -> int:
    postgres = app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
    name, default = ("ZZCHECK_API_EXAMPLES_PG", 4) if postgres else ("ZZCHECK_API_EXAMPLES", 12)
    return int(os.environ.get(name, default))


def build_world(app: Flask, create_user: Callable[..., User]) -> dict[str, Any]:
    """Centre A's data (a client with two checks, a plan and a note; more checks so some
    aggregate groups reach k), and a token per role."""
    client_id = new_client(app, SACHSEN, CLIENT)
    shares = [
        shared(app, completed(app, answers)[0], SACHSEN, company=COMPANY, client_id=client_id)
        for answers in (LOW, HIGH)
    ]
    for _ in range(6):
        shared(app, completed(app, HIGH)[0], SACHSEN)
    author = create_user("consultant", centre=SACHSEN)
    with app.app_context():
        add_action_item(db.session, SACHSEN, client_id, title=f"Plan {COMPANY}")
        add_note(db.session, SACHSEN, client_id, author.id, NOTE)
        db.session.commit()
    return {
        "client": client_id,
        "shares": shares,
        "tokens": {
            "A": token_for(app, create_user("consultant", centre=SACHSEN)),
            "B": token_for(app, create_user("consultant", centre=BERLIN)),
            "programme": token_for(app, create_user("programme")),
        },
    }


def leaks_centre_a(text: str) -> bool:
    return any(name in text for name in (COMPANY, CLIENT, NOTE))


def check_k(path: str, status: int, body: Any) -> None:
    """A programme answer never holds a group (or a measure) under k."""
    if not path.endswith("/aggregates") or status != 200:
        return
    for row in body["rows"]:
        assert row["n"] is None or row["n"] >= body["k"], row
        assert all(stat["count"] >= body["k"] for stat in row["stats"].values()), row


@pytest.mark.parametrize("role", ["A", "B", "programme"])
def test_every_operation_keeps_to_the_document(
    app: Flask, create_user: Callable[..., User], role: str
) -> None:
    world = build_world(app, create_user)
    headers = bearer(world["tokens"][role])
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    budget = settings(
        max_examples=examples(app),
        deadline=None,
        derandomize=os.environ.get("CI") == "true",
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @budget
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)
            if role == "B":
                assert not leaks_centre_a(response.text), (case.formatted_path, response.text)
            if role == "programme" and response.status_code == 200:
                check_k(case.operation.path, 200, response.json())

        run()


PATH_ARGUMENT = re.compile(r"\{(\w+)\}")


def test_centre_b_gets_404_for_every_path_with_centre_as_ids(
    app: Flask, create_user: Callable[..., User]
) -> None:
    """Every operation with an id, called by centre B with centre A's real ids (each share,
    the client, the pair for the comparison): 404, and no name of A in any answer."""
    world = build_world(app, create_user)
    client = app.test_client()
    document = client.get("/api/v1/openapi.json").json
    values = {"client_id": world["client"], "share_id": world["shares"][0], "item_id": 1}
    tried = 0
    for path, methods in document["paths"].items():
        if not PATH_ARGUMENT.search(path) or "questionnaire" in path:
            continue
        url = PATH_ARGUMENT.sub(lambda m: str(values[m.group(1)]), path)
        query = f"?a={world['shares'][0]}&b={world['shares'][1]}" if "comparison" in path else ""
        for method in methods:
            body = {"title": "x", "text": "x"} if method in ("post", "put") else None
            response = client.open(
                url + query, method=method.upper(), json=body, headers=bearer(world["tokens"]["B"])
            )
            assert response.status_code in (404, 422), (method, url, response.status_code)
            assert not leaks_centre_a(response.get_data(as_text=True))
            tried += 1
        own = (
            client.get(url + query, headers=bearer(world["tokens"]["A"]))
            if "get" in methods
            else None
        )
        assert own is None or own.status_code == 200, (url, own and own.get_data(as_text=True))
    assert tried >= 5
