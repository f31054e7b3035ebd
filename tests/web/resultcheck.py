"""Compare a result page with the scoring engine's result for the same answers."""

from __future__ import annotations

from babel.numbers import format_decimal
from webpage import Element, json_script

from zzcheck.scoring import Result, display_score


def shown(score: float | None) -> str:
    """A score as the German page prints it ("62,5"), or the not-rated text."""
    rounded = display_score(score)
    return "zu wenige Antworten" if rounded is None else format_decimal(rounded, locale="de")


def assert_result_page(root: Element, result: Result) -> None:
    """Overall score and level, the table, the radar data and the next steps match ``result``."""
    data = result.to_dict("de")
    if result.overall is not None:
        assert root.find(class_="score-number").text == shown(result.overall)
        assert (
            root.find(class_="overall-level").text == f"Stufe: {data['overall']['level']['name']}"
        )
    for dim in data["dimensions"]:
        row = root.find("tr", data_dimension=dim["id"])
        assert row is not None, dim["id"]
        cells = [cell.text for cell in row.find_all() if cell.tag in ("th", "td")]
        level = dim["level"]["name"] if dim["level"] else "–"
        expected = [dim["title"], shown(result.dimension(dim["id"]).score), level]
        assert cells == [*expected, f"{dim['answered']} von {dim['total']}"]
    figure = json_script(root, "radar-data")
    assert figure["data"][0]["r"][:-1] == [display_score(d.score) for d in result.dimensions]
    assert_steps(root, data["recommendations"])


def assert_steps(root: Element, recommendations: list[dict[str, object]]) -> None:
    """The first steps on top in rank order; every other step once, grouped by area (the
    area of the most urgent step first, steps of no area last), in rank order within it."""
    first = root.find(class_="first-steps")
    shown_first = [h3.text for h3 in first.find_all("h3")] if first is not None else []
    assert shown_first == [step["title"] for step in recommendations if step["first"]]
    groups: dict[object, list[object]] = {}
    for step in recommendations:
        if not step["first"]:
            area = step["dimension"]
            key = area["id"] if isinstance(area, dict) else None
            groups.setdefault(key, []).append(step["title"])
    if None in groups:
        groups[None] = groups.pop(None)  # last
    section = root.find(class_="steps-by-area")
    assert section is not None
    shown_groups = [[h4.text for h4 in ul.find_all("h4")] for ul in section.find_all("ul")]
    assert shown_groups == list(groups.values())
