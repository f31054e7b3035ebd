"""``warm_up``: a server's worker loads WeasyPrint and the fonts before its first report;
where they are missing the app still starts (every other page works there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzcheck.report import pdf


def test_warm_up_renders_a_pdf_with_the_fonts(tmp_path: Path) -> None:
    assert pdf.warm_up(tmp_path) is True


@pytest.mark.parametrize("error", [ImportError("no weasyprint"), OSError("no libpango")])
def test_warm_up_without_weasyprint_or_pango_lets_the_app_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    def missing(html: str, root: Path) -> bytes:
        raise error

    monkeypatch.setattr(pdf, "html_to_pdf", missing)
    assert pdf.warm_up(tmp_path) is False
