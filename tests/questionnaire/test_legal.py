"""Legal facts stated once (``_legal.yaml``) and the ``((legal:key))`` placeholders: texts get
the fact in their language, an unknown key is a ``file:line: path: message`` error, the
Rechtsstand follows from the facts, and a stored snapshot keeps the wording of its version."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner

from zzcheck.questionnaire import QuestionnaireError, load_file, load_folder, load_text
from zzcheck.questionnaire.legal import parse_legal

ROOT = Path(__file__).resolve().parents[2]

FACTS = """\
facts:
  annex3_date:
    de: "2. Dezember 2027"
    en: "2 December 2027"
    source: "Digital Omnibus on AI (2026)"
    checked: 2026-12-07
  annex3:
    de: "Die Pflichten gelten ab dem ((legal:annex3_date))."
    en: "The duties apply from ((legal:annex3_date))."
    source: "KI-Verordnung Anhang III"
    checked: 2026-11-20
"""

QUESTIONNAIRE = """\
id: mini
version: "1.0"
title: {de: "Mini ((legal:annex3_date))", en: "Mini ((legal:annex3_date))"}
description: "Nur Deutsch: ((legal:annex3))"
dimensions:
  - {id: d, title: D}
levels:
  - {id: l0, min: 0, name: Start, description: Start}
sections:
  - id: s
    title: S
    questions:
      - id: q
        type: yesno
        dimension: d
        text: {de: Frage?, en: Question?}
        help:
          de: "((legal:annex3)) Mehr dazu im Schritt."
          en: "((legal:annex3)) More in the step."
