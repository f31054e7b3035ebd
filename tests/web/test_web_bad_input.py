"""Bad input (issue 3): each gets a clear message and a 4xx, never a 500, and no answer saved
earlier is lost. CSRF protection is ON (the app default); helpers send the form's token."""

from __future__ import annotations

import pytest
from journeyhelp import PAGE1, PAGE2, PAGE3, WERKSTATT, field
from webpage import form_of, parse

from zzcheck.storage.models import Assessment, DimensionScore

QUESTIONNAIRES = WERKSTATT
SAVED = {"ki_genutzt": "yes", "ziele": "muendlich", "ziele_geprueft": "no", "plan": "ideen"}


@pytest.fixture
def token(respondent, app) -> str:
    """An assessment with page 1 saved, and the app's CSRF protection confirmed on."""
    assert app.config.get("WTF_CSRF_ENABLED", True) is True
    token = respondent.start("werkstatt")
    assert respondent.submit(token, 1, PAGE1).status_code == 303
    return token


def rejected(response, status: int = 400):
    assert response.status_code == status, response.data.decode()[:1500]
    return parse(response.data)


@pytest.mark.parametrize(
    ("number", "answers", "question", "message"),
    [
        (1, {field("plan"): "hacked"}, "plan", "Bitte wählen Sie eine der angebotenen Antworten."),
        (
            1,
            {field("ki_genutzt"): "vielleicht"},
            "ki_genutzt",
            "Bitte wählen Sie eine der angebotenen Antworten.",
        ),
        (
            2,
            {field("anteil_digital"): "150"},
            "anteil_digital",
            "Bitte geben Sie eine Zahl von 0 bis 100 ein.",
        ),
        (
            2,
            {field("anteil_digital"): "-1"},
            "anteil_digital",
            "Bitte geben Sie eine Zahl von 0 bis 100 ein.",
        ),
        (
            2,
            {field("anteil_digital"): "viele"},
            "anteil_digital",
            "Bitte geben Sie eine Zahl ein, zum Beispiel 12 oder 2,5.",
        ),
        (
            2,
            {field("anteil_digital"): "1e999"},
            "anteil_digital",
            "Bitte geben Sie eine Zahl ein, zum Beispiel 12 oder 2,5.",
        ),
        (
            2,
            {field("datenquellen"): ["keine", "lager"]},
            "datenquellen",
            "„Keine davon“ lässt sich nicht mit anderen Antworten kombinieren.",
        ),
        (
            2,
            {field("datenquellen"): ["lager", "lager"]},
            "datenquellen",
            "Bitte wählen Sie jede Antwort nur einmal.",
        ),
        (
            2,
            {field("datenquellen"): ["lager", "gold"]},
            "datenquellen",
            "Bitte wählen Sie eine der angebotenen Antworten.",
        ),
        (
            3,
            {field("anmerkung"): "x" * 5001},
            "anmerkung",
            "Bitte kürzen Sie den Text auf höchstens 5000 Zeichen.",
        ),
    ],
)
def test_a_value_that_does_not_fit_is_named_and_nothing_is_saved(
    respondent, token, stored, number, answers, question, message
) -> None:
    page = {1: PAGE1, 2: PAGE2, 3: PAGE3}[number]
    root = rejected(respondent.submit(token, number, {**page, **answers}))
    assert root.by_id(f"q_{question}-error").text == f"Fehler: {message}"
    assert message in root.find(class_="error-summary").text
    assert stored(token) == SAVED  # this page wrote nothing, page 1 is intact


def test_what_was_typed_is_shown_again_after_a_bad_value(respondent, token) -> None:
    root = rejected(respondent.submit(token, 2, {**PAGE2, field("anteil_digital"): "150"}))
    defaults = form_of(root, "questions").defaults()
    assert defaults[field("anteil_digital")] == ["150"]
    assert defaults[field("datenquellen")] == ["auftraege", "lager"]
    assert root.by_id(field("anteil_digital")).get("aria-invalid") == "true"


@pytest.mark.parametrize("name", ["q_gibt_es_nicht", "q_ordnung"])  # unknown, and of another page
def test_unknown_question_ids_are_refused(respondent, token, stored, name) -> None:
    root = rejected(respondent.submit(token, 1, {**PAGE1, field("plan"): "konkret", name: "x"}))
    assert (
        "Antworten auf Fragen erhalten, die hier nicht gestellt werden"
        in root.find(class_="error-summary").text
    )
    assert stored(token) == SAVED


@pytest.mark.parametrize("csrf", [None, "falsch", "IjEyMyI.abc.def"])
def test_missing_or_wrong_csrf_token_keeps_what_was_typed_and_saves_nothing(
    respondent, token, stored, csrf
) -> None:
    _root, form = respondent.page(token, 1)
    data = form.submit({**PAGE1, field("plan"): "konkret", "csrf_token": csrf})
    root = rejected(respondent.post(f"/a/{token}/1", data))
    assert "Ihre Eingaben wurden noch nicht gespeichert" in root.find(class_="flash-error").text
    again = form_of(root, "questions")
    assert again.defaults()[field("plan")] == ["konkret"]  # typed, shown again
    assert again.defaults()["csrf_token"][0]  # with a fresh token: sending again works
    assert stored(token) == SAVED
    assert respondent.post(f"/a/{token}/1", again.submit(action="next")).status_code == 303
    assert stored(token)["plan"] == "konkret"


