"""The shipped questionnaires as a respondent reads them (placeholders resolved), in German and
English: no statement known to be wrong after the 2026 amendment of the AI Act, no ended
programme, every placeholder resolved, English complete, one Rechtsstand from ``_legal.yaml``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from zzcheck.questionnaire import load_folder
from zzcheck.questionnaire.legal import FILENAME, PLACEHOLDER, load_legal

FOLDER = Path(__file__).resolve().parents[2] / "questionnaires"
LOADED = load_folder(FOLDER)

# Each a statement that was true once or never: (what is wrong, pattern). "Near": 200 characters.
_HIGH_RISK = (
    r"(Anhang III|Annex III|hohem Risiko|Hochrisiko|high-risk|high risk|Art\. 26|Personal|HR )"
)
_SINCE_AUG_2026 = r"(seit (dem )?2\. August 2026|since 2 August 2026|ab (dem )?2\. August 2026)"
_FREE = r"(kostenlos|gratis|free of charge|for free|\bfree\b)"
WRONG = [
    ("Annex III duties applying since 2 Aug 2026", rf"{_SINCE_AUG_2026}.{{0,200}}{_HIGH_RISK}"),
    ("Annex III duties applying since 2 Aug 2026", rf"{_HIGH_RISK}.{{0,200}}{_SINCE_AUG_2026}"),
    ("the unamended Art. 4 wording", r"nach besten Kräften|do (its|their) best|best extent"),
    ("an enforcement date not in the facts", r"3\. August 2026|3 August 2026"),
    ("an ended programme: go-digital", r"go-?digital"),
    ("an ended programme: Digital Jetzt", r"Digital[ -]?Jetzt"),
    # The Zukunftszentren's funding period ends with 2026: a step asks what a centre offers
    # now instead of promising free advice (one sentence: no '.' or ';' in between).
    ("free advice promised by a Zukunftszentrum", rf"Zukunftszentr[^.;]{{0,200}}{_FREE}"),
    ("free advice promised by a Zukunftszentrum", rf"{_FREE}[^.;]{{0,200}}Zukunftszentr"),
    (
        "INQA-Coaching said to be free",
        rf"INQA[- ]?Coaching[^.;]{{0,80}}(?<!nicht )(?<!not ){_FREE}",
    ),
    (
        "a certificate said to be required",
        r"Zertifikat (ist )?(erforderlich|vorgeschrieben|nötig)(?! ist)",
    ),
    ("an amendment said to be merely planned", r"geplante EU-Änderung|planned EU amendment"),
    ("a Rechtsstand written into a text", r"Rechtsstand \d\d/\d{4}|[Ll]egal status \d\d/\d{4}"),
]


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string of the typed questionnaire with its key path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            yield from _texts(item, f"{path}[{n}]")
    elif isinstance(value, str):
        yield path, value


def _all_texts() -> Iterator[tuple[str, str, str]]:
    for qid, item in LOADED.items():
        for path, text in _texts(item.questionnaire.model_dump()):
            yield qid, path, text


def test_the_shipped_questionnaires_are_all_checked() -> None:
    assert sorted(LOADED) == ["beteiligung", "ki-readiness", "qualifizierung"]


@pytest.mark.parametrize(("what", "pattern"), WRONG, ids=[w for w, _ in WRONG])
def test_no_text_makes_a_known_wrong_statement(what: str, pattern: str) -> None:
    facts = load_legal(FOLDER)
    fact_texts = [(FILENAME, key, text) for key, pair in facts.texts.items() for text in pair]
    found = [
        f"{qid}: {path}: {text[:160]}"
        for qid, path, text in [*_all_texts(), *fact_texts]
        if re.search(pattern, text, flags=re.IGNORECASE)
    ]
    assert not found, f"{what}:\n" + "\n".join(found)


def test_the_scan_finds_what_it_looks_for() -> None:
    """The patterns catch the sentences they were written against (so the scan can fail)."""
    old = [
        "Diese Pflichten gelten nach Rechtsstand 11/2026 seit 2. August 2026 für Anhang III.",
        "KI im Personalbereich gilt als Hochrisiko. Seit 2. August 2026 müssen Sie informieren",
        "As of 11/2026 these high-risk duties apply since 2 August 2026;",
        "müssen nach besten Kräften für ausreichende KI-Kenntnisse sorgen",
        "Förderung über go-digital oder Digital Jetzt",
        "Die regionalen Zukunftszentren und die Mittelstand-Digital Zentren beraten kostenlos",
        "The Zukunftszentren and the Mittelstand-Digital Zentren advise free of charge.",
        "Kostenlose Beratung beim Zukunftszentrum nutzen",
        "Ein INQA-Coaching ist kostenlos.",
    ]
    for sentence in old:
        assert any(re.search(p, sentence, re.I) for _, p in WRONG), sentence


def test_every_placeholder_resolved() -> None:
    facts = load_legal(FOLDER)
    for path in FOLDER.glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        written = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
        for key in PLACEHOLDER.findall(written):
            assert facts.text(key, "de") is not None, f"{path.name}: ((legal:{key}))"
    left = [f"{qid}: {path}" for qid, path, text in _all_texts() if "((legal:" in text]
    assert not left


def test_funding_under_sgb_iii_is_only_named_for_long_courses() -> None:
    for qid, path, text in _all_texts():
        if "SGB III" in text:
            assert re.search(r"120 (Stunden|hours)", text), f"{qid}: {path}: {text[:160]}"


def test_every_text_has_its_english_version() -> None:
    missing = [
        f"{qid}: {path}"
        for qid, path, text in _all_texts()
        if path.endswith(".de")
        and _english_of(LOADED[qid].questionnaire.model_dump(), path) in (None, "")
    ]
    assert not missing, "\n".join(missing)


def _english_of(data: Any, de_path: str) -> Any:
    node = data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", de_path[: -len(".de")]):
        node = node[int(part[1:-1])] if part.startswith("[") else node[part]
    return node.get("en")


def test_every_questionnaire_shows_the_rechtsstand_of_the_facts_file() -> None:
    status = load_legal(FOLDER).status
    assert status is not None and re.fullmatch(r"\d\d/20\d\d", status)
    assert {item.questionnaire.legal_status for item in LOADED.values()} == {status}
    for path in FOLDER.glob("*.yaml"):
        assert not re.search(r"^legal_status:", path.read_text(encoding="utf-8"), re.M), path


def test_the_new_prohibited_practice_and_the_amended_dates_are_named() -> None:
    readiness = LOADED["ki-readiness"].questionnaire.model_dump_json()
    assert "2. Dezember 2026" in readiness and "intime Bilder" in readiness
    for qid in ("ki-readiness", "beteiligung"):
        dumped = LOADED[qid].questionnaire.model_dump_json()
        assert "2. Dezember 2027" in dumped and "2 December 2027" in dumped
