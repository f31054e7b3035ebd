"""Issue 13, point 2: flooding a team campaign, tried the way an insider would, through HTTP.

The attack reproduced on the old code: one browser without cookies answered the campaign
link again and again; two fake works-council answers turned a single real member into a
"group of 3", whose scores then followed from the attacker's own. Here the owner opens a
campaign with personal one-time codes (the sheet is read like a printout), and the attacker
tries every way to answer twice or in another role: the link without a code, a used code
from another browser, a works-council code as management, guessing codes. The shared link,
still offered as the less protected mode, is flooded from one address beyond its limit.
The sheet itself: one slip per code, the QR code an inline SVG that encodes the slip's
address and references nothing outside the page.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import segno
import teamhelp
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))  # webpage: the HTML reader
from webpage import Element, form_of, parse

from zzcheck.extensions import db
from zzcheck.storage.campaign_codes import (
    CampaignCode,
    CodeUsed,
    find_code,
    issue_codes,
    join_with_code,
)
from zzcheck.storage.team_models import Campaign, CampaignResponse
from zzcheck.storage.workspace_errors import InvalidInput

PAGE1 = {"q_info_frueh": "teils", "q_br_informiert": "yes"}
PAGE2 = {"q_geraete": "gut", "q_bedarf": ["werkstatt"]}
CODE = re.compile(r"^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$")


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {
        **app_config,
        "ZZCHECK_QUESTIONNAIRES": teamhelp.TEAM,
        "ZZCHECK_LINK_GUESSES": 5,
        "ZZCHECK_TEAM_LINK_STARTS": 3,
    }


@pytest.fixture
def owner(app: Flask) -> tuple[int, str]:
    return teamhelp.owner_check(app)


def open_with_codes(client: FlaskClient, owner_token: str, **counts: str) -> TestResponse:
    """The owner opens a code campaign through the form (``codes_<role>=n``)."""
    form = form_of(parse(client.get(f"/a/{owner_token}/team").data), "team-open")
    assert form.defaults()["access"] == ["codes"]  # the protected mode is the default
    fields = {f"codes_{role}": n for role, n in counts.items()}
    return client.post(form.action, data=form.submit(fields))


def slips(sheet: TestResponse) -> list[Element]:
    return parse(sheet.data).find_all("li", **{"class": "code-slip"})


def code_of(slip: Element) -> str:
    found = slip.find("p", **{"class": "slip-code"})
    assert found is not None
    return found.text.strip()


@pytest.fixture
def sheet(client: FlaskClient, owner: tuple[int, str]) -> TestResponse:
    """A campaign with 2 codes of free choice, 3 for employees and 1 for the works council."""
    opened = open_with_codes(client, owner[1], any="2", employee="3", works_council="1")
    assert opened.status_code == 200, opened.data[:2000]
    return opened


def codes_by_role(sheet: TestResponse) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for slip in slips(sheet):
        role = slip.find("p", **{"class": "slip-role"})
        found.setdefault(role.text.strip() if role else "", []).append(code_of(slip))
    return found


def join_with(client: FlaskClient, code: str, answers: dict[str, object]) -> TestResponse:
    """Type the code, then send the role step as the page offers it."""
    step = client.post(
        "/team/code", data=form_of(parse(client.get("/team/code").data)).submit({"code": code})
    )
    if step.status_code != 200:
        return step
    return client.post("/team/code", data=form_of(parse(step.data), "team-join").submit(answers))


def answer_to_the_end(client: FlaskClient, joined: TestResponse) -> None:
    assert joined.status_code == 303, joined.data[:1500]
    first = joined.headers["Location"]
    for url, answers, action in ((first, PAGE1, "next"), (first[:-1] + "2", PAGE2, "finish")):
        form = form_of(parse(client.get(url).data), "questions")
        assert client.post(form.action, data=form.submit(answers, action)).status_code == 303


def responses(app: Flask) -> list[str]:
    with app.app_context():
        return sorted(db.session.scalars(select(CampaignResponse.role)))


def test_the_sheet_has_one_slip_per_code_with_a_local_qr_code(
    app: Flask, sheet: TestResponse
) -> None:
    found = slips(sheet)
    codes = [code_of(slip) for slip in found]
    assert len(found) == 6 and len(set(codes)) == 6
    assert all(CODE.match(code) for code in codes)
    assert sorted(codes_by_role(sheet)) == ["", "Für: Beschäftigte", "Für: Betriebsrat"]
    assert len(codes_by_role(sheet)["Für: Beschäftigte"]) == 3
    html = sheet.get_data(as_text=True)
    assert "style=" not in html and "<style" not in html  # the CSP allows neither
    assert "unsafe-inline" not in sheet.headers["Content-Security-Policy"]
    assert "http://localhost/team/code" in parse(sheet.data).text  # where to type the code
    for code in codes:
        svg_markup = re.search(r"<svg.*?</svg>", _markup_of(html, code), re.S)
        assert svg_markup is not None
        svg = ET.fromstring(svg_markup.group(0))  # well-formed
        assert svg.get("role") == "img" and code in (svg.get("aria-label") or "")
        assert not re.search(r"href|url\(|<image|<use|xlink|https?:", svg_markup.group(0))
        expected = segno.make(f"http://localhost/team/code/{code.replace('-', '')}", error="m")
        assert _modules(svg) == _modules_of(expected)  # the QR code encodes the slip's address


def _markup_of(html: str, code: str) -> str:
    """The markup of the slip that shows ``code``."""
    for part in html.split('<li class="code-slip">')[1:]:
        if code in part:
            return part
    raise AssertionError(code)


def _modules(svg: ET.Element) -> set[tuple[int, int]]:
    """The dark modules of segno's path (``M x y h n`` runs, relative moves ``m dx dy``)."""
    path = next(e for e in svg.iter() if e.tag.endswith("path")).get("d") or ""
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark |= {(int(x) + i, int(y)) for i in range(int(float(a)))}
            x += float(a)
    return dark


