"""A radar chart as an SVG string, drawn in plain Python for the PDF report (no browser).

Geometry: axis ``i`` of ``n`` points at ``i·360/n`` degrees, clockwise from 12 o'clock (as
the web chart); a score ``s`` lies at ``s/100`` of the radius, so 0 is the centre and 100
the outer ring. A dimension without enough answers is a *gap*: the polygon joins its
neighbours (like plotly's ``connectgaps``), its axis is dotted and its label says so — a 0
would read as "worst". The output is deterministic (fixed rounding, nothing from clocks or
counters) and every text is XML-escaped, so a title like ``<script> & Co`` stays text.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from zzcheck.charts import COLOURS, GRID, INK, MUTED
from zzcheck.report.labels import label_lines

FONT = "'DejaVu Sans', 'Liberation Sans', sans-serif"  # fonts Debian ships
DASHARRAYS = ("", "7 4", "2 3", "9 3 2 3", "12 4", "4 4")  # style 0 solid, then dashed …
LEVEL_RINGS = (20.0, 40.0, 60.0, 80.0, 100.0)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class RadarTrace:
    """One polygon: a legend ``name`` and one score (0–100, or None) per axis. ``style``
    picks colour, dash and marker (default: the trace's position), so a group keeps its look
    whichever other groups are shown."""

    name: str
    scores: tuple[float | None, ...]
    style: int | None = None


@dataclass(frozen=True)
class Geometry:
    """Sizes in SVG user units (the chart scales with its box; fonts scale with it)."""

    width: float = 580.0
    radius: float = 140.0
    margin: float = 66.0  # above and below the outer ring, for the axis labels
    label_gap: float = 10.0
    font_size: float = 12.0
    line_height: float = 14.5
    label_chars: int = 16  # characters per label line; longer words are hyphenated
    legend_row: float = 20.0

    @property
    def centre(self) -> tuple[float, float]:
        return self.width / 2, self.margin + self.radius

    def height(self, legend_rows: int) -> float:
        return (
            2 * (self.margin + self.radius)
            + legend_rows * self.legend_row
            - (12 if legend_rows else 0)
        )


GEOMETRY = Geometry()


def axis_angle(index: int, count: int) -> float:
    """Degrees clockwise from 12 o'clock of axis ``index`` among ``count`` axes."""
    return 360.0 * index / count


def polar_point(
    score: float, angle: float, centre: tuple[float, float], radius: float
) -> tuple[float, float]:
    """SVG coordinates of ``score`` (0–100) on the axis at ``angle`` (y grows downwards)."""
    distance = radius * score / 100.0
    rad = math.radians(angle)
    return centre[0] + distance * math.sin(rad), centre[1] - distance * math.cos(rad)


def radar_svg(
    titles: Sequence[str],
    traces: Sequence[RadarTrace],
    *,
    rings: Sequence[float] = LEVEL_RINGS,
    not_rated: str = "zu wenige Antworten",
    description: str = "",
    hyphenation: str = "de_DE",
    geometry: Geometry = GEOMETRY,
    fill_first: bool = True,
    gaps: Sequence[bool] | None = None,
) -> str:
    """The chart as an ``<svg>`` element: ``rings`` (e.g. the level bounds) as circles, one
    polygon per trace (the first filled unless not ``fill_first``; style 0 solid, the others
    dashed; with a legend from two traces), and "(``not_rated``)" under each axis label that
    ``gaps`` marks (default: where the first trace has no score)."""
    _check(titles, traces, rings)
    count, g = len(titles), geometry
    legend_rows = len(traces) if len(traces) > 1 else 0
    if gaps is None:
        gaps = [s is None for s in traces[0].scores] if traces else [False] * count
    unrated = list(gaps)
    parts = [_open(g, g.height(legend_rows), description)]
    parts += _rings(g, rings)
    parts += [_axis(g, i, count, dotted=unrated[i]) for i in range(count)]
    for i, title in enumerate(titles):
        lines = label_lines(title, not_rated if unrated[i] else None, g.label_chars, hyphenation)
        parts.append(_label(g, i, count, lines))
    parts += [
        _trace(g, index, trace, filled=fill_first and index == 0)
        for index, trace in enumerate(traces)
    ]
    if legend_rows:
        parts += [_legend_row(g, index, trace) for index, trace in enumerate(traces)]
    return "\n".join([*parts, "</svg>"])


def _check(titles: Sequence[str], traces: Sequence[RadarTrace], rings: Sequence[float]) -> None:
    if not titles:
        raise ValueError("a radar needs at least one axis")
    if len(traces) > len(DASHARRAYS):
        raise ValueError(f"at most {len(DASHARRAYS)} traces, got {len(traces)}")
    for trace in traces:
        if not 0 <= _style(0, trace) < len(DASHARRAYS):
            raise ValueError(f"a trace style lies between 0 and {len(DASHARRAYS) - 1}")
        if len(trace.scores) != len(titles):
            raise ValueError(f"{len(trace.scores)} scores for {len(titles)} axes")
    values = [s for trace in traces for s in trace.scores if s is not None]
    if any(not 0 <= v <= 100 for v in [*values, *rings]):
        raise ValueError("scores and rings lie between 0 and 100")


def escape(text: str) -> str:
    """Text safe in XML content and attributes (characters XML forbids are dropped)."""
    return html.escape(_NOT_XML.sub("", text), quote=True)


def _n(value: float) -> str:
    """A coordinate, rounded to 0.01 and without trailing zeros: stable across runs."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _open(g: Geometry, height: float, description: str) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="radar" viewBox="0 0 {_n(g.width)} '
        f'{_n(height)}" width="{_n(g.width)}" height="{_n(height)}" role="img" '
        f'font-family="{FONT}" font-size="{_n(g.font_size)}">'
    )
    return head + (f"\n<title>{escape(description)}</title>" if description else "")


def _rings(g: Geometry, rings: Sequence[float]) -> list[str]:
    """Level rings (circles) with their value beside the 12 o'clock axis; 0 is the centre."""
    cx, cy = g.centre
    parts = []
    for value in sorted(set(rings)):
        if value <= 0:
            continue
        r = g.radius * value / 100.0
        parts.append(
            f'<circle class="ring" cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="none" '
            f'stroke="{GRID}" stroke-width="{"1.4" if value == 100 else "0.8"}"/>'
        )
        parts.append(
            f'<text class="ring-value" x="{_n(cx + 3)}" y="{_n(cy - r - 2)}" font-size="8" '
            f'fill="{MUTED}">{_n(value)}</text>'
        )
    return parts


def _axis(g: Geometry, index: int, count: int, dotted: bool) -> str:
    x, y = polar_point(100.0, axis_angle(index, count), g.centre, g.radius)
    dash = ' stroke-dasharray="2 3"' if dotted else ""
    return (
        f'<line class="axis" x1="{_n(g.centre[0])}" y1="{_n(g.centre[1])}" x2="{_n(x)}" '
        f'y2="{_n(y)}" stroke="{GRID}" stroke-width="0.8"{dash}/>'
    )


def _label(g: Geometry, index: int, count: int, lines: list[tuple[str, bool]]) -> str:
    """The axis label outside the outer ring, anchored away from the chart."""
    angle = math.radians(axis_angle(index, count))
    sin, cos = math.sin(angle), math.cos(angle)
    x, y = polar_point(100.0, axis_angle(index, count), g.centre, g.radius + g.label_gap)
    anchor = "start" if sin > 0.2 else "end" if sin < -0.2 else "middle"
    block = (len(lines) - 1) * g.line_height
    if cos > 0.2:  # upper half: the block ends at the anchor point
        first = y - block
    elif cos < -0.2:  # lower half: the block starts below it
        first = y + g.font_size
    else:
        first = y - block / 2 + g.font_size * 0.35
    spans = [
        _span(x, first + i * g.line_height, text, note) for i, (text, note) in enumerate(lines)
    ]
    return f'<text class="axis-label" text-anchor="{anchor}" fill="{INK}">{"".join(spans)}</text>'


def _span(x: float, y: float, text: str, note: bool) -> str:
    style = f' font-style="italic" fill="{MUTED}"' if note else ""
    return f'<tspan x="{_n(x)}" y="{_n(y)}"{style}>{escape(text)}</tspan>'


def _style(index: int, trace: RadarTrace) -> int:
    return index if trace.style is None else trace.style


def _trace(g: Geometry, index: int, trace: RadarTrace, filled: bool) -> str:
    """The polygon through the rated scores (gaps joined) and a marker on each of them."""
    count, style = len(trace.scores), _style(index, trace)
    points = [
        polar_point(score, axis_angle(i, count), g.centre, g.radius)
        for i, score in enumerate(trace.scores)
        if score is not None
    ]
    colour = COLOURS[style]
    fill = f'fill="{colour}" fill-opacity="0.16"' if filled else 'fill="none"'
    dash = f' stroke-dasharray="{DASHARRAYS[style]}"' if DASHARRAYS[style] else ""
    coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    parts = [f'<g class="trace" data-trace="{index}">']
    if len(points) > 1:
        parts.append(
            f'<polygon points="{coords}" {fill} stroke="{colour}" '
            f'stroke-width="{"2.5" if filled else "2"}" stroke-linejoin="round"{dash}/>'
        )
    parts += [_marker(style, x, y) for x, y in points]
    return "\n".join([*parts, "</g>"])


# Marker outlines around (0, 0) for the styles from 2 on (the web chart's symbols):
# diamond, triangle, cross, star.
_SHAPES: tuple[tuple[tuple[float, float], ...], ...] = (
    ((0, -4.5), (4.5, 0), (0, 4.5), (-4.5, 0)),
    ((0, -5), (4.5, 3.5), (-4.5, 3.5)),
    tuple(
        (r * math.cos(math.radians(a)), r * math.sin(math.radians(a)))
        for c in (45, 135, 225, 315)
        for a, r in ((c - 16, 5.4), (c + 16, 5.4), (c + 45, 1.6))
    ),
    tuple(
        (r * math.sin(math.radians(36 * i)), -r * math.cos(math.radians(36 * i)))
        for i, r in ((i, 5.2 if i % 2 == 0 else 2.3) for i in range(10))
    ),
)


def _marker(style: int, x: float, y: float) -> str:
    """Circle, square, diamond, triangle, cross, star: traces stay apart in black-and-white
    print."""
    colour = COLOURS[style]
    paint = f'fill="{colour}" stroke="#ffffff" stroke-width="1"'
    if style == 0:
        return f'<circle class="marker" cx="{_n(x)}" cy="{_n(y)}" r="4" {paint}/>'
    if style == 1:
        corner = f'x="{_n(x - 3.5)}" y="{_n(y - 3.5)}"'
        return f'<rect class="marker" {corner} width="7" height="7" {paint}/>'
    outline = " ".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in _SHAPES[style - 2])
    return f'<polygon class="marker" points="{outline}" {paint}/>'


def _legend_row(g: Geometry, index: int, trace: RadarTrace) -> str:
    """A line sample, the marker and the trace's name, below the chart."""
    y = 2 * (g.margin + g.radius) - 12 + index * g.legend_row
    x, style = g.width / 2 - 150, _style(index, trace)
    dash = f' stroke-dasharray="{DASHARRAYS[style]}"' if DASHARRAYS[style] else ""
    return (
        f'<g class="legend-entry"><line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x + 34)}" '
        f'y2="{_n(y)}" stroke="{COLOURS[style]}" stroke-width="2.5"{dash}/>'
        f"{_marker(style, x + 17, y)}"
        f'<text x="{_n(x + 44)}" y="{_n(y + 4)}" fill="{INK}">{escape(trace.name)}</text></g>'
    )
