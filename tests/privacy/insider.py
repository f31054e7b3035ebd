"""What an insider (the company owner, or a consultant) can read off a campaign's pages and
downloads, and the arithmetic of the attacks on it: every figure a page shows, and the
answers of a newcomer recovered from two views as ``(n+1)·mean_new − n·mean_old``."""

from __future__ import annotations

import re
from typing import Any

from webpage import Element, parse


def cells(row: Element) -> list[str]:
    return [c.text.strip() for c in row.iter() if c.tag in ("th", "td")]


def table(page: Element, class_: str) -> list[list[str]]:
    """The rows of the first table with ``class_``; [] if the page has none."""
    found = page.find("table", class_=class_)
    return [] if found is None else [cells(row) for row in found.find_all("tr")]


def number(text: str) -> float | None:
    """A German number as shown ("91,7", "−41,7", "+62,5"); None for "–" or words."""
    cleaned = text.replace("−", "-").replace("+", "").replace(",", ".").replace("%", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        return None


def figures(html: bytes | str) -> dict[str, Any]:
    """Every figure of a campaign page apart from how many answers came in: the groups and
    their counts, the scores table, the radar data, the answer counts of the questions
    people disagree on, the needs table. Empty if the page shows no figure."""
    page = parse(html)
    found: dict[str, Any] = {}
    groups = re.findall(r"Gezeigt werden Gruppen ab \d+ Antworten:[^.]*\.", page.text)
    left_out = re.findall(r"\d+ Antworten aus kleineren Gruppen", page.text)
    items = [
        cells(row)
        for t in page.find_all("table", class_="team-answers")
        for row in t.find_all("tr")
    ]
    parts = {
        "groups": groups,
        "left_out": left_out,
        "scores": table(page, "team-table"),
        "needs": table(page, "team-needs"),
        "answers": items,
        "radar": [
            s.text for s in page.find_all("script") if (s.get("id") or "").startswith("team-data")
        ],
    }
    for key, value in parts.items():
        if value:
            found[key] = value
    return found


def group_sizes(page_figures: dict[str, Any]) -> dict[str, int]:
    """The shown role groups and their n, from "Gezeigt werden Gruppen ab 3 Antworten: …"."""
    text = " ".join(page_figures.get("groups", []))
    return {name.strip(): int(n) for name, n in re.findall(r"([^:,]+?) \((\d+)\)", text)}


def newcomer_scores(before: dict[str, Any], after: dict[str, Any]) -> dict[str, float]:
    """The differencing attack: for the one group that grew by one answer between the two
    views, ``(n+1)·mean_new − n·mean_old`` per dimension is the newcomer's score."""
    old, new = group_sizes(before), group_sizes(after)
    grown = [g for g in new if g in old and new[g] == old[g] + 1]
    scores_before, scores_after = before.get("scores", []), after.get("scores", [])
    if len(grown) != 1 or not scores_before or not scores_after:
        return {}
    column = list(new).index(grown[0]) + 1
    n = old[grown[0]]
    recovered = {}
    for row_old, row_new in zip(scores_before[1:], scores_after[1:], strict=True):
        mean_old, mean_new = number(row_old[column]), number(row_new[column])
        if mean_old is not None and mean_new is not None:
            recovered[row_new[0]] = round((n + 1) * mean_new - n * mean_old, 1)
    return recovered


def newcomer_needs(before: dict[str, Any], after: dict[str, Any]) -> dict[str, bool]:
    """The same attack on the needs table's column over everyone: ``n_new·p_new − n_old·p_old``
    (whole percent, so ±0.1 person) says whether the newcomer named each group."""
    old, new = before.get("needs", []), after.get("needs", [])
    if not old or not new:
        return {}
    n_old = int(re.findall(r"\((\d+)\)", old[0][2])[0])
    n_new = int(re.findall(r"\((\d+)\)", new[0][2])[0])
    if n_new != n_old + 1:
        return {}
    named = {}
    for row_old, row_new in zip(old[1:], new[1:], strict=True):
        share_old, share_new = number(row_old[2]), number(row_new[2])
        assert share_old is not None and share_new is not None
        named[row_new[1]] = round((n_new * share_new - n_old * share_old) / 100) == 1
    return named
