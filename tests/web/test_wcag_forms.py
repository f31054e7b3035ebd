"""Forms and charts as assistive technology reads them (WCAG 1.1.1, 1.3.1, 3.3.1, 4.1.2):

- every error message is tied to exactly one field by ``aria-describedby``; a text field,
  select or checkbox with an error is ``aria-invalid``; the error summary's links lead to
  existing controls – on the profile, every widget type of the section pages, the share form
  and the consultant's forms;
- every radio button and checkbox sits in a ``<fieldset>`` whose legend names the question,
  and every control has a label;
- the result's radar is ``role="img"`` with a label in the page's language, and the score
  table (with caption) next to it holds the same values.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from centrehelp import LOW, SACHSEN, WERKSTATT, completed, csrf_of, new_client
from flask import Flask
from flask.testing import FlaskClient
from journeyhelp import Respondent
from webpage import Element, form_of, json_script, parse

QUESTIONNAIRES = WERKSTATT
CONTROLS = ("input", "select", "textarea")


def describers(root: Element) -> dict[str, list[Element]]:
    """id → the elements whose aria-describedby names it."""
    found: dict[str, list[Element]] = {}
    for element in root.iter():
        for ref in (element.get("aria-describedby") or "").split():
            found.setdefault(ref, []).append(element)
    return found


def untied_errors(root: Element) -> list[str]:
    """Error messages not tied to one field, or fields with an error but not aria-invalid."""
    problems, described = [], describers(root)
    messages = root.find_all(class_="error-message")
    for message in messages:
        owners = described.get(message.get("id") or "", [])
        if len(owners) != 1:
            problems.append(f"{message.get('id')}: described {len(owners)} elements")
        elif owners[0].tag in CONTROLS and owners[0].get("aria-invalid") != "true":
            problems.append(f"{owners[0].get('id')}: has an error but no aria-invalid")
    return problems + broken_summary_links(root, len(messages))


def broken_summary_links(root: Element, messages: int) -> list[str]:
    summary = root.find(class_="error-summary")
    links = summary.find_all("a") if summary else []
    broken = [a.get("href") for a in links if root.by_id((a.get("href") or "#")[1:]) is None]
    if len(links) != messages:
        broken.append(f"{len(links)} summary links for {messages} messages")
    return [f"summary link to nothing: {href}" for href in broken]


def ungrouped_choices(root: Element) -> list[str]:
    """Radios/checkboxes outside a fieldset with a non-empty legend; unlabelled controls."""
    problems = []
    for control in root.find_all("input") + root.find_all("select") + root.find_all("textarea"):
        if control.get("type") in ("hidden", "submit"):
            continue
        if root.find("label", for_=control.get("id") or "") is None:
            problems.append(f"no label: {control.get('id') or control.get('name')}")
        if control.get("type") in ("radio", "checkbox") and control.get("name") != "consent":
            fieldset = control.ancestor("fieldset")
            legend = fieldset.find("legend") if fieldset else None
            if legend is None or not legend.text:
                problems.append(f"no fieldset with legend: {control.get('id')}")
    return problems


def post_form(respondent: Respondent, url: str, answers: dict[str, Any], action: str) -> Element:
    form = form_of(respondent.get(url), "questions")
    response = respondent.post(url, form.submit(answers, action))
    assert response.status_code == 400, (url, response.status_code)
    return parse(response.data)


def test_errors_are_tied_to_their_fields_and_choices_are_grouped(app: Flask) -> None:
    respondent = Respondent(app.test_client())
    html = respondent.client.get("/werkstatt/start").get_data(as_text=True)
    profile = respondent.post("/werkstatt/start", {"csrf_token": csrf_of(html)})
    pages = {"profile (5 errors)": parse(profile.data)}
    token = respondent.start("werkstatt")
    pages["yes/no"] = post_form(respondent, f"/a/{token}/1", {}, "next")
    respondent.submit(token, 1, {"q_ki_genutzt": "no"})
    answers = {"q_anteil_digital": "viel"}
    pages["checkboxes and number"] = post_form(respondent, f"/a/{token}/2", answers, "next")
    respondent.submit(token, 2, {"q_datenquellen": ["keine"]})
    answers = {"q_anmerkung": "x" * 6000}
    pages["scale and text"] = post_form(respondent, f"/a/{token}/3", answers, "finish")
    counts = {label: len(root.find_all(class_="error-message")) for label, root in pages.items()}
    assert counts == {
        "profile (5 errors)": 5, "yes/no": 1, "checkboxes and number": 2, "scale and text": 2
    }  # fmt: skip
    for label, root in pages.items():
        assert untied_errors(root) == [], label
        assert ungrouped_choices(root) == [], label
    number = pages["checkboxes and number"].by_id("q_anteil_digital")
    assert number is not None and number.get("aria-invalid") == "true"
    refs = (number.get("aria-describedby") or "").split()
    assert refs == ["q_anteil_digital-range", "q_anteil_digital-error"]  # range hint, error


def test_the_share_form_ties_its_error_to_the_consent_box(app: Flask) -> None:
    respondent = Respondent(app.test_client())
    _id, token = completed(app, LOW)
    html = respondent.client.get(f"/a/{token}/teilen").get_data(as_text=True)
    response = respondent.post(f"/a/{token}/teilen", {"csrf_token": csrf_of(html)})
    root = parse(response.data)
    assert response.status_code == 400 and len(root.find_all(class_="error-message")) >= 1
    assert untied_errors(root) == []
    consent = root.by_id("consent")
    assert consent is not None and consent.get("aria-invalid") == "true"


def test_the_consultants_forms_tie_their_errors(
    app: Flask, create_user: Callable[..., Any], login: Callable[..., Any]
) -> None:
    browser = app.test_client()
    login(browser, create_user("consultant", centre=SACHSEN))
    client_id = new_client(app, SACHSEN, "Formenbau Ost")
    page = f"/berater/kunden/{client_id}"
    pages = {}
    for label, url, back in (("action item", f"{page}/massnahmen", page),
                             ("note", f"{page}/notizen", page),
                             ("invitation", "/berater/einladungen", "/berater/einladungen")):  # fmt: skip
        token = csrf_of(browser.get(back).get_data(as_text=True))
        response = browser.post(url, data={"csrf_token": token})
        assert response.status_code == 400, label
        pages[label] = parse(response.data)
    for label, root in pages.items():
        assert len(root.find_all(class_="error-message")) >= 1, label
        assert untied_errors(root) == [], label


def test_login_error_is_announced_and_tied_to_the_form(app: Flask) -> None:
    browser: FlaskClient = app.test_client()
    token = csrf_of(browser.get("/login").get_data(as_text=True))
    data = {"csrf_token": token, "email": "niemand@example.org", "password": "falsch-123456"}
    root = parse(browser.post("/login", data=data).data)
    error = root.by_id("login-error")
    assert error is not None and error.get("role") == "alert"
    assert describers(root)["login-error"][0].get("id") == "email"


@pytest.mark.parametrize(
    ("lang", "label_start"), [("de", "Netzdiagramm der Punkte"), ("en", "Radar chart of")]
)
def test_the_chart_is_an_image_with_a_label_and_the_table_as_its_text(
    app: Flask, lang: str, label_start: str
) -> None:
    browser = app.test_client()
    browser.get(f"/sprache/{lang}?next=/")
    _id, token = completed(app, LOW)
    root = parse(browser.get(f"/a/{token}/ergebnis").data)
    chart = root.find(class_="chart")
    assert chart is not None and chart.get("role") == "img"
    assert (chart.get("aria-label") or "").startswith(label_start)
    section = chart.parent
    assert section is not None
    table = section.find("table", class_="scores")
    assert table is not None and table.find("caption") is not None
    figure = json_script(root, chart.get("data-radar") or "")
    rows = table.find("tbody").find_all("tr")  # type: ignore[union-attr]
    titles = [html.unescape(point[0]) for point in figure["data"][0]["customdata"][:-1]]
    assert [row.find("th").text for row in rows] == titles  # type: ignore[union-attr]
    scores = [row.find("td", class_="score").text for row in rows]  # type: ignore[union-attr]
    assert len(scores) == len(figure["data"][0]["r"]) - 1 == 2