def _modules_of(qr: segno.QRCode) -> set[tuple[int, int]]:
    return {
        (col + 2, row + 2)  # border 2
        for row, line in enumerate(qr.matrix)
        for col, bit in enumerate(line)
        if bit & 1
    }


def test_codes_are_shown_once_and_counted_on_the_campaign_page(
    app: Flask, client: FlaskClient, owner: tuple[int, str], sheet: TestResponse
) -> None:
    codes = [code_of(slip) for slip in slips(sheet)]
    with app.app_context():
        campaign_id = db.session.scalars(select(Campaign.id)).one()
        stored = db.session.scalars(select(CampaignCode.code_hash)).all()
    assert len(stored) == 6 and all(re.fullmatch(r"[0-9a-f]{64}", s) for s in stored)
    browser = app.test_client()
    answer_to_the_end(browser, join_with(browser, codes[0], {"role": "it"}))
    page = client.get(f"/a/{owner[1]}/team/{campaign_id}").get_data(as_text=True)
    assert not any(code in page for code in codes)  # never shown again
    assert "6 Codes ausgegeben, 1 benutzt." in parse(page).text
    listing = client.get(f"/a/{owner[1]}/team").get_data(as_text=True)
    assert not any(code in listing for code in codes)


def test_flooding_a_code_campaign_is_refused(app: Flask, sheet: TestResponse) -> None:
    council = codes_by_role(sheet)["Für: Betriebsrat"][0]
    real = app.test_client()  # the one real works-council member
    answer_to_the_end(real, join_with(real, council, {}))
    assert responses(app) == ["works_council"]

    with app.app_context():
        entry = db.session.scalars(select(Campaign.entry_token)).one()
    attacker = app.test_client()  # no cookies, as many fresh browsers as wanted
    page = attacker.get(f"/team/{entry}")
    assert page.status_code == 200 and "persönlichen Code" in parse(page.data).text
    assert form_of(parse(page.data)).names() == ["csrf_token", "code"]  # no role
    token = form_of(parse(page.data)).defaults()["csrf_token"][0]
    by_link = attacker.post(f"/team/{entry}", data={"csrf_token": token, "role": "works_council"})
    assert by_link.status_code == 403  # the link alone starts nothing

    for _again in range(3):  # the used code from other browsers: refused, never a 2nd answer
        other = app.test_client()
        reused = join_with(other, council, {})
        assert reused.status_code == 409
        assert "Dieser Code wurde schon benutzt" in parse(reused.data).text
        assert other.get(f"/team/code/{council}").status_code == 409  # also through the QR code
    assert responses(app) == ["works_council"]
    back = real.get(f"/team/code/{council}")  # its own browser only goes on with its answer
    assert back.status_code == 303 and back.headers["Location"] == f"/team/{entry}"


