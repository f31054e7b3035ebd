"""Vendored static files: far-future caching, busted by the version query (zzcheck/assets.py)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from flask import Flask, render_template_string
from flask.testing import FlaskClient

from zzcheck.assets import VENDOR_MAX_AGE
from zzcheck.charts import PLOTLY_JS_VERSION

BUNDLE = Path(__file__).resolve().parent.parent / "static" / "vendor" / "plotly.min.js"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Static files do not touch the database: SQLite only."""
    return f"sqlite:///{tmp_path / 'zzcheck.sqlite'}"


def test_vendor_url_carries_the_plotly_version_and_content_hash(app: Flask) -> None:
    digest = hashlib.sha256(BUNDLE.read_bytes()).hexdigest()[:8]

    with app.test_request_context():
        url = render_template_string("{{ vendor_url('plotly.min.js') }}")

    assert url == f"/static/vendor/plotly.min.js?v={PLOTLY_JS_VERSION}-{digest}"


def test_vendor_files_are_cached_for_a_year(client: FlaskClient) -> None:
    with client.get(f"/static/vendor/plotly.min.js?v={PLOTLY_JS_VERSION}") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/javascript"
        assert response.cache_control.max_age == VENDOR_MAX_AGE == 31_536_000
        assert response.cache_control.public
        assert response.get_data()[:40] == BUNDLE.read_bytes()[:40]


def test_other_static_files_keep_revalidating(client: FlaskClient) -> None:
    with client.get("/static/js/radar.js") as response:
        assert response.status_code == 200
        assert response.cache_control.max_age is None
        assert b"data-radar" in response.get_data()


def test_vendor_route_does_not_leave_its_folder(client: FlaskClient) -> None:
    assert client.get("/static/vendor/../css/zzcheck.css").status_code == 404
    assert client.get("/static/vendor/nothing.js").status_code == 404


def test_figure_json_filter_embeds_without_html_escaping(app: Flask) -> None:
    with app.test_request_context():
        out = render_template_string("{{ fig|figure_json }}", fig={"t": 'a"</script>'})

    assert out == '{"t":"a\\"\\u003c/script\\u003e"}'
    assert re.search(r"&#\d+;|&quot;", out) is None
