"""Start page, company profile, section pages (progress, back/forward, resume, show_if,
validation) on the small test questionnaire ``werkstatt``."""

from __future__ import annotations

from journeyhelp import NASTY_TEXT, PAGE1, PAGE2, PAGE3, PROFILE, WERKSTATT, field
from webpage import form_of, parse

from zzcheck.storage.models import Assessment

QUESTIONNAIRES = WERKSTATT


def test_start_page_offers_each_questionnaire_with_duration_and_privacy(respondent) -> None:
    root = respondent.get("/")
    card = root.find("li", class_="card")
    assert card.find("h3").text == "Werkstatt-Check"
    assert "Dauer: höchstens etwa 5 Minuten · 7 bis 11 Fragen, je nach Ihren Angaben" in card.text
    assert card.find("a", class_="button").get("href") == "/werkstatt/start"
    assert "kein Konto" in root.find("section", aria_labelledby="datenschutz").text


def test_profile_form_lists_the_coarse_profile(respondent) -> None:
    form = form_of(respondent.get("/werkstatt/start"))
    assert form.names() == ["csrf_token", "industry", "size", "state", "works_council", "role"]
    assert len(form.options("industry")) == 1 + 21  # placeholder + sections A–U
    assert len(form.options("state")) == 1 + 16
    assert form.options("size") == ["1-9", "10-49", "50-249", "250+"]
    assert form.options("works_council") == ["yes", "no", "unknown"]
    assert form.kind("size") == "radio"


def test_incomplete_or_tampered_profile_is_shown_again_and_nothing_is_created(
    respondent, count_rows
) -> None:
    form = form_of(respondent.get("/werkstatt/start"))
    response = respondent.post(
        "/werkstatt/start", form.submit({**PROFILE, "industry": "Z", "size": None})
    )
    assert response.status_code == 400
    root = parse(response.data)
    assert (
        root.by_id("industry-error").text
        == "Fehler: Bitte wählen Sie eine der angebotenen Antworten."
    )
    assert root.by_id("size-error").text == "Fehler: Bitte beantworten Sie diese Frage."
    assert form_of(root).defaults()["state"] == [PROFILE["state"]]  # what was chosen stays
    assert count_rows(Assessment) == 0


def test_profile_creates_the_assessment_with_the_profile(respondent, app) -> None:
    token = respondent.start("werkstatt", {**PROFILE, "works_council": "yes"})
    from zzcheck.extensions import db
    from zzcheck.storage.assessments import find_assessment, hash_token

    with app.app_context():
        assessment = find_assessment(db.session, token)
        assert assessment.profile == {**PROFILE, "works_council": "yes"}
        assert assessment.token_hash == hash_token(token) != token


def test_section_page_shows_progress_resume_link_help_and_required_marks(respondent) -> None:
    token = respondent.start("werkstatt")
    root, form = respondent.page(token, 1)
    assert root.find("h1").text == "Einstieg"
    assert root.find("label", for_="fortschritt").text == "Abschnitt 1 von 3"
    assert root.find("progress").get("max") == "3"
    resume = root.by_id("resume-url")
    assert resume.get("href") == resume.text == f"http://localhost/a/{token}"
    assert "Speichern Sie diesen Link" in root.find("section", class_="resume-link").text
    fieldset = root.by_id("q_ki_genutzt")
    assert fieldset.tag == "fieldset" and fieldset.find("legend").text.startswith(
        "Nutzt Ihr Betrieb"
    )
    assert fieldset.get("aria-describedby") == "q_ki_genutzt-help"
    assert root.by_id("q_ki_genutzt-help").text == "Auch Chat-Assistenten zählen, z. B. für Texte."
    assert "(Pflichtfrage)" in fieldset.find("legend").text
    assert form.options(field("ki_genutzt")) == ["yes", "no", "unknown"]
    # no "back" on page 1; "Später weitermachen" saves and shows the personal link
    assert [b.get("value") for b in root.find_all("button")] == ["next", "later"]