def test_a_code_for_a_role_answers_only_in_that_role(app: Flask, sheet: TestResponse) -> None:
    council = codes_by_role(sheet)["Für: Betriebsrat"][0]
    attacker = app.test_client()
    step = attacker.post(
        "/team/code", data=form_of(parse(attacker.get("/team/code").data)).submit({"code": council})
    )
    form = form_of(parse(step.data), "team-join")
    assert "role" not in form.names()
    assert "Ihr Code gilt für die Rolle: Betriebsrat." in parse(step.data).text
    forged = form.submit({"role": "management"})  # a role the page did not offer
    answer_to_the_end(attacker, attacker.post("/team/code", data=forged))
    free = codes_by_role(sheet)[""][0]
    chooser = app.test_client()
    answer_to_the_end(chooser, join_with(chooser, free, {"role": "management"}))
    assert responses(app) == ["management", "works_council"]


def test_codes_are_typed_forgivingly(app: Flask, sheet: TestResponse) -> None:
    code = codes_by_role(sheet)["Für: Beschäftigte"][0]
    typed = " " + code.lower().replace("-", " ") + " "
    browser = app.test_client()
    answer_to_the_end(browser, join_with(browser, typed, {"area": "office"}))
    assert responses(app) == ["employee"]


def test_guessing_codes_runs_into_the_limit(app: Flask, sheet: TestResponse) -> None:
    guesser = app.test_client()
    form = form_of(parse(guesser.get("/team/code").data))
    for guess in ("ABCDE-FGHJK", "BCDEF-GHJKM", "CDEFG-HJKMN", "DEFGH-JKMNP", "EFGHJ-KMNPQ"):
        wrong = guesser.post("/team/code", data=form.submit({"code": guess}))
        assert wrong.status_code == 400
        assert "Diesen Code gibt es nicht" in parse(wrong.data).text
    assert guesser.get("/team/code/FGHJK-MNPQR").status_code == 429
    limited = guesser.post("/team/code", data=form.submit({"code": "GHJKM-NPQRS"}))
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    malformed = guesser.post("/team/code", data=form.submit({"code": "0O1IL"}))
    assert malformed.status_code == 400  # cannot be a code: not looked up, not counted
    real = codes_by_role(sheet)[""][0]  # a real code from the same address still works
    answer_to_the_end(guesser, join_with(guesser, real, {"role": "employee"}))
    assert responses(app) == ["employee"]


def test_flooding_the_shared_link_from_one_address_is_limited(
    app: Flask, client: FlaskClient, owner: tuple[int, str]
) -> None:
    form = form_of(parse(client.get(f"/a/{owner[1]}/team").data), "team-open")
    opened = parse(client.post(form.action, data=form.submit({"access": "link"})).data)
    assert "weniger geschützt" in opened.text
    shown = opened.by_id("campaign-link")
    assert shown is not None
    link = shown.get("href") or ""

    def start(browser: FlaskClient) -> TestResponse:
        join = form_of(parse(browser.get(link).data))
        return browser.post(join.action, data=join.submit({"role": "works_council"}))

    for _fake in range(3):  # ZZCHECK_TEAM_LINK_STARTS
        assert start(app.test_client()).status_code == 303
    refused = start(app.test_client())
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "sehr viele Antworten begonnen" in parse(refused.data).text
    assert responses(app) == ["works_council"] * 3
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert start(elsewhere).status_code == 303  # another address is not affected
    with app.app_context():
        campaign_id = db.session.scalars(select(Campaign.id)).one()
    page = parse(client.get(f"/a/{owner[1]}/team/{campaign_id}").data).text
    assert "Ein gemeinsamer Link für alle (weniger geschützt)" in page


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({}, "Bitte insgesamt 1 bis 1000 Codes"),
        ({"any": "900", "it": "101"}, "Bitte insgesamt 1 bis 1000 Codes"),
        ({"employee": "-1"}, "Bitte eine Zahl von 0 bis 1000"),
    ],
)
def test_bad_code_counts_are_refused(
    app: Flask, client: FlaskClient, owner: tuple[int, str], counts: dict[str, str], message: str
) -> None:
    refused = open_with_codes(client, owner[1], **counts)
    assert refused.status_code == 400
    assert message in parse(refused.data).text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Campaign)) == 0


def test_the_consultant_hands_out_codes_in_english(
    app: Flask, create_user: Any, login: Any
) -> None:
    consultant = app.test_client()
    login(consultant, create_user("consultant", centre="sachsen"))
    consultant.get("/sprache/en?next=/")
    form = form_of(parse(consultant.get("/berater/team/").data), "team-open")
    data = {
        "new_client_name": "Formenbau Ost",
        "works_council": "yes",
        "questionnaires": ["teamcheck"],
        "codes_works_council": "2",
    }
    sheet = consultant.post(form.action, data=form.submit({"client": "", **data}))
    assert sheet.status_code == 200, sheet.data[:2000]
    text = parse(sheet.data).text
    assert "2 personal codes for the team survey" in text
    assert "Who hands out the codes? Not the management" in text
    assert [s.find("p", **{"class": "slip-role"}).text for s in slips(sheet)] == [  # type: ignore[union-attr]
        "For: Works council"
    ] * 2
    browser = app.test_client()
    browser.get("/sprache/en?next=/")
    assert "Take part with your personal code" in parse(browser.get("/team/code").data).text
    with app.app_context():
        campaign_id = db.session.scalars(select(Campaign.id)).one()
    page = parse(consultant.get(f"/berater/team/{campaign_id}").data).text
    assert "2 codes issued, 0 used." in page


