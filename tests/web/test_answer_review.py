"""The summary of all answers before "Auswerten" (issue 14, point 4), through HTTP with the
shipped questionnaires: exactly the shown questions with the labels the owner chose, a link
back to each one, and "Auswerten" there completes (or leads to a missing required answer)."""

from __future__ import annotations

import random

import pytest
from journeyhelp import PROFILE, Respondent, choose, question_of
from webpage import Element, form_of

from zzcheck.questionnaire.model import Question, Questionnaire
from zzcheck.scoring import visible_questions

SHIPPED = ["ki-readiness", "beteiligung", "qualifizierung"]


def fill_all(
    respondent: Respondent, questionnaire: Questionnaire, token: str, seed: str
) -> dict[str, object]:
    """Answer every page as a browser would; the last page's button leads to the summary."""
    rng = random.Random(seed)
    chosen_all: dict[str, object] = {}
    total = len(questionnaire.sections)
    for number in range(1, total + 1):
        _root, form = respondent.page(token, number)
        if number == total:
            assert buttons(form.element) == ["review", "back", "later"]
        chosen = choose(questionnaire, form, rng)
        response = respondent.post(
            f"/a/{token}/{number}", form.submit(chosen, "review" if number == total else "next")
        )
        assert response.status_code == 303, response.data.decode()[:2000]
        chosen_all.update({question_of(questionnaire, k).id: v for k, v in chosen.items()})
    assert response.headers["Location"] == f"/a/{token}/pruefen"
    return chosen_all


def squash(text: str) -> str:
    return " ".join(text.split())


def buttons(element: Element) -> list[str]:
    """The values of a form's ``action`` buttons, in order."""
    return [b.get("value") or "" for b in element.find_all("button") if b.get("name") == "action"]


def expected_text(question: Question, value: object) -> list[str]:
    """The labels the page offered for ``value`` (German), independent of the summary code."""
    if value in (None, "", []):
        return ["nicht beantwortet"]
    if question.type == "yesno":
        return [{"yes": "Ja", "no": "Nein", "unknown": "Weiß ich nicht"}[str(value)]]
    if question.type in ("single", "scale", "multi"):
        values = value if isinstance(value, list) else [value]
        labels = []
        for item in values:
            option = question.option(item)
            labels.append(option.label.get("de") if option else item)
        return labels
    if question.type == "number":
        unit = question.unit.get("de") if question.unit else ""
        german = f"{value:,}".replace(",", ".")  # German digit grouping: 98.732
        return [f"{german} {unit}".strip()]
    return [str(value)]


def rows(root: Element) -> list[tuple[str, list[str], str]]:
    """(question text, answer texts, change-link href) per row of the summary."""
    found = []
    for row in root.find_all("div", class_="review-row"):
        dt, dd = row.find("dt"), row.find("dd")
        assert dt is not None and dd is not None
        question = dt.text.removesuffix("(Pflichtfrage)").strip().removesuffix("*").strip()
        items = dd.find_all("li") or dd.find_all("p", class_="review-answer")
        answers = [item.text.removesuffix(" – bitte beantworten").strip() for item in items]
        link = dd.find("a")
        assert link is not None
        found.append((question, answers, link.get("href") or ""))
    return found


@pytest.mark.parametrize("questionnaire_id", SHIPPED)
def test_summary_lists_exactly_the_shown_questions_with_their_labels(
    respondent: Respondent, questionnaire_of_app, stored, questionnaire_id: str
) -> None:
    questionnaire = questionnaire_of_app(questionnaire_id)
    token = respondent.start(questionnaire_id)
    fill_all(respondent, questionnaire, token, seed=questionnaire_id)
    answers = stored(token)
    root = respondent.get(f"/a/{token}/pruefen")

    shown = visible_questions(questionnaire, answers, PROFILE)
    hidden = [q for q in questionnaire.questions if q not in shown]
    listed = rows(root)
    assert [text for text, _a, _l in listed] == [squash(q.text.get("de")) for q in shown]
    for (text, answer, _link), question in zip(listed, shown, strict=True):
        assert answer == expected_text(question, answers.get(question.id)), text
    shown_texts = {text for text, _a, _l in listed}
    assert not {squash(q.text.get("de")) for q in hidden} & shown_texts
    # one heading per section that has shown questions, in order
    headings = [
        h.text.strip() for h in root.find_all("h2") if h.get("id", "").startswith("abschnitt-")
    ]
    with_shown = [
        s.title.get("de") for s in questionnaire.sections if any(q in shown for q in s.questions)
    ]
    assert headings == with_shown