def test_conditions_on_the_same_page_are_drawn_with_their_condition(respondent) -> None:
    token = respondent.start("werkstatt")
    root, _form = respondent.page(token, 1)
    ziele = root.by_id("frage-ziele")
    assert ziele.get("data-show-if") == "q_ki_genutzt"
    assert ziele.get("data-show-values") == '["yes"]'
    assert (
        "Nur beantworten, wenn Sie bei „Nutzt Ihr Betrieb schon KI-Werkzeuge?“ „Ja“" in ziele.text
    )
    chained = root.by_id("frage-ziele_geprueft")
    assert chained.get("data-show-if") == "q_ziele"
    assert "„Nur mündlich“ oder „Ja, schriftlich“" in chained.text


def test_condition_on_an_earlier_page_decides_whether_a_question_is_drawn(respondent) -> None:
    token = respondent.start("werkstatt")
    respondent.submit(token, 1, {**PAGE1, field("ki_genutzt"): "no"})
    root, form = respondent.page(token, 2)
    assert root.by_id("frage-ki_tools_daten") is None
    respondent.submit(token, 1, PAGE1, action="next")
    root, form = respondent.page(token, 2)
    assert root.by_id("frage-ki_tools_daten").get("data-show-if") is None  # it simply applies
    assert field("ki_tools_daten") in form.names()


def test_hidden_question_is_neither_stored_nor_counted(respondent, stored) -> None:
    token = respondent.start("werkstatt")
    page1 = {**PAGE1, field("ki_genutzt"): "no"}  # ziele and ziele_geprueft typed, but hidden
    assert respondent.submit(token, 1, page1).status_code == 303
    assert stored(token) == {"ki_genutzt": "no", "plan": "ideen"}
    respondent.submit(token, 2, PAGE2)
    respondent.submit(token, 3, PAGE3, action="finish")
    root = respondent.get(f"/a/{token}/ergebnis")
    row = root.find("tr", data_dimension="strategie")
    assert row.find_all("td")[-1].text == "2 von 2"  # ki_genutzt and plan, not the hidden two


def test_changing_an_answer_drops_answers_of_questions_that_no_longer_apply(
    respondent, stored
) -> None:
    token = respondent.start("werkstatt")
    respondent.submit(token, 1, PAGE1)
    respondent.submit(token, 2, PAGE2)
    assert stored(token)["ki_tools_daten"] == "yes"
    respondent.submit(token, 1, {**PAGE1, field("ki_genutzt"): "no"})
    answers = stored(token)
    assert "ki_tools_daten" not in answers and "ziele" not in answers
    assert answers["datenquellen"] == ["auftraege", "lager"]  # unrelated answers stay


def test_back_and_forward_keep_every_answer(respondent, stored) -> None:
    token = respondent.start("werkstatt")
    respondent.submit(token, 1, PAGE1)
    response = respondent.submit(token, 2, {field("anteil_digital"): "40"}, action="back")
    assert response.status_code == 303  # back needs no required answers
    assert response.headers["Location"] == f"/a/{token}/1"
    assert stored(token) == {
        "ki_genutzt": "yes",
        "ziele": "muendlich",
        "ziele_geprueft": "no",
        "plan": "ideen",
        "anteil_digital": 40,
    }
    _root, form = respondent.page(token, 1)
    assert form.defaults()[field("ki_genutzt")] == ["yes"]
    assert form.defaults()[field("plan")] == ["ideen"]
    _root, form = respondent.page(token, 2)
    assert form.defaults()[field("anteil_digital")] == ["40"]


