"""The server-drawn radar: geometry (100 on the outer ring, 0 at the centre, n axes at 360/n
degrees), gaps for unrated dimensions, a dashed second trace, escaping and determinism."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from zzcheck.charts import COLOURS
from zzcheck.report.labels import wrap_label
from zzcheck.report.svg import (
    GEOMETRY,
    RadarTrace,
    axis_angle,
    polar_point,
    radar_svg,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
TITLES = ["Strategie & Ziele", "Daten", "IT & Technik", "Kultur & Veränderungsbereitschaft"]
CX, CY = GEOMETRY.centre
R = GEOMETRY.radius


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # also proves the output is well-formed XML


def vertices(root: ET.Element, trace: int = 0) -> list[tuple[float, float]]:
    group = root.find(f"svg:g[@data-trace='{trace}']", NS)
    assert group is not None
    polygon = group.find("svg:polygon", NS)
    assert polygon is not None
    return [tuple(map(float, pair.split(","))) for pair in polygon.get("points", "").split()]  # type: ignore[misc]


def polar(x: float, y: float) -> tuple[float, float]:
    """(distance from the centre, degrees clockwise from 12 o'clock) of an SVG point."""
    distance = math.hypot(x - CX, y - CY)
    return distance, math.degrees(math.atan2(x - CX, CY - y)) % 360


def label_texts(root: ET.Element) -> list[str]:
    return [
        " ".join("".join(t.itertext()) for t in label)
        for label in root.iterfind(".//svg:text[@class='axis-label']", NS)
    ]


@pytest.mark.parametrize("count", [1, 3, 5, 7, 12])
def test_axis_i_of_n_points_at_i_times_360_over_n_degrees(count: int) -> None:
    root = parse(radar_svg([f"D{i}" for i in range(count)], [RadarTrace("x", (50.0,) * count)]))
    axes = root.findall("svg:line[@class='axis']", NS)
    assert len(axes) == count
    for i, axis in enumerate(axes):
        distance, angle = polar(float(axis.get("x2", "")), float(axis.get("y2", "")))
        assert distance == pytest.approx(R, abs=0.01)
        assert angle == pytest.approx(i * 360 / count, abs=0.01) or (
            i == 0 and angle == pytest.approx(360, abs=0.01)
        )
        assert axis_angle(i, count) == pytest.approx(i * 360 / count)


def test_100_lies_on_the_outer_ring_and_0_at_the_centre() -> None:
    root = parse(radar_svg(TITLES, [RadarTrace("x", (100.0, 0.0, 100.0, 50.0))]))
    outer = max(float(c.get("r", "")) for c in root.iterfind("svg:circle[@class='ring']", NS))
    assert outer == pytest.approx(R)
    points = [polar(x, y) for x, y in vertices(root)]
    assert points[0][0] == pytest.approx(outer, abs=0.01) and points[0][1] == pytest.approx(
        0, abs=0.01
    )
    assert points[1][0] == pytest.approx(0, abs=0.01)
    assert points[2] == pytest.approx((outer, 180.0), abs=0.01)
    assert points[3] == pytest.approx((outer / 2, 270.0), abs=0.01)


def test_polar_point_is_exact_at_the_quarter_turns() -> None:
    assert polar_point(100, 0, (10, 10), 5) == pytest.approx((10, 5))
    assert polar_point(100, 90, (10, 10), 5) == pytest.approx((15, 10))
    assert polar_point(40, 180, (10, 10), 5) == pytest.approx((10, 12))
    assert polar_point(0, 123, (10, 10), 5) == pytest.approx((10, 10))


def test_level_rings_are_drawn_at_their_bounds() -> None:
    root = parse(radar_svg(TITLES, [RadarTrace("x", (10.0,) * 4)], rings=[0, 20, 45, 100]))
    radii = sorted(float(c.get("r", "")) for c in root.iterfind("svg:circle[@class='ring']", NS))
    assert radii == pytest.approx([R * 0.2, R * 0.45, R])  # 0 is the centre, not a ring
    values = [t.text for t in root.iterfind("svg:text[@class='ring-value']", NS)]
    assert values == ["20", "45", "100"]


def test_an_unrated_dimension_is_a_gap_with_a_marked_label() -> None:
    svg = radar_svg(
        TITLES, [RadarTrace("x", (80.0, None, 60.0, 40.0))], not_rated="zu wenige Antworten"
    )
    root = parse(svg)
    points = [polar(x, y) for x, y in vertices(root)]
    assert [round(angle) for _d, angle in points] == [0, 180, 270]  # the polygon skips axis 1
    assert len(root.findall("svg:g[@data-trace='0']/svg:circle", NS)) == 3
    labels = label_texts(root)
    assert labels[1] == "Daten (zu wenige Antworten)"
    assert all("zu wenige" not in label for i, label in enumerate(labels) if i != 1)
    dotted = [a.get("stroke-dasharray") for a in root.iterfind("svg:line[@class='axis']", NS)]
    assert dotted == [None, "2 3", None, None]


def test_a_second_trace_is_dashed_unfilled_and_in_the_legend() -> None:
    traces = [
        RadarTrace("Ihr Ergebnis", (80.0, 20.0, 60.0, 40.0)),
        RadarTrace("Branche", (50.0, 50.0, None, 50.0)),
    ]
    root = parse(radar_svg(TITLES, traces))
    own = root.find("svg:g[@data-trace='0']/svg:polygon", NS)
    peer = root.find("svg:g[@data-trace='1']/svg:polygon", NS)
    assert own is not None and peer is not None
    assert own.get("stroke-dasharray") is None and own.get("fill") != "none"
    assert peer.get("stroke-dasharray") and peer.get("fill") == "none"
    assert len(vertices(root, 1)) == 3
    legend = ["".join(g.itertext()) for g in root.iterfind("svg:g[@class='legend-entry']", NS)]
    assert legend == ["Ihr Ergebnis", "Branche"]
    assert "zu wenige" not in " ".join(label_texts(root))  # only the first trace marks gaps


def test_a_trace_keeps_its_style_and_gaps_can_be_given() -> None:
    """Team radars: the style is the group's, whatever its position; nothing is filled; an
    axis is a gap only where the caller says so."""
    traces = [
        RadarTrace("Betriebsrat", (80.0, None, 60.0, 40.0), style=2),
        RadarTrace("IT", (50.0, 50.0, 50.0, 50.0), style=3),
    ]
    root = parse(radar_svg(TITLES, traces, fill_first=False, gaps=[False, False, False, True]))
    polygons = [root.find(f"svg:g[@data-trace='{i}']/svg:polygon", NS) for i in (0, 1)]
    assert [p.get("stroke") for p in polygons if p is not None] == [COLOURS[2], COLOURS[3]]
    assert [p.get("stroke-dasharray") for p in polygons if p is not None] == ["2 3", "9 3 2 3"]
    assert [p.get("fill") for p in polygons if p is not None] == ["none", "none"]
    triangles = root.findall("svg:g[@data-trace='1']/svg:polygon[@class='marker']", NS)
    assert len(triangles) == 4 and all(len(t.get("points", "").split()) == 3 for t in triangles)
    diamonds = root.findall("svg:g[@data-trace='0']/svg:polygon[@class='marker']", NS)
    assert len(diamonds) == 3 and all(len(d.get("points", "").split()) == 4 for d in diamonds)
    legend_lines = root.findall("svg:g[@class='legend-entry']/svg:line", NS)
    assert [line.get("stroke-dasharray") for line in legend_lines] == ["2 3", "9 3 2 3"]
    labels = label_texts(root)
    assert labels[3].endswith("(zu wenige Antworten)") and "zu wenige" not in labels[1]


def test_a_single_trace_has_no_legend() -> None:
    root = parse(radar_svg(TITLES, [RadarTrace("x", (1.0, 2.0, 3.0, 4.0))]))
    assert root.findall(".//svg:g[@class='legend-entry']", NS) == []


def test_every_text_is_escaped() -> None:
    hostile = ['<script>alert("x")</script> & Co', "Daten 'roh'", "A\x00B\x1b"]
    traces = [RadarTrace("", (1.0, 2.0, 3.0)), RadarTrace('</svg><b onload="x">', (4.0, 5.0, 6.0))]
    svg = radar_svg(hostile, traces, description="Netz & <Diagramm>")
    root = parse(svg)
    assert "<script" not in svg and "<b " not in svg
    assert root.findall(".//svg:script", NS) == []
    assert label_texts(root)[:2] == ['<script>alert("x")</script> & Co', "Daten 'roh'"]
    assert label_texts(root)[2] == "AB"  # characters XML forbids are dropped
    assert root.find("svg:title", NS).text == "Netz & <Diagramm>"  # type: ignore[union-attr]
    legend = ["".join(g.itertext()) for g in root.iterfind("svg:g[@class='legend-entry']", NS)]
    assert legend[1] == '</svg><b onload="x">'


def test_the_output_is_deterministic() -> None:
    traces = [RadarTrace("a", (33.3, None, 66.7, 12.5)), RadarTrace("b", (1 / 3, 50.0, 99.9, 0.0))]
    first = radar_svg(TITLES, traces, rings=[0, 20, 40, 60, 80])
    assert radar_svg(list(TITLES), list(traces), rings=(80, 60, 40, 20, 0)) == first
    numbers = re.findall(r' (?:x|y|x1|y1|x2|y2|cx|cy|r)="([^"]*)"', first)
    numbers += [n for p in re.findall(r'points="([^"]*)"', first) for n in re.split("[ ,]", p)]
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d{1,2})?", n) and n != "-0" for n in numbers)


def test_labels_wrap_and_long_german_words_are_hyphenated() -> None:
    assert wrap_label("Kultur & Veränderungsbereitschaft", 16) == [
        "Kultur &",
        "Veränderungs-",
        "bereitschaft",
    ]
    assert wrap_label("Recht, Sicherheit & Ethik", 16) == ["Recht,", "Sicherheit &", "Ethik"]
    assert wrap_label("<script>alert(1)</script>", 8) == [
        "<script>alert(1)</script>"
    ]  # no hyphen in markup


@pytest.mark.parametrize(
    ("titles", "scores", "message"),
    [
        ([], (), "at least one axis"),
        (["a", "b"], (1.0,), "1 scores for 2 axes"),
        (["a"], (101.0,), "between 0 and 100"),
        (["a"], (-1.0,), "between 0 and 100"),
    ],
)
def test_bad_input_is_refused(titles: list[str], scores: tuple[float, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        radar_svg(titles, [RadarTrace("x", scores)])


def test_an_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="style lies between 0 and 5"):
        radar_svg(["a"], [RadarTrace("x", (1.0,), style=6)])
