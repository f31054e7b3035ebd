"""Titles with markup and ampersands print as text (in the table, the radar and the next
steps), the PDF has no scripts or links, and an unanswered dimension is a marked gap."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from reporthelp import HOSTILE, pdf_text

QUESTIONNAIRES = HOSTILE
ANSWERS = {"f1": "nie", "k1": "teils"}  # d1 unanswered: "Datenqualität" is not rated
SCRIPT_TITLE = '<script>alert("x")</script> & Co'


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def pdf(client: FlaskClient, complete: Callable[..., str]) -> Callable[[str], bytes]:
    token = complete("sonderzeichen", answers=ANSWERS)

    def get(lang: str) -> bytes:
        response = client.get(f"/a/{token}/bericht.pdf", headers={"Accept-Language": lang})
        assert response.status_code == 200
        return response.data

    return get


def test_markup_in_titles_prints_as_text(pdf: Callable[[str], bytes]) -> None:
    data = pdf("de")
    text = pdf_text(data)
    assert "Prüfung <Sonderzeichen> & Umlaute" in text
    assert f"{SCRIPT_TITLE} 0 Einsteiger 1 von 1" in text  # the table row
    assert 'Schritt <b>eins</b> & "zwei"' in text
    assert 'Öffnen Sie <a href="http://example.invalid/">nichts</a>.' in text
    assert "Unterstützung: Zukunftszentrum & Partner" in text
    assert b"/JavaScript" not in data and b"/URI" not in data and b"/Annots" not in data


def test_the_hostile_title_is_in_the_radar_too(pdf: Callable[[str], bytes]) -> None:
    text = squeeze(pdf_text(pdf("en")))
    assert text.count(squeeze(SCRIPT_TITLE)) == 3  # table row, radar label, area of the steps
    assert squeeze(f'{SCRIPT_TITLE} Step <b>one</b> & "two" Priority: high') in text


@pytest.mark.parametrize(
    ("lang", "row", "label"),
    [
        (
            "de",
            "Datenqualität zu wenige Antworten – 0 von 1",
            "Datenqualität (zu wenige Antworten)",
        ),
        ("en", "Data quality not enough answers – 0 of 1", "Data quality (not enough answers)"),
    ],
)
def test_an_unanswered_dimension_is_marked_not_rated(
    pdf: Callable[[str], bytes], lang: str, row: str, label: str
) -> None:
    text = pdf_text(pdf(lang))
    assert row in text
    assert squeeze(label) in squeeze(text)  # the radar's axis label
    kultur = (
        "Kultur & Veränderungsbereitschaft 33,3"
        if lang == "de"
        else "Culture & readiness for change 33.3"
    )
    assert kultur in text