def test_change_links_lead_to_the_question_and_back_to_the_summary(
    respondent: Respondent, questionnaire_of_app
) -> None:
    questionnaire = questionnaire_of_app("ki-readiness")
    token = respondent.start("ki-readiness")
    fill_all(respondent, questionnaire, token, seed="links")
    root = respondent.get(f"/a/{token}/pruefen")
    for row in root.find_all("div", class_="review-row"):
        link = row.find("dd").find("a")
        question_text = squash(
            row.find("dt").text.removesuffix("(Pflichtfrage)").strip().rstrip("*")
        )
        # the accessible name names the question (the reader joins text parts with a space)
        assert link.text == f"Antwort ändern : {question_text}"
        path, anchor = (link.get("href") or "").split("#")
        page = respondent.get(path)
        target = page.by_id(anchor)
        assert target is not None and squash(question_text) in squash(target.text)
    # from a changed page, "Zurück zur Übersicht" saves it and returns to the summary
    form = form_of(page, "questions")
    assert buttons(form.element)[0] == "review"
    response = respondent.post(path, form.submit(None, "review"))
    assert response.status_code == 303 and response.headers["Location"] == f"/a/{token}/pruefen"


def test_auswerten_on_the_summary_completes(respondent: Respondent, questionnaire_of_app) -> None:
    questionnaire = questionnaire_of_app("ki-readiness")
    token = respondent.start("ki-readiness")
    fill_all(respondent, questionnaire, token, seed="complete")
    root = respondent.get(f"/a/{token}/pruefen")
    form = form_of(root, "review-finish")
    assert buttons(form.element) == ["finish"]
    assert respondent.get(f"/a/{token}/ergebnis", status=303) is not None  # not yet completed
    response = respondent.post(form.action, form.submit(None, "finish"))
    assert response.status_code == 303 and response.headers["Location"] == f"/a/{token}/ergebnis"
    result = respondent.get(f"/a/{token}/ergebnis")
    assert result.find("h1") is not None
    # the summary of a completed check leads to the result; the answers cannot change
    again = respondent.client.get(f"/a/{token}/pruefen")
    assert again.status_code == 303 and again.headers["Location"] == f"/a/{token}/ergebnis"


def test_a_missing_required_answer_sends_the_owner_to_it(
    respondent: Respondent, questionnaire_of_app
) -> None:
    questionnaire = questionnaire_of_app("ki-readiness")
    required = next(q for q in questionnaire.questions if q.required)
    number = next(n for n, s in enumerate(questionnaire.sections, 1) if required in s.questions)
    token = respondent.start("ki-readiness")
    # "Später weitermachen" stores the page although the required answer is missing
    response = respondent.submit(token, number, {"q_" + required.id: []}, action="later")
    assert response.status_code == 303 and response.headers["Location"] == f"/a/{token}/gespeichert"
    root = respondent.get(f"/a/{token}/pruefen")
    form = form_of(root, "review-finish")
    missing_row = next(
        r
        for r in root.find_all("div", class_="review-row")
        if squash(required.text.get("de")) in squash(r.find("dt").text)
    )
    assert "nicht beantwortet – bitte beantworten" in missing_row.find("dd").text
    response = respondent.post(form.action, form.submit(None, "finish"))
    assert response.status_code == 303
    assert response.headers["Location"] == f"/a/{token}/{number}#frage-{required.id}"
    page = respondent.get(response.headers["Location"].split("#")[0])
    assert "Es fehlen noch Antworten auf Pflichtfragen" in page.text
    assert respondent.client.get(f"/a/{token}/ergebnis").status_code == 303  # not completed


def test_summary_without_csrf_token_changes_nothing(
    respondent: Respondent, questionnaire_of_app
) -> None:
    questionnaire = questionnaire_of_app("ki-readiness")
    token = respondent.start("ki-readiness")
    fill_all(respondent, questionnaire, token, seed="csrf")
    response = respondent.post(f"/a/{token}/pruefen", {"action": "finish"})
    assert response.status_code == 303 and response.headers["Location"] == f"/a/{token}/pruefen"
    assert respondent.client.get(f"/a/{token}/ergebnis").status_code == 303  # not completed


def test_summary_of_an_unknown_link_is_not_found(respondent: Respondent) -> None:
    assert respondent.client.get("/a/" + "x" * 32 + "/pruefen").status_code == 404
    assert respondent.client.get("/a/" + "x" * 32 + "/gespeichert").status_code == 404


def test_questions_hidden_by_an_answer_are_not_listed(
    respondent: Respondent, questionnaire_of_app, stored
) -> None:
    """ki-readiness: "Niemand nutzt KI" on page 1 hides the questions about AI in use."""
    questionnaire = questionnaire_of_app("ki-readiness")
    first = questionnaire.sections[0].questions[0]
    token = respondent.start("ki-readiness")
    respondent.submit(token, 1, {"q_" + first.id: first.options[0].id}, action="later")
    hidden = [
        q
        for q in questionnaire.questions
        if q not in visible_questions(questionnaire, stored(token), PROFILE)
    ]
    assert any(q.show_if and q.show_if.question == first.id for q in hidden)
    listed = {text for text, _a, _l in rows(respondent.get(f"/a/{token}/pruefen"))}
    assert listed and not {squash(q.text.get("de")) for q in hidden} & listed
