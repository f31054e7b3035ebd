"""Chart figure dicts (zzcheck/charts.py): structure, language, gaps, safe JSON, overlays."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from zzcheck.charts import (
    COLOURS,
    PLOTLY_JS_VERSION,
    figure_json,
    overlay_radar_figure,
    radar_figure,
)
from zzcheck.questionnaire.model import Questionnaire
from zzcheck.scoring import Result, score

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "charts.yaml"
ALL_ANSWERED = {
    "q_strategie": "o1",
    "q_daten": "o4",
    "q_technik": "o2",
    "q_recht": "o3",
    "q_kultur": "o2",
}
HOSTILE = "</script><script>alert(1)</script>"


def scored(answers: dict[str, str], **titles: str) -> Result:
    """A result of tests/fixtures/charts.yaml; keyword args replace a dimension's titles."""
    data: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    for dimension in data["dimensions"]:
        if dimension["id"] in titles:
            dimension["title"] = {"de": titles[dimension["id"]], "en": titles[dimension["id"]]}
    return score(Questionnaire.model_validate(data), answers)


def label_text(theta: str) -> str:
    """What a one-line axis label reads as: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", theta))


def test_radar_is_one_closed_scatterpolar_of_the_dimension_scores() -> None:
    fig = radar_figure(scored(ALL_ANSWERED), "de")

    (trace,) = fig["data"]
    assert trace["type"] == "scatterpolar"
    assert trace["r"] == [25.0, 100.0, 50.0, 75.0, 50.0, 25.0]
    assert len(trace["theta"]) == 6
    assert trace["theta"][-1] == trace["theta"][0]
    assert trace["fill"] == "toself"
    assert fig["layout"]["polar"]["radialaxis"]["range"] == [0, 100]
    assert fig["layout"]["showlegend"] is False


@pytest.mark.parametrize(
    ("lang", "first", "last", "unit", "separators"),
    [
        (
            "de",
            "Strategie &amp;<br>Ziele",
            "Kultur &amp;<br>Veränderungs-<br>bereitschaft",
            "von 100",
            ",.",
        ),
        ("en", "Strategy &amp;<br>goals", "Culture &amp;<br>openness to<br>change", "of 100", ".,"),
    ],
)
def test_radar_labels_are_in_the_language(
    lang: str, first: str, last: str, unit: str, separators: str
) -> None:
    fig = radar_figure(scored(ALL_ANSWERED), lang)

    (trace,) = fig["data"]
    assert [trace["theta"][0], trace["theta"][4]] == [first, last]
    assert unit in trace["hovertemplate"]
    assert trace["customdata"][1][1] == {"de": "Vorreiter", "en": "Pioneer"}[lang]
    assert fig["layout"]["separators"] == separators


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Recht, Sicherheit & Ethik", "Recht,<br>Sicherheit &amp;<br>Ethik"),
        ("Anwendungsfälle & Prozesse", "Anwendungs-<br>fälle &amp;<br>Prozesse"),
        ("Daten- und Urteilskompetenz", "Daten- und<br>Urteils-<br>kompetenz"),
        ("KI-Grundkompetenz", "KI-<br>Grundkompetenz"),
        ("Daten", "Daten"),
    ],
)
def test_long_titles_wrap_and_hyphenate_to_fit_a_phone(title: str, label: str) -> None:
    fig = overlay_radar_figure([("a", [1.0]), ("b", [2.0])], [title], "de")

    assert fig["data"][0]["theta"] == [label, label]
    assert fig["data"][0]["customdata"][0] == html.escape(title)


def test_unrated_dimension_is_a_gap_with_a_label_not_a_zero() -> None:
    answers = {k: v for k, v in ALL_ANSWERED.items() if k != "q_daten"}
    (trace,) = radar_figure(scored(answers), "de")["data"]

    assert trace["r"] == [25.0, None, 50.0, 75.0, 50.0, 25.0]
    assert trace["connectgaps"] is True
    assert trace["theta"][1] == "Daten<br>(zu wenige<br>Antworten)"
    assert "zu wenige" not in trace["theta"][0]


def test_radar_rejects_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="fr"):
        radar_figure(scored(ALL_ANSWERED), "fr")


def test_radial_ticks_mark_the_level_bounds() -> None:
    fig = radar_figure(scored(ALL_ANSWERED), "de")

    assert fig["layout"]["polar"]["radialaxis"]["tickvals"] == [0, 20, 40, 60, 80, 100]


def test_figure_json_cannot_end_the_script_element() -> None:
    fig = radar_figure(scored(ALL_ANSWERED, daten=HOSTILE), "de")
    fig["layout"]["title"] = {"text": HOSTILE + "<!--"}  # raw, as a caller might add

    text = figure_json(fig)

    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in text
    assert json.loads(text) == fig


def test_figure_json_rejects_nan_and_keeps_umlauts_readable() -> None:
    assert figure_json({"t": "Veränderung & <b>"}) == '{"t":"Veränderung \\u0026 \\u003cb\\u003e"}'
    with pytest.raises(ValueError):
        figure_json({"r": [float("nan")]})


def test_hostile_title_is_plain_text_for_plotly() -> None:
    (trace,) = radar_figure(scored(ALL_ANSWERED, daten=HOSTILE), "de")["data"]

    assert "<script>" not in trace["theta"][1]
    assert label_text(trace["theta"][1]) == HOSTILE
    assert trace["customdata"][1][0] == html.escape(HOSTILE)


def test_overlay_traces_have_distinct_colours_dashes_and_symbols() -> None:
    titles = ["A", "B", "C"]
    traces = [(f"0{i}/2026", [10.0 * i, 50.0, None]) for i in range(1, 7)]

    fig = overlay_radar_figure(traces, titles, "en")

    data = fig["data"]
    assert [t["name"] for t in data] == [label for label, _ in traces]
    for key, part in (("line", "color"), ("line", "dash"), ("marker", "symbol")):
        assert len({t[key][part] for t in data}) == 6
    assert data[2]["r"] == [30.0, 50.0, None, 30.0]
    assert all(t["theta"] == ["A", "B", "C", "A"] for t in data)  # a gap keeps its label
    assert all(t["type"] == "scatterpolar" for t in data)
    assert fig["layout"]["showlegend"] is True
    assert fig["layout"]["polar"]["radialaxis"]["range"] == [0, 100]


@pytest.mark.parametrize("count", [1, 7])
def test_overlay_needs_two_to_six_traces(count: int) -> None:
    with pytest.raises(ValueError, match="2–6"):
        overlay_radar_figure([("x", [1.0])] * count, ["A"], "de")


def test_overlay_scores_must_match_the_titles() -> None:
    with pytest.raises(ValueError, match="2 scores for 3 dimensions"):
        overlay_radar_figure([("a", [1.0, 2.0]), ("b", [1.0, 2.0])], ["A", "B", "C"], "de")


def test_overlay_labels_are_escaped() -> None:
    fig = overlay_radar_figure([("<i>a</i>", [1.0]), ("b", [2.0])], ["A"], "de")

    assert fig["data"][0]["name"] == "&lt;i&gt;a&lt;/i&gt;"


def contrast_on_white(colour: str) -> float:
    """WCAG 2.1 contrast ratio of an ``#rrggbb`` colour against white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_colours_are_distinct_and_contrast_at_least_3_to_1() -> None:
    assert len(set(COLOURS)) == len(COLOURS) == 6
    assert min(contrast_on_white(c) for c in COLOURS) >= 3.0


