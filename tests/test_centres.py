"""The centres file: every federal state covered exactly once, problems reported with file and
line, skipped by the questionnaire loader, and checked when the app starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzcheck import create_app
from zzcheck.centres import FILENAME, CentresError, centres_path, load_centres, parse_centres
from zzcheck.questionnaire.loader import load_folder, questionnaire_files
from zzcheck.questionnaire.profile import STATES
from zzcheck.registry import current_registry

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "questionnaires" / FILENAME

# Two centres cover all 16 states: the first has 15, the second one.
GOOD = """\
centres:
  - id: gross
    name: {de: "Zentrum Groß", en: "Big centre"}
    states: [DE-BW, DE-BY, DE-BE, DE-BB, DE-HB, DE-HH, DE-HE, DE-MV, DE-NI, DE-NW, DE-RP,
             DE-SL, DE-ST, DE-SH, DE-TH]
  - id: klein
    name: Zentrum Klein
    states: [DE-SN]
"""


def problems(text: str) -> list[str]:
    with pytest.raises(CentresError) as caught:
        parse_centres(text, "c.yaml")
    return [str(issue) for issue in caught.value.issues]


def test_the_bundled_file_has_the_programmes_twelve_centres_one_of_them_for_a_sector() -> None:
    centres = load_centres(BUNDLED)
    regional = [centre for centre in centres.all() if centre.kind == "regional"]
    covered = [state for centre in regional for state in centre.states]
    assert len(centres.all()) == 12 and len(regional) == 11
    assert sorted(covered) == sorted(STATES)
    assert len(covered) == len(set(covered)) == 16
    assert all("Zukunftszentrum" in centre.name.de and centre.host for centre in centres.all())
    nord = centres.for_state("DE-HB")
    assert nord is not None and nord.states == ("DE-SH", "DE-HH", "DE-HB", "DE-NI")
    [sector] = [centre for centre in centres.all() if centre.kind == "sector"]
    assert sorted(sector.states) == ["DE-BW", "DE-BY", "DE-NW"] and sector.sectors == ("Q",)
    # No contact data is invented: the operator fills it in.
    assert all(centre.contact.model_dump() == dict.fromkeys(("address", "phone", "email", "web"))
               for centre in centres.all())  # fmt: skip


SECTOR = """\
  - id: pflege
    name: Zentrum Pflege
    kind: sector
    states: [DE-SN, DE-TH]
    sectors: [Q, P]
