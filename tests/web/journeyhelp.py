"""A respondent driving the pages through the Flask test client, as a browser without
JavaScript would: read each form from the HTML, fill it, post it (CSRF token included)."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from webpage import Element, Form, form_of, parse
from werkzeug.test import TestResponse

from zzcheck.questionnaire.model import Question, Questionnaire

WERKSTATT = str(Path(__file__).resolve().parent / "questionnaires")  # the test questionnaire
PROFILE = {
    "industry": "C",
    "size": "10-49",
    "state": "DE-SN",
    "works_council": "no",
    "role": "owner",
}
TOKEN_URL = re.compile(r"^/a/([A-Za-z0-9_-]{32,})/1$")
NASTY_TEXT = 'Notiz <script>alert("x")</script> & <b>fett</b>'


class Respondent:
    """One browser (one cookie jar) going through the journey."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.response: TestResponse | None = None

    def get(self, url: str, status: int = 200) -> Element:
        self.response = self.client.get(url)
        assert self.response.status_code == status, (url, self.response.status_code)
        return parse(self.response.data)

    def post(self, url: str, data: dict[str, Any]) -> TestResponse:
        self.response = self.client.post(url, data=data)
        return self.response

    def start(self, questionnaire_id: str, profile: dict[str, str] | None = None) -> str:
        """Fill the company profile; returns the resume token from the redirect."""
        url = f"/{questionnaire_id}/start"
        form = form_of(self.get(url))
        response = self.post(url, form.submit(profile or PROFILE))
        assert response.status_code == 303, response.data[:500]
        match = TOKEN_URL.match(response.headers["Location"])
        assert match, response.headers["Location"]
        return match.group(1)

    def page(self, token: str, number: int) -> tuple[Element, Form]:
        root = self.get(f"/a/{token}/{number}")
        return root, form_of(root, "questions")

    def submit(
        self, token: str, number: int, answers: dict[str, Any], action: str = "next"
    ) -> TestResponse:
        """Open page ``number`` and post it with ``answers`` (field name → value(s))."""
        _root, form = self.page(token, number)
        return self.post(f"/a/{token}/{number}", form.submit(answers, action))


def question_of(questionnaire: Questionnaire, name: str) -> Question:
    question = questionnaire.question(name.removeprefix("q_"))
    assert question is not None, name
    return question


def choose(questionnaire: Questionnaire, form: Form, rng: random.Random) -> dict[str, Any]:
    """Plausible answers for every question field the page shows (field name → form value)."""
    chosen: dict[str, Any] = {}
    for name in form.names():
        if not name.startswith("q_"):
            continue
        question = question_of(questionnaire, name)
        chosen[name] = _value(question, form.options(name), rng)
    return chosen


def _value(question: Question, offered: list[str], rng: random.Random) -> Any:
    if question.type in ("single", "scale", "yesno"):
        return rng.choice(offered)
    if question.type == "multi":
        exclusive = {o.id for o in question.options if o.exclusive}
        plain = [v for v in offered if v not in exclusive]
        if exclusive and rng.random() < 0.2:
            return [sorted(exclusive)[0]]
        return rng.sample(plain, rng.randint(1, len(plain)))
    if question.type == "number":
        low = int(question.min) if question.min is not None else 0
        high = int(question.max) if question.max is not None else low + 500
        return str(rng.randint(low, high))
    return NASTY_TEXT


def as_answer(question: Question, value: Any) -> Any:
    """The stored answer value for a submitted form value."""
    if question.type == "multi":
        return list(value)
    if question.type == "number":
        return int(value)
    return value


def field(question_id: str) -> str:
    return "q_" + question_id


# Answers to the three pages of the test questionnaire ``werkstatt`` (field name → value).
PAGE1 = {
    field("ki_genutzt"): "yes",
    field("ziele"): "muendlich",
    field("ziele_geprueft"): "no",
    field("plan"): "ideen",
}
PAGE2 = {
    field("datenquellen"): ["auftraege", "lager"],
    field("anteil_digital"): "40",
    field("ki_tools_daten"): "yes",
}
PAGE3 = {
    field("ordnung"): "meist",
    field("schulungsbedarf"): ["produktion"],
    field("anmerkung"): NASTY_TEXT,
}
