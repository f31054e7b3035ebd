"""Leichte Sprache: the start page, the privacy information and the explanation of a result in
easy-to-read German, reachable from every page's header and from the result page.

The rules of Leichte Sprache that a machine can check are checked on the German text of all
three pages: short sentences, one sentence per line, no abbreviations, numbers as digits,
no passive voice, acronyms only where explained, lists. Facts (retention periods, k, the
levels) come from the configuration and the questionnaires, and the English catalogue gives
a plain-English version."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from centrehelp import completed
from flask import Flask
from flask.testing import FlaskClient
from webpage import Element, parse

from zzcheck.questionnaire.loader import load_file
from zzcheck.web.easy import level_schemes

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("/leichte-sprache", "/leichte-sprache/datenschutz", "/leichte-sprache/ergebnis")
MAX_WORDS = 12  # per sentence
SENTENCE_END = re.compile(r"(?<![\d])[.!?](?=\s|$)")
ABBREVIATIONS = re.compile(r"\b(z\.\s?B|bzw|usw|d\.\s?h|ggf|ca|u\.\s?a|etc|Nr|inkl|evtl|vgl)\.")
NUMBER_WORDS = re.compile(
    r"\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|hundert|tausend)\b",
    re.IGNORECASE,
)
PASSIVE = re.compile(r"\b(wird|werden|wurde|wurden|worden)\b", re.IGNORECASE)
KI_READINESS = {"ki_nutzung": "einzelne"}  # its only required question
EXPLAINED_ACRONYMS = {"KI": "Viele Menschen sagen kurz: KI.", "PDF": "Ein PDF ist eine Datei."}


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {
        **app_config,
        "ZZCHECK_RETENTION_UNFINISHED_DAYS": 30,
        "ZZCHECK_RETENTION_COMPLETED_DAYS": 400,
        "ZZCHECK_RETENTION_SHARED_DAYS": 365,
        "ZZCHECK_MIN_GROUP_SIZE": 7,
    }


def easy_part(client: FlaskClient, url: str) -> Element:
    response = client.get(url)
    assert response.status_code == 200, url
    part = parse(response.data).find(class_="easy")
    assert part is not None, url
    return part


def lines(part: Element) -> list[str]:
    """The text lines of a page: every paragraph and list item without a paragraph."""
    found = [p.text for p in part.find_all("p")]
    items = [" ".join(c for c in li.children if isinstance(c, str)) for li in part.find_all("li")]
    return found + [" ".join(item.split()) for item in items if item.strip()]


def rule_breaks(text_lines: list[str]) -> list[str]:
    problems = []
    for line in text_lines:
        sentences = [s for s in SENTENCE_END.split(line) if s.strip()]
        if len(sentences) > 1:
            problems.append(f"more than one sentence: {line}")
        if any(len(s.split()) > MAX_WORDS for s in sentences):
            problems.append(f"sentence over {MAX_WORDS} words: {line}")
        for pattern, what in ((ABBREVIATIONS, "abbreviation"), (NUMBER_WORDS, "number word"),
                              (PASSIVE, "passive voice")):  # fmt: skip
            if pattern.search(line):
                problems.append(f"{what}: {line}")
    return problems


def test_the_pages_follow_the_rules_of_leichte_sprache(client: FlaskClient) -> None:
    for url in PAGES:
        part = easy_part(client, url)
        assert rule_breaks(lines(part)) == [], url
        assert len(part.find_all("ul")) + len(part.find_all("ol")) >= 2, url  # lists
        assert len(part.find_all("h2")) >= 5, url  # short parts with headings


def test_acronyms_are_explained_on_the_page_that_uses_them(client: FlaskClient) -> None:
    for url in PAGES:
        text = " ".join(lines(easy_part(client, url)))
        acronyms = set(re.findall(r"\b[A-ZÄÖÜ]{2,}\b", text))
        assert acronyms <= set(EXPLAINED_ACRONYMS), url
    start = " ".join(lines(easy_part(client, PAGES[0])))
    result = " ".join(lines(easy_part(client, PAGES[2])))
    assert EXPLAINED_ACRONYMS["KI"] in start and EXPLAINED_ACRONYMS["PDF"] in result


def test_the_privacy_facts_are_the_configured_ones(client: FlaskClient) -> None:
    text = " ".join(lines(easy_part(client, "/leichte-sprache/datenschutz")))
    for fact in ("30 Tage nach dem letzten Speichern", "400 Tage nach dem Ende",
                 "höchstens 365 Tage lang", "mindestens 7 Betriebe"):  # fmt: skip
        assert fact in text
    assert "/datenschutz" in [a.get("href") for a in easy_part(client, PAGES[1]).find_all("a")]


def test_the_privacy_page_explains_team_mode(client: FlaskClient) -> None:
    team = easy_part(client, "/leichte-sprache/datenschutz").by_id("team").parent
    text = " ".join(lines(team))
    for fact in ("Ihre Rolle im Betrieb", "Eine Geheim-Zahl aus einem Cookie in Ihrem Browser",
                 "Ihren Namen und Ihre Internet-Adresse speichern wir nicht.",
                 "Eine Gruppe hat mindestens 3 Menschen.",
                 "Antworten 30 Tage nach dem letzten Speichern"):  # fmt: skip
        assert fact in text, fact


def test_the_result_page_names_the_levels_of_the_questionnaires(client: FlaskClient) -> None:
    part = easy_part(client, "/leichte-sprache/ergebnis")
    listed = part.find("ol", class_="easy-levels")
    assert listed is not None
    levels = [li.text.replace(" :", ":") for li in listed.find_all("li")]
    assert levels == [
        "Einsteiger: ab 0 Punkten", "Entdecker: ab 20 Punkten", "Anwender: ab 40 Punkten",
        "Gestalter: ab 60 Punkten", "Vorreiter: ab 80 Punkten",
    ]  # fmt: skip
    assert len(part.find_all("ol", class_="easy-levels")) == 1  # the three share one scheme
    assert "mindestens 7 Betrieben" in " ".join(lines(part))


def test_level_schemes_group_questionnaires_with_the_same_levels() -> None:
    files = [ROOT / "questionnaires" / "ki-readiness.yaml", ROOT / "questionnaires" / "beteiligung.yaml",
             ROOT / "tests" / "web" / "questionnaires" / "werkstatt.yaml"]  # fmt: skip
    schemes = level_schemes(load_file(path).questionnaire for path in files)
    assert [len(scheme.titles) for scheme in schemes] == [2, 1]
    assert schemes[1].titles[0].de == "Werkstatt-Check"
    assert [[(lv.name.de, lv.min) for lv in s.levels] for s in schemes][1] == [
        ("Einsteiger", 0),
        ("Anwender", 50),
    ]


def test_every_page_links_to_leichte_sprache(app: Flask, client: FlaskClient) -> None:
    _id, token = completed(app, KI_READINESS, questionnaire_id="ki-readiness")
    for url in ("/", "/datenschutz", "/login", "/gibt-es-nicht", f"/a/{token}/ergebnis"):
        header = parse(client.get(url).data).find("header")
        assert header is not None
        assert "/leichte-sprache" in [a.get("href") for a in header.find_all("a")], url
    result = parse(client.get(f"/a/{token}/ergebnis").data).find("main")
    links = [a.get("href") for a in result.find_all("a")]  # type: ignore[union-attr]
    assert "/leichte-sprache/ergebnis?fragebogen=ki-readiness" in links


def test_the_english_catalogue_has_a_plain_english_version(client: FlaskClient) -> None:
    client.get("/sprache/en?next=/")
    for url, heading in zip(PAGES, ("The AI check, easy to read", "Data protection, easy to read",
                                    "How to understand your result"), strict=True):  # fmt: skip
        part = easy_part(client, url)
        assert part.find("h1").text == heading  # type: ignore[union-attr]
        text = " ".join(lines(part))
        assert not re.search(r"\b(Sie|Ihr|Ihre|und|der|die|das)\b", text), url
    header = parse(client.get("/").data).find("header")
    assert "Easy read" in header.text  # type: ignore[union-attr]
