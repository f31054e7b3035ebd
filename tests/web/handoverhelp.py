"""Set-up of the handover tests: a centres file with contact details for some centres only,
and a copy of the web test questionnaire whose free-text question is the support question
(``anmerkungen``) that prefills a request for advice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from journeyhelp import WERKSTATT

ROOT = Path(__file__).resolve().parents[2]
THUERINGEN_NEXT = "Wir rufen Sie innerhalb einer Woche an."
CONTACTS: dict[str, dict[str, Any]] = {
    "thueringen": {
        "contact": {
            "address": "Carl-Zeiss-Promenade 2\n07745 Jena",
            "phone": "03641 000000",
            "email": "kontakt@zz-thueringen.example",
            "web": "https://zz-thueringen.example",
        },
        "next_steps": {"de": THUERINGEN_NEXT, "en": "We will call you within a week."},
    },
    "nord": {"contact": {"phone": "0511 000000"}},
    "sachsen": {"contact": {"email": "beratung@zz-sachsen.example"}},
    "sozial-und-pflegewirtschaft": {"contact": {"web": "https://zz-sozial.example"}},
}


def centres_file(folder: Path) -> Path:
    """The real centres with the contacts above (the others have none)."""
    data = yaml.safe_load((ROOT / "questionnaires" / "_centres.yaml").read_text("utf-8"))
    for centre in data["centres"]:
        centre.update(CONTACTS.get(centre["id"], {}))
    path = folder / "centres.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def questionnaires(folder: Path) -> Path:
    """``werkstatt`` with its free-text question renamed to the support question."""
    target = folder / "questionnaires"
    target.mkdir()
    text = (Path(WERKSTATT) / "werkstatt.yaml").read_text("utf-8")
    assert text.count("id: anmerkung\n") == 1
    (target / "werkstatt.yaml").write_text(text.replace("id: anmerkung\n", "id: anmerkungen\n"))
    return target


def config(folder: Path) -> dict[str, Any]:
    return {
        "ZZCHECK_QUESTIONNAIRES": str(questionnaires(folder)),
        "ZZCHECK_CENTRES": str(centres_file(folder)),
    }
