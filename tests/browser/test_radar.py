"""The radar chart in a real browser: local plotly bundle + radar.js, under a strict CSP.

A test-only page (``templates/chart_test/radar.html`` here) embeds ``radar_figure`` of a
real scoring result under a strict CSP: no 'unsafe-eval', no inline scripts and no inline
styles (plotly's own CSS comes from static/vendor/plotly.css, linked with the id and class
that stop plotly from injecting a <style>). Any violation shows up in ``page_errors``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Blueprint, Flask, current_app, render_template
from playwright.sync_api import Dialog, Page
from werkzeug.wrappers import Response

from zzcheck.charts import overlay_radar_figure, radar_figure
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.scoring import Result, score

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "charts.yaml"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
ALL_ANSWERED = {
    "q_strategie": "o1",
    "q_daten": "o4",
    "q_technik": "o2",
    "q_recht": "o3",
    "q_kultur": "o2",
}

chart_test = Blueprint("chart_test", __name__, template_folder="templates")


@chart_test.get("/_test/radar/<lang>")
def radar_page(lang: str) -> Response:
    figures = current_app.extensions["chart_test_figures"]
    html = render_template("chart_test/radar.html", lang=lang, figures=figures)
    return Response(html, mimetype="text/html", headers={"Content-Security-Policy": CSP})


@pytest.fixture
def app(app: Flask) -> Flask:
    """The shared app plus the test page; figures go into ``extensions`` per test."""
    app.register_blueprint(chart_test)
    app.extensions["chart_test_figures"] = {}
    return app


def scored(answers: dict[str, str], **dimension_titles: str) -> Result:
    """A result of the chart fixture questionnaire; keyword args replace German titles."""
    data: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    for dimension in data["dimensions"]:
        if dimension["id"] in dimension_titles:
            dimension["title"] = {"de": dimension_titles[dimension["id"]], "en": None}
    return score(Questionnaire.model_validate(data), answers)


def polar_point_count(page: Page, selector: str) -> int:
    return page.locator(f"{selector} .polarlayer .trace.scatter .points path.point").count()


def test_radar_draws_one_point_per_dimension_and_closes(
    app: Flask,
    live_server: Any,
    page: Page,
    page_errors: list[str],
    wait_for_chart: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    app.extensions["chart_test_figures"]["result"] = radar_figure(scored(ALL_ANSWERED), "de")

    page.goto(live_server.url_for("chart_test.radar_page", lang="de"))
    wait_for_chart(page, "#chart-result")
    screenshot(page, "radar-de")

    assert polar_point_count(page, "#chart-result") == 5 + 1
    drawn = page.evaluate("() => document.getElementById('chart-result').data[0].r")
    assert drawn == [25.0, 100.0, 50.0, 75.0, 50.0, 25.0]
    lines = page.locator("#chart-result .angularaxistick text tspan.line").all_text_contents()
    assert lines[-3:] == ["Kultur &", "Veränderungs-", "bereitschaft"]
    assert page.locator("#chart-result .main-svg").first.is_visible()
    assert "Diagramm wird geladen" not in page.locator("#chart-result").inner_text()
    assert page_errors == []


def test_hover_shows_title_score_and_level(
    app: Flask,
    live_server: Any,
    page: Page,
    page_errors: list[str],
    wait_for_chart: Callable[[Page, str], None],
) -> None:
    app.extensions["chart_test_figures"]["result"] = radar_figure(scored(ALL_ANSWERED), "de")
    page.goto(live_server.url_for("chart_test.radar_page", lang="de"))
    wait_for_chart(page, "#chart-result")

    box = page.locator("#chart-result .polarlayer .points path.point").nth(2).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator("#chart-result .hoverlayer .hovertext")
    hover.wait_for(timeout=5_000)

    lines = hover.locator("tspan.line").all_text_contents()
    assert lines == ["IT & Technik", "50,0 von 100 Punkten", "Anwender"]
    assert page_errors == []


def test_hostile_title_and_unrated_dimension_stay_text(
    app: Flask,
    live_server: Any,
    page: Page,
    page_errors: list[str],
    wait_for_chart: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    hostile = "</script><script>alert(1)</script><b>x</b>"
    answers = {k: v for k, v in ALL_ANSWERED.items() if k != "q_kultur"}
    result = scored(answers, daten=hostile)
    app.extensions["chart_test_figures"]["hostile"] = radar_figure(result, "en")

    page.goto(live_server.url_for("chart_test.radar_page", lang="en"))
    wait_for_chart(page, "#chart-hostile")
    screenshot(page, "radar-en-unrated")

    labels = page.locator("#chart-hostile .angularaxistick text").all_text_contents()
    assert "</script><script>alert(1)</script><b>x</b>" in labels  # one line, as text
    lines = page.locator("#chart-hostile .angularaxistick text tspan.line").all_text_contents()
    assert lines[-2:] == ["(not enough", "answers)"]
    assert page.locator("#chart-hostile .angularaxistick text b").count() == 0
    assert polar_point_count(page, "#chart-hostile") == 4 + 1  # the gap draws no point
    assert dialogs == []
    assert page_errors == []


LABELS_OUTSIDE_JS = """el => {
  const box = el.getBoundingClientRect();
  return [...el.querySelectorAll('.angularaxistick text')]
    .map(t => t.getBoundingClientRect())
    .filter(r => r.left < box.left - 1 || r.right > box.right + 1).length;
}"""


@pytest.mark.parametrize("width", [360, 1024])
def test_labels_and_overlay_fit_the_container(
    width: int,
    app: Flask,
    live_server: Any,
    page: Page,
    page_errors: list[str],
    wait_for_chart: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    titles = [
        "Strategie & Ziele",
        "Daten",
        "IT & Technik",
        "Recht, Sicherheit & Ethik",
        "Kultur & Veränderungsbereitschaft",
    ]
    traces = [(f"0{i}/2026", [10.0 * i, 50.0, None, 60.0, 15.0 * i]) for i in range(1, 4)]
    figures = app.extensions["chart_test_figures"]
    figures["result"] = radar_figure(scored({"q_strategie": "o1", "q_recht": "o3"}), "de")
    figures["overlay"] = overlay_radar_figure(traces, titles, "de")
    page.set_viewport_size({"width": width, "height": 800})

    page.goto(live_server.url_for("chart_test.radar_page", lang="de"))
    wait_for_chart(page, "#chart-result")
    wait_for_chart(page, "#chart-overlay")
    screenshot(page, f"radar-{width}px")

    for chart in ("#chart-result", "#chart-overlay"):
        assert page.locator(chart).evaluate(LABELS_OUTSIDE_JS) == 0
    assert page.locator("#chart-overlay .polarlayer .trace.scatter").count() == 3
    assert page.locator("#chart-overlay .legend .traces").count() == 3
    assert page_errors == []
