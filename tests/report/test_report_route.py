"""``GET /a/<token>/bericht.pdf``: a private attachment for a completed assessment, in the
chosen language; the app's 404 page for an unknown token; back to the questionnaire (with
the result page's message) while the assessment is in progress."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from reporthelp import pdf_text
from webpage import parse

NOT_YET = "Ihr Ergebnis sehen Sie, sobald Sie alle Seiten beantwortet und ausgewertet haben."


def test_a_completed_assessment_downloads_as_a_private_attachment(
    client: FlaskClient, complete: Callable[..., str]
) -> None:
    token = complete("ki-readiness")
    response = client.get(f"/a/{token}/bericht.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF-")
    disposition = 'attachment; filename="zzcheck-ki-readiness-2026-03-06.pdf"'
    assert response.headers["Content-Disposition"] == disposition  # completed 23:30 UTC, 5 March
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert token not in response.headers["Content-Disposition"]


def test_the_result_page_links_to_the_pdf(
    client: FlaskClient, complete: Callable[..., str]
) -> None:
    token = complete("ki-readiness")
    root = parse(client.get(f"/a/{token}/ergebnis").data)
    links = [a for a in root.find_all("a") if a.get("href") == f"/a/{token}/bericht.pdf"]
    assert [a.text for a in links] == ["Ergebnis als PDF herunterladen"]


def test_the_language_follows_the_switch_then_the_browser(
    client: FlaskClient, complete: Callable[..., str]
) -> None:
    token = complete("beteiligung")
    url = f"/a/{token}/bericht.pdf"
    assert "Gesamtergebnis" in pdf_text(client.get(url).data)  # German by default
    assert "Overall result" in pdf_text(client.get(url, headers={"Accept-Language": "en"}).data)
    client.get("/sprache/de")  # a remembered choice beats the browser
    german = pdf_text(client.get(url, headers={"Accept-Language": "en"}).data)
    assert "Gesamtergebnis" in german and "Overall result" not in german


@pytest.mark.parametrize("token", ["unbekannt", "x" * 43, "y" * 500])
def test_an_unknown_token_gives_the_404_page(client: FlaskClient, token: str) -> None:
    response = client.get(f"/a/{token}/bericht.pdf")
    assert response.status_code == 404 and response.mimetype == "text/html"
    heading = parse(response.data).find("h1")
    assert heading is not None and heading.text == "Diese Seite gibt es nicht"


def test_an_assessment_in_progress_goes_back_to_the_questionnaire(
    client: FlaskClient, started: Callable[[str], str]
) -> None:
    token = started("ki-readiness")
    response = client.get(f"/a/{token}/bericht.pdf")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/a/{token}"
    page = client.get(response.headers["Location"], follow_redirects=True)
    assert page.status_code == 200 and page.request.path == f"/a/{token}/1"
    flashes = [p.text for p in parse(page.data).find_all("p", class_="flash")]
    assert flashes[0] == NOT_YET and len(flashes) == 2
    assert flashes[1].startswith("Willkommen zurück! Sie waren zuletzt bei „")  # the resume link


def test_a_deleted_assessment_has_no_report(
    client: FlaskClient, complete: Callable[..., str]
) -> None:
    token = complete("qualifizierung")
    assert client.get(f"/a/{token}/bericht.pdf").status_code == 200
    page = parse(client.get(f"/a/{token}/loeschen").data)
    form = next(f for f in page.find_all("form") if (f.get("method") or "").lower() == "post")
    csrf = form.find("input", name="csrf_token")
    data = {"csrf_token": csrf.get("value")} if csrf is not None else {}
    assert client.post(f"/a/{token}/loeschen", data=data).status_code == 200
    assert client.get(f"/a/{token}/bericht.pdf").status_code == 404
