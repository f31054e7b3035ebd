"""Plain regression tests for what the fuzz tests found (each once a 500):

1. A NUL character in a form or query value: PostgreSQL refuses it in text (psycopg
   ``DataError``) – now 400 with a clear message before any view runs, nothing stored.
2. An id in the URL beyond the database's integer range (``/berater/team/9223372036854775808``):
   an overflow in the driver – now no route matches, 404.
3. ``?page=²`` (``"²".isdigit()`` is true, ``int("²")`` fails) and ``?page=`` with 8001
   digits (over Python's 4300-digit limit for ``int()``) – now 400 like any bad page number.
4. A multipart part ``name="\n"`` reaches Flask as a form field named None, which broke the
   first code that read names as text (the NUL check of 1., a crash before any view) – now 400.
"""

from __future__ import annotations

import pytest
from authhelp import csrf_token_of
from dbstate import db_state
from flask import Flask
from fuzzworld import ANON, CONSULTANT, World, browser
from journeyhelp import PAGE3
from werkzeug.datastructures import MultiDict
from werkzeug.test import encode_multipart

NUL_MESSAGE = "Die Eingabe enthält ein unzulässiges Steuerzeichen (NUL)."


def nul_forms(world: World) -> list[tuple[str, str, str, dict[str, str]]]:
    """(role, page with the form, URL it sends to, fields): each with a NUL in one text."""
    client, token = world.ids["client"], world.progress
    return [
        (CONSULTANT, f"/berater/kunden/{client}", f"/berater/kunden/{client}/notizen",
         {"text": "Notiz\x00"}),
        (CONSULTANT, "/berater/kunden/", "/berater/kunden/", {"display_name": "Alpha\x00 GmbH"}),
        (CONSULTANT, f"/berater/kunden/{client}", f"/berater/kunden/{client}/massnahmen",
         {"title": "Schulung", "owner": "\x00", "status": "open"}),
        (ANON, f"/a/{world.token}/teilen", f"/a/{world.token}/teilen",
         {"centre": "sachsen", "company_name": "Beta\x00", "consent": "y"}),
        (ANON, f"/a/{token}/3", f"/a/{token}/3", {**PAGE3, "q_anmerkung": "Text\x00"}),
        (ANON, "/login", "/login", {"email": "a\x00@example.org", "password": "x" * 12}),
    ]  # fmt: skip


def test_a_nul_character_in_a_form_is_refused_and_nothing_is_stored(
    app: Flask, world: World
) -> None:
    browsers = {role: browser(app, role) for role in (ANON, CONSULTANT)}
    for role, page, url, fields in nul_forms(world):
        client = browsers[role]
        token = csrf_token_of(client.get(page).text)
        before = db_state(app)
        response = client.post(url, data={"csrf_token": token, **fields})
        assert response.status_code == 400, (url, response.status_code)
        assert NUL_MESSAGE in response.text
        assert db_state(app) == before, url


def test_a_nul_character_in_a_filter_is_refused(app: Flask, world: World) -> None:
    consultant = browser(app, CONSULTANT)
    for url in ("/berater/?q=Alpha%00", "/berater/kunden/?q=%00", "/login?next=/%00"):
        response = consultant.get(url)
        assert response.status_code == 400, url
        assert NUL_MESSAGE in response.text


def test_a_form_field_without_a_name_is_refused(app: Flask, world: World) -> None:
    consultant = browser(app, CONSULTANT)
    url = f"/berater/kunden/{world.ids['client']}/notizen"
    token = csrf_token_of(consultant.get(f"/berater/kunden/{world.ids['client']}").text)
    fields = MultiDict([("csrf_token", token), ("text", "Notiz"), ("\n", "")])
    boundary, body = encode_multipart(fields)
    before = db_state(app)
    response = consultant.post(
        url, data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 400
    assert "Die Anfrage war unvollständig oder fehlerhaft." in response.text
    assert db_state(app) == before


@pytest.mark.parametrize(
    "path",
    [
        "/berater/freigaben/2147483648",
        "/berater/kunden/99999999999999999999",
        "/berater/kunden/{client}/massnahmen/9223372036854775808",
        "/berater/kunden/١",  # an Arabic-Indic digit: a digit to Python, not to our URLs
        "/a/{progress}/2147483648",
    ],
)
def test_ids_beyond_the_database_range_match_no_route(app: Flask, world: World, path: str) -> None:
    consultant = browser(app, CONSULTANT)
    url = path.format(client=world.ids["client"], progress=world.progress)
    assert consultant.get(url).status_code == 404
    assert consultant.post(url).status_code in (404, 405)
    assert consultant.get(f"/berater/kunden/{world.ids['client']}").status_code == 200


@pytest.mark.parametrize("page", ["²", "9" * 8001, "١", "0", "-1", "1.0"])
def test_a_page_number_that_is_no_plain_number_is_400(app: Flask, world: World, page: str) -> None:
    consultant = browser(app, CONSULTANT)
    for url in ("/berater/", "/berater/kunden/", "/berater/einladungen"):
        response = consultant.get(url, query_string={"page": page})
        assert response.status_code == 400, (url, page[:10])
        assert "in der Adresse ist ungültig" in response.text
    assert consultant.get("/berater/", query_string={"page": "1"}).status_code == 200
