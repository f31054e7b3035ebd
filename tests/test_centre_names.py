"""A centre's name inside German sentences: the default neuter article, the configured forms
of a name that declines, "beim" for "bei dem", and English "the"; ``forms`` is validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzcheck.centre_names import at_centre, with_article
from zzcheck.centres import CentresError, load_centres, parse_centres

ROOT = Path(__file__).resolve().parent.parent
CENTRES = load_centres(ROOT / "questionnaires" / "_centres.yaml")


def test_a_name_that_does_not_decline_takes_das_and_dem() -> None:
    centre = CENTRES.get("thueringen")
    assert centre is not None
    assert with_article(centre, "de", "accusative") == "das Zukunftszentrum Thüringen"
    assert with_article(centre, "de", "nominative") == "das Zukunftszentrum Thüringen"
    assert with_article(centre, "de", "dative") == "dem Zukunftszentrum Thüringen"
    assert at_centre(centre, "de") == "beim Zukunftszentrum Thüringen"
    assert at_centre(centre, "en") == "at the Zukunftszentrum Thuringia"


def test_the_regional_centre_nord_declines_as_configured() -> None:
    centre = CENTRES.get("nord")
    assert centre is not None
    assert with_article(centre, "de", "accusative") == "das Regionale Zukunftszentrum Nord"
    assert at_centre(centre, "de") == "beim Regionalen Zukunftszentrum Nord"
    assert with_article(centre, "en", "accusative") == "the Regional Zukunftszentrum North"


def test_forms_need_all_three_cases() -> None:
    text = (ROOT / "questionnaires" / "_centres.yaml").read_text("utf-8")
    broken = text.replace('      dative: "dem Regionalen Zukunftszentrum Nord"\n', "", 1)
    assert broken != text
    with pytest.raises(CentresError) as error:
        parse_centres(broken, "_centres.yaml")
    assert "centres[0].forms.dative" in str(error.value)
