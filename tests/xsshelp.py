"""Cross-site scripting payloads and the check that a page shows them only as text.

The hostile questionnaire ``tests/fixtures/xss/boese.yaml`` carries the payloads in every
text; the tests add them to what people type (company and contact names, client names,
notes, action items, invitation labels, free-text answers). ``markup_problems(html)`` reads
a page the way a browser would and lists every place where a payload became markup: a
script element, an event-handler attribute, a ``javascript:`` URL, an ``<img>``/``<svg>``
(the app's pages have none of their own but the server-drawn radar, ``<svg class="radar">``,
whose texts are escaped like any other), or a ``<`` inside a JSON data block.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

HOSTILE = str(Path(__file__).resolve().parent / "fixtures" / "xss")
SCRIPT = "<script>window.__xss=1</script>"
BREAKOUT = '"><img src=x onerror=window.__xss=1>'
JS_LINK = '<a href="javascript:window.__xss=1">Link</a>'
END_JSON = "</script><script>window.__xss=1</script>"
ALERT = "'><svg onload=alert(1)>"
PAYLOAD = f"{SCRIPT} {BREAKOUT} {JS_LINK} {END_JSON} {ALERT}"
SHORT = f"{SCRIPT}{BREAKOUT}"  # for fields of at most 120 characters

COMPANY = f"Firma {SHORT}"
CONTACT = f"Kontakt {JS_LINK}"
CLIENT = f"Kunde {SHORT}"
NOTE = f"Notiz {PAYLOAD}"
ITEM = f"Massnahme {SHORT}"
LABEL = f"Etikett {SHORT}"
FREE_TEXT = f"Freitext {PAYLOAD}"
# Fragments that exist only where a payload was not escaped.
RAW = ("<script>window", "<img src=x", '<a href="javascript:', "<svg onload", '"><img', "'><svg")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.json_blocks: list[str] = []
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        own_radar = tag == "svg" and values.get("class") == "radar"
        if tag in ("img", "svg", "iframe", "object", "embed") and not own_radar:
            self.problems.append(f"<{tag}> element")
        if tag == "script" and "src" not in values:
            self._json = values.get("type") == "application/json"
            if not self._json:
                self.problems.append("inline <script>")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> handler")
            if name in URL_ATTRIBUTES and _scheme(value) in ("javascript", "data", "vbscript"):
                self.problems.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._json = False

    def handle_data(self, data: str) -> None:
        if self._json:
            self.json_blocks.append(data)


def _scheme(url: str) -> str:
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


def markup_problems(html: str) -> list[str]:
    """Every place where text became markup; empty for a safe page."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    problems = reader.problems + [f"raw {fragment!r}" for fragment in RAW if fragment in html]
    for block in reader.json_blocks:
        if "<" in block or ">" in block:
            problems.append("'<' or '>' in a JSON block (not \\u003c-escaped)")
        json.loads(block)  # and it is still valid JSON
    return problems


def json_blocks(html: str) -> list[str]:
    """The raw text of the page's ``<script type="application/json">`` blocks."""
    reader = _Reader()
    reader.feed(html)
    return reader.json_blocks
