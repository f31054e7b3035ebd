"""The focus ring against every background the stylesheets paint (WCAG 1.4.11: a focus
indicator needs 3:1 against what is next to it). The colours come from the CSS files
themselves, so a new background or a new focus colour is checked without touching this test.
The ring sits outside the element (``outline-offset``), so the element's own fill does not
count; the page (white, also behind the header) and the light boxes do."""

from __future__ import annotations

import re
from pathlib import Path

CSS = Path(__file__).resolve().parents[1] / "static" / "css"
OWN_FILL = re.compile(r"button|skip-link|badge")  # fills the ring is drawn around, not on
HEX = r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b"


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rgb`` or ``#rrggbb``."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    darker, lighter = sorted((luminance(first), luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def variables(css: str) -> dict[str, str]:
    return dict(re.findall(rf"(--[\w-]+):\s*({HEX})", css))


def resolve(value: str, names: dict[str, str]) -> list[str]:
    """The hex colours in a declaration's value, ``var(--x)`` replaced by its colour."""
    found = re.findall(rf"var\((--[\w-]+)\)|({HEX})", value)
    return [names[name] if name else colour for name, colour in found if name in names or colour]


def screen_css() -> str:
    """All stylesheets without their print blocks (paper has no focus)."""
    text = "\n".join(path.read_text() for path in sorted(CSS.glob("*.css")))
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"@media print\s*\{(?:[^{}]|\{[^{}]*\})*\}", "", text)


def focus_and_backgrounds() -> tuple[list[str], set[str]]:
    css = screen_css()
    names = variables(css)
    rings = [
        colour
        for value in re.findall(r":focus(?:-visible)?\s*\{[^}]*?outline:\s*([^;}]+)", css)
        for colour in resolve(value, names)
    ]
    backgrounds = {"#fff", names["--bg"]}  # the page, behind the header too
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if OWN_FILL.search(selector):
            continue  # buttons and the skip link: the ring is drawn outside their own fill
        for value in re.findall(r"background(?:-color)?:\s*([^;}]+)", body):
            backgrounds.update(resolve(value, names))
    return rings, backgrounds


def test_the_contrast_formula_matches_known_pairs() -> None:
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#e37400", "#f2f5f8"), 2) == 2.84  # the old ring on a card


def test_the_focus_ring_has_3_to_1_on_every_background() -> None:
    rings, backgrounds = focus_and_backgrounds()
    assert rings, "no focus outline colour found"
    assert {"#f2f5f8", "#fff8e6"} <= {b.lower() for b in backgrounds}
    weak = {
        (ring, ground): round(contrast(ring, ground), 2)
        for ring in rings
        for ground in backgrounds
        if contrast(ring, ground) < 3
    }
    assert weak == {}