def test_served_bundle_is_the_version_the_charts_module_names() -> None:
    bundle = ROOT / "static" / "vendor" / "plotly.min.js"
    head = bundle.read_text(encoding="utf-8")[:300]
    lock = json.loads((ROOT / "bench" / "plotly-bundle" / "package-lock.json").read_text())

    assert f"plotly.js v{PLOTLY_JS_VERSION} " in head
    assert lock["packages"]["node_modules/plotly.js"]["version"] == PLOTLY_JS_VERSION


def test_served_bundle_needs_no_unsafe_eval_and_has_the_radar_trace() -> None:
    text = (ROOT / "static" / "vendor" / "plotly.min.js").read_text(encoding="utf-8")

    assert re.search(r"new Function|[^\w$.]eval\(", text) is None
    assert '"scatterpolar"' in text


def test_figures_are_valid_for_plotly() -> None:
    """plotly's Python figure class checks every property name and value (tests only: in a
    request it would cost about ten times the throughput)."""
    import plotly.graph_objects as go

    radar = radar_figure(scored({"q_daten": "o4"}), "de")
    overlay = overlay_radar_figure([("a", [1.0, None]), ("b", [2.0, 3.0])], ["A", "B"], "en")

    for fig in (radar, overlay):
        assert go.Figure(fig).to_plotly_json()["data"][0]["type"] == "scatterpolar"
