"""Attack: fake checks against the peer comparison (issue 13, point 3).

Anyone can do checks without an account. An attacker does N checks with the profile of a
rare company (here mining, 250+ employees) and answers they know, waits, and reads the peer
comparison on the result page of one of them. With exact means and an exact n, the one real
company of that profile is ``n · mean − (sum of the fakes)``: recovered to ±0.5 points.

The bar: with up to 9 fakes nobody can compute the real company's dimension score to within
±10 points. The attacker here knows the mechanism as far as the page says it (how values are
rounded, whether the own check is counted, n or its band) and assumes the best case for
them: exactly one real company in the group (they can find that out from when the group
appears). Two real companies whose scores lie 20 points apart are tried.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fakecheck import complete_check, let_time_pass, write_questionnaire
from flask import Flask

PROFILE = {"industry": "B", "size": "250+", "state": "DE-SN", "works_council": "no"}
FAKE = {"eins": 50, "zwei": 70}  # the attacker's answers, the same in every fake
TITLES = {"eins": "Bereich eins", "zwei": "Bereich zwei"}


@pytest.fixture
def app_config(app_config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": write_questionnaire(tmp_path / "q")}


def peer_figures(html: str) -> dict[str, Any] | None:
    """What the attacker reads off the result page: the peers' value per dimension, the
    group size (exact or the lower end of its band), whether the own check is counted and
    how far a shown value may be from the exact mean. None: no comparison shown."""
    section = re.search(r'<section class="peers".*?</section>', html, re.S)
    if section is None:
        return None
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.group(0)))
    # the score table's peer column (one table since issue 14), else the section's own table
    column = dict(
        re.findall(r'data-dimension="(\w+)".*?<td class="score peer">([^<]*)</td>', html, re.S)
    )
    values = {}
    for dim, title in TITLES.items():
        if dim in column:
            values[dim] = column[dim].strip()
            continue
        found = re.search(re.escape(title) + r" ([\d,]+|–) ([\d,]+|–)", text)
        assert found is not None, text
        values[dim] = found.group(2)
    exact = re.search(r"(\d+) andere Betriebe", text)
    band = re.search(r"mindestens (\d+) Betriebe", text)
    assert exact or band, text
    bound = re.search(r"weniger als (\d+) Punkte", text)
    return {
        "values": values,
        "n": int((exact or band).group(1)),  # type: ignore[union-attr]
        "own_counted": "nicht eingerechnet" not in text,
        "error": float(bound.group(1)) if bound else None,
    }


def feasible(figures: dict[str, Any] | None, dim: str, fakes: int) -> tuple[float, float]:
    """The interval of real scores consistent with the page (one real company)."""
    if figures is None or figures["values"][dim] == "–":
        return 0.0, 100.0
    shown = figures["values"][dim]
    value = float(shown.replace(",", "."))
    error = figures["error"]
    if error is None:  # no rounding stated: half a unit of the last digit shown
        error = 0.05 if "," in shown else 0.5
    n = figures["n"]
    in_group = fakes if figures["own_counted"] else fakes - 1
    assert n - in_group == 1, "the attacker's best case: one real company"
    known = in_group * FAKE[dim]
    low, high = n * (value - error) - known, n * (value + error) - known
    return max(0.0, low), min(100.0, high)


@pytest.mark.parametrize("fakes", [5, 9])
@pytest.mark.parametrize("real", [40, 60])
def test_fake_checks_cannot_pin_a_real_company(app: Flask, fakes: int, real: int) -> None:
    real_scores = {"eins": real, "zwei": real - 30}
    complete_check(app.test_client(), PROFILE, **real_scores)
    tokens = [complete_check(app.test_client(), PROFILE, **FAKE) for _ in range(fakes)]
    let_time_pass(app, days=2)
    attacker = app.test_client()
    page = attacker.get(f"/a/{tokens[0]}/ergebnis?neu=1")  # a query string: never a stored page
    assert page.status_code == 200
    figures = peer_figures(page.get_data(as_text=True))
    for dim, truth in real_scores.items():
        low, high = feasible(figures, dim, fakes)
        assert low <= truth <= high, (dim, low, high, figures)  # the attacker's model is right
        assert high - low > 20, f"{dim}: the real score is pinned to [{low}, {high}]"


def test_every_page_of_a_group_shows_the_same_values(app: Flask) -> None:
    """Were each page to leave out its own check, nine fakes with different scores would
    see nine differently shifted means and narrow the real score down together."""
    complete_check(app.test_client(), PROFILE, eins=40, zwei=10)
    tokens = [
        complete_check(app.test_client(), PROFILE, eins=10 * i, zwei=100 - 10 * i) for i in range(9)
    ]
    let_time_pass(app, days=2)
    attacker = app.test_client()
    seen = []
    for token in tokens:
        page = attacker.get(f"/a/{token}/ergebnis?neu=1")
        figures = peer_figures(page.get_data(as_text=True))
        assert figures is not None
        seen.append((figures["values"], figures["n"]))
    assert all(item == seen[0] for item in seen)
