"""Error pages without stack traces, and resume tokens kept out of request logs."""

from __future__ import annotations

import logging

from webpage import parse

from zzcheck.web.redact import redact

TOKEN = "Zk3q_9xYbW-2mPq7Lr8sT0uVwXyZaB1c"


def test_unknown_address_gets_the_friendly_404(client) -> None:
    response = client.get("/gibt/es/nicht")
    assert response.status_code == 404
    root = parse(response.data)
    assert root.find("h1").text == "Diese Seite gibt es nicht"
    assert root.find("main").find("a").get("href") == "/"


def test_an_unexpected_error_gets_a_calm_500_page_without_details(app) -> None:
    def broken() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/kaputt", view_func=broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/kaputt")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Da ist etwas schiefgegangen" in text
    assert "secret internals" not in text and "Traceback" not in text


def test_redact_removes_tokens_from_paths_plain_and_encoded() -> None:
    assert redact(f"GET /a/{TOKEN}/2 HTTP/1.1") == "GET /a/…/2 HTTP/1.1"
    assert (
        redact(f"GET /sprache/en?next=%2Fa%2F{TOKEN}%2F1 HTTP/1.1")
        == "GET /sprache/en?next=%2Fa%2F…%2F1 HTTP/1.1"
    )
    assert redact("GET /static/css/zzcheck.css HTTP/1.1") == "GET /static/css/zzcheck.css HTTP/1.1"


def test_request_log_lines_never_contain_a_token(app, caplog) -> None:
    caplog.set_level(logging.INFO, logger="werkzeug")
    logging.getLogger("werkzeug").info(
        '127.0.0.1 - - [x] "%s" %s %s', f"GET /a/{TOKEN}/ergebnis HTTP/1.1", "200", "-"
    )
    assert TOKEN not in caplog.text
    assert '"GET /a/…/ergebnis HTTP/1.1" 200 -' in caplog.text
