"""Sharing a result with a centre and withdrawing it (``/a/<token>/teilen``), through the
pages with CSRF on: explicit consent stored with version, language and hash of the exact
text; bad input refused with 4xx and nothing stored; withdrawal hides it from the centre."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import UTC, datetime, timedelta

from centrehelp import WERKSTATT, completed, csrf_of, snapshot
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update
from webpage import form_of, parse

from zzcheck.extensions import db
from zzcheck.storage.clients import find_share
from zzcheck.storage.consent import CONSENT, VERSIONS
from zzcheck.storage.models import utcnow
from zzcheck.storage.workspace import Share

QUESTIONNAIRES = WERKSTATT


def share_form(client: FlaskClient, token: str) -> dict[str, object]:
    """What the share form sends as it is (centre preselected, no consent yet)."""
    page = client.get(f"/a/{token}/teilen")
    assert page.status_code == 200
    return form_of(parse(page.data), "share-form").submit()


def shares(app: Flask) -> list[Share]:
    with app.app_context():
        found = list(db.session.query(Share).order_by(Share.id))
        db.session.expunge_all()
        return found


def test_the_result_page_offers_sharing(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app)
    page = parse(client.get(f"/a/{token}/ergebnis").data)
    section = page.by_id("teilen")
    assert section is not None
    link = page.find("a", href=f"/a/{token}/teilen")
    assert link is not None


def test_the_centre_of_the_federal_state_is_preselected(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app, profile={"industry": "C", "size": "1-9", "state": "DE-BE"})
    data = share_form(client, token)
    assert data["centre"] == ["berlin"]
    assert data["consent_version"] == [CONSENT.version]
    assert "consent" not in data  # never pre-ticked


def test_a_care_company_is_offered_the_sector_centre_first(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app, profile={"industry": "Q", "size": "10-49", "state": "DE-NW"})
    page = parse(client.get(f"/a/{token}/teilen").data)
    assert form_of(page, "share-form").submit()["centre"] == ["sozial-und-pflegewirtschaft"]
    _id, token = completed(app, profile={"industry": "C", "size": "10-49", "state": "DE-NW"})
    assert share_form(client, token)["centre"] == ["nordrhein-westfalen"]


def test_sharing_stores_the_consent_record(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app)
    data = share_form(client, token) | {
        "consent": "y",
        "company_name": "  Tischlerei Müller GmbH ",
        "contact_person": "Frau Beispiel, 0351 000",
    }
    before = utcnow()
    response = client.post(f"/a/{token}/teilen", data=data)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/a/{token}/teilen"
    [share] = shares(app)
    assert share.centre_id == "sachsen"
    assert share.company_name == "Tischlerei Müller GmbH"
    assert share.company_key == "tischlerei müller gmbh"
    assert share.contact_person == "Frau Beispiel, 0351 000"
    assert share.consent_version == CONSENT.version
    assert share.consent_lang == "de"
    expected = hashlib.sha256(CONSENT.text("de", 730).encode()).hexdigest()
    assert share.consent_hash == expected
    assert before - timedelta(seconds=1) <= share.consented_at <= utcnow()
    assert share.withdrawn_at is None and share.client_id is None
    page = client.get(f"/a/{token}/teilen").get_data(as_text=True)
    assert "Zukunftszentrum Sachsen" in page and "Freigabe widerrufen" in page
    assert "ist jetzt für das Zukunftszentrum Sachsen freigegeben" in page


def test_the_consent_text_is_shown_and_english_is_recorded_as_english(
    app: Flask, client: FlaskClient
) -> None:
    _id, token = completed(app)
    client.get("/sprache/en")
    page = client.get(f"/a/{token}/teilen").get_data(as_text=True)
    assert CONSENT.text("en", 730) in page
    assert "This consent holds for 730 days from today." in page
    data = form_of(parse(page), "share-form").submit({"consent": "y"})
    assert client.post(f"/a/{token}/teilen", data=data).status_code == 303
    [share] = shares(app)
    assert share.consent_lang == "en"
    assert share.consent_hash == hashlib.sha256(CONSENT.text("en", 730).encode()).hexdigest()


def test_the_consent_says_how_long_it_holds_and_how_to_withdraw_it(
    app: Flask, client: FlaskClient
) -> None:
    """The period is the configured one, inside the hashed text; once shared, the page names
    the day the share ends (consent + 365 days, Berlin time)."""
    app.config["ZZCHECK_RETENTION_SHARED_DAYS"] = 365
    _id, token = completed(app)
    page = parse(client.get(f"/a/{token}/teilen").data)
    text = page.by_id("consent-text").text
    assert "Die Einwilligung gilt ab heute 365 Tage lang." in text
    assert "Ich kann sie jederzeit vorher widerrufen: mit meinem persönlichen Link auf der " \
        "Ergebnisseite unter „Ergebnis teilen oder Freigabe verwalten“, Schaltfläche " \
        "„Freigabe widerrufen“." in text  # fmt: skip
    assert "Nach dem Widerruf oder dem Ende der Frist sieht das Zentrum" in text
    data = form_of(page, "share-form").submit({"consent": "y"})
    assert client.post(f"/a/{token}/teilen", data=data).status_code == 303
    [share] = shares(app)
    assert share.consent_hash == hashlib.sha256(text.encode()).hexdigest()
    with app.app_context():
        db.session.execute(
            update(Share).values(consented_at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
        )
        db.session.commit()
    ends = parse(client.get(f"/a/{token}/teilen").data).find(class_="share-ends").text
    # 2026-03-01 23:30 UTC + 365 days = 2027-03-01 23:30 UTC = 2 March 2027, 00:30 in Berlin
    assert ends == "Die Freigabe endet am 02.03.2027, wenn Sie sie nicht vorher widerrufen."


def test_without_the_consent_box_nothing_is_shared(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app)
    data = share_form(client, token) | {"company_name": "Bäckerei Korn"}
    before = snapshot(app)
    response = client.post(f"/a/{token}/teilen", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Ohne Ihre Einwilligung wird nichts geteilt" in page
    assert 'value="Bäckerei Korn"' in page  # nothing typed is lost
    assert snapshot(app) == before


def test_an_outdated_consent_version_is_refused(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app)
    data = share_form(client, token) | {"consent": "y", "consent_version": "2020-01-1"}
    before = snapshot(app)
    response = client.post(f"/a/{token}/teilen", data=data)
    assert response.status_code == 400
    assert "Text der Einwilligung wurde inzwischen geändert" in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_bad_input_is_refused_and_nothing_is_stored(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app)
    base = share_form(client, token) | {"consent": "y"}
    before = snapshot(app)
    for bad in ({"centre": "atlantis"}, {"centre": ""}, {"company_name": "x" * 201}):
        response = client.post(f"/a/{token}/teilen", data=base | bad)
        assert response.status_code == 400, bad
        assert "Bitte prüfen Sie Ihre Angaben" in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_a_missing_csrf_token_keeps_the_input_and_stores_nothing(
    app: Flask, client: FlaskClient
) -> None:
    _id, token = completed(app)
    data = share_form(client, token) | {"consent": "y", "company_name": "Metallbau Ost"}
    data.pop("csrf_token")
    before = snapshot(app)
    response = client.post(f"/a/{token}/teilen", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "nicht gespeichert" in page and 'value="Metallbau Ost"' in page
    assert snapshot(app) == before


def test_a_double_submit_shares_once(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app)
    data = share_form(client, token) | {"consent": "y"}
    assert client.post(f"/a/{token}/teilen", data=data).status_code == 303
    again = client.post(f"/a/{token}/teilen", data=data)
    assert again.status_code == 200
    assert len(shares(app)) == 1


def test_withdrawal_hides_the_result_from_the_centre_and_erases_the_names(
    app: Flask, client: FlaskClient
) -> None:
    _id, token = completed(app)
    data = share_form(client, token) | {"consent": "y", "company_name": "Druckerei Blau"}
    client.post(f"/a/{token}/teilen", data=data)
    [share] = shares(app)
    page = client.get(f"/a/{token}/teilen").get_data(as_text=True)
    response = client.post(f"/a/{token}/teilen/widerrufen", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 303
    [withdrawn] = shares(app)
    assert withdrawn.withdrawn_at is not None
    assert (withdrawn.company_name, withdrawn.company_key, withdrawn.contact_person) == (None,) * 3
    assert withdrawn.consent_hash == share.consent_hash  # the proof of consent stays
    with app.app_context():
        assert find_share(db.session, "sachsen", share.id) is None
    again = client.get(f"/a/{token}/teilen").get_data(as_text=True)
    assert "Das Zentrum sieht Ihr Ergebnis nicht mehr" in again
    assert "Ergebnis teilen" in again  # can be shared anew


def test_withdrawal_needs_a_csrf_token(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app)
    data = share_form(client, token) | {"consent": "y"}
    client.post(f"/a/{token}/teilen", data=data)
    before = snapshot(app)
    assert client.post(f"/a/{token}/teilen/widerrufen").status_code == 400
    assert snapshot(app) == before


def test_unknown_tokens_and_unfinished_checks(app: Flask, client: FlaskClient) -> None:
    assert client.get("/a/unknown-token-xyz/teilen").status_code == 404
    assert client.post("/a/unknown-token-xyz/teilen/widerrufen").status_code in (400, 404)
    with app.app_context():
        from zzcheck.registry import current_registry
        from zzcheck.storage.assessments import start_assessment

        loaded = current_registry().get("werkstatt")
        assert loaded is not None
        _a, token = start_assessment(db.session, loaded, {"state": "DE-SN"})
        db.session.commit()
    response = client.get(f"/a/{token}/teilen")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/a/{token}"


def test_share_pages_are_private(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app)
    response = client.get(f"/a/{token}/teilen")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] in ("same-origin", "no-referrer")


def test_the_own_download_holds_the_consent_record(app: Flask, client: FlaskClient) -> None:
    app.config["ZZCHECK_RETENTION_SHARED_DAYS"] = 100
    _id, token = completed(app)
    data = share_form(client, token) | {"consent": "y"}
    assert client.post(f"/a/{token}/teilen", data=data).status_code == 303
    csrf = csrf_of(client.get(f"/a/{token}/teilen").get_data(as_text=True))
    assert (
        client.post(f"/a/{token}/teilen/widerrufen", data={"csrf_token": csrf}).status_code == 303
    )
    with app.app_context():
        given, withdrawn = datetime(2026, 1, 5, 8, 0, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)
        db.session.execute(update(Share).values(consented_at=given, withdrawn_at=withdrawn))
        db.session.commit()
    exported = json.loads(client.get(f"/a/{token}/export.json").data)
    assert exported["sharing_consents"] == [
        {
            "centre_id": "sachsen",
            "centre": "Zukunftszentrum Sachsen",
            "given_at": "2026-01-05T08:00:00+00:00",
            "valid_until": "2026-04-15T08:00:00+00:00",  # 26 + 28 + 31 + 15 = 100 days on
            "withdrawn_at": "2026-02-01T00:00:00+00:00",
        }
    ]
    text = client.get(f"/a/{token}/export.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert ["Einwilligung", "sachsen", "Zukunftszentrum Sachsen: gültig bis",
            "2026-04-15T08:00:00+00:00"] in rows  # fmt: skip


def test_every_consent_text_ever_shown_stays_provable() -> None:
    """A stored (version, language, hash) must keep naming the exact text: the first version
    hashes as it did when it was shown (hashes of that time), the current one is listed."""
    first = VERSIONS["2026-11-1"]
    assert first.digest("de", 730) == (
        "c8e737dce6d9ae07005a0e3544d36fe5a8888460810f060f92e4b532932c4e19"
    )
    assert first.digest("en", 730) == (
        "a1010caa13ebb02c1b20adc2a0caf1fae5f6bb9cc7609e675d71aee23414f7e8"
    )
    assert VERSIONS[CONSENT.version] is CONSENT
    assert "{days}" in CONSENT.texts["de"] and "{days}" in CONSENT.texts["en"]