"""


def _folder(tmp_path: Path, questionnaire: str = QUESTIONNAIRE, facts: str = FACTS) -> Path:
    (tmp_path / "_legal.yaml").write_text(facts, encoding="utf-8")
    (tmp_path / "mini.yaml").write_text(questionnaire, encoding="utf-8")
    return tmp_path


def test_placeholders_become_the_fact_in_the_language_of_their_text(tmp_path: Path) -> None:
    q = load_file(_folder(tmp_path) / "mini.yaml").questionnaire
    help_text = q.questions[0].help
    assert help_text is not None
    assert help_text.de == "Die Pflichten gelten ab dem 2. Dezember 2027. Mehr dazu im Schritt."
    assert help_text.en == "The duties apply from 2 December 2027. More in the step."
    assert (q.title.de, q.title.en) == ("Mini 2. Dezember 2027", "Mini 2 December 2027")
    assert q.description.de == "Nur Deutsch: Die Pflichten gelten ab dem 2. Dezember 2027."


def test_the_rechtsstand_is_the_month_of_the_newest_checked_date(tmp_path: Path) -> None:
    assert load_file(_folder(tmp_path) / "mini.yaml").questionnaire.legal_status == "12/2026"


def test_an_unknown_key_names_file_line_and_path(tmp_path: Path) -> None:
    broken = QUESTIONNAIRE.replace("((legal:annex3)) Mehr", "((legal:annex_3)) Mehr")
    with pytest.raises(QuestionnaireError) as caught:
        load_file(_folder(tmp_path, broken) / "mini.yaml")
    (issue,) = caught.value.issues
    line = broken.splitlines().index('          de: "((legal:annex_3)) Mehr dazu im Schritt."') + 1
    assert (issue.line, issue.path) == (line, "sections[0].questions[0].help.de")
    assert "unknown legal fact 'annex_3'" in issue.message
    assert "did you mean 'annex3'" in issue.message


def test_a_placeholder_without_a_facts_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError, match=r"unknown legal fact 'annex3_date'.*no _legal"):
        load_text(QUESTIONNAIRE, "mini.yaml")


def test_validate_fails_on_an_unknown_key(tmp_path: Path, runner: FlaskCliRunner) -> None:
    folder = _folder(tmp_path, QUESTIONNAIRE.replace('annex3_date))", en', 'datum))", en'))
    result = runner.invoke(args=["zzcheck", "validate", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / 'mini.yaml'}:3: title.de: unknown legal fact 'datum'" in result.output


def test_a_questionnaire_beside_the_facts_may_not_set_its_own_legal_status(
    tmp_path: Path,
) -> None:
    own = QUESTIONNAIRE.replace('version: "1.0"\n', 'version: "1.0"\nlegal_status: "11/2026"\n')
    with pytest.raises(QuestionnaireError, match=r"mini.yaml:3: legal_status: the Rechtsstand"):
        load_file(_folder(tmp_path, own) / "mini.yaml")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("checked: 2026-11-20", "checked: 20.11.2026"), "facts.annex3.checked"),
        (("  annex3:\n", "  Annex-3:\n"), "'Annex-3' is not a valid key"),
        (('    source: "KI-Verordnung Anhang III"\n', ""), "facts.annex3.source: required"),
        (("annex3_date))", "annex3))"), "a fact may only use a fact without placeholders"),
    ],
)
def test_a_broken_facts_file_is_reported_with_its_line(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    folder = _folder(tmp_path, facts=FACTS.replace(*change))
    with pytest.raises(QuestionnaireError) as caught:
        load_folder(folder)
    assert any(message in str(issue) for issue in caught.value.issues), caught.value
    assert all(issue.file.endswith("_legal.yaml") for issue in caught.value.issues)
    assert all(issue.line > 1 for issue in caught.value.issues)


def test_the_snapshot_keeps_the_wording_of_its_version(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    old = load_file(folder / "mini.yaml")
    _edit(folder / "_legal.yaml", "2. Dezember 2027", "3. März 2028")
    new = load_file(folder / "mini.yaml")
    assert new.content_hash != old.content_hash  # a changed fact: a new pinned version
    assert "3. März 2028" in str(new.questionnaire.questions[0].help)
    stored = load_text(old.source, "mini@1.0 (stored)")  # as storage/versions.py reads it
    assert stored.questionnaire == old.questionnaire
    assert stored.questionnaire.legal_status == "12/2026"
    assert stored.content_hash == old.content_hash


def test_facts_with_quotes_colons_and_odd_characters_survive_the_snapshot(tmp_path: Path) -> None:
    odd = 'Er sagte: "Nein" # kein Kommentar \\ Tab\tda, Trenner\u2028da, ä – {x}: [y]'
    facts = FACTS.replace('"2. Dezember 2027"', json.dumps(odd), 1)  # JSON strings are YAML
    loaded = load_file(_folder(tmp_path, facts=facts) / "mini.yaml")
    assert loaded.questionnaire.title.de == f"Mini {odd}"
    stored = load_text(loaded.source, "mini@1.0 (stored)")
    assert stored.questionnaire == loaded.questionnaire


def test_a_file_may_not_bring_its_own_frozen_facts(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    frozen = load_file(folder / "mini.yaml").source
    (folder / "mini.yaml").write_text(frozen, encoding="utf-8")
    with pytest.raises(QuestionnaireError, match="legal_snapshot: 'legal_snapshot' is written by"):
        load_file(folder / "mini.yaml")


def test_one_edit_of_a_date_updates_every_questionnaire(tmp_path: Path) -> None:
    folder = tmp_path / "questionnaires"
    shutil.copytree(ROOT / "questionnaires", folder)
    before = {
        qid: item.questionnaire.model_dump_json() for qid, item in load_folder(folder).items()
    }
    _edit(folder / "_legal.yaml", 'de: "2. Dezember 2027"', 'de: "1. Januar 2099"')
    after = load_folder(folder)
    using = [qid for qid, text in before.items() if "2. Dezember 2027" in text]
    assert sorted(using) == ["beteiligung", "ki-readiness"]
    for qid in using:
        dumped = after[qid].questionnaire.model_dump_json()
        assert "1. Januar 2099" in dumped
        assert "2. Dezember 2027" not in dumped


def test_facts_parse_on_their_own() -> None:
    facts = parse_legal(FACTS, "_legal.yaml")
    assert facts.text("annex3", "en") == "The duties apply from 2 December 2027."
    assert facts.text("annex3", "de") == "Die Pflichten gelten ab dem 2. Dezember 2027."
    assert facts.text("nope", "de") is None


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()  # a later mtime even on coarse clocks, so the caches see the edit
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
