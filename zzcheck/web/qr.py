"""QR codes as inline SVG, made locally by ``segno`` (no network, no image file, no ``style``
attribute – only SVG presentation attributes, which the CSP allows): the personal team codes'
slips and the owner's personal link."""

from __future__ import annotations

import segno
from markupsafe import Markup, escape


def qr_svg(data: str, label: str) -> Markup:
    """A QR code as inline SVG that scales with its box (viewBox, no size), named for
    screen readers. Error correction M survives a crease or a pin hole."""
    svg = segno.make(data, error="m").svg_inline(
        omitsize=True, border=2, svgclass="qr", lineclass=None, dark="#000"
    )
    named = f'<svg role="img" aria-label="{escape(label)}" focusable="false" '
    return Markup(svg.replace("<svg ", named, 1))  # segno's markup, our label