def test_csrf_token_of_another_browser_is_refused(
    respondent, new_respondent, token, stored
) -> None:
    other = new_respondent()
    _root, foreign = other.page(token, 1)  # the other browser's session and token
    _root, form = respondent.page(token, 1)
    data = form.submit(
        {**PAGE1, field("plan"): "konkret", "csrf_token": foreign.defaults()["csrf_token"][0]}
    )
    rejected(respondent.post(f"/a/{token}/1", data))
    assert stored(token) == SAVED


def test_missing_csrf_token_on_the_profile_shows_it_again(respondent, count_rows) -> None:
    form = form_of(respondent.get("/werkstatt/start"))
    data = form.submit({"industry": "F", "size": "1-9", "csrf_token": None})
    root = rejected(respondent.post("/werkstatt/start", data))
    assert "Ihre Eingaben wurden noch nicht gespeichert" in root.text
    assert form_of(root).defaults()["industry"] == ["F"]
    assert count_rows(Assessment) == 0


def test_missing_csrf_token_on_delete_deletes_nothing(respondent, token, stored) -> None:
    root = rejected(respondent.post(f"/a/{token}/loeschen", {}))
    assert root.find("h1").text == "Das hat nicht geklappt"
    assert "Ihre Eingaben wurden noch nicht gespeichert" in root.text
    assert stored(token) == SAVED


def test_oversized_body_gets_the_413_page_and_saved_answers_stay(respondent, token, stored) -> None:
    _root, form = respondent.page(token, 2)
    data = form.submit({**PAGE2, field("anteil_digital"): "1" * (1024 * 1024 + 10)})
    root = rejected(respondent.post(f"/a/{token}/2", data), 413)
    assert root.find("h1").text == "Die Eingabe war zu groß"
    assert "höchstens 1 MB" in root.text
    assert "Bereits gespeicherte Antworten sind nicht verloren." in root.text
    assert stored(token) == SAVED


def test_unknown_or_changed_token_gives_the_friendly_404(respondent, token) -> None:
    wrong = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for url in (
        f"/a/{wrong}",
        f"/a/{wrong}/1",
        f"/a/{wrong}/ergebnis",
        f"/a/{wrong}/export.json",
        "/a/" + "x" * 500,
    ):
        response = respondent.client.get(url)
        root = rejected(response, 404)
        assert root.find("h1").text == "Diese Seite gibt es nicht"
        assert wrong not in root.find("main").text and b"Traceback" not in response.data
    assert respondent.client.post(f"/a/{wrong}/1", data={}).status_code in (400, 404)


def test_page_number_out_of_range_is_404(respondent, token) -> None:
    rejected(respondent.client.get(f"/a/{token}/4"), 404)
    rejected(respondent.client.get(f"/a/{token}/0"), 404)


def test_double_submit_of_the_last_page_gives_the_one_result(respondent, token, count_rows) -> None:
    respondent.submit(token, 2, PAGE2)
    _root, form = respondent.page(token, 3)
    data = form.submit(PAGE3, action="finish")
    first = respondent.post(f"/a/{token}/3", data)
    second = respondent.post(f"/a/{token}/3", data)  # double click: the same form again
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"] == f"/a/{token}/ergebnis"
    assert count_rows(DimensionScore) == 2  # stored once, for both dimensions
    root = respondent.get(f"/a/{token}/ergebnis")
    assert "bereits ausgewertet" in root.find(class_="flash").text
    assert root.find(class_="score-number") is not None


def test_posting_a_page_of_a_completed_assessment_redirects_to_the_result(
    respondent, token, stored
) -> None:
    respondent.submit(token, 2, PAGE2)
    respondent.submit(token, 3, PAGE3, action="finish")
    before = stored(token)
    response = respondent.client.get(f"/a/{token}/1")
    assert response.status_code == 303 and response.headers["Location"] == f"/a/{token}/ergebnis"
    csrf = form_of(respondent.get(f"/a/{token}/loeschen")).defaults()["csrf_token"][0]
    response = respondent.post(
        f"/a/{token}/1", {**PAGE1, field("plan"): "konkret", "csrf_token": csrf, "action": "next"}
    )
    assert response.status_code == 303 and response.headers["Location"] == f"/a/{token}/ergebnis"
    assert stored(token) == before
    assert (
        "lassen sich nicht mehr ändern"
        in respondent.get(f"/a/{token}/ergebnis").find(class_="flash").text
    )


def test_wrong_method_is_a_friendly_405(respondent) -> None:
    root = rejected(respondent.client.delete("/"), 405)
    assert "lässt sich so nicht aufrufen" in root.text


def test_result_of_an_assessment_in_progress_leads_back_to_the_questions(respondent, token) -> None:
    response = respondent.client.get(f"/a/{token}/ergebnis")
    assert response.status_code == 303 and response.headers["Location"] == f"/a/{token}"


def test_another_assessments_token_reaches_only_that_assessment(
    respondent, new_respondent, token, stored
) -> None:
    other = new_respondent()
    other_token = other.start("werkstatt")
    _root, form = respondent.page(token, 1)  # a form of the first assessment …
    data = form.submit({**PAGE1, field("plan"): "konkret"}, action="next")
    assert respondent.post(f"/a/{other_token}/1", data).status_code == 303  # … sent to the second
    assert stored(other_token)["plan"] == "konkret"
    assert stored(token) == SAVED  # the first is untouched