def test_more_codes_for_an_open_campaign_are_counted_in_the_open(
    app: Flask, client: FlaskClient, owner: tuple[int, str], sheet: TestResponse
) -> None:
    with app.app_context():
        campaign_id = db.session.scalars(select(Campaign.id)).one()
    page = parse(client.get(f"/a/{owner[1]}/team/{campaign_id}").data)
    more = page.find("a", href=f"/a/{owner[1]}/team/{campaign_id}/codes")
    assert more is not None
    form = form_of(parse(client.get(more.get("href") or "").data))
    assert client.post(form.action or more.get("href") or "", data=form.submit()).status_code == 400
    extra = client.post(more.get("href") or "", data=form.submit({"codes_works_council": "2"}))
    assert extra.status_code == 200
    new = codes_by_role(extra)["Für: Betriebsrat"]
    assert len(new) == 2 and not set(new) & set(code_of(s) for s in slips(sheet))
    text = parse(client.get(f"/a/{owner[1]}/team/{campaign_id}").data).text
    assert "8 Codes ausgegeben, 0 benutzt." in text and "Betriebsrat: 3" in text
    close = form_of(parse(client.get(f"/a/{owner[1]}/team/{campaign_id}").data), "team-close")
    assert client.post(close.action, data=close.submit()).status_code == 303
    assert client.get(more.get("href") or "").status_code == 404  # closed: no more codes
    late = app.test_client()
    assert join_with(late, new[0], {}).status_code == 410


def test_a_shared_pc_takes_the_next_persons_own_code(app: Flask, sheet: TestResponse) -> None:
    kiosk = app.test_client()  # one browser in the break room
    first, second = codes_by_role(sheet)["Für: Beschäftigte"][:2]
    answer_to_the_end(kiosk, join_with(kiosk, first, {"area": "office"}))
    answer_to_the_end(kiosk, join_with(kiosk, second, {"area": "production"}))
    assert responses(app) == ["employee", "employee"]
    assert join_with(kiosk, first, {}).status_code == 303  # its used codes: back to the answer
    assert join_with(app.test_client(), second, {}).status_code == 409


def test_deleting_the_owners_check_deletes_the_codes(
    app: Flask, client: FlaskClient, owner: tuple[int, str], sheet: TestResponse
) -> None:
    code = code_of(slips(sheet)[0])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CampaignCode)) == 6
    form = form_of(parse(client.get(f"/a/{owner[1]}/loeschen").data))
    assert client.post(form.action, data=form.submit()).status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CampaignCode)) == 0
    assert app.test_client().get(f"/team/code/{code}").status_code == 404


def test_two_requests_with_one_code_get_one_answer(app: Flask, sheet: TestResponse) -> None:
    """Both read the code as unused (two workers at the same moment); the conditional
    UPDATE lets only the first through, the second is refused and stores nothing."""
    typed = codes_by_role(sheet)[""][0]
    with app.app_context(), Session(db.engine) as first, Session(db.engine) as second:
        read = [_unused(session, typed) for session in (first, second)]
        join_with_code(first, *read[0], "employee", None, "browser-1")
        first.commit()
        with pytest.raises(CodeUsed):
            join_with_code(second, *read[1], "employee", None, "browser-2")
        second.rollback()
    assert responses(app) == ["employee"]


def _unused(session: Session, typed: str) -> tuple[CampaignCode, Campaign]:
    code = find_code(session, typed)
    assert code is not None and not code.used
    campaign = session.get(Campaign, code.campaign_id)
    assert campaign is not None
    return code, campaign


def test_a_link_campaign_gets_no_codes(app: Flask, owner: tuple[int, str]) -> None:
    campaign_id, _token = teamhelp.open_campaign(app, owner[0])
    with app.app_context():
        campaign = db.session.get(Campaign, campaign_id)
        assert campaign is not None and not campaign.uses_codes
        with pytest.raises(InvalidInput):
            issue_codes(db.session, campaign, {None: 1})
