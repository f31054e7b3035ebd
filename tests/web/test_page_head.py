"""What every page's head and chart markup promise: the favicon is served (no 404 in any
browser console), public pages describe themselves for search results in the chosen
language while token and staff pages have no description and stay ``noindex``, and the
no-JavaScript sentence of a chart sits beside its ``role="img"`` (inside it screen readers
would never read it: an image's content is hidden behind its name)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from centrehelp import WERKSTATT
from flask import Flask, render_template_string
from journeyhelp import Respondent
from test_wcag_markup import choose_language, page_of, respondent_urls, workspace  # noqa: F401
from webpage import Element, parse

from zzcheck.report.svg import GEOMETRY, axis_angle, polar_point

QUESTIONNAIRES = WERKSTATT
PUBLIC = ["/", "/datenschutz", "/login", "/leichte-sprache", "/leichte-sprache/datenschutz"]
PUBLIC += ["/leichte-sprache/ergebnis"]


def description(root: Element) -> str | None:
    meta = root.find("meta", name="description")
    return None if meta is None else meta.get("content")


def test_favicon_is_served_and_linked(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/favicon.ico").status_code == 301
    with client.get("/favicon.ico", follow_redirects=True) as response:
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        svg = response.get_data()
    assert svg.startswith(b"<svg") and b"style=" not in svg  # no inline style: the CSP
    icon = page_of(client, "/").find("link", rel="icon")
    assert icon is not None and icon.get("type") == "image/svg+xml"
    with client.get(icon.attrs["href"]) as linked:
        assert linked.get_data() == svg


def test_public_pages_describe_themselves_and_private_pages_do_not(
    app: Flask,
    workspace: dict[str, Any],  # noqa: F811
    login: Callable[..., Any],
) -> None:
    found: dict[str, dict[str, str | None]] = {"de": {}, "en": {}}
    for lang in ("de", "en"):
        client = app.test_client()
        choose_language(client, lang)
        for url in PUBLIC:
            response = client.get(url)
            assert "X-Robots-Tag" not in response.headers, url
            found[lang][url] = description(page_of(client, url))
    assert all(text and 40 <= len(text) <= 200 for text in found["de"].values()), found["de"]
    assert all(found["de"][url] != found["en"][url] for url in PUBLIC), found
    assert len(set(found["de"].values())) == len(PUBLIC)  # each page its own
    respondent = Respondent(app.test_client())
    urls, _token = respondent_urls(respondent)
    private = [(respondent.client, url) for url in urls if url.startswith("/a/")]
    staff = app.test_client()
    login(staff, workspace["consultant"])
    private += [(staff, url) for url in workspace["pages"]]
    for browser, url in private:
        response = browser.get(url)
        assert response.headers.get("X-Robots-Tag") == "noindex", url
        assert description(page_of(browser, url)) is None, url


@pytest.mark.parametrize(
    ("template", "kind"),
    [("programme/_macros.html", "data-chart"), ("programme/_macros.html", "data-radar")],
)
def test_the_no_script_sentence_is_outside_the_chart_image(
    app: Flask, template: str, kind: str
) -> None:
    """The programme's charts have no server-drawn version: their sentence stays, beside."""
    source = (
        f'{{% from "{template}" import chart %}}'
        '{{ chart("fig-x", {"data": [], "layout": {}}, "Balken je Land", kind) }}'
    )
    with app.test_request_context():
        root = parse(render_template_string(source, kind=kind.removeprefix("data-")))
    chart = root.find(**{kind.replace("-", "_"): "fig-x"})
    assert chart is not None and chart.get("role") == "img" and chart.children == []
    following = chart.parent.children  # type: ignore[union-attr]
    after = [c for c in following[following.index(chart) + 1 :] if isinstance(c, Element)]
    assert after[0].tag == "p" and "chart-fallback" in (after[0].get("class") or "")
    assert "Tabelle" in after[0].text


def test_the_comparison_carries_the_drawn_overlay(
    app: Flask,
    workspace: dict[str, Any],  # noqa: F811
    login: Callable[..., Any],
) -> None:
    staff = app.test_client()
    login(staff, workspace["consultant"])
    comparison = next(url for url in workspace["pages"] if "vergleich" in url)
    response = staff.get(comparison)
    chart = parse(response.data).find(data_radar="comparison-data")
    assert chart is not None and chart.get("aria-label")
    svg = chart.find("svg", class_="radar")
    assert svg is not None and len(svg.find_all("polygon")) >= 2  # before and after
    assert len(svg.find_all("g", class_="trace")) == 2
    assert "zwei Linien zum Vergleich" in svg.find("title").text  # type: ignore[union-attr]
    assert b"style=" not in response.data


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_result_page_carries_the_drawn_radar_with_the_tables_numbers(
    app: Flask, lang: str
) -> None:
    respondent = Respondent(app.test_client())
    choose_language(respondent.client, lang)
    _urls, token = respondent_urls(respondent)
    response = respondent.client.get(f"/a/{token}/ergebnis")
    root = parse(response.data)
    chart = root.find(data_radar="radar-data")
    assert chart is not None and chart.get("role") == "img" and chart.get("aria-label")
    svg = chart.find("svg")
    assert svg is not None and "radar" in (svg.get("class") or "")
    assert svg.find("title") is not None and svg.find("title").text  # type: ignore[union-attr]
    table = root.find("table", class_="scores")
    assert table is not None
    cells = [
        row.find_all("td")[0].text for row in table.find_all("tr") if row.get("data-dimension")
    ]
    scores = [float(c.replace(",", ".")) if c[:1].isdigit() else None for c in cells]
    expected = [
        polar_point(score, axis_angle(i, len(scores)), GEOMETRY.centre, GEOMETRY.radius)
        for i, score in enumerate(scores)
        if score is not None
    ]
    drawn = [
        tuple(float(n) for n in pair.split(","))
        for pair in svg.find("polygon").attrs["points"].split()  # type: ignore[union-attr]
    ]
    assert len(drawn) == len(expected) == len(scores) == 2  # the test questionnaire: 2 areas
    pairs = [
        (a, b) for p, q in zip(drawn, expected, strict=True) for a, b in zip(p, q, strict=True)
    ]
    assert all(abs(a - b) < 0.01 for a, b in pairs), pairs
    assert not any(e.get("style") for e in svg.iter())  # the CSP allows no inline style
    assert b"style=" not in response.data
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
