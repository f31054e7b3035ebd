"""Attack: reconstructing companies' scores from the quantiles of a small group (issue 13,
point 4).

Programme staff see per group the 10th percentile, the quartiles, the median, the 90th
percentile and the mean, on the page and in the CSV export. Over a group of exactly 5 these
interpolated quantiles give all five scores (``x1 = Q1``, ``x2 = median``, ``x3 = Q3``,
``x0 = (p10 − 0.4·Q1)/0.6``, ``x4 = (p90 − 0.4·Q3)/0.6``); over 3·k − 1 = 14 companies with
the few values a dimension score takes (here multiples of 10), each quantile between two
neighbouring ranks decodes to exactly one pair of scores. The attacker, logged in as
programme staff, reads both and tries; every quantile of such a group that lands on one
possible pair (or on a rank) pins a company's score.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakecheck import complete_check, write_questionnaire
from flask import Flask
from flask.testing import FlaskClient

QUANTILES = {"p10": 0.1, "q1": 0.25, "median": 0.5, "q3": 0.75, "p90": 0.9}
CSV_TITLES = {
    "mean": "Mittelwert",
    "p10": "10. Perzentil",
    "q1": "1. Quartil",
    "median": "Median",
    "q3": "3. Quartil",
    "p90": "90. Perzentil",
}
PAGE_ORDER = ("p10", "q1", "median", "q3", "p90", "mean")
GRID = range(0, 101, 10)
SCORES = {
    5: [10, 30, 40, 70, 90],
    14: [0, 10, 20, 20, 30, 40, 50, 50, 60, 70, 80, 90, 90, 100],
}
QUERY = "questionnaire=skala&by=state"


@pytest.fixture
def app_config(app_config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": write_questionnaire(tmp_path / "q")}


def number(text: str) -> float | None:
    text = text.strip()
    if not text or text == "–":
        return None
    return float(text.replace(".", "").replace(",", ".")) if "," in text else float(text)


def from_page(client: FlaskClient, dim: str) -> dict[str, float | None]:
    """The distribution table of the programme page for the group Sachsen."""
    response = client.get(f"/programm/?{QUERY}&measure={dim}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    table = re.search(r'<table class="aggregate" id="table-distribution">.*?</table>', html, re.S)
    assert table is not None
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(0), re.S):
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        if cells and cells[0].strip() == "Sachsen":
            return dict(zip(PAGE_ORDER, map(number, cells[2:]), strict=True))
    raise AssertionError("no row for Sachsen")


def from_csv(client: FlaskClient, dim: str) -> dict[str, float | None]:
    response = client.get(f"/programm/export.csv?{QUERY}")
    assert response.status_code == 200
    rows = list(
        csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    header, body = rows[0], rows[1:]
    row = next(r for r in body if "Sachsen" in r)
    title = {"eins": "Bereich eins", "zwei": "Bereich zwei"}[dim]
    return {
        stat: number(row[header.index(f"{title}: {name}")]) for stat, name in CSV_TITLES.items()
    }


def pinned(stats: dict[str, float | None], n: int) -> dict[int, float]:
    """Order statistics (rank → score) that the published quantiles determine."""
    found: dict[int, float] = {}
    for name, p in QUANTILES.items():
        value = stats.get(name)
        if value is None:
            continue
        rank = p * (n - 1)
        low = int(rank)
        frac = rank - low
        if frac == 0:
            if any(abs(value - g) < 0.051 for g in GRID):
                found[low] = value
            continue
        pairs = [
            (a, b)
            for a, b in itertools.combinations_with_replacement(GRID, 2)
            if abs(a + frac * (b - a) - value) < 0.051
        ]
        if len(pairs) == 1:
            found[low] = pairs[0][0]
            if frac:
                found[low + 1] = pairs[0][1]
    return found


@pytest.mark.parametrize("n", sorted(SCORES))
def test_quantiles_of_a_small_group_give_away_no_company(
    app: Flask,
    create_user: Callable[..., Any],
    login: Callable[..., Any],
    n: int,
) -> None:
    truth = {"eins": SCORES[n], "zwei": [100 - s for s in SCORES[n]]}
    profile = {"industry": "C", "size": "10-49", "state": "DE-SN", "works_council": "no"}
    for eins, zwei in zip(truth["eins"], truth["zwei"], strict=True):
        complete_check(app.test_client(), profile, eins, zwei)
    staff = app.test_client()
    login(staff, create_user(role="programme"))
    for dim, scores in truth.items():
        ordered = sorted(scores)
        for source in (from_page, from_csv):
            stats = source(staff, dim)
            assert stats["mean"] == pytest.approx(sum(scores) / n, abs=0.05)  # group shown
            recovered = pinned(stats, n)
            right = {rank: v for rank, v in recovered.items() if ordered[rank] == v}
            assert right == {}, f"{source.__name__} {dim}: ranks {right} of {ordered}"
