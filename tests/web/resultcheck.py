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
    lists = root.find_all("ol", class_="next-steps")
    steps = [h3.text for ol in lists for h3 in ol.find_all("h3")]
    assert steps == [step["title"] for step in data["recommendations"]]
    if lists:  # the five most urgent in view, the rest behind a disclosure
        assert len(lists[0].find_all("h3")) == min(5, len(steps))