def test_resume_in_another_browser_continues_with_answers_filled_in(
    respondent, new_respondent
) -> None:
    token = respondent.start("werkstatt")
    respondent.submit(token, 1, PAGE1)
    respondent.submit(token, 2, PAGE2)
    other = new_respondent()
    response = other.client.get(f"/a/{token}")
    assert response.status_code == 302 and response.headers["Location"] == f"/a/{token}/3"
    _root, form = other.page(token, 2)
    defaults = form.defaults()
    assert defaults[field("datenquellen")] == ["auftraege", "lager"]
    assert defaults[field("anteil_digital")] == ["40"]
    assert defaults[field("ki_tools_daten")] == ["yes"]
    response = other.submit(token, 3, PAGE3, action="finish")
    assert response.headers["Location"] == f"/a/{token}/ergebnis"


def test_missing_required_answer_is_named_at_the_field_and_the_rest_is_kept(
    respondent, stored
) -> None:
    token = respondent.start("werkstatt")
    response = respondent.submit(
        token, 1, {**PAGE1, field("ki_genutzt"): None, field("plan"): "konkret"}
    )
    assert response.status_code == 400
    root = parse(response.data)
    error = root.by_id("q_ki_genutzt-error")
    assert error.text == "Fehler: Bitte beantworten Sie diese Frage."
    assert "q_ki_genutzt-error" in root.by_id("q_ki_genutzt").get("aria-describedby")
    summary = root.find(class_="error-summary")
    assert summary.find("a").get("href") == "#q_ki_genutzt-0"
    assert form_of(root, "questions").defaults()[field("plan")] == ["konkret"]  # typed, shown again
    assert stored(token) == {"plan": "konkret"}  # and saved: nothing typed is lost


def test_finishing_with_a_required_answer_missing_elsewhere_leads_there(respondent) -> None:
    token = respondent.start("werkstatt")
    respondent.submit(token, 1, PAGE1)
    response = respondent.submit(token, 3, PAGE3, action="finish")  # page 2 skipped
    assert response.status_code == 303 and response.headers["Location"] == f"/a/{token}/2"
    root = respondent.get(f"/a/{token}/2")
    assert "Es fehlen noch Antworten auf Pflichtfragen" in root.find(class_="flash").text
    assert respondent.get(f"/a/{token}/ergebnis", status=303) is not None


def test_typed_text_is_escaped_when_shown_again(respondent) -> None:
    token = respondent.start("werkstatt")
    respondent.submit(token, 3, PAGE3, action="back")
    response = respondent.client.get(f"/a/{token}/3")
    assert b"<script>alert" not in response.data
    assert (
        b"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;fett&lt;/b&gt;"
        in response.data
    )
    assert parse(response.data).by_id(field("anmerkung")).text == NASTY_TEXT


def test_numbers_with_a_german_comma_are_understood(respondent, stored) -> None:
    token = respondent.start("werkstatt")
    respondent.submit(token, 2, {**PAGE2, field("anteil_digital"): "12,5"}, action="back")
    assert stored(token)["anteil_digital"] == 12.5


def test_pages_of_a_token_are_private(respondent) -> None:
    token = respondent.start("werkstatt")
    respondent.get(f"/a/{token}/1")
    headers = respondent.response.headers
    assert headers["Cache-Control"] == "no-store"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_english_shows_the_questionnaire_in_english(respondent) -> None:
    token = respondent.start("werkstatt")
    respondent.client.get("/sprache/en")
    root, _form = respondent.page(token, 1)
    assert (
        root.by_id("q_ki_genutzt")
        .find("legend")
        .text.startswith("Does your company use AI tools yet?")
    )
    assert root.find("html").get("lang") == "en"
    assert root.find("button").text == "Next"
    assert root.find("label", for_="fortschritt").text == "Section 1 of 3"


def test_condition_on_the_company_profile_is_decided_by_the_server(respondent) -> None:
    without = respondent.start("werkstatt")  # works_council: no
    root, _form = respondent.page(without, 3)
    assert root.by_id("frage-betriebsrat_informiert") is None
    with_council = respondent.start("werkstatt", {**PROFILE, "works_council": "yes"})
    root, form = respondent.page(with_council, 3)
    assert root.by_id("frage-betriebsrat_informiert").get("data-show-if") is None
    assert form.options(field("betriebsrat_informiert")) == ["yes", "no"]
