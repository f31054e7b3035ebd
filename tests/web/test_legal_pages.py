"""The legal facts of ``_legal.yaml`` on the pages: the Leichte-Sprache page and the result
page take their dates and the Rechtsstand from the file, every key a template uses exists, and
a completed result keeps the wording of its version after the file changes."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from centrehelp import completed
from flask import Flask
from webpage import parse

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.questionnaire.legal import load_legal

ROOT = Path(__file__).resolve().parents[2]
HR_AI = {"ki_nutzung": "einzelne", "ki_bereiche": ["personal"]}  # fires ki-in-personalfragen


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped questionnaires and facts that a test may edit."""
    return Path(shutil.copytree(ROOT / "questionnaires", tmp_path / "questionnaires"))


@pytest.fixture
def app_config(app_config: dict[str, Any], folder: Path) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": str(folder)}


def test_every_fact_a_template_names_exists() -> None:
    facts = load_legal(ROOT / "questionnaires")
    used = {
        key
        for path in (ROOT / "templates").rglob("*.html")
        for key in re.findall(r"""legal\(["']([^"']+)["']\)""", path.read_text(encoding="utf-8"))
    }
    assert used, "no template names a legal fact"
    assert {key for key in used if facts.text(key, "de") is None} == set()


def test_the_easy_page_takes_its_dates_from_the_facts(app: Flask, folder: Path) -> None:
    client = app.test_client()
    section = parse(client.get("/leichte-sprache").data).by_id("regeln").parent
    assert "Seit dem 2. Februar 2025 gilt diese Regel:" in section.text
    assert "Diese Regeln gelten ab dem 2. Dezember 2027." in section.text
    client.get("/sprache/en?next=/")
    section = parse(client.get("/leichte-sprache").data).by_id("regeln").parent
    assert "These rules apply from 2 December 2027." in section.text


def test_without_the_facts_the_easy_page_leaves_the_dates_out(
    app_config: dict[str, Any], folder: Path
) -> None:
    (folder / "_legal.yaml").unlink()
    for path in folder.glob("[!_]*.yaml"):  # their placeholders would now be unknown keys
        path.unlink()
    shutil.copy(ROOT / "tests" / "web" / "questionnaires" / "werkstatt.yaml", folder)
    with _started(app_config) as other:
        page = parse(other.test_client().get("/leichte-sprache").data)
    assert page.find(id="regeln") is None
    assert page.find(class_="easy") is not None


def test_a_result_keeps_its_wording_and_rechtsstand_when_the_facts_change(
    app: Flask, app_config: dict[str, Any], folder: Path
) -> None:
    _id, old_token = completed(app, HR_AI, questionnaire_id="ki-readiness")
    before = _result(app, old_token)
    assert "2. Dezember 2027" in before and "Rechtsstand: 12/2026" in before

    legal = folder / "_legal.yaml"
    text = legal.read_text(encoding="utf-8").replace(
        'de: "2. Dezember 2027"', 'de: "1. Januar 2099"'
    )
    legal.write_text(
        text.replace("checked: 2026-12-07", "checked: 2027-01-15", 1), encoding="utf-8"
    )
    stat = legal.stat()
    os.utime(legal, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    with _started(app_config) as restarted:  # the app reads the files at start-up
        after = _result(restarted, old_token)
        assert "2. Dezember 2027" in after and "1. Januar 2099" not in after
        assert "Rechtsstand: 12/2026" in after
        _id, new_token = completed(restarted, HR_AI, questionnaire_id="ki-readiness")
        new = _result(restarted, new_token)
    assert "1. Januar 2099" in new and "2. Dezember 2027" not in new
    assert "Rechtsstand: 01/2027" in new


@contextmanager
def _started(config: dict[str, Any]) -> Iterator[Flask]:
    """A second app on the same database, its connections closed afterwards."""
    other = create_app(config)
    try:
        yield other
    finally:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


def _result(app: Flask, token: str) -> str:
    response = app.test_client().get(f"/a/{token}/ergebnis")
    assert response.status_code == 200
    main = parse(response.data).find("main")
    assert main is not None
    return " ".join(main.text.split())
