"""Form details (issue 14, point 9), through HTTP: the error summary reads "question –
message" (never "…?: Bitte"), a radio group with an error is marked like a drop-down (border
class, error text with an icon, ``aria-invalid``), and the profile form gives each question
its own block."""

from __future__ import annotations

from pathlib import Path

from journeyhelp import Respondent
from webpage import form_of, parse


def required_choice_page(questionnaire) -> tuple[int, object]:
    for number, section in enumerate(questionnaire.sections, start=1):
        for question in section.questions:
            if question.required and question.type in ("single", "scale") and not question.show_if:
                return number, question
    raise AssertionError("no required choice question")


def test_error_summary_reads_question_then_message(
    respondent: Respondent, questionnaire_of_app
) -> None:
    questionnaire = questionnaire_of_app("ki-readiness")
    number, question = required_choice_page(questionnaire)
    token = respondent.start("ki-readiness")
    for earlier in range(1, number):
        respondent.submit(token, earlier, {}, action="later")
    response = respondent.submit(token, number, {"q_" + question.id: []}, action="next")
    assert response.status_code == 400
    html = response.data.decode()

    root = parse(html)
    summary = root.find("div", class_="error-summary")
    item = summary.find("a", href=f"#q_{question.id}-0")
    text = " ".join(question.text.get("de").split())
    assert item.text == f"{text} – Bitte beantworten Sie diese Frage."
    assert "?:" not in summary.text and "? :" not in summary.text
    # the radio group carries the same marking as a drop-down with an error
    group = root.by_id(f"q_{question.id}")
    assert group.tag == "fieldset" and "has-error" in (group.get("class") or "").split()
    assert f"q_{question.id}-error" in (group.get("aria-describedby") or "")
    error = root.by_id(f"q_{question.id}-error")
    assert "Fehler:" in error.text  # not colour alone: a word for screen readers, an icon for eyes
    radios = [
        c for c in form_of(root, "questions").controls() if c.get("name") == f"q_{question.id}"
    ]
    assert radios and all(r.get("aria-invalid") == "true" for r in radios)


def test_profile_errors_and_spacing(respondent: Respondent) -> None:
    root = respondent.get("/ki-readiness/start")
    form = form_of(root)
    blocks = root.find_all("div", class_="profile-question")
    assert len(blocks) == 5  # each question in its own block
    response = respondent.post("/ki-readiness/start", form.submit({}))
    assert response.status_code == 400

    page = parse(response.data)
    items = [a.text for a in page.find("div", class_="error-summary").find_all("a")]
    assert (
        "Gibt es in Ihrem Betrieb einen Betriebsrat? – Bitte beantworten Sie diese Frage." in items
    )
    assert not any("?:" in item for item in items)
    council = page.by_id("works_council")
    assert "has-error" in (council.get("class") or "").split()


def test_the_css_marks_radio_groups_like_drop_downs() -> None:
    """``fieldset.choices`` resets border and padding; the error rule must be as specific, and
    every error message gets an icon (the browser test measures the drawn border)."""
    css = (Path(__file__).resolve().parents[2] / "static/css/zzcheck.css").read_text()
    rule = css.split("border-left: 4px solid var(--error)")[0].splitlines()[-1]
    assert "fieldset.choices.has-error" in rule
    assert ".error-message::before" in css
