"""The PDF report read back with pypdf: its numbers, levels and next steps match the engine's
``to_dict`` and the result page in both languages; A4, DejaVu fonts, German characters,
the completion date; extra data (a comparison, an extra section); nothing fetched remotely."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import weasyprint.urls
from babel.numbers import format_decimal
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale
from jinja2 import ChoiceLoader, DictLoader
from pypdf import PdfReader
from reporthelp import COMPLETED_AT, PROFILE, generated_answers, pdf_pages, pdf_text
from webpage import parse

from zzcheck.extensions import db
from zzcheck.questionnaire.legal import load_legal
from zzcheck.registry import current_registry
from zzcheck.report.content import Comparison, Report, ReportSection
from zzcheck.report.pdf import (
    RemoteResourceRefused,
    css_string,
    html_to_pdf,
    local_fetcher,
    page_footer,
    report_pdf,
)
from zzcheck.scoring import score
from zzcheck.storage.assessments import find_assessment, result_of

ROOT = Path(__file__).resolve().parents[2]
SEED = 3
TEXTS = {
    "de": {
        "not_rated": "zu wenige Antworten",
        "of": "von",
        "from": "ab",
        "area": "Bereich",
        "priority": "Priorität",
    },
    "en": {
        "not_rated": "not enough answers",
        "of": "of",
        "from": "from",
        "area": "Area",
        "priority": "Priority",
    },
}
PRIORITY = {"de": {1: "hoch", 2: "mittel", 3: "niedrig"}, "en": {1: "high", 2: "medium", 3: "low"}}
KIND = {
    "de": {"quick_win": "Schneller Erfolg", "duty": "Pflicht, die nicht warten sollte"}
    | {"people": "Für Ihre Beschäftigten"},
    "en": {
        "quick_win": "Quick win",
        "duty": "Duty that should not wait",
        "people": "For your staff",
    },
}


def squeeze(text: str) -> str:
    """Without any whitespace: PDF text extraction breaks lines and splits kerned pairs."""
    return "".join(text.split())


def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=lang)


def download(client: FlaskClient, token: str, lang: str) -> bytes:
    response = client.get(f"/a/{token}/bericht.pdf", headers={"Accept-Language": lang})
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    return response.data


def engine_dict(app: Flask, lang: str) -> dict[str, Any]:
    """What the engine says for the answers ``complete`` stored, independent of storage."""
    with app.app_context():
        loaded = current_registry().get("ki-readiness")
        assert loaded is not None
        answers = generated_answers(loaded.questionnaire, SEED)
        return score(loaded.questionnaire, answers, PROFILE).to_dict(lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_numbers_levels_and_steps_match_the_engine(
    app: Flask, client: FlaskClient, complete: Callable[..., str], lang: str
) -> None:
    token = complete("ki-readiness", seed=SEED)
    text = squeeze(pdf_text(download(client, token, lang)))
    data, words = engine_dict(app, lang), TEXTS[lang]
    assert data["recommendations"] and data["overall"]["rated"]
    assert any(step["first"] for step in data["recommendations"])
    for dim in data["dimensions"]:
        shown = number(dim["score"], lang) if dim["rated"] else words["not_rated"]
        level = dim["level"]["name"] if dim["level"] else "–"
        answered = f"{dim['answered']} {words['of']} {dim['total']}"
        assert squeeze(f"{dim['title']} {shown} {level} {answered}") in text, dim["id"]
    overall = data["overall"]
    assert squeeze(f"{number(overall['score'], lang)} {words['of']} 100") in text
    assert squeeze(f"{overall['level']['name']} {overall['level']['description']}") in text
    for level in data["levels"]:
        assert squeeze(f"{level['name']} ({words['from']} {number(level['min'], lang)}") in text
    for step in data["recommendations"]:
        # first steps name their kind and area; the others stand under their area's heading
        kind = f"{KIND[lang][step['kind']]} · " if step["first"] else ""
        area = f"{words['area']}: {step['dimension']['title']} · " if step["first"] else ""
        priority = f"{words['priority']}: {PRIORITY[lang][step['priority']]}"
        assert squeeze(f"{step['title']} {kind}{area}{priority}") in text
        assert squeeze(step["text"]) in text
        assert not step["dimension"] or squeeze(step["dimension"]["title"]) in text
    assert squeeze(data["explanation"]) in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_pdf_shows_what_the_result_page_shows(
    client: FlaskClient, complete: Callable[..., str], lang: str
) -> None:
    token = complete("ki-readiness", seed=SEED)
    text = squeeze(pdf_text(download(client, token, lang)))
    page = client.get(f"/a/{token}/ergebnis", headers={"Accept-Language": lang})
    root = parse(page.data)
    rows = [row for row in root.find_all("tr") if row.get("data-dimension")]
    assert len(rows) == 7
    for row in rows:
        cells = [cell.text for cell in row.find_all() if cell.tag in ("th", "td")]
        assert squeeze(" ".join(cells)) in text, cells
    score_number = root.find(class_="score-number")
    assert score_number is not None and squeeze(score_number.text) in text
    steps = root.find(class_="steps-by-area")
    assert steps is not None
    titles = [h.text for h in steps.find_all() if h.tag in ("h3", "h4")]  # areas and steps
    assert titles and all(squeeze(title) in text for title in titles)


def test_a4_pages_dejavu_fonts_german_characters_and_metadata(
    client: FlaskClient, complete: Callable[..., str]
) -> None:
    pdf = download(client, complete("ki-readiness", seed=SEED), "de")
    pages = pdf_pages(pdf)
    assert len(pages) >= 2 and all(page == pytest.approx((210, 297), abs=0.5) for page in pages)
    text = pdf_text(pdf)
    for word in (
        "Veränderungsbereitschaft",
        "Anwendungsfälle",
        "nächsten",
        "größten",
        "„weiß nicht“",
    ):
        assert word in text
    assert "Seite 1 von " in text and f"Seite {len(pages)} von {len(pages)}" in text
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert (
        reader.metadata is not None
        and reader.metadata.title == "Ergebnisbericht – KI-Readiness-Check"
    )
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {"DejaVu-Sans", "DejaVu-Sans-Bold"} <= fonts
    assert all(font.startswith("DejaVu-Sans") for font in fonts)


@pytest.mark.parametrize(
    ("lang", "heading", "dated"),
    [
        ("de", "Ergebnisbericht", "ausgefüllt am 06.03.2026"),
        ("en", "Result report", "completed on 6 March 2026"),
    ],
)
def test_title_version_completion_date_and_legal_status(
    client: FlaskClient, complete: Callable[..., str], lang: str, heading: str, dated: str
) -> None:
    text = pdf_text(download(client, complete("ki-readiness"), lang))
    title = "KI-Readiness-Check" if lang == "de" else "AI readiness check"
    month = load_legal(ROOT / "questionnaires").status  # the newest 'checked' of _legal.yaml
    status = f"Rechtsstand: {month}" if lang == "de" else f"Legal status: {month}"
    assert f"{heading} {title} Version 1.1 · {dated} · {status}" in text  # 23:30 UTC → 6 March


def test_a_comparison_and_an_extra_section_are_added_by_passing_data(
    app: Flask, complete: Callable[..., str]
) -> None:
    """The extension points for peer comparison, action plans and team campaigns."""
    token = complete("ki-readiness", seed=SEED)
    app.jinja_env.loader = ChoiceLoader(
        [
            DictLoader({"report/_plan.html": "<h2>Maßnahmenplan</h2><p>{{ context.first }}</p>"}),
            app.jinja_env.loader,
        ]  # type: ignore[list-item]
    )
    with app.test_request_context():
        assessment = find_assessment(db.session, token)
        assert assessment is not None
        result = result_of(assessment)
        ids = [dim.id for dim in result.dimensions]
        peers = Comparison(
            "Betriebe Ihrer Branche (n = 23)", {i: 20.25 + 7 * n for n, i in enumerate(ids[:-1])}
        )
        section = ReportSection("_plan.html", {"first": "Bis Mai: KI-Liste <anlegen> & prüfen"})
        pdf = report_pdf(Report(result, "de", COMPLETED_AT, "11/2026", peers, (section,)))
    text = pdf_text(pdf)
    assert "Ihr Ergebnis Betriebe Ihrer Branche (n = 23)" in text  # the radar's legend
    for n, dim in enumerate(result.to_dict("de")["dimensions"]):  # the table's last column
        peer = number(20.3 + 7 * n, "de") if n < len(ids) - 1 else "–"
        assert squeeze(f"{dim['answered']} von {dim['total']} {peer}") in squeeze(text)
    assert "Maßnahmenplan Bis Mai: KI-Liste <anlegen> & prüfen" in text


def test_rendering_fetches_nothing_remote(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        weasyprint.urls, "urlopen", lambda request, **kw: opened.append(request.full_url)
    )
    html = (
        '<link rel="stylesheet" href="https://example.invalid/x.css">'
        '<img src="http://example.invalid/x.png"><img src="file:///etc/hostname">'
        '<p style="background: url(ftp://example.invalid/y.png)">Text</p>'
    )
    with app.app_context():
        pdf = html_to_pdf(html, tmp_path)
    assert pdf.startswith(b"%PDF") and "Text" in pdf_text(pdf)
    assert opened == []


def test_the_fetcher_reads_only_data_urls_and_files_below_its_root(tmp_path: Path) -> None:
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "a.css").write_text("p { color: black }")
    fetch = local_fetcher(tmp_path)
    assert b"color" in _body(fetch((tmp_path / "css" / "a.css").as_uri()))
    assert _body(fetch("data:text/plain,hallo")) == b"hallo"
    for url in (
        "http://example.invalid/a.css",
        "https://127.0.0.1/",
        "file:///etc/passwd",
        (tmp_path / "css" / ".." / ".." / "x").as_uri(),
        "file://example.invalid/share/a.css",
    ):
        with pytest.raises(RemoteResourceRefused):
            fetch(url)


def _body(fetched: dict[str, Any]) -> bytes:
    if "string" in fetched:
        return bytes(fetched["string"])
    with fetched["file_obj"] as handle:
        return bytes(handle.read())


def test_footer_text_is_a_safe_css_string(app: Flask) -> None:
    assert css_string('a"b\\c</style>\n') == '"a\\"b\\\\c\\3c /style>\\a "'
    with app.test_request_context(), force_locale("en"):
        assert page_footer() == '"Page " counter(page) " of " counter(pages) ""'
    with app.test_request_context(), force_locale("de"):
        assert page_footer() == '"Seite " counter(page) " von " counter(pages) ""'
