"""The operator's funding logos (``ZZCHECK_LOGOS``): shown in every page's footer with their
text alternative in the page's language, served only when listed, none shipped; a bad list
stops the start with file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from webpage import parse

from zzcheck import create_app
from zzcheck.extensions import db

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def logo_folder(tmp_path: Path, listing: str) -> Path:
    (tmp_path / "bmas.svg").write_text(SVG, encoding="utf-8")
    (tmp_path / "geheim.svg").write_text(SVG, encoding="utf-8")  # beside it, not listed
    listed = tmp_path / "logos.yaml"
    listed.write_text(listing, encoding="utf-8")
    return listed


LISTING = """\
logos:
  - {file: bmas.svg, alt: {de: "Bundesministerium für Arbeit und Soziales", en: "Federal Ministry of Labour and Social Affairs"}}
"""


@pytest.fixture
def logo_app(app_config: dict[str, Any], tmp_path: Path) -> Iterator[Flask]:
    made = create_app({**app_config, "ZZCHECK_LOGOS": str(logo_folder(tmp_path, LISTING))})
    yield made
    with made.app_context():
        db.engine.dispose()


def test_no_logos_are_shipped_or_shown_by_default(app: Flask) -> None:
    page = parse(app.test_client().get("/").data)
    assert page.find("ul", class_="funding-logos") is None
    assert "gefördert durch das Bundesministerium" in page.find("footer").text
    assert app.test_client().get("/logos/bmas.svg").status_code == 404


def test_listed_logos_are_shown_with_their_text_and_served(logo_app: Flask) -> None:
    client = logo_app.test_client()
    footer = parse(client.get("/").data).find("footer")
    [image] = footer.find_all("img")
    assert image.get("src") == "/logos/bmas.svg"
    assert image.get("alt") == "Bundesministerium für Arbeit und Soziales"
    english = parse(client.get("/", headers={"Accept-Language": "en"}).data).find("footer")
    assert english.find("img").get("alt") == "Federal Ministry of Labour and Social Affairs"
    with client.get("/logos/bmas.svg") as served:
        assert served.status_code == 200 and served.mimetype == "image/svg+xml"
        assert served.data.decode() == SVG
    for unlisted in ("geheim.svg", "logos.yaml", "..%2Flogos.yaml", "nothing.png"):
        assert client.get(f"/logos/{unlisted}").status_code == 404, unlisted


def test_a_bad_logo_list_stops_the_start_with_file_and_line(
    app_config: dict[str, Any], tmp_path: Path
) -> None:
    listing = "logos:\n  - {file: bmas.svg}\n  - {file: fehlt.png, alt: Fehlt}\n  - {file: x.exe, alt: X}\n"
    listed = logo_folder(tmp_path, listing)
    with pytest.raises(SystemExit) as stopped:
        create_app({**app_config, "ZZCHECK_LOGOS": str(listed)})
    message = str(stopped.value)
    assert message.startswith("zzcheck: invalid logos file (ZZCHECK_LOGOS):")
    assert f"{listed}:2: logos[0].alt: required key is missing" in message
    assert f"{listed}:4: logos[2].file: " in message
    listing = "logos:\n  - {file: fehlt.png, alt: Fehlt}\n"
    with pytest.raises(SystemExit) as stopped:
        create_app({**app_config, "ZZCHECK_LOGOS": str(logo_folder(tmp_path, listing))})
    assert f"{listed}:2: logos[0].file: no such file" in str(stopped.value)