"""


def test_a_sector_centre_is_offered_first_to_its_sectors_in_its_states() -> None:
    centres = parse_centres(GOOD + SECTOR, "c.yaml")
    offered = [centre.id for centre in centres.offered_for("DE-SN", "Q")]
    assert offered == ["pflege", "klein"]
    assert [c.id for c in centres.offered_for("DE-SN", "C")] == ["klein"]  # other sector
    assert [c.id for c in centres.offered_for("DE-BY", "Q")] == ["gross"]  # other state
    assert [c.id for c in centres.offered_for(None, None)] == []
    assert centres.for_state("DE-SN").id == "klein"  # type: ignore[union-attr]
    assert centres.state_map()["DE-TH"] == "gross"  # the regional one, never the sector centre


def test_sector_problems_are_reported_with_lines() -> None:
    text = GOOD.replace("states: [DE-SN]", "states: [DE-SN]\n    sectors: [C]") + SECTOR.replace(
        "[Q, P]", "[Q, ZZ]"
    )
    assert problems(text) == [
        "c.yaml:9: centres[1].sectors: only a centre of kind 'sector' has sectors",
        "c.yaml:14: centres[2].sectors[1]: unknown WZ section 'ZZ': use a letter A–U",
    ]
    assert problems(GOOD + SECTOR.replace("    sectors: [Q, P]\n", "")) == [
        "c.yaml:9: centres[2].sectors: a sector centre needs the WZ sections it covers (e.g. [Q])"
    ]


def test_contact_details_are_checked_but_optional() -> None:
    contact = "\n    contact: {email: beratung-at-zentrum, web: www.zentrum.de, fax: 1}"
    assert problems(GOOD.replace("states: [DE-SN]", "states: [DE-SN]" + contact)) == [
        "c.yaml:9: centres[1].contact.email: 'beratung-at-zentrum' is not an e-mail address "
        "(name@example.org)",
        "c.yaml:9: centres[1].contact.web: 'www.zentrum.de' is not a web address: start it with "
        "https://",
        "c.yaml:9: centres[1].contact.fax: unknown key 'fax'",
    ]
    good = "\n    contact: {phone: 0341 000, email: b@z.de}\n    next_steps: Wir rufen an."
    klein = parse_centres(GOOD.replace("states: [DE-SN]", "states: [DE-SN]" + good), "c").get(
        "klein"
    )
    assert klein is not None and klein.contact.phone == "0341 000" and klein.contact.web is None
    assert klein.next_steps is not None and klein.next_steps.get("en") == "Wir rufen an."


def test_a_sector_centre_may_share_states_with_regional_centres() -> None:
    centres = parse_centres(GOOD + SECTOR, "c.yaml")
    assert [c.id for c in centres.all()] == ["gross", "klein", "pflege"]


def test_lookups_by_id_and_by_state() -> None:
    centres = parse_centres(GOOD, "c.yaml")
    assert [centre.id for centre in centres.all()] == ["gross", "klein"]
    klein = centres.get("klein")
    assert klein is not None and klein.name.get("en") == "Zentrum Klein"  # German as fallback
    assert centres.for_state("DE-SN") is klein
    big = centres.for_state("DE-TH")
    assert big is not None and big.id == "gross" and big.name.get("en") == "Big centre"
    assert centres.get("nirgendwo") is None and centres.get(None) is None
    assert centres.for_state("DE-XX") is None and centres.for_state(None) is None
    assert "klein" in centres and "nirgendwo" not in centres


def test_a_state_covered_twice_names_the_line_of_the_second() -> None:
    text = GOOD.replace("states: [DE-SN]", "states: [DE-SN, DE-TH]")
    assert problems(text) == [
        "c.yaml:8: centres[1].states[1]: state DE-TH is already covered by regional centre 'gross'"
    ]


def test_a_state_left_out_is_named() -> None:
    text = GOOD.replace("DE-SL, ", "")
    assert problems(text) == ["c.yaml:1: centres: no regional centre covers DE-SL"]


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = GOOD.replace("DE-SN]", "DE-SN]\n    phone: 0341 000").replace(
        "id: gross", "id: gross\n    nmae: typo"
    )
    assert problems(text) == [
        "c.yaml:3: centres[0].nmae: unknown key 'nmae'",
        "c.yaml:10: centres[1].phone: unknown key 'phone'",
    ]
    no_name = "centres:\n  - id: a\n    states: DE-SN\n"
    assert problems(no_name) == [
        "c.yaml:2: centres[0].name: required key is missing",
        "c.yaml:3: centres[0].states: expected a list, got 'DE-SN'",
    ]


def test_cross_checks_report_ids_and_unknown_states_with_lines() -> None:
    text = GOOD.replace("id: klein", "id: Klein Zentrum").replace("[DE-SN]", "[DE-XY, DE-SN]")
    found = problems(text)
    assert found == [
        "c.yaml:6: centres[1].id: 'Klein Zentrum': use lower case, digits and hyphens",
        "c.yaml:8: centres[1].states[0]: unknown state 'DE-XY': use an ISO 3166-2 code such "
        "as DE-SN",
    ]
    duplicate = GOOD.replace("id: klein", "id: gross")
    assert problems(duplicate) == [
        "c.yaml:6: centres[1].id: duplicate id 'gross' (also centres[0])"
    ]


def test_yaml_errors_and_unsafe_yaml_name_the_line() -> None:
    assert problems("centres:\n  - id: a\n    name: [unclosed\n")[0].startswith(
        "c.yaml:4: -: YAML syntax error"
    )
    anchored = "centres:\n  - &x {id: a, name: A, states: [DE-SN]}\n  - *x\n"
    assert problems(anchored) == ["c.yaml:2: centres: YAML anchors and aliases are not allowed"]
    assert problems("centres: []\n") == ["c.yaml:1: centres: needs at least 1 item(s)"]


def test_a_missing_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(CentresError) as caught:
        load_centres(tmp_path / "missing.yaml")
    assert str(caught.value).startswith(f"{tmp_path / 'missing.yaml'}:1: -: cannot read the file")


def test_questionnaire_loading_skips_configuration_files(tmp_path: Path) -> None:
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    source = (ROOT / "tests" / "fixtures" / "questionnaires" / "mini.yaml").read_text("utf-8")
    (folder / "mini.yaml").write_text(source, encoding="utf-8")
    (folder / FILENAME).write_text(GOOD, encoding="utf-8")
    (folder / "_notes.yml").write_text("not: a questionnaire\n", encoding="utf-8")
    assert [path.name for path in questionnaire_files(folder)] == ["mini.yaml"]
    assert list(load_folder(folder)) == ["mini"]


def test_the_centres_file_beside_the_questionnaires_wins(tmp_path: Path) -> None:
    assert centres_path(tmp_path, None) == BUNDLED  # none beside: the bundled default
    (tmp_path / FILENAME).write_text(GOOD, encoding="utf-8")
    assert centres_path(tmp_path, None) == tmp_path / FILENAME
    assert centres_path(tmp_path, "/etc/zz.yaml") == Path("/etc/zz.yaml")


def _config(tmp_path: Path, **extra: str) -> dict[str, object]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "ZZCHECK_QUESTIONNAIRES": str(ROOT / "questionnaires"),
        **extra,
    }


def test_the_app_loads_the_centres_at_start_up(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(GOOD, encoding="utf-8")
    app = create_app(_config(tmp_path, ZZCHECK_CENTRES=str(tmp_path / "c.yaml")))
    with app.app_context():
        centres = current_registry().centres
        assert [centre.id for centre in centres.all()] == ["gross", "klein"]
    default = create_app(_config(tmp_path))
    with default.app_context():
        saxony = current_registry().centres.for_state("DE-SN")
        assert saxony is not None and saxony.id == "sachsen"


def test_the_app_refuses_to_start_with_an_invalid_centres_file(tmp_path: Path) -> None:
    broken = tmp_path / "c.yaml"
    broken.write_text(GOOD.replace("[DE-SN]", "[DE-TH]"), encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        create_app(_config(tmp_path, ZZCHECK_CENTRES=str(broken)))
    message = str(stopped.value)
    assert f"invalid centres file {broken}" in message
    assert f"{broken}:8: centres[1].states[0]: state DE-TH is already covered" in message
    assert f"{broken}:1: centres: no regional centre covers DE-SN" in message
