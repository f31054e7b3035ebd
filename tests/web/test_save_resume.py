"""Save and resume made obvious (issue 14, point 7), through HTTP with the shipped
questionnaire: "Später weitermachen" stores a page as it is and shows the personal link (read
-only field, mailto, QR code of exactly that link); opening the link again says "Willkommen
zurück" and where the owner stopped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import segno
from journeyhelp import Respondent
from webpage import Element

SVG = "{http://www.w3.org/2000/svg}"


def first_page_answers(questionnaire) -> tuple[dict[str, object], object]:
    """Answers to page 1 with its first required question left out."""
    section = questionnaire.sections[0]
    answers: dict[str, object] = {}
    for question in section.questions:
        if question.type in ("single", "scale") and not question.show_if:
            answers["q_" + question.id] = question.options[0].id
    return answers, section


def later(respondent: Respondent, questionnaire, token: str) -> dict[str, object]:
    answers, _section = first_page_answers(questionnaire)
    response = respondent.submit(token, 1, answers, action="later")
    assert response.status_code == 303, response.data.decode()[:1000]
    assert response.headers["Location"] == f"/a/{token}/gespeichert"
    return answers


def modules_of_path(d: str) -> set[tuple[int, int]]:
    """The dark modules (column, row) drawn by segno's path: ``M x y``/``m dx dy`` move,
    ``h n`` draws n modules along the row at ``y`` (line centre ``row + .5``)."""
    x = y = 0.0
    dark: set[tuple[int, int]] = set()
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", d):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(round(x), round(x + float(a))):
                dark.add((column, int(y)))
            x += float(a)
    return dark


def segno_modules(link: str) -> set[tuple[int, int]]:
    matrix = segno.make(link, error="m").matrix
    return {(c + 2, r + 2) for r, row in enumerate(matrix) for c, bit in enumerate(row) if bit}


def test_later_saves_incomplete_answers_and_shows_the_link(
    respondent: Respondent, questionnaire_of_app, stored
) -> None:
    questionnaire = questionnaire_of_app("ki-readiness")
    token = respondent.start("ki-readiness")
    answers = later(respondent, questionnaire, token)
    saved = stored(token)
    assert saved == {key.removeprefix("q_"): value for key, value in answers.items()}
    # reloading the page shows the saved answers checked
    _root, form = respondent.page(token, 1)
    for name, value in answers.items():
        assert form.defaults()[name] == [value]
    page = respondent.get(f"/a/{token}/gespeichert")
    field = page.by_id("resume-link-field")
    link = f"http://localhost/a/{token}"
    assert field is not None and field.get("value") == link and "readonly" in field.attrs
    label = page.find("label", for_="resume-link-field")
    assert label is not None and label.text
    copy = page.find("button", class_="copy-button")
    assert copy is not None and "hidden" in copy.attrs  # shown by the script only
    assert f"Beantwortet sind {len(answers)} von " in page.text
    mail = next(a for a in page.find_all("a") if (a.get("href") or "").startswith("mailto:"))
    query = parse_qs(urlsplit(mail.get("href") or "").query)
    assert urlsplit(mail.get("href") or "").path == ""  # no recipient: the owner chooses
    assert "KI-Readiness-Check" in query["subject"][0]
    assert link in query["body"][0]
    # "Jetzt weiter ausfüllen" leads to the page where the owner stopped
    onward = next(a for a in page.find_all("a") if a.text == "Jetzt weiter ausfüllen")
    assert onward.get("href") == f"/a/{token}/1"


def test_qr_code_is_local_well_formed_and_encodes_the_link(
    respondent: Respondent, questionnaire_of_app
) -> None:
    questionnaire = questionnaire_of_app("ki-readiness")
    token = respondent.start("ki-readiness")
    later(respondent, questionnaire, token)
    html = respondent.client.get(f"/a/{token}/gespeichert").data.decode()
    svg_text = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    svg = ET.fromstring(svg_text.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    assert svg.get("role") == "img" and svg.get("aria-label")
    assert "href" not in svg_text and "url(" not in svg_text and "style" not in svg_text
    paths = svg.findall(f"{SVG}path")
    assert len(paths) == 1
    assert modules_of_path(paths[0].get("d") or "") == segno_modules(f"http://localhost/a/{token}")


def test_coming_back_says_welcome_back_and_where(
    respondent: Respondent, new_respondent, questionnaire_of_app
) -> None:
    questionnaire = questionnaire_of_app("ki-readiness")
    token = respondent.start("ki-readiness")
    answers = later(respondent, questionnaire, token)
    # page 1 done, on to page 2, then the owner leaves
    _root, form = respondent.page(token, 1)
    page1 = respondent.post(f"/a/{token}/1", form.submit(None, "next"))
    phone = new_respondent()
    if page1.headers["Location"] == f"/a/{token}/2":
        expected_section, expected_number = questionnaire.sections[1], 2
    else:  # a required answer was left out: still on page 1
        expected_section, expected_number = questionnaire.sections[0], 1
    response = phone.client.get(f"/a/{token}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/a/{token}/{expected_number}"
    page = phone.get(response.headers["Location"])
    note = next(p for p in page.find_all("p", class_="flash"))
    assert note.get("role") == "status"
    assert note.text.startswith("Willkommen zurück!")
    assert f"„{expected_section.title.get('de')}“" in note.text
    assert f"Beantwortet sind {len(answers)} von " in note.text


def test_welcome_back_at_the_summary(respondent: Respondent, questionnaire_of_app) -> None:
    from test_answer_review import fill_all

    questionnaire = questionnaire_of_app("ki-readiness")
    token = respondent.start("ki-readiness")
    fill_all(respondent, questionnaire, token, seed="back")
    response = respondent.client.get(f"/a/{token}")
    assert response.headers["Location"] == f"/a/{token}/pruefen"
    page = respondent.get(response.headers["Location"])
    assert "Sie waren zuletzt bei der Übersicht Ihrer Antworten" in page.text


def test_english_resume_page(respondent: Respondent, questionnaire_of_app) -> None:
    questionnaire = questionnaire_of_app("ki-readiness")
    token = respondent.start("ki-readiness")
    later(respondent, questionnaire, token)
    respondent.client.get("/sprache/en?next=/")
    page: Element = respondent.get(f"/a/{token}/gespeichert")
    assert page.find("html").get("lang") == "en"
    assert "Your answers are saved" in page.text


def test_team_pages_have_no_later_or_review(respondent: Respondent) -> None:
    """The buttons belong to the owner's pages; a team page keeps its own."""
    from zzcheck.web.team.answer_pages import TeamRoute

    assert "later" not in TeamRoute.actions and "review" not in TeamRoute.actions
