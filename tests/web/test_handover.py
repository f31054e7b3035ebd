"""The warm handover to a named centre (issue 14, point 5), through HTTP: the result page
names the sector centre before the regional one with only the contact details configured
and the right German articles; "Beratung anfragen" stores a message and the preferred way of
contact with the share and then says what happens next in the centre's own words; bad input
is a 4xx that stores nothing; the consultants' list shows a new request first, marked, until a
consultant of that centre opens it; withdrawal erases the request."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from authhelp import login
from centrehelp import LOW, completed, new_client, shared, snapshot
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from handoverhelp import THUERINGEN_NEXT, config
from sqlalchemy import select, update
from webpage import Element, form_of, parse

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import complete_assessment, save_page, start_assessment
from zzcheck.storage.handover import AdviceRequest
from zzcheck.storage.invitations import create_invitation
from zzcheck.storage.models import utcnow
from zzcheck.storage.workspace import InvitedAssessment, Share

SUPPORT = "Wir brauchen Hilfe beim Datenschutz für unsere Angebots-KI."
ANSWERS = {**LOW, "anmerkungen": SUPPORT}
TH = {"industry": "C", "size": "10-49", "state": "DE-TH"}
HH = {"industry": "C", "size": "10-49", "state": "DE-HH"}
NW_CARE = {"industry": "Q", "size": "10-49", "state": "DE-NW"}
SN = {"industry": "C", "size": "10-49", "state": "DE-SN"}


@pytest.fixture
def app_config(app_config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    return {**app_config, **config(tmp_path)}


def result_page(client: FlaskClient, token: str, lang: str = "de") -> Element:
    response = client.get(f"/a/{token}/ergebnis", headers={"Accept-Language": lang})
    assert response.status_code == 200
    return parse(response.data)


def boxes(page: Element) -> list[Element]:
    return page.find_all("li", class_="centre-box")


def share_section(page: Element) -> Element:
    heading = page.by_id("teilen")
    section = heading.ancestor("section") if heading is not None else None
    assert section is not None
    return section


def contact_terms(box: Element) -> list[str]:
    return [dt.text for dt in box.find_all("dt")]


def request_form(client: FlaskClient, token: str, **fields: Any) -> dict[str, Any]:
    page = client.get(f"/a/{token}/teilen")
    assert page.status_code == 200
    return form_of(parse(page.data), "share-form").submit() | fields


def list_rows(consultant: FlaskClient) -> list[Element]:
    page = parse(consultant.get("/berater/").data)
    return [row for row in page.find_all("tr") if row.get("data-share")]


def requests(app: Flask) -> list[tuple[AdviceRequest, Share]]:
    with app.app_context():
        rows = db.session.execute(
            select(AdviceRequest, Share).join(Share, Share.id == AdviceRequest.share_id)
        ).all()
        db.session.expunge_all()
        return [(row[0], row[1]) for row in rows]


def test_a_care_company_in_nrw_is_shown_the_sector_centre_first(
    app: Flask, client: FlaskClient
) -> None:
    _id, token = completed(app, ANSWERS, profile=NW_CARE)
    found = boxes(result_page(client, token))
    assert [box.get("data-centre") for box in found] == [
        "sozial-und-pflegewirtschaft",
        "nordrhein-westfalen",
    ]
    sector, regional = found
    assert "Zukunftszentrum für die Sozial- und Pflegewirtschaft" in sector.text
    assert "für Ihre Branche" in sector.text and "für Ihr Bundesland" in regional.text
    assert contact_terms(sector) == ["Web"]  # only what is configured
    assert sector.find("a", href="https://zz-sozial.example") is not None
    assert contact_terms(regional) == []  # nothing configured: nothing shown, nothing invented


def test_thueringen_is_named_with_every_configured_contact_detail(
    app: Flask, client: FlaskClient
) -> None:
    _id, token = completed(app, ANSWERS, profile=TH)
    page = result_page(client, token)
    [box] = boxes(page)
    assert box.get("data-centre") == "thueringen"
    assert box.find("h3").text == "Zukunftszentrum Thüringen"
    assert contact_terms(box) == ["Adresse", "Telefon", "E-Mail", "Web"]
    assert "Carl-Zeiss-Promenade 2 07745 Jena" in box.text
    assert box.find("a", href="tel:03641000000") is not None
    assert box.find("a", href="mailto:kontakt@zz-thueringen.example") is not None
    teaser = share_section(page).text
    assert "Sie können das Zukunftszentrum Thüringen um eine kostenlose Beratung bitten" in teaser
    assert page.find("a", href=f"/a/{token}/teilen") is not None


def test_a_declining_name_takes_its_configured_forms(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app, ANSWERS, profile=HH)
    page = result_page(client, token)
    [box] = boxes(page)
    assert box.get("data-centre") == "nord"
    assert contact_terms(box) == ["Telefon"]
    text = share_section(page).text
    assert "Sie können das Regionale Zukunftszentrum Nord um" in text
    assert "Regionales Zukunftszentrum Nord um" not in text
    data = request_form(client, token, consent="y")
    response = client.post(f"/a/{token}/teilen", data=data, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "für das Regionale Zukunftszentrum Nord freigegeben" in html
    assert "Seit dem" in html and "sieht das Regionale Zukunftszentrum Nord Ihr Ergebnis" in html


def test_english_names_the_centre_with_the(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app, ANSWERS, profile=TH)
    page = result_page(client, token, "en")
    [box] = boxes(page)
    assert box.find("h3").text == "Zukunftszentrum Thuringia"
    assert contact_terms(box) == ["Address", "Phone", "E-mail", "Web"]
    assert "You can ask the Zukunftszentrum Thuringia for free advice" in page.text


def test_the_support_answer_prefills_the_message(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app, ANSWERS, profile=TH)
    data = request_form(client, token)
    assert data["message"] == [SUPPORT]
    assert data["centre"] == ["thueringen"]
    assert data["contact_way"] == ["any"]
    assert "consent" not in data  # never pre-ticked
    _id, token = completed(app, LOW, profile=TH)  # no answer: an empty message
    assert request_form(client, token)["message"] == [""]


def test_a_request_is_stored_and_says_what_happens_next(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app, ANSWERS, profile=TH)
    data = request_form(
        client,
        token,
        message="  Wie fangen wir mit KI im Angebot an?  ",
        contact_way="phone",
        contact_detail="03641 123456",
        contact_person="Frau Beispiel",
        consent="y",
    )
    response = client.post(f"/a/{token}/teilen", data=data)
    assert response.status_code == 303
    [(found, share)] = requests(app)
    assert share.centre_id == "thueringen" and share.contact_person == "Frau Beispiel"
    assert found.message == "Wie fangen wir mit KI im Angebot an?"
    assert found.contact_way == "phone" and found.contact_detail == "03641 123456"
    assert found.opened_at is None
    page = parse(client.get(f"/a/{token}/teilen").data)
    next_steps = page.by_id("wie-weiter")
    assert next_steps is not None
    assert page.find("p", class_="centre-next-steps").text == THUERINGEN_NEXT  # type: ignore[union-attr]
    text = page.text
    assert "für das Zukunftszentrum Thüringen freigegeben" in text
    assert "per Telefon" in text and "03641 123456" in text
    assert "Freigabe widerrufen" in text  # the withdrawal stays as it was


def test_without_configured_next_steps_the_page_says_the_centre_will_call(
    app: Flask, client: FlaskClient
) -> None:
    _id, token = completed(app, ANSWERS, profile=SN)
    client.post(f"/a/{token}/teilen", data=request_form(client, token, consent="y"))
    page = parse(client.get(f"/a/{token}/teilen").data)
    found = page.find("p", class_="centre-next-steps")
    assert found is not None and found.text == "Das Zukunftszentrum meldet sich bei Ihnen."
    [(request, _share)] = requests(app)
    assert request.message == SUPPORT and request.contact_way is None  # "egal"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"message": "x" * 10_000, "consent": "y"}, "Höchstens 2000 Zeichen."),
        ({"contact_detail": "0" * 201, "consent": "y"}, "Höchstens 200 Zeichen."),
        ({"contact_way": "fax", "consent": "y"}, "Bitte wählen Sie einen der angebotenen Wege."),
        ({"centre": "atlantis", "consent": "y"}, "Bitte wählen Sie eines der angebotenen Zentren."),
        ({}, "Ohne Ihre Einwilligung wird nichts geteilt."),
    ],
)
def test_bad_input_is_refused_and_stores_nothing(
    app: Flask, client: FlaskClient, fields: dict[str, Any], message: str
) -> None:
    _id, token = completed(app, ANSWERS, profile=TH)
    before = snapshot(app)
    response = client.post(f"/a/{token}/teilen", data=request_form(client, token, **fields))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert snapshot(app) == before
    assert requests(app) == []


def test_withdrawal_erases_the_request(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app, ANSWERS, profile=TH)
    data = request_form(client, token, contact_way="email", contact_detail="a@b.example")
    client.post(f"/a/{token}/teilen", data=data | {"consent": "y"})
    assert len(requests(app)) == 1
    form = parse(client.get(f"/a/{token}/teilen").data)
    withdraw = [f for f in form.find_all("form") if "widerrufen" in (f.get("action") or "")]
    csrf = withdraw[0].find("input", name="csrf_token").get("value")  # type: ignore[union-attr]
    assert (
        client.post(f"/a/{token}/teilen/widerrufen", data={"csrf_token": csrf}).status_code == 303
    )
    assert requests(app) == []


def test_a_new_request_is_first_and_marked_until_a_consultant_of_its_centre_opens_it(
    app: Flask, client: FlaskClient, create_user: Any
) -> None:
    _older_id, older = completed(app, ANSWERS, profile=SN)
    plain = shared(app, completed(app, ANSWERS, profile=SN)[0], company="Ohne Anfrage GmbH")
    data = request_form(client, older, company_name="Mit Anfrage GmbH", consent="y")
    assert client.post(f"/a/{older}/teilen", data=data).status_code == 303
    [(_request, share)] = requests(app)
    # a consultant of another centre never sees it, and cannot clear the mark
    berlin = app.test_client()
    login(berlin, create_user("consultant", centre="berlin"))
    assert "Mit Anfrage GmbH" not in berlin.get("/berater/").get_data(as_text=True)
    assert berlin.get(f"/berater/freigaben/{share.id}").status_code == 404
    assert requests(app)[0][0].opened_at is None
    consultant = app.test_client()
    login(consultant, create_user("consultant", centre="sachsen"))
    rows = list_rows(consultant)
    assert [r.get("data-share") for r in rows] == [str(share.id), str(plain)]  # request first
    assert rows[0].find("strong", class_="badge-new").text == "neu"  # type: ignore[union-attr]
    assert rows[1].find("strong", class_="badge-new") is None
    opened = consultant.get(f"/berater/freigaben/{share.id}").get_data(as_text=True)
    assert "Anfrage zur Beratung" in opened and SUPPORT in opened
    assert requests(app)[0][0].opened_at is not None
    rows = list_rows(consultant)
    assert [r.get("data-share") for r in rows] == [str(plain), str(share.id)]  # newest check first
    assert all(r.find("strong", class_="badge-new") is None for r in rows)


def test_an_invited_company_is_shown_the_inviting_centre_first(
    app: Flask, client: FlaskClient, create_user: Any
) -> None:
    consultant = create_user("consultant", centre="berlin")
    client_id = new_client(app, "berlin", "Formenbau Ost")
    with app.app_context():
        created = create_invitation(db.session, "berlin", client_id, consultant.id)
        assert created is not None
        loaded = current_registry().get("werkstatt")
        assert loaded is not None
        assessment, token = start_assessment(db.session, loaded, TH)  # a company in Thüringen
        db.session.add(InvitedAssessment(assessment_id=assessment.id, invitation_id=created[0].id))
        save_page(db.session, assessment, ANSWERS, [], 3)
        complete_assessment(db.session, assessment)
        db.session.commit()
    found = boxes(result_page(client, token))
    assert [box.get("data-centre") for box in found] == ["berlin", "thueringen"]
    assert request_form(client, token)["centre"] == ["berlin"]
    assert (
        "Sie können das Zukunftszentrum Berlin um" in share_section(result_page(client, token)).text
    )


def test_the_purge_of_an_expired_share_erases_its_request(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    _id, token = completed(app, ANSWERS, profile=TH)
    data = request_form(client, token, contact_way="phone", contact_detail="03641 1", consent="y")
    assert client.post(f"/a/{token}/teilen", data=data).status_code == 303
    [(_request, share)] = requests(app)
    with app.app_context():
        long_ago = utcnow() - timedelta(days=731)
        db.session.execute(update(Share).where(Share.id == share.id).values(consented_at=long_ago))
        db.session.commit()
    result = runner.invoke(args=["zzcheck", "purge"])
    assert result.exit_code == 0, result.output
    assert requests(app) == []
    with app.app_context():
        withdrawn = db.session.get(Share, share.id)
        assert withdrawn is not None and withdrawn.withdrawn_at is not None
